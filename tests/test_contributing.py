"""Every worked example in CONTRIBUTING.md works on its own: applied alone to a fresh copy of
the project, the site builds and shows what the guide says (or stops where the guide says).

Each example runs in its own copy, with only its own edits, so one example's edit can never
satisfy another's check. The checks look only at what the example adds or changes, so they
keep working when an editor rewords a page, reviews it or changes a fact.

The guide marks its examples with HTML comments, which readers of the guide never see:

- `<!-- example: name -->` starts an example; it runs until the next example or `## ` heading.
  `<!-- example: name (after other) -->` first applies the edits of the example `other`.
- Code blocks are titled with a file and an action: `(add at the end)`, `(new file)`, or a
  `(find)` block followed by a `(change to)` block. A `(find)` block that starts with
  `- id: ...` names an item: each line that differs in `(change to)` replaces the field of
  the same name in that item, whatever its value is today (for a list in square brackets,
  the ids it adds are added to the list as it is). Any other `(find)` text must appear once.
- `<!-- expect: page/ shows "text" -->`, `shows in order "a", "b"`, `has tooltip "word"`,
  `has the disclaimer` and `is in the menu as "title"` say where the change must appear;
  before the change it must not (so each check can fail).
- `<!-- expect: the build stops at data/file.yml, line of "text", saying "words" -->`: the
  build fails, and its message names the file and the line (among those the example added
  or changed) that holds `text`, and says `words`.
"""

from __future__ import annotations

import difflib
import os
import re
import textwrap
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from support import ROOT, BuildResult, build, contains_words, copy_project, main_content, normalize, soup

GUIDE = ROOT / "CONTRIBUTING.md"
START = re.compile(r"<!-- example: (?P<name>[\w-]+)(?: \(after (?P<after>[\w-]+)\))? -->")
BLOCK = re.compile(
    r'^(?P<indent> *)```\w+ title="(?P<file>[^"]+) \((?P<action>add at the end|new file|find|change to)\)"\n(?P<body>.*?)^(?P=indent)```',
    re.DOTALL | re.MULTILINE,
)
EXPECT = re.compile(r"<!-- expect: (?P<what>.*?) -->")
ON_PAGE = re.compile(r"(?P<page>\S*/) (?P<kind>shows in order|shows|has tooltip|is in the menu as|has the disclaimer)(?P<rest>.*)")
STOPS = re.compile(r'the build stops at (?P<file>\S+), line of "(?P<line>.*?)", saying "(?P<text>.*)"')
QUOTED = re.compile(r'"([^"]*)"')
#: A message the guide shows (a block of text with no title).
MESSAGE = re.compile(r"^```text\n(?P<body>.*?)^```", re.DOTALL | re.MULTILINE)
#: A field of a YAML item: its key with the indentation (`  review:`), then its value.
FIELD = re.compile(r"^(?P<key> *[\w-]+:)(?P<value>.*)$")

#: The day the builds of the examples run as if on. Examples carry fixed review dates; on
#: this day none of them is overdue yet, so they never stop the build on CI as time passes.
EXAMPLES_DAY = "2026-12-15"


@dataclass(frozen=True)
class Edit:
    """One code block of an example: add text at the end of a file, create a file, or change one."""

    file: str
    action: str  # "add at the end", "new file" or "change"
    text: str
    find: str = ""


@dataclass(frozen=True)
class Expect:
    """Where the result must show: `kind` on `page` with `texts`, or the build stops in `file`."""

    kind: str
    texts: tuple[str, ...] = ()
    page: str = ""
    file: str = ""
    line: str = ""


@dataclass
class Example:
    """One worked example: the example it builds on, its edits and where the result must show."""

    name: str
    after: str | None = None
    edits: list[Edit] = field(default_factory=list)
    expects: list[Expect] = field(default_factory=list)
    #: The messages the guide shows for the example, line by line.
    messages: list[str] = field(default_factory=list)

    @property
    def stops(self) -> bool:
        """Whether the example shows a mistake that stops the build."""
        return any(expect.kind == "build stops" for expect in self.expects)


def parse_expect(example: str, what: str) -> Expect:
    if stop := STOPS.fullmatch(what):
        return Expect("build stops", (stop["text"],), file=stop["file"], line=stop["line"])
    on_page = ON_PAGE.fullmatch(what)
    if on_page is None:
        raise ValueError(f"{example}: cannot read the expectation {what!r}")
    texts = tuple(QUOTED.findall(on_page["rest"]))
    if (on_page["kind"] == "has the disclaimer") != (not texts):
        raise ValueError(f"{example}: {on_page['kind']!r} takes {'no' if texts else 'a'} quoted text: {what!r}")
    return Expect(on_page["kind"], texts, page=on_page["page"])


def unindent(body: str, indent: str) -> str:
    """A block's text without the indent of its fence (a block inside a numbered step)."""
    return "".join(line.removeprefix(indent) for line in body.splitlines(keepends=True))


def examples(guide: str) -> list[Example]:
    """The examples of the guide, in order."""
    found: list[Example] = []
    starts = list(START.finditer(guide))
    for start, following in zip(starts, [*starts[1:], None], strict=True):
        chunk = guide[start.end() : following.start() if following else len(guide)]
        chunk = chunk.split("\n## ", 1)[0]
        example = Example(start["name"], start["after"])
        pending: Edit | None = None
        for block in BLOCK.finditer(chunk):
            path, action = block["file"], block["action"]
            body = unindent(block["body"], block["indent"])
            if action == "find":
                pending = Edit(path, "change", "", find=body)
            elif action == "change to":
                if pending is None or pending.file != path:
                    raise ValueError(f"{example.name}: a 'change to' block of {path} needs a 'find' block of it first")
                example.edits.append(Edit(path, "change", body, find=pending.find))
                pending = None
            else:
                example.edits.append(Edit(path, action, body))
        if pending is not None:
            raise ValueError(f"{example.name}: the 'find' block of {pending.file} has no 'change to' block")
        example.expects = [parse_expect(example.name, m["what"]) for m in EXPECT.finditer(chunk)]
        example.messages = [line for m in MESSAGE.finditer(chunk) for line in m["body"].splitlines() if line.strip()]
        if example.after is not None and example.after not in {earlier.name for earlier in found}:
            raise ValueError(f"{example.name}: it comes after {example.after!r}, which is not an example above it")
        found.append(example)
    return found


EXAMPLES = examples(GUIDE.read_text(encoding="utf-8"))
BY_NAME = {example.name: example for example in EXAMPLES}


# -- applying an example ------------------------------------------------------


def add_at_the_end(content: str, text: str) -> str:
    """`text` at the end of the file. A list that is still empty (`[]`) is replaced, as the guide says."""
    content = content.rstrip("\n")
    if content.endswith("\n[]") or content == "[]":
        content = content[:-2].rstrip("\n")
    return content + "\n" + text


def field_end(lines: list[str], at: int, end: int) -> int:
    """The line after the field that starts at `at`: its own line and any lines that continue it."""
    indent = len(lines[at]) - len(lines[at].lstrip())
    stop = at + 1
    while stop < end:
        line = lines[stop]
        if not line.strip():
            upcoming = next((later for later in lines[stop:end] if later.strip()), "")
            if len(upcoming) - len(upcoming.lstrip()) <= indent:
                break
        elif len(line) - len(line.lstrip()) < indent or (len(line) - len(line.lstrip()) == indent and not line.lstrip().startswith("- ")):
            break
        stop += 1
    return stop


def changed_field(current: list[str], old: str, new: str) -> list[str]:
    """The field `current` changed as the guide changes `old` to `new`: a list gets the ids the
    guide adds, kept after the ids it has today; any other value becomes the guide's."""
    key = FIELD.match(new)["key"]  # type: ignore[index]
    values = [yaml.safe_load(textwrap.dedent(text))[key.strip()[:-1]] for text in ("\n".join(current), old, new)]
    today, before, after = values
    if all(isinstance(value, list) for value in values) and set(map(str, before)) <= set(map(str, after)):
        added = [item for item in after if item not in before and item not in today]
        return [f"{key} [{', '.join(map(str, [*today, *added]))}]"]
    return [new]


def change_item(content: str, find: str, text: str, where: str) -> str:
    """Change the fields of the item that `find` names, as `text` changes them."""
    old_lines, new_lines = find.rstrip("\n").split("\n"), text.rstrip("\n").split("\n")
    same_shape = len(old_lines) == len(new_lines) and old_lines[0] == new_lines[0]
    assert same_shape, f"{where}: 'find' and 'change to' must have the same lines, field by field"
    lines = content.split("\n")
    starts = [number for number, line in enumerate(lines) if line.rstrip() == old_lines[0]]
    assert len(starts) == 1, f"{where}: {old_lines[0]!r} must appear once, but appears {len(starts)} times"
    start = starts[0]
    end = next((number for number in range(start + 1, len(lines)) if lines[number].startswith("- ")), len(lines))
    for old, new in zip(old_lines[1:], new_lines[1:], strict=True):
        key = FIELD.match(old)
        assert key is not None and FIELD.match(new) is not None, f"{where}: {old!r} is not a field"
        assert FIELD.match(new)["key"] == key["key"], f"{where}: {new!r} changes a different field than {old!r}"  # type: ignore[index]
        found = [number for number in range(start + 1, end) if lines[number].startswith(key["key"])]
        assert len(found) == 1, f"{where}: the item {old_lines[0]!r} has no field {key['key'].strip()!r}"
        if old == new:
            continue  # a line that only shows where the change goes
        at = found[0]
        stop = field_end(lines, at, end)
        replacement = changed_field(lines[at:stop], old, new)
        lines[at:stop] = replacement
        end += len(replacement) - (stop - at)
    return "\n".join(lines)


def apply_edit(project: Path, edit: Edit, where: str) -> None:
    target = project / edit.file
    if edit.action == "new file":
        assert not target.exists(), f"{where}: {edit.file} exists already"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(edit.text, encoding="utf-8")
        return
    content = target.read_text(encoding="utf-8")
    if edit.action == "add at the end":
        content = add_at_the_end(content, edit.text)
    elif edit.find.startswith("- id: "):
        content = change_item(content, edit.find, edit.text, where)
    else:
        assert content.count(edit.find) == 1, f"{where}: the 'find' text must appear once in {edit.file}"
        content = content.replace(edit.find, edit.text)
    target.write_text(content, encoding="utf-8")


def apply(project: Path, example: Example) -> dict[str, set[int]]:
    """Apply an example (after the one it builds on) to `project`. Returns, for each file it
    edited, the numbers (from 1) of the lines its own edits added or changed."""
    if example.after is not None:
        apply(project, BY_NAME[example.after])
    files = {edit.file for edit in example.edits}
    before = {name: (project / name).read_text(encoding="utf-8").split("\n") if (project / name).exists() else [] for name in files}
    for number, edit in enumerate(example.edits, start=1):
        apply_edit(project, edit, f"{example.name}, block {number} ({edit.file})")
    touched: dict[str, set[int]] = {}
    for name in files:
        after = (project / name).read_text(encoding="utf-8").split("\n")
        matcher = difflib.SequenceMatcher(a=before[name], b=after, autojunk=False)
        touched[name] = {line + 1 for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal" for line in range(j1, j2)}
    return touched


# -- checking the result --------------------------------------------------------


def page(site: Path, url: str) -> BeautifulSoup | None:
    path = site / url / "index.html"
    return soup(path) if path.is_file() else None


def holds(site: Path, expect: Expect) -> bool:
    """Whether the built site shows what `expect` says."""
    document = page(site, expect.page)
    if document is None:
        return False
    article = main_content(document)
    text = normalize(article.get_text(" "))
    if expect.kind == "shows":
        return contains_words(text, expect.texts[0])
    if expect.kind == "shows in order":
        at = 0
        for wanted in expect.texts:
            found = text.find(wanted, at)
            if found < 0:
                return False
            at = found + len(wanted)
        return True
    if expect.kind == "has tooltip":
        return any(abbr.get_text() == expect.texts[0] and abbr.get("title") for abbr in article.find_all("abbr"))
    if expect.kind == "has the disclaimer":
        return article.select_one("[data-disclaimer]") is not None
    if expect.kind == "is in the menu as":
        active = document.select("nav.md-nav--primary a.md-nav__link--active")
        return any(normalize(link.get_text(" ")) == expect.texts[0] for link in active)
    raise AssertionError(f"unknown expectation {expect.kind!r}")


def numbers_as_n(text: str) -> str:
    """Text with runs of white space made single spaces and each number made N (line numbers
    in the guide's messages are those of the day it was written)."""
    return re.sub(r"\d+", "N", normalize(text))


def stopped_as_said(result: BuildResult, expect: Expect, touched: dict[str, set[int]]) -> None:
    """The build failed, naming the line the example added or changed, and saying what the guide says."""
    assert result.returncode != 0, f"the build did not stop:\n{result.output[-3000:]}"
    lines = (result.site.parent / expect.file).read_text(encoding="utf-8").split("\n")
    numbers = [number for number in sorted(touched.get(expect.file, ())) if expect.line in lines[number - 1]]
    assert len(numbers) == 1, f"{expect.line!r} must be on one line the example added to {expect.file}: {numbers}"
    output = normalize(result.output)
    assert f"Data problem in {expect.file}, line {numbers[0]}," in output, result.output
    assert normalize(expect.texts[0]) in output, result.output


# -- the tests ------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """An example applied alone to a fresh copy, and built."""

    result: BuildResult
    touched: dict[str, set[int]]


def build_example(project: Path, example: Example) -> Built:
    copy_project(project)
    touched = apply(project, example)
    return Built(build(project, extra_env={"SITE_TODAY": EXAMPLES_DAY}), touched)


@pytest.fixture(scope="module")
def example_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Future[Built]]]:
    """Every selected example, each in its own fresh copy of the project, built side by side."""
    chosen = {
        item.callspec.params["example"].name  # type: ignore[attr-defined]
        for item in request.session.items
        if getattr(item, "originalname", "") == test_example_on_its_own_shows_where_the_guide_says.__name__
    }
    folder = tmp_path_factory.mktemp("contributing")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        yield {name: pool.submit(build_example, folder / name, BY_NAME[name]) for name in sorted(chosen)}


def test_the_guide_has_the_routine_jobs() -> None:
    assert {example.name for example in EXAMPLES} >= {
        "add-a-faq",
        "add-a-topic",
        "change-a-duration",
        "add-a-symptom",
        "change-a-care-level",
        "a-new-care-level-needs-a-developer",
        "add-a-phase",
        "add-a-timeline",
        "a-phase-out-of-order",
        "add-a-source",
        "add-a-glossary-term",
        "mark-a-page-reviewed",
        "add-a-warning-sign",
        "sign-off-by-a-clinician",
        "add-a-page",
    }
    assert all(example.edits and example.expects for example in EXAMPLES)
    assert len(BY_NAME) == len(EXAMPLES), "each example has its own name"


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_example_on_its_own_shows_where_the_guide_says(example: Example, example_builds: dict[str, Future[Built]], site: Path) -> None:
    built = example_builds[example.name].result()
    if not example.stops:
        assert built.result.returncode == 0, f"the site did not build with this example:\n{built.result.output}"
    for expect in example.expects:
        if expect.kind == "build stops":
            stopped_as_said(built.result, expect, built.touched)
            continue
        assert not holds(site, expect), f"{expect.page} already {expect.kind} {expect.texts} before the change"
        assert holds(built.result.site, expect), f"{expect.page} does not {expect.kind} {expect.texts} after the change"
    if example.stops:
        output = numbers_as_n(built.result.output)
        unsaid = [line for line in example.messages if numbers_as_n(line) not in output]
        assert example.messages and not unsaid, f"the build does not say what the guide shows: {unsaid}\n{built.result.output}"


# -- the checks themselves ------------------------------------------------------

ITEM_CHANGES = [
    pytest.param(example, edit, id=f"{example.name}-{edit.file}")
    for example in EXAMPLES
    for edit in example.edits
    if edit.action == "change" and edit.find.startswith("- id: ")
]


@pytest.mark.parametrize(("example", "edit"), ITEM_CHANGES)
def test_a_change_applies_after_an_editor_changed_that_item(example: Example, edit: Edit, tmp_path: Path) -> None:
    """An editor has since changed every field the example shows: the example still applies,
    and gives the value the guide says (a list keeps the ids it has and gains the new ones)."""
    original = (ROOT / edit.file).read_text(encoding="utf-8")
    lines = original.split("\n")
    start = lines.index(edit.find.split("\n")[0])
    end = next((number for number in range(start + 1, len(lines)) if lines[number].startswith("- ")), len(lines))
    for number in range(start + 1, end):
        shown = FIELD.match(lines[number])
        if shown and any(line.startswith(shown["key"]) for line in edit.find.split("\n")[1:]):
            value = yaml.safe_load(shown["value"])
            edited = f"[{', '.join([*map(str, value), 'an-editors-id'])}]" if isinstance(value, list) else "Changed by an editor"
            lines[number] = f"{shown['key']} {edited}"
    (tmp_path / edit.file).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / edit.file).write_text("\n".join(lines), encoding="utf-8")

    apply_edit(tmp_path, edit, example.name)

    item = yaml.safe_load((tmp_path / edit.file).read_text(encoding="utf-8"))
    item = next(entry for entry in (item if isinstance(item, list) else []) if f"- id: {entry.get('id')}" == edit.find.split("\n")[0])
    for old, new in zip(edit.find.split("\n")[1:], edit.text.split("\n")[1:], strict=True):
        if old == new or not new.strip():
            continue
        name = FIELD.match(new)["key"].strip()[:-1]  # type: ignore[index]
        wanted = yaml.safe_load(FIELD.match(new)["value"])  # type: ignore[index]
        if isinstance(wanted, list):
            assert "an-editors-id" in item[name], "the list keeps the ids an editor added"
            assert set(map(str, wanted)) - set(map(str, yaml.safe_load(FIELD.match(old)["value"]))) <= set(map(str, item[name]))  # type: ignore[index]
        else:
            assert item[name] == wanted


def test_the_checks_can_fail(tmp_path: Path, site: Path) -> None:
    """The checks can fail: a page without the change does not show it, and a find that
    matches nothing stops the example instead of silently doing nothing."""
    faq = BY_NAME["add-a-faq"]
    assert faq.expects and not any(holds(site, expect) for expect in faq.expects)
    missing = Edit("data/pages.yml", "change", "- id: no-such-page\n  medical: false\n", find="- id: no-such-page\n  medical: true\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "pages.yml").write_text((ROOT / "data" / "pages.yml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(AssertionError, match="must appear once"):
        apply_edit(tmp_path, missing, "test")
    with pytest.raises(ValueError, match="cannot read the expectation"):
        examples('<!-- example: typo -->\n<!-- expect: faq/ shwos "x" -->\n')
