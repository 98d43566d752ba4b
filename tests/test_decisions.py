"""The decision aids, worksheets and checklists, as readers get them in the built site.

- Each decision aid meets the IPDAS qualifying criteria, in its data and on its page.
- Every option card answers the same questions in the same order; its evidence label,
  costs and risks agree with the evidence summaries, the costs list and the warning signs.
- A field of an option changed in data changes on every page that showed it.
- The home page's cards lead to the first page a reader in each situation needs.
- The questions for a clinic and the first-days checklist cover what they must.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.data import load_site_data
from macros.decision_widgets import GRID_QUESTIONS
from macros.formatting import placeholder_values
from macros.ipdas import CRITERIA, QUALIFYING, assess
from macros.models import SiteData
from macros.vocabulary import STRENGTH_LABELS
from support import (
    ROOT,
    BuildResult,
    build,
    contains_words,
    copy_project,
    doc_url,
    html_pages,
    main_content,
    normalize,
    page_text,
    page_url,
    soup,
)


@pytest.fixture(scope="module")
def data(built: BuildResult) -> SiteData:
    project = built.site.parent
    return load_site_data(project / "data", project / "docs")


def decision_ids() -> list[str]:
    return [entry["id"] for entry in yaml.safe_load((ROOT / "data" / "decisions.yml").read_text(encoding="utf-8"))]


def page_of(site: Path, data: SiteData, page_id: str) -> BeautifulSoup:
    path = data.get("pages", page_id).path
    return soup(site / doc_url(path) / "index.html")


def text_of(element: object) -> str:
    return normalize(element.get_text(" ")) if element is not None else ""  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------
# IPDAS
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("decision_id", decision_ids())
def test_each_decision_meets_every_ipdas_criterion_in_its_data(decision_id: str, data: SiteData) -> None:
    found = assess(data.get("decisions", decision_id), data)
    assert {code: missing for code, missing in found.items() if missing} == {}
    assert {criterion.code for criterion in CRITERIA} == set(found)


@pytest.mark.parametrize("decision_id", decision_ids())
def test_each_decision_page_shows_every_qualifying_item(decision_id: str, site: Path, data: SiteData) -> None:
    decision = data.get("decisions", decision_id)
    page = main_content(page_of(site, data, decision.page))
    for code in ("1.1.1", "1.1.2", "1.1.3"):
        part = page.select_one(f'[data-decision="{decision_id}"] [data-ipdas="{code}"]')
        assert part is not None and len(text_of(part)) > 40, f"{code} is missing or empty on {decision.page}"
    assert decision_id and text_of(page.select_one(".hb-decision__question")).endswith("?")
    listed = [link["href"] for link in page.select('[data-ipdas="1.1.3"] a')]
    assert listed == [f"#option-{option_id}" for option_id in decision.options]
    # 1.1.4, 1.1.5 and 1.2.1: every card has benefits, harms and what it is like, with words in them.
    for option_id in decision.options:
        card = page.select_one(f"#option-{option_id}")
        assert card is not None, option_id
        for key in ("benefits", "harms"):
            assert card.select(f'[data-question="{key}"] [data-outcome="{key}"]'), f"{option_id} shows no {key}"
        for key in ("recovery", "time_to_work"):
            assert len(text_of(card.select_one(f'[data-question="{key}"] dd'))) > 5, f"{option_id}: {key}"
    assert [criterion.code for criterion in QUALIFYING] == ["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.2.1"]


@pytest.mark.parametrize("decision_id", decision_ids())
def test_each_decision_page_says_when_it_was_checked_who_pays_and_its_sources(decision_id: str, site: Path, data: SiteData) -> None:
    decision = data.get("decisions", decision_id)
    page = main_content(page_of(site, data, decision.page))
    review = data.get("pages", decision.page).review
    about = page.select_one(f'.hb-aid-facts[data-decision="{decision_id}"]')
    assert about is not None
    assert about.select_one('[data-ipdas="C3"] time')["datetime"] == review.last.isoformat()
    assert about.select_one('[data-ipdas="C4"] time')["datetime"] == review.next.isoformat()
    funding = data.get("notices", "funding")
    assert contains_words(text_of(about.select_one('[data-ipdas="C6"]')), funding.body.split(".")[0])
    assert len(page.select(".hb-page-sources li")) >= len(decision.options), "the sources box lists too few sources"


# ---------------------------------------------------------------------------
# The option grid
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("decision_id", decision_ids())
def test_every_card_answers_the_same_questions_in_the_same_order(decision_id: str, site: Path, data: SiteData) -> None:
    decision = data.get("decisions", decision_id)
    page = main_content(page_of(site, data, decision.page))
    cards = page.select(".hb-option")
    assert [card["data-option"] for card in cards] == decision.options
    wanted = [question.question for question in GRID_QUESTIONS]
    for card in cards:
        asked = [text_of(term) for term in card.select("dt")]
        assert asked == wanted, card["data-option"]
        assert all(len(text_of(answer)) > 3 for answer in card.select("dd")), f"{card['data-option']} has an empty answer"


def test_each_option_shows_the_label_of_its_evidence_summary_wherever_that_summary_appears(site: Path, data: SiteData) -> None:
    shown: dict[str, set[str]] = {}
    for page in html_pages(site):
        for item in main_content(soup(page)).select(".hb-evidence__item"):
            shown.setdefault(item["id"].removeprefix("evidence-"), set()).add(text_of(item.select_one(".hb-badge")))
    checked = 0
    for decision in data.all("decisions"):
        page = main_content(page_of(site, data, decision.page))
        for option_id in decision.options:
            option = data.get("options", option_id)
            badge = page.select_one(f'#option-{option_id} [data-question="evidence"] .hb-badge')
            if option.evidence is None:
                assert badge is None, option_id
                continue
            label = STRENGTH_LABELS[data.get("evidence", option.evidence).strength][1]
            assert text_of(badge) == label, option_id
            assert shown.get(option.evidence, {label}) == {label}, f"{option.evidence} is labelled differently elsewhere"
            checked += 1
    assert checked, "no option shows an evidence label"


@pytest.mark.parametrize("decision_id", decision_ids())
def test_the_costs_list_says_what_each_card_says(decision_id: str, site: Path, data: SiteData) -> None:
    decision = data.get("decisions", decision_id)
    page = main_content(page_of(site, data, decision.page))
    for option_id in decision.options:
        card_cost = text_of(page.select_one(f'#option-{option_id} [data-question="cost"] dd'))
        listed = text_of(page.select_one(f'.hb-costs [data-option="{option_id}"]'))
        assert card_cost and card_cost in listed, option_id


def test_injection_options_link_to_the_risks_and_the_risks_agree_with_the_warning_signs(site: Path, data: SiteData) -> None:
    risks_page = main_content(page_of(site, data, "injection-risks"))
    help_page = main_content(page_of(site, data, "when-to-get-help"))
    levels = {
        section["data-care-level"]: text_of(section.select_one(".hb-level__title")) for section in help_page.select("section.hb-level")
    }
    for risk in data.all("risks"):
        section = risks_page.select_one(f'[data-risk="{risk.id}"]')
        assert section is not None, risk.id
        signs = section.select("[data-symptom]")
        assert [sign["data-symptom"] for sign in signs] == risk.symptoms
        for sign in signs:
            symptom = data.get("symptoms", sign["data-symptom"])
            title = sign.find_parent(class_="hb-level").select_one(".hb-level__title")
            assert contains_words(text_of(title), levels[symptom.level]), f"{risk.id}: {symptom.id}"
        assert any(data.get("symptoms", s).level != "expected" for s in risk.symptoms)
    for decision in data.all("decisions"):
        page = main_content(page_of(site, data, decision.page))
        for option_id in decision.options:
            option = data.get("options", option_id)
            links = [a["href"] for a in page.select(f'#option-{option_id} [data-question="harms"] a')]
            assert any("stem-cell-therapy/risks" in href for href in links) == bool(option.risks), option_id


def test_a_changed_option_field_changes_on_every_page(site: Path, data: SiteData, built: BuildResult, tmp_path: Path) -> None:
    option = next(o for o in data.all("options") if o.kind == "injection")
    old = text_of(BeautifulSoup(f"<p>{placeholder_free(option.cost, data)}</p>", "html.parser"))
    before = {page_url(site, page): page_text(soup(page)) for page in html_pages(site)}
    showed = {name for name, text in before.items() if contains_words(text, old)}
    assert len(showed) >= 1, "the option's cost is on no page"
    new = "This price note was changed in data only, to show that every page follows it."
    copy = copy_project(tmp_path / "project", source=built.site.parent)
    path = copy / "data" / "options.yml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(entry for entry in items if entry["id"] == option.id)["cost"] = new
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = build(copy)
    assert result.returncode == 0, result.output
    after = {page_url(result.site, page): page_text(soup(page)) for page in html_pages(result.site)}
    assert sorted(name for name in showed if not contains_words(after[name], new)) == []
    assert sorted(name for name, text in after.items() if contains_words(text, old)) == []
    decision_page = next(d for d in data.all("decisions") if option.id in d.options).page
    path_of = doc_url(data.get("pages", decision_page).path)
    assert path_of in showed, "the decision page did not show the cost"
    page = main_content(soup(result.site / path_of / "index.html"))
    assert contains_words(text_of(page.select_one(f'#option-{option.id} [data-question="cost"]')), new)
    assert contains_words(text_of(page.select_one(f'.hb-costs [data-option="{option.id}"]')), new)


def placeholder_free(text: str, data: SiteData) -> str:
    """A data text with its {placeholders} filled as pages show them."""
    values = placeholder_values(data)
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


# ---------------------------------------------------------------------------
# The home page, the questions for a clinic, the first days
# ---------------------------------------------------------------------------

#: The first page each home card must lead to: the card a reader taps is the situation they are in.
HOME_CARDS = {
    "I have hip pain": "hip-pain/index.md",
    "I have back pain": "back-pain/index.md",
    "I am choosing a treatment": "hip-pain/treatment-choices.md",
    "I am thinking about stem cell therapy": "stem-cell-therapy/index.md",
    "My treatment is booked": "stem-cell-therapy/preparing.md",
    "I just had treatment": "stem-cell-therapy/first-days.md",
    "Something feels wrong": "when-to-get-help.md",
}


def test_each_home_page_card_leads_first_to_the_page_for_that_situation(site: Path) -> None:
    home = main_content(soup(site / "index.html"))
    cards = {text_of(card.find("strong")): card for card in home.select(".grid.cards > ul > li")}
    assert set(cards) == set(HOME_CARDS)
    for heading, path in HOME_CARDS.items():
        first = cards[heading].select("a")[0]["href"]
        assert first.rstrip("/") == doc_url(path).rstrip("/") or first == doc_url(path), f"{heading} leads to {first}"


def test_the_back_pain_card_does_not_lead_to_injections(site: Path) -> None:
    home = main_content(soup(site / "index.html"))
    card = next(card for card in home.select(".grid.cards > ul > li") if "back pain" in text_of(card.find("strong")))
    assert "stem-cell" not in card.select("a")[0]["href"]


#: What the questions for a clinic must ask about (issue 12), as words a question must contain.
CLINIC_TOPICS = {
    "what is injected and where it comes from": ("inject",),
    "a registered trial's number": ("NCT",),
    "the FDA's permission to test (IND)": ("IND",),
    "registered or listed is not approved": ("registered", "approved"),
    "who gives the injection": ("who",),
    "imaging to guide the needle": ("ultrasound",),
    "the total price in writing": ("price", "writing"),
    "what happens if it does not help": ("does not help",),
    "who to call out of hours": ("hours",),
    "how complications are handled": ("wrong",),
    "what happens if I do nothing": ("nothing",),
    "the other choices": ("other",),
}


def test_the_questions_for_a_clinic_cover_every_topic_with_room_to_answer(site: Path, data: SiteData) -> None:
    page = main_content(page_of(site, data, "clinic-questions"))
    questions = page.select(".hb-question")
    assert len(questions) == len(data.all("clinic_questions"))
    texts = [text_of(question) for question in questions]
    missing = [topic for topic, words in CLINIC_TOPICS.items() if not any(all(w.lower() in t.lower() for w in words) for t in texts)]
    assert missing == []
    for question in questions:
        answer = question.select_one("textarea")
        assert answer is not None and page.select_one(f'label[for="{answer["id"]}"]') is not None
    assert "MedWatch" in text_of(page)


def test_the_first_two_days_checklist_has_blanks_for_the_clinics_numbers(site: Path, data: SiteData) -> None:
    page = main_content(page_of(site, data, "first-days"))
    tasks = page.select(".hb-task")
    assert [task["data-task"] for task in tasks] == [task.id for task in data.all("first_days")]
    blanks = [text_of(label) for label in page.select(".hb-write-in label")]
    assert any("phone" in blank.lower() for blank in blanks), blanks
    for task in tasks:
        box = task.select_one('input[type="checkbox"]')
        assert box is not None and task.select_one(f'label[for="{box["id"]}"]') is not None
