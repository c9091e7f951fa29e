"""The parts map: the named parts and how often each came up. One part up close,
its story, is screens/part_story.py.

Handed profiles (engine.records.PartProfile) the app loaded on its database
thread; opening a part is a message the app answers.
"""

from __future__ import annotations

from typing import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from innercritic.engine.records import PartProfile
from innercritic.textsafe import one_line
from innercritic.views.common import plural
from innercritic.widgets.entry_table import EntryTable

from .entry_cells import when_short

_NAME_WIDTH = 28
_TIMES_WIDTH = 24
_LAST_WIDTH = 12


def times_text(profile: PartProfile) -> str:
    """'5 times · 3 dialogues, 2 check-ins' squeezed to what is there."""
    bits = []
    if profile.dialogues:
        bits.append(plural(profile.dialogues, "dialogue"))
    if profile.checkins:
        bits.append(plural(profile.checkins, "check-in"))
    return ", ".join(bits) or "not yet"


class PartsScreen(Screen[None]):
    """Every named part, in name order as given."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("enter", "open", "Open"),
        Binding("a", "add", "Add a part"),
        Binding("l", "link", "Name a dialogue"),
    ]

    class OpenPart(Message):
        """Please load this part's profile (with its sayings) and show it."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    class AddPart(Message):
        """Please ask for a name and add that part."""

    class LinkDialogue(Message):
        """Please offer the dialogues with no part, and link the one chosen to a part."""

    def __init__(self, profiles: Iterable[PartProfile]) -> None:
        super().__init__()
        self.profiles: list[PartProfile] = list(profiles)

    def compose(self) -> ComposeResult:
        with Vertical(id="parts-body"):
            yield Static("Parts", id="parts-title", markup=False)
            if self.profiles:
                yield Static(
                    "The voices you have named. enter shows one's story; a adds a part; l names a dialogue's part.",
                    id="parts-intro", markup=False,
                )
                yield EntryTable(id="parts-table", cursor_type="row", zebra_stripes=False)
            else:
                yield Static(
                    "No named parts yet. When a dialogue asks what to call the critic and you give it "
                    "a name, it shows up here. a adds one; l names a dialogue's part afterwards.",
                    id="parts-empty", markup=False,
                )
        yield Footer()

    def on_mount(self) -> None:
        if not self.profiles:
            return
        table = self.query_one(DataTable)
        table.add_column("Part", width=_NAME_WIDTH, key="name")
        table.add_column("Came up", width=_TIMES_WIDTH, key="times")
        table.add_column("Last seen", width=_LAST_WIDTH, key="last")
        for index, profile in enumerate(self.profiles):
            table.add_row(
                Text(one_line(profile.part.name, _NAME_WIDTH)),
                Text(times_text(profile)),
                Text(when_short(profile.last_seen) if profile.last_seen else "–"),
                key=str(index),
            )
        table.focus()

    @property
    def current(self) -> PartProfile | None:
        if not self.profiles:
            return None
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return self.profiles[table.cursor_row]

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return bool(self.profiles)
        return True

    def action_open(self) -> None:
        profile = self.current
        if profile is not None:
            self.post_message(self.OpenPart(profile.part.name))

    def action_add(self) -> None:
        self.post_message(self.AddPart())

    def action_link(self) -> None:
        self.post_message(self.LinkDialogue())

    def action_back(self) -> None:
        self.dismiss(None)
