"""The YAML loader keeps positions and explains syntax problems."""

from __future__ import annotations

import pytest

from macros.errors import DataError
from macros.loader import parse_yaml


def test_positions_point_at_each_key_and_item() -> None:
    loaded = parse_yaml("- id: a\n  name: first\n- id: b\n  sources:\n    - x\n    - y\n", "data/t.yml")
    assert loaded.value == [{"id": "a", "name": "first"}, {"id": "b", "sources": ["x", "y"]}]
    assert loaded.position((0, "name")).line == 2
    assert loaded.position((1,)).line == 3
    assert loaded.position((1, "sources", 1)).line == 6
    assert loaded.position((1, "missing-field")).line == 3, "unknown paths fall back to the item"


def test_dates_stay_text_so_models_parse_them_one_way() -> None:
    loaded = parse_yaml("- last: 2026-01-31\n", "data/t.yml")
    assert loaded.value == [{"last": "2026-01-31"}]


def test_a_key_written_twice_is_an_error() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml("- id: a\n  name: one\n  name: two\n", "data/t.yml")
    problem = caught.value.problems[0]
    assert problem.position.line == 3 and "written twice" in problem.problem


def test_tabs_get_a_hint_about_spaces() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml("- id: a\n\tname: b\n", "data/t.yml")
    assert "tab" in caught.value.problems[0].expected


def test_an_empty_file_is_an_error() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml("# only a comment\n", "data/t.yml")
    assert "empty" in caught.value.problems[0].problem


def test_a_file_not_saved_as_utf8_is_explained(tmp_path) -> None:
    from macros.loader import load_file

    path = tmp_path / "data" / "faqs.yml"
    path.parent.mkdir()
    path.write_bytes("- id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataError) as caught:
        load_file(path, tmp_path)
    problem = caught.value.problems[0]
    assert problem.file == "data/faqs.yml" and "UTF-8" in problem.problem
