"""Field types shared by the models: ids, texts that keep numbers in facts, dates, paths,
amounts of time, and the base of every model. Each type carries its editor-facing rule."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

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


@dataclass(frozen=True)
class RefersTo:
    """Declares that a field holds ids of items in another data file (`file`, its name).

    rules.check_references reads these declarations from the models: the build stops when
    such an id names no item, with the file's known ids and the closest one.
    """

    file: str


SourceId = Annotated[Id, RefersTo("sources")]
PageId = Annotated[Id, RefersTo("pages")]
TopicId = Annotated[Id, RefersTo("topics")]
TimelineId = Annotated[Id, RefersTo("timelines")]
FactId = Annotated[Id, RefersTo("facts")]
ContextId = Annotated[Id, RefersTo("contexts")]
RedFlagId = Annotated[Id, RefersTo("red_flags")]
EvidenceId = Annotated[Id, RefersTo("evidence")]
RiskId = Annotated[Id, RefersTo("risks")]
SymptomId = Annotated[Id, RefersTo("symptoms")]
OptionId = Annotated[Id, RefersTo("options")]
DecisionId = Annotated[Id, RefersTo("decisions")]
ExerciseId = Annotated[Id, RefersTo("exercises")]
SourceIds = Annotated[list[SourceId], Field(min_length=1, description="Ids of the sources in data/sources.yml that back this item.")]

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
                f"The largest value ({number_text(value)}) is smaller than the smallest ({number_text(low)}).",
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


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def words_of(amount: Amount) -> str:
    """An amount in words for error messages, such as '6 to 8 weeks'."""
    value = number_text(amount.min) if amount.max in (None, amount.min) else f"{number_text(amount.min)} to {number_text(amount.high)}"
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
