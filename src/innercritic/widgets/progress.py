"""Where the dialogue is: 'Find ● Focus ◉ Flesh out ○ …' — shapes, not only colour."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

_MARKS = {"done": "●", "current": "◉", "todo": "○"}


def progress_text(progress: list[tuple[str, str]], width: int = 60) -> Text:
    text = Text()
    for index, (stage, state) in enumerate(progress):
        if index:
            text.append(" ")
        style = "bold underline" if state == "current" else ("dim" if state == "todo" else "")
        text.append(f"{stage} {_MARKS.get(state, '○')}", style=style)
    if text.cell_len > width:
        text.truncate(width - 1)
        text.append("…")
    return text


class StepProgress(Static):
    def show(self, progress: list[tuple[str, str]]) -> None:
        width = self.size.width or (self.app.size.width - 4)
        self.update(progress_text(progress, max(width, 40)))
