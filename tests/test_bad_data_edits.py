"""One mistake in every data file and against every rule that spans files, each reported in
one problem block that names its file, line and field.

Each case changes a line or two of a copy of the live data (the edits below), and marks
with `# <- here` the line the message must name: the changed line, or, for a rule that
reports another place (a missing field, a rule about a whole file, a rule that names the
item another file points at), that line. The expected line is where the mark is in the
file as written, so the cases follow the data as it changes. Each case finds the one
problem block whose Problem line holds its words and asserts that this block names the
marked file and line, the expected field (`{item}` stands for `item N (id)`, the item the
marked line is in) and quotes the marked line; and that the mistake causes no other problem.

Most cases run the data check alone (milliseconds each); a few run `python -m macros.check`
(what `make check` runs) and a whole build, to see the same block printed there.
Mistakes kept as files, one per kind of editing mistake, are in fixtures/bad_data
(test_bad_data.py); the coverage tests at the end count both.
"""

from __future__ import annotations

import inspect
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import BaseModel
from test_bad_data import FIXTURES, MARK, Expected, expected_at, header, item_block, marked_lines

from macros import decision_rules, rules, safety
from macros.data import load_site_data
from macros.errors import DataError
from macros.models import FILES
from macros.references import declared_references
from support import ROOT, build, copy_project

# ---------------------------------------------------------------------------
# Edits to a copy of the live data
# ---------------------------------------------------------------------------

Lines = list[str]


def _block(lines: Lines, item: str | None) -> tuple[int, int]:
    """The line indexes of an item (the whole file when `item` is None)."""
    if item is None:
        return 0, len(lines)
    try:
        return item_block(lines, item)
    except StopIteration:
        raise AssertionError(f"no item with id {item} any more: update this case") from None


def _first(lines: Lines, item: str | None, pattern: str) -> int:
    """The index of the first line of the item that matches `pattern`."""
    start, end = _block(lines, item)
    found = next((index for index in range(start, end) if re.search(pattern, lines[index])), None)
    assert found is not None, f"no line matching {pattern!r} in item {item}: update this case"
    return found


def _marked(line: str) -> str:
    return f"{line}  {MARK}"


@dataclass(frozen=True)
class Swap:
    """In the item with id `item` (anywhere in the file when None), the first line that matches
    `pattern` has the match replaced by `new` (a regular expression replacement)."""

    file: str
    item: str | None
    pattern: str
    new: str
    mark: bool = True

    def apply(self, project: Path) -> None:
        def swap(lines: Lines) -> None:
            index = _first(lines, self.item, self.pattern)
            changed = re.sub(self.pattern, self.new, lines[index], count=1)
            lines[index : index + 1] = (_marked(changed) if self.mark else changed).split("\n")

        _edit_lines(project, self.file, swap)


@dataclass(frozen=True)
class Insert:
    """A new line, after the first line of the item that matches `after`."""

    file: str
    item: str
    after: str
    line: str
    mark: bool = True

    def apply(self, project: Path) -> None:
        def insert(lines: Lines) -> None:
            index = _first(lines, self.item, self.after)
            lines.insert(index + 1, _marked(self.line) if self.mark else self.line)

        _edit_lines(project, self.file, insert)


@dataclass(frozen=True)
class Drop:
    """The first line of the item that matches `pattern` left out, with the lines under it."""

    file: str
    item: str
    pattern: str

    def apply(self, project: Path) -> None:
        def drop(lines: Lines) -> None:
            index = _first(lines, self.item, self.pattern)
            indent = len(lines[index]) - len(lines[index].lstrip())
            end = index + 1
            while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
                end += 1
            del lines[index:end]

        _edit_lines(project, self.file, drop)


@dataclass(frozen=True)
class Mark:
    """The first line of the item that matches `pattern`, marked as the line the message names."""

    file: str
    item: str | None
    pattern: str

    def apply(self, project: Path) -> None:
        def mark(lines: Lines) -> None:
            index = _first(lines, self.item, self.pattern)
            lines[index] = _marked(lines[index])

        _edit_lines(project, self.file, mark)


@dataclass(frozen=True)
class Append:
    """Text added at the end of a data file (new items, with their mark)."""

    file: str
    text: str

    def apply(self, project: Path) -> None:
        _edit_lines(project, self.file, lambda lines: lines.extend(["", *self.text.strip("\n").split("\n")]))


@dataclass(frozen=True)
class Replace:
    """Every `old` in a data file replaced by `new` (no mark)."""

    file: str
    old: str
    new: str

    def apply(self, project: Path) -> None:
        path = project / "data" / self.file
        text = path.read_text(encoding="utf-8")
        assert self.old in text, f"no {self.old!r} in {self.file}: update this case"
        path.write_text(text.replace(self.old, self.new), encoding="utf-8")


@dataclass(frozen=True)
class Unlist:
    """The item written without its dash, as if the file held one item: a group of fields, not a list."""

    file: str
    item: str

    def apply(self, project: Path) -> None:
        def unlist(lines: Lines) -> None:
            start, end = _block(lines, self.item)
            lines[start:end] = [_marked(lines[start].removeprefix("- ")), *(line.removeprefix("  ") for line in lines[start + 1 : end])]

        _edit_lines(project, self.file, unlist)


@dataclass(frozen=True)
class Write:
    """A new file in the project (a data file or a page), with its mark if the message names it."""

    path: str
    text: str

    def apply(self, project: Path) -> None:
        (project / self.path).write_text(self.text, encoding="utf-8")


@dataclass(frozen=True)
class Delete:
    """A file of the project left out."""

    path: str

    def apply(self, project: Path) -> None:
        (project / self.path).unlink()


@dataclass(frozen=True)
class SaveAs:
    """A data file saved in another encoding than UTF-8, with `old` changed to `new` first."""

    file: str
    encoding: str
    old: str
    new: str

    def apply(self, project: Path) -> None:
        path = project / "data" / self.file
        text = path.read_text(encoding="utf-8")
        assert self.old in text, f"no {self.old!r} in {self.file}: update this case"
        path.write_bytes(text.replace(self.old, self.new, 1).encode(self.encoding))


Edit = Swap | Insert | Drop | Mark | Append | Replace | Unlist | Write | Delete | SaveAs


def _edit_lines(project: Path, file: str, edit: Callable[[Lines], None]) -> None:
    path = project / "data" / file
    lines = path.read_text(encoding="utf-8").split("\n")
    edit(lines)
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One mistake: what it breaks, how it is made, and what the one block about it says."""

    id: str
    #: What the mistake breaks: `field: ...` for a rule of one field or item, or the function of
    #: macros/ that checks a rule across files, with the part of it in brackets.
    rule: str
    #: Words of the block's Problem line, which pick out the block.
    problem: str
    #: The field as the block names it; `{item}` is `item N (id)` of the marked line's item.
    field: str
    edits: tuple[Edit, ...]
    #: Words the block's Expected line must hold: the fix it suggests.
    suggests: str | None = None
    #: For a whole-file mistake with no line to mark (a missing file): the data file and line reported.
    reports: str | None = None
    line: int | None = None
    #: The problems the mistake causes in all: one, unless a case says why (None: as many as the data holds).
    problems: int | None = 1
    #: Why the message is not yet as it should be: the case states what it should say, and is
    #: expected to fail until macros/ reports it so (then the mark must go).
    not_yet: str | None = None

    def apply(self, project: Path) -> Expected:
        for edit in self.edits:
            edit.apply(project)
        if self.line is not None:
            assert self.reports is not None
            return expected_at(project / "data" / self.reports, self.line, self.field, self.problem, self.suggests)
        marks = [
            (path, number)
            for path in sorted((project / "data").glob("*"))
            for number in marked_lines(path.read_text(encoding="utf-8", errors="replace"))
        ]
        assert len(marks) == 1, f"{self.id}: exactly one line must be marked, found {marks}"
        path, number = marks[0]
        return expected_at(path, number, self.field, self.problem, self.suggests)


ID_LINE = r"^- id:"

#: A mistake in a field of each data file: the file alone shows it.
FIELD_CASES = [
    Case(
        "sources-url-not-https", "field: fields.HttpsUrl", "This is not a full web address", "{item} › url",
        (Swap("sources.yml", "fda-consumer-regen", r"url: https://", "url: http://"),),
        suggests="https://",
    ),
    Case(
        "facts-two-values", "field: models.Fact (one value)", "A fact needs exactly one value; this one has 2", "{item}",
        (
            Insert("facts.yml", "session-total", r"^  amount:", "  date: 2026-01-01", mark=False),
            Mark("facts.yml", "session-total", ID_LINE),
        ),
    ),
    Case(
        "pages-path-not-markdown", "field: fields.DocPath", "A page path must point at a Markdown file inside docs/", "{item} › path",
        (Swap("pages.yml", "recovery", r"recovery\.md$", "recovery.html"),),
    ),
    Case(
        "topics-id-with-capitals", "field: fields.Id (pattern)", "An id may hold only lowercase letters, digits and dashes", "{item} › id",
        (Swap("topics.yml", "hip-pain", r"^- id: hip-pain", "- id: Hip-Pain"),),
    ),
    Case(
        "faqs-digit-in-text", "field: fields.Text (digits)", "Numbers are not typed into text", "{item} › answer",
        (Swap("faqs.yml", "hip-first-steps", r"keep moving gently", "keep moving gently for 10 minutes"),),
        suggests="{fact-id}",
    ),
    Case(
        "care-levels-icon-name", "field: fields.IconName", "This is not an icon name", "{item} › icon",
        (Swap("care_levels.yml", "emergency", r"icon: material/", "icon: "),),
    ),
    Case(
        "symptoms-level-typo", "field: not an allowed value", '"emergancy" is not an allowed value for "level"', "{item} › level",
        (Swap("symptoms.yml", "hip-after-fall", r"level: emergency", "level: emergancy"),),
        suggests='Did you mean "emergency"?',
    ),
    Case(
        "care-tips-no-topics", "field: too few entries", '"topics" has too few entries', "{item} › topics",
        (Swap("care_tips.yml", "rest-first", r"topics: \[.*\]", "topics: []"),),
        suggests="at least one entry",
    ),
    Case(
        "timelines-date-key-alone", "field: models.Timeline (date field)", "needs both date_key and date_label", "{item}",
        (Drop("timelines.yml", "pt-course", r"^  date_label:"), Mark("timelines.yml", "pt-course", ID_LINE)),
    ),
    Case(
        "phases-end-before-start", "field: models.Phase (end)", "The phase ends before it starts", "{item} › end",
        (
            Swap("phases.yml", "hip-first-days", r"start: \{.*\}", "start: {min: 1, unit: week}", mark=False),
            Mark("phases.yml", "hip-first-days", r"^  end:"),
        ),
    ),
    Case(
        "session-steps-duration-not-time", "field: fields.TimeAmount", "A point in time needs a time unit", "{item} › duration",
        (Swap("session_steps.yml", "collect", r"unit: minute", "unit: percent"),),
    ),
    Case(
        "preparation-number-in-words", "field: fields.Text (number words)", "is a number typed into text", "{item} › when",
        (Swap("preparation.yml", "health-review", r"when: At your first appointment", "when: Two days before your first appointment"),),
    ),
    Case(
        "glossary-tooltip-not-yes-no", "field: wrong type (true or false)", '"tooltip" has the wrong kind of value', "{item} › tooltip",
        (Insert("glossary.yml", "acetaminophen", r"^  term:", "  tooltip: sometimes"),),
        suggests="true or false",
    ),
    Case(
        "evidence-strength-typo", "field: not an allowed value", '"aproved" is not an allowed value for "strength"', "{item} › strength",
        (Swap("evidence.yml", "fda-approved-uses", r"strength: approved", "strength: aproved"),),
        suggests='Did you mean "approved"?',
    ),
    Case(
        "claims-missing-field", "field: missing field", 'The field "independent_view" is missing', "{item} › independent_view",
        (Drop("claims.yml", "success-rate", r"^  independent_view:"), Mark("claims.yml", "success-rate", ID_LINE)),
    ),
    Case(
        "notices-unknown-id", "field: not an allowed value", '"funds" is not an allowed value for "id"', "{item} › id",
        (Swap("notices.yml", "funding", r"^- id: funding", "- id: funds"),),
        suggests='Did you mean "funding"?',
    ),
    Case(
        "contexts-after-procedure-not-yes-no", "field: wrong type (true or false)",
        '"after_procedure" has the wrong kind of value', "{item} › after_procedure",
        (Swap("contexts.yml", "hip-pain", r"after_procedure: false", "after_procedure: maybe"),),
        suggests="true or false",
    ),
    Case(
        "red-flags-level-expected", "field: not an allowed value",
        '"expected" is not an allowed value for "min_level"', "{item} › min_level",
        (Swap("red_flags.yml", "spreading-redness", r"min_level: call", "min_level: expected"),),
        suggests="routine, call, emergency",
    ),
    Case(
        "region-number-not-quoted", "field: wrong type (text)",
        '"emergency_number" has the wrong kind of value', "{item} › emergency_number",
        (Swap("region.yml", "us", r'emergency_number: "(\d+)"', r"emergency_number: \1"),),
        suggests="text",
    ),
    Case(
        "reviewers-date-in-words", "field: fields.IsoDate", "This is not a date in the form the site uses", "{item} › signed",
        (
            Swap(
                "reviewers.yml", None, r"^\[\]$",
                "\n".join([
                    "- id: jane-doe",
                    "  name: Jane Doe",
                    "  credential: Physical therapist, DPT",
                    _marked("  signed: 1 December 2026"),
                    "  pages: [hip-pain]",
                ]),
                mark=False,
            ),
        ),
        suggests="year-month-day",
    ),
    Case(
        "risks-contexts-not-a-list", "field: wrong type (list)", '"contexts" has the wrong kind of value', "{item} › contexts",
        (Swap("risks.yml", "blood-clot", r"contexts: \[([a-z0-9-]+).*\]", r"contexts: \1"),),
        suggests="a list",
    ),
    Case(
        "options-injection-without-risks", "field: models.TreatmentOption (injection risks)", "An injection must list its risks", "{item}",
        (Drop("options.yml", "hip-prp-injection", r"^  risks:"), Mark("options.yml", "hip-prp-injection", ID_LINE)),
    ),
    Case(
        "decisions-two-options", "field: too few entries", '"options" has too few entries', "{item} › options",
        (Swap("decisions.yml", "back-pain", r"options: \[([a-z0-9-]+), ([a-z0-9-]+),.*\]", r"options: [\1, \2]"),),
        suggests="at least 3 entries",
    ),
    Case(
        "values-field-typo", "field: unknown field", '"decision" is not a field of a value', "{item} › decision",
        (Swap("values.yml", "avoid-surgery", r"^  decisions:", "  decision:"),),
        suggests='Did you mean "decisions"?',
    ),
    Case(
        "clinic-questions-group-typo", "field: not an allowed value", '"products" is not an allowed value for "group"', "{item} › group",
        (Swap("clinic_questions.yml", "what-is-injected", r"group: product$", "group: products"),),
        suggests='Did you mean "product"?',
    ),
    Case(
        "first-days-empty-task", "field: fields.Text (empty)", "The text is empty", "{item} › task",
        (Swap("first_days.yml", "ride-home", r"task: .*", 'task: ""'),),
        suggests="some text",
    ),
    Case(
        "exercises-direction-too-large", "field: number too large", "This number is too large", "{item} › figure › start › trunk",
        (Swap("exercises.yml", "bridge", r"trunk: \d+", "trunk: 400"),),
        suggests="360 or less",
    ),
    Case(
        "pain-areas-spot-off-the-picture", "field: number too large", "This number is too large", "{item} › spot › x",
        (Swap("pain_areas.yml", "groin", r"x: \d+", "x: 250"),),
        suggests="200 or less",
    ),
    Case(
        "treatment-sites-role-typo", "field: not an allowed value", '"take" is not an allowed value for "role"', "{item} › role",
        (Swap("treatment_sites.yml", "bone-marrow", r"role: collect", "role: take"),),
        suggests="collect, inject",
    ),
]

#: Mistakes the loader finds before any item is checked: the file cannot be read as a list of items.
FILE_CASES = [
    Case(
        "field-written-twice", "field: loader (field written twice)",
        'The field "question" is written twice in the same item', "item {n} › question",
        (Insert("faqs.yml", "hip-first-steps", r"^  question:", "  question: Is rest enough?"),),
        # Named `item N › question`, without the item's id other messages show, and the line is not quoted.
    ),
    Case(
        "number-as-field-name", "field: loader (field name)", "2 is not a field name", "item {n}",
        (Insert("topics.yml", "recovery", r"^  name:", "  2: Recovery"),),
    ),
    Case(
        "tab-for-indent", "field: loader (YAML syntax)", "The file is not valid YAML", "(YAML syntax)",
        (Swap("faqs.yml", "hip-first-steps", r"^  topic:", "\ttopic:"),),
        suggests="tab characters",
    ),
    Case(
        "item-without-its-dash", "field: explain (not a list)", "The file should be a list of region items", "(whole file)",
        (Unlist("region.yml", "us"),),
    ),
    Case(
        "unknown-data-file", "field: data (file name)", "The site does not know this data file", "(file name)",
        (Write("data/faq.yml", _marked("- id: extra") + "\n"),),
        suggests="faqs.yml",
    ),
    Case(
        "missing-data-file", "field: data (missing file)", "The data file is missing", "(whole file)",
        (Delete("data/glossary.yml"),),
        reports="glossary.yml", line=1,
    ),
    Case(
        "not-saved-as-utf8", "field: loader (encoding)", "The file is not saved as UTF-8 text", "(whole file)",
        (SaveAs("faqs.yml", "latin-1", "What are the most common causes", "What are the most common causes (café)"),),
        reports="faqs.yml", line=1,
    ),
]


#: References between files: one case for each file that ids point into, and two in nested places.
REFERENCE_CASES = [
    Case(
        "reference-to-sources", "rules.cross_check (reference to sources)",
        '"sources" refers to "nhs-backpain", which is not an id in sources.yml', "{item} › sources › entry 1",
        (Swap("symptoms.yml", "back-lump", r"sources: \[nhs-back-pain", "sources: [nhs-backpain"),),
        suggests='Did you mean "nhs-back-pain"?',
    ),
    Case(
        "reference-to-pages", "rules.cross_check (reference to pages)",
        '"page" refers to "recovry", which is not an id in pages.yml', "{item} › page",
        (Swap("topics.yml", "recovery", r"page: recovery$", "page: recovry"),),
        suggests='Did you mean "recovery"?',
    ),
    Case(
        "reference-to-topics", "rules.cross_check (reference to topics)",
        '"topics" refers to "hip-pian", which is not an id in topics.yml', "{item} › topics › entry 1",
        (Swap("care_tips.yml", "rest-first", r"topics: \[hip-pain", "topics: [hip-pian"),),
        suggests='Did you mean "hip-pain"?',
    ),
    Case(
        "reference-to-timelines", "rules.cross_check (reference to timelines)",
        '"timeline" refers to "back-releif", which is not an id in timelines.yml', "{item} › timeline",
        (
            Swap("phases.yml", "back-first-week", r"timeline: back-relief$", "timeline: back-releif"),
            # The next phase starts where this one ends: give it a start of its own, or it is
            # reported as a first phase without a start (see timeline-typo-on-the-first-phase).
            Insert("phases.yml", "back-healing", r"^  timeline:", "  start: {min: 1, unit: week}", mark=False),
        ),
        suggests='Did you mean "back-relief"?',
    ),
    Case(
        "reference-to-facts", "rules.cross_check (reference to facts)",
        '"lasts" refers to "soreness-durations", which is not an id in facts.yml', "{item} › lasts",
        (Swap("symptoms.yml", "site-soreness", r"lasts: soreness-duration$", "lasts: soreness-durations"),),
        suggests='Did you mean "soreness-duration"?',
    ),
    Case(
        "reference-to-contexts", "rules.cross_check (reference to contexts)",
        '"context" refers to "after-spine-injections", which is not an id in contexts.yml', "{item} › context",
        (Swap("timelines.yml", "back-relief", r"context: after-spine-injection$", "context: after-spine-injections"),),
        suggests='Did you mean "after-spine-injection"?',
    ),
    Case(
        "reference-to-red-flags", "rules.cross_check (reference to red_flags)",
        '"signs" refers to "night-pains", which is not an id in red_flags.yml', "{item} › signs › entry 1",
        (Swap("symptoms.yml", "back-night-pain", r"signs: \[night-pain\]", "signs: [night-pains]"),),
        suggests='Did you mean "night-pain"?',
        # The symptom's name holds the red flag's words, which the misspelt id no longer lists.
        problems=2,
    ),
    Case(
        "reference-to-evidence", "rules.cross_check (reference to evidence)",
        '"evidence" refers to "hip-prp-trials", which is not an id in evidence.yml', "{item} › evidence",
        (Swap("options.yml", "hip-prp-injection", r"evidence: hip-prp$", "evidence: hip-prp-trials"),),
    ),
    Case(
        "reference-to-risks", "rules.cross_check (reference to risks)",
        '"risks" refers to "infections", which is not an id in risks.yml', "{item} › risks › entry 1",
        (Swap("options.yml", "hip-prp-injection", r"risks: \[infection,", "risks: [infections,"),),
        suggests='Did you mean "infection"?',
    ),
    Case(
        "reference-to-symptoms", "rules.cross_check (reference to symptoms)",
        '"symptoms" refers to "hip-fevers", which is not an id in symptoms.yml', "{item} › symptoms › entry 1",
        (Swap("pain_areas.yml", "groin", r"symptoms: \[", "symptoms: [hip-fevers, "),),
    ),
    Case(
        "reference-to-options", "rules.cross_check (reference to options)",
        '"options" refers to "hip-magnets", which is not an id in options.yml', "{item} › options › entry 1",
        (Swap("decisions.yml", "hip-arthritis", r"options: \[", "options: [hip-magnets, "),),
    ),
    Case(
        "reference-to-decisions", "rules.cross_check (reference to decisions)",
        '"decisions" refers to "hip-arthritus", which is not an id in decisions.yml', "{item} › decisions › entry 1",
        (Swap("values.yml", "avoid-surgery", r"decisions: \[hip-arthritis", "decisions: [hip-arthritus"),),
        suggests='Did you mean "hip-arthritis"?',
    ),
    Case(
        "reference-to-exercises", "rules.cross_check (reference to exercises)",
        '"exercises" refers to "bridges", which is not an id in exercises.yml', "{item} › exercises › entry 1",
        (Swap("phases.yml", "hip-rehab", r"exercises: \[bridge,", "exercises: [bridges,"),),
        suggests='Did you mean "bridge"?',
    ),
    Case(
        "reference-in-a-resolution", "rules.cross_check (reference to sources, nested)",
        '"source" refers to "nth-bone-marow", which is not an id in sources.yml', "{item} › resolution › reported › entry 2 › source",
        (Swap("facts.yml", "soreness-duration", r"- source: nth-bone-marrow$", "- source: nth-bone-marow"),),
    ),
    Case(
        "reference-in-a-benefit", "rules.cross_check (reference to sources, nested)",
        '"sources" refers to "oarsi-2091", which is not an id in sources.yml', "{item} › benefits › entry 1 › sources › entry 1",
        (Swap("options.yml", "hip-exercise", r"^      sources: \[", "      sources: [oarsi-2091, "),),
        suggests='Did you mean "oarsi-2019"?',
    ),
]

#: The other rules of rules.py: ids, placeholders, links, timelines, the session, pages.
CROSS_FILE_CASES = [
    Case(
        "duplicate-id", "rules.cross_check (duplicate id)", 'The id "hip-pain" is used twice in contexts.yml', "{item} › id",
        (Append("contexts.yml", "\n".join([_marked("- id: hip-pain"), "  name: Pain in the hip", "  after_procedure: false"])),),
    ),
    Case(
        "region-placeholder-as-fact-id", "rules.cross_check (region placeholder)",
        '"emergency-number" is a placeholder filled from data/region.yml', "{item} › id",
        (
            Append("facts.yml", "\n".join([
                _marked("- id: emergency-number"),
                "  about: The number to call in an emergency",
                '  phone: "911"',
                "  sources: [us-911]",
            ])),
        ),
    ),
    Case(
        "phase-id-is-a-fact-id", "rules.cross_check (phase id is a fact id)",
        'The id "hip-rehab" is also the id of a fact', "{item} › id",
        (
            Append("facts.yml", "\n".join([
                "- id: hip-rehab",
                "  about: How long the rehabilitation stage lasts",
                "  amount: {min: 2, unit: week}",
                "  sources: [clinic-hip-aftercare]",
            ])),
            Mark("phases.yml", "hip-rehab", ID_LINE),
        ),
    ),
    Case(
        "unknown-placeholder", "rules._check_inline (placeholder)",
        'The placeholder "{sedation-recovry}" names no fact or phase', "{item} › why",
        (Swap("first_days.yml", "ride-home", r"\{sedation-recovery\}", "{sedation-recovry}"),),
        suggests='Did you mean "sedation-recovery"?',
    ),
    Case(
        "unknown-placeholder-in-a-block-of-text", "rules._check_inline (placeholder)",
        'The placeholder "{ice-sesion}" names no fact or phase', "{item} › body",
        # A text written as a block (`body: |`) is reported at its field's line, which the
        # block quotes as `body: |`: the mistake is on a line below.
        (Swap("care_tips.yml", "ice", r"\{ice-session\}", "{ice-sesion}", mark=False), Mark("care_tips.yml", "ice", r"^  body:")),
        suggests='Did you mean "ice-session"?',
    ),
    Case(
        "curly-brackets", "rules._check_inline (curly brackets)", "Curly brackets are only for fact placeholders", "{item} › body",
        (Swap("notices.yml", "disclaimer", r"\{emergency-number\}", "{Emergency-Number}"),),
    ),
    Case(
        "link-to-no-page", "rules._check_inline (link)",
        'The link target "when-to-get-hlep.md" is not a page of this site', "{item} › body",
        (Swap("notices.yml", "emergency", r"\(when-to-get-help\.md\)", "(when-to-get-hlep.md)"),),
    ),
    Case(
        "link-not-secure", "rules._check_inline (link)",
        'The link target "http://example.org" is not a page of this site', "{item} › answer",
        (Swap("faqs.yml", "hip-first-steps", r"see your doctor\.$", "see your doctor. [More](http://example.org)."),),
        suggests="https://",
    ),
    Case(
        "first-phase-without-start", "rules.resolve_phase_starts", "The first phase of a timeline needs a start", "{item} › start",
        (
            Drop("phases.yml", "hip-first-days", r"^  start:"),
            Mark("phases.yml", "hip-first-days", ID_LINE),
            # The next phase starts where this one ends: give it a start of its own, or it is
            # reported as well (see the next case).
            Insert("phases.yml", "hip-first-weeks", r"^  timeline:", "  start: {min: 3, unit: day}", mark=False),
        ),
    ),
    Case(
        "first-phase-without-start-above-others", "rules.resolve_phase_starts",
        "The first phase of a timeline needs a start", "{item} › start",
        (Drop("phases.yml", "hip-first-days", r"^  start:"), Mark("phases.yml", "hip-first-days", ID_LINE)),
        # Each phase below it without a start of its own is reported too, as having no start
        # to work its own out from: as many as the timeline has.
        problems=None,
    ),
    Case(
        "phase-before-the-one-above", "rules._check_timelines (order)",
        'This phase starts before "hip-first-weeks", which is listed above it', "{item} › start",
        (
            Insert("phases.yml", "hip-rehab", r"^  timeline:", "  start: {min: 1, unit: day}"),
            Insert("phases.yml", "hip-rehab", r"^  timeline:", "  overlaps_previous: true", mark=False),
        ),
    ),
    Case(
        "phase-overlaps-the-one-above", "rules._check_timelines (overlap)",
        'This phase starts before "hip-first-weeks" ends', "{item} › start",
        (Insert("phases.yml", "hip-rehab", r"^  timeline:", "  start: {min: 1, unit: week}"),),
        suggests="overlaps_previous: true",
    ),
    Case(
        "session-shorter-than-its-steps", "rules._check_session_total",
        "The shortest whole session is shorter than its steps added up", "{item} › amount › min",
        (Swap("facts.yml", "session-total", r"amount: \{min: [\d.]+,", "amount: {min: 0.5,"),),
    ),
    Case(
        "option-page-not-listed", "rules._check_pages (option page)",
        "There is no page docs/hip-pain/physio.md in pages.yml", "{item} › more",
        (Swap("options.yml", "hip-exercise", r"more: .*", "more: hip-pain/physio.md"),),
    ),
    Case(
        "page-record-without-page", "rules._check_pages (page record)", "There is no page docs/ghost.md", "{item} › path",
        (Append("pages.yml", "\n".join(["- id: ghost", _marked("  path: ghost.md"), "  medical: false"])),),
    ),
    Case(
        "page-without-record", "rules._check_pages (page without record)",
        "The page docs/ghost.md has no record in pages.yml", "(whole file)",
        # A record that is not there has no line: the message names the first item of pages.yml.
        (Write("docs/ghost.md", "# Ghost\n"), Mark("pages.yml", None, ID_LINE)),
    ),
]

#: Clinical safety rules (safety.py) that no fixture breaks, or not in this way.
SAFETY_CASES = [
    Case(
        "body-map-urgent-words", "safety.check_body_map_signs (urgent words)", 'The text says "emergency"', "{item} › causes › entry 1",
        (Swap("pain_areas.yml", "groin", r"^(    - .*)$", r"\1, or an emergency"),),
    ),
    Case(
        "body-map-red-flag-in-advice", "safety.check_body_map_signs (red flag in advice)", 'The text says "fever"', "{item} › what_to_do",
        (Swap("pain_areas.yml", "groin", r"^  what_to_do: ", "  what_to_do: With a fever, see your doctor. "),),
    ),
    Case(
        "claim-by-an-independent-source", "safety.check_source_quality (claimed by)",
        '"nice-ng59" does not sell the treatment', "{item} › claimed_by › entry 2",
        (Swap("claims.yml", "success-rate", r"claimed_by: \[spine-clinic-back\]", "claimed_by: [spine-clinic-back, nice-ng59]"),),
    ),
]

#: Rules of the decision aids (decision_rules.py) that no fixture breaks.
DECISION_CASES = [
    Case(
        "option-listed-twice", "decision_rules.check_decision_options (listed twice)", "is listed twice", "{item} › options › entry 2",
        (Swap("decisions.yml", "hip-arthritis", r"options: \[([a-z0-9-]+), ", r"options: [\1, \1, "),),
    ),
    Case(
        "option-in-two-decisions", "decision_rules.check_decision_options (one decision)",
        'The option "hip-cane" belongs to 2 decisions', "{item} › id",
        (
            Swap("decisions.yml", "back-pain", r"options: \[", "options: [hip-cane, ", mark=False),
            Mark("options.yml", "hip-cane", ID_LINE),
        ),
    ),
    Case(
        "risk-only-from-a-clinic", "decision_rules.check_independent_support (an item)",
        "This item must rest on at least one independent source", "{item} › sources",
        (Swap("risks.yml", "pain-flare", r"sources: \[.*\]", "sources: [clinic-session-guide]"),),
    ),
    Case(
        "risk-symptom-of-another-situation", "decision_rules.check_risk_symptoms (situations)",
        'The symptom "back-lump" belongs to none of this risk\'s situations', "{item} › symptoms › entry 1",
        (Swap("risks.yml", "infection", r"symptoms: \[", "symptoms: [back-lump, "),),
    ),
    Case(
        "decision-with-too-few-values", "decision_rules.check_values", "This decision offers 0 statements", "{item} › id",
        (Replace("values.yml", "[hip-arthritis, back-pain]", "[hip-arthritis]"), Mark("decisions.yml", "back-pain", ID_LINE)),
    ),
]

#: Messages that once pointed at the wrong place (a misspelt timeline hidden behind a
#: phase without a start; an entry counted after an unknown id). A case whose message is
#: not yet right gets `not_yet=` and is expected to fail until macros/ says it.
FIXED_CASES = [
    Case(
        "timeline-typo-on-the-first-phase", "rules.check_phase_timelines",
        '"timeline" refers to "back-releif", which is not an id in timelines.yml', "{item} › timeline",
        (Swap("phases.yml", "back-first-week", r"timeline: back-relief$", "timeline: back-releif"),),
    ),
    Case(
        "risk-symptom-of-another-situation-after-a-typo", "decision_rules.check_risk_symptoms (situations)",
        'The symptom "back-lump" belongs to none of this risk\'s situations', "{item} › symptoms › entry 3",
        (
            Swap(
                "risks.yml", "infection", r"^  symptoms: \[([a-z0-9-]+),.*\]$",
                "\n".join(["  symptoms:", r"    - \1", r"    - \1-typo", _marked("    - back-lump")]),
                mark=False,
            ),
        ),
        problems=2,  # the misspelt id is reported too
    ),
]

CASES = FIELD_CASES + FILE_CASES + REFERENCE_CASES + CROSS_FILE_CASES + SAFETY_CASES + DECISION_CASES + FIXED_CASES


def copy_data(destination: Path) -> Path:
    """A copy of the live data and pages: all the data check reads."""
    for folder in ("data", "docs"):
        shutil.copytree(ROOT / folder, destination / folder)
    return destination


def params(cases: list[Case]) -> list[object]:
    """The cases as test parameters; one whose message is not yet right is expected to fail."""
    return [
        pytest.param(case, id=case.id, marks=[pytest.mark.xfail(reason=case.not_yet, strict=True)] if case.not_yet else [])
        for case in cases
    ]


@pytest.mark.parametrize("case", params(CASES))
def test_one_block_names_the_file_line_and_field(case: Case, tmp_path: Path) -> None:
    project = copy_data(tmp_path)
    expected = case.apply(project)

    with pytest.raises(DataError) as caught:
        load_site_data(project / "data", project / "docs")

    report = caught.value.report()
    expected.assert_named_by(report)
    if case.problems is not None:
        assert len(caught.value.problems) == case.problems, f"{case.id} should cause {case.problems} problem(s):\n{report}"


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------------------
# The same blocks, printed by `make check` and by the build
# ---------------------------------------------------------------------------

#: A few cases, of each kind, run the way editors meet them.
PRINTED = ["faqs-digit-in-text", "reference-to-risks", "body-map-urgent-words", "decision-with-too-few-values", "not-saved-as-utf8"]


def case_named(name: str) -> Case:
    return next(case for case in CASES if case.id == name)


@pytest.mark.parametrize("name", PRINTED)
def test_make_check_prints_the_block(name: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    expected = case_named(name).apply(project)

    result = subprocess.run([sys.executable, "-m", "macros.check"], cwd=project, capture_output=True, text=True, timeout=120)

    assert result.returncode == 1, result.stdout + result.stderr
    expected.assert_named_by(result.stderr)
    assert "Traceback" not in result.stderr, "data mistakes must not show a Python traceback"


@pytest.mark.parametrize("name", PRINTED[:3])
def test_the_build_prints_the_block(name: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    expected = case_named(name).apply(project)

    result = build(project)

    assert result.returncode == 1, result.output
    expected.assert_named_by(result.output)
    assert "Traceback" not in result.output, "data mistakes must not show a Python traceback"
    assert not (project / "site").exists(), "nothing may be built from bad data"


# ---------------------------------------------------------------------------
# Coverage: every data file, every rule that spans files, every kind of reference
# ---------------------------------------------------------------------------


def fixture_rules() -> list[tuple[str, str]]:
    """(rule, data file reported) of each fixture in fixtures/bad_data."""
    found = []
    for fixture in FIXTURES:
        text = fixture.read_text(encoding="utf-8")
        target = re.search(r"^# replaces(?: item in)?: (\S+)$", text, re.MULTILINE)
        assert target, fixture.name
        found.append((header(text, "rule") or "", header(text, "reports") or target.group(1)))
    return found


def case_rules() -> list[tuple[str, str]]:
    """(rule, data file edited) of each case: the file its first edit changes."""
    found = []
    for case in CASES:
        first = case.edits[0]
        file = first.file if hasattr(first, "file") else Path(first.path).name
        found.append((case.rule, file))
    return found


def test_every_data_file_has_a_field_mistake() -> None:
    covered = {Path(file).stem for rule, file in fixture_rules() + case_rules() if rule.startswith("field:")}
    assert sorted(spec.name for spec in FILES if spec.name not in covered) == []


def rule_functions(module: ModuleType, names: Callable[[str], bool]) -> list[str]:
    """The rule functions of a module, named `module.function`."""
    short = module.__name__.rsplit(".", 1)[-1]
    return [
        f"{short}.{name}"
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and names(name)
    ]


#: Every rule that spans files: the functions that check one, and the parts of those that check several.
CROSS_FILE_RULES = [
    *rule_functions(safety, lambda name: name.startswith("check_") and name != "check_safety"),
    *rule_functions(decision_rules, lambda name: name.startswith("check_") and name != "check_decisions"),
    *rule_functions(rules, lambda name: name.startswith(("_check_", "check_")) or name == "resolve_phase_starts"),
    "rules.cross_check (duplicate id)",
    "rules.cross_check (region placeholder)",
    "rules.cross_check (phase id is a fact id)",
    "rules._check_inline (placeholder)",
    "rules._check_inline (curly brackets)",
    "rules._check_inline (link)",
    "rules._check_timelines (order)",
    "rules._check_timelines (overlap)",
    "rules._check_pages (option page)",
    "rules._check_pages (page record)",
    "rules._check_pages (page without record)",
    "safety.check_body_map_signs (urgent words)",
    "safety.check_body_map_signs (red flag in advice)",
    "safety.check_source_quality (evidence)",
    "safety.check_source_quality (a copied page)",
    "safety.check_source_quality (claimed by)",
    "decision_rules.check_decision_options (waiting)",
    "decision_rules.check_decision_options (listed twice)",
    "decision_rules.check_decision_options (one decision)",
    "decision_rules.check_independent_support (an item)",
    "decision_rules.check_independent_support (a benefit)",
    "decision_rules.check_risk_symptoms (situations)",
    "decision_rules.check_risk_symptoms (all expected)",
    "widgets.unshown_emergency_signs",
]


@pytest.mark.parametrize("rule", CROSS_FILE_RULES)
def test_every_rule_across_files_has_a_case(rule: str) -> None:
    named = [name for name, _ in fixture_rules() + case_rules()]
    assert any(name == rule or name.startswith(rule + " (") for name in named), f"no fixture or case breaks {rule}"


def reference_targets() -> set[str]:
    """Every data file that a field of a model (nested models included) holds ids of."""
    targets: set[str] = set()
    seen: set[type[BaseModel]] = set()
    waiting: list[type[BaseModel]] = [spec.model for spec in FILES]
    while waiting:
        model = waiting.pop()
        if model in seen:
            continue
        seen.add(model)
        targets |= set(declared_references(model).values())
        for info in model.model_fields.values():
            waiting.extend(inner for inner in _models_in(info.annotation) if inner not in seen)
    return targets


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for argument in getattr(annotation, "__args__", ()) for found in _models_in(argument)]


def test_every_kind_of_reference_has_a_case() -> None:
    covered = {found.group(1) for rule, _ in case_rules() + fixture_rules() if (found := re.search(r"\(reference to (\w+)", rule))}
    assert sorted(reference_targets() - covered) == []
