"""The close of a dialogue: what was found, in the person's own words."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..textsafe import visible


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("enter", "home", "Home"), Binding("escape", "home", "Home", show=False), Binding("q", "app.quit", "Quit")]

    def __init__(self, rows: list[tuple[str, str]], title: str = "What you found today") -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield Static(Text(self.title_text, style="bold"), id="summary-title", markup=False)
        table = Table.grid(padding=(0, 3))
        table.add_column(style="dim", no_wrap=True)
        table.add_column()
        for label, value in self.rows:
            table.add_row(Text(label), Text(visible(value)))
        if not self.rows:
            table.add_row(Text(""), Text("You showed up for this. That counts."))
        with VerticalScroll(id="summary-body"):
            yield Static(table, markup=False)
            yield Static(Text("Thank you for staying with it. Everything is saved.", style="italic"), id="summary-thanks", markup=False)
        yield Footer()

    def action_home(self) -> None:
        self.app.go_home()
