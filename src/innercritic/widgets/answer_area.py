"""A multi-line answer box: Enter sends, Ctrl+J (or Shift+Enter) starts a new line.

Pastes arrive whole through TextArea's own paste handling, newlines included.
"""

from __future__ import annotations

from dataclasses import replace

from textual import events
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.message import Message
from textual.widgets import TextArea

from ..textsafe import without_controls


class SafeTextArea(TextArea):
    """A TextArea for a person's words: no control characters, no more than MAX_TEXT_CHARS."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(without_controls(text), **kwargs)

    def edit(self, edit):  # type: ignore[override]
        """Refuse an edit (a huge paste, usually) that would make the text longer than
        services.MAX_TEXT_CHARS: past that the editor takes seconds per key press. What was
        already typed stays; the person is told why nothing was added."""
        from innercritic.limits import MAX_TEXT_CHARS

        if edit.text and without_controls(edit.text) != edit.text:
            # TextArea would draw an ESC or C1 byte straight to the terminal; none belongs in an answer.
            edit = replace(edit, text=without_controls(edit.text))
        if edit.text:
            current = len(self.text)
            if current + len(edit.text) > MAX_TEXT_CHARS:
                replaced = len(self.get_text_range(edit.from_location, edit.to_location))
                if current - replaced + len(edit.text) > MAX_TEXT_CHARS:
                    self.notify(
                        f"That is too long to add ({len(edit.text):,} characters): an answer keeps up to "
                        f"{MAX_TEXT_CHARS:,}. What you had typed is still here.",
                        title="Not added", severity="warning", timeout=8, markup=False,
                    )
                    return None
        return super().edit(edit)


def _bindings_without(key: str, *classes: type) -> list[Binding]:
    """The BINDINGS of `classes`, in order, with `key` taken off every one of them."""
    kept: list[Binding] = []
    for cls in classes:
        for binding in cls.BINDINGS:
            keys = [name for name in binding.key.split(",") if name.strip() != key]
            if keys:
                kept.append(replace(binding, key=",".join(keys)))
    return kept


class AnswerArea(SafeTextArea, inherit_bindings=False):
    # Ctrl+X is the dialogue's Stop (the README promises it). The text area's own ctrl+x
    # (cut) would win in the box, lifting the typed words out and hiding Stop from the
    # footer; the box keeps every other key, and cut on super+x.
    BINDINGS = _bindings_without("ctrl+x", ScrollableContainer, TextArea)

    class Submitted(Message):
        def __init__(self, area: "AnswerArea", text: str) -> None:
            super().__init__()
            self.area = area
            self.text = text

    def __init__(self, text: str = "", **kwargs) -> None:
        # No blinking (docs/screens.md: calm); a steady cursor also makes pictures of the screen repeatable.
        super().__init__(text, soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)
        self.cursor_blink = False

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
