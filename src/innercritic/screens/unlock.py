"""The first screen on an encrypted journal: ask for its passphrase.

It only draws and asks. The passphrase goes up in a Submitted message; the
app tries it on its database thread and answers with ``refused`` (try again)
or ``unlocked`` (the screen empties and stays underneath, as the app's base).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static


class UnlockScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.quit", "Quit", show=False)]

    class Submitted(Message):
        def __init__(self, screen: "UnlockScreen", passphrase: str) -> None:
            super().__init__()
            self.screen = screen
            self.passphrase = passphrase

        def __repr__(self) -> str:  # never the passphrase, in a log or a crash report
            return "UnlockScreen.Submitted(<hidden>)"

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock-panel"):
            yield Static("This journal is encrypted.", id="unlock-title", markup=False)
            yield Static(self.path, id="unlock-path", markup=False)
            yield Input(password=True, placeholder="passphrase", id="unlock-input")
            yield Static("", id="unlock-status", markup=False)
            yield Static("Enter opens it · Esc or Ctrl+Q quits", id="unlock-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.busy or not event.value:
            return
        self.busy = True
        self._status("Opening…", refused=False)
        self.post_message(self.Submitted(self, event.value))

    def refused(self, message: str) -> None:
        """The passphrase did not open it: say so, clear the box, let them try again."""
        self.busy = False
        box = self.query_one(Input)
        box.value = ""
        box.focus()
        self._status(message, refused=True)

    def unlocked(self) -> None:
        """Opened: nothing of the passphrase stays on screen; the app's screens go on top."""
        self.busy = False
        self.query_one("#unlock-panel").remove()

    def _status(self, text: str, *, refused: bool) -> None:
        status = self.query_one("#unlock-status", Static)
        status.update(text)
        status.set_class(refused, "-refused")
