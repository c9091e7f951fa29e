"""Issue 16, dates people type: the quick forms without a library, the rest through
dateparser, and one message listing every accepted form."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from innercritic.engine.dates import DateProblem
from innercritic.engine.when import ACCEPTED, parse_moment, parse_on

NOW = datetime(2026, 12, 2, 16, 30)  # a Wednesday


@pytest.mark.parametrize(
    "typed, start",
    [
        ("today", datetime(2026, 12, 2)), ("yesterday", datetime(2026, 12, 1)), ("7d", datetime(2026, 11, 25)),
        ("2w", datetime(2026, 11, 18)), ("3m", datetime(2026, 9, 2)), ("1y", datetime(2025, 12, 2)),
        ("2026-11-20", datetime(2026, 11, 20)), ("2026/11/20", datetime(2026, 11, 20)),
        ("9:30", datetime(2026, 12, 2, 9, 30)), ("9pm", datetime(2026, 12, 2, 21, 0)),
        ("12am", datetime(2026, 12, 2, 0, 0)), ("2026-11-20 14:05", datetime(2026, 11, 20, 14, 5)),
        ("last monday", datetime(2026, 11, 30)), ("2 weeks ago", datetime(2026, 11, 18)),
        ("Yesterday  9PM", datetime(2026, 12, 1, 21, 0)),
    ],
)
def test_forms_people_type(typed, start):
    assert parse_moment(typed, now=NOW) == start


def test_a_day_ends_at_its_last_moment_for_to_and_a_time_is_that_moment():
    assert parse_moment("2026/11/20", end=True, now=NOW) == datetime.combine(datetime(2026, 11, 20).date(), time.max)
    assert parse_moment("last monday", end=True, now=NOW).time() == time.max
    assert parse_moment("9:30", end=True, now=NOW) == datetime(2026, 12, 2, 9, 30)


def test_months_back_stay_in_the_month():
    assert parse_moment("1m", now=datetime(2026, 3, 31)) == datetime(2026, 2, 28)
    assert parse_moment("1y", now=datetime(2028, 2, 29)) == datetime(2027, 2, 28)


def test_on_is_the_whole_day():
    first, last = parse_on("yesterday", now=NOW)
    assert first == datetime(2026, 12, 1) and last.date() == first.date() and last.time() == time.max


@pytest.mark.parametrize("typed", ["bogus", "25:00", "2026-13-01", "", "x" * 100, "\x1b[31m"])
def test_anything_else_lists_the_accepted_forms(typed):
    with pytest.raises(DateProblem) as problem:
        parse_moment(typed, now=NOW)
    assert ACCEPTED in str(problem.value) and "\x1b" not in str(problem.value)
