"""The search-keywords hook finds a page's first index entry among the entries the search plugin just added."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("search_keywords", ROOT / "hooks" / "search_keywords.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def entries(*locations: str) -> list[dict[str, str]]:
    return [{"location": location, "title": location} for location in locations]


def test_the_first_of_the_trailing_entries_of_the_page() -> None:
    index = entries("a/", "a/#one", "b/", "b/#two", "b/#three")
    assert load_hook().first_entry_of(index, "b/") is index[2]


def test_a_page_without_entries_at_the_end_has_none() -> None:
    """An earlier page with the same address never counts: the page just indexed is at the end."""
    index = entries("a/", "a/#one", "b/")
    assert load_hook().first_entry_of(index, "a/") is None
    assert load_hook().first_entry_of([], "a/") is None


def test_a_single_entry_page() -> None:
    index = entries("a/", "", "")
    assert load_hook().first_entry_of(index, "") is index[1]
