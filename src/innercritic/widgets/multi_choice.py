"""Several choices at once: Space ticks one, Enter sends the ticked ones."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import SelectionList


class MultiChoice(SelectionList):
    """Space ticks a choice, Enter sends the ticked ones."""

    BINDINGS = [Binding("enter", "send", "Send", show=False)]

    def action_send(self) -> None:
        self.screen.submit(list(self.selected))
