"""A mistake in a data file stops the build with a message an editor can act on.

Each fixture in fixtures/bad_data replaces one data file of a copy of the project, or,
with `# replaces item in: <file>`, only the item with its id in that file (the rest of the
real file stays, so nothing else breaks and the message points into the real file).
Its header says which file it replaces and which field the message must name; the
line marked `# <- here` (or a `# line:` header) is the line the message must name;
an optional `# suggests:` header is the fix the message must suggest. A fixture with
`# checked: when pages are built` breaks a rule that only a page can break (a page after
a procedure without its emergency signs), so its message comes from the build alone; it
may replace a page of docs/, with `# reports:` naming the data file its message points at
and `# line of:` the text of the line there.
The file, line and field are asserted together, inside one problem block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import ROOT, build, copy_project

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "bad_data").glob("*.*"))


@dataclass(frozen=True)
class Expectation:
    """What a fixture replaces, and where the message about it must point."""

    replaces: str  # a data file name, or a path such as docs/recovery.md
    reports: str  # the data file the message names
    field: str
    line: int


def fixture_expectations(path: Path, project: Path = ROOT) -> Expectation:
    """The file a fixture replaces and the file, field and line its message must name.

    The line is the one marked `# <- here`, a `# line:` header, or, with `# line of: text`,
    the line of the reported data file (in `project`) that holds that text.
    """
    text = path.read_text(encoding="utf-8")
    target = re.search(r"^# replaces(?: item in)?: (\S+)$", text, re.MULTILINE)
    field = re.search(r"^# field: (.+)$", text, re.MULTILINE)
    assert target and field, f"{path.name} needs '# replaces:' (or '# replaces item in:') and '# field:' headers"
    if "# replaces item in:" in text:
        marked = [index for index, content in enumerate(text.splitlines(), 1) if content.endswith("# <- here")]
        assert len(marked) == 1, f"{path.name} must mark exactly one line with '# <- here'"
        start, _ = item_block(text.splitlines(), fixture_item_id(text))
        original = (project / "data" / target.group(1)).read_text(encoding="utf-8").splitlines()
        at, _ = item_block(original, fixture_item_id(text))
        return Expectation(target.group(1), target.group(1), field.group(1), at + 1 + marked[0] - 1 - start)
    reports = re.search(r"^# reports: (\S+)$", text, re.MULTILINE)
    reported = reports.group(1) if reports else target.group(1)
    line = re.search(r"^# line: (\d+)$", text, re.MULTILINE)
    line_of = re.search(r"^# line of: (.+)$", text, re.MULTILINE)
    if line:
        number = int(line.group(1))
    elif line_of:
        lines = (project / "data" / reported).read_text(encoding="utf-8").splitlines()
        matches = [index for index, content in enumerate(lines, 1) if content.strip() == line_of.group(1)]
        assert len(matches) == 1, f"{path.name}: '{line_of.group(1)}' must be on one line of {reported}"
        number = matches[0]
    else:
        marked = [index for index, content in enumerate(text.splitlines(), 1) if content.endswith("# <- here")]
        assert len(marked) == 1, f"{path.name} must mark exactly one line with '# <- here'"
        number = marked[0]
    return Expectation(target.group(1), reported, field.group(1), number)


def fixture_item_id(text: str) -> str:
    """The id of the (first) item a fixture holds."""
    found = re.search(r"^- id: (\S+)", text, re.MULTILINE)
    assert found, "the fixture holds no item"
    return found.group(1)


def item_block(lines: list[str], item_id: str) -> tuple[int, int]:
    """The first and one-past-last line index of the item with this id in a data file's lines."""
    start = next(index for index, line in enumerate(lines) if re.fullmatch(rf"- id: {re.escape(item_id)}\s*(#.*)?", line))
    end = next((index for index in range(start + 1, len(lines)) if lines[index].startswith(("- ", "# ---"))), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return start, end


def apply_fixture(fixture: Path, project: Path) -> Expectation:
    """Put a fixture in place in a copy of the project; what its message must name."""
    expected = fixture_expectations(fixture, project)
    destination = project / expected.replaces if "/" in expected.replaces else project / "data" / expected.replaces
    text = fixture.read_text(encoding="utf-8")
    if "# replaces item in:" in text:
        item_id = fixture_item_id(text)
        own = text.splitlines()
        first, last = item_block(own, item_id)
        lines = destination.read_text(encoding="utf-8").splitlines()
        start, end = item_block(lines, item_id)
        destination.write_text("\n".join([*lines[:start], *own[first:last], *lines[end:]]) + "\n", encoding="utf-8")
        return expected
    destination.write_text(text, encoding="utf-8")
    return expected


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
        # Clinical safety rules
        "red_flag_below_its_level",
        "same_signs_two_levels",
        "red_flag_not_listed",
        "warning_sign_without_red_flags",
        "red_flag_milder_after_procedure",
        "care_levels_out_of_order",
        "procedure_page_without_emergency_signs",
        "medical_page_without_situations",
        "clinic_promise_not_attributed",
        "copied_page_only_support",
        "evidence_not_independent",
        "brand_name_first",
        "reviewer_of_a_non_medical_page",
        "two_regions",
        # Decision aids and the risks of treatment
        "decision_without_waiting",
        "unproven_option_said_covered",
        "likelihood_without_number",
        "benefit_only_from_clinic",
        "risk_without_help_sign",
        "cost_without_sources",
    }


def problem_block(output: str, target: str, line: int) -> str:
    """The problem block of a report that starts at `data/<target>, line <line>,`."""
    for block in output.split("\n\n"):
        if f"data/{target}, line {line}," in block:
            return block
    raise AssertionError(f"no problem block names data/{target}, line {line}:\n{output}")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_bad_data_stops_the_build_with_a_clear_message(fixture: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    expected = apply_fixture(fixture, project)

    result = build(project)

    assert result.returncode == 1, result.output
    block = problem_block(result.output, expected.reports, expected.line)
    assert re.search(rf"Field: .*{re.escape(expected.field)}", block), block
    assert "Expected:" in block and "Found:" in block, block
    assert "Traceback" not in result.output, "data mistakes must not show a Python traceback"
    assert not (project / "site").exists(), "nothing may be built from bad data"


#: Words from the validation library's internals that an editor should never see.
INTERNALS = ("pydantic", "validation error", "Input should be", "type=", "loc=", "For further information", "errors.pydantic.dev")


def checked_when_built(fixture: Path) -> bool:
    return "# checked: when pages are built" in fixture.read_text(encoding="utf-8")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_messages_lead_with_the_place_and_speak_an_editors_language(fixture: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    expected = apply_fixture(fixture, project)
    from macros.data import load_site_data
    from macros.errors import DataError

    if checked_when_built(fixture):
        load_site_data(project / "data", project / "docs")  # the data alone is valid
        report = build(project).output
        report = report[report.index("problem in the data files:") :]
    else:
        with pytest.raises(DataError) as caught:
            load_site_data(project / "data", project / "docs")
        report = caught.value.report()
    blocks = report.split("\n\n")[1:-1]
    assert blocks[0].startswith(f"Data problem in data/{expected.reports}, line {expected.line},"), "the place comes first"
    assert not any(word in report for word in INTERNALS), report
    suggestion = re.search(r"^# suggests: (.+)$", fixture.read_text(encoding="utf-8"), re.MULTILINE)
    if suggestion:
        assert suggestion.group(1) in report, report
