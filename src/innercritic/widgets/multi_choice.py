"""Several choices at once: Space ticks one, Enter sends the ticked ones."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED, UNTICKED = "[x] ", "[ ] "  # the same width as the stock toggle and its gap


class MultiChoice(SelectionList):
    """Space ticks a choice, Enter sends the ticked ones. A ticked choice reads [x] and
    an unticked one [ ], so the state is there in the shape, not only in a colour."""

    BINDINGS = [Binding("enter", "send", "Send", show=False)]

    def action_send(self) -> None:
        self.screen.submit(list(self.selected))

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        index = self.scroll_offset.y + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        base = next(iter(line)).style or self.rich_style
        mark = TICKED if selection.value in self._selected else UNTICKED
        return Strip([Segment(mark, base + Style(bold=True, meta={"option": index})), *line])
