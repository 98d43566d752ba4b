"""Words with fixed meanings across the data: care levels in order of urgency, kinds of source.

Kept apart from the models so the rules that use them (models, safety checks, templates)
share one definition and no import cycle.
"""

from __future__ import annotations

from typing import Literal, get_args

#: How urgent a symptom is, from least to most urgent: the order is the rule.
Level = Literal["expected", "routine", "call", "emergency"]
LEVELS: tuple[str, ...] = get_args(Level)
#: The levels a warning sign can have (every level but "expected").
WarningLevel = Literal["routine", "call", "emergency"]


def level_rank(level: str) -> int:
    """0 for expected up to 3 for emergency: a higher rank is more urgent."""
    return LEVELS.index(level)


#: What kind of publisher a source is. Readers see it beside every source.
SourceKind = Literal[
    "guideline",
    "systematic-review",
    "regulator",
    "public-health",
    "professional-body",
    "hospital",
    "research",
    "clinic",
    "republished",
]
#: Kinds that are not independent: clinics that sell the treatment, and pages of unknown authorship.
NOT_INDEPENDENT: frozenset[str] = frozenset({"clinic", "republished"})

#: How each kind of source is named to readers, beside the source.
SOURCE_KIND_LABELS: dict[str, str] = {
    "guideline": "Clinical guideline",
    "systematic-review": "Review of many studies",
    "regulator": "Government regulator",
    "public-health": "Public health service",
    "professional-body": "Professional body",
    "hospital": "Hospital",
    "research": "Research study",
    "clinic": "Clinic that sells this treatment",
    "republished": "Copied page, author unknown",
}

#: What the evidence and guidelines say about a treatment, as readers see it.
Strength = Literal[
    "approved",
    "recommended",
    "mixed",
    "investigational",
    "not-shown-to-help",
    "advised-against",
    "not-approved",
]
#: The badge of each strength: an icon and the words beside it (never colour alone).
STRENGTH_LABELS: dict[str, tuple[str, str]] = {
    "approved": ("material/check-decagram", "Approved by the FDA"),
    "recommended": ("material/thumb-up", "Recommended by guidelines"),
    "mixed": ("material/scale-balance", "Mixed evidence"),
    "investigational": ("material/flask", "Still being studied"),
    "not-shown-to-help": ("material/equal", "Little or no better than a fake treatment in tests"),
    "advised-against": ("material/thumb-down", "Guidelines advise against it"),
    "not-approved": ("material/close-octagon", "Not approved"),
}
#: Strengths that mean a treatment is not shown to work: such an option cannot claim insurance usually pays.
UNPROVEN_STRENGTHS: frozenset[str] = frozenset({"investigational", "not-shown-to-help", "advised-against", "not-approved"})

#: What kind of choice a treatment option is. "wait" is waiting and changing nothing new.
OptionKind = Literal["self-care", "medicine", "injection", "surgery", "wait"]

#: How sure the research about an option is, from most to least sure.
Certainty = Literal["high", "moderate", "low", "very-low", "unknown"]
CERTAINTY_LABELS: dict[str, str] = {
    "high": "Very sure: many good studies agree",
    "moderate": "Fairly sure: good studies, but more could change the picture",
    "low": "Not very sure: few or weak studies",
    "very-low": "Very unsure: very few or poor studies",
    "unknown": "Not known: no good studies",
}

#: Whether insurance usually pays for an option.
Coverage = Literal["usually-covered", "sometimes-covered", "rarely-covered", "no-cost"]
COVERAGE_LABELS: dict[str, str] = {
    "usually-covered": "Insurance and Medicare usually pay part of the cost when your doctor says you need it.",
    "sometimes-covered": "Some insurance plans pay, some do not. Check with your plan first.",
    "rarely-covered": "Insurance rarely pays. You will usually pay the whole price yourself.",
    "no-cost": "No cost beyond your usual care.",
}

#: The parts of the questions-for-a-clinic checklist, in the order they are printed.
QuestionGroup = Literal["product", "proof", "people", "price", "safety", "choices"]
QUESTION_GROUP_HEADINGS: dict[str, str] = {
    "product": "What is being injected",
    "proof": "Proof and approval",
    "people": "Who does it, and how",
    "price": "The price",
    "safety": "If something goes wrong",
    "choices": "Your other choices",
}

#: How each kind of option is named on its card.
OPTION_KIND_LABELS: dict[str, str] = {
    "self-care": "Something you do",
    "medicine": "Medicine",
    "injection": "Injection",
    "surgery": "Surgery",
    "wait": "Waiting",
}
