"""A mistake in a data file stops the build with a message an editor can act on.

Each fixture in fixtures/bad_data replaces one data file of a copy of the project, or,
with `# replaces item in: <file>`, only the item with its id in that file (the rest of the
real file stays, so nothing else breaks and the message points into the real file).
Its headers say what the message must say and where it must point:

- `# rule:` what the fixture breaks: a rule of one field (`field: ...`), or the function
  of macros/ that checks a rule across files (`safety.check_region`);
- `# problem:` words of the message's Problem line: they pick out the one problem block
  about this mistake among all the blocks of the report;
- `# field:` the field as that block names it, where `{item}` stands for `item N (id)`,
  the item the expected line is in;
- the expected line: the line marked `# <- here` in the data file as written into the
  copy (so it follows the real file when the fixture replaces one item), a `# line:`
  header, or, with `# line of: text`, the line of the reported data file that holds that text;
- an optional `# suggests:` header: the fix the message must suggest.

A fixture with `# checked: when pages are built` breaks a rule that only a page can break
(a page after a procedure without its emergency signs), so its message comes from the
build alone; it may replace a page of docs/, with `# reports:` naming the data file its
message points at.

The file, line and field are asserted together, on the one problem block about the
mistake, and that block must quote the expected line itself. More mistakes, one for every
data file and every rule that spans files, are made by test_bad_data_edits.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import ROOT, build, copy_project

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "bad_data").glob("*.*"))

#: The comment that marks the line a message must name.
MARK = "# <- here"


# ---------------------------------------------------------------------------
# Reading a report: its problem blocks
# ---------------------------------------------------------------------------

_HEAD = re.compile(r"Data problem in (?P<file>\S+), line (?P<line>\d+), column (?P<column>\d+)")
_LABELLED = re.compile(r"  (?P<label>Field|Problem|Expected|Found):\s*(?P<value>.*)")
_QUOTED = re.compile(r"  (?P<line>\d+) \| (?P<text>.*)")


@dataclass(frozen=True)
class Block:
    """One problem block of a report, as printed by `make check`, the build or DataError.report()."""

    file: str
    line: int
    column: int
    quoted: str | None  # the data file's line, shown under the place (None when not shown)
    field: str
    problem: str
    expected: str
    found: str
    text: str

    def place(self) -> tuple[str, int, str]:
        return self.file, self.line, self.field


def problem_blocks(report: str) -> list[Block]:
    """Every problem block in a report, or in output that holds one (a build's log)."""
    blocks = []
    for chunk in report.split("\n\n"):
        lines = chunk.splitlines()
        head = _HEAD.fullmatch(lines[0]) if lines else None
        if head is None:
            continue
        parts: dict[str, str] = {}
        quoted = None
        for line in lines[1:]:
            if labelled := _LABELLED.fullmatch(line):
                parts[labelled["label"]] = labelled["value"]
            elif source := _QUOTED.fullmatch(line):
                assert int(source["line"]) == int(head["line"]), f"a block quotes another line than it names:\n{chunk}"
                quoted = source["text"]
        assert set(parts) == {"Field", "Problem", "Expected", "Found"}, f"a problem block without its four parts:\n{chunk}"
        blocks.append(
            Block(
                head["file"], int(head["line"]), int(head["column"]), quoted,
                parts["Field"], parts["Problem"], parts["Expected"], parts["Found"], chunk,
            )
        )
    return blocks


def block_about(report: str, words: str) -> Block:
    """The one problem block of `report` whose Problem line holds `words`."""
    about = [block for block in problem_blocks(report) if words in block.problem]
    assert len(about) == 1, f"expected exactly one problem block saying {words!r}, found {len(about)}:\n{report}"
    return about[0]


# ---------------------------------------------------------------------------
# Where a message must point
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """What the one problem block about a mistake must say, and where it must point."""

    file: str  # as reports name it: data/faqs.yml
    line: int
    field: str
    problem: str  # words of its Problem line
    text: str | None  # the text of the expected line, which the block must quote
    suggests: str | None = None

    def assert_named_by(self, report: str) -> Block:
        """Find the block about the mistake; assert it names this file, line and field."""
        block = block_about(report, self.problem)
        wanted = (self.file, self.line, self.field)
        assert block.place() == wanted, f"the block about {self.problem!r} names\n  {block.place()}\nnot\n  {wanted}\n\n{block.text}"
        if block.quoted is not None:
            assert block.quoted == self.text, f"the block quotes another line than line {self.line}:\n{block.text}"
        if self.suggests is not None:
            assert self.suggests in block.expected, f"the block does not suggest {self.suggests!r}:\n{block.text}"
        return block


def marked_lines(text: str) -> list[int]:
    """The numbers of the lines marked `# <- here`."""
    return [number for number, line in enumerate(text.splitlines(), 1) if line.rstrip().endswith(MARK)]


def item_at(lines: list[str], number: int) -> tuple[int, str]:
    """The position (1 for the first) and id of the item of a data file that line `number` is in."""
    starts = [index for index, line in enumerate(lines[:number], 1) if line.startswith("- ")]
    assert starts, f"line {number} is in no item"
    found = re.match(r"- id: (\S+)", lines[starts[-1] - 1])
    return len(starts), found.group(1) if found else ""


def field_at(template: str, lines: list[str], number: int) -> str:
    """A field as reports name it: `{item}` becomes `item N (id)` and `{n}` becomes N, for the
    item that line `number` of the data file is in."""
    if "{item}" not in template and "{n}" not in template:
        return template
    position, item_id = item_at(lines, number)
    return template.replace("{item}", f"item {position} ({item_id})").replace("{n}", str(position))


def expected_at(data_file: Path, line: int, field: str, problem: str, suggests: str | None = None) -> Expected:
    """What the block must name for a mistake reported at `line` of `data_file` (as written)."""
    lines = data_file.read_text(encoding="utf-8", errors="replace").splitlines() if data_file.exists() else []
    text = lines[line - 1] if 0 < line <= len(lines) else None
    return Expected(f"data/{data_file.name}", line, field_at(field, lines, line), problem, text, suggests)


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


def header(text: str, name: str) -> str | None:
    found = re.search(rf"^# {name}: (.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else None


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


def apply_fixture(fixture: Path, project: Path) -> Expected:
    """Put a fixture in place in a copy of the project; what the block about it must name."""
    text = fixture.read_text(encoding="utf-8")
    target = re.search(r"^# replaces(?: item in)?: (\S+)$", text, re.MULTILINE)
    field, problem = header(text, "field"), header(text, "problem")
    assert target and field and problem and header(text, "rule"), (
        f"{fixture.name} needs '# replaces:' (or '# replaces item in:'), '# rule:', '# problem:' and '# field:' headers"
    )
    replaces = target.group(1)
    destination = project / replaces if "/" in replaces else project / "data" / replaces
    if "# replaces item in:" in text:
        item_id = fixture_item_id(text)
        own = text.splitlines()
        first, last = item_block(own, item_id)
        lines = destination.read_text(encoding="utf-8").splitlines()
        start, end = item_block(lines, item_id)
        destination.write_text("\n".join([*lines[:start], *own[first:last], *lines[end:]]) + "\n", encoding="utf-8")
    else:
        destination.write_text(text, encoding="utf-8")

    reported = project / "data" / (header(text, "reports") or replaces)
    written = reported.read_text(encoding="utf-8")
    if number := header(text, "line"):
        line = int(number)
    elif line_of := header(text, "line of"):
        matches = [index for index, content in enumerate(written.splitlines(), 1) if content.strip() == line_of]
        assert len(matches) == 1, f"{fixture.name}: '{line_of}' must be on one line of {reported.name}"
        line = matches[0]
    else:
        marked = marked_lines(written)
        assert len(marked) == 1, f"{fixture.name} must mark exactly one line of {reported.name} with '{MARK}'"
        line = marked[0]
    return expected_at(reported, line, field, problem, header(text, "suggests"))


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


#: Words from the validation library's internals that an editor should never see.
INTERNALS = ("pydantic", "validation error", "Input should be", "type=", "loc=", "For further information", "errors.pydantic.dev")


def checked_when_built(fixture: Path) -> bool:
    return "# checked: when pages are built" in fixture.read_text(encoding="utf-8")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_one_block_names_the_file_line_and_field_in_an_editors_words(fixture: Path, tmp_path: Path) -> None:
    """The data check (what `make check` runs) reports each mistake in one block that names
    its file, line and field, in words without the validation library's internals."""
    from macros.data import load_site_data
    from macros.errors import DataError

    project = copy_project(tmp_path / "project")
    expected = apply_fixture(fixture, project)
    if checked_when_built(fixture):
        load_site_data(project / "data", project / "docs")  # the data alone is valid
        report = build(project).output
    else:
        with pytest.raises(DataError) as caught:
            load_site_data(project / "data", project / "docs")
        report = caught.value.report()
    expected.assert_named_by(report)
    assert not any(word in report for word in INTERNALS), report


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_bad_data_stops_the_build_with_a_clear_message(fixture: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    expected = apply_fixture(fixture, project)

    result = build(project)

    assert result.returncode == 1, result.output
    expected.assert_named_by(result.output)
    assert "Traceback" not in result.output, "data mistakes must not show a Python traceback"
    assert not (project / "site").exists(), "nothing may be built from bad data"


def test_the_project_data_has_no_marked_line() -> None:
    """`# <- here` marks mistakes in the copies the tests make; the real data must not hold it."""
    marked = [path.name for path in sorted((ROOT / "data").glob("*.yml")) if marked_lines(path.read_text(encoding="utf-8"))]
    assert marked == []
