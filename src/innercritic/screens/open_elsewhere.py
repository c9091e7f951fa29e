"""Asked when the dialogue to resume is open in another innercritic.

One dialogue has one writer at a time. The person can read it here, take it
over (the other innercritic is told the next time it saves and keeps what it had
typed, so nothing is lost either way), or go back. Dismisses "read", "take"
or None.
"""

from __future__ import annotations

from innercritic.widgets.key_hints import KeyHints
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..textsafe import one_line


class OpenElsewhereScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "choose(None)", "Back"),
        Binding("r", "choose('read')", "Read it", show=False),
        Binding("t", "choose('take')", "Take it over", show=False),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]

    def __init__(self, dialogue_id: int, holder: str) -> None:
        super().__init__()
        self.dialogue_id = dialogue_id
        self.holder = holder

    def compose(self) -> ComposeResult:
        with Vertical(id="elsewhere-panel"):
            yield Static("This dialogue is open somewhere else", id="elsewhere-question", markup=False)
            where = f" ({one_line(self.holder)})" if self.holder else ""
            yield Static(
                f"Dialogue #{self.dialogue_id} is open in another innercritic{where}. You can read it here, "
                "or take it over and carry on here.",
                classes="elsewhere-note", markup=False,
            )
            yield Static(
                "One dialogue is written in one place at a time. If you take it over, the other one is "
                "told the next time it saves, and what it had typed is kept as a check-in.",
                classes="elsewhere-note", markup=False,
            )
            with Horizontal(id="elsewhere-choices"):
                yield Button("Read it (r)", id="read", compact=True)
                yield Button("Take it over (t)", id="take", compact=True)
                yield Button("Back (esc)", id="back", compact=True)
            yield KeyHints("r read · t take over · esc back")

    def on_mount(self) -> None:
        self.query_one("#read", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "back" else event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
