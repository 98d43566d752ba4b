"""Validation rules of single items and of the files taken together.

Each rule is shown on a copy of the mini dataset (tests/fixtures/mini_data) with one thing
changed, and the exact problem it must cause. Only the first test reads the real data:
its point is that data/ as the editors left it loads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from data_edits import change, item, only_problem, problems_of

from macros.data import load_site_data
from macros.errors import DataError


def problems(data_dir: Path) -> list[str]:
    """Each problem as "file:line field | problem | expected", for a readable failure."""
    try:
        load_site_data(data_dir, data_dir.parent / "docs")
    except DataError as error:
        return [f"{p.file}:{p.position.line} {p.field} | {p.problem} | {p.expected}" for p in error.problems]
    return []


def test_the_real_data_is_valid(data_dir: Path) -> None:
    assert problems(data_dir) == []


def test_digits_in_text_are_rejected(mini_dir: Path) -> None:
    change(mini_dir, "faqs", lambda items: item(items, "alpha-rest").update(answer="Rest for 3 days."))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (alpha-rest) › answer"
    assert problem.problem == "Numbers are not typed into text: every number is a fact in data/facts.yml."


def test_number_words_with_units_are_rejected(mini_dir: Path) -> None:
    change(mini_dir, "faqs", lambda items: item(items, "alpha-rest").update(answer="Rest for two weeks."))
    assert only_problem(mini_dir).problem == '"two weeks" is a number typed into text.'


def test_placeholders_must_name_a_fact_or_phase(mini_dir: Path) -> None:
    change(mini_dir, "faqs", lambda items: item(items, "alpha-rest").update(answer="Rest for {rest-tme}."))
    problem = only_problem(mini_dir)
    assert (problem.file, problem.field) == ("data/faqs.yml", "item 1 (alpha-rest) › answer")
    assert problem.problem == 'The placeholder "{rest-tme}" names no fact or phase.'
    assert problem.expected.endswith('Did you mean "rest-time"?')


def test_phase_spans_are_placeholders_too(mini_dir: Path) -> None:
    change(mini_dir, "faqs", lambda items: item(items, "alpha-rest").update(answer="Rest for {phase-rest}."))
    assert problems_of(mini_dir) == []


def test_links_in_data_text_must_point_at_real_pages(mini_dir: Path) -> None:
    change(mini_dir, "faqs", lambda items: item(items, "alpha-read").update(answer="See [this](no-such-page.md)."))
    assert only_problem(mini_dir).problem == 'The link target "no-such-page.md" is not a page of this site or a secure web address.'
    change(mini_dir, "faqs", lambda items: item(items, "alpha-read").update(answer="See [this](javascript:alert(document.cookie))."))
    assert only_problem(mini_dir).found == '"javascript:alert(document.cookie"'
    change(mini_dir, "faqs", lambda items: item(items, "alpha-read").update(answer="See [this](privacy.md#top) or [that](https://example.org)."))
    assert problems_of(mini_dir) == []


def test_phases_must_be_in_order(mini_dir: Path) -> None:
    change(mini_dir, "phases", lambda items: item(items, "phase-check").update(start={"min": 1, "unit": "day"}))
    found = problems_of(mini_dir)
    assert [(p.field, p.problem) for p in found] == [
        ("item 3 (phase-check) › start", 'This phase starts before "phase-move", which is listed above it.'),
        ("item 3 (phase-check) › start", 'This phase starts before "phase-move" ends.'),
    ]
    assert found[0].found == "a start of 1 day"


def test_overlapping_phases_must_say_so(mini_dir: Path) -> None:
    change(mini_dir, "phases", lambda items: item(items, "phase-move").update(start={"min": 2, "unit": "day"}))
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (phase-move) › start"
    assert problem.problem == 'This phase starts before "phase-rest" ends.'
    assert problem.found == "a start of 2 days"
    change(mini_dir, "phases", lambda items: item(items, "phase-move").update(overlaps_previous=True))
    assert problems_of(mini_dir) == []


def test_the_first_phase_of_a_timeline_needs_a_start(mini_dir: Path) -> None:
    def first_without_start(items: list[dict[str, Any]]) -> None:
        item(items, "phase-rest").pop("start")
        item(items, "phase-move")["start"] = {"min": 3, "unit": "day"}  # else it has no phase above to start from either

    change(mini_dir, "phases", first_without_start)
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (phase-rest) › start"
    assert problem.problem == "The first phase of a timeline needs a start."


def test_a_phase_below_a_phase_without_a_start_is_told_why(mini_dir: Path) -> None:
    change(mini_dir, "phases", lambda items: item(items, "phase-rest").pop("start"))
    found = problems_of(mini_dir)
    assert [(problem.field, problem.problem) for problem in found] == [
        ("item 1 (phase-rest) › start", "The first phase of a timeline needs a start."),
        (
            "item 2 (phase-move) › start",
            "This phase has no start, and neither has the phase above it, so its start cannot be worked out.",
        ),
    ]


def test_every_page_has_a_record_and_every_record_a_page(mini_dir: Path) -> None:
    (mini_dir.parent / "docs" / "new-page.md").write_text("# New\n", encoding="utf-8")
    change(mini_dir, "pages", lambda items: item(items, "privacy").update(path="privcy.md"))
    found = problems_of(mini_dir)
    assert sorted(p.problem for p in found) == [
        "The page docs/new-page.md has no record in pages.yml.",
        "The page docs/privacy.md has no record in pages.yml.",
        "There is no page docs/privcy.md.",
    ]


def test_an_option_links_only_to_a_listed_page(mini_dir: Path) -> None:
    change(mini_dir, "options", lambda items: item(items, "opt-exercise").update(more="alpha/exercise.md"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (opt-exercise) › more"
    assert problem.problem == "There is no page docs/alpha/exercise.md in pages.yml."


def test_medical_pages_need_a_review(mini_dir: Path) -> None:
    change(mini_dir, "pages", lambda items: item(items, "alpha").pop("review"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (alpha)"
    assert problem.problem == "A medical page needs a review record."


def test_next_review_must_come_after_the_last(mini_dir: Path) -> None:
    change(mini_dir, "pages", lambda items: item(items, "alpha")["review"].update(next="2026-01-10"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (alpha) › review › next"
    assert problem.problem == "The next review is not after the last one."


def test_the_whole_session_is_not_shorter_than_its_steps(mini_dir: Path) -> None:
    """The steps take at least 20 + 10 minutes: a session of at least half an hour is enough,
    a quarter of an hour is not."""
    change(mini_dir, "facts", lambda items: item(items, "session-total")["amount"].update(min=0.5))
    assert problems_of(mini_dir) == []
    change(mini_dir, "facts", lambda items: item(items, "session-total")["amount"].update(min=0.25))
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (session-total) › amount › min"
    assert problem.problem == "The shortest whole session is shorter than its steps added up."
    assert problem.found == "0.25 to 2 hours"


def test_a_fact_has_exactly_one_value(mini_dir: Path) -> None:
    change(mini_dir, "facts", lambda items: item(items, "rest-time").update(date="2024-01-01"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (rest-time)"
    assert problem.problem == "A fact needs exactly one value; this one has 2."


def test_outside_sources_need_a_link_and_a_year(mini_dir: Path) -> None:
    change(mini_dir, "sources", lambda items: item(items, "test-guideline").pop("url"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (test-guideline)"
    assert problem.problem.startswith("A source from outside the supplied articles needs a web address and a year")


def test_phase_ids_and_fact_ids_do_not_clash(mini_dir: Path) -> None:
    def rename(items: list[dict[str, Any]]) -> None:
        item(items, "phase-move")["id"] = "rest-time"

    change(mini_dir, "phases", rename)
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (rest-time) › id"
    assert problem.problem == 'The id "rest-time" is also the id of a fact, so {rest-time} would be unclear.'


def test_ids_are_unique_in_a_file(mini_dir: Path) -> None:
    change(mini_dir, "topics", lambda items: items.append({**items[0], "name": "Alpha again"}))
    problem = only_problem(mini_dir)
    assert problem.field == "item 3 (alpha) › id"
    assert problem.problem == 'The id "alpha" is used twice in topics.yml (first in item 1).'


def test_an_unknown_data_file_is_reported(mini_dir: Path) -> None:
    (mini_dir / "faq.yml").write_text("- id: x\n", encoding="utf-8")
    problem = only_problem(mini_dir)
    assert (problem.file, problem.field) == ("data/faq.yml", "(file name)")
    assert problem.problem == "The site does not know this data file."


def test_a_missing_data_file_is_reported(mini_dir: Path) -> None:
    (mini_dir / "values.yml").unlink()
    problem = only_problem(mini_dir)
    assert (problem.file, problem.problem) == ("data/values.yml", "The data file is missing.")
