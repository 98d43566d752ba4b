"""Amounts, dates and durations are written one way everywhere."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.fields import Amount
from macros.formatting import count_words, format_amount, format_date, format_fact, format_span, html_duration
from macros.models import Fact


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ({"min": 1, "max": 3, "unit": "day"}, "1 to 3 days"),
        ({"min": 1, "unit": "day"}, "1 day"),
        ({"min": 2, "unit": "week"}, "2 weeks"),
        ({"min": 1.5, "max": 3, "unit": "hour"}, "1.5 to 3 hours"),
        ({"min": 1, "unit": "hour", "every": True}, "every hour"),
        ({"min": 3, "max": 4, "unit": "hour", "every": True}, "every 3 to 4 hours"),
        ({"min": 2, "max": 3, "unit": "day", "per": "week"}, "2 to 3 days a week"),
        ({"min": 1, "unit": "week", "at_least": True}, "at least 1 week"),
        ({"min": 6, "max": 8, "unit": "week", "about": True}, "about 6 to 8 weeks"),
        ({"min": 85, "unit": "percent"}, "85%"),
        ({"min": 100.4, "unit": "fahrenheit"}, "100.4°F"),
        ({"min": 99, "max": 100.4, "unit": "fahrenheit"}, "99°F to 100.4°F"),
        ({"min": 350, "max": 1700, "unit": "dollar"}, "$350 to $1,700"),
        ({"min": 897.5, "unit": "dollar"}, "$897.50"),
        ({"min": 1, "unit": "in-100"}, "1 in 100"),
        ({"min": 2, "max": 5, "unit": "in-1000", "about": True}, "about 2 to 5 in 1,000"),
        ({"min": 1, "unit": "points-of-10"}, "1 point out of 10"),
        ({"min": 15, "unit": "points-of-100"}, "15 points out of 100"),
        ({"min": 8, "max": 12, "unit": "time"}, "8 to 12 times"),
        ({"min": 1, "max": 1, "unit": "week"}, "1 week"),
    ],
)
def test_amounts_in_words(amount: dict, text: str) -> None:
    assert format_amount(Amount(**amount)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"amount": {"min": 1, "max": 3, "unit": "day"}}, "1 to 3 days"),
        ({"date": "2021-06-03"}, "June 3, 2021"),
        ({"date": "2024-12-18", "date_shows": "month"}, "December 2024"),
        ({"phone": "0100 200 300"}, "0100 200 300"),
    ],
)
def test_a_fact_shows_its_one_value(value: dict, text: str) -> None:
    assert format_fact(Fact(id="x", about="A test fact", sources=["s"], **value)) == text


def test_dates_are_written_in_full() -> None:
    assert format_date(dt.date(2021, 6, 3)) == "June 3, 2021"
    assert format_date(dt.date(2024, 12, 18), "month") == "December 2024"
    assert format_date(dt.date(2024, 12, 18), "year") == "2024"


@pytest.mark.parametrize(
    ("value", "unit", "duration"),
    [
        (30, "minute", "30m"),
        (1.5, "hour", "90m"),
        (3, "day", "3d"),
        (2, "week", "2w"),
        (0.5, "week", "84h"),
        (6, "month", None),
        (1, "year", None),
    ],
)
def test_durations_in_the_form_html_accepts(value: float, unit: str, duration: str | None) -> None:
    """HTML's `<time datetime>` has no weeks in its ISO form and no months at all."""
    assert html_duration(value, unit) == duration


def test_spans_of_phases() -> None:
    zero, three_days = Amount(min=0, unit="day"), Amount(min=3, unit="day")
    assert format_span(zero, three_days) == "3 days"
    assert format_span(Amount(min=3, unit="week"), Amount(min=8, unit="week")) == "3 to 8 weeks"
    assert format_span(three_days, Amount(min=2, unit="week")) == "3 days to 2 weeks"
    assert format_span(Amount(min=6, unit="month"), None) == "6 months"


def test_small_counts_are_words() -> None:
    assert [count_words(n) for n in (0, 3, 10, 12)] == ["zero", "three", "ten", "12"]


def test_time_labels_of_phases() -> None:
    from macros.timeline import when_parts

    def label(start: Amount, end: Amount | None, visit: bool = False) -> str:
        return "".join(part.text for part in when_parts(start, end, "after treatment", visit))

    zero = Amount(min=0, unit="day")
    assert label(zero, Amount(min=3, unit="day")) == "First 3 days after treatment"
    assert label(zero, Amount(min=1, unit="week")) == "First week after treatment"
    assert label(zero, Amount(min=6, max=8, unit="week", about=True)) == "Up to about 6 to 8 weeks after treatment"
    assert label(Amount(min=2, unit="week"), Amount(min=6, unit="week")) == "2 to 6 weeks after treatment"
    assert label(Amount(min=6, unit="month"), None, visit=True) == "6 months after treatment"
    assert label(Amount(min=2, unit="month"), None) == "From 2 months after treatment onward"
    assert label(zero, None, visit=True) == "At the start"
