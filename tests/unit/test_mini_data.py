"""The mini dataset the unit tests run on: valid, small, and what loading makes of it.

What loading computes (phase starts, the text of every placeholder, where items start)
is stated here as literal values, worked out by hand from tests/fixtures/mini_data.
"""

from __future__ import annotations

from macros.fields import Amount
from macros.formatting import placeholder_values
from macros.models import FILES, SiteData


def test_every_data_file_has_a_few_valid_items(mini: SiteData) -> None:
    assert {spec.name: len(mini.all(spec.name)) for spec in FILES} == {
        "sources": 5,
        "facts": 5,
        "pages": 7,
        "topics": 2,
        "faqs": 3,
        "care_levels": 4,
        "symptoms": 4,
        "care_tips": 2,
        "timelines": 1,
        "phases": 3,
        "session_steps": 2,
        "preparation": 2,
        "glossary": 2,
        "evidence": 2,
        "claims": 1,
        "notices": 3,
        "contexts": 2,
        "red_flags": 2,
        "region": 1,
        "reviewers": 1,
        "risks": 1,
        "options": 3,
        "decisions": 1,
        "values": 3,
        "clinic_questions": 2,
        "first_days": 1,
        "exercises": 1,
        "pain_areas": 2,
        "treatment_sites": 2,
    }


def test_a_phase_without_a_start_starts_when_the_phase_above_ends(mini: SiteData) -> None:
    assert [phase.span_start for phase in mini.phases] == [
        Amount(min=0, unit="day"),
        Amount(min=3, unit="day"),  # phase-move leaves out start: phase-rest ends at 3 days
        Amount(min=6, unit="week"),
    ]


def test_every_placeholder_has_its_text(mini: SiteData) -> None:
    assert placeholder_values(mini) == {
        "rest-time": "1 to 3 days",
        "session-total": "1 to 2 hours",
        "benefit-rate": "20 to 30 in 100",
        "approval-date": "December 2024",
        "helpline": "0100 200 300",
        "phase-rest": "3 days",
        "phase-move": "3 days to 2 weeks",
        "phase-check": "6 weeks",
        "emergency-number": "112",
        "report-harm": "Test Harm Reports",
    }


def test_lookups_by_file_id_and_field(mini: SiteData) -> None:
    assert mini.phases.ids() == ["phase-rest", "phase-move", "phase-check"]
    assert [symptom.id for symptom in mini.symptoms.where("contexts", "everyday")] == ["fever-everyday", "slow-progress"]
    assert [symptom.id for symptom in mini.where("symptoms", "level", "emergency")] == ["fever-after"]
    assert mini.get("facts", "helpline").phone == "0100 200 300"
    assert mini.region.country == "Testland"


def test_the_line_where_each_item_starts(mini: SiteData) -> None:
    """Build messages about an item (a page without its emergency signs) point at its line."""
    assert [mini.line("pages", page_id) for page_id in mini.pages.ids()] == [4, 8, 14, 20, 26, 32, 38]
    assert mini.line("pages", "no-such-page") == 1
