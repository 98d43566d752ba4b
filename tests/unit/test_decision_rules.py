"""Rules for decision aids and the risks of treatment: each mistake stops the build.

Each test changes one thing in a copy of the mini dataset (tests/fixtures/mini_data: one
decision with an exercise option, an injection and waiting) and states the exact problem
it causes. The line each message points at is checked by the bad-data fixtures.
"""

from __future__ import annotations

from pathlib import Path

from data_edits import Items, change, item, only_problem, problems_of


def test_a_decision_without_a_wait_option_is_refused(mini_dir: Path) -> None:
    change(mini_dir, "options", lambda items: item(items, "opt-wait").update(kind="self-care", evidence="test-evidence"))
    problem = only_problem(mini_dir)
    assert (problem.file, problem.field) == ("data/decisions.yml", "item 1 (test-decision) › options")
    assert problem.problem == "A decision aid must include waiting and changing nothing new, so readers can weigh doing nothing."
    assert problem.found == "opt-exercise, opt-injection, opt-wait"


def test_an_option_listed_twice_is_refused(mini_dir: Path) -> None:
    change(mini_dir, "decisions", lambda items: items[0]["options"].append("opt-exercise"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (test-decision) › options › entry 4"
    assert problem.problem == 'The option "opt-exercise" is listed twice.'


def test_an_option_in_two_decisions_is_refused(mini_dir: Path) -> None:
    def second_decision(items: Items) -> None:
        items.append({**items[0], "id": "second-decision", "options": ["opt-exercise", "opt-injection", "opt-wait"]})

    change(mini_dir, "decisions", second_decision)
    change(mini_dir, "values", lambda items: [value["decisions"].append("second-decision") for value in items])
    found = problems_of(mini_dir)
    assert [(problem.file, problem.field) for problem in found] == [
        ("data/options.yml", "item 1 (opt-exercise) › id"),
        ("data/options.yml", "item 2 (opt-injection) › id"),
        ("data/options.yml", "item 3 (opt-wait) › id"),
    ]
    assert found[0].problem == 'The option "opt-exercise" belongs to 2 decisions; each option describes one choice for one condition.'
    assert found[0].found == "test-decision, second-decision"


def test_an_unproven_option_cannot_say_insurance_usually_pays(mini_dir: Path) -> None:
    change(mini_dir, "options", lambda items: item(items, "opt-injection").update(coverage="usually-covered"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (opt-injection) › coverage"
    assert problem.problem == 'The evidence for this option is "investigational", so insurance does not usually pay for it.'
    assert problem.expected == "coverage: rarely-covered or sometimes-covered"


def test_a_benefit_backed_only_by_a_clinic_is_refused(mini_dir: Path) -> None:
    change(mini_dir, "options", lambda items: item(items, "opt-injection")["benefits"][0].update(sources=["test-clinic"]))
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (opt-injection) › benefits › entry 1 › sources"
    assert problem.problem.startswith("A benefit must rest on at least one independent source")
    assert problem.found == "test-clinic"


def test_a_likelihood_without_a_number_is_refused(mini_dir: Path) -> None:
    change(mini_dir, "options", lambda items: item(items, "opt-wait")["harms"][0].update(how_likely="Quite rare"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 3 (opt-wait) › harms › entry 1 › how_likely"
    assert problem.expected == "text with a {fact-id} placeholder for the number, or unknown when no source gives one"


def test_an_injection_must_list_its_risks(mini_dir: Path) -> None:
    change(mini_dir, "options", lambda items: item(items, "opt-injection").pop("risks"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (opt-injection)"
    assert problem.problem == "An injection must list its risks."


def test_what_an_option_costs_names_its_sources_unless_it_costs_nothing(mini_dir: Path) -> None:
    change(mini_dir, "options", lambda items: item(items, "opt-exercise").pop("cost_sources"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (opt-exercise) › cost_sources"
    assert problem.problem == "What an option costs, and whether insurance pays, must name its sources."
    change(mini_dir, "options", lambda items: item(items, "opt-exercise").update(coverage="no-cost"))
    assert problems_of(mini_dir) == []


def test_a_risk_whose_signs_are_all_expected_is_refused(mini_dir: Path) -> None:
    change(mini_dir, "risks", lambda items: item(items, "test-infection").update(symptoms=["tired"]))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (test-infection) › symptoms"
    assert problem.problem == "Every symptom listed for this risk is expected, so readers would not learn when to get help."


def test_a_risk_sign_from_another_situation_is_refused(mini_dir: Path) -> None:
    change(mini_dir, "risks", lambda items: item(items, "test-infection")["symptoms"].append("fever-everyday"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (test-infection) › symptoms › entry 3"
    assert problem.problem == "The symptom \"fever-everyday\" belongs to none of this risk's situations."
    assert problem.expected == "a symptom whose contexts include one of: after-test-procedure"


def test_a_decision_needs_enough_values_to_weigh(mini_dir: Path) -> None:
    change(mini_dir, "values", lambda items: items.pop())
    problem = only_problem(mini_dir)
    assert (problem.file, problem.field) == ("data/decisions.yml", "item 1 (test-decision) › id")
    assert problem.problem == "This decision offers 2 statements of what matters to a reader."
    assert problem.expected == "at least 3 items in data/values.yml that list this decision"
