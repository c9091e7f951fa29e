"""The crisis panel: the most urgent line first, a real question, and ways on.

It draws a CrisisView (services/care_path.py) and the words of data/care.toml; it never
shows what the person wrote. Stages:

- "ask" (after words said outright): the help, then "are you safe at this
  moment?" with Yes / No / Not sure. Focus starts on the words, not a button,
  so a stray Enter from the answer box picks nothing; Escape shows the calm
  help screen (as "not sure" would, without an answer kept).
- "safe" (Yes): gentle choices: carry on, breathe, stop.
- "unsafe" (No / Not sure): one calm screen: the emergency number, the plan's
  people, the lines for the country, and a suggestion to reach someone now;
  choices: breathe, read my safety plan, stop.
- "request" (F1, asked for): the same help, and breathe, my safety plan, back.

The screen posts Answered when the question is answered (the app keeps it),
PlanWanted and CountryWanted for the app to open those screens on top, and
dismisses with "carry_on", "breathe", "stop" or "back".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from innercritic.textsafe import visible


if TYPE_CHECKING:
    from innercritic.services.care_path import CrisisView

STAGES = ("ask", "safe", "unsafe", "request")
MAX_PEOPLE = 3
MAX_STEPS = 2


def _plain(text: object) -> str:
    return visible(str(text or "")).strip()


class CrisisScreen(ModalScreen[str]):
    """Dismisses with "carry_on", "breathe", "stop" or "back"."""

    BINDINGS = [
        # No letter shortcuts: this can open while someone is still typing.
        Binding("escape", "escape", "Back"),
    ]

    class Answered(Message):
        """The person answered "are you safe at this moment?" ("yes", "no", "not_sure")."""

        def __init__(self, answer: str) -> None:
            super().__init__()
            self.answer = answer

    class PlanWanted(Message):
        """Open the safety plan over the panel."""

    class CountryWanted(Message):
        """Let the person choose the country the lines are for."""

    def __init__(self, view: CrisisView, *, stage: str = "request") -> None:
        super().__init__()
        if stage not in STAGES:
            raise ValueError(stage)
        self.view = view
        self.stage = stage
        self.answer: str | None = None
        self._drawn = 0  # which drawing a pending fit belongs to
        self._resize_timer = None

    # ---- drawing ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="crisis-panel"):
            yield VerticalScroll(id="crisis-body")
            yield Vertical(id="crisis-ask")

    async def on_mount(self) -> None:
        await self._draw()

    def show_view(self, view: CrisisView) -> None:
        """New help lines (after the country was changed); the stage stays."""
        self.view = view
        self.call_next(self._draw)

    def _words(self):
        from innercritic.engine.care_words import words

        return words()

    async def _draw(self) -> None:
        w = self._words()
        body = self.query_one("#crisis-body", VerticalScroll)
        ask = self.query_one("#crisis-ask", Vertical)
        await body.remove_children()
        await ask.remove_children()
        await body.mount_all(self._help_widgets())
        await ask.mount_all(self._ask_widgets(w))
        body.scroll_home(animate=False)
        body.focus()
        self._drawn += 1
        drawn = self._drawn
        self.call_after_refresh(lambda: self._fit(drawn))

    def _help_widgets(self) -> list:
        view, w = self.view, self._words()
        title = w.get("unsafe.title") if self.stage == "unsafe" else view.title
        pieces: list = [Static(_plain(title), id="crisis-title", markup=False)]
        if self.stage == "safe":
            pieces.append(Static(_plain(w.get("safe.text")), id="crisis-intro", markup=False))
        elif self.stage != "unsafe":
            pieces.append(Static(_plain(view.intro), id="crisis-intro", markup=False))
        people = list(view.rows_of("person"))
        steps = list(view.rows_of("step")) if self.stage in ("unsafe", "request") else []
        for row in view.rows:
            if row.kind == "person" and people.index(row) >= MAX_PEOPLE:
                continue
            if row.kind == "step" and (row not in steps or steps.index(row) >= MAX_STEPS):
                continue
            pieces.append(self._row_widget(row))
        if self.stage == "unsafe":
            pieces.append(Static(_plain(w.get("unsafe.reach")), classes="crisis-row reach", markup=False))
            pieces.append(Static(_plain(w.get("unsafe.hope")), classes="crisis-row muted", markup=False))
        country = Horizontal(
            Static(_plain(view.country_note), classes="muted", markup=False),
            Button(_plain(w.get("panel.change_country")), id="country", compact=True),
            id="crisis-country",
        )
        pieces.append(country)
        if self.stage == "request":
            pieces.append(Static(_plain(view.not_therapy), id="crisis-not-therapy", classes="muted", markup=False))
        return pieces

    def _row_widget(self, row):
        label, detail = _plain(row.label), _plain(row.detail)
        if row.kind == "emergency":
            return Static(Content.styled(label, "bold"), classes="crisis-row emergency")
        if row.kind == "step" or not detail:
            text = Content(label) if row.kind == "step" else Content.styled(label, "bold")
        else:
            text = Content.assemble((label, "bold"), " — ", detail)
        # The bullet in its own column, so a wrapped line stays under its words.
        return Horizontal(
            Static("•", classes="bullet", markup=False), Static(text, classes="row-text"),
            classes=f"crisis-row {row.kind}",
        )

    def _ask_widgets(self, w) -> list:
        context = self.view.context
        if self.stage == "ask":
            question = Static(_plain(w.get("question.ask")), id="crisis-question", markup=False)
            buttons = [("yes", w.get("question.yes")), ("no", w.get("question.no")), ("not_sure", w.get("question.not_sure"))]
            keys = w.get("question.keys")
        elif self.stage == "safe":
            question = None
            buttons = [
                ("carry_on", w.for_context("safe.carry_on", context)),
                ("breathe", w.get("safe.breathe")),
                ("stop", w.get("safe.stop")),
            ]
            keys = w.get("unsafe.keys")
        elif self.stage == "unsafe":
            question = None
            plan = w.get("unsafe.plan") if self.view.has_plan else w.get("unsafe.plan_make")
            buttons = [("breathe", w.get("unsafe.breathe")), ("plan", plan), ("stop", w.get("unsafe.stop"))]
            keys = w.get("unsafe.keys")
        else:
            plan = w.get("request.plan") if self.view.has_plan else w.get("request.plan_make")
            question = None
            buttons = [("breathe", w.get("request.breathe")), ("plan", plan), ("back", w.get("request.back"))]
            keys = w.get("request.keys")
        pieces: list = [question] if question is not None else []
        pieces.append(Horizontal(*[Button(_plain(label), id=key, compact=True) for key, label in buttons], classes="choices"))
        pieces.append(Static(_plain(keys), id="crisis-keys", classes="muted", markup=False))
        return pieces

    def on_resize(self) -> None:
        # Drawn again once the size settles, so what a smaller size left out comes back.
        if self._resize_timer is not None:
            self._resize_timer.stop()
        self._resize_timer = self.set_timer(0.1, lambda: self.call_next(self._draw))

    def _fit(self, drawn: int) -> None:
        """Keep the question and the choices on screen; when the help cannot all fit,
        drop the gentlest words first (the not-therapy line, the intro) so the
        emergency number, the person's own people and the lines stay in view."""
        if not self.is_attached or drawn != self._drawn:
            return
        ask = self.query_one("#crisis-ask")
        room = (self.size.height or self.app.size.height) - 2 - (ask.outer_size.height or 4)
        body = self.query_one("#crisis-body", VerticalScroll)
        body.styles.max_height = max(3, room)
        needed = sum(child.outer_size.height for child in body.children if child.display)
        if not needed or needed <= room:
            return
        for optional in ("#crisis-not-therapy", "#crisis-intro"):
            for widget in self.query(optional):
                if widget.display:
                    widget.display = False
                    self.call_after_refresh(lambda: self._fit(drawn))
                    return

    # ---- choosing --------------------------------------------------------------------
    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        choice = event.button.id
        if choice in ("yes", "no", "not_sure"):
            self.answer = choice
            self.post_message(self.Answered(choice))
            self.stage = "safe" if choice == "yes" else "unsafe"
            await self._draw()
        elif choice == "plan":
            self.post_message(self.PlanWanted())
        elif choice == "country":
            self.post_message(self.CountryWanted())
        elif choice in ("carry_on", "breathe", "stop", "back"):
            self.dismiss(choice)

    async def action_escape(self) -> None:
        if self.stage == "ask":
            self.stage = "unsafe"  # not answered: the calm help, before anything else
            await self._draw()
        else:
            self.dismiss("back")
