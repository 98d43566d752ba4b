"""Fixtures of the unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from data_edits import copy_data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the real data and pages, to change one thing at a time."""
    return copy_data(tmp_path)
