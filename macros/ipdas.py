"""The IPDAS criteria a decision aid must meet, as checks on the data behind it.

IPDAS (the International Patient Decision Aid Standards) lists six qualifying criteria:
without them a tool is not a decision aid at all (Joseph-Williams et al., Medical
Decision Making, 2014). Some certification criteria are checked too. Each check reads
the validated data and returns what is missing, so a test, the build and a reviewer can
all ask the same question: does this decision aid have what it needs?
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Check = Callable[[Any, Any], list[str]]


@dataclass(frozen=True)
class Criterion:
    """One IPDAS item: its code (IPDASi v4.0 numbers for the qualifying criteria; C1 to C6, our own
    numbering, for the certification criteria checked), what it asks, and how the data meets it."""

    code: str
    asks: str
    check: Check
    qualifying: bool


def _options(decision: Any, data: Any) -> list[Any]:
    return [data.get("options", option_id) for option_id in decision.options]


def _condition(decision: Any, data: Any) -> list[str]:
    return [] if decision.condition.strip() else ["the condition"]


def _decision(decision: Any, data: Any) -> list[str]:
    return [] if decision.question.strip().endswith("?") else ["the decision, asked as a question"]


def _option_list(decision: Any, data: Any) -> list[str]:
    options = _options(decision, data)
    missing = [] if len(options) >= 2 else ["at least two options"]
    if not any(option.kind == "wait" for option in options):
        missing.append("waiting and changing nothing new, as an option")
    return missing


def _benefits(decision: Any, data: Any) -> list[str]:
    return [f"benefits of {option.id}" for option in _options(decision, data) if not option.benefits]


def _harms(decision: Any, data: Any) -> list[str]:
    return [f"harms of {option.id}" for option in _options(decision, data) if not option.harms]


def _experience(decision: Any, data: Any) -> list[str]:
    return [
        f"what {option.id} is like to go through"
        for option in _options(decision, data)
        if not (option.recovery.strip() and option.time_to_work.strip())
    ]


def _equal_detail(decision: Any, data: Any) -> list[str]:
    # Harms are never shown with fewer than half as many points as benefits.
    return [
        f"harms of {option.id} in as much detail as its benefits"
        for option in _options(decision, data)
        if 2 * len(option.harms) < len(option.benefits)
    ]


def _citations(decision: Any, data: Any) -> list[str]:
    missing = [] if decision.sources else ["sources for the decision"]
    for option in _options(decision, data):
        for outcome in (*option.benefits, *option.harms):
            if not outcome.sources:
                missing.append(f"sources for {option.id}: {outcome.what}")
    return missing


def _page_review(decision: Any, data: Any) -> Any:
    page = data.get("pages", decision.page)
    return page.review


def _publication_date(decision: Any, data: Any) -> list[str]:
    return [] if _page_review(decision, data) is not None else ["a date the page was last reviewed"]


def _update_policy(decision: Any, data: Any) -> list[str]:
    review = _page_review(decision, data)
    return [] if review is not None and review.next > review.last else ["a date for the next review"]


def _uncertainty(decision: Any, data: Any) -> list[str]:
    return [f"how sure the research is about {option.id}" for option in _options(decision, data) if not option.certainty_note.strip()]


def _funding(decision: Any, data: Any) -> list[str]:
    return [] if data.has("notices", "funding") else ["who pays for the guide (the funding notice)"]


CRITERIA: tuple[Criterion, ...] = (
    Criterion("1.1.1", "Describes the health condition or problem", _condition, qualifying=True),
    Criterion("1.1.2", "States the decision that needs to be made", _decision, qualifying=True),
    Criterion("1.1.3", "Describes the options, including doing nothing new", _option_list, qualifying=True),
    Criterion("1.1.4", "Describes the benefits of each option", _benefits, qualifying=True),
    Criterion("1.1.5", "Describes the harms and downsides of each option", _harms, qualifying=True),
    Criterion("1.2.1", "Describes what going through each option is like", _experience, qualifying=True),
    Criterion("C1", "Shows harms and benefits in equal detail", _equal_detail, qualifying=False),
    Criterion("C2", "Cites the evidence", _citations, qualifying=False),
    Criterion("C3", "Gives a publication date", _publication_date, qualifying=False),
    Criterion("C4", "Gives an update policy", _update_policy, qualifying=False),
    Criterion("C5", "Says how sure the evidence is", _uncertainty, qualifying=False),
    Criterion("C6", "Says who funded it", _funding, qualifying=False),
)

QUALIFYING: tuple[Criterion, ...] = tuple(criterion for criterion in CRITERIA if criterion.qualifying)


def assess(decision: Any, data: Any) -> dict[str, list[str]]:
    """What each criterion finds missing from a decision aid ({} values mean it is met)."""
    return {criterion.code: criterion.check(decision, data) for criterion in CRITERIA}
