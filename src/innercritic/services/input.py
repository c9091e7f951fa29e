"""Reading what a person typed, the same way in both faces, with no journal involved:
safe for screens to call (services/entries.py, which opens the journal, builds on it).
"""

from __future__ import annotations

from innercritic.engine import dates
from innercritic.errors import UsageProblem

KINDS = ("dialogue", "checkin")  # the kinds of entry a listing can be narrowed to


def day_bounds(
    since: str | None = None, until: str | None = None, on: str | None = None,
) -> tuple[str | None, str | None]:
    """--from/--to/--on as UTC moments: the start of what --from names and the end of what --to
    names (a day, or a time of day), --on one whole day. The forms people type (2026-11-20,
    2026/11/20, today, 7d, 3m, last monday, 2 weeks ago, 14:30) are read by engine.when;
    UsageProblem when one cannot be read."""
    if on is not None and (since or until):
        raise UsageProblem("--on is one day; use it without --from and --to")
    if on is None and not since and not until:
        return None, None
    from innercritic.engine import when  # the natural-language forms import their library only when typed

    try:
        if on is not None:
            first, last = when.parse_on(on)
            return dates.moment_utc(first), dates.moment_utc(last)
        since_iso = dates.moment_utc(when.parse_moment(since)) if since else None
        until_iso = dates.moment_utc(when.parse_moment(until, end=True)) if until else None
    except dates.DateProblem as exc:
        name = "--on" if on is not None else "--from/--to"
        raise UsageProblem(f"{name}: {exc}") from None
    return since_iso, until_iso
