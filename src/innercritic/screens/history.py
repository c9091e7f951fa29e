"""Browsing past entries: a filtered, paged list. The list and its columns are in
history_table.py (how one entry's cells read in entry_cells.py), the filter bar in
history_filter_bar.py (its reading in history_filters.py), the question before a
delete in confirm_delete.py and one entry's transcript in transcript.py.

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

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Select, Static

from innercritic.engine.records import HistoryQuery, SearchHit
from innercritic.textsafe import one_line

from .confirm_delete import ConfirmDelete
from .entry_cells import Entry, can_resume
from .history_filter_bar import DATE_BOXES, FilterBar
from .history_filters import DateInputProblem
from .history_table import HistoryTable, Row, count_line

PAGE = 100  # rows asked for at a time
NEAR_END = 20  # ask for the next page when the cursor is this close to the last row
TYPING_PAUSE = 0.25  # seconds of quiet before a search runs
DATE_TYPING_PAUSE = 1.0  # a half-typed date is only complained about after a longer pause
SLOW_ANSWER = 0.3  # seconds before "Searching…" is shown for a query still running


class HistoryScreen(Screen[None]):
    """Past check-ins and dialogues, newest first, with filters and search."""

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
        key = self.query_one(HistoryTable).current_key()
        if key is None:
            return None
        row = self._by_key.get(key)
        return row.entry if row else None

    # ---- layout --------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="history-body"):
            yield Static("Your history", id="history-title", markup=False)
            yield FilterBar(self.parts)
            yield Static("", id="history-status", markup=False)
            yield Static("", id="history-empty", markup=False)
            yield HistoryTable(id="history-table", cursor_type="row", zebra_stripes=False)
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        if self.rows:
            self.query_one("#history-search", Input).focus()

    def on_resize(self) -> None:
        if self.is_mounted and self.rows:
            table = self.query_one(HistoryTable)
            if table.what_width() != table.filled_width:
                self._fill()

    def _index(self) -> None:
        self._by_key = {str(row.entry.id): row for row in self.rows}

    def _fill(self, keep_cursor: bool = True) -> None:
        """(Re)draw every loaded row, for instance after new filters or a resize."""
        self.query_one(HistoryTable).fill(self.rows, searching=bool(self.query_now.search), keep_cursor=keep_cursor)
        self._show_state()

    def _append(self, rows: list[Row]) -> None:
        self.query_one(HistoryTable).append(rows)
        self._show_state()

    def _show_state(self) -> None:
        has_rows = bool(self.rows)
        filtering = self.query_now != HistoryQuery()
        journal_empty = self._journal_empty and not filtering
        self.query_one("#history-filters").display = not journal_empty
        self.query_one(HistoryTable).display = has_rows
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
        if self.problem is not None:
            status.update(self.problem)
        else:
            status.update(count_line(len(self.rows), searching=bool(self.query_now.search), more=self.more))
        self.refresh_bindings()

    # ---- filters ---------------------------------------------------------------------
    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(delay, self.apply_filters)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        delay = TYPING_PAUSE
        if event.input.id in DATE_BOXES:
            event.input.remove_class("-invalid")
            if self.query_one(FilterBar).date_problem() is not None:
                delay = DATE_TYPING_PAUSE  # probably still typing it
        self._schedule(delay)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply_filters()
        if self.problem is None and self.rows:
            self.query_one(HistoryTable).focus()

    @on(Input.Blurred)
    def _left_input(self, event: Input.Blurred) -> None:
        if event.input.id in DATE_BOXES:
            self.apply_filters()

    @on(Select.Changed)
    def _chose(self, event: Select.Changed) -> None:
        event.stop()
        if self.is_mounted:
            self.apply_filters()

    def apply_filters(self) -> None:
        """Read the filter bar; if it changed, ask for the first page of the new list."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.is_mounted:
            return
        bar = self.query_one(FilterBar)
        try:
            query = bar.query()
        except DateInputProblem as problem:
            self.problem = str(problem)
            bar.mark_dates(problem.fields)
            self._show_state()
            return
        bar.mark_dates()
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
        table = self.query_one(HistoryTable)
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
            return action == "to_list" and self.query_one(HistoryTable).display
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
        table = self.query_one(HistoryTable)
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
