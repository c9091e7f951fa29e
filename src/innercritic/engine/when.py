"""What people type for --from, --to and --on, read as a local moment.

The quick forms are read here, without any library: `today`, `yesterday`, `2026-11-20`,
`2026/11/20`, `7d`, `2w`, `3m` (months), `1y`, a time of day (`9:30`, `14:00`, `9am`) and
`2026-11-20 14:00`. Anything else (`last monday`, `2 weeks ago`, `yesterday 9pm`) goes to
dateparser, imported only then: it costs a tenth of a second to load, which a plain
`history --from 7d` never pays (tests/test_import_hygiene.py checks).

A day means the whole day: from its first moment for --from, to its last for --to. A form
with a time of day means that moment.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .dates import DateProblem

ACCEPTED = (
    "YYYY-MM-DD or YYYY/MM/DD, today, yesterday, 7d, 2w, 3m, 1y (days, weeks, months, years ago), "
    "a time of day such as 9:30 or 9pm, or words such as 'last monday' and '2 weeks ago'"
)
# The quick forms are read without `re` or strptime (which loads `re`): the listing path
# keeps its start-up small (tests/test_import_hygiene.py).
_HAS_CLOCK = r"\d:\d\d|\d\s*(am|pm)\b|\bnoon\b|\bmidnight\b"
MAX_TEXT = 60


def parse_moment(text: str, *, end: bool = False, now: datetime | None = None) -> datetime:
    """The naive local moment `text` names: a day's first moment (its last with `end`),
    or the moment itself for a form with a time of day. DateProblem lists the forms."""
    now = now or datetime.now()
    value = " ".join(text.strip().lower().split())
    if not value or len(value) > MAX_TEXT or not value.isprintable():
        raise _problem(text)
    day = _quick_day(value, now.date())
    if day is not None:
        return datetime.combine(day, time.max if end else time.min)
    moment = _quick_moment(value, now)
    if moment is not None:
        return moment
    return _natural(value, text, end=end, now=now)


def parse_on(text: str, now: datetime | None = None) -> tuple[datetime, datetime]:
    """(first moment, last moment) of the day `text` names, for --on."""
    start = parse_moment(text, now=now)
    day = start.date()
    return datetime.combine(day, time.min), datetime.combine(day, time.max)


def _digits(text: str, most: int) -> bool:
    return 0 < len(text) <= most and text.isascii() and text.isdigit()


def _quick_day(value: str, today: date) -> date | None:
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    count, unit = value[:-1], value[-1:]
    if unit in ("d", "w", "m", "y") and _digits(count, 4):
        number = int(count)
        if unit == "d":
            return _safe(lambda: today - timedelta(days=number))
        if unit == "w":
            return _safe(lambda: today - timedelta(weeks=number))
        return _months_back(today, number * (12 if unit == "y" else 1))
    if len(value) == 10 and value[4] == value[7] and value[4] in "-/":
        try:
            return date.fromisoformat(value.replace("/", "-"))
        except ValueError:
            raise _problem(value) from None  # shaped like a date, but no such day: never guessed at
    return None


def _quick_moment(value: str, now: datetime) -> datetime | None:
    clock = _clock(value)
    if clock is not None:
        return datetime.combine(now.date(), clock)
    day, space, at = value.replace("t", " ", 1).partition(" ")
    if space and len(day) == 10 and day[4] == day[7] and day[4] in "-/":
        clock = _clock(at)
        try:
            found = date.fromisoformat(day.replace("/", "-"))
        except ValueError:
            return None
        return None if clock is None else datetime.combine(found, clock)
    return None


def _clock(value: str) -> time | None:
    """9:30, 14:00, 9am, 9:30pm (a bare number is not a time)."""
    half = value[-2:] if value[-2:] in ("am", "pm") else ""
    body = value[: len(value) - len(half)].strip()
    hours, colon, minutes = body.partition(":")
    if not _digits(hours, 2) or (colon and not (len(minutes) == 2 and _digits(minutes, 2))) or not (colon or half):
        return None
    hour, minute = int(hours), int(minutes or 0)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _natural(value: str, typed: str, *, end: bool, now: datetime) -> datetime:
    import dateparser  # only here: see the module's docstring

    found = dateparser.parse(
        value, languages=["en"],
        settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": now, "RETURN_AS_TIMEZONE_AWARE": False},
    )
    if found is None:
        raise _problem(typed)
    import re

    if re.search(_HAS_CLOCK, value):
        return found
    return datetime.combine(found.date(), time.max if end else time.min)


def _months_back(today: date, months: int) -> date | None:
    total = today.year * 12 + (today.month - 1) - months
    year, month = divmod(total, 12)
    if year < 1:
        return None
    month += 1
    for day in range(today.day, 27, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, min(today.day, 28))


def _safe(compute) -> date | None:
    try:
        return compute()
    except OverflowError:
        return None


def _problem(text: str) -> DateProblem:
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)[:30]
    return DateProblem(f"'{shown}' is not a date I understand; use {ACCEPTED}")
