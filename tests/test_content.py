"""Content rules: numbers come from data, text is plain, nothing is copied, conflicts are settled."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import textstat
from bs4 import BeautifulSoup

from macros.data import load_site_data
from macros.fields import NUMBER_WITH_UNIT
from support import ROOT, SEEDS, html_pages, main_content, page_url, soup

DOCS = ROOT / "docs"

#: Highest Flesch-Kincaid grade allowed for the body text of a page.
MAX_GRADE = 8.0

#: Names that contain digits but are not durations, counts or percentages: a standard,
#: and the name of a stretch (its angles), which is not a quantity a reader acts on.
ALLOWED_DIGITS = re.compile(r"WCAG \d(\.\d)*|\b90/90\b")

#: Parts of a page that are not running text for the reading-level check:
#: citations of sources (titles as published) and navigation aids.
NOT_BODY_TEXT = ".hb-sources, .hb-cite, .hb-jump, .hb-evidence__refs, .hb-attribution, .headerlink"


def markdown_prose(path: Path) -> list[tuple[int, str]]:
    """Lines of a page as a reader sees them, without macro calls, link targets or front matter."""
    text = path.read_text(encoding="utf-8")
    front = re.match(r"---\n.*?\n---\n", text, re.DOTALL)
    offset = text[: front.end()].count("\n") if front else 0
    body = text[front.end():] if front else text
    lines = []
    for number, line in enumerate(body.splitlines(), offset + 1):
        line = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", line)  # macro calls
        line = re.sub(r"\]\([^)]*\)", "]", line)  # link targets
        line = re.sub(r"\{[^}]*\}", " ", line)  # attribute lists
        line = re.sub(r":[a-z0-9-]+:", " ", line)  # icon shortcodes
        line = re.sub(r"<!--.*?-->", " ", line)
        lines.append((number, line))
    return lines


def test_no_number_is_typed_into_a_page() -> None:
    typed = []
    for page in sorted(DOCS.rglob("*.md")):
        for number, line in markdown_prose(page):
            prose = ALLOWED_DIGITS.sub(" ", line)
            found = re.findall(r"\d+(?:[.,]\d+)?\s*(?:%|percent)?", prose) + [m.group(0) for m in NUMBER_WITH_UNIT.finditer(prose)]
            found += re.findall(r"\b(?:percent|per cent)\b", prose, re.IGNORECASE)
            if found:
                typed.append(f"docs/{page.relative_to(DOCS)}:{number}: {found} in {line.strip()!r}")
    assert typed == [], "Numbers belong in data/facts.yml; show them with {{ fact('id') }}:\n" + "\n".join(typed)


def test_the_number_check_catches_typed_numbers(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: T\n---\nRest for 3 days. Then two weeks.\n{{ fact('x') }} and [a](b2.md)\n", encoding="utf-8")
    lines = dict(markdown_prose(page))
    assert re.search(r"\d", lines[4]) and NUMBER_WITH_UNIT.search(lines[4])
    assert not re.search(r"\d", lines[5]), "macro calls and link targets are not prose"


def body_text(article: BeautifulSoup) -> str:
    """The running text of an article, one sentence-like unit per block, citations left out."""
    for element in article.select(NOT_BODY_TEXT):
        element.decompose()
    units = []
    for block in article.find_all(["p", "li", "dt", "dd", "td", "th", "summary", "h1", "h2", "h3", "h4", "caption"]):
        if block.find(["p", "li", "ul", "ol", "table", "dl"]):
            continue  # only the innermost blocks, so no text counts twice
        text = " ".join(block.get_text(" ").split())
        if text:
            units.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(units)


def grades(site: Path) -> dict[str, float]:
    result = {}
    for page in html_pages(site):
        text = body_text(main_content(soup(page)))
        if len(text.split()) >= 30:
            result[page_url(site, page) or "(home)"] = textstat.flesch_kincaid_grade(text)
    return result


def test_every_page_reads_at_grade_eight_or_below(site: Path) -> None:
    measured = grades(site)
    assert len(measured) >= len(list(DOCS.rglob("*.md"))) - 1, "nearly every page has enough text to grade"
    too_hard = {url: round(grade, 1) for url, grade in measured.items() if grade > MAX_GRADE}
    assert too_hard == {}, f"Flesch-Kincaid grade above {MAX_GRADE}: {too_hard}"


def test_the_grade_check_tells_hard_text_from_plain_text() -> None:
    plain = BeautifulSoup("<article><p>Rest your hip. Use ice. Walk a little each day.</p></article>", "html.parser")
    hard = BeautifulSoup(
        "<article><p>Autologous mesenchymal stromal cell administration demonstrates heterogeneous "
        "therapeutic efficacy notwithstanding considerable methodological limitations.</p></article>",
        "html.parser",
    )
    assert textstat.flesch_kincaid_grade(body_text(plain)) <= MAX_GRADE < textstat.flesch_kincaid_grade(body_text(hard))


#: Shared runs of this many words count as copying.
SHINGLE = 8


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@pytest.fixture(scope="module")
def seed_shingles() -> set[tuple[str, ...]]:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        # The source articles are not part of the repository (they are other people's text).
        # .ci/run sets REQUIRE_SEEDS, so the check cannot silently disappear there.
        message = f"the source articles are not at {SEEDS} (the project expects ../shared/seeds beside it)"
        if os.environ.get("REQUIRE_SEEDS"):
            pytest.fail(message)
        pytest.skip(message)
    return set().union(*(shingles(path.read_text(encoding="utf-8")) for path in seeds))


def test_no_sentence_is_copied_from_the_sources(site: Path, seed_shingles: set[tuple[str, ...]]) -> None:
    copied = {}
    for page in html_pages(site):
        article = main_content(soup(page))
        for element in article.select(".hb-sources"):
            element.decompose()  # titles of sources are quoted as published
        shared = shingles(article.get_text(" ")) & seed_shingles
        if shared:
            copied[page_url(site, page) or "(home)"] = sorted(" ".join(words) for words in shared)[:5]
    assert copied == {}, f"runs of {SHINGLE} words shared with a source article: {copied}"


def test_the_copy_check_finds_a_copied_sentence(seed_shingles: set[tuple[str, ...]]) -> None:
    copied = "Patients are advised to avoid strenuous activity for about a week."
    rewritten = "Avoid hard exercise and heavy lifting for at least a week."
    assert shingles(copied) & seed_shingles and not shingles(rewritten) & seed_shingles


#: The conflicts named in the content brief, and the data items that settle each one.
BRIEF_CONFLICTS = {
    "back to daily activities": [("facts", "daily-activities"), ("facts", "work-return")],
    "strenuous activity": [("facts", "strenuous-activity-pause")],
    "soreness": [("facts", "soreness-duration")],
    "when relief shows": [("facts", "hip-marked-improvement")],
    "anti-inflammatory drugs": [("care_tips", "pain-medicine")],
    "where cells come from": [("faqs", "stem-cells-where-from")],
    "ice": [("care_tips", "ice")],
    "follow-up": [("care_tips", "follow-up")],
}


@pytest.mark.parametrize("conflict", BRIEF_CONFLICTS)
def test_each_conflict_is_settled_once_with_who_said_what(conflict: str, site: Path) -> None:
    data = load_site_data(ROOT / "data")
    about = main_content(soup(site / "about" / "index.html")).select_one("[data-table=conflicts]")
    assert about is not None
    for file, item_id in BRIEF_CONFLICTS[conflict]:
        resolution = data.get(file, item_id).resolution
        assert resolution is not None, f"{file}/{item_id} records no resolution"
        assert len({report.source for report in resolution.reported}) >= 2, "a conflict needs at least two sources"
        shown = " ".join(about.get_text(" ").split()).replace("’", "'")
        assert resolution.decision in shown, "the About page shows the decision"
