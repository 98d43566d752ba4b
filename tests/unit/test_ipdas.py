"""The IPDAS checks find what a decision aid lacks.

Small stand-ins for the data keep each case to the one thing it lacks; the real data is
checked against every criterion in tests/test_decisions.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from macros.ipdas import CRITERIA, QUALIFYING, assess


@dataclass
class Outcome:
    what: str
    sources: list[str] = field(default_factory=lambda: ["nice-ng226"])


@dataclass
class Option:
    id: str
    kind: str = "self-care"
    benefits: list[Outcome] = field(default_factory=lambda: [Outcome("Less pain")])
    harms: list[Outcome] = field(default_factory=lambda: [Outcome("Sore muscles at first")])
    recovery: str = "You do it at home."
    time_to_work: str = "Some weeks."
    certainty_note: str = "Many trials."


@dataclass
class Review:
    last: dt.date = dt.date(2026, 11, 29)
    next: dt.date = dt.date(2027, 5, 29)


@dataclass
class Page:
    review: Review | None = field(default_factory=Review)


@dataclass
class Decision:
    options: list[str]
    condition: str = "Hip arthritis is wear of the hip joint."
    question: str = "Which treatment should I try next?"
    page: str = "choices"
    sources: list[str] = field(default_factory=lambda: ["nice-ng226"])


class Data:
    """Just enough of SiteData: options and pages by id, and which notices exist."""

    def __init__(self, options: list[Option], page: Page | None = None, notices: tuple[str, ...] = ("funding",)):
        self.items: dict[str, dict[str, Any]] = {"options": {o.id: o for o in options}, "pages": {"choices": page or Page()}}
        self.notices = notices

    def get(self, name: str, item_id: str) -> Any:
        return self.items[name][item_id]

    def has(self, name: str, item_id: str) -> bool:
        return name == "notices" and item_id in self.notices


def complete() -> tuple[Decision, Data]:
    options = [Option("exercise"), Option("wait", kind="wait")]
    return Decision(options=[o.id for o in options]), Data(options)


def test_a_complete_decision_aid_meets_every_criterion() -> None:
    decision, data = complete()
    assert assess(decision, data) == {criterion.code: [] for criterion in CRITERIA}


def test_the_six_qualifying_criteria_are_all_checked() -> None:
    assert [criterion.code for criterion in QUALIFYING] == ["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.2.1"]


@pytest.mark.parametrize(
    ("code", "spoil", "missing"),
    [
        ("1.1.1", lambda d, data: setattr(d, "condition", " "), "the condition"),
        ("1.1.2", lambda d, data: setattr(d, "question", "Treatments for hip arthritis."), "the decision, asked as a question"),
        ("1.1.3", lambda d, data: setattr(d, "options", ["exercise"]), "at least two options"),
        ("1.1.4", lambda d, data: setattr(data.get("options", "exercise"), "benefits", []), "benefits of exercise"),
        ("1.1.5", lambda d, data: setattr(data.get("options", "wait"), "harms", []), "harms of wait"),
        ("1.2.1", lambda d, data: setattr(data.get("options", "exercise"), "recovery", ""), "what exercise is like to go through"),
        (
            "C1",
            lambda d, data: setattr(data.get("options", "exercise"), "benefits", [Outcome("a"), Outcome("b"), Outcome("c")]),
            "harms of exercise in as much detail as its benefits",
        ),
        (
            "C2",
            lambda d, data: setattr(data.get("options", "exercise").harms[0], "sources", []),
            "sources for exercise: Sore muscles at first",
        ),
        ("C3", lambda d, data: setattr(data.get("pages", "choices"), "review", None), "a date the page was last reviewed"),
        ("C4", lambda d, data: setattr(data.get("pages", "choices").review, "next", dt.date(2026, 11, 29)), "a date for the next review"),
        ("C5", lambda d, data: setattr(data.get("options", "wait"), "certainty_note", ""), "how sure the research is about wait"),
        ("C6", lambda d, data: setattr(data, "notices", ()), "who pays for the guide (the funding notice)"),
    ],
)
def test_each_check_names_what_is_missing(code: str, spoil: Any, missing: str) -> None:
    decision, data = complete()
    spoil(decision, data)
    found = assess(decision, data)
    assert missing in found[code]


def test_waiting_must_be_among_the_options() -> None:
    decision, data = complete()
    decision.options = ["exercise", "exercise"]
    assert assess(decision, data)["1.1.3"] == ["waiting and changing nothing new, as an option"]
