"""Every worked example in CONTRIBUTING.md works: applied to a copy, the site builds and shows it.

An example starts at `<!-- example: name -->`. Its code blocks are titled with a file and
an action: `(add at the end)`, or a `(find)` block followed by a `(change to)` block.
`<!-- expect: page/ shows "text" -->` and `<!-- expect: page/ has tooltip "word" -->`
say where the change must appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import ROOT, BuildResult, build, copy_project, main_content, soup

GUIDE = ROOT / "CONTRIBUTING.md"
BLOCK = re.compile(r'```\w+ title="(?P<file>[^"]+) \((?P<action>add at the end|find|change to)\)"\n(?P<body>.*?)```', re.DOTALL)
EXPECT = re.compile(r'<!-- expect: (?P<page>\S*) (?P<kind>shows|has tooltip) "(?P<text>[^"]+)" -->')


@dataclass
class Example:
    """One worked example: its edits and where the result must show."""

    name: str
    edits: list[tuple[str, str, str]] = field(default_factory=list)  # (file, find or "", text)
    expects: list[tuple[str, str, str]] = field(default_factory=list)  # (page, kind, text)


def examples() -> list[Example]:
    found = []
    for chunk in re.split(r"<!-- example: ", GUIDE.read_text(encoding="utf-8"))[1:]:
        example = Example(name=chunk.split(" -->", 1)[0])
        pending_find: tuple[str, str] | None = None
        for block in BLOCK.finditer(chunk):
            path, action, body = block["file"], block["action"], block["body"]
            if action == "add at the end":
                example.edits.append((path, "", body))
            elif action == "find":
                pending_find = (path, body)
            else:
                assert pending_find and pending_find[0] == path, f"{example.name}: 'change to' needs a 'find' block first"
                example.edits.append((path, pending_find[1], body))
                pending_find = None
        example.expects = [(m["page"], m["kind"], m["text"]) for m in EXPECT.finditer(chunk)]
        found.append(example)
    return found


EXAMPLES = examples()


def apply(project: Path, example: Example) -> None:
    for path, find, text in example.edits:
        target = project / path
        content = target.read_text(encoding="utf-8")
        if find:
            assert content.count(find) == 1, f"{example.name}: the 'find' text must appear once in {path}"
            content = content.replace(find, text)
        else:
            content = content.rstrip("\n") + "\n" + text
        target.write_text(content, encoding="utf-8")


def shows(site: Path, page: str, kind: str, text: str) -> bool:
    article = main_content(soup(site / page / "index.html"))
    if kind == "has tooltip":
        return any(abbr.get_text() == text and abbr.get("title") for abbr in article.find_all("abbr"))
    return text in " ".join(article.get_text(" ").split())


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The site with every example applied, built once."""
    project = copy_project(tmp_path_factory.mktemp("contributing") / "project")
    for example in EXAMPLES:
        apply(project, example)
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def test_the_guide_has_the_routine_jobs() -> None:
    assert {example.name for example in EXAMPLES} >= {
        "add-a-faq",
        "change-a-duration",
        "add-a-symptom",
        "add-a-phase",
        "add-a-source",
        "add-a-glossary-term",
        "mark-a-page-reviewed",
        "add-a-warning-sign",
        "sign-off-by-a-clinician",
    }
    assert all(example.edits and example.expects for example in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_example_shows_where_the_guide_says(example: Example, edited: BuildResult, site: Path) -> None:
    for page, kind, text in example.expects:
        assert not shows(site, page, kind, text), f"{page} already {kind} {text!r} before the change"
        assert shows(edited.site, page, kind, text), f"{page} does not {kind} {text!r} after the change"
