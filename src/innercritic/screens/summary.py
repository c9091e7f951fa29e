"""The close of a dialogue: what was found, in the person's own words."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..textsafe import visible


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("enter", "home", "Home"), Binding("escape", "home", "Home", show=False), Binding("q", "app.quit", "Quit")]

    class HomeWanted(Message):
        """The person is done with the summary: back home."""

    def __init__(self, rows: list[tuple[str, str]], title: str = "What you found today", help_view=None) -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title
        self.help_view = help_view  # care_path.CrisisView when the crisis path was opened in the dialogue

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
            if self.help_view is not None:
                yield Static(self._help(), id="summary-help", markup=False)
            yield Static(Text("Thank you for staying with it. Everything is saved.", style="italic"), id="summary-thanks", markup=False)
        yield Footer()

    def _help(self) -> Text:
        from ..engine.care_words import words

        help_text = Text("\n" + visible(words().get("summary.resources")) + "\n", style="bold")
        for row in self.help_view.rows_of("emergency", "person", "line", "find"):
            detail = f" — {visible(row.detail)}" if row.detail else ""
            help_text.append(f"  {visible(row.label)}{detail}\n", style="")
        return help_text

    def action_home(self) -> None:
        self.post_message(self.HomeWanted())
