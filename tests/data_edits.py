"""Helpers for tests that change one thing in a copy of the real data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from support import ROOT

Items = list[dict[str, Any]]


def copy_data(destination: Path) -> Path:
    """A copy of the real data and pages under `destination`; returns its data folder."""
    shutil.copytree(ROOT / "data", destination / "data")
    shutil.copytree(ROOT / "docs", destination / "docs")
    return destination / "data"


def change(data_dir: Path, name: str, edit: Callable[[Items], None]) -> None:
    """Let `edit` change the items of data/<name>.yml (as parsed YAML), and write them back."""
    path = data_dir / f"{name}.yml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(items)
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True), encoding="utf-8")


def item(items: Items, item_id: str) -> dict[str, Any]:
    """The item with this id."""
    return next(entry for entry in items if entry["id"] == item_id)
