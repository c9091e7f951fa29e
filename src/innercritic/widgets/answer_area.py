"""A multi-line answer box: Enter sends, Ctrl+J (or Shift+Enter) starts a new line.

Pastes arrive whole through TextArea's own paste handling, newlines included. A terminal
without bracketed paste (or tmux's send-keys) delivers a paste as one key per character
instead: those keys are gathered and put in as one edit, because TextArea re-wraps the
whole line on every edit and a few thousand separate edits would take minutes.
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
        self._keyed: list[str] = []  # characters typed and not yet put in (see _put_in_keyed)
        self._edited = False

    @property
    def was_edited(self) -> bool:
        """Whether anything was typed, pasted or deleted since the box was shown."""
        return self._edited or bool(self._keyed)

    def typed_text(self) -> str:
        """The text as the person has typed it, keys still waiting to be put in included."""
        if not self._keyed:
            return self.text
        start, end = sorted(self.selection)
        document = self.document
        text = self.text
        before = document.get_index_from_location(start)
        after = document.get_index_from_location(end)
        return without_controls(text[:before] + "".join(self._keyed) + text[after:])

    async def _on_message(self, message) -> None:
        # Anything but another typed character (a click, a paste, a timer, Enter) first
        # sees the characters already typed, so nothing happens out of order.
        if self._keyed and not self._gathers(message):
            self._put_in_keyed()
        await super()._on_message(message)

    def _gathers(self, message) -> bool:
        return (isinstance(message, events.Key) and message.is_printable and message.character is not None
                and message.key not in ("enter", "tab") and not self.read_only)

    async def _on_key(self, event: events.Key) -> None:
        if self._gathers(event):
            event.stop()
            event.prevent_default()
            if not self._keyed:
                self.call_later(self._put_in_keyed)  # runs after the keys already queued
            self._keyed.append(event.character)
            return
        await super()._on_key(event)

    def _put_in_keyed(self) -> None:
        if not self._keyed:
            return
        typed = "".join(self._keyed)
        self._keyed.clear()
        start, end = self.selection
        self._replace_via_keyboard(typed, start, end)

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
        self._edited = True
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
