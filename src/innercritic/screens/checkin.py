"""A quick check-in: mood, how loud the critic is, and a note. Every part optional.

The screen only collects answers; whoever pushed it saves them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from ..widgets.answer_area import SafeTextArea
from ..widgets.key_hints import KeyHints


@dataclass(frozen=True)
class CheckinAnswers:
    mood: int | None
    critic: int | None
    note: str | None


class ScaleInput(Input):
    """A short number field that only takes values on its scale, without a bell."""

    def __init__(self, low: int, high: int, *, hint: str, id: str) -> None:
        # Only whole numbers in range (or nothing) can be typed at all.
        allowed = "|".join(str(n) for n in range(low, high + 1))
        super().__init__(
            placeholder="–",
            restrict=rf"(?:{allowed})?",
            max_length=len(str(high)),
            compact=True,
            id=id,
        )
        self.low = low
        self.high = high
        self.hint = hint
        self.cursor_blink = False  # steady cursor: nothing on these screens blinks

    def restricted(self) -> None:
        self.screen.query_one("#checkin-message", Static).update(self.hint)

    @property
    def number(self) -> int | None:
        text = self.value.strip()
        if not text:
            return None
        value = int(text)
        return value if self.low <= value <= self.high else None


class CheckinScreen(ModalScreen["CheckinAnswers | None"]):
    """Dismisses with CheckinAnswers (at least one part filled), or None on escape."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Not now"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin-panel"):
            yield Static("A quick check-in", id="checkin-title", markup=False)
            yield Static("Answer any of these, or just one. Blank is fine.", id="checkin-intro", markup=False)
            with Horizontal(classes="question"):
                yield Label("Mood right now, 1 (low) to 5 (good)", markup=False)
                yield ScaleInput(1, 5, hint="Mood goes from 1 (low) to 5 (good).", id="mood")
            with Horizontal(classes="question"):
                yield Label("How loud is the critic, 0 (quiet) to 10", markup=False)
                yield ScaleInput(0, 10, hint="The critic's loudness goes from 0 to 10.", id="critic")
            yield Label("Anything you'd like to note?", id="note-label", markup=False)
            yield SafeTextArea(id="note", compact=True, soft_wrap=True, tab_behavior="focus")
            yield Static("", id="checkin-message", markup=False)
            with Horizontal(id="checkin-buttons"):
                yield Button("Save", id="save", compact=True)
                yield Button("Not now", id="cancel", compact=True)
            yield KeyHints("tab next · ctrl+s save · esc close", id="checkin-keys")

    def on_resize(self, event) -> None:
        self.set_class(event.size.height < 24, "-short")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < 24, "-short")
        self.query_one("#note", TextArea).cursor_blink = False
        self.query_one("#mood", ScaleInput).focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Input.Changed)
    def _quiet_message(self, event: Input.Changed) -> None:
        self.query_one("#checkin-message", Static).update("")

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def answers(self) -> CheckinAnswers:
        note = self.query_one("#note", TextArea).text.strip()
        return CheckinAnswers(
            mood=self.query_one("#mood", ScaleInput).number,
            critic=self.query_one("#critic", ScaleInput).number,
            note=note or None,
        )

    def action_save(self) -> None:
        answers = self.answers()
        if answers.mood is None and answers.critic is None and answers.note is None:
            self.query_one("#checkin-message", Static).update(
                "There's nothing to save yet. One answer is plenty, or esc to leave it for now."
            )
            return
        self.dismiss(answers)

    def action_cancel(self) -> None:
        self.dismiss(None)
