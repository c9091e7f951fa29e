"""The baseline for the pty rows: the smallest Textual app that shows one line.

bench/run.py times how long this takes to put its text on an 80x24 screen,
and compares `innercritic talk` (time to its first prompt) with it.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

TEXT = "innercritic bench ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(TEXT)


if __name__ == "__main__":
    BareApp().run()
