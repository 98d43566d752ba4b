"""Fixtures of the unit tests.

Most unit tests run on the mini dataset (see mini_site.py): a few items per data file,
frozen, so a test can state the exact HTML, words and numbers a widget or rule must
produce, and editors changing data/ never break it. Tests whose point is the real data
use `data_dir`, a copy of data/ and docs/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from data_edits import copy_data
from mini_site import MINI_DATA, MINI_DOCS, copy_mini, mini_text

from macros.data import load_site_data
from macros.models import SiteData
from macros.widgets import Widgets


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the real data and pages, to change one thing at a time."""
    return copy_data(tmp_path)


@pytest.fixture(scope="session")
def mini() -> SiteData:
    """The mini dataset, loaded and validated once."""
    return load_site_data(MINI_DATA, MINI_DOCS)


@pytest.fixture(scope="session")
def mini_widgets(mini: SiteData) -> Widgets:
    """Widgets over the mini dataset. They keep nothing between calls, so one serves every test."""
    return Widgets(mini, mini_text(mini))


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A copy of the mini data (data/) and pages (docs/), to change one thing at a time
    with data_edits.change."""
    return copy_mini(tmp_path)
