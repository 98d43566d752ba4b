"""Widgets render the data they are given, in order, with their sources recorded."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.data import load_site_data
from macros.fields import PLACEHOLDER
from macros.formatting import count_words, format_fact, placeholder_values
from macros.models import REGION_PLACEHOLDERS, SiteData
from macros.render import PageContext
from macros.text import TextRenderer
from macros.widgets import Widgets
from support import ROOT


@pytest.fixture(scope="module")
def data() -> SiteData:
    return load_site_data(ROOT / "data", ROOT / "docs")


@pytest.fixture
def widgets(data: SiteData) -> Widgets:
    return Widgets(data, TextRenderer(placeholder_values(data), resolve_link=lambda path: "/" + path))


@pytest.fixture
def page(widgets: Widgets) -> PageContext:
    return widgets.start("stem-cell-therapy/recovery.md")


def parse(html: object) -> BeautifulSoup:
    return BeautifulSoup(str(html), "html.parser")


def test_timeline_lists_its_phases_in_order_with_durations(widgets: Widgets, page: PageContext, data: SiteData) -> None:
    html = parse(widgets.timeline(page, "hip-recovery").html)
    items = html.select("ol.hb-timeline__list > li")
    phases = [phase for phase in data.all("phases") if phase.timeline == "hip-recovery"]
    assert [li["data-entry"] for li in items] == [phase.id for phase in phases]
    first = items[0]
    assert first.select_one("h3").get_text() == phases[0].title
    assert [time["datetime"] for time in first.select("time")] == ["3d"]
    assert first["data-start-value"] == "0" and first["data-end-unit"] == "day"
    assert all(li.select(".hb-timeline__points--do li") for li in items), "every phase has something to do"
    assert items[-1].get("data-visit") == "true"


def test_timeline_heading_level_follows_the_page(widgets: Widgets, page: PageContext) -> None:
    html = parse(widgets.timeline(page, "pt-course", level=2).html)
    assert html.select("li > h2") and html.select("li > h3") and not html.select("li > h4")


def test_faqs_show_only_their_topic(widgets: Widgets, page: PageContext, data: SiteData) -> None:
    html = parse(widgets.faqs(page, "recovery").html)
    expected = [faq.id for faq in data.all("faqs") if faq.topic == "recovery"]
    assert [entry["data-faq"] for entry in html.select("details")] == expected
    assert all(entry.select_one("summary") for entry in html.select("details"))


def test_all_faqs_group_every_question_by_topic(widgets: Widgets, page: PageContext, data: SiteData) -> None:
    html = parse(widgets.all_faqs(page).html)
    assert len(html.select("details")) == len(data.all("faqs"))
    headings = [heading.get_text() for heading in html.select("section > h2")]
    assert headings == [topic.name for topic in data.all("topics") if any(f.topic == topic.id for f in data.all("faqs"))]


def test_facts_and_phase_spans_cite_their_sources(widgets: Widgets, page: PageContext, data: SiteData) -> None:
    work = widgets.fact(page, "work-return")
    assert work.cited == tuple(data.get("facts", "work-return").sources)
    assert widgets.fact(page, "back-relief-window").cited == tuple(data.get("phases", "back-relief-window").sources)
    with pytest.raises(KeyError, match="Known ids"):
        widgets.fact(page, "no-such-fact")


def test_citations_are_numbered_in_order_and_listed_in_the_footer(widgets: Widgets, page: PageContext) -> None:
    first = widgets.cite(page, "fda-consumer-regen")
    page = page.after(first)
    second = widgets.cite(page, "nice-ng226", "fda-consumer-regen")
    page = page.after(second)
    assert parse(first.html).get_text() == "[Source 1]"
    assert parse(second.html).get_text() == "[Source 2][Source 1]"
    footer = parse(widgets.page_footer(page))
    listed = [entry["data-source"] for entry in footer.select("[data-list=page-sources] li")]
    assert listed == ["fda-consumer-regen", "nice-ng226"]
    assert footer.select_one("[data-review-last]")["datetime"] == "2026-11-23"
    assert footer.select_one("[data-disclaimer]") is not None


def test_widgets_return_the_sources_they_show(widgets: Widgets, page: PageContext, data: SiteData) -> None:
    rendered = widgets.care_tips(page, "recovery")
    shown = {source for tip in data.all("care_tips") if "recovery" in tip.topics for source in tip.sources}
    assert shown <= set(rendered.cited)
    assert page.cited == (), "the page the widget read is unchanged"


def test_a_widget_keeps_nothing_between_calls(widgets: Widgets, page: PageContext) -> None:
    """Pure: the same page in, the same HTML and sources out, whatever was rendered between."""
    first = widgets.warning_signs(page)
    widgets.faqs(page, "recovery")
    widgets.timeline(page, "hip-recovery")
    assert widgets.warning_signs(page) == first


def test_symptom_table_shows_how_long_each_symptom_lasts(widgets: Widgets, page: PageContext, data: SiteData) -> None:
    html = parse(widgets.symptom_table(page).html)
    row = html.select_one('tr[data-symptom="tiredness"]')
    assert format_fact(data.get("facts", "tiredness-duration")) in row.get_text()
    assert all(tr["data-level"] == "expected" for tr in html.select("tbody tr"))


def test_care_levels_come_most_urgent_first_with_icon_and_words(widgets: Widgets, page: PageContext, data: SiteData) -> None:
    html = parse(widgets.care_levels(page, "after-hip-injection", level=2).html)
    sections = html.select("section.hb-level")
    levels = [level.id for level in data.all("care_levels") if level.id != "routine"]  # no routine sign after a hip injection
    assert [s["id"] for s in sections] == [f"level-after-hip-injection-{level}" for level in levels]
    for section in sections:
        heading = section.select_one("h2")
        assert heading.select_one("svg[aria-hidden=true]") is not None
        assert heading.get_text(strip=True), "each level has a heading in words"


def test_session_table_totals_the_visit(widgets: Widgets, page: PageContext, data: SiteData) -> None:
    html = parse(widgets.session_table(page).html)
    assert [tr["data-step"] for tr in html.select("tbody tr")] == data.ids("session_steps")
    assert format_fact(data.get("facts", "session-total")) in html.select_one("tfoot").get_text()


def test_non_medical_pages_get_only_the_note_for_readers_elsewhere(widgets: Widgets, data: SiteData) -> None:
    footer = parse(widgets.page_footer(widgets.start("about/privacy.md")))
    assert footer.select_one("[data-region]") is not None
    assert footer.select_one("[data-disclaimer]") is None and footer.select_one("[data-review]") is None


def test_count_counts_the_items_of_a_file_or_topic(widgets: Widgets, page: PageContext, data: SiteData) -> None:
    recovery = [faq for faq in data.all("faqs") if faq.topic == "recovery"]
    assert widgets.count(page, "faqs", topic="recovery").html == count_words(len(recovery))
    assert widgets.count(page, "session_steps").html == count_words(len(data.all("session_steps")))


def test_a_fact_shown_through_a_placeholder_cites_its_sources(widgets: Widgets, page: PageContext, data: SiteData) -> None:
    """Care levels have no sources of their own; the facts their words show (the emergency
    number) still put their sources in the page's sources box."""
    shown = {fact_id for level in data.all("care_levels") for fact_id in PLACEHOLDER.findall(level.heading + level.action)}
    assert shown, "no care level shows a fact: nothing to test"
    rendered = widgets.care_levels(page, "after-hip-injection")
    footer = parse(widgets.page_footer(page.after(rendered)))
    listed = {entry["data-source"] for entry in footer.select("[data-list=page-sources] li")}
    for fact_id in shown:
        item = data.region if fact_id in REGION_PLACEHOLDERS else data.get("facts", fact_id)
        assert set(item.sources) <= listed, fact_id
