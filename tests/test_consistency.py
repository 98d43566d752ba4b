"""Facts stay consistent across pages.

Single source of truth, tested by change: a copy of the project gets one changed fact, FAQ
answer or care level in data/; after a rebuild, every page that showed the old value shows
the new one and no page still shows the old. The pages are found in the build before the
change, not listed here. Then, on the built site as it is: each FAQ reads the same wherever
it appears, each symptom has the same care level everywhere, cited sources are listed,
glossary terms are used, and timelines are in order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from data_edits import item, rebuild_with

from macros.data import load_site_data
from macros.fields import DAYS_PER_UNIT
from macros.formatting import format_amount, format_fact, placeholder_values
from macros.models import SiteData
from support import (
    ROOT,
    BuildResult,
    contains_words,
    doc_url,
    html_pages,
    main_content,
    normalize,
    page_text,
    page_url,
    soup,
)

SEARCH_INDEX = "search/search_index.json"


# ---------------------------------------------------------------------------
# Reading the built site
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(built: BuildResult) -> Path:
    """The copy of the project the session's site was built from."""
    return built.site.parent


@pytest.fixture(scope="module")
def data(project: Path) -> SiteData:
    return load_site_data(project / "data", project / "docs")


def readable_texts(site: Path) -> dict[str, str]:
    """What a reader can read on each page (text and tooltips), and in the search index."""
    texts = {"/" + page_url(site, page): page_text(soup(page)) for page in html_pages(site)}
    index = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    entries = " ".join(BeautifulSoup(doc["text"], "html.parser").get_text(" ") for doc in index["docs"])
    texts[SEARCH_INDEX] = normalize(entries)
    return texts


def pages_showing(texts: dict[str, str], phrase: str) -> set[str]:
    return {name for name, text in texts.items() if contains_words(text, phrase)}


def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {"/" + page_url(site, page): soup(page) for page in html_pages(site)}


# ---------------------------------------------------------------------------
# Single source of truth, tested by change
# ---------------------------------------------------------------------------


def shared_fact(data: SiteData, texts: dict[str, str]) -> tuple[str, str, int]:
    """The range fact shown on the most pages, whose value no other fact or phase also shows."""
    values = placeholder_values(data)
    best: tuple[str, str, int] | None = None
    for fact in data.all("facts"):
        if fact.amount is None or fact.amount.max is None or fact.amount.unit == "percent":
            continue
        value = format_fact(fact)
        if any(contains_words(other, value) for other_id, other in values.items() if other_id != fact.id):
            continue
        shown = len(pages_showing(texts, value))
        if best is None or shown > best[2]:
            best = (fact.id, value, shown)
    assert best is not None, "no fact with a range in data/facts.yml"
    return best


def test_a_fact_changed_in_data_changes_on_every_page(project: Path, site: Path, data: SiteData, tmp_path: Path) -> None:
    before = readable_texts(site)
    fact_id, old_value, _ = shared_fact(data, before)
    showed_old = pages_showing(before, old_value)
    assert len([name for name in showed_old if name.startswith("/")]) >= 3, (
        f"{fact_id} ({old_value}) is on {sorted(showed_old)}: pick a fact used on several pages"
    )

    fact = data.get("facts", fact_id)
    assert fact.amount is not None and fact.amount.max is not None
    new_amount = fact.amount.model_copy(update={"min": fact.amount.min + 10, "max": fact.amount.max + 10})
    new_value = format_amount(new_amount)
    assert not pages_showing(before, new_value), f"{new_value!r} is already on the site: it would prove nothing"

    def change(facts: list[dict]) -> None:
        item(facts, fact_id)["amount"].update(min=new_amount.min, max=new_amount.max)

    after = readable_texts(rebuild_with(project, tmp_path, "facts.yml", change))
    assert sorted(name for name in showed_old if not contains_words(after.get(name, ""), new_value)) == []
    assert sorted(pages_showing(after, old_value)) == [], f"{old_value!r} is still shown"
    assert pages_showing(after, new_value) == showed_old, "the new value shows exactly where the old one did"


def test_a_faq_answer_changed_in_data_changes_on_every_page(project: Path, site: Path, data: SiteData, tmp_path: Path) -> None:
    faq_page = soup(site / "faq" / "index.html")
    before = readable_texts(site)
    chosen = None
    for faq in data.all("faqs"):
        answer = faq_page.select_one(f'[data-faq="{faq.id}"] .hb-faq__answer')
        assert answer is not None, f"{faq.id} is not on the FAQ page"
        old_answer = normalize(answer.get_text(" "))
        if len({name for name in pages_showing(before, old_answer) if name.startswith("/")}) >= 2:
            chosen = faq.id
            break
    assert chosen is not None, "no FAQ answer shows on both the FAQ page and a topic page"
    showed_old = pages_showing(before, old_answer)
    new_answer = "This answer was changed in data only, to show that every page follows it."
    assert not pages_showing(before, new_answer)

    def change(faqs: list[dict]) -> None:
        item(faqs, chosen)["answer"] = new_answer

    after_site = rebuild_with(project, tmp_path, "faqs.yml", change)
    after = readable_texts(after_site)
    assert sorted(name for name in showed_old if not contains_words(after.get(name, ""), new_answer)) == []
    assert sorted(pages_showing(after, old_answer)) == [], "the old answer is still shown"
    for name, document in pages(after_site).items():
        for entry in document.select(f'[data-faq="{chosen}"] .hb-faq__answer'):
            assert normalize(entry.get_text(" ")) == new_answer, name


def shown_level(element: Tag) -> str | None:
    """The care level a reader sees for a symptom: the title of its box, or its table's caption."""
    for ancestor in element.parents:
        classes = ancestor.get("class") or []
        if "hb-level" in classes:
            title = ancestor.select_one(".hb-level__title")
            return normalize(title.get_text(" ")) if title else None
        if ancestor.name == "table":
            caption = ancestor.find("caption")
            return normalize(caption.get_text(" ")) if caption else None
    return None


def level_headings(help_page: BeautifulSoup) -> dict[str, str]:
    """Each care level's heading on the "when to get help" page, by level id."""
    return {
        section["data-care-level"]: normalize(section.select_one(".hb-level__title").get_text(" "))
        for section in help_page.select("section.hb-level")
    }


def test_a_care_level_changed_in_data_changes_on_every_page(project: Path, site: Path, data: SiteData, tmp_path: Path) -> None:
    before = pages(site)
    # A more urgent level is always allowed by the red flags, unless another symptom with the
    # same red flags in the same situation would then disagree: pick a symptom without one.
    def shares_signs(symptom: Any) -> bool:
        return any(
            other.id != symptom.id and set(other.signs) == set(symptom.signs) and set(other.contexts) & set(symptom.contexts)
            for other in data.all("symptoms")
        )

    shown_on = {
        symptom.id: {name for name, document in before.items() if document.select(f'[data-symptom="{symptom.id}"]')}
        for symptom in data.all("symptoms")
        if symptom.level in {"routine", "call"} and not shares_signs(symptom)
    }
    symptom_id = max(shown_on, key=lambda key: len(shown_on[key]))
    assert len(shown_on[symptom_id]) >= 2, f"{symptom_id} shows only on {shown_on[symptom_id]}"
    old_level = data.get("symptoms", symptom_id).level
    new_level = "emergency" if old_level == "call" else "call"

    def change(symptoms: list[dict]) -> None:
        item(symptoms, symptom_id)["level"] = new_level

    after = pages(rebuild_with(project, tmp_path, "symptoms.yml", change))
    old_heading = level_headings(before["/when-to-get-help/"])[old_level]
    new_heading = level_headings(after["/when-to-get-help/"])[new_level]
    assert old_heading != new_heading
    for name in shown_on[symptom_id]:
        levels = [shown_level(element) for element in after[name].select(f'[data-symptom="{symptom_id}"]')]
        assert levels and all(level == new_heading for level in levels), f"{name} shows {symptom_id} as {levels}"
    still_old = [
        name
        for name, document in after.items()
        for element in document.select(f'[data-symptom="{symptom_id}"]')
        if shown_level(element) == old_heading
    ]
    assert still_old == [], f"still shown as {old_heading!r} on {still_old}"


# ---------------------------------------------------------------------------
# The built site as it is
# ---------------------------------------------------------------------------


def faq_entries(document: BeautifulSoup) -> dict[str, tuple[str, str]]:
    """Each FAQ on a page: its question and its answer, as a reader reads them."""
    return {
        entry["data-faq"]: (
            normalize(entry.select_one("summary").get_text(" ")),
            normalize(entry.select_one(".hb-faq__answer").get_text(" ")),
        )
        for entry in main_content(document).select("details[data-faq]")
    }


def test_every_faq_on_a_topic_page_is_word_for_word_the_one_on_the_faq_page(site: Path, data: SiteData) -> None:
    built = pages(site)
    on_faq_page = faq_entries(built["/faq/"])
    assert sorted(on_faq_page) == sorted(data.ids("faqs")), "the FAQ page holds every FAQ once"
    page_of = {page.id: "/" + doc_url(page.path) for page in data.all("pages")}
    shown_elsewhere: dict[str, set[str]] = {}
    for name, document in built.items():
        if name == "/faq/":
            continue
        for faq_id, entry in faq_entries(document).items():
            assert entry == on_faq_page[faq_id], f"{faq_id} on {name} differs from the FAQ page"
            shown_elsewhere.setdefault(faq_id, set()).add(name)
    topics = {topic.id: topic for topic in data.all("topics")}
    for faq in data.all("faqs"):
        topic_page = page_of[topics[faq.topic].page]
        assert topic_page in shown_elsewhere.get(faq.id, set()), f"{faq.id} is not on its topic's page {topic_page}"


def test_every_symptom_has_the_same_care_level_on_every_page(site: Path, data: SiteData) -> None:
    built = pages(site)
    help_page = built["/when-to-get-help/"]
    headings = level_headings(help_page)
    on_help_page: dict[str, str] = {}
    for symptom in data.all("symptoms"):
        found = help_page.select(f'[data-symptom="{symptom.id}"]')
        assert found, f"{symptom.id} is not on when to get help"
        levels = {shown_level(element) for element in found}
        assert levels == {headings[symptom.level]}, f"{symptom.id} is not always under its level {symptom.level}: {levels}"
        on_help_page[symptom.id] = headings[symptom.level]

    elsewhere = 0
    for name, document in built.items():
        if name == "/when-to-get-help/":
            continue
        for element in main_content(document).select("[data-symptom]"):
            symptom_id = element["data-symptom"]
            assert shown_level(element) == on_help_page[symptom_id], f"{symptom_id} on {name}"
            elsewhere += 1
    assert elsewhere, "no aftercare page shows symptoms: the check compared nothing"


def cited_on(article: Tag) -> tuple[set[str], list[tuple[str, str]]]:
    """Sources a page's content cites (items marked with their sources), and its numbered links."""
    cited: set[str] = set()
    for element in article.select("[data-sources]"):
        if not element.find_parent(class_="hb-page-sources"):
            cited.update(element["data-sources"].split())
    links = [(link["href"].removeprefix("#source-"), link.get_text(strip=True)) for link in article.select('.hb-cite a[href^="#source-"]')]
    return cited | {source for source, _ in links}, links


def test_every_source_cited_on_a_page_is_in_its_sources_box_and_on_the_sources_page(site: Path) -> None:
    built = pages(site)
    sources_page = built["/about/sources/"].select("[data-list=all-sources] li")
    all_sources = {entry["data-source"]: normalize(entry.get_text(" ")) for entry in sources_page}
    checked = 0
    for name, document in built.items():
        article = main_content(document)
        cited, links = cited_on(article)
        listed = [entry["data-source"] for entry in article.select("[data-list=page-sources] li")]
        if cited:
            assert listed, f"{name} cites sources but has no sources box"
        assert sorted(cited - set(listed)) == [], f"{name} cites sources its box does not list"
        for source, number in links:
            assert re.sub(r"\D", "", number) == str(listed.index(source) + 1), f"{name}: link {number!r} is not the number of {source}"
        for entry in article.select("[data-list=page-sources] li"):
            assert entry["data-source"] in all_sources, f"{entry['data-source']} on {name} is not on the sources page"
            assert all_sources[entry["data-source"]].startswith(normalize(entry.get_text(" "))), "listed the same way"
        checked += len(listed)
    assert checked, "no page lists sources"


def test_every_listed_source_is_cited_somewhere(site: Path, data: SiteData) -> None:
    built = pages(site)
    listed = [entry["data-source"] for entry in built["/about/sources/"].select("[data-list=all-sources] li")]
    assert listed == data.ids("sources"), "the sources page lists every source in data/sources.yml"
    cited: set[str] = set()
    for document in built.values():
        article = main_content(document)
        cited |= cited_on(article)[0]
        cited |= {entry["data-source"] for entry in article.select("[data-list=page-sources] li")}
    assert [source for source in listed if source not in cited] == [], "sources no page cites"


def glossary_ids() -> list[str]:
    return [entry["id"] for entry in yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))]


@pytest.mark.parametrize("term_id", glossary_ids())
def test_every_glossary_term_appears_on_at_least_one_page(term_id: str, site: Path, data: SiteData) -> None:
    term = data.get("glossary", term_id)
    words = [term.term, *term.matches]
    using = [
        name
        for name, document in pages(site).items()
        if name != "/glossary/"
        and any(contains_words(normalize(main_content(document).get_text(" ")).lower(), word.lower()) for word in words)
    ]
    assert using, f"no page but the glossary uses {' or '.join(words)!r}"


def days(value: str, unit: str) -> float:
    return float(value) * DAYS_PER_UNIT[unit]


def test_timelines_are_in_order_without_undeclared_overlaps_and_each_phase_has_something_to_do(site: Path, data: SiteData) -> None:
    shown: set[str] = set()
    for name, document in pages(site).items():
        for timeline in main_content(document).select(".hb-timeline--phases"):
            timeline_id = timeline["data-timeline"]
            shown.add(timeline_id)
            phases = [phase for phase in data.all("phases") if phase.timeline == timeline_id]
            items = timeline.select("li.hb-timeline__item")
            assert [entry["data-entry"] for entry in items] == [phase.id for phase in phases], f"{timeline_id} on {name}"
            previous = None
            for entry, phase in zip(items, phases, strict=True):
                # The page shows the data's times (start: smallest value; end: largest)...
                assert days(entry["data-start-value"], entry["data-start-unit"]) == phase.span_start.days("min")
                if phase.end is not None:
                    assert days(entry["data-end-value"], entry["data-end-unit"]) == phase.end.days("max")
                # ...in order, a phase starting once the one above has ended unless it says it overlaps
                # (ranges compared by their smallest values, as data/phases.yml is checked).
                start, end = phase.span_start.days("min"), (phase.end or phase.span_start).days("min")
                if previous is not None:
                    assert start >= previous[0], f"{phase.id} starts before the phase above it"
                    assert start >= previous[1] - 1e-9 or phase.overlaps_previous, f"{phase.id} overlaps the phase above"
                previous = (start, end)
                to_do = [normalize(point.get_text(" ")) for point in entry.select(".hb-timeline__points--do li")]
                assert to_do and all(to_do), f"{phase.id} on {name} has nothing to do"
                assert normalize(entry.select_one(".hb-timeline__when").get_text(" ")), f"{phase.id} does not say when"
    assert shown == set(data.ids("timelines")), "every timeline is on a page"


def test_each_pages_everyday_words_are_the_keywords_of_its_first_search_entry(site: Path) -> None:
    """hooks/search_keywords.py: the hidden word list of a page goes to its first search entry, and only there."""
    index = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))["docs"]
    by_page: dict[str, list[dict[str, Any]]] = {}
    for entry in index:
        by_page.setdefault(entry["location"].split("#")[0], []).append(entry)
    checked = 0
    for path in html_pages(site):
        hidden = soup(path).select_one("[data-search-words]")
        entries = by_page.get(page_url(site, path), [])
        if hidden is None or not entries:
            assert not any("keywords" in entry for entry in entries), page_url(site, path)
            continue
        assert entries[0].get("keywords") == hidden.get_text(" ").strip(), page_url(site, path)
        assert not any("keywords" in entry for entry in entries[1:]), page_url(site, path)
        checked += 1
    assert checked >= 5, "most medical pages explain a glossary term and carry its everyday words"
