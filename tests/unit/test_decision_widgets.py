"""The decision aid's widgets on the mini dataset: one decision, three options (exercise, a
test injection, waiting), with every expected value written out."""

from __future__ import annotations

import pytest
from mini_site import parse, text_of

from macros.decision_widgets import GRID_QUESTIONS
from macros.ipdas import CRITERIA, assess
from macros.models import SiteData
from macros.render import PageContext
from macros.widgets import Widgets


@pytest.fixture
def page(mini_widgets: Widgets) -> PageContext:
    return mini_widgets.start("alpha/choices.md")


def test_every_option_answers_the_same_questions_in_the_same_order(mini_widgets: Widgets, page: PageContext) -> None:
    cards = parse(mini_widgets.option_grid(page, "test-decision").html).select("article")
    assert [(card["data-option"], text_of(card.select_one("h3")), text_of(card.select_one(".hb-option__kind"))) for card in cards] == [
        ("opt-exercise", "Exercise", "Something you do"),
        ("opt-injection", "Test injection", "Injection"),
        ("opt-wait", "Wait", "Waiting"),
    ]
    questions = ["involves", "time_to_work", "recovery", "benefits", "harms", "evidence", "cost"]
    assert [question.key for question in GRID_QUESTIONS] == questions
    assert all([row["data-question"] for row in card.select(".hb-option__row")] == questions for card in cards)


def test_option_cards_give_likelihoods_evidence_and_cost_in_words(mini_widgets: Widgets, page: PageContext) -> None:
    exercise, injection, wait = parse(mini_widgets.option_grid(page, "test-decision").html).select("article")
    assert [text_of(span) for span in exercise.select(".hb-likely")] == [
        "About 20 to 30 in 100 people have less pain.",
        "No source gives a reliable number.",
    ]
    assert [[badge["data-strength"] for badge in card.select("[data-strength]")] for card in (exercise, injection, wait)] == [
        ["recommended"],
        ["investigational"],
        [],  # waiting has no evidence summary
    ]
    assert [card.select_one("[data-coverage]")["data-coverage"] for card in (exercise, injection, wait)] == [
        "usually-covered",
        "rarely-covered",
        "no-cost",
    ]
    assert text_of(injection.select_one("[data-question=recovery] dd")) == "Rest for 1 to 3 days."
    more = [[a["href"] for a in card.select(".hb-option__foot a") if not a["href"].startswith("#")] for card in (exercise, injection, wait)]
    assert more == [["/alpha/exercises.md"], [], []], "only an option with a page links to it"


def test_option_cards_number_their_sources_in_order_of_first_citation(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.option_grid(page, "test-decision")
    assert rendered.cited == ("test-guideline", "test-health-service", "test-clinic")
    injection = parse(rendered.html).select("article")[1]
    assert text_of(injection.select_one(".hb-option__foot")) == "Sources: [Source 1][Source 3]"


def test_the_introduction_names_the_decision_and_its_options(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.decision_intro(page, "test-decision")
    html = parse(rendered.html)
    assert text_of(html.select_one(".hb-decision__question")) == "Which treatment should I try next?"
    assert [text_of(li) for li in html.select(".hb-decision__options li")] == [
        "Exercise Something you do",
        "Test injection Injection",
        "Wait Waiting",
    ]
    assert [part["data-ipdas"] for part in html.select("[data-ipdas]")] == ["1.1.1", "1.1.2", "1.1.3"]
    assert rendered.cited == ("test-guideline",)


def test_values_are_offered_in_file_order(mini_widgets: Widgets, page: PageContext) -> None:
    html = parse(mini_widgets.values_checklist(page, "test-decision").html)
    assert [fieldset["data-value"] for fieldset in html.select("fieldset")] == ["avoid-needles", "keep-costs-down", "relief-soon"]
    assert [radio["value"] for radio in html.select("fieldset")[0].select("input")] == ["a-lot", "a-little", "not-much"]


def test_costs_say_whether_insurance_pays(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.decision_costs(page, "test-decision")
    html = parse(rendered.html)
    assert [text_of(li) for li in html.select("li")] == [
        "Exercise: Insurance and Medicare usually pay part of the cost when your doctor says you need it. "
        "Your plan usually pays for therapy visits. [Source 1]",
        "Test injection: Insurance rarely pays. You will usually pay the whole price yourself. You pay the whole price. [Source 1]",
        "Wait: No cost beyond your usual care. No extra cost.",
    ]
    assert rendered.cited == ("test-health-service",)


def test_the_aid_says_when_its_page_was_reviewed_and_who_pays(mini_widgets: Widgets, page: PageContext) -> None:
    html = parse(mini_widgets.decision_about(page, "test-decision").html)
    assert [time["datetime"] for time in html.select("time")] == ["2026-01-10", "2027-01-10"]
    assert text_of(html.select_one("[data-ipdas=C6]")) == "Who pays for this test guide: No one who sells a treatment pays for it."


def test_clinic_questions_are_grouped_in_the_order_of_the_checklist(mini_widgets: Widgets, page: PageContext) -> None:
    """The file lists the price question first; the checklist puts the product first."""
    html = parse(mini_widgets.clinic_questions(page).html)
    assert [(text_of(section.select_one("h3")), section.select_one("ol")["start"]) for section in html.select("section")] == [
        ("What is being injected", "1"),
        ("The price", "2"),
    ]
    assert [li["data-question"] for li in html.select("li")] == ["what-product", "what-price"]


def test_the_first_days_checklist_has_blanks_to_fill_in(mini_widgets: Widgets, page: PageContext) -> None:
    html = parse(mini_widgets.first_days(page).html)
    assert [label.get_text() for label in html.select(".hb-write-in label")] == ["My clinic's phone number"]
    assert html.select_one(".hb-write-in input")["id"] == "blank-keep-dry-1"


def test_evidence_of_a_topic_and_of_named_summaries(mini_widgets: Widgets, page: PageContext) -> None:
    html = parse(mini_widgets.evidence(page, "aftercare").html)
    assert [(item["id"], text_of(item.select_one(".hb-badge"))) for item in html.select(".hb-evidence__item")] == [
        ("evidence-test-unproven", "Still being studied")
    ]
    with pytest.raises(ValueError, match='No evidence test-evidence with topic "aftercare"'):
        mini_widgets.evidence(page, "aftercare", "test-evidence")


def test_claims_say_who_claims_them(mini_widgets: Widgets, page: PageContext) -> None:
    rendered = mini_widgets.claims(page)
    (row,) = parse(rendered.html).select("tbody tr")
    assert text_of(row.select_one(".hb-attribution")) == "Claimed by: A test clinic [Source 1]"
    assert rendered.cited == ("test-clinic", "test-guideline")


def test_the_mini_decision_aid_meets_every_ipdas_criterion(mini: SiteData) -> None:
    assert assess(mini.decisions.get("test-decision"), mini) == {criterion.code: [] for criterion in CRITERIA}
