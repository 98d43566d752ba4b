"""Clinical safety rules that span data files. Each one makes a dangerous mistake fail the build.

- A symptom is never filed below the lowest level of a red flag it contains, in any of
  its situations (after a procedure, a red flag may be more urgent).
- Two symptoms with the same red flags in the same situation have the same level.
- A symptom whose name uses a red flag's words lists that red flag.
- Evidence and answers to claims cite an independent source; a copied page of unknown
  authorship is never the only support for anything.
- A clinic-only statement that promises a result says in words that a clinic says it.
- Brand names of medicines come after the generic name.
- A clinician's sign-off names medical pages; the site has exactly one region.

Each rule reports through `report(file, path, problem, expected, found)`, so its message
names the file, line and field like every other data problem.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from .data_texts import Text
from .errors import PathKey
from .provenance import clinic_only, is_attributed, outcome_word
from .vocabulary import LEVELS, level_rank

Report = Callable[[str, PathKey, str, str, str], None]
Models = Mapping[str, Sequence[Any]]


def check_safety(models: Models, values: Mapping[str, Any], texts: Mapping[str, Sequence[Text]], report: Report) -> None:
    """Run every safety rule; `values` are the files as parsed YAML and `texts` every text in
    them, for the place of each text."""
    check_care_level_order(models, report)
    check_red_flag_levels(models, report)
    check_same_signs_agree(models, report)
    check_sign_words(models, report)
    check_body_map_signs(models, report)
    check_source_quality(models, report)
    check_clinic_statements(models, values, report)
    check_generic_names_first(models, texts, report)
    check_reviewers(models, report)
    check_region(models, report)


# ---------------------------------------------------------------------------
# Warning signs
# ---------------------------------------------------------------------------


def check_care_level_order(models: Models, report: Report) -> None:
    """Care levels are listed once each, most urgent first: pages show them in file order."""
    written = [care.id for care in models["care_levels"]]
    wanted = sorted(LEVELS, key=level_rank, reverse=True)
    if written != wanted:
        report(
            "care_levels",
            (),
            "The care levels are not each listed once, from most to least urgent.",
            "the levels in this order: " + ", ".join(wanted),
            ", ".join(written),
        )


def _after_procedure(contexts: Mapping[str, Any], context_ids: Sequence[str]) -> bool:
    return any(contexts[c].after_procedure for c in context_ids if c in contexts)


def required_level(symptom: Any, flags: Mapping[str, Any], after_procedure: bool) -> tuple[str, Any | None]:
    """The lowest level a symptom may have, and the red flag that sets it (None: any level)."""
    floor, cause = "expected", None
    for flag_id in symptom.signs:
        flag = flags.get(flag_id)
        if flag is not None and level_rank(flag.floor(after_procedure)) > level_rank(floor):
            floor, cause = flag.floor(after_procedure), flag
    return floor, cause


def check_red_flag_levels(models: Models, report: Report) -> None:
    """No symptom sits below the lowest level of one of its red flags."""
    flags = {flag.id: flag for flag in models["red_flags"]}
    contexts = {context.id: context for context in models["contexts"]}  # once: per symptom, it grew with the square of the data
    for index, symptom in enumerate(models["symptoms"]):
        after = _after_procedure(contexts, symptom.contexts)
        floor, flag = required_level(symptom, flags, after)
        if flag is not None and level_rank(symptom.level) < level_rank(floor):
            where = " after a procedure" if after and flag.after_procedure else ""
            report(
                "symptoms",
                (index, "level"),
                f'This symptom contains the red flag "{flag.id}" ({flag.name}), which is never less urgent than '
                f'"{floor}"{where}. Why: {flag.why}',
                f"level: {_at_least(floor)}",
                f'"{symptom.level}"',
            )


def _at_least(level: str) -> str:
    more = [name for name in LEVELS if level_rank(name) >= level_rank(level)]
    return " or ".join(more)


def check_same_signs_agree(models: Models, report: Report) -> None:
    """Symptoms with the same red flags in a shared situation have one level."""
    seen: dict[tuple[frozenset[str], str], tuple[int, Any]] = {}
    for index, symptom in enumerate(models["symptoms"]):
        if not symptom.signs:
            continue
        for context in symptom.contexts:
            key = (frozenset(symptom.signs), context)
            if key not in seen:
                seen[key] = (index, symptom)
                continue
            _, first = seen[key]
            if first.level != symptom.level:
                report(
                    "symptoms",
                    (index, "level"),
                    f'This symptom has the same red flags as "{first.id}" in the situation "{context}", '
                    f'but a different level ("{symptom.level}", there "{first.level}").',
                    f'the same level as "{first.id}", or a difference in their signs',
                    f'"{symptom.level}"',
                )
                break


def _word_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _is_word_character(character: str) -> bool:
    """What `\\w` matches (letters, digits, underscore), or a hyphen."""
    return character.isalnum() or character in "_-"


class _FlagWords:
    """A red flag's words, found in a text as whole words, ignoring case: what
    `_word_pattern(words).search(text)` finds, without compiling that pattern.

    Compiling every flag's pattern (large alternations, in Python's regular-expression
    compiler) was a tenth of the first data load. Plain substring searches of the
    casefolded text find the same leftmost, then longest, whole word; a text whose
    casefolded form has another length (some non-English letters) uses the pattern.
    """

    def __init__(self, flag: Any):
        self.flag = flag
        self.words = [word.casefold() for word in sorted(flag.words, key=len, reverse=True)]
        self._pattern: re.Pattern[str] | None = None

    def search(self, text: str) -> str | None:
        """The first of the flag's words in `text`, as written there, or None."""
        folded = text.casefold()
        if len(folded) != len(text):
            if self._pattern is None:
                self._pattern = _word_pattern(self.flag.words)
            found = self._pattern.search(text) if self._pattern else None
            return found.group(0) if found else None
        best: tuple[int, int] | None = None
        for word in self.words:
            at = folded.find(word)
            while at >= 0 and (best is None or at < best[0]):
                end = at + len(word)
                if (at == 0 or not _is_word_character(folded[at - 1])) and (end == len(folded) or not _is_word_character(folded[end])):
                    best = (at, end)
                    break
                at = folded.find(word, at + 1)
        return text[best[0] : best[1]] if best else None


def _flag_words(models: Models) -> list[_FlagWords]:
    """Each red flag that has words, ready to find them."""
    return [_FlagWords(flag) for flag in models["red_flags"] if flag.words]


def check_sign_words(models: Models, report: Report) -> None:
    """A symptom whose name uses a red flag's words lists that red flag."""
    flags = _flag_words(models)
    for index, symptom in enumerate(models["symptoms"]):
        for words in flags:
            flag = words.flag
            match = words.search(symptom.name)
            if match is not None and flag.id not in symptom.signs:
                report(
                    "symptoms",
                    (index, "signs"),
                    f'The symptom says "{match}", a sign of the red flag "{flag.id}" ({flag.name}), '
                    "but does not list it.",
                    f"signs: with {flag.id} among them, and a level to match",
                    "signs: [" + ", ".join(symptom.signs) + "]",
                )


#: Words that tell a reader to get emergency help. On the body map they belong to warning
#: signs (symptoms.yml, each with its care level), never to free text.
EMERGENCY_WORDS = re.compile(r"\{emergency-number\}|\b(?:911|999|emergency|ambulance|right away|at once)\b", re.IGNORECASE)


def check_body_map_signs(models: Models, report: Report) -> None:
    """Pain areas send readers to help only through their `symptoms`, never in free text.

    A warning sign typed into a pain area's text would skip the rules that keep each sign
    at the right level and the same on every page.
    """
    flags = _flag_words(models)
    for index, area in enumerate(models["pain_areas"]):
        texts = [("felt", area.felt), ("what_to_do", area.what_to_do), *((("causes", i), c) for i, c in enumerate(area.causes))]
        for field, text in texts:
            loc = (index, *field) if isinstance(field, tuple) else (index, field)
            urgent = EMERGENCY_WORDS.search(text)
            # Causes may name what a sign points to (an injury, cancer); advice may not hold a sign.
            advice = field == "what_to_do"
            flagged = next((m for words in flags if advice and (m := words.search(text)) is not None), None)
            if urgent or flagged is not None:
                found = urgent.group(0) if urgent else flagged
                report(
                    "pain_areas",
                    loc,
                    f'The text says "{found}", a warning sign or a call for urgent help. On the body map, '
                    "warning signs come only from symptoms.yml, so each shows at its own level of care.",
                    "the id of the symptom under symptoms: (add it to data/symptoms.yml if it is missing), and this text without it",
                    f'"{found}"',
                )


# ---------------------------------------------------------------------------
# Sources and claims
# ---------------------------------------------------------------------------


def _items_with_sources(models: Models) -> Iterator[tuple[str, int, Any]]:
    for name, items in models.items():
        for index, item in enumerate(items):
            if isinstance(getattr(item, "sources", None), list):
                yield name, index, item


def check_source_quality(models: Models, report: Report) -> None:
    """Evidence rests on independent sources; a copied page is never the only support."""
    sources = {source.id: source for source in models["sources"]}
    for name, index, item in _items_with_sources(models):
        cited = [sources[s] for s in item.sources if s in sources]
        independent = any(source.independent for source in cited)
        if name in {"evidence", "claims"} and not independent:
            report(
                name,
                (index, "sources"),
                "Evidence must come from at least one independent source: not a clinic that sells the treatment, "
                "not a copied page of unknown authorship.",
                "at least one source of kind guideline, systematic-review, regulator, public-health, "
                "professional-body, hospital or research",
                ", ".join(item.sources),
            )
        elif any(source.kind == "republished" for source in cited) and not independent:
            report(
                name,
                (index, "sources"),
                "A copied page of unknown authorship cannot be the only support for a statement.",
                "an independent source for the same statement, or leave the statement out",
                ", ".join(item.sources),
            )
    for index, claim in enumerate(models["claims"]):
        for position, source_id in enumerate(claim.claimed_by):
            if source_id in sources and not sources[source_id].sells_treatment:
                report(
                    "claims",
                    (index, "claimed_by", position),
                    f'"{source_id}" does not sell the treatment, so this is not a provider claim.',
                    "the id of a source with kind: clinic",
                    f'"{source_id}"',
                )


def _statement_texts(item_value: Any, fields: Sequence[str]) -> Iterator[tuple[PathKey, str]]:
    """(path inside the item, text) for each statement field, list entries one by one."""
    if not isinstance(item_value, dict):
        return
    for name in fields:
        value = item_value.get(name)
        if isinstance(value, str):
            yield (name,), value
        elif isinstance(value, list):
            for position, entry in enumerate(value):
                if isinstance(entry, str):
                    yield (name, position), entry


def check_clinic_statements(models: Models, values: Mapping[str, Any], report: Report) -> None:
    """A statement backed only by clinics that promises a result says so in words."""
    sources = {source.id: source for source in models["sources"]}
    for name, index, item in _items_with_sources(models):
        fields = getattr(item, "STATEMENTS", ())
        if not fields or not clinic_only(item.sources, sources):
            continue
        for path, text in _statement_texts(values[name][index], fields):
            word = outcome_word(text)
            if word and not is_attributed(text):
                report(
                    name,
                    (index, *path),
                    f'"{word}" promises a result, and this item rests only on clinics that sell the treatment.',
                    'words that say who claims it ("The clinic says..."), neutral words, or an independent source',
                    f'"{text[:80]}"',
                )


# ---------------------------------------------------------------------------
# Medicines, reviewers, region
# ---------------------------------------------------------------------------


def _find_all(text: str, word: str) -> Iterator[int]:
    """Where `word` starts in `text`, every time."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def check_generic_names_first(models: Models, texts: Mapping[str, Sequence[Text]], report: Report) -> None:
    """In any text, a medicine's brand name comes after its generic name."""
    medicines = [
        (term, _word_pattern(term.brands), _word_pattern([term.term, *term.matches])) for term in models["glossary"] if term.brands
    ]
    brands = sorted({brand.lower() for term in models["glossary"] for brand in term.brands})
    if not brands:
        return
    # Most texts name no brand. A plain substring search of each file's texts joined, in
    # lowercase, finds the few that might (much faster than the word patterns, or one
    # regular expression of all brands), instead of one search per text.
    for name, file_texts in texts.items():
        starts, offset = [], 0
        for _, _, text in file_texts:
            starts.append(offset)
            offset += len(text) + 1
        joined = "\n".join(text for _, _, text in file_texts).lower()
        candidates = sorted({bisect_right(starts, at) - 1 for brand in brands for at in _find_all(joined, brand)})
        for path, _, text in (file_texts[index] for index in candidates):
            if path and path[-1] in {"brands", "search_words", "matches", "term"}:
                continue
            if name == "glossary" and len(path) >= 2 and path[-2] in {"brands", "search_words", "matches"}:
                continue
            for term, brand, generic in medicines:
                found = brand.search(text) if brand else None
                if found is None or generic is None:
                    continue
                first_generic = generic.search(text)
                if first_generic is None or first_generic.start() > found.start():
                    report(
                        name,
                        path,
                        f'The brand name "{found.group(0)}" comes before the generic name "{term.term}".',
                        f'the generic name first, then the brand: "{term.term} ({found.group(0)})"',
                        f'"{text[:80]}"',
                    )


def check_reviewers(models: Models, report: Report) -> None:
    """A clinician signs off medical pages only."""
    pages = {page.id: page for page in models["pages"]}
    for index, reviewer in enumerate(models["reviewers"]):
        for position, page_id in enumerate(reviewer.pages):
            page = pages.get(page_id)
            if page is not None and not page.medical:
                report(
                    "reviewers",
                    (index, "pages", position),
                    f'"{page_id}" is not a medical page, so it has no clinical review.',
                    "the id of a page with medical: true",
                    f'"{page_id}"',
                )


def check_region(models: Models, report: Report) -> None:
    """The site is written for one region."""
    regions = models["region"]
    if len(regions) != 1:
        report(
            "region",
            (),
            f"The site is written for exactly one region; this file has {len(regions)}.",
            "one item, with the country, emergency number, regulator and where to report harm",
            f"{len(regions)} items",
        )
