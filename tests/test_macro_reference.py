"""The macro reference (MACROS.md) is up to date, lists every macro as pages call it, and
names the data files each macro really reads."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from macros import macro_reference
from macros.data import load_site_data
from macros.formatting import placeholder_values
from macros.macro_reference import ATTRIBUTE_FILES, FILE_METHODS, call, generate, reads, shared_reads, summary
from macros.page import MACROS, render_page
from macros.text import TextRenderer
from macros.widgets import Widgets
from support import ROOT


def test_the_macro_reference_is_up_to_date() -> None:
    assert macro_reference.is_current(), "MACROS.md is out of date: run `make schemas`"


def test_check_fails_when_the_reference_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = tmp_path / "MACROS.md"
    monkeypatch.setattr(macro_reference, "REFERENCE", reference)
    assert macro_reference.main(["--check"]) == 1, "no file at all"
    reference.write_text(generate().replace("timeline(timeline_id, level=3)", "timeline(timeline_id)"), encoding="utf-8")
    assert macro_reference.main(["--check"]) == 1
    assert "make schemas" in capsys.readouterr().out
    assert macro_reference.main([]) == 0
    assert macro_reference.main(["--check"]) == 0


def test_every_macro_is_listed_as_a_page_calls_it() -> None:
    text = (ROOT / "MACROS.md").read_text(encoding="utf-8")
    for name in MACROS:
        assert f"## `{call(name)}`\n\n{summary(name)}\n" in text
    assert call("timeline") == "timeline(timeline_id, level=3)"
    assert call("symptom_table") == 'symptom_table(*contexts, level="expected")'
    assert call("glossary") == "glossary()"
    assert "CONTRIBUTING.md" in text and "MACROS.md" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_a_macro_whose_argument_is_not_explained_stops_the_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(macro_reference.ARGUMENTS, "timeline_id")
    with pytest.raises(ValueError, match=r"timeline_id.*ARGUMENTS"):
        generate()


class Recording:
    """Site data that notes which data files are read."""

    def __init__(self, data: Any):
        self._data = data
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._data, name)
        if name in ATTRIBUTE_FILES:
            self.read.add(ATTRIBUTE_FILES[name])
        elif name in FILE_METHODS:

            def named(file: str, *args: Any, **kwargs: Any) -> Any:
                self.read.add(file)
                return value(file, *args, **kwargs)

            return named
        return value


def noting(method: Any, recording: Recording, seen: set[str]) -> Any:
    """`method`, adding the data files each call reads to `seen`."""

    def noted(*args: Any, **kwargs: Any) -> Any:
        recording.read.clear()
        try:
            return method(*args, **kwargs)
        finally:
            seen.update(recording.read)

    return noted


def test_the_files_listed_are_those_the_macros_read_on_every_page() -> None:
    """Every page rendered: each macro read no file the reference leaves out (so the list,
    found in the code, can be trusted)."""
    data = load_site_data(ROOT / "data", ROOT / "docs")
    recording = Recording(data)
    widgets = Widgets(recording, TextRenderer(placeholder_values(data)))  # type: ignore[arg-type]
    seen: dict[str, set[str]] = defaultdict(set)
    for name in MACROS:
        setattr(widgets, name, noting(getattr(widgets, name), recording, seen[name]))
    for markdown in sorted((ROOT / "docs").rglob("*.md")):
        render_page(markdown.read_text(encoding="utf-8"), markdown.relative_to(ROOT / "docs").as_posix(), widgets)

    called = {name: files for name, files in seen.items() if files}
    assert len(called) >= len(MACROS) - 3, f"pages call most macros: {sorted(set(MACROS) - set(called))} read nothing"
    shared = shared_reads()
    for name, files in called.items():
        listed = reads(name)
        if any(file.startswith("<") for file in listed):
            continue  # a file named by an argument, such as count("session_steps")
        assert files <= listed | shared, f"{name} read {sorted(files - listed - shared)}, which MACROS.md does not list"
