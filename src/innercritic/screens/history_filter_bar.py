"""The history browser's filter bar: the search box, the kind and part choices and the
from and to dates. history_filters.py reads what it says into a HistoryQuery; the screen
(history.py) decides when to.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from innercritic.engine.records import HistoryQuery
from innercritic.textsafe import one_line

from .history_filters import DateInputProblem, filters_query

_KIND_CHOICES = (("All kinds", "all"), ("Dialogues", "dialogue"), ("Check-ins", "checkin"))
_ANY_PART = ""
DATE_BOXES = ("history-from", "history-to")


class FilterBar(Horizontal):
    """Search words, kind, part, from and to, on one line (two when the screen is narrow)."""

    def __init__(self, part_names: Iterable[str]) -> None:
        super().__init__(id="history-filters")
        self.part_names = tuple(part_names)

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search words…", id="history-search", compact=True)
        with Horizontal(id="history-narrowing"):
            yield Select(_KIND_CHOICES, value="all", allow_blank=False, id="history-kind", compact=True)
            yield Select(
                [(Text("Any part"), _ANY_PART), *((Text(one_line(name, 30)), name) for name in self.part_names)],
                value=_ANY_PART, allow_blank=False, id="history-part", compact=True,
            )
            yield Input(placeholder="from: 7d", id="history-from", compact=True)
            yield Input(placeholder="to: today", id="history-to", compact=True)

    def values(self) -> dict[str, str]:
        kind = self.query_one("#history-kind", Select).value
        part = self.query_one("#history-part", Select).value
        return dict(
            search=self.query_one("#history-search", Input).value,
            kind=kind if isinstance(kind, str) else "all",
            part=part if isinstance(part, str) else _ANY_PART,
            since=self.query_one("#history-from", Input).value,
            until=self.query_one("#history-to", Input).value,
        )

    def query(self) -> HistoryQuery:
        """What the bar says as a query; DateInputProblem if a date cannot be read."""
        return filters_query(**self.values())

    def date_problem(self) -> str | None:
        try:
            self.query()
        except DateInputProblem as problem:
            return str(problem)
        return None

    def mark_dates(self, fields: tuple[str, ...] = ()) -> None:
        """Mark the date boxes named in `fields` ("since", "until") as needing a fix; clear the rest."""
        for name, box_id in (("since", "#history-from"), ("until", "#history-to")):
            self.query_one(box_id, Input).set_class(name in fields, "-invalid")
