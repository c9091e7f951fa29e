"""The plain question asked before an entry is deleted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from innercritic.engine import dates
from innercritic.engine.records import CheckInRecord

from innercritic.widgets.key_hints import KeyHints
from .entry_cells import Entry, what_text


class ConfirmDelete(ModalScreen[bool]):
    """Asks plainly before an entry is deleted. Dismisses True only when the "Yes, delete"
    button is pressed: the focus starts on "No, keep it" (a stray Enter keeps the entry),
    Esc keeps it, and letters typed into it do nothing (no y/n keys: someone typing a word
    must never delete anything)."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Keep it"),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        kind = "check-in" if isinstance(entry, CheckInRecord) else "dialogue"
        what = Text(f"{dates.friendly(entry.at)} · ")
        what.append_text(what_text(entry, 40))
        with Vertical(id="confirm-panel"):
            yield Static(f"Delete this {kind}?", id="confirm-question", markup=False)
            yield Static(what, id="confirm-what", markup=False)
            yield Static(
                "Everything written in it is removed from this computer. This cannot be undone.",
                id="confirm-note", markup=False,
            )
            with Horizontal(id="confirm-choices"):
                yield Button("No, keep it", id="confirm-no", compact=True)
                yield Button("Yes, delete", id="confirm-yes", compact=True)
            yield KeyHints("tab to choose · esc keeps it", id="confirm-keys")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
