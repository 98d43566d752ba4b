"""Widgets render the data they are given, in order, with their sources recorded.

Every widget here renders the mini dataset (tests/fixtures/mini_data), and every expected
value is written out: ids in order, words, numbers, citation numbers, heading levels.
"""

from __future__ import annotations

import pytest
from mini_site import parse, text_of

from macros.render import PageContext
from macros.widgets import Widgets


@pytest.fixture
def page(mini_widgets: Widgets) -> PageContext:
    """The aftercare page: it serves the situation after the test procedure."""
    return mini_widgets.start("alpha/aftercare.md")


@pytest.fixture
def alpha(mini_widgets: Widgets) -> PageContext:
    """The alpha page: it serves the everyday situation."""
    return mini_widgets.start("alpha/index.md")


# -- timelines ----------------------------------------------------------------


def test_timeline_lists_its_phases_in_order_with_their_times(mini_widgets: Widgets, page: PageContext) -> None:
    items = parse(mini_widgets.timeline(page, "test-recovery").html).select("ol.hb-timeline__list > li")
    assert [li["data-entry"] for li in items] == ["phase-rest", "phase-move", "phase-check"]
    assert [text_of(li.select_one("h3")) for li in items] == ["Rest", "Move gently", "Check-up visit"]
    assert [text_of(li.select_one(".hb-timeline__when")) for li in items] == [
        "First 3 days after the procedure",
        "3 days to 2 weeks after the procedure",
        "Visit: 6 weeks after the procedure",
    ]
    assert [[time["datetime"] for time in li.select("time")] for li in items] == [["3d"], ["3d", "2w"], ["6w"]]
    assert [(li.get("data-start-value"), li.get("data-start-unit"), li.get("data-end-value"), li.get("data-end-unit")) for li in items] == [
        ("0", "day", "3", "day"),
        ("3", "day", "2", "week"),
        ("6", "week", None, None),
    ]
    assert [li.get("data-visit") for li in items] == [None, None, "true"]
    assert [li["data-key-points"] for li in items] == ["Rest at home", "Walk a little more each day", "Go to your check-up"]


def test_timeline_sections_and_links_to_exercises(mini_widgets: Widgets, page: PageContext) -> None:
    rest, move, check = parse(mini_widgets.timeline(page, "test-recovery").html).select("ol.hb-timeline__list > li")
    assert [text_of(h) for h in rest.select("h4")] == ["Goals", "What to do", "What to avoid"]
    assert [text_of(li) for li in rest.select(".hb-timeline__points--do li")] == ["Rest at home", "Walk a little"]
    assert [text_of(h) for h in move.select("h4")] == ["What to do", "Signs of progress", "Home exercises that may suit this stage"]
    assert [(a["href"], text_of(a)) for a in move.select(".hb-timeline__points--exercises a")] == [
        ("/alpha/exercises.md#exercise-test-bridge", "Test bridge")
    ]
    # Only the visit rests on the clinic alone, so only it says so.
    assert [bool(li.select("[data-provenance]")) for li in (rest, move, check)] == [False, False, True]


def test_timeline_heading_level_follows_the_page(mini_widgets: Widgets, page: PageContext) -> None:
    html = parse(mini_widgets.timeline(page, "test-recovery", level=2).html)
    assert [h.name for h in html.select("li > h2, li > h3, li > h4")] == ["h2", "h3", "h3", "h3", "h2", "h3", "h3", "h3", "h2", "h3"]


def test_timeline_serves_its_situation_and_cites_what_it_shows(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.timeline(page, "test-recovery")
    assert rendered.served == ("after-test-procedure",)
    root = parse(rendered.html).select_one("[data-timeline]")
    assert root["data-date-key"] == "procedure"
    assert root["data-warning"] == "Warning signs: call 112 now for any of these: A fever after the procedure."
    # The timeline's source and its phases', then the emergency number's (in the warning line).
    assert rendered.cited == ("test-guideline", "test-clinic", "test-regulator")


def test_a_timeline_on_one_sheet(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.timeline_summary(page, "test-recovery")
    rows = parse(rendered.html).select("tbody tr")
    assert [[text_of(cell) for cell in row.select("th, td")][:2] for row in rows] == [
        ["Rest", "First 3 days"],
        ["Move gently", "3 days to 2 weeks"],
        ["Check-up visit", "6 weeks"],
    ]
    key_points = [[text_of(li) for li in row.select("li")] for row in rows]
    assert key_points == [["Rest at home"], ["Walk a little more each day"], ["Go to your check-up"]]
    assert [bool(row.select("[data-provenance]")) for row in rows] == [False, False, True]
    assert rendered.served == ("after-test-procedure",)
    assert rendered.cited == ("test-guideline", "test-clinic")


def test_session_timeline_says_how_long_each_step_takes(mini_widgets: Widgets, page: PageContext) -> None:
    items = parse(mini_widgets.session_timeline(page).html).select("ol.hb-timeline__list > li")
    assert [text_of(li.select_one(".hb-timeline__when")) for li in items] == ["Takes 20 minutes", "Takes 10 to 30 minutes"]
    assert [[time["datetime"] for time in li.select("time")] for li in items] == [["20m"], ["10m", "30m"]]


# -- facts, counts and citations ---------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "shown", "cited"),
    [
        ("rest-time", "1 to 3 days", ("test-guideline",)),
        ("session-total", "1 to 2 hours", ("test-clinic",)),
        ("benefit-rate", "20 to 30 in 100", ("test-guideline",)),
        ("approval-date", "December 2024", ("test-health-service",)),
        ("helpline", "0100 200 300", ("test-health-service",)),
        ("phase-rest", "3 days", ("test-guideline",)),
        ("phase-move", "3 days to 2 weeks", ("test-guideline",)),
        ("phase-check", "6 weeks", ("test-clinic",)),
    ],
)
def test_facts_and_phase_spans_show_their_value_and_cite_their_sources(
    mini_widgets: Widgets, page: PageContext, fact_id: str, shown: str, cited: tuple[str, ...]
) -> None:
    rendered = mini_widgets.fact(page, fact_id)
    assert (str(rendered.html), rendered.cited) == (shown, cited)


def test_an_unknown_fact_names_the_known_ones(mini_widgets: Widgets, page: PageContext) -> None:
    with pytest.raises(KeyError, match="Known ids: rest-time, session-total, benefit-rate, approval-date, helpline"):
        mini_widgets.fact(page, "no-such-fact")


def test_count_counts_the_items_of_a_file_or_topic(mini_widgets: Widgets, page: PageContext) -> None:
    assert str(mini_widgets.count(page, "faqs").html) == "three"
    assert str(mini_widgets.count(page, "faqs", topic="alpha").html) == "two"
    assert str(mini_widgets.count(page, "faqs", topic="aftercare").html) == "one"
    assert str(mini_widgets.count(page, "evidence", topic="no-such-topic").html) == "zero"


def test_citations_are_numbered_in_order_and_listed_in_the_footer(mini_widgets: Widgets, page: PageContext) -> None:
    first = mini_widgets.cite(page, "test-clinic")
    page = page.after(first)
    second = mini_widgets.cite(page, "test-guideline", "test-clinic")
    page = page.after(second)
    assert text_of(parse(first.html)) == "[Source 1]"
    assert text_of(parse(second.html)) == "[Source 2][Source 1]"
    assert [a["href"] for a in parse(second.html).select("a")] == ["#source-test-guideline", "#source-test-clinic"]
    footer = parse(mini_widgets.page_footer(page))
    assert [(li["id"], text_of(li)) for li in footer.select("[data-list=page-sources] li")] == [
        ("source-test-clinic", "Test Clinic Brochure. A test clinic. Clinic that sells this treatment"),
        ("source-test-guideline", "Test Guideline on Resting. Test Guideline Group, 2024. Clinical guideline"),
    ]


def test_a_medical_footer_gives_the_review_and_the_disclaimer(mini_widgets: Widgets, page: PageContext) -> None:
    footer = parse(mini_widgets.page_footer(page))
    assert text_of(footer.select_one("h2")) == "Sources and review"
    assert not footer.select("[data-list=page-sources]"), "nothing cited, no list"
    assert [text_of(li) for li in footer.select("[data-review] li")] == [
        "Last reviewed: February 1, 2026",
        "Reviewed by: Test editors",
        "Clinical review: pending. No doctor or therapist has checked this page yet.",
        "Next review due: August 1, 2026",
    ]
    assert footer.select_one("[data-review-last]")["datetime"] == "2026-02-01"
    assert text_of(footer.select_one("[data-disclaimer]")) == "This is test advice Ask your own doctor. In an emergency, call 112."
    assert text_of(footer.select_one("[data-region]")) == "This test guide is written for Testland."


def test_a_clinician_sign_off_counts_from_the_last_review_on(mini_widgets: Widgets, alpha: PageContext) -> None:
    """The reviewer signed alpha on February 1, 2026, after its review of January 10."""
    footer = parse(mini_widgets.page_footer(alpha))
    review = footer.select_one("[data-clinical-review]")
    assert text_of(review) == "Clinical review: Dr Test Reviewer, Physical therapist, DPT, on February 1, 2026"
    assert review["data-clinical-review"] == "test-reviewer"


def test_non_medical_pages_get_only_the_note_for_readers_elsewhere(mini_widgets: Widgets) -> None:
    footer = mini_widgets.page_footer(mini_widgets.start("privacy.md"))
    assert str(footer) == '<p class="hb-region-note" data-region="testland">This test guide is written for Testland.</p>'


# -- FAQs and cards -----------------------------------------------------------------


def test_faqs_show_only_their_topic(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.faqs(page, "alpha")
    entries = parse(rendered.html).select("details")
    assert [entry["data-faq"] for entry in entries] == ["alpha-rest", "alpha-read"]
    assert [text_of(entry.select_one("summary")) for entry in entries] == ["How long should I rest?", "Where can I read about aftercare?"]
    assert text_of(entries[0].select_one(".hb-faq__answer")) == "Rest for 1 to 3 days, then walk a little each day."
    assert entries[1].select_one(".hb-faq__answer a")["href"] == "/alpha/aftercare.md"
    assert rendered.cited == ("test-guideline", "test-health-service", "test-copy")


def test_an_faq_resting_on_a_clinic_alone_says_so(mini_widgets: Widgets, page: PageContext) -> None:
    (entry,) = parse(mini_widgets.faqs(page, "aftercare").html).select("details")
    assert text_of(entry.select_one("[data-provenance]")) == "Source: a clinic that sells this treatment"


def test_faqs_of_an_unknown_topic_are_an_error(mini_widgets: Widgets, page: PageContext) -> None:
    with pytest.raises(KeyError, match='No topics item with id "alfa"'):
        mini_widgets.faqs(page, "alfa")


def test_all_faqs_group_every_question_by_topic(mini_widgets: Widgets, page: PageContext) -> None:
    html = parse(mini_widgets.all_faqs(page).html)
    assert [(h.name, text_of(h)) for h in html.select("section > h2")] == [("h2", "Alpha topic"), ("h2", "Aftercare topic")]
    assert [[d["data-faq"] for d in section.select("details")] for section in html.select("section")] == [
        ["alpha-rest", "alpha-read"],
        ["aftercare-dressing"],
    ]
    assert [(a["href"], text_of(a)) for a in html.select(".hb-more a")] == [
        ("/alpha/index.md", "More about alpha topic"),
        ("/alpha/aftercare.md", "More about aftercare topic"),
    ]


def test_care_tips_of_a_topic_with_their_heading_level(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.care_tips(page, "aftercare", level=2)
    html = parse(rendered.html)
    assert [(h.name, h["id"], text_of(h)) for h in html.select(".hb-card__title")] == [
        ("h2", "tip-wrapped-ice", "Use a wrapped ice pack"),
        ("h2", "tip-drink-water", "Drink water"),
    ]
    assert not html.select("[data-provenance]"), "the clinic's card says in its words that the clinic says it"
    assert rendered.cited == ("test-health-service", "test-clinic")
    assert page.cited == (), "the page the widget read is unchanged"


def test_a_widget_keeps_nothing_between_calls(mini_widgets: Widgets, page: PageContext) -> None:
    """Pure: the same page in, the same HTML and sources out, whatever was rendered between."""
    first = mini_widgets.warning_signs(page)
    mini_widgets.faqs(page, "alpha")
    mini_widgets.timeline(page, "test-recovery")
    assert mini_widgets.warning_signs(page) == first


# -- symptoms and care levels ------------------------------------------------------------


def test_symptom_table_shows_how_long_each_symptom_lasts(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.symptom_table(page)
    html = parse(rendered.html)
    assert text_of(html.select_one("caption")) == "Expected: care for yourself at home"
    assert [[text_of(cell) for cell in tr.select("th, td")] for tr in html.select("tbody tr")] == [
        ["Feeling tired", "1 to 3 days", "Rest and drink water."]
    ]
    # The symptom's source, then the source of how long it lasts (rest-time).
    assert rendered.cited == ("test-health-service", "test-guideline")
    assert rendered.shown == frozenset({"tired"})


def test_a_level_without_symptoms_is_an_error(mini_widgets: Widgets, page: PageContext) -> None:
    with pytest.raises(ValueError, match=r"No symptoms of level \"routine\" for the situations \['after-test-procedure'\]"):
        mini_widgets.symptom_table(page, level="routine")


def test_care_levels_come_most_urgent_first_with_icon_and_words(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.care_levels(page, "after-test-procedure", level=2)
    sections = parse(rendered.html).select("section.hb-level")
    # No call or routine sign after the test procedure: those levels are left out.
    assert [s["id"] for s in sections] == ["level-after-test-procedure-emergency", "level-after-test-procedure-expected"]
    assert [text_of(s.select_one("h2")) for s in sections] == ["Emergency: call 112 now", "Expected: care for yourself at home"]
    assert all(s.select_one("h2 > svg[aria-hidden=true]") for s in sections)
    assert [[li["data-symptom"] for li in s.select("li")] for s in sections] == [["fever-after"], ["tired"]]
    assert text_of(sections[1].select_one(".hb-symptom__lasts")) == "Usually lasts 1 to 3 days."
    assert rendered.shown == frozenset({"fever-after", "tired"})


def test_care_levels_cite_the_facts_of_how_long_symptoms_last(mini_widgets: Widgets, page: PageContext) -> None:
    assert "test-guideline" in mini_widgets.care_levels(page, "after-test-procedure").cited


def test_a_fact_shown_through_a_placeholder_cites_its_sources(mini_widgets: Widgets, page: PageContext) -> None:
    """The emergency heading and advice say "call {emergency-number}": the region's source
    (test-regulator) is cited, after the symptom's own (test-health-service)."""
    assert mini_widgets.warning_signs(page).cited == ("test-health-service", "test-regulator")
    assert "test-regulator" in mini_widgets.care_levels(page, "after-test-procedure").cited


def test_warning_signs_say_how_urgent_an_everyday_sign_is_after_a_procedure(mini_widgets: Widgets, alpha: PageContext) -> None:
    html = parse(mini_widgets.warning_signs(alpha).html)
    assert [text_of(level.select_one(".hb-level__title")) for level in html.select(".hb-level")] == [
        "Call your care team today",
        "Book a visit",
    ]
    fever, slow = html.select("li[data-symptom]")
    assert (fever["data-symptom"], slow["data-symptom"]) == ("fever-everyday", "slow-progress")
    assert fever.select_one("[data-escalation]")["data-escalation"] == "emergency"
    assert text_of(fever) == (
        "A fever with the pain After an injection, or after bone marrow or fat was taken, in the last few weeks: Emergency: call 112 now"
    )
    assert slow.select_one("[data-escalation]") is None, "pain that is not improving is no more urgent after a procedure"


def test_warning_signs_of_several_situations_name_the_one_each_belongs_to(mini_widgets: Widgets, alpha: PageContext) -> None:
    html = parse(mini_widgets.warning_signs(alpha, "after-test-procedure", "everyday").html)
    assert [(li["data-symptom"], [text_of(tag) for tag in li.select(".hb-tag")]) for li in html.select("li[data-symptom]")] == [
        ("fever-after", ["After the test procedure"]),
        ("fever-everyday", ["Everyday test situation"]),
        ("slow-progress", ["Everyday test situation"]),
    ]


def test_a_page_after_a_procedure_names_the_emergency_signs_it_leaves_out(mini_widgets: Widgets, page: PageContext) -> None:
    problem = mini_widgets.unshown_emergency_signs(page)
    assert problem is not None
    assert (problem.file, problem.position.line, problem.field) == ("data/pages.yml", 14, "aftercare › contexts")
    assert problem.problem == (
        "docs/alpha/aftercare.md is about the time after a procedure (after-test-procedure) "
        "but does not show these emergency signs: fever-after."
    )
    shown = page.after(mini_widgets.warning_signs(page))
    assert mini_widgets.unshown_emergency_signs(shown) is None


def test_an_everyday_page_needs_no_emergency_list(mini_widgets: Widgets, alpha: PageContext) -> None:
    assert mini_widgets.unshown_emergency_signs(alpha) is None


def test_injection_risks_show_each_sign_at_its_own_level(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.injection_risks(page)
    html = parse(rendered.html)
    assert [text_of(h) for h in html.select("section > h2")] == ["Infection"]
    assert text_of(html.select_one(".hb-likely")) == "How likely: No source gives a reliable number."
    assert [(span["data-symptom"], span["data-level"]) for span in html.select("[data-symptom]")] == [
        ("fever-after", "emergency"),
        ("tired", "expected"),
    ]
    assert rendered.shown == frozenset({"fever-after", "tired"})


# -- tables and lists -------------------------------------------------------------------


def test_session_table_totals_the_visit(mini_widgets: Widgets, page: PageContext) -> None:
    html = parse(mini_widgets.session_table(page).html)
    assert [tr["data-step"] for tr in html.select("tbody tr")] == ["step-prepare", "step-inject"]
    assert [[text_of(cell) for cell in tr.select("th, td")] for tr in html.select("tbody tr")] == [
        ["Get ready", "20 minutes", "None needed Source: a clinic that sells this treatment"],
        ["Have the injection", "10 to 30 minutes", "Numbing medicine Source: a clinic that sells this treatment"],
    ]
    assert [text_of(cell) for cell in html.select("tfoot th, tfoot td")] == ["The whole visit", "1 to 2 hours"]


def test_conflicts_show_what_each_source_said_and_what_the_site_says(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.conflicts(page)
    (row,) = parse(rendered.html).select("tbody tr")
    assert [text_of(li) for li in row.select("li")] == [
        "Test Guideline Group: Rest for a few days. (1 to 3 days)",
        "A test clinic: Rest until the next day. (1 day)",
    ]
    assert text_of(row.select("td")[-1]) == (
        "1 to 3 days. We give the guideline's range, because the clinic gave no reason for its shorter time."
    )
    assert rendered.cited == ("test-guideline", "test-clinic")


def test_the_sources_list_names_each_kind_in_words(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.sources_list(page)
    html = parse(rendered.html)
    assert [(li["data-source"], text_of(li.select_one("[data-source-kind]"))) for li in html.select("li")] == [
        ("test-guideline", "Clinical guideline"),
        ("test-health-service", "Public health service"),
        ("test-regulator", "Government regulator"),
        ("test-clinic", "Clinic that sells this treatment"),
        ("test-copy", "Copied page, author unknown"),
    ]
    assert rendered.cited == (), "the list is the page's content, not a citation"


def test_the_glossary_is_in_alphabetical_order(mini_widgets: Widgets, page: PageContext) -> None:
    html = parse(mini_widgets.glossary(page).html)
    assert [dt["id"] for dt in html.select("dt")] == ["term-placebo", "term-testamol"]
    assert text_of(html.select("dd")[1]) == "Testamol is a pretend pain medicine for the tests. Testex is one brand. Brand names: Testex."


def test_stored_dates_name_each_date_a_reader_may_keep(mini_widgets: Widgets, page: PageContext) -> None:
    html = parse(mini_widgets.stored_dates(page).html)
    assert [text_of(li) for li in html.select("li")] == ["hb-date:procedure: Your procedure date (on the timeline “Test recovery”)"]


def test_a_notice_fills_in_the_region(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.notice(page, "emergency")
    html = parse(rendered.html)
    assert html.select_one("div")["class"] == ["admonition", "danger", "hb-notice", "hb-notice--emergency"]
    assert text_of(html) == "In an emergency Call 112. See the aftercare page for the warning signs."
    assert rendered.cited == ("test-regulator",)


def test_search_words_are_the_explained_terms_and_the_pages_own(mini_widgets: Widgets, alpha: PageContext, page: PageContext) -> None:
    assert str(mini_widgets.search_words(alpha, ["hip ache", "Testex"])) == (
        '<p class="hb-search-words" hidden data-search-words data-search-exclude>testamol, Testex, pain tablet, hip ache</p>'
    )
    assert str(mini_widgets.search_words(page)) == "", "no term is explained on the aftercare page"
