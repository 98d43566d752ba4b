"""Rules for decision aids and the risks of treatment: each mistake stops the build.

Each test changes one thing in a copy of the real data and checks the one problem it
causes. The exact place in the message is checked by the bad-data fixtures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from data_edits import Items, change, item, only_problem, problems_of


def items_of(data_dir: Path, name: str) -> Items:
    return yaml.safe_load((data_dir / f"{name}.yml").read_text(encoding="utf-8"))


def option_of_kind(data_dir: Path, kind: str) -> dict[str, Any]:
    return next(option for option in items_of(data_dir, "options") if option["kind"] == kind)


def test_the_real_data_has_no_problem(data_dir: Path) -> None:
    assert problems_of(data_dir) == []


def test_a_decision_without_a_wait_option_is_refused(data_dir: Path) -> None:
    decision = items_of(data_dir, "decisions")[0]
    options = {option["id"]: option for option in items_of(data_dir, "options")}
    waiting = [option_id for option_id in decision["options"] if options[option_id]["kind"] == "wait"]
    assert waiting, "the first decision has no wait option to remove"

    def drop_waiting(items: Items) -> None:
        item(items, decision["id"])["options"] = [o for o in decision["options"] if o not in waiting]

    change(data_dir, "decisions", drop_waiting)
    # The wait option now belongs to no decision: two problems, both about waiting.
    found = problems_of(data_dir)
    fields = sorted(problem.field for problem in found)
    assert any(field.endswith(f"({decision['id']}) › options") for field in fields), fields
    assert any("waiting" in problem.problem for problem in found)
    assert all(problem.file in {"data/decisions.yml", "data/options.yml"} for problem in found)


def test_an_option_in_two_decisions_is_refused(data_dir: Path) -> None:
    decisions = items_of(data_dir, "decisions")
    assert len(decisions) >= 2
    borrowed = decisions[1]["options"][0]
    change(data_dir, "decisions", lambda items: items[0]["options"].append(borrowed))
    problem = only_problem(data_dir)
    assert problem.file == "data/options.yml" and problem.field.endswith(f"({borrowed}) › id")
    assert "belongs to 2 decisions" in problem.problem


def test_an_unproven_option_cannot_say_insurance_usually_pays(data_dir: Path) -> None:
    evidence = {entry["id"]: entry for entry in items_of(data_dir, "evidence")}
    unproven = next(
        option
        for option in items_of(data_dir, "options")
        if option.get("evidence") and evidence[option["evidence"]]["strength"] in {"investigational", "advised-against", "not-approved"}
    )
    change(data_dir, "options", lambda items: item(items, unproven["id"]).update(coverage="usually-covered"))
    problem = only_problem(data_dir)
    assert problem.field.endswith(f"({unproven['id']}) › coverage")
    assert problem.expected == "coverage: rarely-covered or sometimes-covered"


def test_a_benefit_backed_only_by_a_clinic_is_refused(data_dir: Path) -> None:
    option = option_of_kind(data_dir, "injection")

    def clinic_only(items: Items) -> None:
        item(items, option["id"])["benefits"][0]["sources"] = ["clinic-session-guide"]

    change(data_dir, "options", clinic_only)
    problem = only_problem(data_dir)
    assert problem.field.endswith(f"({option['id']}) › benefits › entry 1 › sources")
    assert "independent source" in problem.problem


def test_a_likelihood_without_a_number_is_refused(data_dir: Path) -> None:
    option = option_of_kind(data_dir, "surgery")

    def vague(items: Items) -> None:
        item(items, option["id"])["harms"][0]["how_likely"] = "Quite rare"

    change(data_dir, "options", vague)
    problem = only_problem(data_dir)
    assert problem.field.endswith("harms › entry 1 › how_likely")
    assert "{fact-id}" in problem.expected


def test_an_injection_must_list_its_risks(data_dir: Path) -> None:
    option = option_of_kind(data_dir, "injection")
    change(data_dir, "options", lambda items: item(items, option["id"]).pop("risks"))
    problem = only_problem(data_dir)
    assert problem.field.endswith(f"({option['id']})") or option["id"] in problem.field
    assert "risks" in problem.expected


def test_a_risk_whose_signs_are_all_expected_is_refused(data_dir: Path) -> None:
    symptoms = items_of(data_dir, "symptoms")
    risk = items_of(data_dir, "risks")[0]
    expected = [s["id"] for s in symptoms if s["level"] == "expected" and set(s["contexts"]) & set(risk["contexts"])]
    assert expected
    change(data_dir, "risks", lambda items: item(items, risk["id"]).update(symptoms=expected[:1]))
    problem = only_problem(data_dir)
    assert problem.field.endswith(f"({risk['id']}) › symptoms")
    assert "when to get help" in problem.problem


def test_a_risk_sign_from_another_situation_is_refused(data_dir: Path) -> None:
    symptoms = items_of(data_dir, "symptoms")
    risk = items_of(data_dir, "risks")[0]
    elsewhere = next(s for s in symptoms if not set(s["contexts"]) & set(risk["contexts"]))
    change(data_dir, "risks", lambda items: item(items, risk["id"])["symptoms"].append(elsewhere["id"]))
    problem = only_problem(data_dir)
    assert problem.field.endswith(f"({risk['id']}) › symptoms › entry {len(risk['symptoms']) + 1}")


def test_a_decision_needs_enough_values_to_weigh(data_dir: Path) -> None:
    decision = items_of(data_dir, "decisions")[0]["id"]

    def withdraw(items: Items) -> None:
        kept = []
        for value in items:
            if decision in value["decisions"]:
                value["decisions"].remove(decision)
            if value["decisions"]:
                kept.append(value)
        items[:] = kept

    change(data_dir, "values", withdraw)
    problem = only_problem(data_dir)
    assert problem.file == "data/decisions.yml" and problem.field.endswith(f"({decision}) › id")
    assert "statements of what matters" in problem.problem
