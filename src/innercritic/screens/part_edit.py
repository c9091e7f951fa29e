"""Small questions for changing parts from the app: a line of text (a name, a
description) and a choice from a list (the part to merge into, the dialogue to name).

Each dismisses with the answer, or None when the person backs out with Esc. They
only ask; the app checks and saves (services/part_story.py), and says if it refused.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from innercritic.limits import MAX_DESCRIPTION, MAX_NAME
from innercritic.textsafe import one_line



class AskLine(ModalScreen["str | None"]):
    """One line of text. Enter gives it (blank is allowed: it may mean "clear"), Esc backs out."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, title: str, hint: str, value: str = "", *, kind: str = "name") -> None:
        super().__init__()
        self.title_text, self.hint, self.value = title, hint, value
        self.max_length = MAX_NAME if kind == "name" else MAX_DESCRIPTION

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-panel"):
            yield Static(Text(self.title_text), id="ask-title", markup=False)
            yield Static(Text(self.hint), classes="muted", markup=False)
            yield Input(value=self.value, max_length=self.max_length, id="ask-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_back(self) -> None:
        self.dismiss(None)


class PickOne(ModalScreen["str | None"]):
    """A choice from a short list of (id, label); Enter picks, Esc backs out."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, title: str, hint: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.hint, self.choices = title, hint, choices

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-panel"):
            yield Static(Text(self.title_text), id="pick-title", markup=False)
            yield Static(Text(self.hint), classes="muted", markup=False)
            yield OptionList(*(Option(Text(one_line(label, 58)), id=key) for key, label in self.choices), id="pick-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_back(self) -> None:
        self.dismiss(None)
