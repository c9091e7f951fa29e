"""One calm question when words only might mean danger. Never the crisis panel.

Dismisses with "yes", "not_sure", "no", or None (closed without an answer).
Focus starts on the words, not a button, so a stray Enter answers nothing.
"""

from __future__ import annotations

from innercritic.widgets.key_hints import KeyHints
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from innercritic.textsafe import visible



class GentleQuestion(ModalScreen["str | None"]):
    BINDINGS = [Binding("escape", "dismiss_none", "Close")]

    def compose(self) -> ComposeResult:
        from innercritic.engine.care_words import words

        w = words()
        with Vertical(id="gentle-panel"):
            yield Static(visible(w.get("gentle.ask")), id="gentle-text", markup=False)
            with Horizontal(id="gentle-choices"):
                yield Button(visible(w.get("gentle.yes")), id="yes", compact=True)
                yield Button(visible(w.get("gentle.not_sure")), id="not_sure", compact=True)
                yield Button(visible(w.get("gentle.no")), id="no", compact=True)
            yield KeyHints(visible(w.get("gentle.keys")), id="gentle-keys")

    def on_mount(self) -> None:
        text = self.query_one("#gentle-text")
        text.can_focus = True
        text.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
