"""A multi-line answer box: Enter sends, Ctrl+J (or Shift+Enter) starts a new line.

Pastes arrive whole through TextArea's own paste handling, newlines included.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea


class AnswerArea(TextArea):
    class Submitted(Message):
        def __init__(self, area: "AnswerArea", text: str) -> None:
            super().__init__()
            self.area = area
            self.text = text

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(text, soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
            return
        if event.key in ("ctrl+j", "shift+enter", "newline"):
            event.stop()
            event.prevent_default()
            start, end = self.selection
            self._replace_via_keyboard("\n", start, end)
            return
        await super()._on_key(event)
