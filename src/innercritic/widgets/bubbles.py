"""The conversation's pieces. The person's words are always plain data (markup=False)."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from ..textsafe import visible


class PromptLine(Static):
    """A question the dialogue asked."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(Text(visible(text)), markup=False, **kwargs)


class AnswerLine(Static):
    """Something the person wrote, in their own voice."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(Text(visible(text)), markup=False, **kwargs)


class CriticQuote(Static):
    """The critic's own words: set apart as a quote, never mixed with the person's voice.

    The dialogue sets them in curly quotes and italics; a transcript (`marks=False`) shows
    them bare and its stylesheet sets them apart with a bar and italics instead."""

    def __init__(self, text: str, *, marks: bool = True, **kwargs) -> None:
        words = visible(text)
        shown = Text(f"“{words}”", style="italic") if marks else Content(words)
        super().__init__(shown, markup=False, **kwargs)


class SkippedLine(Static):
    def __init__(self, **kwargs) -> None:
        super().__init__(Text("skipped", style="dim italic"), markup=False, **kwargs)


class LensNote(Static):
    """The critic lens: a quiet noticing under the critic's words (it quotes them, so never markup)."""

    def __init__(self, reflections: tuple[str, ...], **kwargs) -> None:
        text = Text("A gentle noticing: ", style="dim bold")
        text.append(" ".join(visible(line) for line in reflections), style="dim italic")
        super().__init__(text, markup=False, **kwargs)
