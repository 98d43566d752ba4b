"""Fixtures: one strict build of a copy of the project, shared by every test that reads it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support import BuildResult, build, copy_project, serve


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The project, copied to a temporary folder and built once per test session."""
    project = copy_project(tmp_path_factory.mktemp("project") / "site-source")
    result = build(project)
    assert result.returncode == 0, f"The site did not build:\n{result.output}"
    return result


@pytest.fixture(scope="session")
def site(built: BuildResult) -> Path:
    """The folder of the built site."""
    return built.site


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1, once per session; its base URL."""
    with serve(site) as url:
        yield url
