"""No broken link or anchor anywhere on the built site, checked by linkchecker over HTTP.

linkchecker crawls the site served on 127.0.0.1, with its AnchorCheck plugin on, and does
not fetch other websites. The links to other websites are listed for review instead (in the
test's output and in test-output/external-links.txt).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from support import TEST_OUTPUT, html_pages, missing_tool, page_url, serve, soup

#: linkchecker's settings: every link on this host, anchors included; other hosts are
#: listed but not fetched. The local test server lets it go at full speed (see support.serve).
CONFIG = """\
[checking]
threads=2
maxrequestspersecond=1000
timeout=30
[filtering]
checkextern=0
[AnchorCheck]
"""


def linkchecker_command() -> Path:
    """The linkchecker installed next to this Python (the project's venv)."""
    command = Path(sys.executable).parent / "linkchecker"
    if not command.exists():
        missing_tool(f"linkchecker is not installed in {command.parent}: run `make test`, which installs requirements.lock")
    return command


@pytest.fixture(scope="module")
def config_file() -> Iterator[Path]:
    """The settings, where linkchecker can read them: run as root, it drops to user nobody."""
    folder = Path(tempfile.mkdtemp(prefix="linkchecker-"))
    path = folder / "linkcheckerrc"
    try:
        folder.chmod(0o755)
        path.write_text(CONFIG, encoding="utf-8")
        path.chmod(0o644)
        yield path
    finally:
        path.unlink(missing_ok=True)
        folder.rmdir()


def check_links(urls: list[str], config: Path) -> tuple[int, list[dict[str, str]]]:
    """Run linkchecker from these pages; its exit code and every problem it found (errors and warnings)."""
    completed = subprocess.run(
        [str(linkchecker_command()), "--config", str(config), "--no-status", "--output", "csv", *urls],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert completed.returncode in (0, 1), f"linkchecker failed to run:\n{completed.stdout}\n{completed.stderr}"
    rows = [line for line in completed.stdout.splitlines() if not line.startswith("#")]
    found = list(csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"))
    problems = [row for row in found if row.get("valid") != "True" or row.get("warningstring")]
    return completed.returncode, problems


def describe(problems: list[dict[str, str]]) -> str:
    return "\n".join(
        f"{row['urlname']} (on {row['parentname']}, line {row['line']}): {row['result']} {row['warningstring']}".strip() for row in problems
    )


def test_no_broken_links_or_anchors(site: Path, site_url: str, config_file: Path) -> None:
    # From the home page every page is reached; the page for a missing address is not linked.
    returncode, problems = check_links([site_url, site_url + "404.html"], config_file)
    assert problems == [], f"broken links or anchors:\n{describe(problems)}"
    assert returncode == 0


def test_the_link_check_finds_a_broken_link_and_a_broken_anchor(tmp_path: Path, config_file: Path) -> None:
    """The check can fail: a missing page and a missing anchor are both reported."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>Home</title></head><body>'
        '<a href="other.html#here">good</a> <a href="other.html#nowhere">bad anchor</a> '
        '<a href="missing.html">bad page</a> <a href="https://example.org/">elsewhere</a></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "other.html").write_text(
        '<!doctype html><html lang="en"><head><title>Other</title></head><body><h1 id="here">Here</h1></body></html>',
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        returncode, problems = check_links([url], config_file)
    reported = describe(problems)
    assert returncode == 1
    assert "missing.html" in reported and "404" in reported, reported
    assert "nowhere" in reported, reported
    assert "#here" not in reported and "example.org" not in reported, "good links and other hosts are not problems"


def external_links(site: Path) -> dict[str, set[str]]:
    """Every link to another website, with the pages that carry it."""
    links: dict[str, set[str]] = {}
    for page in [*html_pages(site), site / "404.html"]:
        base = "http://site.invalid/" + page_url(site, page)
        for anchor in soup(page).find_all("a", href=True):
            target = urljoin(base, anchor["href"])
            if urlsplit(target).scheme in ("http", "https") and urlsplit(target).netloc != "site.invalid":
                links.setdefault(target, set()).add("/" + page_url(site, page))
    return links


def test_external_links_are_listed_for_review(site: Path) -> None:
    """Links to other websites are not fetched; they are listed so a person can check them."""
    links = external_links(site)
    assert all(url.startswith("https://") for url in links), [url for url in links if not url.startswith("https://")]
    TEST_OUTPUT.mkdir(exist_ok=True)
    listing = "\n".join(f"{url}\n    on {', '.join(sorted(pages))}" for url, pages in sorted(links.items()))
    (TEST_OUTPUT / "external-links.txt").write_text(listing + "\n", encoding="utf-8")
    print(f"{len(links)} links to other websites, not fetched (also in test-output/external-links.txt):\n{listing}")
