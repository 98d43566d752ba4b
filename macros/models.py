"""Typed models of every data file, and the rules that tie the files together.

Each file in `data/` is a YAML list of items of one model (see `FILES`). `load_site_data`
reads them all, checks each item against its model, then checks the rules that span
files (ids unique, references resolve, timelines in order). Every problem comes back as
a `DataError` naming the file, line, field and what was expected.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .data_texts import texts_in
from .decision_rules import check_decisions
from .errors import DataError, PathKey, Position, Problem, display_path
from .loader import LoadedFile, load_file
from .safety import check_safety
from .vocabulary import (
    NOT_INDEPENDENT,
    Certainty,
    Coverage,
    Level,
    OptionKind,
    QuestionGroup,
    SourceKind,
    Strength,
    WarningLevel,
    level_rank,
)

# ---------------------------------------------------------------------------
# Field types shared by the models
# ---------------------------------------------------------------------------

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PLACEHOLDER = re.compile(r"\{([a-z0-9]+(?:-[a-z0-9]+)*)\}")
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|hundred|dozen|twice"
)
COUNTED_WORDS = (
    r"minutes?|hours?|days?|weeks?|months?|years?|times|sessions?|steps?|percent|visits?"
)
NUMBER_WITH_UNIT = re.compile(
    rf"\b(?:one|{NUMBER_WORDS}|a\s+couple\s+of)\s+(?:{COUNTED_WORDS})\b", re.IGNORECASE
)


_NUMBER_WITH_UNIT_LOWER = re.compile(NUMBER_WITH_UNIT.pattern)


def rule_error(problem: str, expected: str) -> PydanticCustomError:
    """An error from one of the site's own rules, with the words shown to the editor."""
    return PydanticCustomError("site_rule", "{problem}", {"problem": problem, "expected": expected})


def _check_text(value: str) -> str:
    """Translatable text: numbers are facts, so they come from {fact-id} placeholders."""
    if not value.strip():
        raise rule_error("The text is empty.", "some text")
    without_placeholders = PLACEHOLDER.sub("", value)
    if re.search(r"\d", without_placeholders):
        raise rule_error(
            "Numbers are not typed into text: every number is a fact in data/facts.yml.",
            "text without digits; write {fact-id} where a number from data/facts.yml goes",
        )
    # The same pattern on lowercase text without IGNORECASE: several times faster.
    counted = _NUMBER_WITH_UNIT_LOWER.search(without_placeholders.lower())
    if counted:
        raise rule_error(
            f'"{without_placeholders[counted.start() : counted.end()]}" is a number typed into text.',
            "a {fact-id} placeholder for the number, with the value in data/facts.yml",
        )
    if "![" in value:
        raise rule_error("Pictures are not allowed in data text.", "text and links only")
    return value


def _check_name(value: str) -> str:
    if not value.strip():
        raise rule_error("The text is empty.", "some text")
    return value


def _parse_iso_date(value: Any) -> Any:
    """Accept only YYYY-MM-DD, so 05/01/2026 never silently means the wrong day."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise rule_error(
        "This is not a date in the form the site uses.",
        "a date written year-month-day, like 2026-01-31",
    )


def _check_doc_path(value: str) -> str:
    if not value.endswith(".md") or value.startswith("/") or ".." in value.split("/"):
        raise rule_error(
            "A page path must point at a Markdown file inside docs/.",
            "a path relative to docs/, ending in .md, like hip-pain/index.md",
        )
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, description="A short name: lowercase letters, digits and dashes, like ice-after-treatment.")]
#: The number rule of Text as a JSON Schema pattern, so editors see a typed digit at once.
TEXT_SCHEMA = {
    "pattern": r"^(?:[^0-9{}]|\{[a-z0-9]+(?:-[a-z0-9]+)*\})*$",
    "patternErrorMessage": "Numbers are facts: write {fact-id} instead of typing a number.",
}
#: Translatable text shown to readers. No digits: numbers come from {fact-id} placeholders.
Text = Annotated[str, AfterValidator(_check_text), Field(json_schema_extra=TEXT_SCHEMA)]
#: Text that may use Markdown (bold, lists, links to pages). Same number rule as Text.
MarkdownText = Annotated[str, AfterValidator(_check_text), Field(json_schema_extra={**TEXT_SCHEMA, "format": "markdown"})]
#: A proper name or title quoted as published (may contain digits, such as a year).
Name = Annotated[str, AfterValidator(_check_name)]
IsoDate = Annotated[dt.date, BeforeValidator(_parse_iso_date)]
DocPath = Annotated[str, AfterValidator(_check_doc_path)]
HttpsUrl = Annotated[str, Field(pattern=r"^https://[^\s/]+\.[^\s]+$", description="A full web address starting with https://")]
IconName = Annotated[str, Field(pattern=r"^(material|fontawesome/[a-z]+|octicons)/[a-z0-9-]+$", description="A Material for MkDocs icon, like material/snowflake")]
SourceIds = Annotated[list[Id], Field(min_length=1, description="Ids of the sources in data/sources.yml that back this item.")]

TimeUnit = Literal["second", "minute", "hour", "day", "week", "month", "year"]

Unit = Literal["second", "minute", "hour", "day", "week", "month", "year", "percent", "fahrenheit", "dollar", "in-100", "in-1000", "points-of-10", "points-of-100", "time"]
TIME_UNITS: tuple[str, ...] = get_args(TimeUnit)

#: Approximate length of each unit in days, used only to order and compare phases.
#: Calendar dates shown to readers count months as calendar months instead.
DAYS_PER_UNIT: dict[str, float] = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1,
    "week": 7,
    "month": 30.4375,
    "year": 365.25,
}


class Model(BaseModel):
    """Base for every item: unknown fields are errors, values cannot change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# ---------------------------------------------------------------------------
# Quantities
# ---------------------------------------------------------------------------


class Amount(Model):
    """A number or a range of numbers with a unit, such as 1 to 3 days."""

    min: float = Field(ge=0, description="The smallest value (or the only value).")
    max: float | None = Field(default=None, ge=0, description="The largest value, for a range.")
    unit: Unit = Field(
        description="second, minute, hour, day, week, month, year, percent, fahrenheit (a temperature in °F), "
        "dollar (a price in US dollars), in-100 or in-1000 (how many people in 100 or in 1,000), "
        "points-of-10 or points-of-100 (a score on a scale, such as a pain score: 15 points out of 100), "
        "time (how many times to repeat something, such as an exercise: 8 to 12 times)."
    )
    per: TimeUnit | None = Field(default=None, description="For a rate: 2 to 3 days *per week*.")
    about: bool = Field(default=False, description="Show 'about' before the value.")
    at_least: bool = Field(default=False, description="Show 'at least' before the value.")
    every: bool = Field(default=False, description="Show as a repeat: every 3 to 4 hours.")

    @field_validator("max")
    @classmethod
    def _max_not_below_min(cls, value: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("min")
        if value is not None and low is not None and value < low:
            raise rule_error(
                f"The largest value ({_number(value)}) is smaller than the smallest ({_number(low)}).",
                "max equal to or greater than min",
            )
        return value

    @property
    def high(self) -> float:
        """The top of the range (the value itself when there is no range)."""
        return self.min if self.max is None else self.max

    @property
    def is_time(self) -> bool:
        return self.unit in TIME_UNITS

    def days(self, which: Literal["min", "max"] = "min") -> float:
        """The value in approximate days, for ordering phases."""
        value = self.min if which == "min" else self.high
        return value * DAYS_PER_UNIT[self.unit]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _words(amount: Amount) -> str:
    """An amount in words for error messages, such as '6 to 8 weeks'."""
    value = _number(amount.min) if amount.max in (None, amount.min) else f"{_number(amount.min)} to {_number(amount.high)}"
    if amount.unit == "fahrenheit":
        return f"{value}°F"
    if amount.unit == "dollar":
        return f"${value}"
    if amount.unit in ("in-100", "in-1000"):
        return f"{value} {amount.unit.replace('-', ' ')}"
    if amount.unit.startswith("points-of-"):
        return f"{value} points out of {amount.unit.removeprefix('points-of-')}"
    return f"{value} {amount.unit}{'' if amount.high == 1 or amount.unit == 'percent' else 's'}"


def _time_only(value: Amount) -> Amount:
    if not value.is_time or value.per is not None:
        raise rule_error(
            "A point in time needs a time unit.",
            "a unit of minute, hour, day, week, month or year, without 'per'",
        )
    return value


TimeAmount = Annotated[Amount, AfterValidator(_time_only)]


# ---------------------------------------------------------------------------
# Models, one per data file
# ---------------------------------------------------------------------------


class Source(Model):
    """Where facts come from (data/sources.yml)."""

    id: Id
    title: Name = Field(description="The title, as published.")
    publisher: Name = Field(description="Who published it.")
    year: int | None = Field(default=None, ge=1900, le=2100, description="The year it was published (needed unless it is a supplied article).")
    url: HttpsUrl | None = Field(default=None, description="Its web address, starting with https:// (needed unless it is a supplied article).")
    kind: SourceKind = Field(
        description=(
            "What kind of source it is, shown to readers: guideline, systematic-review, regulator, "
            "public-health (a national health service), professional-body, hospital, research (one study), "
            "clinic (sells the treatment it writes about: its words are shown as the clinic's) or "
            "republished (a copy of unknown authorship: never enough on its own)."
        )
    )
    accessed: IsoDate | None = Field(default=None, description="For a page that shows no date: the day it was read, year-month-day.")
    seed: str | None = Field(default=None, description="The file name of the supplied source article, if it is one.")
    note: Text | None = Field(default=None, description="A short note shown on the Sources page.")

    @model_validator(mode="after")
    def _findable(self) -> Source:
        if self.seed is None and (self.url is None or (self.year is None and self.accessed is None)):
            raise rule_error(
                "A source from outside the supplied articles needs a web address and a year (or, for an undated page, the day it was read).",
                "url: https://... and year: YYYY, or accessed: YYYY-MM-DD",
            )
        return self

    @property
    def sells_treatment(self) -> bool:
        """A clinic that sells the treatment it writes about."""
        return self.kind == "clinic"

    @property
    def independent(self) -> bool:
        """Neither a clinic that sells the treatment nor a page of unknown authorship."""
        return self.kind not in NOT_INDEPENDENT


class Reported(Model):
    """What one source said about a disputed fact."""

    source: Id = Field(description="The id of the source, from data/sources.yml.")
    amount: Amount | None = Field(default=None, description="The number the source gave, if it gave one.")
    says: Text = Field(description="What the source said, in our own words (no numbers: put them in amount).")


class Resolution(Model):
    """How a disagreement between sources was settled."""

    decision: Text = Field(description="What this site says, and why.")
    reported: list[Reported] = Field(min_length=2, description="What each source said: at least two entries.")


class Fact(Model):
    """One number, date or phone number shown on pages (data/facts.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("about",)

    id: Id
    about: Text = Field(description="What the number is, in a few words.")
    amount: Amount | None = Field(default=None, description="A number or range with a unit.")
    date: IsoDate | None = Field(default=None, description="A date, written year-month-day.")
    date_shows: Literal["day", "month", "year"] = Field(default="day", description="How much of the date pages show.")
    phone: Annotated[str, Field(pattern=r"^[0-9 +-]+$")] | None = Field(default=None, description="A phone number, in quotes.")
    sources: SourceIds
    resolution: Resolution | None = Field(default=None, description="Where sources disagree: what each said and what this site says.")

    @model_validator(mode="after")
    def _one_value(self) -> Fact:
        given = [name for name in ("amount", "date", "phone") if getattr(self, name) is not None]
        if len(given) != 1:
            raise rule_error(
                f"A fact needs exactly one value; this one has {len(given)}.",
                "one of: amount, date, phone",
            )
        return self


class Review(Model):
    """When a page was last checked by the editors, and when it is due again."""

    last: IsoDate = Field(description="When the page was last reviewed, year-month-day.")
    next: IsoDate = Field(description="When the next review is due, year-month-day.")
    editor: Text = Field(description="Who checked the page, such as Editorial team. A clinician's sign-off goes in data/reviewers.yml, not here.")

    @field_validator("next")
    @classmethod
    def _after_last(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        last = info.data.get("last")
        if last is not None and value <= last:
            raise rule_error("The next review is not after the last one.", "a next date later than last")
        return value


class Page(Model):
    """A page of the site and its review record (data/pages.yml)."""

    id: Id
    path: DocPath = Field(description="The page's file inside docs/, like hip-pain/index.md.")
    medical: bool = Field(description="true for pages with medical content: they show sources, review dates and the disclaimer.")
    contexts: list[Id] | None = Field(
        default=None,
        description="Ids of the situations (data/contexts.yml) the page serves; [] for none. Needed for medical pages. "
        "A page that serves a situation after a procedure must show that situation's emergency signs.",
    )
    review: Review | None = Field(default=None, description="The review record; needed for medical pages.")

    @model_validator(mode="after")
    def _medical_pages_reviewed(self) -> Page:
        if self.medical and self.review is None:
            raise rule_error("A medical page needs a review record.", "review: with last, next and editor")
        if self.medical and self.contexts is None:
            raise rule_error(
                "A medical page must say which situations it serves.",
                "contexts: with ids from data/contexts.yml, such as [after-hip-injection], or [] for none",
            )
        return self


class Reviewer(Model):
    """A clinician who signed off pages (data/reviewers.yml). Until one signs, pages say the review is pending."""

    id: Id
    name: Name = Field(description="The clinician's full name.")
    credential: Name = Field(description="Their profession and qualifications, such as Physical therapist, DPT.")
    signed: IsoDate = Field(description="The day they signed off the pages, year-month-day.")
    pages: list[Id] = Field(min_length=1, description="Ids of the medical pages (data/pages.yml) they reviewed.")


class Context(Model):
    """A situation a reader may be in, such as after a hip injection (data/contexts.yml)."""

    id: Id
    name: Text = Field(description="The situation in a reader's words, such as After a hip injection.")
    after_procedure: bool = Field(description="true for the time after a procedure: red flags may be more urgent then, and pages must show the emergency signs.")


class RedFlag(Model):
    """A warning sign with the lowest care level it may ever be filed under (data/red_flags.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("why",)

    id: Id
    name: Text = Field(description="The sign in plain words.")
    min_level: WarningLevel = Field(description="The lowest level a symptom with this sign may have: routine, call or emergency.")
    after_procedure: WarningLevel | None = Field(
        default=None, description="A stricter lowest level in situations after a procedure (contexts with after_procedure: true)."
    )
    why: Text = Field(description="Why the sign is this urgent.")
    words: list[Name] = Field(
        default_factory=list,
        description="Words that show a symptom contains this sign. A symptom whose name uses one must list the sign.",
    )
    sources: SourceIds

    @model_validator(mode="after")
    def _stricter_after_procedure(self) -> RedFlag:
        if self.after_procedure is not None and level_rank(self.after_procedure) < level_rank(self.min_level):
            raise rule_error(
                f'The level after a procedure ("{self.after_procedure}") is less urgent than min_level ("{self.min_level}").',
                "after_procedure at least as urgent as min_level, or left out",
            )
        return self

    def floor(self, after_procedure: bool) -> str:
        """The lowest level allowed in a situation (after a procedure or not)."""
        return self.after_procedure if after_procedure and self.after_procedure else self.min_level


class Region(Model):
    """Where the site's readers live: emergency number, medicines regulator, where to report harm (data/region.yml)."""

    id: Id
    country: Name = Field(description="The country the site is written for.")
    emergency_number: Annotated[str, Field(pattern=r"^[0-9]+$")] = Field(description="The emergency phone number, in quotes, such as \"911\".")
    regulator: Name = Field(description="The medicines regulator, such as U.S. Food and Drug Administration (FDA).")
    report_harm: Name = Field(description="Where to report harm from a medicine or treatment, such as FDA MedWatch.")
    report_harm_url: HttpsUrl = Field(description="The web address for reports.")
    elsewhere: Text = Field(description="A short note, on every page, for readers in other countries.")
    sources: SourceIds


class Topic(Model):
    """A subject that groups FAQs, care cards and evidence (data/topics.yml)."""

    id: Id
    name: Text = Field(description="The topic's name, shown as a heading.")
    page: Id = Field(description="The id of the page about this topic, from data/pages.yml.")


class Faq(Model):
    """A question and its one answer (data/faqs.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("answer",)

    id: Id
    topic: Id = Field(description="The id of its topic, from data/topics.yml.")
    question: Text = Field(description="The question, as a reader would ask it.")
    answer: MarkdownText = Field(description="The answer. Markdown and {fact-id} placeholders allowed.")
    sources: SourceIds
    resolution: Resolution | None = Field(default=None, description="Where sources disagree: what each said and what this site says.")


class CareLevel(Model):
    """How urgent a symptom is (data/care_levels.yml)."""

    id: Level = Field(description="expected, routine, call or emergency.")
    heading: Text = Field(description="The heading readers see, in words (not colour alone).")
    icon: IconName = Field(description="A Material for MkDocs icon, like material/phone-alert.")
    action: MarkdownText = Field(description="What to do at this level.")


class Symptom(Model):
    """A symptom and what to do about it (data/symptoms.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("name", "what_to_do")

    id: Id
    name: Text = Field(description="The symptom, in a reader's words.")
    level: Level = Field(description="How urgent it is: expected, routine, call or emergency.")
    contexts: list[Id] = Field(min_length=1, description="Ids of the situations (data/contexts.yml) it belongs to.")
    signs: list[Id] = Field(default_factory=list, description="Ids of the red flags (data/red_flags.yml) it contains. Needed unless it is expected.")
    lasts: Id | None = Field(default=None, description="The id of a fact in data/facts.yml: how long it usually lasts.")
    what_to_do: MarkdownText = Field(description="What to do about it.")
    sources: SourceIds

    @model_validator(mode="after")
    def _warning_signs_named(self) -> Symptom:
        if self.level != "expected" and not self.signs:
            raise rule_error(
                "A symptom that needs help must name the red flags it contains.",
                "signs: with ids from data/red_flags.yml, such as [fever]",
            )
        return self


class CareTip(Model):
    """Advice shown as a card (data/care_tips.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("body",)

    id: Id
    title: Text = Field(description="The card's heading.")
    icon: IconName = Field(description="A Material for MkDocs icon, like material/snowflake.")
    body: MarkdownText = Field(description="The advice. Markdown and {fact-id} placeholders allowed.")
    topics: list[Id] = Field(min_length=1, description="Ids of the topics whose pages show this card.")
    sources: SourceIds
    resolution: Resolution | None = Field(default=None, description="Where sources disagree: what each said and what this site says.")


class Timeline(Model):
    """A sequence of phases drawn as a timeline (data/timelines.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("intro",)

    id: Id
    title: Text = Field(description="The timeline's name.")
    starts_at: Text = Field(description="What the times count from, read after a time: 'after treatment'.")
    date_key: Id | None = Field(
        default=None,
        description="Timelines with the same date_key share the reader's date, such as their treatment date. "
        "Leave out (with date_label) for a timeline readers should not take as their own plan, such as a clinic's claims.",
    )
    date_label: Text | None = Field(default=None, description="The label of the reader's date field, such as 'Your treatment date'.")
    context: Id = Field(description="The situation (data/contexts.yml) the timeline follows. A page with a timeline after a procedure must show that situation's emergency signs.")
    intro: MarkdownText | None = Field(default=None, description="A short note shown above the timeline.")
    sources: SourceIds

    @model_validator(mode="after")
    def _date_field_complete(self) -> Timeline:
        if (self.date_key is None) != (self.date_label is None):
            raise rule_error(
                "A timeline with a date field needs both date_key and date_label.",
                "both date_key and date_label, or neither (no date field)",
            )
        return self


class Phase(Model):
    """One phase of a timeline (data/phases.yml); phases are listed in order."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("summary", "goals", "do", "avoid", "milestones", "key_points")

    id: Id
    timeline: Id = Field(description="The id of its timeline, from data/timelines.yml.")
    title: Text = Field(description="The phase's heading.")
    start: TimeAmount | None = Field(default=None, description="When it starts, counted from the timeline's start. Leave out to start when the phase above ends.")
    end: TimeAmount | None = Field(default=None, description="When it ends. Leave out for a single moment (such as a visit) or an open end.")
    visit: bool = Field(default=False, description="true for an appointment, such as a review visit.")
    overlaps_previous: bool = Field(default=False, description="true if this phase may start before the phase above ends.")
    summary: MarkdownText | None = Field(default=None, description="One or two sentences about the phase.")
    goals: list[Text] = Field(default_factory=list, description="What this phase is for.")
    do: list[Text] = Field(min_length=1, description="What to do: at least one entry.")
    avoid: list[Text] = Field(default_factory=list, description="What to avoid.")
    milestones: list[Text] = Field(default_factory=list, description="Signs of progress.")
    exercises: list[Id] = Field(default_factory=list, description="Ids of home exercises (data/exercises.yml) that suit this phase; each links to its card.")
    key_points: list[Text] = Field(
        default_factory=list,
        max_length=2,
        description="The one or two things that matter most in this phase, for the one-page summary. Leave out to use the first thing to do.",
    )
    sources: SourceIds

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: Amount | None, info: ValidationInfo) -> Amount | None:
        start = info.data.get("start")
        if value is not None and start is not None and value.days("max") < start.days("min"):
            raise rule_error("The phase ends before it starts.", "an end later than the start")
        return value

    @property
    def span_start(self) -> Amount:
        """The start, once `resolve_phase_starts` has filled in any that were left out."""
        if self.start is None:
            raise ValueError(f'Phase "{self.id}" has no start yet.')
        return self.start


class SessionStep(Model):
    """One step of a treatment session (data/session_steps.yml), in order."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("anesthesia", "what_happens")

    id: Id
    title: Text = Field(description="The step's name.")
    duration: TimeAmount = Field(description="How long the step takes.")
    anesthesia: Text = Field(description="The pain relief used during the step.")
    what_happens: list[Text] = Field(min_length=1, description="What happens, one point per entry.")
    sources: SourceIds


class PrepTask(Model):
    """One thing to do before a session (data/preparation.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("task", "why", "when", "only_if")

    id: Id
    task: Text = Field(description="What to do, as an instruction.")
    why: Text = Field(description="Why it matters.")
    when: Text | None = Field(default=None, description="When to do it, if that matters.")
    only_if: Text | None = Field(default=None, description="When the task applies only to some people.")
    sources: SourceIds


class GlossaryTerm(Model):
    """A medical word, its plain meaning and the words patients use for it (data/glossary.yml)."""

    id: Id
    term: Name = Field(description="The word as it appears on pages.")
    matches: list[Name] = Field(default_factory=list, description="Other forms that get the same tooltip, like NSAIDs.")
    meaning: Text = Field(description="Its meaning in plain words (shown as the tooltip).")
    brands: list[Name] = Field(default_factory=list, description="Brand names of a medicine. In any text, a brand name comes after this generic name.")
    tooltip: bool = Field(default=True, description="Show the meaning as a tooltip wherever the term appears.")
    search_words: list[Text] = Field(default_factory=list, description="Everyday words a reader may search for instead, like brand names.")
    explained_on: Id | None = Field(default=None, description="The id of the page (data/pages.yml) that explains this best: searching for a search word finds it.")


class Evidence(Model):
    """What independent sources say about a treatment (data/evidence.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("summary",)

    id: Id
    topic: Id = Field(description="The id of its topic, from data/topics.yml.")
    strength: Strength = Field(
        description="What the evidence and guidelines say, as readers see it: approved, recommended, mixed, "
        "investigational, not-shown-to-help (no better than a fake treatment in fair tests), advised-against or not-approved."
    )
    heading: Text = Field(description="The summary's heading.")
    summary: MarkdownText = Field(description="What the evidence shows, in plain words.")
    sources: SourceIds


class Claim(Model):
    """A clinic's claim, shown beside what independent sources say (data/claims.yml)."""

    id: Id
    claim: Text = Field(description="What the clinic claims, in our own words.")
    claimed_by: SourceIds = Field(description="Ids of the clinics (sources that sell the treatment) that make the claim.")
    independent_view: MarkdownText = Field(description="What independent sources say about it.")
    sources: SourceIds = Field(description="Ids of the independent sources.")


#: What how_likely says when something may happen but no source gives a number.
UNKNOWN_LIKELIHOOD = "unknown"


class Outcome(Model):
    """One possible benefit or harm of a treatment option, and how likely it is."""

    what: Text = Field(description="The benefit or harm, in plain words.")
    how_likely: Text | None = Field(
        default=None,
        description="How likely it is, with the number as a {fact-id} placeholder, such as 'About {hip-infection-rate} people'; "
        "or unknown, when it is a chance but no source gives a number (readers then see that no reliable number is known). "
        "Leave out only for something certain, such as a cost.",
    )
    sources: SourceIds

    @field_validator("how_likely")
    @classmethod
    def _likelihood_is_a_number(cls, value: str | None) -> str | None:
        if value is not None and value != UNKNOWN_LIKELIHOOD and not PLACEHOLDER.search(value):
            raise rule_error(
                "How likely something is must be a number from a source, given as a fact.",
                "text with a {fact-id} placeholder for the number, or unknown when no source gives one",
            )
        return value


class TreatmentOption(Model):
    """One treatment a person could choose, described by the same questions as every other (data/options.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("involves", "time_to_work", "recovery", "cost")

    id: Id
    name: Text = Field(description="The option's short name, such as Exercise and physical therapy.")
    kind: OptionKind = Field(
        description="self-care, medicine, injection, surgery or wait (waiting and changing nothing new). Every decision includes a wait option."
    )
    involves: MarkdownText = Field(description="What the option involves, in two or three sentences.")
    time_to_work: Text = Field(description="How soon people may notice a difference, if they do.")
    recovery: Text = Field(description="What it is like to go through: time off, recovery, visits, effort.")
    benefits: list[Outcome] = Field(min_length=1, description="The possible benefits, each with how likely it is where a source says.")
    harms: list[Outcome] = Field(min_length=1, description="The possible harms and downsides, each with how likely it is where a source says.")
    evidence: Id | None = Field(
        default=None,
        description="The id of the evidence summary (data/evidence.yml) whose label this option shows. Needed for every option but wait.",
    )
    certainty: Certainty = Field(description="How sure the research is: high, moderate, low, very-low, or unknown where no good studies exist.")
    certainty_note: Text = Field(description="Why the research is that sure, in a sentence.")
    coverage: Coverage = Field(
        description="Whether insurance usually pays: usually-covered, sometimes-covered, rarely-covered (you usually pay it all) or no-cost."
    )
    cost: Text = Field(description="What it costs, with prices as {fact-id} placeholders only where a source gives them.")
    cost_sources: list[Id] = Field(
        default_factory=list,
        validate_default=True,
        description="Ids of the sources (data/sources.yml) for what it costs and whether insurance pays. Needed unless coverage is no-cost.",
    )
    risks: list[Id] = Field(default_factory=list, description="Ids of the risks of the procedure (data/risks.yml), for options that are a procedure.")
    more: DocPath | None = Field(default=None, description="A page of this site with more about the option, like hip-pain/physical-therapy.md.")
    sources: SourceIds

    @field_validator("cost_sources")
    @classmethod
    def _cost_is_sourced(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("coverage", "no-cost") != "no-cost" and not value:
            raise rule_error(
                "What an option costs, and whether insurance pays, must name its sources.",
                "cost_sources: with ids from data/sources.yml, such as [medicare-pt]",
            )
        return value

    @model_validator(mode="after")
    def _evidence_unless_waiting(self) -> TreatmentOption:
        if self.kind != "wait" and self.evidence is None:
            raise rule_error(
                "A treatment option must show what the evidence says about it.",
                "evidence: with the id of a summary in data/evidence.yml",
            )
        if self.kind == "injection" and not self.risks:
            raise rule_error(
                "An injection must list its risks.",
                "risks: with ids from data/risks.yml, such as [infection, bleeding]",
            )
        return self


class Decision(Model):
    """A choice between treatments for one condition: a decision aid (data/decisions.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("condition", "question", "who_for", "not_for")

    id: Id
    page: Id = Field(description="The id of the page (data/pages.yml) that shows this decision aid.")
    worksheet: Id = Field(description="The id of the page (data/pages.yml) with the printable worksheet.")
    title: Text = Field(description="The decision's name, such as Hip arthritis: choosing a treatment.")
    condition: MarkdownText = Field(description="The health problem, in plain words: what it is and how it usually goes.")
    question: Text = Field(description="The decision itself, as a question the reader faces.")
    who_for: Text = Field(description="Who the decision aid is for.")
    not_for: Text = Field(description="Who should get help first instead, such as people with warning signs.")
    options: list[Id] = Field(min_length=3, description="Ids of the options (data/options.yml), in the order shown. One must be a wait option.")
    sources: SourceIds


class Value(Model):
    """Something that may matter to a person choosing a treatment (data/values.yml)."""

    id: Id
    statement: Text = Field(description="What matters, in the reader's own voice, such as I want to avoid surgery if I can.")
    decisions: list[Id] = Field(min_length=1, description="Ids of the decisions (data/decisions.yml) where the statement is offered.")


class ClinicQuestion(Model):
    """A question to ask a clinic before paying for treatment (data/clinic_questions.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("question", "why", "listen_for")

    id: Id
    group: QuestionGroup = Field(description="Where the question goes: product, proof, people, price, safety or choices.")
    question: Text = Field(description="The question, as the reader would ask it.")
    why: Text = Field(description="Why it matters.")
    listen_for: Text | None = Field(default=None, description="What a good answer, or a warning sign in the answer, sounds like.")
    sources: SourceIds


class AftercareTask(Model):
    """One thing to do in the first two days after treatment (data/first_days.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("task", "why", "only_if")

    id: Id
    task: Text = Field(description="What to do, as an instruction.")
    why: Text = Field(description="Why it matters.")
    only_if: Text | None = Field(default=None, description="When the task applies only to some people.")
    write_in: list[Text] = Field(default_factory=list, description="Labels of blanks to fill in on the printout, such as My clinic's phone number.")
    sources: SourceIds


class Risk(Model):
    """A risk of the injection itself, and the symptoms that show it (data/risks.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("what_happens", "how_likely")

    id: Id
    name: Text = Field(description="The risk's name, such as Infection.")
    what_happens: Text = Field(description="What it is, in a sentence or two.")
    how_likely: Text | None = Field(default=None, description="How likely it is, with any number as a {fact-id} placeholder. Leave out if no source says.")
    contexts: list[Id] = Field(min_length=1, description="Ids of the situations (data/contexts.yml) where the risk applies.")
    symptoms: list[Id] = Field(
        min_length=1,
        description="Ids of the symptoms (data/symptoms.yml) that show it, each shown with its own level of care. At least one must need help (not expected).",
    )
    sources: SourceIds


# ---------------------------------------------------------------------------
# Pictures: posed figures, and spots on a body outline
# ---------------------------------------------------------------------------

#: A direction in degrees, as on a clock face turned on its side: 0 points forward (the
#: way the figure faces), 90 straight up, 180 backward, -90 (or 270) straight down.
Direction = Annotated[float, Field(ge=-360, le=360, description="A direction in degrees: 0 forward, 90 up, 180 backward, -90 down.")]

#: Body parts of a posed figure, for `shorter`.
BodyPart = Literal[
    "trunk", "near_upper_arm", "near_forearm", "far_upper_arm", "far_forearm",
    "near_thigh", "near_shin", "far_thigh", "far_shin",
]


class Pose(Model):
    """One position of an exercise figure, as the direction of each body part.

    The figure is seen from the side and faces forward (0 degrees). "Near" limbs are
    on the side facing you and drawn darker; "far" limbs are behind the body.
    """

    says: Text = Field(description="The position in words, such as Lie on your back with your knees bent. Screen readers read it instead of the drawing.")
    trunk: Direction = Field(description="From the hips to the shoulders: 90 sitting or standing up straight, 0 or 180 lying down.")
    head: Direction | None = Field(default=None, description="From the neck to the top of the head. Leave out to follow the trunk.")
    near_arm: tuple[Direction, Direction] = Field(description="[upper arm, forearm] directions of the arm nearest you.")
    far_arm: tuple[Direction, Direction] = Field(description="[upper arm, forearm] directions of the other arm.")
    near_leg: tuple[Direction, Direction] = Field(description="[thigh, shin] directions of the leg nearest you.")
    far_leg: tuple[Direction, Direction] = Field(description="[thigh, shin] directions of the other leg.")
    near_foot: Direction | None = Field(default=None, description="From heel to toes, for the leg nearest you. Leave out for a foot at a right angle to the shin.")
    far_foot: Direction | None = Field(default=None, description="From heel to toes, for the other leg. Leave out for a foot at a right angle to the shin.")
    shorter: dict[BodyPart, Annotated[float, Field(ge=0.2, le=1)]] = Field(
        default_factory=dict,
        description="Body parts that point toward you, with how much of their length shows (0.2 to 1), such as near_thigh: 0.5.",
    )


class ExerciseFigure(Model):
    """The start and end positions of an exercise, drawn side by side."""

    setting: Literal["floor", "chair", "holding-chair"] = Field(
        default="floor",
        description="floor (on a mat or the floor, standing or lying), chair (a chair is drawn under the hips of the start position) "
        "or holding-chair (standing, holding the back of a chair: it is drawn under the hand of the arm nearest you).",
    )
    keep_still: Literal["hips", "feet"] = Field(default="hips", description="The part that stays in place, so the two drawings line up: hips or feet.")
    start: Pose
    end: Pose


class Spot(Model):
    """A place on the body outline: an oval on the front or back view."""

    view: Literal["front", "back"] = Field(description="front or back: which drawing of the body it is on. On the front view the person's right side is on your left.")
    x: Annotated[float, Field(ge=0, le=200)] = Field(description="Across, from 0 (left edge) to 200 (right edge); the middle of the body is 100.")
    y: Annotated[float, Field(ge=0, le=400)] = Field(description="Down, from 0 (top of the head) to 400 (the feet); the hips are near 230.")
    width: Annotated[float, Field(ge=8, le=120)] = Field(default=28, description="How wide the oval is (8 to 120).")
    height: Annotated[float, Field(ge=8, le=200)] = Field(default=28, description="How tall the oval is (8 to 200).")


class PainArea(Model):
    """A place where hip or back pain is felt, on the body map (data/pain_areas.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("felt", "causes", "what_to_do")

    id: Id
    name: Text = Field(description="Where it hurts, in everyday words, such as Groin and front of the hip.")
    felt: Text = Field(description="What pain here is often like, in a sentence.")
    causes: list[Text] = Field(min_length=1, description="What commonly causes pain here, one cause per entry, most common first.")
    what_to_do: MarkdownText = Field(description="What to do about it, with links to the pages that help.")
    symptoms: list[Id] = Field(default_factory=list, description="Ids of warning signs (data/symptoms.yml) to watch for with pain here; each is shown with its level of care.")
    spot: Spot
    sources: SourceIds


class TreatmentSite(Model):
    """A place where cells are collected or injected, on the treatment-day diagram (data/treatment_sites.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("what_happens",)

    id: Id
    role: Literal["collect", "inject"] = Field(description="collect (cells are taken from here) or inject (cells are put in here).")
    name: Text = Field(description="The place, in everyday words, such as The back of the hip bone.")
    what_happens: Text = Field(description="What is done there, in a sentence or two.")
    spot: Spot
    sources: SourceIds


class Exercise(Model):
    """A home exercise or stretch (data/exercises.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("purpose", "not_for", "steps", "dose", "stop_if")

    id: Id
    name: Name = Field(description="The exercise's name, as therapists call it (it may hold digits, as in a 90/90 stretch).")
    purpose: Text = Field(description="What it is for.")
    not_for: Text = Field(description="Who must not do it, or must ask first: shown as a warning before the steps.")
    steps: list[Text] = Field(min_length=2, description="How to do it, one step per entry, in order.")
    dose: Text = Field(description="How many and how often, with numbers as {fact-id} placeholders.")
    stop_if: Text = Field(description="When to stop and get advice.")
    figure: ExerciseFigure = Field(description="The start and end positions, drawn from the directions of each body part.")
    topics: list[Id] = Field(min_length=1, description="Ids of the topics whose pages show it.")
    sources: SourceIds


class Notice(Model):
    """A standard notice, such as the disclaimer (data/notices.yml)."""

    id: Literal["disclaimer", "emergency", "report-harm", "funding"] = Field(description="disclaimer, emergency, report-harm or funding (who pays for the guide).")
    title: Text = Field(description="The notice's heading.")
    body: MarkdownText = Field(description="The notice's text.")


@dataclass(frozen=True)
class DataFile:
    """A data file: its name, the model of its items, and what one item is called."""

    name: str
    model: type[Model]
    noun: str


FILES: tuple[DataFile, ...] = (
    DataFile("sources", Source, "source"),
    DataFile("facts", Fact, "fact"),
    DataFile("pages", Page, "page"),
    DataFile("topics", Topic, "topic"),
    DataFile("faqs", Faq, "FAQ"),
    DataFile("care_levels", CareLevel, "care level"),
    DataFile("symptoms", Symptom, "symptom"),
    DataFile("care_tips", CareTip, "care tip"),
    DataFile("timelines", Timeline, "timeline"),
    DataFile("phases", Phase, "phase"),
    DataFile("session_steps", SessionStep, "session step"),
    DataFile("preparation", PrepTask, "preparation task"),
    DataFile("glossary", GlossaryTerm, "glossary term"),
    DataFile("evidence", Evidence, "evidence summary"),
    DataFile("claims", Claim, "claim"),
    DataFile("notices", Notice, "notice"),
    DataFile("contexts", Context, "situation"),
    DataFile("red_flags", RedFlag, "red flag"),
    DataFile("region", Region, "region"),
    DataFile("reviewers", Reviewer, "reviewer"),
    DataFile("risks", Risk, "risk"),
    DataFile("options", TreatmentOption, "treatment option"),
    DataFile("decisions", Decision, "decision"),
    DataFile("values", Value, "value"),
    DataFile("clinic_questions", ClinicQuestion, "clinic question"),
    DataFile("first_days", AftercareTask, "aftercare task"),
    DataFile("exercises", Exercise, "exercise"),
    DataFile("pain_areas", PainArea, "pain area"),
    DataFile("treatment_sites", TreatmentSite, "treatment site"),
)

#: A field with one of these names always holds ids from the named file.
REFERENCE_FIELDS: dict[str, str] = {
    "sources": "sources",
    "source": "sources",
    "claimed_by": "sources",
    "topic": "topics",
    "topics": "topics",
    "page": "pages",
    "timeline": "timelines",
    "lasts": "facts",
    "explained_on": "pages",
    "contexts": "contexts",
    "context": "contexts",
    "signs": "red_flags",
    "pages": "pages",
    "evidence": "evidence",
    "risks": "risks",
    "symptoms": "symptoms",
    "options": "options",
    "decisions": "decisions",
    "worksheet": "pages",
    "exercises": "exercises",
}

#: Placeholders filled from data/region.yml: {emergency-number} and {report-harm}.
REGION_PLACEHOLDERS: tuple[str, ...] = ("emergency-number", "report-harm")


@dataclass(frozen=True)
class SiteData:
    """Every data file, validated: items in file order, with indexes by id and by field.

    Pages look items up many times per build, so lookups are dictionary reads, built
    once: a build's cost grows with the data, not with pages times items.
    """

    items: dict[str, tuple[Model, ...]]
    #: The line where each item starts, by (file name, id): for messages about the build.
    lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False)
    _by_id: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _groups: dict[tuple[str, str], dict[Any, tuple[Any, ...]]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, items in self.items.items():
            self._by_id[name] = {str(getattr(item, "id", "")): item for item in items}

    def all(self, name: str) -> tuple[Any, ...]:
        """Items of one file, in the order they are written."""
        return self.items[name]

    def get(self, name: str, item_id: str) -> Any:
        """One item by id; KeyError with the known ids when it does not exist."""
        found = self._by_id[name].get(item_id)
        if found is None:
            known = ", ".join(self._by_id[name])
            raise KeyError(f'No {name} item with id "{item_id}" in data/{name}.yml. Known ids: {known}')
        return found

    def has(self, name: str, item_id: str) -> bool:
        """Whether a file has an item with this id."""
        return item_id in self._by_id[name]

    def ids(self, name: str) -> list[str]:
        return list(self._by_id[name])

    def line(self, name: str, item_id: str) -> int:
        """The line of data/<name>.yml where an item starts (1 when unknown)."""
        return self.lines.get((name, item_id), 1)

    @property
    def region(self) -> Region:
        """The one region the site is written for (data/region.yml)."""
        return self.items["region"][0]  # type: ignore[return-value]

    def where(self, name: str, attribute: str, value: Any) -> tuple[Any, ...]:
        """Items of a file whose field equals `value` (or, for a list field, contains it), in order."""
        key = (name, attribute)
        if key not in self._groups:
            groups: dict[Any, list[Any]] = {}
            for item in self.items[name]:
                found = getattr(item, attribute)
                for one in found if isinstance(found, (list, tuple)) else (found,):
                    groups.setdefault(one, []).append(item)
            self._groups[key] = {group: tuple(members) for group, members in groups.items()}
        return self._groups[key].get(value, ())


# ---------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------


def load_site_data(data_dir: Path, docs_dir: Path | None = None) -> SiteData:
    """Load and validate every data file; raise DataError listing every problem found.

    Python's garbage collector is paused while loading: the loader makes many small
    objects that all live on, and collections triggered by them walk every object made
    so far, which made loading grow faster than the data (measured by make bench).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_site_data(data_dir, docs_dir)
    finally:
        if paused:
            gc.enable()


def _load_site_data(data_dir: Path, docs_dir: Path | None) -> SiteData:
    root = data_dir.parent
    problems: list[Problem] = []
    loaded: dict[str, LoadedFile] = {}
    models: dict[str, tuple[Model, ...]] = {}

    expected_names = {spec.name for spec in FILES}
    for extra in sorted(data_dir.glob("*.y*ml")):
        if extra.stem not in expected_names or extra.suffix != ".yml":
            problems.append(
                Problem(
                    file=extra.relative_to(root).as_posix(),
                    position=Position(1, 1),
                    field="(file name)",
                    problem="The site does not know this data file.",
                    expected="one of: " + ", ".join(f"{name}.yml" for name in sorted(expected_names)),
                    found=extra.name,
                )
            )

    for spec in FILES:
        path = data_dir / f"{spec.name}.yml"
        if not path.exists():
            problems.append(
                Problem(
                    file=path.relative_to(root).as_posix(),
                    position=Position(1, 1),
                    field="(whole file)",
                    problem="The data file is missing.",
                    expected=f"a file {spec.name}.yml holding a list of {spec.noun} items",
                    found="no file",
                )
            )
            continue
        try:
            loaded[spec.name] = load_file(path, root)
        except DataError as error:
            problems.extend(error.problems)
            continue
        items, item_problems = _validate_file(spec, loaded[spec.name])
        problems.extend(item_problems)
        if not item_problems:
            models[spec.name] = items

    if problems:
        raise DataError(problems)

    models["phases"], start_problems = resolve_phase_starts(models["phases"], loaded["phases"])
    problems.extend(start_problems)
    if problems:
        raise DataError(problems)
    problems.extend(cross_check(models, loaded, docs_dir))
    if problems:
        raise DataError(problems)
    lines = {
        (name, str(item.get("id"))): source.position((index,)).line
        for name, source in loaded.items()
        if isinstance(source.value, list)
        for index, item in enumerate(source.value)
        if isinstance(item, dict)
    }
    return SiteData(items=models, lines=lines)


def resolve_phase_starts(phases: tuple[Model, ...], source: LoadedFile) -> tuple[tuple[Model, ...], list[Problem]]:
    """Give each phase without a start the end of the phase above it in the same timeline."""
    resolved: list[Model] = []
    problems: list[Problem] = []
    last: dict[str, Phase] = {}
    for index, phase in enumerate(phases):
        assert isinstance(phase, Phase)
        if phase.start is None:
            before = last.get(phase.timeline)
            if before is None:
                problems.append(
                    Problem(
                        file=source.path,
                        position=source.position((index,)),
                        field=display_path((index, "start"), phase.id),
                        problem="The first phase of a timeline needs a start.",
                        expected="start: with a value and a unit, such as {min: 0, unit: day}",
                        found="no start",
                        line_text=_line(source, (index,)),
                    )
                )
                resolved.append(phase)
                continue
            phase = phase.model_copy(update={"start": before.end or before.span_start})
        last[phase.timeline] = phase
        resolved.append(phase)
    return tuple(resolved), problems


def _validate_file(spec: DataFile, loaded: LoadedFile) -> tuple[tuple[Model, ...], list[Problem]]:
    """Check each item of one file against its model."""
    if not isinstance(loaded.value, list):
        return (), [
            Problem(
                file=loaded.path,
                position=loaded.position(()),
                field="(whole file)",
                problem=f"The file should be a list of {spec.noun} items.",
                expected="items that each start with `- id:`",
                found=_describe(loaded.value),
                line_text=_line(loaded, ()),
            )
        ]
    # Item by item with the model's own validator, built when the class was defined: a
    # validator for the whole list would be built again in every process (60 ms, make bench).
    items: list[Model] = []
    errors: list[Any] = []
    for index, value in enumerate(loaded.value):
        try:
            items.append(spec.model.model_validate(value))
        except ValidationError as error:
            errors.extend({**detail, "loc": (index, *detail["loc"])} for detail in error.errors(include_url=False))
    if errors:
        return (), [_explain(spec, loaded, detail) for detail in _merge_typos(errors)]
    return tuple(items), []


def _merge_typos(details: list[Any]) -> list[Any]:
    """Drop "X is missing" when the same item has an unknown field that is a typo of X.

    A misspelled field produces two errors (unknown 'questoin', missing 'question');
    the editor needs only one: the unknown field, with its suggested spelling.
    """
    typos = {
        (tuple(d["loc"][:-1]), close)
        for d in details
        if d["type"] == "extra_forbidden"
        for close in difflib.get_close_matches(str(d["loc"][-1]), [str(m["loc"][-1]) for m in details if m["type"] == "missing"], n=1, cutoff=0.6)
    }
    return [d for d in details if not (d["type"] == "missing" and (tuple(d["loc"][:-1]), str(d["loc"][-1])) in typos)]


def _explain(spec: DataFile, loaded: LoadedFile, detail: dict[str, Any]) -> Problem:
    """Turn one pydantic error into a Problem an editor can act on."""
    loc: PathKey = tuple(detail["loc"])
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    value = detail.get("input")
    name = str(loc[-1]) if loc else ""
    item_label = _item_label(loaded, loc)

    if kind == "missing":
        problem = f'The field "{name}" is missing.'
        expected = f'a line "{name}: ..." in this {spec.noun}'
        found = "no such line"
    elif kind == "extra_forbidden":
        allowed = _fields_at(spec.model, loc[1:-1])
        problem = f'"{name}" is not a field of a {_noun_at(spec, loc)}.'
        expected = "one of: " + ", ".join(allowed) + _did_you_mean(name, allowed)
        found = name
    elif kind == "site_rule":
        problem = str(ctx.get("problem", detail["msg"]))
        expected = str(ctx.get("expected", ""))
        found = _describe(value)
    elif kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        problem = f'"{value}" is not an allowed value for "{name}".'
        expected = "one of: " + ", ".join(choices) + _did_you_mean(str(value), choices)
        found = _describe(value)
    elif kind in {"greater_than_equal", "greater_than"}:
        limit = ctx.get("ge", ctx.get("gt"))
        problem = "This number cannot be negative." if limit == 0 else "This number is too small."
        expected = f"a number of {_number(limit)} or more"
        found = _describe(value)
    elif kind in {"less_than_equal", "less_than"}:
        problem = "This number is too large."
        expected = f"a number of {_number(ctx.get('le', ctx.get('lt')))} or less"
        found = _describe(value)
    elif kind == "string_pattern_mismatch":
        problem, expected = _pattern_words(name, str(ctx.get("pattern", "")))
        found = _describe(value)
    else:
        problem, expected = _type_words(kind, name, detail["msg"], ctx)
        found = _describe(value)

    return Problem(
        file=loaded.path,
        position=loaded.position(loc),
        field=display_path(loc, item_label),
        problem=problem,
        expected=expected,
        found=found,
        line_text=_line(loaded, loc),
    )


_TYPE_WORDS: dict[str, str] = {
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list, with each entry on its own line starting with '- '",
    "model_type": "a group of fields, one 'name: value' per line",
    "model_attributes_type": "a group of fields, one 'name: value' per line",
    "dict_type": "a group of fields, one 'name: value' per line",
    "too_short": "at least one entry",
    "string_too_short": "some text",
}


def _type_words(kind: str, name: str, message: str, ctx: dict[str, Any]) -> tuple[str, str]:
    expected = _TYPE_WORDS.get(kind)
    if kind == "too_short":
        count = ctx.get("min_length", 1)
        expected = "at least one entry" if count == 1 else f"at least {count} entries"
        return f'"{name}" has too few entries.', expected
    if expected:
        return f'"{name}" has the wrong kind of value.', expected
    return message, "a value as described in the data guide"


def _pattern_words(name: str, pattern: str) -> tuple[str, str]:
    if pattern == ID_PATTERN:
        return (
            "An id may hold only lowercase letters, digits and dashes.",
            "an id like ice-after-treatment",
        )
    if pattern.startswith("^https"):
        return "This is not a full web address.", "a web address starting with https://"
    if pattern.startswith("^(material"):
        return "This is not an icon name.", "a Material icon name like material/snowflake"
    return f'"{name}" is not written in the expected form.', f"text matching {pattern}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    if isinstance(value, str):
        shown = value if len(value) <= 80 else value[:77] + "..."
        return f'"{shown}"'
    if isinstance(value, list):
        return f"a list of {len(value)} entries"
    if isinstance(value, dict):
        return "a group of fields: " + ", ".join(str(key) for key in value)
    return repr(value)


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f'. Did you mean "{close[0]}"?' if close else ""


def _line(loaded: LoadedFile, loc: PathKey) -> str | None:
    line = loaded.position(loc).line
    if 0 < line <= len(loaded.lines):
        return loaded.lines[line - 1]
    return None


def _item_label(loaded: LoadedFile, loc: PathKey) -> str | None:
    if loc and isinstance(loc[0], int) and isinstance(loaded.value, list) and loc[0] < len(loaded.value):
        item = loaded.value[loc[0]]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return item["id"]
    return None


def _model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel]:
    """The model class found by following field names in `loc` (list indexes skipped)."""
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            break
        inner = _inner_model(field.annotation)
        if inner is None:
            break
        current = inner
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is Annotated:
        return _inner_model(get_args(annotation)[0])
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _fields_at(model: type[BaseModel], loc: PathKey) -> list[str]:
    return list(_model_at(model, loc).model_fields)


def _noun_at(spec: DataFile, loc: PathKey) -> str:
    inner = _model_at(spec.model, loc[1:-1])
    return spec.noun if inner is spec.model else f"{spec.noun} {loc[-2]}" if len(loc) > 2 else spec.noun


# ---------------------------------------------------------------------------
# Rules that span files
# ---------------------------------------------------------------------------


def cross_check(
    models: dict[str, tuple[Model, ...]],
    loaded: dict[str, LoadedFile],
    docs_dir: Path | None,
) -> list[Problem]:
    """Check the rules that tie files together; return every problem found."""
    problems: list[Problem] = []
    ids = {name: [str(getattr(item, "id", "")) for item in items] for name, items in models.items()}

    def report(file: str, loc: PathKey, problem: str, expected: str, found: str) -> None:
        source = loaded[file]
        problems.append(
            Problem(
                file=source.path,
                position=source.position(loc),
                field=display_path(loc, _item_label(source, loc)),
                problem=problem,
                expected=expected,
                found=found,
                line_text=_line(source, loc),
            )
        )

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
    texts = {name: texts_in(source.value) for name, source in loaded.items()}
    for name, file_texts in texts.items():
        for loc, key, value in file_texts:
            target = REFERENCE_FIELDS.get(key)
            if target and value not in ids[target]:
                report(
                    name,
                    loc,
                    f'"{key}" refers to "{value}", which is not an id in {target}.yml.',
                    f"an id from data/{target}.yml" + _did_you_mean(value, ids[target]),
                    f'"{value}"',
                )
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
                + _did_you_mean(match.group(1), sorted(fact_ids)),
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
                    f"a start of {_words(phase.span_start)}",
                )
            earlier_end = earlier.end or earlier.span_start
            if phase.span_start.days("min") < earlier_end.days("min") - 1e-9 and not phase.overlaps_previous:
                report(
                    "phases",
                    (index, "start"),
                    f'This phase starts before "{earlier.id}" ends.',
                    "a start at or after the end of the phase above, or overlaps_previous: true",
                    f"a start of {_words(phase.span_start)}",
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
            _words(total.amount),
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
