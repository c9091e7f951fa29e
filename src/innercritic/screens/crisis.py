"""A calm panel with places to find help, shown before anything else.

The words come from data/safety.toml (through engine.safety.CrisisInfo); this
screen only lays them out. It never judges and never hurries: the resources
come first, then a gentle question and three ways on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from innercritic.textsafe import visible

if TYPE_CHECKING:
    from innercritic.engine.safety import CrisisInfo

CHOICES = ("continue", "breathe", "stop")


def _plain(text: object) -> str:
    return visible(str(text or "")).strip()


class CrisisScreen(ModalScreen[str]):
    """Dismisses with "continue", "breathe" or "stop". Escape means "continue"."""

    DEFAULT_CSS = """
    CrisisScreen {
        align: center middle;
    }
    CrisisScreen #crisis-panel {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        background: $panel;
        border: round $accent;
        padding: 0 1;
    }
    CrisisScreen #crisis-body {
        height: auto;
        padding: 1 1 0 1;
        scrollbar-size-vertical: 1;
    }
    CrisisScreen #crisis-title {
        text-style: bold;
        color: $accent;
        margin-bottom: 1;
    }
    CrisisScreen #crisis-resources {
        height: auto;
        margin-top: 1;
    }
    CrisisScreen .resource {
        height: auto;
    }
    CrisisScreen .resource .bullet {
        width: 2;
        color: $accent;
    }
    CrisisScreen .resource .resource-text {
        width: 1fr;
    }
    CrisisScreen #crisis-not-therapy {
        color: $text-muted;
        margin-top: 1;
    }
    CrisisScreen #crisis-ask {
        height: auto;
        padding: 1 1 0 1;
    }
    CrisisScreen #crisis-question {
        text-style: bold;
    }
    CrisisScreen #crisis-closing {
        color: $text-muted;
    }
    CrisisScreen #crisis-choices {
        height: auto;
        margin-top: 1;
    }
    CrisisScreen #crisis-keys {
        color: $text-muted;
        margin-top: 1;
    }
    CrisisScreen #crisis-choices Button {
        margin-right: 2;
    }
    """

    BINDINGS = [
        # No letter shortcuts: this can open while someone is still typing.
        Binding("escape", "choose('continue')", "Continue"),
    ]

    def __init__(self, info: CrisisInfo, *, after_answer: bool = False) -> None:
        super().__init__()
        self.info = info
        self.after_answer = after_answer

    def compose(self) -> ComposeResult:
        info = self.info
        with Vertical(id="crisis-panel"):
            with VerticalScroll(id="crisis-body"):
                yield Static(_plain(info.title), id="crisis-title", markup=False)
                if self.after_answer:
                    intro = _plain(info.intro)
                else:
                    intro = _plain(info.intro_on_request)
                if intro:
                    yield Static(intro, id="crisis-intro", markup=False)
                with Vertical(id="crisis-resources"):
                    for resource in info.resources:
                        with Horizontal(classes="resource"):
                            yield Static("•", classes="bullet", markup=False)
                            yield Static(self._resource(resource), classes="resource-text")
                if _plain(info.not_therapy):
                    yield Static(_plain(info.not_therapy), id="crisis-not-therapy", markup=False)
            with Vertical(id="crisis-ask"):
                if self.after_answer:
                    question = _plain(info.safe_question)
                else:
                    question = _plain(info.question_on_request)
                yield Static(question, id="crisis-question", markup=False)
                if self.after_answer and _plain(info.closing):
                    yield Static(_plain(info.closing), id="crisis-closing", markup=False)
                with Horizontal(id="crisis-choices"):
                    yield Button("Continue", id="continue", compact=True)
                    yield Button("Breathe for a minute", id="breathe", compact=True)
                    yield Button("Stop for now", id="stop", compact=True)
                yield Static("tab moves to the choices · esc continues", id="crisis-keys", markup=False)

    @staticmethod
    def _resource(resource: object) -> Content:
        label = _plain(getattr(resource, "label", ""))
        detail = _plain(getattr(resource, "detail", ""))
        if label and detail:
            return Content.assemble((label, "bold"), " — ", detail)
        return Content.styled(label, "bold") if label else Content(detail)

    def on_mount(self) -> None:
        self._fit()
        # Start on the words, not a button, so a stray enter doesn't skip past the help.
        self.query_one("#crisis-body").focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Keep the question and the buttons on screen; the help above scrolls if it must."""
        ask = self.query_one("#crisis-ask")
        ask_height = ask.outer_size.height or 6
        room = self.size.height or self.app.size.height
        self.query_one("#crisis-body").styles.max_height = max(4, room - 2 - ask_height)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id in CHOICES:
            self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
