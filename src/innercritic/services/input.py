"""Reading what a person typed, the same way in both faces, with no journal involved:
safe for screens to call (services/entries.py, which opens the journal, builds on it).
"""

from __future__ import annotations

from innercritic.engine import dates
from innercritic.errors import UsageProblem

KINDS = ("dialogue", "checkin")  # the kinds of entry a listing can be narrowed to


def day_bounds(since: str | None = None, until: str | None = None) -> tuple[str | None, str | None]:
    """--from/--to (YYYY-MM-DD, today, yesterday, 7d, 2w) as the UTC start of the first day
    and end of the last; UsageProblem when one cannot be read."""
    try:
        since_iso = dates.start_of_day_utc(dates.parse_day(since)) if since else None
        until_iso = dates.end_of_day_utc(dates.parse_day(until)) if until else None
    except dates.DateProblem as exc:
        raise UsageProblem(str(exc)) from None
    return since_iso, until_iso
