"""Past entries as a list, and one entry's full transcript.

Both screens are handed records; they never load anything themselves. Opening
or resuming an entry is a message the app answers.
"""

from __future__ import annotations

import textwrap
from typing import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from innercritic.engine import dates
from innercritic.engine.records import CheckInRecord, DialogueRecord
from innercritic.output import loudness_change, summary_line
from innercritic.textsafe import one_line, visible

Entry = CheckInRecord | DialogueRecord

IN_PROGRESS = "in_progress"

# Fixed columns of the list; "what" takes whatever width is left.
_WHEN_WIDTH = 21  # "Sun 22 Nov 2026 14:05"
_KIND_WIDTH = 8
_PART_WIDTH = 10
_MIN_WHAT_WIDTH = 20


_KIND_NAMES = {"checkin": "check-in", "dialogue": "dialogue"}


def _can_resume(entry: Entry | None) -> bool:
    return isinstance(entry, DialogueRecord) and entry.status == IN_PROGRESS


def _two_lines(text: str, width: int) -> list[str]:
    """Wrap to the column, keeping at most two lines so the critic's words get a little room."""
    lines = textwrap.wrap(one_line(text), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], one_line(" ".join(lines[1:]), width)]
    return lines


def _scale(value: int | None, top: int) -> str:
    return "–" if value is None else f"{value}/{top}"


class HistoryScreen(Screen[None]):
    """A list of past check-ins and dialogues, newest first as given."""

    DEFAULT_CSS = """
    HistoryScreen #history-body {
        padding: 1 1 0 1;
    }
    HistoryScreen #history-title, HistoryScreen #history-hint, HistoryScreen #history-empty {
        padding: 0 1;
    }
    HistoryScreen #history-title {
        text-style: bold;
        color: $accent;
    }
    HistoryScreen #history-hint {
        color: $text-muted;
        margin-bottom: 1;
    }
    HistoryScreen DataTable {
        height: 1fr;
        background: $background;
    }
    HistoryScreen #history-empty {
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "open", "Open", show=True),
        Binding("r", "resume", "Resume"),
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

    def __init__(self, entries: Iterable[Entry]) -> None:
        super().__init__()
        self.entries: list[Entry] = list(entries)
        self._by_key: dict[str, Entry] = {str(entry.id): entry for entry in self.entries}

    def set_entries(self, entries: Iterable[Entry]) -> None:
        """Show a fresh list, for instance after an entry was resumed or finished."""
        self.entries = list(entries)
        self._by_key = {str(entry.id): entry for entry in self.entries}
        if self.is_mounted:
            self._fill()
            self.refresh_bindings()

    def compose(self) -> ComposeResult:
        with Vertical(id="history-body"):
            yield Static("Your history", id="history-title", markup=False)
            yield Static(
                "enter opens an entry · r carries on an unfinished dialogue",
                id="history-hint",
                markup=False,
            )
            yield Static(
                "Nothing here yet. When you talk with the critic or do a check-in, "
                "it will show up here.",
                id="history-empty",
                markup=False,
            )
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=False)
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if self.is_mounted and self.entries:
            self._fill()

    def _what_width(self) -> int:
        screen_width = self.size.width or self.app.size.width
        # The body's side padding, one cell of padding each side of four columns,
        # and room for a scrollbar.
        fixed = 2 + _WHEN_WIDTH + _KIND_WIDTH + _PART_WIDTH + 4 * 2 + 2
        return max(_MIN_WHAT_WIDTH, screen_width - fixed)

    def _fill(self) -> None:
        has_entries = bool(self.entries)
        self.query_one("#history-empty").display = not has_entries
        self.query_one("#history-hint").display = has_entries
        table = self.query_one(DataTable)
        table.display = has_entries
        row = table.cursor_row if table.row_count else 0
        what = self._what_width()
        table.clear(columns=True)
        table.add_column("When", width=_WHEN_WIDTH, key="when")
        table.add_column("Kind", width=_KIND_WIDTH, key="kind")
        table.add_column("Part", width=_PART_WIDTH, key="part")
        table.add_column("What", width=what, key="what")
        for entry in self.entries:
            lines = _two_lines(summary_line(entry, width=2 * what), what)
            table.add_row(
                Text(dates.friendly(entry.at)),
                Text(_KIND_NAMES.get(entry.kind, entry.kind)),
                Text(one_line(entry.part or "", _PART_WIDTH)),
                Text("\n".join(lines)),
                key=str(entry.id),
                height=len(lines),
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    @property
    def current(self) -> Entry | None:
        if not self.entries or not self.is_mounted:
            return None
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._by_key.get(key or "")

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        entry = self._by_key.get(event.row_key.value or "")
        if entry is not None:
            self.post_message(self.OpenEntry(entry.id))

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            # The table's own enter does the work; show the key only when there's a row.
            return bool(self.entries)
        if action == "resume":
            return _can_resume(self.current)
        return True

    def action_open(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(self.OpenEntry(entry.id))

    def action_resume(self) -> None:
        entry = self.current
        if _can_resume(entry):
            self.post_message(self.ResumeEntry(entry.id))

    def action_back(self) -> None:
        self.dismiss(None)


class CriticQuote(Static):
    """The critic's own words, set apart from the person's voice by a bar and italics."""

    DEFAULT_CSS = """
    CriticQuote {
        border-left: heavy $accent;
        padding: 0 1;
        margin: 0 0 0 2;
        text-style: italic;
    }
    """


class TranscriptScreen(Screen[None]):
    """One entry, read-only, from top to bottom."""

    DEFAULT_CSS = """
    TranscriptScreen #transcript-title {
        padding: 1 2 0 2;
        text-style: bold;
        color: $accent;
    }
    TranscriptScreen #transcript-meta {
        color: $text-muted;
        padding: 0 2;
    }
    TranscriptScreen #transcript-body {
        height: 1fr;
        padding: 0 2 1 2;
    }
    TranscriptScreen .turn {
        height: auto;
    }
    TranscriptScreen .prompt {
        text-style: bold;
        margin-top: 1;
    }
    TranscriptScreen .answer {
        margin: 0 0 0 2;
    }
    TranscriptScreen .skipped {
        margin: 0 0 0 2;
        color: $text-muted;
        text-style: italic;
    }
    TranscriptScreen .checkin-line:first-of-type {
        margin-top: 1;
    }
    TranscriptScreen .note {
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("r", "resume", "Resume"),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        when = dates.friendly(entry.at)
        if isinstance(entry, CheckInRecord):
            yield Static(f"Check-in · {when}", id="transcript-title", markup=False)
            meta = [f"part: {one_line(entry.part)}"] if entry.part else []
        else:
            yield Static(f"Dialogue · {when}", id="transcript-title", markup=False)
            meta = [one_line(entry.flow_id), entry.status.replace("_", " ")]
            if entry.part:
                meta.append(f"part: {one_line(entry.part)}")
            change = loudness_change(entry)
            if change:
                meta.append(f"loudness {change}")
        if meta:
            yield Static(" · ".join(meta), id="transcript-meta", markup=False)
        with VerticalScroll(id="transcript-body"):
            if isinstance(entry, CheckInRecord):
                yield from self._checkin(entry)
            else:
                yield from self._dialogue(entry)
        yield Footer()

    def _checkin(self, entry: CheckInRecord) -> ComposeResult:
        yield Static(f"Mood          {_scale(entry.mood, 5)}", classes="checkin-line", markup=False)
        yield Static(f"Critic        {_scale(entry.critic, 10)}", classes="checkin-line", markup=False)
        if entry.note:
            yield Static(Content(visible(entry.note)), classes="note")

    def _dialogue(self, entry: DialogueRecord) -> ComposeResult:
        if not entry.turns:
            yield Static("No answers were written in this one.", classes="skipped")
        for turn in entry.turns:
            with Vertical(classes="turn"):
                yield Static(Content(visible(turn.prompt)), classes="prompt")
                if turn.skipped:
                    yield Static("skipped", classes="skipped")
                elif turn.answer is None:
                    continue
                elif turn.role == "critic_words":
                    yield CriticQuote(Content(visible(turn.answer)), classes="answer critic-words")
                else:
                    yield Static(Content(visible(turn.answer)), classes="answer")

    def on_mount(self) -> None:
        self.query_one("#transcript-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return _can_resume(self.entry)
        return True

    def action_resume(self) -> None:
        if _can_resume(self.entry):
            self.post_message(HistoryScreen.ResumeEntry(self.entry.id))

    def action_back(self) -> None:
        self.dismiss(None)
