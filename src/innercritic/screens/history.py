"""Browsing past entries: a filtered, paged list. How a row reads is in
entry_cells.py, the filter bar's reading in history_filters.py, the question
before a delete in confirm_delete.py and one entry's transcript in transcript.py.

The screens never load anything themselves. The list asks for pages with
``HistoryScreen.LoadPage`` (the app runs the query on its database thread and
hands the page back with ``show_page``); opening, resuming and deleting an
entry are messages the app answers.

Paging keeps the list quick with tens of thousands of entries: one page of
``PAGE`` rows is shown at first and the next one is asked for when the cursor
comes within ``NEAR_END`` rows of the end. Every new set of filters bumps a
generation counter; pages of an older generation are dropped when they arrive
(and the app skips the query altogether if it is already stale).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Select, Static

from innercritic.engine.records import CheckInRecord, HistoryQuery, SearchHit
from innercritic.textsafe import one_line
from innercritic.views.common import plural
from innercritic.widgets.entry_table import EntryTable

from .confirm_delete import ConfirmDelete
from .entry_cells import Entry, can_resume, loudness_text, snippet_text, what_text, when_short
from .history_filters import DateInputProblem, filters_query

PAGE = 100  # rows asked for at a time
NEAR_END = 20  # ask for the next page when the cursor is this close to the last row
TYPING_PAUSE = 0.25  # seconds of quiet before a search runs
DATE_TYPING_PAUSE = 1.0  # a half-typed date is only complained about after a longer pause
SLOW_ANSWER = 0.3  # seconds before "Searching…" is shown for a query still running

# Fixed columns of the list; "what" takes whatever width is left.
_WHEN_WIDTH = 12  # "22 Nov 14:05" this year, "22 Nov 2025" before
_KIND_WIDTH = 9
_PART_WIDTH = 11
_LOUD_WIDTH = 7  # "10 → 10"
_MIN_WHAT_WIDTH = 16

_KIND_NAMES = {"checkin": "check-in", "dialogue": "dialogue"}
_KIND_CHOICES = (("All kinds", "all"), ("Dialogues", "dialogue"), ("Check-ins", "checkin"))
_ANY_PART = ""


@dataclass(frozen=True)
class Row:
    """One line of the list: an entry, and the search hit that found it (if searching)."""

    entry: Entry
    hit: SearchHit | None = None


class HistoryScreen(Screen[None]):
    """Past check-ins and dialogues, newest first, with filters and search."""

    DEFAULT_CSS = """
    HistoryScreen #history-body {
        padding: 1 1 0 1;
    }
    HistoryScreen #history-title, HistoryScreen #history-status, HistoryScreen #history-empty {
        padding: 0 1;
    }
    HistoryScreen #history-title {
        text-style: bold;
        color: $accent;
    }
    HistoryScreen #history-filters {
        height: 1;
        margin: 1 1 0 1;
    }
    HistoryScreen #history-search {
        width: 1fr;
    }
    HistoryScreen #history-narrowing {
        width: auto;
        height: 1;
    }
    HistoryScreen #history-narrowing > * {
        margin-left: 1;
    }
    /* Narrow: the search box gets a row of its own, so what is typed is always seen. */
    HistoryScreen.-narrow #history-filters {
        layout: vertical;
        height: 2;
    }
    HistoryScreen.-narrow #history-narrowing > #history-kind {
        margin-left: 0;
    }
    HistoryScreen #history-kind {
        width: 14;
    }
    HistoryScreen #history-part {
        width: 16;
    }
    HistoryScreen #history-from, HistoryScreen #history-to {
        width: 11;
    }
    HistoryScreen #history-status {
        height: auto;
        color: $text-muted;
        margin-bottom: 1;
    }
    HistoryScreen #history-status.-problem {
        color: $text;
        text-style: bold;
    }
    HistoryScreen EntryTable {
        width: 100%;
        height: 1fr;
        background: $background;
        scrollbar-size-vertical: 1;
    }
    HistoryScreen #history-empty {
        margin-top: 1;
    }
    """

    # It opens with the search box focused, so typed letters search. No printable key
    # destroys anything: delete is the Delete key (or ctrl+d), and it asks first.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "open", "Open", show=True),
        Binding("slash", "search", "Search"),
        Binding("r", "resume", "Resume"),
        Binding("delete,ctrl+d", "delete", "Delete", key_display="del"),
        Binding("down", "to_list", "List", show=False),
    ]

    class OpenEntry(Message):
        """Please load this entry and show its transcript."""

        def __init__(self, entry_id: int) -> None:
            super().__init__()
            self.entry_id = entry_id

    class ResumeEntry(Message):
        """Please carry on with this unfinished dialogue."""

        def __init__(self, entry_id: int) -> None:
            super().__init__()
            self.entry_id = entry_id

    class LoadPage(Message):
        """Please run this query (journal.search when it has words, else journal.history)
        and hand the result to ``browser.show_page(generation, query.offset, items)``.
        Skip it if ``browser.wants(generation)`` is already False."""

        def __init__(self, browser: "HistoryScreen", query: HistoryQuery, generation: int) -> None:
            super().__init__()
            self.browser = browser
            self.query = query
            self.generation = generation

    class DeleteEntry(Message):
        """The person confirmed: please delete this entry, then call ``browser.entry_deleted``."""

        def __init__(self, browser: "HistoryScreen", entry_id: int) -> None:
            super().__init__()
            self.browser = browser
            self.entry_id = entry_id

    def __init__(
        self, entries: Iterable[Entry], *, parts: Iterable[str] = (), page_size: int = PAGE,
    ) -> None:
        """`entries` is the first page of the unfiltered list, newest first;
        `parts` the part names to filter by."""
        super().__init__()
        self.page_size = page_size
        self.rows: list[Row] = [Row(entry) for entry in entries]
        self.parts: tuple[str, ...] = tuple(parts)
        self.query_now = HistoryQuery()  # the filters the rows were loaded with (no limit/offset)
        self.more = len(self.rows) >= page_size  # there may be more rows after the last one
        self.fetching = False
        self.problem: str | None = None
        self._generation = 0
        self._journal_empty = not self.rows
        self._by_key: dict[str, Row] = {}
        self._timer: Timer | None = None
        self._filled_width = 0
        self._index()

    # ---- what other code reads ---------------------------------------------------
    @property
    def entries(self) -> list[Entry]:
        return [row.entry for row in self.rows]

    @property
    def generation(self) -> int:
        return self._generation

    def wants(self, generation: int) -> bool:
        """Is a page of this generation still wanted? (Safe to call from the database thread.)"""
        return generation == self._generation

    @property
    def current(self) -> Entry | None:
        if not self.rows or not self.is_mounted:
            return None
        table = self.query_one(EntryTable)
        if not table.row_count or not table.display:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        row = self._by_key.get(key or "")
        return row.entry if row else None

    # ---- layout --------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="history-body"):
            yield Static("Your history", id="history-title", markup=False)
            with Horizontal(id="history-filters"):
                yield Input(placeholder="Search words…", id="history-search", compact=True)
                with Horizontal(id="history-narrowing"):
                    yield Select(_KIND_CHOICES, value="all", allow_blank=False, id="history-kind", compact=True)
                    yield Select(
                        [(Text("Any part"), _ANY_PART), *((Text(one_line(name, 30)), name) for name in self.parts)],
                        value=_ANY_PART, allow_blank=False, id="history-part", compact=True,
                    )
                    yield Input(placeholder="from: 7d", id="history-from", compact=True)
                    yield Input(placeholder="to: today", id="history-to", compact=True)
            yield Static("", id="history-status", markup=False)
            yield Static("", id="history-empty", markup=False)
            yield EntryTable(id="history-table", cursor_type="row", zebra_stripes=False)
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        if self.rows:
            self.query_one("#history-search", Input).focus()

    def on_resize(self) -> None:
        if self.is_mounted and self.rows and self._what_width() != self._filled_width:
            self._fill()

    def _part_width(self) -> int:
        """Wide screens give a long part name room too (up to 44), not only the "what"."""
        screen_width = self.size.width or self.app.size.width
        return max(_PART_WIDTH, min(44, (screen_width - 100) * 3 // 4))

    def _what_width(self) -> int:
        screen_width = self.size.width or self.app.size.width
        # The body's side padding, one cell of padding each side of five columns,
        # and the scrollbar.
        fixed = 2 + _WHEN_WIDTH + _KIND_WIDTH + self._part_width() + _LOUD_WIDTH + 5 * 2 + 1
        return max(_MIN_WHAT_WIDTH, screen_width - fixed)

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
            Text(one_line(entry.part or "", self._part_width())),
            Text(loudness_text(entry)),
            description,
        )

    def _index(self) -> None:
        self._by_key = {str(row.entry.id): row for row in self.rows}

    def _fill(self, keep_cursor: bool = True) -> None:
        """(Re)draw every loaded row, for instance after new filters or a resize."""
        table = self.query_one(EntryTable)
        cursor = table.cursor_row if keep_cursor and table.row_count else 0
        what = self._filled_width = self._what_width()
        table.clear(columns=True)
        table.add_column("When", width=_WHEN_WIDTH, key="when")
        table.add_column("Kind", width=_KIND_WIDTH, key="kind")
        table.add_column("Part", width=self._part_width(), key="part")
        table.add_column("Loud", width=_LOUD_WIDTH, key="loud")
        table.add_column("Found" if self.query_now.search else "What", width=what, key="what")
        for row in self.rows:
            table.add_row(*self._cells(row, what), key=str(row.entry.id))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1), animate=False)
        self._show_state()

    def _append(self, rows: list[Row]) -> None:
        table = self.query_one(EntryTable)
        what = self._filled_width or self._what_width()
        for row in rows:
            if str(row.entry.id) in table.rows:  # a row moved pages after a change; show it once
                continue
            table.add_row(*self._cells(row, what), key=str(row.entry.id))
        self._show_state()

    def _show_state(self) -> None:
        has_rows = bool(self.rows)
        filtering = self.query_now != HistoryQuery()
        journal_empty = self._journal_empty and not filtering
        self.query_one("#history-filters").display = not journal_empty
        table = self.query_one(EntryTable)
        table.display = has_rows
        empty = self.query_one("#history-empty", Static)
        empty.display = not has_rows
        if journal_empty:
            empty.update(
                "Nothing here yet. When you talk with the critic or do a check-in, it will show up here."
            )
        elif not has_rows:
            empty.update(
                "Nothing matches. Try fewer words, another kind or part, or a wider range of dates."
            )
        status = self.query_one("#history-status", Static)
        status.display = not journal_empty
        status.set_class(self.problem is not None, "-problem")
        status.update(self.problem if self.problem is not None else self._count_line())
        self.refresh_bindings()

    def _count_line(self) -> str:
        count = len(self.rows)
        if not count:
            return ""
        if self.query_now.search:
            counted, order = plural(count, "match", "matches"), "best first"
        else:
            counted, order = plural(count, "entry", "entries"), "newest first"
        if self.more:
            return f"{counted} so far, {order} · more load as you scroll down"
        return f"{counted}, {order}"

    # ---- filters ---------------------------------------------------------------------
    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(delay, self.apply_filters)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        delay = TYPING_PAUSE
        if event.input.id in ("history-from", "history-to"):
            event.input.remove_class("-invalid")
            if self._date_problem() is not None:
                delay = DATE_TYPING_PAUSE  # probably still typing it
        self._schedule(delay)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply_filters()
        if self.problem is None and self.rows:
            self.query_one(EntryTable).focus()

    @on(Input.Blurred)
    def _left_input(self, event: Input.Blurred) -> None:
        if event.input.id in ("history-from", "history-to"):
            self.apply_filters()

    @on(Select.Changed)
    def _chose(self, event: Select.Changed) -> None:
        event.stop()
        if self.is_mounted:
            self.apply_filters()

    def _filter_values(self) -> dict[str, str]:
        kind = self.query_one("#history-kind", Select).value
        part = self.query_one("#history-part", Select).value
        return dict(
            search=self.query_one("#history-search", Input).value,
            kind=kind if isinstance(kind, str) else "all",
            part=part if isinstance(part, str) else _ANY_PART,
            since=self.query_one("#history-from", Input).value,
            until=self.query_one("#history-to", Input).value,
        )

    def _date_problem(self) -> str | None:
        try:
            filters_query(**self._filter_values())
        except DateInputProblem as problem:
            return str(problem)
        return None

    def apply_filters(self) -> None:
        """Read the filter bar; if it changed, ask for the first page of the new list."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.is_mounted:
            return
        try:
            query = filters_query(**self._filter_values())
        except DateInputProblem as problem:
            self.problem = str(problem)
            for name, box_id in (("since", "#history-from"), ("until", "#history-to")):
                self.query_one(box_id, Input).set_class(name in problem.fields, "-invalid")
            self._show_state()
            return
        for box_id in ("#history-from", "#history-to"):
            self.query_one(box_id, Input).remove_class("-invalid")
        had_problem = self.problem is not None
        self.problem = None
        if query == self.query_now and not self.fetching:
            if had_problem:
                self._show_state()
            return
        self.load(query)

    def load(self, query: HistoryQuery) -> None:
        """Start a fresh list for these filters (its first page replaces the rows when it comes)."""
        self._generation += 1
        self.query_now = query._replace(limit=None, offset=0)
        self.fetching = True
        self.post_message(self.LoadPage(self, query._replace(limit=self.page_size, offset=0), self._generation))
        if self.problem is not None:
            return
        generation = self._generation
        self.set_timer(SLOW_ANSWER, lambda: self._still_waiting(generation))

    def _still_waiting(self, generation: int) -> None:
        """A slow query (a very common word in a big journal): say that something is happening."""
        if generation == self._generation and self.fetching and self.problem is None and self.is_mounted:
            status = self.query_one("#history-status", Static)
            status.display = True
            status.update("Searching…" if self.query_now.search else "Looking…")

    def _load_more(self) -> None:
        if not self.more or self.fetching:
            return
        self.fetching = True
        page = self.query_now._replace(limit=self.page_size, offset=len(self.rows))
        self.post_message(self.LoadPage(self, page, self._generation))

    # ---- answers from the app -----------------------------------------------------
    def show_page(self, generation: int, offset: int, items: Sequence[Entry | SearchHit]) -> None:
        """A page has arrived. Stale pages (older filters) are dropped."""
        if generation != self._generation:
            return
        self.fetching = False
        rows = [Row(item.entry, item) if isinstance(item, SearchHit) else Row(item) for item in items]
        self.more = len(rows) >= self.page_size
        if offset == 0:
            self.rows = rows
            self._index()
            if self.is_mounted:
                self._fill(keep_cursor=False)
            return
        fresh = [row for row in rows if str(row.entry.id) not in self._by_key]
        self.rows.extend(fresh)
        self._by_key.update((str(row.entry.id), row) for row in fresh)
        if self.is_mounted:
            self._append(fresh)

    def load_failed(self, generation: int, problem: str) -> None:
        if generation != self._generation:
            return
        self.fetching = False
        self.more = False
        self.problem = one_line(problem)
        if self.is_mounted:
            self._show_state()

    def entry_deleted(self, entry_id: int) -> None:
        """The app deleted this entry: take its row out, keeping the cursor near where it was."""
        key = str(entry_id)
        if key not in self._by_key:
            return
        self.rows = [row for row in self.rows if row.entry.id != entry_id]
        self._index()
        if not self.is_mounted:
            return
        table = self.query_one(EntryTable)
        if key in table.rows:
            table.remove_row(key)
        if not self.rows and self.query_now == HistoryQuery() and not self.more:
            self._journal_empty = True
        self._show_state()
        if not self.rows and self.more:
            self._load_more()

    # ---- the table -------------------------------------------------------------------
    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self._by_key.get(event.row_key.value or "")
        if row is not None:
            self.post_message(self.OpenEntry(row.entry.id))

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.refresh_bindings()
        if event.cursor_row >= event.data_table.row_count - NEAR_END:
            self._load_more()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("resume", "search", "delete", "to_list") and isinstance(self.focused, Input):
            # Typing in a filter box: r and / are letters there, Delete deletes a letter.
            return action == "to_list" and self.query_one(EntryTable).display
        if action == "open":
            # The table's own enter does the work; show the key only when there's a row.
            return bool(self.rows)
        if action == "resume":
            return can_resume(self.current)
        if action == "delete":
            return self.current is not None
        if action == "search":
            return not (self._journal_empty and self.query_now == HistoryQuery())
        return True

    # ---- actions ---------------------------------------------------------------------
    def action_open(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(self.OpenEntry(entry.id))

    def action_resume(self) -> None:
        entry = self.current
        if can_resume(entry):
            self.post_message(self.ResumeEntry(entry.id))

    def action_search(self) -> None:
        if self.query_one("#history-filters").display:
            self.query_one("#history-search", Input).focus()

    def action_to_list(self) -> None:
        table = self.query_one(EntryTable)
        if table.display:
            table.focus()

    def action_delete(self) -> None:
        entry = self.current
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(self.DeleteEntry(self, entry.id))

        self.app.push_screen(ConfirmDelete(entry), answered)

    def action_back(self) -> None:
        self.dismiss(None)
