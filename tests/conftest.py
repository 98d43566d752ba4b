"""Fixtures: one strict build of a copy of the project, shared by every test that reads it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import BuildResult, build, copy_project, free_port, serve


@pytest.fixture(scope="session")
def published_url() -> str:
    """The address the test site is built for and served at, port included, so its canonical
    links and sitemap name the pages the tests open."""
    return f"http://127.0.0.1:{free_port()}/"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, published_url: str) -> BuildResult:
    """The project, copied to a temporary folder and built once per test session."""
    project = copy_project(tmp_path_factory.mktemp("project") / "site-source")
    result = build(project, extra_env={"SITE_URL": published_url})
    assert result.returncode == 0, f"The site did not build:\n{result.output}"
    return result


@pytest.fixture(scope="session")
def site(built: BuildResult) -> Path:
    """The folder of the built site."""
    return built.site


@pytest.fixture(scope="session")
def site_url(site: Path, published_url: str) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 at the address it was built for, once
    per session; its base URL."""
    with serve(site, port=urlsplit(published_url).port or 0) as url:
        yield url
