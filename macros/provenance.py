"""Where a text comes from: is it only a clinic's word, and do its words already say so?

A clinic that sells a treatment is a fair source for what the clinic does, never for
whether the treatment works. Two rules follow, both applied to items whose sources are
all such clinics (no independent source):

- on every page, in print and in calendar files, the item carries a label saying it comes
  from a clinic that sells the treatment, unless each of its statements already says so
  in words ("The clinic says...");
- a statement with an outcome word (heal, repair, relief, success...) must say so in
  words: a label beside a promise is not enough. The build fails otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

#: Words that promise a result. In a clinic-only text they must be attributed in words.
OUTCOME_WORDS = re.compile(
    r"\b(?:heal(?:s|ed|ing)?|repair(?:s|ed|ing)?|regrow(?:s|th|ing|n)?|regenerat\w*|rebuild(?:s|ing)?|"
    r"restor\w*|new\s+tissue|tissue\s+(?:forms|grows)|success\w*|relief|reliev\w*|cure[sd]?|"
    r"improv\w*|better|gain(?:s|ed|ing)?|lasting|effective\w*)\b",
    re.IGNORECASE,
)

_SOMEONE = r"(?:the|one|some|many|most|these|those|a|this|that|our)?\s*(?:clinic|clinics|provider|providers)"
_SAYS = (
    r"say|says|said|report|reports|reported|claim|claims|claimed|suggest|suggests|advise|advises|"
    r"ask|asks|believe|believes|tell|tells|recommend|recommends|hope|hopes|promise|promises|offer|offers"
)
#: Words that attribute a statement to a clinic: "The clinic says", "one clinic reports",
#: "the clinic that wrote our main source says", "according to the clinic", "as reported by a clinic".
ATTRIBUTION = re.compile(
    rf"\b{_SOMEONE}\b[^.!?]{{0,50}}?\b(?:{_SAYS})\b|\baccording\s+to\s+{_SOMEONE}\b|\b(?:reported|claimed)\s+by\s+{_SOMEONE}\b",
    re.IGNORECASE,
)


class HasSources(Protocol):
    """An item that names its sources."""

    sources: list[str]


class SourceLike(Protocol):
    kind: str

    @property
    def independent(self) -> bool: ...


def clinic_only(source_ids: Iterable[str], sources: Mapping[str, SourceLike]) -> bool:
    """True when a clinic that sells the treatment backs the item and no independent source does."""
    kinds = [sources[source_id] for source_id in source_ids if source_id in sources]
    return any(source.kind == "clinic" for source in kinds) and not any(source.independent for source in kinds)


def is_attributed(text: str) -> bool:
    """True when the words of `text` say it comes from a clinic."""
    return ATTRIBUTION.search(text) is not None


def outcome_word(text: str) -> str | None:
    """The first word of `text` that promises a result, if any."""
    match = OUTCOME_WORDS.search(text)
    return match.group(0) if match else None


def statements(item: Any) -> list[str]:
    """The texts of an item that state something (its `STATEMENTS` fields), lists flattened."""
    texts: list[str] = []
    for name in getattr(item, "STATEMENTS", ()):
        value = getattr(item, name, None)
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, (list, tuple)):
            texts.extend(entry for entry in value if isinstance(entry, str))
    return texts


def needs_label(item: HasSources, sources: Mapping[str, SourceLike]) -> bool:
    """Whether an item must show that it comes from a clinic that sells the treatment."""
    if not clinic_only(item.sources, sources):
        return False
    texts = statements(item)
    return not texts or not all(is_attributed(text) for text in texts)
