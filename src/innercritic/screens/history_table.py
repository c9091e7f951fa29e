"""The history browser's list: its columns and how wide each one is, how an entry reads as
a row (what happened, or the search snippet that found it) and the count line above it.
The screen (history.py) decides which rows there are; this draws them to fit the screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text

from innercritic.engine.records import CheckInRecord, SearchHit
from innercritic.textsafe import one_line
from innercritic.views.common import plural
from innercritic.widgets.entry_table import EntryTable

from .entry_cells import Entry, loudness_text, snippet_text, what_text, when_short

# Fixed columns of the list; "what" takes whatever width is left.
_WHEN_WIDTH = 12  # "22 Nov 14:05" this year, "22 Nov 2025" before
_KIND_WIDTH = 9
_PART_WIDTH = 11
_LOUD_WIDTH = 7  # "10 → 10"
_MIN_WHAT_WIDTH = 16


@dataclass(frozen=True)
class Row:
    """One line of the list: an entry, and the search hit that found it (if searching)."""

    entry: Entry
    hit: SearchHit | None = None


def count_line(count: int, *, searching: bool, more: bool) -> str:
    """"12 entries, newest first", "1 match, best first", or "" for none."""
    if not count:
        return ""
    if searching:
        counted, order = plural(count, "match", "matches"), "best first"
    else:
        counted, order = plural(count, "entry", "entries"), "newest first"
    if more:
        return f"{counted} so far, {order} · more load as you scroll down"
    return f"{counted}, {order}"


class HistoryTable(EntryTable):
    """The rows of the history list, one per entry, keyed by the entry's id."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.filled_width = 0  # the "what" column's width when the rows were last drawn

    def _screen_width(self) -> int:
        return self.screen.size.width or self.app.size.width

    def part_width(self) -> int:
        """Wide screens give a long part name room too (up to 44), not only the "what"."""
        return max(_PART_WIDTH, min(44, (self._screen_width() - 100) * 3 // 4))

    def what_width(self) -> int:
        # The body's side padding, one cell of padding each side of five columns,
        # and the scrollbar.
        fixed = 2 + _WHEN_WIDTH + _KIND_WIDTH + self.part_width() + _LOUD_WIDTH + 5 * 2 + 1
        return max(_MIN_WHAT_WIDTH, self._screen_width() - fixed)

    def _cells(self, row: Row, what: int) -> tuple:
        entry = row.entry
        kind = "check-in" if isinstance(entry, CheckInRecord) else one_line(entry.flow_id, _KIND_WIDTH)
        if row.hit is not None and row.hit.snippet:
            description = snippet_text(row.hit.snippet, row.hit.marks, what)
        else:
            description = what_text(entry, what)
        return (
            Text(when_short(entry.at)),
            Text(kind),
            Text(one_line(entry.part or "", self.part_width())),
            Text(loudness_text(entry)),
            description,
        )

    def fill(self, rows: Iterable[Row], *, searching: bool, keep_cursor: bool = True) -> None:
        """(Re)draw every row, for instance after new filters or a resize."""
        cursor = self.cursor_row if keep_cursor and self.row_count else 0
        what = self.filled_width = self.what_width()
        self.clear(columns=True)
        self.add_column("When", width=_WHEN_WIDTH, key="when")
        self.add_column("Kind", width=_KIND_WIDTH, key="kind")
        self.add_column("Part", width=self.part_width(), key="part")
        self.add_column("Loud", width=_LOUD_WIDTH, key="loud")
        self.add_column("Found" if searching else "What", width=what, key="what")
        for row in rows:
            self.add_row(*self._cells(row, what), key=str(row.entry.id))
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False)

    def append(self, rows: Iterable[Row]) -> None:
        what = self.filled_width or self.what_width()
        for row in rows:
            if str(row.entry.id) in self.rows:  # a row moved pages after a change; show it once
                continue
            self.add_row(*self._cells(row, what), key=str(row.entry.id))

    def current_key(self) -> str | None:
        """The key of the row under the cursor, or None when nothing is shown."""
        if not self.row_count or not self.display:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
