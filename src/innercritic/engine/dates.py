"""Times: stored as UTC ISO 8601 strings; filters typed by people in local dates."""

from __future__ import annotations

try:
    # The C classes that `datetime` itself hands out. On Python 3.11, datetime.py first
    # builds a pure-Python copy of all of them, then replaces it with these: importing
    # them directly skips that, which is a tenth of a quick shell command's start.
    from _datetime import date, datetime, time, timedelta, timezone
except ImportError:  # an interpreter without the C module
    from datetime import date, datetime, time, timedelta, timezone


class DateProblem(ValueError):
    pass


# Times a journal accepts from outside (an import): anything else is a mistake or a trap,
# and years near 1 or 9999 cannot even be shown in every time zone.
EARLIEST_YEAR = 1970
LATEST_YEAR = 2200


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def stored_time(text: str) -> str:
    """An ISO 8601 time with a zone, as the journal stores times: UTC, to the millisecond
    (so date filters, which compare these strings, file it on the right day).

    DateProblem when it is not such a time or falls outside EARLIEST_YEAR..LATEST_YEAR."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise DateProblem("is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise DateProblem("has no time zone")
    try:
        utc = moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        utc = None
    if utc is None or not EARLIEST_YEAR <= utc.year <= LATEST_YEAR:
        raise DateProblem(f"is outside the years {EARLIEST_YEAR} to {LATEST_YEAR}")
    return utc.isoformat(timespec="milliseconds")


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


def moment_utc(moment: datetime) -> str:
    """A local moment (naive: in this computer's zone) as the journal stores times."""
    return _local_to_utc_iso(moment.astimezone())


def start_of_day_utc(day: date) -> str:
    return _local_to_utc_iso(datetime.combine(day, time.min).astimezone())


def end_of_day_utc(day: date) -> str:
    return _local_to_utc_iso(datetime.combine(day, time.max).astimezone())


def to_local(iso: str) -> datetime | None:
    """The stored time in the local zone; None for one that cannot be read or shown here
    (a damaged row, or a year near 1 or 9999 that an old import let in)."""
    try:
        return datetime.fromisoformat(iso).astimezone()
    except (TypeError, ValueError, OverflowError):
        return None


def local_day(iso: str) -> date | None:
    moment = to_local(iso)
    return None if moment is None else moment.date()


DEFAULT_DISPLAY = "%a %d %b %Y %H:%M"
_display = [DEFAULT_DISPLAY]  # config's date_format, set once at start (preferences.py)


def set_display_format(pattern: str | None) -> None:
    """How friendly() writes times from now on (a strftime pattern; None: the default)."""
    _display[0] = pattern or DEFAULT_DISPLAY


def friendly(iso: str) -> str:
    """'Sun 22 Nov 2026 14:05' in local time, or in config's date_format (an unreadable
    time is shown as stored)."""
    moment = to_local(iso)
    if moment is None:
        shown = "".join(ch for ch in str(iso) if ch.isprintable())[:32]
        return f"{shown} (as stored)"
    try:
        return moment.strftime(_display[0])
    except ValueError:  # a pattern this platform's strftime refuses
        return moment.strftime(DEFAULT_DISPLAY)
