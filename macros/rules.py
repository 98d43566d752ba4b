"""Rules that tie the data files together: ids unique, references and placeholders resolve,
links point at pages, timelines in order, and the safety and decision-aid rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .decision_rules import check_decisions
from .errors import PathKey, Problem, display_path
from .explain import did_you_mean, item_label, line_of
from .fields import MARKDOWN_LINK, PLACEHOLDER, Model, words_of
from .loader import LoadedFile
from .models import REGION_PLACEHOLDERS, Phase
from .references import references_in
from .safety import check_safety


def resolve_phase_starts(phases: tuple[Model, ...], source: LoadedFile) -> tuple[tuple[Model, ...], list[Problem]]:
    """Give each phase without a start the end of the phase above it in the same timeline."""
    resolved: list[Model] = []
    problems: list[Problem] = []
    last: dict[str, Phase] = {}
    seen: set[str] = set()  # timelines with a phase above this one, with or without a start
    for index, phase in enumerate(phases):
        assert isinstance(phase, Phase)
        first = phase.timeline not in seen
        seen.add(phase.timeline)
        if phase.start is None:
            before = last.get(phase.timeline)
            if before is None:
                problems.append(
                    Problem(
                        file=source.path,
                        position=source.position((index,)),
                        field=display_path((index, "start"), phase.id),
                        problem=(
                            "The first phase of a timeline needs a start."
                            if first
                            else "This phase has no start, and neither has the phase above it, so its start cannot be worked out."
                        ),
                        expected="start: with a value and a unit, such as {min: 0, unit: day}",
                        found="no start",
                        line_text=line_of(source, (index,)),
                    )
                )
                resolved.append(phase)
                continue
            phase = phase.model_copy(update={"start": before.end or before.span_start})
        last[phase.timeline] = phase
        resolved.append(phase)
    return tuple(resolved), problems



# ---------------------------------------------------------------------------
# Rules that span files
# ---------------------------------------------------------------------------


Report = Callable[[str, PathKey, str, str, str], None]


def _reporter(loaded: dict[str, LoadedFile], problems: list[Problem]) -> Report:
    """A function that adds a problem at a place in a file to `problems`."""

    def report(file: str, loc: PathKey, problem: str, expected: str, found: str) -> None:
        source = loaded[file]
        problems.append(
            Problem(
                file=source.path,
                position=source.position(loc),
                field=display_path(loc, item_label(source, loc)),
                problem=problem,
                expected=expected,
                found=found,
                line_text=line_of(source, loc),
            )
        )

    return report


def _report_unknown_ids(name: str, references: Iterable[tuple[PathKey, str, str, str]], ids: dict[str, list[str]], report: Report) -> None:
    known = {target: set(found) for target, found in ids.items()}  # a set: a list search per reference was slow
    for loc, key, target, value in references:
        if value not in known[target]:
            report(
                name,
                loc,
                f'"{key}" refers to "{value}", which is not an id in {target}.yml.',
                f"an id from data/{target}.yml" + did_you_mean(value, ids[target]),
                f'"{value}"',
            )


def check_phase_timelines(models: dict[str, tuple[Model, ...]], loaded: dict[str, LoadedFile]) -> list[Problem]:
    """Each phase names a timeline that exists. Checked before phases without a start are
    given one: a misspelt timeline would otherwise show as a timeline whose first phase has
    no start, and hide the misspelling."""
    problems: list[Problem] = []
    timelines = {"timelines": [str(timeline.id) for timeline in models["timelines"]]}
    refs = ((loc, key, target, value) for loc, key, target, value in references_in(models["phases"]) if key == "timeline")
    _report_unknown_ids("phases", refs, timelines, _reporter(loaded, problems))
    return problems


def cross_check(
    models: dict[str, tuple[Model, ...]],
    loaded: dict[str, LoadedFile],
    docs_dir: Path | None,
) -> list[Problem]:
    """Check the rules that tie files together; return every problem found."""
    problems: list[Problem] = []
    ids = {name: [str(getattr(item, "id", "")) for item in items] for name, items in models.items()}
    report = _reporter(loaded, problems)

    # Ids are unique within each file.
    for name, values in ids.items():
        seen: dict[str, int] = {}
        for index, item_id in enumerate(values):
            if item_id in seen:
                report(
                    name,
                    (index, "id"),
                    f'The id "{item_id}" is used twice in {name}.yml (first in item {seen[item_id] + 1}).',
                    "a different id for each item",
                    f'"{item_id}"',
                )
            else:
                seen[item_id] = index

    # Region placeholders are not fact ids.
    for index, fact_id in enumerate(ids["facts"]):
        if fact_id in REGION_PLACEHOLDERS:
            report(
                "facts",
                (index, "id"),
                f'"{fact_id}" is a placeholder filled from data/region.yml.',
                "a different id, or change the value in data/region.yml",
                f'"{fact_id}"',
            )

    # Facts and phases share one set of placeholder names, so their ids must differ.
    for index, phase_id in enumerate(ids["phases"]):
        if phase_id in ids["facts"]:
            report(
                "phases",
                (index, "id"),
                f'The id "{phase_id}" is also the id of a fact, so {{{phase_id}}} would be unclear.',
                "a phase id that no fact in data/facts.yml uses",
                f'"{phase_id}"',
            )

    # Every reference and every {placeholder} points at an existing item.
    fact_ids = set(ids["facts"]) | set(ids["phases"]) | set(REGION_PLACEHOLDERS)
    for name, items in models.items():
        _report_unknown_ids(name, references_in(items), ids, report)
    texts = {name: source.texts for name, source in loaded.items()}  # listed by the loader as it read each file
    for name, file_texts in texts.items():
        for loc, _, value in file_texts:
            # Most texts hold no placeholder and no link: skip them with two quick tests.
            if "{" in value or "}" in value or "](" in value:
                _check_inline(value, loc, name, fact_ids, docs_dir, report)

    check_safety(models, {name: source.value for name, source in loaded.items()}, texts, report)
    check_decisions(models, report)
    _check_timelines(models, report)
    _check_session_total(models, report)
    if docs_dir is not None:
        _check_pages(models, loaded, docs_dir, report)
    return problems


def _check_inline(value: str, loc: PathKey, name: str, fact_ids: set[str], docs_dir: Path | None, report: Any) -> None:
    """Placeholders name known facts; links point at pages that exist or at https sites."""
    for match in PLACEHOLDER.finditer(value):
        if match.group(1) not in fact_ids:
            report(
                name,
                loc,
                f'The placeholder "{{{match.group(1)}}}" names no fact or phase.',
                "the id of a fact in data/facts.yml or a phase in data/phases.yml"
                + did_you_mean(match.group(1), sorted(fact_ids)),
                match.group(0),
            )
    leftover = PLACEHOLDER.sub("", value)
    if "{" in leftover or "}" in leftover:
        report(
            name,
            loc,
            "Curly brackets are only for fact placeholders.",
            "{fact-id} with the id of a fact, or no curly brackets",
            f'"{value[:60]}"',
        )
    for match in MARKDOWN_LINK.finditer(value):
        target = match.group(1)
        if target.startswith(("https://", "mailto:", "tel:", "#")):
            continue
        page = target.split("#", 1)[0]
        if page.endswith(".md") and not page.startswith("/") and (docs_dir is None or (docs_dir / page).is_file()):
            continue
        report(
            name,
            loc,
            f'The link target "{target}" is not a page of this site or a secure web address.',
            "a page path relative to docs/, like when-to-get-help.md, or https://...",
            f'"{target}"',
        )


def _check_timelines(models: dict[str, tuple[Model, ...]], report: Any) -> None:
    """Phases of each timeline are in time order and do not overlap unless they say so."""
    previous: dict[str, tuple[int, Phase]] = {}
    for index, phase in enumerate(models["phases"]):
        assert isinstance(phase, Phase)
        before = previous.get(phase.timeline)
        if before is not None:
            earlier = before[1]
            if phase.span_start.days("min") < earlier.span_start.days("min"):
                report(
                    "phases",
                    (index, "start"),
                    f'This phase starts before "{earlier.id}", which is listed above it.',
                    "phases of a timeline listed in the order they happen",
                    f"a start of {words_of(phase.span_start)}",
                )
            earlier_end = earlier.end or earlier.span_start
            if phase.span_start.days("min") < earlier_end.days("min") - 1e-9 and not phase.overlaps_previous:
                report(
                    "phases",
                    (index, "start"),
                    f'This phase starts before "{earlier.id}" ends.',
                    "a start at or after the end of the phase above, or overlaps_previous: true",
                    f"a start of {words_of(phase.span_start)}",
                )
        previous[phase.timeline] = (index, phase)


def _check_session_total(models: dict[str, tuple[Model, ...]], report: Any) -> None:
    """The whole session is at least as long as its steps added up."""
    facts = {fact.id: (index, fact) for index, fact in enumerate(models["facts"])}
    if "session-total" not in facts:
        return
    index, total = facts["session-total"]
    if total.amount is None or not total.amount.is_time:
        return
    steps = models["session_steps"]
    low = sum(step.duration.days("min") for step in steps)
    if total.amount.days("min") < low - 1e-9:
        report(
            "facts",
            (index, "amount", "min"),
            "The shortest whole session is shorter than its steps added up.",
            "a session-total at least as long as the shortest times of all steps together",
            words_of(total.amount),
        )


def _check_pages(models: dict[str, tuple[Model, ...]], loaded: dict[str, LoadedFile], docs_dir: Path, report: Any) -> None:
    """Every page has a record in pages.yml, and every record names a page that exists."""
    listed = {page.path: index for index, page in enumerate(models["pages"])}
    for index, option in enumerate(models["options"]):
        if option.more is not None and option.more not in listed:
            report(
                "options",
                (index, "more"),
                f"There is no page docs/{option.more} in pages.yml.",
                "the path of a page listed in data/pages.yml",
                f'"{option.more}"',
            )
    for path, index in listed.items():
        if not (docs_dir / path).is_file():
            report(
                "pages",
                (index, "path"),
                f"There is no page docs/{path}.",
                "the path of a Markdown file inside docs/",
                f'"{path}"',
            )
    for page in sorted(docs_dir.rglob("*.md")):
        relative = page.relative_to(docs_dir).as_posix()
        if relative not in listed:
            report(
                "pages",
                (),
                f"The page docs/{relative} has no record in pages.yml.",
                f"an item with path: {relative}, medical: true or false, and its review",
                "no such item",
            )
