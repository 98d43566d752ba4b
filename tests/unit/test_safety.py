"""Clinical safety rules: each one stops the build, naming the file, item and field.

Each test changes one thing in a copy of the mini dataset (tests/fixtures/mini_data) and
states the exact problem it causes, or that a change the rule allows causes none. The
line each message points at is checked with the bad-data fixtures in
tests/fixtures/bad_data (see test_bad_data.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from data_edits import Items, change, item, only_problem, problems_of


def where(problems: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    """Each problem's file and field, in the order reported."""
    return [(problem.file, problem.field) for problem in problems]


def test_a_symptom_below_its_red_flags_level_after_a_procedure_is_refused(mini_dir: Path) -> None:
    change(mini_dir, "symptoms", lambda items: item(items, "fever-after").update(level="call"))
    problem = only_problem(mini_dir)
    assert (problem.file, problem.field) == ("data/symptoms.yml", "item 2 (fever-after) › level")
    assert problem.problem == (
        'This symptom contains the red flag "test-fever" (A fever), which is never less urgent than "emergency" after a procedure. '
        "Why: After a procedure, a fever can mean an infection."
    )
    assert problem.expected == "level: emergency"
    assert problem.found == '"call"'


def test_the_same_red_flag_may_be_less_urgent_outside_a_procedure(mini_dir: Path) -> None:
    """A fever with everyday pain is a call to the doctor (the fixture is valid with it);
    the same symptom after the procedure must be an emergency, and then also differs from
    the emergency sign with the same red flag there."""
    assert problems_of(mini_dir) == []
    change(mini_dir, "symptoms", lambda items: item(items, "fever-everyday").update(contexts=["everyday", "after-test-procedure"]))
    found = problems_of(mini_dir)
    assert [problem.problem.split(",")[0] for problem in found] == [
        'This symptom contains the red flag "test-fever" (A fever)',
        'This symptom has the same red flags as "fever-after" in the situation "after-test-procedure"',
    ]
    assert where(found) == [("data/symptoms.yml", "item 3 (fever-everyday) › level")] * 2


def test_two_symptoms_with_the_same_red_flags_in_one_situation_have_one_level(mini_dir: Path) -> None:
    def make_twin(items: Items) -> None:
        items.append({**item(items, "fever-everyday"), "id": "fever-twin", "name": "A high fever", "level": "emergency"})

    change(mini_dir, "symptoms", make_twin)
    problem = only_problem(mini_dir)
    assert problem.field == "item 5 (fever-twin) › level"
    assert problem.problem == (
        'This symptom has the same red flags as "fever-everyday" in the situation "everyday", '
        'but a different level ("emergency", there "call").'
    )


def test_a_symptom_that_names_a_red_flag_must_list_it(mini_dir: Path) -> None:
    change(mini_dir, "symptoms", lambda items: item(items, "slow-progress").update(name="Pain that is not improving, with a fever"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 4 (slow-progress) › signs"
    assert problem.problem == 'The symptom says "fever", a sign of the red flag "test-fever" (A fever), but does not list it.'
    assert problem.expected == "signs: with test-fever among them, and a level to match"
    assert problem.found == "signs: [test-slow]"


def test_a_warning_sign_without_red_flags_is_refused(mini_dir: Path) -> None:
    change(mini_dir, "symptoms", lambda items: item(items, "slow-progress").pop("signs"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 4 (slow-progress)"
    assert problem.problem == "A symptom that needs help must name the red flags it contains."


def test_a_red_flag_cannot_be_milder_after_a_procedure(mini_dir: Path) -> None:
    change(mini_dir, "red_flags", lambda items: item(items, "test-fever").update(min_level="emergency", after_procedure="call"))
    problem = only_problem(mini_dir)
    assert (problem.file, problem.field) == ("data/red_flags.yml", "item 1 (test-fever)")
    assert problem.problem == 'The level after a procedure ("call") is less urgent than min_level ("emergency").'


def test_care_levels_are_listed_most_urgent_first(mini_dir: Path) -> None:
    change(mini_dir, "care_levels", lambda items: items.reverse())
    problem = only_problem(mini_dir)
    assert problem.file == "data/care_levels.yml"
    assert problem.expected == "the levels in this order: emergency, call, routine, expected"
    assert problem.found == "expected, routine, call, emergency"


def test_the_body_map_sends_readers_to_help_only_through_its_warning_signs(mini_dir: Path) -> None:
    """A red flag's words in a pain area's advice, or a call for urgent help anywhere in it,
    would skip the care levels of symptoms.yml; a cause may name what a sign points to."""
    change(mini_dir, "pain_areas", lambda items: item(items, "test-front")["causes"].append("An infection with a fever"))
    assert problems_of(mini_dir) == []
    change(mini_dir, "pain_areas", lambda items: item(items, "test-front").update(what_to_do="If you also have a fever, rest."))
    change(mini_dir, "pain_areas", lambda items: item(items, "test-back").update(felt="Pain so bad you call {emergency-number}."))
    found = problems_of(mini_dir)
    assert where(found) == [
        ("data/pain_areas.yml", "item 1 (test-front) › what_to_do"),
        ("data/pain_areas.yml", "item 2 (test-back) › felt"),
    ]
    assert [problem.found for problem in found] == ['"fever"', '"{emergency-number}"']


def test_a_clinic_only_promise_must_say_who_makes_it(mini_dir: Path) -> None:
    change(mini_dir, "care_tips", lambda items: item(items, "drink-water").update(body="Water helps your body heal."))
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (drink-water) › body"
    assert problem.problem == '"heal" promises a result, and this item rests only on clinics that sell the treatment.'


def test_the_same_promise_passes_when_attributed_or_independently_sourced(mini_dir: Path) -> None:
    change(mini_dir, "care_tips", lambda items: item(items, "drink-water").update(body="The clinic says water helps you heal."))
    assert problems_of(mini_dir) == []
    change(
        mini_dir,
        "care_tips",
        lambda items: item(items, "drink-water").update(body="Water helps you heal.", sources=["test-clinic", "test-health-service"]),
    )
    assert problems_of(mini_dir) == []


def test_a_promise_in_one_entry_of_a_list_names_that_entry(mini_dir: Path) -> None:
    change(mini_dir, "phases", lambda items: item(items, "phase-check")["do"].append("Your joint will heal by then"))
    problem = only_problem(mini_dir)
    assert (problem.file, problem.field) == ("data/phases.yml", "item 3 (phase-check) › do › entry 2")


def test_a_copied_page_is_never_the_only_support(mini_dir: Path) -> None:
    change(mini_dir, "faqs", lambda items: item(items, "alpha-read").update(sources=["test-copy"]))
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (alpha-read) › sources"
    assert problem.problem == "A copied page of unknown authorship cannot be the only support for a statement."
    change(mini_dir, "faqs", lambda items: item(items, "alpha-read").update(sources=["test-copy", "test-guideline"]))
    assert problems_of(mini_dir) == []


def test_evidence_needs_an_independent_source(mini_dir: Path) -> None:
    change(mini_dir, "evidence", lambda items: item(items, "test-evidence").update(sources=["test-clinic", "test-copy"]))
    problem = only_problem(mini_dir)
    assert (problem.file, problem.field) == ("data/evidence.yml", "item 1 (test-evidence) › sources")
    assert problem.problem.startswith("Evidence must come from at least one independent source")
    assert problem.found == "test-clinic, test-copy"


def test_only_clinics_make_claims(mini_dir: Path) -> None:
    change(mini_dir, "claims", lambda items: item(items, "works-for-all").update(claimed_by=["test-guideline"]))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (works-for-all) › claimed_by › entry 1"
    assert problem.problem == '"test-guideline" does not sell the treatment, so this is not a provider claim.'


def test_a_brand_name_comes_after_its_generic_name(mini_dir: Path) -> None:
    change(mini_dir, "faqs", lambda items: item(items, "alpha-rest").update(answer="Try Testex, which is testamol."))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (alpha-rest) › answer"
    assert problem.problem == 'The brand name "Testex" comes before the generic name "testamol".'
    assert problem.expected == 'the generic name first, then the brand: "testamol (Testex)"'
    change(mini_dir, "faqs", lambda items: item(items, "alpha-rest").update(answer="Try testamol (Testex)."))
    assert problems_of(mini_dir) == []


def test_a_clinician_signs_off_medical_pages_only(mini_dir: Path) -> None:
    reviewer = {"id": "jane", "name": "Jane Doe", "credential": "Physical therapist", "signed": "2026-12-01"}
    reviewer["pages"] = ["aftercare", "privacy"]
    change(mini_dir, "reviewers", lambda items: items.append(reviewer))
    problem = only_problem(mini_dir)
    assert problem.field == "item 2 (jane) › pages › entry 2"
    assert problem.problem == '"privacy" is not a medical page, so it has no clinical review.'


def test_a_clinician_must_name_pages_that_exist(mini_dir: Path) -> None:
    change(mini_dir, "reviewers", lambda items: item(items, "test-reviewer").update(pages=["alpah"]))
    problem = only_problem(mini_dir)
    assert problem.field == "item 1 (test-reviewer) › pages › entry 1"
    assert problem.problem == '"pages" refers to "alpah", which is not an id in pages.yml.'
    assert problem.expected == 'an id from data/pages.yml. Did you mean "alpha"?'


def test_the_site_has_exactly_one_region(mini_dir: Path) -> None:
    change(mini_dir, "region", lambda items: items.append({**items[0], "id": "otherland"}))
    problem = only_problem(mini_dir)
    assert problem.file == "data/region.yml"
    assert problem.problem == "The site is written for exactly one region; this file has 2."


def test_the_emergency_number_is_not_a_fact(mini_dir: Path) -> None:
    fact = {"id": "emergency-number", "about": "The number to call", "phone": "999", "sources": ["test-regulator"]}
    change(mini_dir, "facts", lambda items: items.append(fact))
    problem = only_problem(mini_dir)
    assert problem.field == "item 6 (emergency-number) › id"
    assert problem.problem == '"emergency-number" is a placeholder filled from data/region.yml.'


def test_medical_pages_say_which_situations_they_serve(mini_dir: Path) -> None:
    change(mini_dir, "pages", lambda items: item(items, "aftercare").pop("contexts"))
    problem = only_problem(mini_dir)
    assert problem.field == "item 3 (aftercare)"
    assert problem.problem == "A medical page must say which situations it serves."


@pytest.mark.parametrize(
    ("file", "entry", "field"),
    [
        ("pages", "aftercare", "item 3 (aftercare) › contexts › entry 1"),
        ("timelines", "test-recovery", "item 1 (test-recovery) › context"),
        ("symptoms", "fever-everyday", "item 3 (fever-everyday) › contexts › entry 1"),
    ],
)
def test_situations_must_exist(mini_dir: Path, file: str, entry: str, field: str) -> None:
    key = "context" if file == "timelines" else "contexts"
    misspelled = "after-test-procedur"
    change(mini_dir, file, lambda items: item(items, entry).update({key: misspelled if key == "context" else [misspelled]}))
    problem = only_problem(mini_dir)
    assert (problem.file, problem.field) == (f"data/{file}.yml", field)
    assert problem.expected == 'an id from data/contexts.yml. Did you mean "after-test-procedure"?'


def test_red_flag_words_are_found_as_the_word_pattern_finds_them(mini) -> None:  # type: ignore[no-untyped-def]
    """The substring search of a flag's words finds what the whole-word pattern finds, in
    every symptom name and body-map text of the mini data and in edge cases: case, a
    hyphen or underscore next to a word, punctuation, the longest word at one place."""
    from macros.safety import _FlagWords, _word_pattern

    texts = [symptom.name for symptom in mini.symptoms]
    texts += [text for area in mini.pain_areas for text in (area.felt, area.what_to_do, *area.causes)]
    flags = [flag for flag in mini.red_flags if flag.words]
    for flag in flags:
        word = flag.words[0]
        texts += [word.upper(), f"{word}-free", f"non-{word}", f"{word}_x", f"({word}).", f"x{word} {word}", f"{word}s"]
    texts += ["STRAßE fever", "ſevere Fever"]  # casefolding changes the length, or a letter
    found_any = 0
    for flag in flags:
        pattern = _word_pattern(flag.words)
        words = _FlagWords(flag)
        for text in texts:
            expected = pattern.search(text) if pattern else None
            assert words.search(text) == (expected.group(0) if expected else None), (flag.id, text)
            found_any += expected is not None
    assert found_any > len(flags), "the texts hold some of the flags' words"


def test_the_longest_red_flag_word_at_one_place_is_the_one_found() -> None:
    from types import SimpleNamespace

    from macros.safety import _FlagWords

    words = _FlagWords(SimpleNamespace(words=["leg", "leg weakness", "weakness"]))
    assert words.search("New leg weakness today") == "leg weakness"
    assert words.search("Weakness in one leg") == "Weakness"
    assert words.search("legs feel heavy") is None
