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
