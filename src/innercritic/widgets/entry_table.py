"""The table of entries used by the history browser and the parts map."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class EntryTable(DataTable):
    """The list itself: home and end go to the first and last row loaded."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open"),
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]
