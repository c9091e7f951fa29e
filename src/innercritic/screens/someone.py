"""Someone you could reach: the people in your safety plan, a first message, the lines.

Dismisses with "plan" (to add people to the safety plan) or None.
"""

from __future__ import annotations

from innercritic.widgets.key_hints import KeyHints
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from innercritic.textsafe import visible



class SomeoneScreen(ModalScreen["str | None"]):
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, view) -> None:
        super().__init__()
        self.view = view  # care_path.CrisisView

    def compose(self) -> ComposeResult:
        from innercritic.engine.care_words import words

        w = words()
        people = self.view.rows_of("person")
        with Vertical(id="someone-panel"):
            yield Static(visible(w.get("someone.title")), id="someone-title", markup=False)
            for row in people:
                detail = f" — {visible(row.detail)}" if row.detail else ""
                yield Static(Content.assemble(("• ", "dim"), (visible(row.label), "bold"), detail))
            yield Static(visible(w.get("someone.intro")), markup=False)
            if not people:
                yield Static(visible(w.get("someone.none")), classes="muted", markup=False)
                for row in self.view.rows_of("emergency", "line", "find"):
                    text = visible(row.label) + (f" — {visible(row.detail)}" if row.detail else "")
                    yield Static(text, markup=False)
            with Horizontal(id="someone-buttons"):
                yield Button(visible(w.get("someone.add")), id="plan", compact=True)
                yield Button(visible(w.get("someone.back")), id="back", compact=True)
            yield KeyHints(visible(w.get("someone.keys")))

    def on_mount(self) -> None:
        self.query_one("#back").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss("plan" if event.button.id == "plan" else None)

    def action_back(self) -> None:
        self.dismiss(None)
