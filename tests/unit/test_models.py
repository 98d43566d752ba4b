"""Validation rules of single items and of the files taken together."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from data_edits import change, item

from macros.data import load_site_data
from macros.errors import DataError


def problems(data_dir: Path) -> list[str]:
    try:
        load_site_data(data_dir, data_dir.parent / "docs")
    except DataError as error:
        return [f"{p.file}:{p.position.line} {p.field} | {p.problem} | {p.expected}" for p in error.problems]
    return []


def test_the_real_data_is_valid(data_dir: Path) -> None:
    assert problems(data_dir) == []


def test_digits_in_text_are_rejected(data_dir: Path) -> None:
    change(data_dir, "faqs", lambda items: items[0].update(answer="Rest for 3 days."))
    assert any("Numbers are not typed into text" in p for p in problems(data_dir))


def test_number_words_with_units_are_rejected(data_dir: Path) -> None:
    change(data_dir, "faqs", lambda items: items[0].update(answer="Rest for two weeks."))
    assert any('"two weeks" is a number typed into text' in p for p in problems(data_dir))


def test_placeholders_must_name_a_fact_or_phase(data_dir: Path) -> None:
    change(data_dir, "faqs", lambda items: items[0].update(answer="Rest for {rest-tme}."))
    found = problems(data_dir)
    assert any("{rest-tme}" in p and "faqs.yml" in p for p in found), found


def test_links_in_data_text_must_point_at_real_pages(data_dir: Path) -> None:
    change(data_dir, "faqs", lambda items: items[0].update(answer="See [this](no-such-page.md)."))
    assert any("no-such-page.md" in p for p in problems(data_dir))
    change(data_dir, "faqs", lambda items: items[0].update(answer="See [this](javascript:alert(document.cookie))."))
    assert any("javascript:alert" in p for p in problems(data_dir))


def test_phases_must_be_in_order(data_dir: Path) -> None:
    def swap(items: list[dict[str, Any]]) -> None:
        item(items, "hip-build-up")["start"] = {"min": 1, "unit": "week"}

    change(data_dir, "phases", swap)
    assert any("starts before" in p for p in problems(data_dir))


def test_overlapping_phases_must_say_so(data_dir: Path) -> None:
    change(data_dir, "phases", lambda items: item(items, "hip-rehab").update(start={"min": 1, "unit": "week"}))
    assert any('starts before "hip-first-weeks" ends' in p for p in problems(data_dir))
    change(data_dir, "phases", lambda items: item(items, "hip-rehab").update(overlaps_previous=True))
    assert problems(data_dir) == []


def test_a_phase_without_start_follows_the_phase_above(data_dir: Path) -> None:
    data = load_site_data(data_dir)
    phases = {phase.id: phase for phase in data.all("phases")}
    assert phases["hip-rehab"].span_start == phases["hip-first-weeks"].end


def test_the_first_phase_of_a_timeline_needs_a_start(data_dir: Path) -> None:
    change(data_dir, "phases", lambda items: item(items, "hip-first-days").pop("start"))
    assert any("first phase of a timeline needs a start" in p for p in problems(data_dir))


def test_every_page_has_a_record_and_every_record_a_page(data_dir: Path) -> None:
    (data_dir.parent / "docs" / "new-page.md").write_text("# New\n", encoding="utf-8")
    change(data_dir, "pages", lambda items: item(items, "glossary").update(path="glosary.md"))
    found = problems(data_dir)
    assert any("docs/new-page.md has no record" in p for p in found)
    assert any("There is no page docs/glosary.md" in p for p in found)


def test_medical_pages_need_a_review(data_dir: Path) -> None:
    change(data_dir, "pages", lambda items: item(items, "faq").pop("review"))
    assert any("needs a review record" in p for p in problems(data_dir))


def test_next_review_must_come_after_the_last(data_dir: Path) -> None:
    change(data_dir, "pages", lambda items: item(items, "faq")["review"].update(next="2020-01-01"))
    assert any("not after the last" in p for p in problems(data_dir))


def test_claims_are_made_by_clinics_and_answered_by_independent_sources(data_dir: Path) -> None:
    change(data_dir, "claims", lambda items: items[0].update(claimed_by=["fda-consumer-regen"]))
    change(data_dir, "evidence", lambda items: items[0].update(sources=["spine-clinic-back"]))
    found = problems(data_dir)
    assert any("not a provider claim" in p for p in found)
    assert any("at least one independent source" in p for p in found)


def test_the_whole_session_is_not_shorter_than_its_steps(data_dir: Path) -> None:
    change(data_dir, "facts", lambda items: item(items, "session-total")["amount"].update(min=0.5))
    assert any("shorter than its steps" in p for p in problems(data_dir))


def test_a_fact_has_exactly_one_value(data_dir: Path) -> None:
    change(data_dir, "facts", lambda items: item(items, "work-return").update(date="2024-01-01"))
    assert any("exactly one value" in p for p in problems(data_dir))


def test_outside_sources_need_a_link_and_a_year(data_dir: Path) -> None:
    change(data_dir, "sources", lambda items: item(items, "nice-ng226").pop("url"))
    assert any("web address and a year" in p for p in problems(data_dir))


def test_phase_ids_and_fact_ids_do_not_clash(data_dir: Path) -> None:
    change(data_dir, "phases", lambda items: item(items, "hip-rehab").update(id="work-return"))
    assert any("also the id of a fact" in p for p in problems(data_dir))


def test_an_unknown_data_file_is_reported(data_dir: Path) -> None:
    (data_dir / "faq.yml").write_text("- id: x\n", encoding="utf-8")
    assert any("does not know this data file" in p for p in problems(data_dir))
