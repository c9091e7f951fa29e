"""Home: the ways in, a glance at recent days, and help one key away."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..engine.records import HistoryEntry
from ..engine.dates import friendly
from innercritic.views.common import plural
from innercritic.views.dialogues import loudness_change
from innercritic.views.home_menu import MENU, SHORT_LABELS
from ..textsafe import one_line


@dataclass(frozen=True)
class HomeData:
    # The unfinished dialogue as "part · flow · step" (never the critic's words), if any.
    unfinished_label: str | None = None
    has_unfinished: bool = False
    recent: tuple[HistoryEntry, ...] = ()
    loudness: tuple[int, ...] = field(default=())  # recent critic loudness, oldest first
    checkins: int = 0
    dialogues: int = 0
    first_run: bool = False
    flow_titles: dict = field(default_factory=dict)  # flow id -> title, for the recent list
    reminder: str | None = None  # the part reminder, only when turned on in config (part_reminder.py)


_SPARK = "▁▂▃▄▅▆▇█"


def _compact(entry: HistoryEntry, flow_titles: dict | None = None, width: int = 30) -> str:
    """One short line, at most `width` long, for the home screen's recent list: numbers, the
    part and the flow, never the critic's words (they may be the hardest thing someone wrote)."""
    if entry.kind == "checkin":
        bits = [f"mood {entry.mood}/5" if entry.mood else "", f"critic {entry.critic}/10" if entry.critic is not None else ""]
        line = " · ".join(bit for bit in bits if bit) or "check-in"
        if len(line) > width:  # "mood 2 · critic 7": the same numbers, shorter
            line = " · ".join(bit.split("/")[0] for bit in bits if bit) or "check-in"
        return one_line(line, width)
    change = loudness_change(entry)
    title = (flow_titles or {}).get(entry.flow_id, entry.flow_id)
    room = max(8, width - (len(change) + 2 if change else 0))
    about = one_line(f"{entry.part} · {title}" if entry.part else title, room)
    return f"{change}  {about}" if change else about


def sparkline(values: tuple[int, ...]) -> str:
    return "".join(_SPARK[min(len(_SPARK) - 1, round(v * (len(_SPARK) - 1) / 10))] for v in values)


NARROW = 76  # below this many columns the glance and the recent list are left out:
# beside the menu they would have to break words ("check-" / "ins")


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("t", "choose('talk')", "Talk"),
        Binding("r", "choose('resume')", "Resume", show=False),
        Binding("e", "choose('exercises')", "Exercises", show=False),
        Binding("c", "choose('checkin')", "Check-in"),
        Binding("b", "choose('breathe')", "Breathe", show=False),
        Binding("h", "choose('history')", "History"),
        Binding("p", "choose('parts')", "Parts", show=False),
        Binding("i", "choose('insights')", "Insights", show=False),
        Binding("s", "choose('plan')", "Safety plan", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    class Chosen(Message):
        """The person chose `key` on the menu ("talk", "resume", "checkin", "history", ...)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, data: HomeData | None = None, *, short_labels: bool = False) -> None:
        super().__init__()
        self.data = data or HomeData()
        self.short_labels = short_labels
        self._composed = False

    def compose(self) -> ComposeResult:
        yield Static(Text("innercritic", style="bold"), id="home-title", markup=False)
        with Horizontal(id="home-body"):
            yield OptionList(id="home-menu")
            with Vertical(id="home-side"):
                yield Static("", id="home-glance", markup=False)
                yield Static("", id="home-recent", markup=False)
        yield Static(
            Text("A self-help journal, not therapy. Need help now? Press F1."), id="home-note", markup=False
        )
        yield Footer()

    def on_mount(self) -> None:
        # Textual counts the screen as mounted only after this handler, so a flag
        # of our own says the widgets are there: data that came before is drawn now.
        self._composed = True
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self._draw(self.data)
        self.query_one("#home-menu").focus()

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        if self._composed:
            self._draw(self.data)

    def _side_width(self) -> int:
        """The side column's width for text: the screen less the menu and the paddings."""
        return max(20, self.app.size.width - 44 - 4 - 4)

    def show_data(self, data: HomeData) -> None:
        self.data = data
        if self._composed:
            self._draw(data)
        # else on_mount draws it

    def _draw(self, data: HomeData) -> None:
        menu = self.query_one("#home-menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        for key, label, shortcut in MENU:
            if key == "resume" and not data.has_unfinished:
                continue
            if self.short_labels:
                label = SHORT_LABELS[key]
            prompt = Text.assemble(label.ljust(16 if self.short_labels else 34), (shortcut, "dim"))
            if key == "resume" and data.unfinished_label:
                prompt.append("\n  " + one_line(data.unfinished_label, 40), style="dim")
            menu.add_option(Option(prompt, id=key))
        menu.highlighted = highlighted if highlighted is not None and highlighted < menu.option_count else 0
        glance = Text()
        if data.first_run:
            glance.append("Welcome. This is a private journal on this computer.\n", style="bold")
            glance.append("It is self-help, not therapy or a crisis service.\n")
            glance.append("Start with t to talk with the critic, or c for a quick check-in.\n")
        else:
            if data.loudness:
                glance.append(f"Recent loudness  {sparkline(data.loudness)}\n")
            glance.append(f"{plural(data.checkins, 'check-in')} · {plural(data.dialogues, 'dialogue')}\n", style="dim")
            if data.reminder:
                glance.append(data.reminder + "\n")
        self.query_one("#home-glance", Static).update(glance)
        recent = Text()
        width = self._side_width()
        for entry in data.recent[:6]:
            when = friendly(entry.at)[:10] if width >= 40 else friendly(entry.at)[4:10]  # "Tue 01 Dec" or "01 Dec"
            recent.append(f"{when}  ", style="dim")
            recent.append(_compact(entry, data.flow_titles, width - len(when) - 2) + "\n")
        self.query_one("#home-recent", Static).update(recent)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        self.action_choose(message.option.id)

    def action_choose(self, key: str) -> None:
        if key == "resume" and not self.data.has_unfinished:
            self.app.notify("There is no unfinished dialogue right now.", timeout=3)
            return
        self.post_message(self.Chosen(key))
