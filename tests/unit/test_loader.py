"""The YAML loader keeps positions and explains syntax problems."""

from __future__ import annotations

from pathlib import Path

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


def test_anchors_and_aliases_are_read_by_the_full_reader() -> None:
    text = "- id: a\n  tags: &shared\n    - hip\n    - back\n- id: b\n  tags: *shared\n"
    loaded = parse_yaml(text, "data/t.yml")
    assert loaded.value == [{"id": "a", "tags": ["hip", "back"]}, {"id": "b", "tags": ["hip", "back"]}]
    assert loaded.position((1, "tags")).line == 6
    assert [text.text for text in loaded.texts] == ["a", "hip", "back", "b", "hip", "back"]


def test_numbers_and_yes_no_read_as_yaml_defines_them() -> None:
    loaded = parse_yaml("- id: a\n  value: 6\n  ok: yes\n  quoted: 'yes'\n  switch: Off\n  long: Yesterday\n", "data/t.yml")
    assert loaded.value == [{"id": "a", "value": 6, "ok": True, "quoted": "yes", "switch": False, "long": "Yesterday"}]
    assert [text.text for text in loaded.texts] == ["a", "yes", "Yesterday"]


def test_an_explicit_tag_is_read_by_the_full_reader() -> None:
    loaded = parse_yaml("- id: a\n  tagged: !!str 7\n", "data/t.yml")
    assert loaded.value == [{"id": "a", "tagged": "7"}]


def test_a_key_that_is_not_text_is_an_error() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml("- id: a\n  12: b\n", "data/t.yml")
    problem = caught.value.problems[0]
    assert problem.position.line == 2
    assert "not a field name" in problem.problem


def test_two_documents_in_one_file_are_an_error() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml("- id: a\n---\n- id: b\n", "data/t.yml")
    assert caught.value.problems[0].position.line == 2


MINI_DATA = Path(__file__).resolve().parent.parent / "fixtures" / "mini_data"


@pytest.mark.parametrize("path", sorted(MINI_DATA.glob("*.yml")), ids=lambda path: path.name)
def test_both_readers_agree_on_every_data_file(path: Path) -> None:
    """The quick event reader gives what the full node reader gives: values, every position, every text."""
    from macros.loader import _read

    text = path.read_text(encoding="utf-8")
    quick, full = _read(text, path.name, text.splitlines(), True), _read(text, path.name, text.splitlines(), False)
    assert (quick.value, quick.positions, quick.texts) == (full.value, full.positions, full.texts)
    assert quick.positions and quick.texts
