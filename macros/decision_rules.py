"""Rules for the decision aids and the risks of treatment. Each one makes a misleading aid fail the build.

- Every decision offers waiting (changing nothing new) among its options, and at least
  three options in all; every option belongs to exactly one decision.
- Options, their benefits and harms, decisions and risks rest on an independent source:
  a clinic that sells the treatment is never the only support for a benefit.
- An option the evidence does not support cannot say insurance usually pays for it.
- Every risk names symptoms from its own situations, and at least one of them needs help,
  so a reader always learns when to call; the levels come from symptoms.yml alone.
- Every decision offers at least three "what matters to me" statements.

Each rule reports through `report(file, path, problem, expected, found)`, like safety.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .errors import PathKey
from .vocabulary import UNPROVEN_STRENGTHS

Report = Callable[[str, PathKey, str, str, str], None]
Models = Mapping[str, Sequence[Any]]

#: The fewest values a decision offers, so the reader has a real list to weigh.
MIN_VALUES = 3

INDEPENDENT_KINDS = "guideline, systematic-review, regulator, public-health, professional-body, hospital or research"


def check_decisions(models: Models, report: Report) -> None:
    """Run every rule about decisions, options and risks."""
    check_decision_options(models, report)
    check_independent_support(models, report)
    check_coverage_claims(models, report)
    check_risk_symptoms(models, report)
    check_values(models, report)


def check_decision_options(models: Models, report: Report) -> None:
    """Each decision offers waiting; each option belongs to exactly one decision."""
    options = {option.id: option for option in models["options"]}
    owners: dict[str, list[str]] = {}
    for index, decision in enumerate(models["decisions"]):
        kinds = [options[option_id].kind for option_id in decision.options if option_id in options]
        if "wait" not in kinds:
            report(
                "decisions",
                (index, "options"),
                "A decision aid must include waiting and changing nothing new, so readers can weigh doing nothing.",
                "the id of an option with kind: wait among the options",
                ", ".join(decision.options),
            )
        for position, option_id in enumerate(decision.options):
            if decision.id in owners.setdefault(option_id, []):
                report(
                    "decisions",
                    (index, "options", position),
                    f'The option "{option_id}" is listed twice.',
                    "each option once",
                    f'"{option_id}"',
                )
                continue
            owners[option_id].append(decision.id)
    for index, option in enumerate(models["options"]):
        found = owners.get(option.id, [])
        if len(found) != 1:
            report(
                "options",
                (index, "id"),
                f'The option "{option.id}" belongs to {len(found)} decisions; each option describes one choice for one condition.',
                "the option's id in the options of exactly one decision in data/decisions.yml",
                ", ".join(found) or "no decision",
            )


def check_independent_support(models: Models, report: Report) -> None:
    """Decisions, options, each benefit and harm, and risks cite an independent source."""
    sources = {source.id: source for source in models["sources"]}

    def independent(source_ids: Sequence[str]) -> bool:
        return any(sources[s].independent for s in source_ids if s in sources)

    def complain(file: str, loc: PathKey, source_ids: Sequence[str], what: str) -> None:
        report(
            file,
            loc,
            f"{what} must rest on at least one independent source: not only a clinic that sells the treatment "
            "or a copied page of unknown authorship.",
            f"at least one source of kind {INDEPENDENT_KINDS}",
            ", ".join(source_ids),
        )

    for file in ("decisions", "options", "risks"):
        for index, item in enumerate(models[file]):
            if not independent(item.sources):
                complain(file, (index, "sources"), item.sources, "This item")
    for index, option in enumerate(models["options"]):
        for field in ("benefits", "harms"):
            for position, outcome in enumerate(getattr(option, field)):
                if not independent(outcome.sources):
                    what = "A benefit" if field == "benefits" else "A harm"
                    complain("options", (index, field, position, "sources"), outcome.sources, what)


def check_coverage_claims(models: Models, report: Report) -> None:
    """An option the evidence does not support never says insurance usually pays."""
    evidence = {item.id: item for item in models["evidence"]}
    for index, option in enumerate(models["options"]):
        summary = evidence.get(option.evidence or "")
        if summary is not None and summary.strength in UNPROVEN_STRENGTHS and option.coverage == "usually-covered":
            report(
                "options",
                (index, "coverage"),
                f'The evidence for this option is "{summary.strength}", so insurance does not usually pay for it.',
                "coverage: rarely-covered or sometimes-covered",
                option.coverage,
            )


def check_risk_symptoms(models: Models, report: Report) -> None:
    """Each risk's symptoms belong to its situations, and at least one of them needs help."""
    symptoms = {symptom.id: symptom for symptom in models["symptoms"]}
    for index, risk in enumerate(models["risks"]):
        # Positions as written, so an unknown id above (reported elsewhere) does not shift them.
        listed = [(position, symptoms[s]) for position, s in enumerate(risk.symptoms) if s in symptoms]
        shown = [symptom for _, symptom in listed]
        for position, symptom in listed:
            if not set(symptom.contexts) & set(risk.contexts):
                report(
                    "risks",
                    (index, "symptoms", position),
                    f'The symptom "{symptom.id}" belongs to none of this risk\'s situations.',
                    "a symptom whose contexts include one of: " + ", ".join(risk.contexts),
                    ", ".join(symptom.contexts),
                )
        if shown and all(symptom.level == "expected" for symptom in shown):
            report(
                "risks",
                (index, "symptoms"),
                "Every symptom listed for this risk is expected, so readers would not learn when to get help.",
                "at least one symptom with level routine, call or emergency",
                ", ".join(risk.symptoms),
            )


def check_values(models: Models, report: Report) -> None:
    """Each decision offers enough 'what matters to me' statements to weigh."""
    for index, decision in enumerate(models["decisions"]):
        offered = [value for value in models["values"] if decision.id in value.decisions]
        if len(offered) < MIN_VALUES:
            report(
                "decisions",
                (index, "id"),
                f"This decision offers {len(offered)} statements of what matters to a reader.",
                f"at least {MIN_VALUES} items in data/values.yml that list this decision",
                str(len(offered)),
            )
