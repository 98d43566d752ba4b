"""Helpers for tests that change one thing in a copy of the real data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from macros.data import load_site_data
from macros.errors import DataError, Problem
from support import ROOT, build, copy_project

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


def rebuild_with(project: Path, tmp_path: Path, file: str, edit: Callable[[Items], None]) -> Path:
    """Copy the project, let `edit` change one data file (as parsed YAML), build; the new site."""
    copy = copy_project(tmp_path / "project", source=project)
    change(copy / "data", file.removesuffix(".yml"), edit)
    result = build(copy)
    assert result.returncode == 0, f"the changed project did not build:\n{result.output}"
    return result.site


def problems_of(data_dir: Path) -> list[Problem]:
    """Every problem the data in `data_dir` has (none if it loads)."""
    try:
        load_site_data(data_dir, data_dir.parent / "docs")
    except DataError as error:
        return error.problems
    return []


def only_problem(data_dir: Path) -> Problem:
    """The one problem the data in `data_dir` has."""
    found = problems_of(data_dir)
    assert len(found) == 1, "\n\n".join(p.format() for p in found)
    return found[0]
