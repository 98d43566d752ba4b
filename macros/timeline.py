"""Timelines as plain values: the entries of a timeline and the words for when each happens."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .fields import Amount
from .formatting import html_duration, number, unit_word
from .models import Phase, SessionStep


@dataclass(frozen=True)
class TimePart:
    """A piece of a time label; with `duration` set it is shown as a <time> element."""

    text: str
    duration: str | None = None


@dataclass(frozen=True)
class Section:
    """A titled list inside a timeline entry, such as 'What to do'."""

    kind: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """One phase or step, ready for the timeline template."""

    id: str
    title: str
    when: tuple[TimePart, ...]
    start: Amount | None
    end: Amount | None
    visit: bool
    summary: str | None
    sections: tuple[Section, ...]
    sources: tuple[str, ...]
    #: True when the entry must say it comes from a clinic that sells the treatment.
    from_clinic: bool = False
    #: The one or two things that matter most (for the one-page summary).
    key_points: tuple[str, ...] = ()
    #: Ids of home exercises that suit this phase.
    exercises: tuple[str, ...] = ()


def _never(item: Any) -> bool:
    return False


def amount_parts(amount: Amount) -> list[TimePart]:
    """'2 weeks' or '6 to 8 weeks', each number a <time> with its duration (none for months)."""
    prefix = [TimePart("about ")] if amount.about else []
    if amount.max is None or amount.max == amount.min:
        text = f"{number(amount.min)} {unit_word(amount.unit, amount.min)}"
        return [*prefix, TimePart(text, html_duration(amount.min, amount.unit))]
    return [
        *prefix,
        TimePart(number(amount.min), html_duration(amount.min, amount.unit)),
        TimePart(" to "),
        TimePart(f"{number(amount.max)} {unit_word(amount.unit, amount.max)}", html_duration(amount.max, amount.unit)),
    ]


def _single(amount: Amount) -> bool:
    return amount.max is None or amount.max == amount.min


def when_parts(start: Amount, end: Amount | None, starts_at: str, visit: bool) -> list[TimePart]:
    """When a phase happens, counted from the timeline's start: 'First 3 days after treatment'."""
    tail = TimePart(f" {starts_at}")
    if end is None and start.min == 0:
        return [TimePart("At the start", html_duration(0, start.unit))]
    if end is None:
        if visit:
            return [*amount_parts(start), tail]
        return [TimePart("From "), *amount_parts(start), tail, TimePart(" onward")]
    if start.min == 0 and _single(start):
        if end.about:
            return [TimePart("Up to "), *amount_parts(end), tail]
        if _single(end) and end.min == 1:  # "First week", not "First 1 week"
            return [TimePart("First "), TimePart(unit_word(end.unit, 1), html_duration(1, end.unit)), tail]
        return [TimePart("First "), *amount_parts(end), tail]
    if _single(start) and _single(end) and start.unit == end.unit and not (start.about or end.about):
        return [
            TimePart(number(start.min), html_duration(start.min, start.unit)),
            TimePart(" to "),
            *amount_parts(end),
            tail,
        ]
    return [*amount_parts(start), TimePart(" to "), *amount_parts(end), tail]


def phase_entries(phases: Sequence[Phase], starts_at: str, from_clinic: Callable[[Any], bool] = _never) -> list[TimelineEntry]:
    """Timeline entries for the phases of one timeline, in order; `from_clinic` says which need the clinic label."""
    return [
        TimelineEntry(
            id=phase.id,
            title=phase.title,
            when=tuple(when_parts(phase.span_start, phase.end, starts_at, phase.visit)),
            start=phase.span_start,
            end=phase.end,
            visit=phase.visit,
            summary=phase.summary,
            sections=tuple(
                Section(kind, tuple(items))
                for kind, items in (
                    ("goals", phase.goals),
                    ("do", phase.do),
                    ("avoid", phase.avoid),
                    ("milestones", phase.milestones),
                )
                if items
            ),
            sources=tuple(phase.sources),
            from_clinic=from_clinic(phase),
            key_points=tuple(phase.key_points or phase.do[:1]),
            exercises=tuple(phase.exercises),
        )
        for phase in phases
    ]


def step_entries(steps: Sequence[SessionStep], from_clinic: Callable[[Any], bool] = _never) -> list[TimelineEntry]:
    """Timeline entries for the steps of a session: each says how long it takes."""
    return [
        TimelineEntry(
            id=step.id,
            title=step.title,
            when=(TimePart("Takes "), *amount_parts(step.duration)),
            start=None,
            end=None,
            visit=False,
            summary=None,
            sections=(Section("happens", tuple(step.what_happens)), Section("anesthesia", (step.anesthesia,))),
            sources=tuple(step.sources),
            from_clinic=from_clinic(step),
        )
        for step in steps
    ]
