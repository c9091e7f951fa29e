"""Times: stored as UTC ISO 8601 strings; filters typed by people in local dates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone


class DateProblem(ValueError):
    pass


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def parse_day(text: str, today: date | None = None) -> date:
    """'2026-11-20', 'today', 'yesterday', '7d' (seven days ago), '2w'."""
    value = text.strip().lower()
    today = today or date.today()
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    count, unit = value[:-1], value[-1:]
    if unit in ("d", "w") and 0 < len(count) <= 5 and count.isascii() and count.isdigit():
        return today - timedelta(days=int(count) * (7 if unit == "w" else 1))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DateProblem(
            f"'{text}' is not a date I understand; use YYYY-MM-DD, today, yesterday or a number of days like 7d"
        ) from None


def _local_to_utc_iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def start_of_day_utc(day: date) -> str:
    return _local_to_utc_iso(datetime.combine(day, time.min).astimezone())


def end_of_day_utc(day: date) -> str:
    return _local_to_utc_iso(datetime.combine(day, time.max).astimezone())


def to_local(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone()


def local_day(iso: str) -> date:
    return to_local(iso).date()


def friendly(iso: str) -> str:
    """'Sun 22 Nov 2026 14:05' in local time."""
    return to_local(iso).strftime("%a %d %b %Y %H:%M")
