"""Clinical safety rules: each one stops the build, naming the file, line and field.

Each test changes one thing in a copy of the real data and checks the problem it causes,
or that a change the rule allows causes none. The messages' exact place is checked with
the bad-data fixtures in tests/fixtures/bad_data (see test_bad_data.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from data_edits import Items, change, item, only_problem, problems_of


def edit(data_dir: Path, name: str, how: Callable[[Items], None]) -> None:
    change(data_dir, name, how)


def test_a_symptom_below_its_red_flags_level_after_a_procedure_is_refused(data_dir: Path) -> None:
    edit(data_dir, "symptoms", lambda items: item(items, "infection-fever").update(level="call"))
    problem = only_problem(data_dir)
    assert problem.file == "data/symptoms.yml" and problem.field.endswith("(infection-fever) › level")
    assert 'never less urgent than "emergency" after a procedure' in problem.problem
    assert problem.expected == "level: emergency"


def test_the_same_red_flag_may_be_less_urgent_outside_a_procedure(data_dir: Path) -> None:
    """Back pain with a fever is same-day care; after a spine injection it is an emergency."""
    assert problems_of(data_dir) == []
    edit(data_dir, "symptoms", lambda items: item(items, "back-fever").update(contexts=["back-pain", "after-spine-injection"]))
    problem = only_problem(data_dir)
    assert problem.field.endswith("(back-fever) › level") and "fever" in problem.problem


def test_two_symptoms_with_the_same_red_flags_in_one_situation_have_one_level(data_dir: Path) -> None:
    def make_twin(items: Items) -> None:
        items.append({**item(items, "calf-clot"), "id": "calf-clot-twin", "name": "A swollen, sore leg", "level": "emergency"})

    edit(data_dir, "symptoms", make_twin)
    problem = only_problem(data_dir)
    assert problem.field.endswith("(calf-clot-twin) › level")
    assert 'same red flags as "calf-clot"' in problem.problem


def test_a_symptom_that_names_a_red_flag_must_list_it(data_dir: Path) -> None:
    edit(data_dir, "symptoms", lambda items: item(items, "back-night-pain").update(name="Back pain at night, with chills"))
    problem = only_problem(data_dir)
    assert problem.field.endswith("(back-night-pain) › signs") and '"chills"' in problem.problem
    assert "fever" in problem.expected


def test_a_warning_sign_without_red_flags_is_refused(data_dir: Path) -> None:
    edit(data_dir, "symptoms", lambda items: item(items, "back-lump").pop("signs"))
    problem = only_problem(data_dir)
    assert "must name the red flags" in problem.problem


def test_a_red_flag_cannot_be_milder_after_a_procedure(data_dir: Path) -> None:
    edit(data_dir, "red_flags", lambda items: item(items, "fever").update(min_level="emergency", after_procedure="call"))
    problem = only_problem(data_dir)
    assert problem.file == "data/red_flags.yml" and "less urgent than min_level" in problem.problem


def test_care_levels_are_listed_most_urgent_first(data_dir: Path) -> None:
    edit(data_dir, "care_levels", lambda items: items.reverse())
    problem = only_problem(data_dir)
    assert problem.file == "data/care_levels.yml" and "emergency, call, routine, expected" in problem.expected


def test_a_clinic_only_promise_must_say_who_makes_it(data_dir: Path) -> None:
    edit(data_dir, "care_tips", lambda items: item(items, "drink-water").update(body="Water helps your body heal."))
    problem = only_problem(data_dir)
    assert problem.field.endswith("(drink-water) › body") and '"heal"' in problem.problem


def test_the_same_promise_passes_when_attributed_or_independently_sourced(data_dir: Path) -> None:
    edit(data_dir, "care_tips", lambda items: item(items, "drink-water").update(body="The clinics say water helps you heal."))
    assert problems_of(data_dir) == []
    edit(
        data_dir,
        "care_tips",
        lambda items: item(items, "drink-water").update(body="Water helps you heal.", sources=["clinic-session-guide", "nhs-nsaids"]),
    )
    assert problems_of(data_dir) == []


def test_a_promise_in_one_entry_of_a_list_names_that_entry(data_dir: Path) -> None:
    edit(data_dir, "phases", lambda items: item(items, "hip-build-up")["do"].append("Keep at it: the new tissue is still forming"))
    problem = only_problem(data_dir)
    assert problem.field.endswith("(hip-build-up) › do › entry 4")


def test_a_copied_page_is_never_the_only_support(data_dir: Path) -> None:
    edit(data_dir, "faqs", lambda items: item(items, "pt-how-long").update(sources=["republished-hip-faq"]))
    problem = only_problem(data_dir)
    assert problem.field.endswith("(pt-how-long) › sources") and "copied page" in problem.problem
    edit(data_dir, "faqs", lambda items: item(items, "pt-how-long").update(sources=["republished-hip-faq", "glad-2017"]))
    assert problems_of(data_dir) == []


def test_evidence_needs_an_independent_source(data_dir: Path) -> None:
    not_independent = ["spine-clinic-back", "republished-hip-faq"]
    edit(data_dir, "evidence", lambda items: item(items, "disc-cell-injections").update(sources=not_independent))
    problem = only_problem(data_dir)
    assert problem.field.endswith("(disc-cell-injections) › sources") and "independent" in problem.problem


def test_only_clinics_make_claims(data_dir: Path) -> None:
    edit(data_dir, "claims", lambda items: item(items, "success-rate").update(claimed_by=["nhs-back-pain"]))
    problem = only_problem(data_dir)
    assert problem.field.endswith("(success-rate) › claimed_by › entry 1") and "not a provider claim" in problem.problem


def test_a_brand_name_comes_after_its_generic_name(data_dir: Path) -> None:
    edit(data_dir, "faqs", lambda items: item(items, "recovery-pain-medicine").update(answer="Try Tylenol, which is acetaminophen."))
    problem = only_problem(data_dir)
    assert problem.field.endswith("(recovery-pain-medicine) › answer") and '"Tylenol"' in problem.problem


def test_a_clinician_signs_off_medical_pages_only(data_dir: Path) -> None:
    reviewer = {"id": "jane", "name": "Jane Doe", "credential": "Physical therapist", "signed": "2026-12-01"}
    reviewer["pages"] = ["recovery", "privacy"]
    edit(data_dir, "reviewers", lambda items: items.append(reviewer))
    problem = only_problem(data_dir)
    assert problem.field.endswith("(jane) › pages › entry 2") and "not a medical page" in problem.problem


def test_a_clinician_must_name_pages_that_exist(data_dir: Path) -> None:
    reviewer = {"id": "jane", "name": "Jane Doe", "credential": "Physical therapist", "signed": "2026-12-01", "pages": ["recovry"]}
    edit(data_dir, "reviewers", lambda items: items.append(reviewer))
    problem = only_problem(data_dir)
    assert 'not an id in pages.yml' in problem.problem and 'Did you mean "recovery"' in problem.expected


def test_the_site_has_exactly_one_region(data_dir: Path) -> None:
    edit(data_dir, "region", lambda items: items.append({**items[0], "id": "uk"}))
    problem = only_problem(data_dir)
    assert problem.file == "data/region.yml" and "exactly one region" in problem.problem


def test_the_emergency_number_is_not_a_fact(data_dir: Path) -> None:
    fact = {"id": "emergency-number", "about": "The number to call", "phone": "999", "sources": ["us-911"]}
    edit(data_dir, "facts", lambda items: items.append(fact))
    problem = only_problem(data_dir)
    assert "data/region.yml" in problem.problem


def test_medical_pages_say_which_situations_they_serve(data_dir: Path) -> None:
    edit(data_dir, "pages", lambda items: item(items, "recovery").pop("contexts"))
    problem = only_problem(data_dir)
    assert "which situations it serves" in problem.problem


@pytest.mark.parametrize("file", ["pages", "timelines", "symptoms"])
def test_situations_must_exist(data_dir: Path, file: str) -> None:
    first = {"pages": "recovery", "timelines": "hip-recovery", "symptoms": "tiredness"}[file]
    key = "context" if file == "timelines" else "contexts"

    def misspell(items: Items) -> None:
        entry = item(items, first)
        entry[key] = "after-hip-injecton" if key == "context" else ["after-hip-injecton"]

    edit(data_dir, file, misspell)
    problem = only_problem(data_dir)
    assert problem.file == f"data/{file}.yml" and 'Did you mean "after-hip-injection"' in problem.expected
