"""Which texts rest only on clinics, which words attribute them, which words promise results."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from macros.provenance import clinic_only, is_attributed, needs_label, outcome_word


@dataclass
class FakeSource:
    kind: str

    @property
    def independent(self) -> bool:
        return self.kind not in {"clinic", "republished"}


SOURCES = {
    "clinic": FakeSource("clinic"),
    "copy": FakeSource("republished"),
    "nhs": FakeSource("public-health"),
    "nice": FakeSource("guideline"),
}


@dataclass
class Item:
    sources: list[str]
    answer: str = ""
    steps: list[str] = field(default_factory=list)
    STATEMENTS = ("answer", "steps")


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (["clinic"], True),
        (["clinic", "copy"], True),  # a copied page does not make a clinic's word independent
        (["clinic", "nhs"], False),
        (["nice"], False),
        (["copy"], False),  # low quality, but not a clinic: another rule handles it
    ],
)
def test_clinic_only_means_a_clinic_and_no_independent_source(sources: list[str], expected: bool) -> None:
    assert clinic_only(sources, SOURCES) is expected


@pytest.mark.parametrize(
    "text",
    [
        "The clinic says most people feel better.",
        "One clinic reports relief within weeks.",
        "The clinic that wrote our main source says many people notice less pain.",
        "Clinics usually ask you to avoid NSAIDs.",
        "According to the clinic, healing goes on for months.",
        "When many people notice less pain, as reported by a clinic.",
    ],
)
def test_words_that_name_the_clinic_attribute_a_text(text: str) -> None:
    assert is_attributed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Healing goes on during these months.",
        "Many people feel better. Ask your clinic what to expect.",  # names the clinic, but as advice
        "Call the clinic that treated you.",
    ],
)
def test_a_text_that_only_mentions_a_clinic_is_not_attributed(text: str) -> None:
    assert not is_attributed(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("It rebuilds strength without harming the healing cells.", "rebuilds"),
        ("Gentle movement helps while new tissue forms.", "new tissue"),
        ("Relief can last for years.", "Relief"),
        ("The treatment has an excellent success rate.", "success"),
        ("Rest your hip and use ice.", None),
    ],
)
def test_outcome_words_are_found(text: str, word: str | None) -> None:
    assert outcome_word(text) == word


def test_a_clinic_only_item_is_labelled_unless_every_statement_names_the_clinic() -> None:
    assert needs_label(Item(["clinic"], answer="Rest for a day."), SOURCES)
    assert needs_label(Item(["clinic"], answer="The clinic says rest.", steps=["Walk a little"]), SOURCES)
    assert not needs_label(Item(["clinic"], answer="The clinic says rest.", steps=["The clinic says walk a little"]), SOURCES)
    assert not needs_label(Item(["clinic", "nhs"], answer="Rest for a day."), SOURCES)
