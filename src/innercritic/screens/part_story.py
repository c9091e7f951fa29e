"""One part up close: its story, newest first, one card per dialogue (loudness
before → after, what it said, feared, protects you from, wants for you, how long it
has had the job, what was appreciated, what it needs to trust you a little more).

Handed an engine.story.PartStory that services/part_story.py built on the app's
database thread, the same story `innercritic parts show` prints. Enter on a card
asks the app to open that dialogue; the part's own changes (rename, describe,
merge) are messages the app answers.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from innercritic.engine import dates
from innercritic.engine.story import HELD_BACK, STORY_FIELDS, PartStory, StoryEntry, entry_heading
from innercritic.textsafe import one_line, visible
from innercritic.views.common import plural

LABELS = dict(STORY_FIELDS)


def card_text(entry: StoryEntry) -> Text:
    """One dialogue of the story as text: user words are Text, never markup."""
    text = Text()
    text.append(one_line(entry_heading(entry)), style="bold")
    if not entry.fields and not entry.held_back:
        text.append("\n  nothing written about it here", style="italic")
    for field, answer in entry.fields:
        text.append(f"\n{LABELS[field]}", style="bold")
        text.append("\n  " + visible(answer).replace("\n", "\n  "), style="italic" if field == "says" else "")
    if entry.held_back:
        text.append("\n" + HELD_BACK, style="dim")
    return text


class StoryCard(Static, can_focus=True):
    """One dialogue with the part; enter opens it."""

    def __init__(self, entry: StoryEntry) -> None:
        super().__init__(card_text(entry), markup=False)
        self.entry = entry


class PartDetailScreen(Screen[None]):
    """One part's story. up/down move between dialogues, enter opens one."""

    # From 120 columns the dialogues sit two by two, so a wide terminal shows twice as many.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("enter", "open", "Open dialogue"),
        Binding("i", "insights", "Its insights"),
        Binding("r", "change('rename')", "Rename"),
        Binding("d", "change('describe')", "Describe"),
        Binding("m", "change('merge')", "Merge into…"),
        Binding("down,j", "move(1)", "Next", show=False, priority=True),  # before the scroll view
        Binding("up,k", "move(-1)", "Previous", show=False, priority=True),
    ]

    class OpenEntry(Message):
        """Please load this dialogue and show its transcript."""

        def __init__(self, entry_id: int) -> None:
            super().__init__()
            self.entry_id = entry_id

    class ChangePart(Message):
        """The person asked to "rename", "describe" or "merge" this part."""

        def __init__(self, name: str, change: str, description: str | None) -> None:
            super().__init__()
            self.name = name
            self.change = change
            self.description = description

    class PartInsights(Message):
        """Please show Insights for this part alone (its last year)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, story: PartStory) -> None:
        super().__init__()
        self.story = story

    @property
    def name_of_part(self) -> str:
        return self.story.profile.part.name

    def compose(self) -> ComposeResult:
        profile = self.story.profile
        yield Static(Text(one_line(profile.part.name)), id="part-title", markup=False)
        bits = [f"came up {plural(profile.times, 'time')}"]
        if profile.last_seen:
            bits.append(f"last {dates.friendly(profile.last_seen)}")
        if self.story.reacted_to:
            bits.append("stepped in about " + ", ".join(one_line(n, 30) for n in self.story.reacted_to))
        if self.story.reactions:
            bits.append("parts that stepped in about it: " + ", ".join(one_line(n, 30) for n in self.story.reactions))
        yield Static(Text(" · ".join(bits)), id="part-meta", markup=False)
        with VerticalScroll(id="part-body"):
            if profile.part.description:
                yield Static(Text(visible(profile.part.description)), classes="part-description", markup=False)
            if not self.story.entries:
                yield Static("No dialogues with it yet.", classes="part-none", markup=False)
            for entry in self.story.entries:
                yield StoryCard(entry)
        yield Footer()

    def on_mount(self) -> None:
        cards = list(self.query(StoryCard))
        if cards:
            cards[0].focus()
        else:
            self.query_one("#part-body").focus()

    def _cards(self) -> list[StoryCard]:
        return list(self.query(StoryCard))

    def action_move(self, step: int) -> None:
        cards = self._cards()
        if not cards:
            self.query_one("#part-body").scroll_relative(y=step)
            return
        index = cards.index(self.focused) if self.focused in cards else -1
        target = cards[max(0, min(len(cards) - 1, index + step))]
        target.focus()
        target.scroll_visible()

    def action_open(self) -> None:
        if isinstance(self.focused, StoryCard):
            self.post_message(self.OpenEntry(self.focused.entry.entry_id))

    def action_change(self, change: str) -> None:
        part = self.story.profile.part
        self.post_message(self.ChangePart(part.name, change, part.description))

    def action_insights(self) -> None:
        self.post_message(self.PartInsights(self.name_of_part))

    def action_back(self) -> None:
        self.dismiss(None)
