"""One entry, read-only: a dialogue's transcript (the critic's words set apart
from the person's own voice) or a check-in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from innercritic.engine import dates
from innercritic.engine.records import CheckInRecord, DialogueRecord
from innercritic.views.dialogues import DRAFT_TITLE, SET_ASIDE_TITLE, loudness_change, split_turns
from innercritic.textsafe import one_line, visible
from innercritic.widgets.bubbles import CriticQuote

from .entry_cells import Entry, can_resume, scale_text
from .history import HistoryScreen


class TranscriptScreen(Screen[None]):
    """One entry, read-only, from top to bottom."""

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
        yield Static(f"Mood          {scale_text(entry.mood, 5)}", classes="checkin-line", markup=False)
        yield Static(f"Critic        {scale_text(entry.critic, 10)}", classes="checkin-line", markup=False)
        if entry.note:
            yield Static(Content(visible(entry.note)), classes="note")

    def _dialogue(self, entry: DialogueRecord) -> ComposeResult:
        on_path, set_aside = split_turns(entry)
        if not on_path:
            yield Static("No answers were written in this one.", classes="skipped")
        for turn in on_path:
            yield from self._turn(turn)
        kept = [turn for turn in set_aside if turn.answer is not None]
        if kept:
            yield Static(SET_ASIDE_TITLE, classes="aside-title set-aside", markup=False)
            for turn in kept:
                yield from self._turn(turn)
        if entry.draft:
            yield Static(DRAFT_TITLE, classes="aside-title draft", markup=False)
            yield Static(Content(visible(entry.draft)), classes="answer")

    def _turn(self, turn) -> ComposeResult:
        with Vertical(classes="turn"):
            yield Static(Content(visible(turn.prompt)), classes="prompt")
            if turn.skipped:
                yield Static("skipped", classes="skipped")
            elif turn.answer is None:
                return
            elif turn.role == "critic_words":
                yield CriticQuote(turn.answer, marks=False, classes="answer critic-words")
            else:
                yield Static(Content(visible(turn.answer)), classes="answer")

    def on_mount(self) -> None:
        self.query_one("#transcript-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return can_resume(self.entry)
        return True

    def action_resume(self) -> None:
        if can_resume(self.entry):
            self.post_message(HistoryScreen.ResumeEntry(self.entry.id))

    def action_back(self) -> None:
        self.dismiss(None)
