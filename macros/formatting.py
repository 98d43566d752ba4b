"""Format facts one way everywhere: amounts as words, durations as ISO 8601, dates in full."""

from __future__ import annotations

import datetime as dt

from .fields import PLACEHOLDER, Amount
from .models import Fact, Phase, SiteData

#: Singular and plural words for each unit (English; a translation adds its own table).
UNIT_WORDS: dict[str, tuple[str, str]] = {
    "second": ("second", "seconds"),
    "minute": ("minute", "minutes"),
    "hour": ("hour", "hours"),
    "day": ("day", "days"),
    "week": ("week", "weeks"),
    "month": ("month", "months"),
    "year": ("year", "years"),
    "time": ("time", "times"),
}

#: Units written as a symbol after the number: 85%, 100.4°F.
SYMBOLS: dict[str, str] = {"percent": "%", "fahrenheit": "°F"}

#: Each unit in HTML's duration form ("2w", "3d", "90m"), and the smaller unit a fraction of
#: it is written in. Months and years have no fixed length, so HTML has no duration for them.
HTML_DURATION: dict[str, tuple[str, str | None, int]] = {
    "second": ("s", None, 1),
    "minute": ("m", "second", 60),
    "hour": ("h", "minute", 60),
    "day": ("d", "hour", 24),
    "week": ("w", "day", 7),
}

SMALL_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
)


def number(value: float) -> str:
    """1.0 → '1', 1.5 → '1.5'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def unit_word(unit: str, value: float) -> str:
    """The unit in the singular for exactly 1, otherwise the plural."""
    singular, plural = UNIT_WORDS[unit]
    return singular if value == 1 else plural


def dollars(value: float) -> str:
    """A price: 5156 → '$5,156', 897.5 → '$897.50'."""
    return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"


def format_amount(amount: Amount) -> str:
    """An amount in plain words: '1 to 3 days', 'every 3 to 4 hours', '100.4°F', '$350 to $1,700', '1 in 100'."""
    if amount.unit == "dollar":
        text = dollars(amount.min) if _single(amount) else f"{dollars(amount.min)} to {dollars(amount.high)}"
    elif amount.unit in ("in-100", "in-1000"):
        base = "100" if amount.unit == "in-100" else "1,000"
        value = number(amount.min) if _single(amount) else f"{number(amount.min)} to {number(amount.high)}"
        text = f"{value} in {base}"
    elif amount.unit in ("points-of-10", "points-of-100"):
        scale = amount.unit.removeprefix("points-of-")
        value = number(amount.min) if _single(amount) else f"{number(amount.min)} to {number(amount.high)}"
        text = f"{value} {'point' if _single(amount) and amount.min == 1 else 'points'} out of {scale}"
    elif amount.unit in SYMBOLS:
        symbol = SYMBOLS[amount.unit]
        low = f"{number(amount.min)}{symbol}"
        text = low if amount.max is None or amount.max == amount.min else f"{low} to {number(amount.max)}{symbol}"
    else:
        high = amount.high
        if amount.max is None or amount.max == amount.min:
            single = unit_word(amount.unit, 1) if amount.every and amount.min == 1 else None
            text = single or f"{number(amount.min)} {unit_word(amount.unit, amount.min)}"
        else:
            text = f"{number(amount.min)} to {number(high)} {unit_word(amount.unit, high)}"
    if amount.every:
        text = f"every {text}"
    if amount.per:
        text = f"{text} a {UNIT_WORDS[amount.per][0]}"
    if amount.at_least:
        text = f"at least {text}"
    elif amount.about:
        text = f"about {text}"
    return text


def format_date(value: dt.date, shows: str = "day") -> str:
    """'June 3, 2021', 'December 2024' or '2024', without a leading zero."""
    if shows == "year":
        return str(value.year)
    month = value.strftime("%B")
    if shows == "month":
        return f"{month} {value.year}"
    return f"{month} {value.day}, {value.year}"


def format_fact(fact: Fact) -> str:
    """The value of any fact as it appears in running text."""
    if fact.amount is not None:
        return format_amount(fact.amount)
    if fact.date is not None:
        return format_date(fact.date, fact.date_shows)
    return fact.phone or ""


def html_duration(value: float, unit: str) -> str | None:
    """A duration for a `<time datetime>`: 2 weeks -> '2w', 1.5 hours -> '90m'; None for months and years."""
    if unit not in HTML_DURATION:
        return None
    letter, smaller, per = HTML_DURATION[unit]
    if float(value).is_integer():
        return f"{int(value)}{letter}"
    if smaller is None:
        return None  # HTML has no fraction of a minute short of seconds; the site never needs one
    return html_duration(value * per, smaller)


def count_words(count: int) -> str:
    """Small counts as words ('three'), larger ones as digits."""
    return SMALL_NUMBER_WORDS[count] if 0 <= count < len(SMALL_NUMBER_WORDS) else str(count)


def _single(amount: Amount) -> bool:
    return amount.max is None or amount.max == amount.min


def format_span(start: Amount, end: Amount | None) -> str:
    """How long a phase lasts, counted from the timeline's start: '3 to 8 weeks', '6 months'."""
    if end is None:
        return format_amount(start)
    if start.min == 0 and _single(start):
        return format_amount(end)
    if _single(start) and _single(end) and start.unit == end.unit and not (start.about or end.about):
        return f"{number(start.min)} to {format_amount(end)}"
    return f"{format_amount(start)} to {format_amount(end)}"


def format_phase(phase: Phase) -> str:
    """A phase as a {placeholder} shows it: the span of time it covers."""
    return format_span(phase.span_start, phase.end)


def placeholder_values(data: SiteData) -> dict[str, str]:
    """What each {id} placeholder in data text becomes: facts and phase spans."""
    values = {fact.id: format_fact(fact) for fact in data.facts}
    values.update({phase.id: format_phase(phase) for phase in data.phases})
    values.update(region_values(data))
    return values


def region_values(data: SiteData) -> dict[str, str]:
    """The placeholders filled from data/region.yml, as plain text."""
    region = data.region
    return {"emergency-number": region.emergency_number, "report-harm": region.report_harm}


def region_markdown(data: SiteData) -> dict[str, str]:
    """The same placeholders as Markdown in rendered text: a number to call, a place to report."""
    region = data.region
    return {
        "emergency-number": f"[{region.emergency_number}](tel:{region.emergency_number})",
        "report-harm": f"[{region.report_harm}]({region.report_harm_url})",
    }


def glossary_tooltips(data: SiteData, facts: dict[str, str]) -> dict[str, str]:
    """Every glossary word (and its capitalised form) mapped to its plain meaning."""
    tooltips: dict[str, str] = {}
    for term in data.glossary:
        if not term.tooltip:
            continue
        meaning = PLACEHOLDER.sub(lambda match: facts[match.group(1)], term.meaning)
        for word in (term.term, *term.matches):
            for form in (word, word[:1].upper() + word[1:]):
                tooltips.setdefault(form, meaning)
    return tooltips


def phone_links(data: SiteData) -> dict[str, str]:
    """Phone numbers in data text become tel: links, so a phone can call them in one tap;
    the place to report harm becomes a link to it."""
    links = {fact.id: f"[{fact.phone}](tel:{fact.phone.replace(' ', '')})" for fact in data.facts if fact.phone}
    links.update(region_markdown(data))
    return links


def after_title(markdown: str, html: str) -> str:
    """Insert a block of HTML after the page's first-level heading (or at the top)."""
    if not html:
        return markdown
    lines = markdown.split("\n")
    at = next((index + 1 for index, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join([*lines[:at], "", html, "", *lines[at:]])
