"""Clinical safety, read off the built site: what a reader actually sees.

The data rules (tests/unit/test_safety.py) stop mistakes before a page is built. These
tests check the pages themselves: every page about the time after a procedure shows its
emergency signs, anything that rests only on a clinic says so, readers can see what kind
of source each one is, and every page tells readers elsewhere what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from macros.data import load_site_data
from macros.models import SiteData
from macros.provenance import clinic_only, is_attributed
from support import ROOT, doc_url, html_pages, main_content, normalize, page_url, soup


@pytest.fixture(scope="module")
def data(site: Path) -> SiteData:
    project = site.parent
    return load_site_data(project / "data", project / "docs")


def built_page(site: Path, url: str) -> BeautifulSoup:
    return soup(site / url / "index.html")


def emergency_heading(data: SiteData) -> str:
    return normalize(data.get("care_levels", "emergency").heading.replace("{emergency-number}", data.region.emergency_number))


def pages_after_a_procedure(data: SiteData) -> dict[str, set[str]]:
    """Each page that serves a situation after a procedure (by its record or by a timeline it shows)."""
    procedure = {context.id for context in data.all("contexts") if context.after_procedure}
    served: dict[str, set[str]] = {}
    for page in data.all("pages"):
        contexts = set(page.contexts or []) & procedure
        text = (ROOT / "docs" / page.path).read_text(encoding="utf-8")
        for timeline in data.all("timelines"):
            if f'timeline("{timeline.id}")' in text and timeline.context in procedure:
                contexts.add(timeline.context)
        if contexts:
            served[doc_url(page.path)] = contexts
    return served


def test_every_page_after_a_procedure_shows_all_its_emergency_signs(site: Path, data: SiteData) -> None:
    served = pages_after_a_procedure(data)
    assert {"stem-cell-therapy/recovery/", "stem-cell-therapy/hip-recovery-timeline/", "back-pain/stem-cell-injections/"} <= set(served)
    heading = emergency_heading(data)
    for url, contexts in served.items():
        article = main_content(built_page(site, url))
        for symptom in data.all("symptoms"):
            if symptom.level != "emergency" or not set(symptom.contexts) & contexts:
                continue
            shown = article.select(f'[data-symptom="{symptom.id}"]')
            assert shown, f"{url} leaves out the emergency sign {symptom.id}"
            for element in shown:
                box = element.find_parent(class_="hb-level")
                under = box is not None and heading in normalize(box.get_text(" "))
                assert under, f"{symptom.id} on {url} is not under the emergency heading"


def statement_elements(article: Tag) -> list[Tag]:
    """Everything on a page that shows one data item with its sources, except the table of
    conflicts, which names the publisher beside each thing a source said."""
    return [element for element in article.select("[data-sources]") if not element.find_parent(attrs={"data-table": "conflicts"})]


def test_anything_resting_only_on_a_clinic_says_so(site: Path, data: SiteData) -> None:
    sources = {source.id: source for source in data.all("sources")}
    labelled = checked = 0
    for page in html_pages(site):
        for element in statement_elements(main_content(soup(page))):
            if not clinic_only(element["data-sources"].split(), sources):
                continue
            checked += 1
            label = element.select_one("[data-provenance]")
            if label is not None:
                labelled += 1
                assert "clinic that sells this treatment" in label.get_text(), page_url(site, page)
            else:
                text = normalize(element.get_text(" "))
                assert is_attributed(text), f"{page_url(site, page)}: clinic-only text without a label: {text[:120]!r}"
    assert checked and labelled, "no clinic-only item was found: the check compared nothing"


def test_every_source_says_what_kind_of_source_it_is(site: Path, data: SiteData) -> None:
    entries = built_page(site, "about/sources").select("[data-list=all-sources] li")
    kinds = {entry["data-source"]: entry.select_one("[data-source-kind]") for entry in entries}
    assert set(kinds) == set(data.ids("sources"))
    for source in data.all("sources"):
        tag = kinds[source.id]
        assert tag is not None and tag["data-source-kind"] == source.kind and tag.get_text(strip=True), source.id
    copied = normalize(kinds["republished-hip-faq"].get_text(" "))
    clinic = normalize(kinds["spine-clinic-back"].get_text(" "))
    assert "author unknown" in copied and "sells this treatment" in clinic


def test_every_page_tells_readers_elsewhere_to_use_their_own_emergency_number(site: Path, data: SiteData) -> None:
    for page in html_pages(site):
        note = main_content(soup(page)).select_one("[data-region]")
        assert note is not None, page_url(site, page)
        assert data.region.country in note.get_text() and "local emergency number" in note.get_text()


def test_medical_pages_say_clinical_review_is_pending_until_a_clinician_signs(site: Path, data: SiteData) -> None:
    assert data.all("reviewers") == (), "a clinician has signed: update this test to expect their name"
    for page in data.all("pages"):
        article = main_content(built_page(site, doc_url(page.path).rstrip("/") or "."))
        status = article.select_one("[data-clinical-review]")
        assert (status is not None) == page.medical, page.path
        if status is not None:
            assert status["data-clinical-review"] == "pending" and "pending" in status.get_text()


def test_brand_names_never_come_before_the_generic_name(site: Path, data: SiteData) -> None:
    medicines = [term for term in data.all("glossary") if term.brands]
    assert medicines
    for page in html_pages(site):
        article = main_content(soup(page))
        for hidden in article.select("[data-search-words]"):
            hidden.decompose()
        text = normalize(article.get_text(" "))
        for term in medicines:
            for brand in term.brands:
                found = re.search(rf"\b{re.escape(brand)}\b", text)
                if found is None:
                    continue
                generic = re.search(rf"\b(?:{'|'.join(re.escape(w) for w in (term.term, *term.matches))})\b", text, re.IGNORECASE)
                assert generic is not None and generic.start() < found.start(), f"{brand} before {term.term} on {page_url(site, page)}"


def test_an_everyday_sign_that_is_more_urgent_after_a_procedure_says_so_beside_it(site: Path, data: SiteData) -> None:
    """Fever with back pain is same-day care, but an emergency after an injection: a reader who
    had one must see that beside the sign, wherever it is shown."""
    from macros.safety import required_level
    from macros.vocabulary import level_rank

    procedure = {context.id for context in data.all("contexts") if context.after_procedure}
    flags = {flag.id: flag for flag in data.all("red_flags")}
    stricter = {}
    for symptom in data.all("symptoms"):
        floor, _ = required_level(symptom, flags, after_procedure=True)
        if not set(symptom.contexts) & procedure and level_rank(floor) > level_rank(symptom.level):
            stricter[symptom.id] = floor
    assert stricter, "no everyday sign is stricter after a procedure: the check compared nothing"
    shown = 0
    for page in html_pages(site):
        for symptom_id, floor in stricter.items():
            for element in main_content(soup(page)).select(f'[data-symptom="{symptom_id}"]'):
                note = element.select_one("[data-escalation]")
                assert note is not None and note["data-escalation"] == floor, f"{symptom_id} on {page_url(site, page)}"
                shown += 1
    assert shown >= len(stricter)
