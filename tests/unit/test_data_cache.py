"""The data cache reuses a validated load only for the very same inputs, and never hides a mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from mini_site import copy_mini

from macros import data_cache
from macros.data import load_site_data
from macros.errors import DataError
from support import ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with a copy of the mini data and pages."""
    copy_mini(tmp_path)
    return tmp_path


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The data folders actually validated (not taken from the cache)."""
    seen: list[Path] = []

    def counting(data_dir: Path, docs_dir: Path | None = None):
        seen.append(data_dir)
        return load_site_data(data_dir, docs_dir)

    monkeypatch.setattr(data_cache, "load_site_data", counting)
    return seen


def load(project: Path):
    return data_cache.load_site_data_cached(project / "data", project / "docs", project)


def test_the_same_inputs_are_validated_once(project: Path, validations: list[Path]) -> None:
    first = load(project)
    second = load(project)
    assert len(validations) == 1
    assert second.items == first.items
    assert second.get("facts", "rest-time") == first.get("facts", "rest-time")
    assert second.facts.ids() == ["rest-time", "session-total", "benefit-rate", "approval-date", "helpline"]
    assert len(list((project / data_cache.CACHE_FOLDER).glob("*.pickle"))) == 1


def test_an_edited_data_file_is_validated_again(project: Path, validations: list[Path]) -> None:
    before = load(project)
    facts = project / "data" / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("id: rest-time", "id: time-to-rest"), encoding="utf-8")
    with pytest.raises(DataError) as raised:  # texts still use the old id
        load(project)
    assert raised.value.problems[0].problem == 'The placeholder "{rest-time}" names no fact or phase.'
    assert len(validations) == 2
    assert before.has("facts", "rest-time")


def test_a_mistake_is_reported_every_time_and_never_stored(project: Path, validations: list[Path]) -> None:
    glossary = project / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n- id: broken\n  term: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError):
            load(project)
    assert len(validations) == 2
    assert not list((project / data_cache.CACHE_FOLDER).glob("*.pickle"))


def test_a_new_or_removed_page_changes_the_key(project: Path) -> None:
    key = data_cache.cache_key(project / "data", project / "docs")
    (project / "docs" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    assert data_cache.cache_key(project / "data", project / "docs") != key


def test_an_unreadable_entry_is_validated_and_rewritten(project: Path, validations: list[Path]) -> None:
    load(project)
    (entry,) = (project / data_cache.CACHE_FOLDER).glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    data = load(project)
    assert len(validations) == 2
    assert data.has("facts", "rest-time")
    assert entry.read_bytes() != b"not a pickle"


def test_a_change_to_the_macros_code_changes_the_key(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = data_cache.cache_key(project / "data", project / "docs")
    code = project / "code"
    code.mkdir()
    for path in (ROOT / "macros").glob("*.py"):
        (code / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(data_cache, "__file__", str(code / "data_cache.py"))
    assert data_cache.cache_key(project / "data", project / "docs") == key
    (code / "widgets.py").write_text((code / "widgets.py").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert data_cache.cache_key(project / "data", project / "docs") != key
