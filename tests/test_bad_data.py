"""A mistake in a data file stops the build with a message an editor can act on.

Each fixture in fixtures/bad_data replaces one data file of a copy of the project.
Its header says which file it replaces and which field the message must name; the
line marked `# <- here` (or a `# line:` header) is the line the message must name;
an optional `# suggests:` header is the fix the message must suggest.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import build, copy_project

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "bad_data").glob("*.yml"))


def fixture_expectations(path: Path) -> tuple[str, str, int]:
    """The data file a fixture replaces, the field it breaks and the line at fault."""
    text = path.read_text(encoding="utf-8")
    target = re.search(r"^# replaces: (\S+)$", text, re.MULTILINE)
    field = re.search(r"^# field: (.+)$", text, re.MULTILINE)
    assert target and field, f"{path.name} needs '# replaces:' and '# field:' headers"
    line = re.search(r"^# line: (\d+)$", text, re.MULTILINE)
    if line:
        return target.group(1), field.group(1), int(line.group(1))
    marked = [number for number, content in enumerate(text.splitlines(), 1) if content.endswith("# <- here")]
    assert len(marked) == 1, f"{path.name} must mark exactly one line with '# <- here'"
    return target.group(1), field.group(1), marked[0]


def test_every_bad_input_class_has_a_fixture() -> None:
    names = {path.stem for path in FIXTURES}
    assert names >= {
        "yaml_syntax",
        "empty_file",
        "missing_field",
        "unknown_field",
        "wrong_type",
        "duplicate_id",
        "dangling_reference",
        "negative_duration",
        "min_greater_than_max",
        "unknown_unit",
        "wrong_date_format",
    }


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_bad_data_stops_the_build_with_a_clear_message(fixture: Path, tmp_path: Path) -> None:
    target, field, line = fixture_expectations(fixture)
    project = copy_project(tmp_path / "project")
    (project / "data" / target).write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")

    result = build(project)

    assert result.returncode == 1, result.output
    assert f"data/{target}, line {line}," in result.output, result.output
    assert re.search(rf"Field: .*{re.escape(field)}", result.output), result.output
    assert "Expected:" in result.output and "Found:" in result.output
    assert "Traceback" not in result.output, "data mistakes must not show a Python traceback"
    assert not (project / "site").exists(), "nothing may be built from bad data"


#: Words from the validation library's internals that an editor should never see.
INTERNALS = ("pydantic", "validation error", "Input should be", "type=", "loc=", "For further information", "errors.pydantic.dev")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_messages_lead_with_the_place_and_speak_an_editors_language(fixture: Path, tmp_path: Path) -> None:
    target, _, line = fixture_expectations(fixture)
    project = copy_project(tmp_path / "project")
    (project / "data" / target).write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    from macros.errors import DataError
    from macros.models import load_site_data

    with pytest.raises(DataError) as caught:
        load_site_data(project / "data", project / "docs")
    report = caught.value.report()
    blocks = report.split("\n\n")[1:-1]
    assert blocks[0].startswith(f"Data problem in data/{target}, line {line},"), "the place comes first"
    assert not any(word in report for word in INTERNALS), report
    suggestion = re.search(r"^# suggests: (.+)$", fixture.read_text(encoding="utf-8"), re.MULTILINE)
    if suggestion:
        assert suggestion.group(1) in report, report
