"""The one line of key hints at the foot of a modal screen. It always ends with F1, so
help now is named on every screen that covers the footer."""

from __future__ import annotations

from textual.widgets import Static

HELP_NOW = "F1 help now"


class KeyHints(Static):
    DEFAULT_CSS = """
    KeyHints {
        color: $text-muted;
        height: auto;
    }
    """

    def __init__(self, hints: str = "", **kwargs) -> None:
        text = f"{hints} · {HELP_NOW}" if hints else HELP_NOW
        super().__init__(text, markup=False, **kwargs)
