"""A 0–10 scale: left/right or a digit to move, Enter to choose. Numbers, not colour, carry the meaning."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ScalePicker(Widget, can_focus=True):
    BINDINGS = [
        Binding("left,h", "move(-1)", "Lower", show=False),
        Binding("right,l", "move(1)", "Higher", show=False),
        Binding("enter", "choose", "Choose", show=False),
    ]
    DEFAULT_CSS = """
    ScalePicker { height: 3; padding: 0 1; }
    """

    value: reactive[int | None] = reactive(None)

    class Chosen(Message):
        def __init__(self, picker: "ScalePicker", value: int) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

    def __init__(self, value: int | None = None, low_label: str | None = None, high_label: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.value = value
        self.low_label = low_label
        self.high_label = high_label

    def render(self) -> Text:
        line = Text()
        for number in range(11):
            label = f" {number} "
            if number == self.value:
                line.append(f"[{number}]", style="reverse bold")
            else:
                line.append(label)
        legend = Text("", style="dim")
        if self.low_label or self.high_label:
            legend.append(f"0 = {self.low_label or ''}   10 = {self.high_label or ''}")
        hint = Text("←/→ or a digit, then Enter", style="dim")
        return Text("\n").join([line, legend, hint])

    def action_move(self, step: int) -> None:
        start = 5 if self.value is None else self.value
        self.value = max(0, min(10, start + step if self.value is not None else start))

    def action_choose(self) -> None:
        if self.value is not None:
            self.post_message(self.Chosen(self, self.value))

    def on_key(self, event) -> None:
        if event.character and event.character.isdigit() and event.character.isascii():
            digit = int(event.character)
            # "1" then "0" makes ten
            self.value = 10 if (self.value == 1 and digit == 0) else digit
            event.stop()
