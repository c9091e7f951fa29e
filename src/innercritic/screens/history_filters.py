"""The history browser's filter bar, read into a HistoryQuery (no Textual here:
plain values in, a query or a DateInputProblem out)."""

from __future__ import annotations

import re

from innercritic.engine.records import HistoryQuery

_WORD = re.compile(r"\w", re.UNICODE)


class DateInputProblem(ValueError):
    """A date in the filter bar that cannot be read; ``fields`` names the box(es) to fix."""

    def __init__(self, message: str, fields: tuple[str, ...]) -> None:
        super().__init__(message)
        self.fields = fields


def filters_query(*, search: str, kind: str, part: str, since: str, until: str) -> HistoryQuery:
    """What the filter bar says, as a HistoryQuery (no limit).

    Dates are read by services.input.day_bounds, as the shell's --from/--to are (YYYY-MM-DD, today, yesterday, 7d, 2w),
    so the shell and the app accept the same things; DateInputProblem otherwise."""
    from innercritic.errors import UsageProblem
    from innercritic.services.input import KINDS, day_bounds

    bounds: dict[str, str | None] = {"since": None, "until": None}
    for label, name, text in (("From", "since", since), ("To", "until", until)):
        value = text.strip()
        if not value:
            continue
        try:
            bounds[name] = day_bounds(**{name: value})[0 if name == "since" else 1]
        except UsageProblem as problem:
            raise DateInputProblem(f"{label}: {problem}", (name,)) from None
    if bounds["since"] and bounds["until"] and bounds["since"] > bounds["until"]:
        raise DateInputProblem(
            "The “from” date is after the “to” date, so nothing could match. Swap them?", ("since", "until")
        )
    words = search.strip()
    return HistoryQuery(
        since=bounds["since"], until=bounds["until"],
        kind=kind if kind in KINDS else None,
        part=part or None,
        search=words if _WORD.search(words) else None,
    )
