"""Helpers shared by the tests: copy the project, build it, read what was built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

#: Folders that are not part of the project's source.
NOT_SOURCE = (".git", ".venv", "node_modules", "site", ".site-build", "test-output", "__pycache__", ".pytest_cache")


def copy_project(destination: Path) -> Path:
    """Copy the project's source (no venv, no build output) into `destination`."""
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    return destination


@dataclass(frozen=True)
class BuildResult:
    """What `mkdocs build` did: its exit code, its combined output and the site folder."""

    returncode: int
    output: str
    site: Path


def build(project: Path, site: Path | None = None, extra_env: dict[str, str] | None = None) -> BuildResult:
    """Run a strict `mkdocs build` of `project`, as `make build` does."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
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
