"""Helpers shared by the tests: copy the project, build it, read what was built."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
#: Where tests leave files for people to review (screenshots, lists of links); gitignored.
TEST_OUTPUT = ROOT / "test-output"

#: Folders that are not part of the project's source.
NOT_SOURCE = (".git", ".venv", "node_modules", "site", ".site-build", ".cache", "test-output", "__pycache__", ".pytest_cache")


def copy_project(destination: Path, source: Path = ROOT) -> Path:
    """Copy the project's source (no venv, no build output) from `source` into `destination`."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    return destination


@dataclass(frozen=True)
class BuildResult:
    """What `mkdocs build` did: its exit code, its combined output and the site folder."""

    returncode: int
    output: str
    site: Path


def build_command() -> list[str]:
    """The site engine's command: MkDocs, or another one named by SITE_BUILD_COMMAND (the CI
    job that builds and tests with ProperDocs sets it to `properdocs`)."""
    return shlex.split(os.environ.get("SITE_BUILD_COMMAND") or f"{shlex.quote(sys.executable)} -m mkdocs")


def build(project: Path, site: Path | None = None, extra_env: dict[str, str] | None = None) -> BuildResult:
    """Run a strict `mkdocs build` of `project`, as `make build` does."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    completed = subprocess.run(
        [*build_command(), "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site)


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site except the theme's own 404 page."""
    return sorted(path for path in site.rglob("*.html") if path.name == "index.html")


def doc_url(path: str) -> str:
    """The site-relative URL of a page of docs/: '' for index.md, 'hip-pain/' for hip-pain/index.md."""
    relative = Path(path).with_suffix("")
    folder = relative.parent if relative.name == "index" else relative
    return "" if folder.as_posix() == "." else folder.as_posix() + "/"


def doc_urls(docs: Path = ROOT / "docs") -> list[str]:
    """The site-relative URL of every page in docs/."""
    return [doc_url(markdown.relative_to(docs).as_posix()) for markdown in sorted(docs.rglob("*.md"))]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_url(site: Path, page: Path) -> str:
    """The site-relative URL of a built page, like 'stem-cell-therapy/recovery/'."""
    relative = page.parent.relative_to(site).as_posix()
    return "" if relative == "." else relative + "/"


def main_content(document: BeautifulSoup) -> BeautifulSoup:
    """The article of a page: what the reader came for, without navigation."""
    article = document.select_one("article.md-content__inner")
    assert article is not None, "page has no article"
    return article


def normalize(text: str) -> str:
    """Text with runs of white space made single spaces, as a reader sees it."""
    return " ".join(text.split())


def page_text(document: BeautifulSoup) -> str:
    """Everything a reader can read on a page: its text and its tooltips (title attributes)."""
    titles = " ".join(str(element["title"]) for element in document.find_all(title=True))
    body = document.body or document
    return normalize(body.get_text(" ") + " " + titles)


def contains_words(text: str, phrase: str) -> bool:
    """True when `phrase` is in `text` as whole words ('2 to 7 days' is not in '12 to 7 days')."""
    return re.search(rf"(?<![\w.]){re.escape(phrase)}(?![\w])", text) is not None


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def end_headers(self) -> None:
        # This header tells linkchecker the server welcomes it, so it does not pause
        # 0.1 to 0.6 seconds between requests (see linkcheck.director.aggregator).
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up early (a browser or linkchecker stopping a download) is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serve(folder: Path, port: int = 0) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1 (on `port`, or a free one) and yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def in_ci() -> bool:
    """True on CI, where a missing tool is a failure rather than a reason to skip."""
    return os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}


def missing_tool(message: str) -> None:
    """Skip the test on a developer's machine; fail it on CI."""
    import pytest

    if in_ci():
        pytest.fail(f"{message} (CI is set, so this is a failure, not a skip)")
    pytest.skip(message)


def node_tool(name: str) -> Path:
    """A command installed by `npm ci` into node_modules/.bin."""
    path = ROOT / "node_modules" / ".bin" / name
    if not path.exists() or shutil.which("node") is None:
        missing_tool(f"{name} is not installed: install Node.js and npm, then run `make test` (it runs `npm ci`)")
    return path
