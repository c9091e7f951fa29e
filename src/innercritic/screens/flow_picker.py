"""Choose a guided exercise."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from innercritic.widgets.key_hints import KeyHints


class FlowPicker(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, flows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.flows = flows  # (id, title, description)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Text("Choose an exercise", style="bold"), markup=False)
            yield OptionList(
                *[Option(Text.assemble((title, "bold"), "\n", (desc, "dim")), id=fid) for fid, title, desc in self.flows],
                id="picker-list",
            )
            yield KeyHints("enter to start · esc to go back")

    def on_mount(self) -> None:
        self._fit(self.app.size.height)

    def on_resize(self, event) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        """The list scrolls within the screen, so the title and the keys stay on it."""
        # the panel's padding (2), its title (1) and key line (1), and a row of air
        self.query_one("#picker-list", OptionList).styles.max_height = max(4, height - 6)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option.id)
