"""The dialogue: prompts, the person's answers, the critic's words set apart.

The screen never touches the database, nor calls the app by name: every move is
a Message (Answered, Skipped, WentBack, Paused, Stopped, DraftChanged, ...) with
the StepKey of the step it was made on; the app runs it on its database thread
(in order) and hands back a DialogueView to draw (show_view). The question being answered sits in its
own area just above the answer box, so it is always on screen whatever the
conversation above it has scrolled to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from innercritic.services.dialogue_view import DialogueView
from ..textsafe import visible
from ..widgets.bubbles import AnswerLine, CriticQuote, LensNote, PromptLine, SkippedLine
from ..widgets.progress import StepProgress
from ..widgets.scale import ScalePicker

if TYPE_CHECKING:  # loaded lazily at run time: not needed for the first prompt
    from textual.widgets import OptionList

    from ..widgets.answer_area import AnswerArea

DRAFT_SAVE_DELAY = 1.0


def _is_answer_area(widget) -> bool:
    from ..widgets.answer_area import AnswerArea  # loaded lazily: not needed for the first prompt

    return isinstance(widget, AnswerArea)


class DialogueScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "skip", "Skip"),
        Binding("ctrl+b", "back", "Back"),
        Binding("escape", "pause", "Pause"),
        # Stop works, and is shown, on every step and never touches the text: priority, so
        # no focused widget can take the key (the answer box gives up its ctrl+x cut too).
        Binding("ctrl+x", "stop", "Stop", priority=True),
        Binding("ctrl+r", "breathe", "Breathe", show=False),  # listed by F2; the footer fits 60 columns
        Binding("f2", "keys_help", "Keys"),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]

    # ---- what the screen asks of the app --------------------------------------------
    class Move(Message):
        """A move made on the step `key` names (a StepKey; None when there is no step)."""

        def __init__(self, dialogue: "DialogueScreen", key) -> None:
            super().__init__()
            self.dialogue = dialogue
            self.key = key

    class Answered(Move):
        """The answer `value` was sent (text, a choice id, a list of ids, a number; None for info)."""

        def __init__(self, dialogue: "DialogueScreen", key, value: object) -> None:
            super().__init__(dialogue, key)
            self.value = value

    class Skipped(Move):
        """The step was skipped; `unsent` is what was in the answer box (kept as its draft)."""

        def __init__(self, dialogue: "DialogueScreen", key, unsent: str | None) -> None:
            super().__init__(dialogue, key)
            self.unsent = unsent

    class WentBack(Skipped):
        """Back to the step before; `unsent` is what was in the answer box."""

    class Paused(Skipped):
        """Pause: keep everything, go home."""

    class Stopped(Skipped):
        """Stop for now: what was typed is kept, go home."""

    class DraftChanged(Move):
        """Keep `text` as the draft of the step `key` names (dropped if that step has moved on)."""

        def __init__(self, dialogue: "DialogueScreen", key, text: str) -> None:
            super().__init__(dialogue, key)
            self.text = text

    class TypingIn(Move):
        """The answer box `area` is being typed in for the step `key`: read when the app closes."""

        def __init__(self, dialogue: "DialogueScreen", key, area) -> None:
            super().__init__(dialogue, key)
            self.area = area

    class BreatheWanted(Message):
        """Open a breathing exercise; `then_answer`: send the (breathe) step's answer after it."""

        def __init__(self, dialogue: "DialogueScreen", pattern, seconds: int, then_answer: bool = False) -> None:
            super().__init__()
            self.dialogue = dialogue
            self.pattern = pattern
            self.seconds = seconds
            self.then_answer = then_answer

    def __init__(
        self, first_view: DialogueView | None, *, title: str, waiting_text: str | None = None, note: str | None = None,
    ) -> None:
        super().__init__()
        self.view = first_view
        self.title_text = title
        self.waiting_text = waiting_text
        self.note = note  # shown above the conversation: the first talk ever says what this is, and F1
        self._busy = False
        self._draft_timer = None
        self._lens: dict[int, tuple[str | None, tuple[str, ...]]] = {}  # position -> (answer, reflections)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialogue-top"):
            yield Static(Text(visible(self.title_text), style="bold"), id="dialogue-title", markup=False)
            yield StepProgress(id="progress")
        yield VerticalScroll(id="conversation")
        yield Vertical(id="current-question")
        yield Vertical(id="answer-box")
        yield Static("", id="status-line", markup=False)
        # The footer is mounted just after the first paint (see on_mount):
        # building it costs more than the whole prompt, and the prompt comes first.

    def on_mount(self) -> None:
        # Anchored: the conversation stays scrolled to its latest turn as turns are drawn,
        # whenever the layout settles (reading back up releases it until the next move).
        self.query_one("#conversation", VerticalScroll).anchor()
        self.call_after_refresh(self._mount_footer)
        if self.view is not None:
            self.show_view(self.view)
        elif self.waiting_text:
            self.query_one("#current-question").mount(PromptLine(self.waiting_text, classes="prompt current"))

    def _mount_footer(self) -> None:
        from textual.widgets import Footer  # after the first paint, like the footer itself

        if not self.query(Footer):
            # Once it is in, ask it to show this screen's keys: as the app's first
            # screen (see InnerCriticApp.get_default_screen) nothing else would.
            # Compact, without the palette key, so Stop and Help now fit in 60 columns.
            self.mount(Footer(compact=True, show_command_palette=False))
            self.call_after_refresh(self.refresh_bindings)

    # ---- drawing ---------------------------------------------------------------
    def show_view(self, view: DialogueView) -> None:
        self.view = view
        self._busy = False
        self._stop_draft_timer()
        self.query_one(StepProgress).show(list(view.progress))
        conversation = self.query_one("#conversation", VerticalScroll)
        conversation.remove_children()
        pieces = []
        if self.note:
            pieces.append(Static(Text(visible(self.note), style="dim italic"), classes="first-note", markup=False))
        for turn, role in view.turns:
            if turn.answer is None and not turn.skipped:
                continue  # an info step that was read: no need to repeat it
            pieces.append(PromptLine(turn.prompt, classes="prompt"))
            if turn.skipped:
                pieces.append(SkippedLine(classes="answer"))
            elif role == "critic_words":
                pieces.append(CriticQuote(turn.answer, classes="critic"))
            else:
                pieces.append(AnswerLine(turn.answer, classes="answer"))
            noticed = self._lens.get(turn.position)
            if noticed is not None and noticed[0] == turn.answer:
                pieces.append(LensNote(noticed[1], classes="lens"))
        conversation.mount_all(pieces)
        conversation.scroll_end(animate=False)
        question = self.query_one("#current-question", Vertical)
        question.remove_children()
        if view.step is not None:
            question.mount(PromptLine(view.prompt, classes="prompt current"))
            if view.hint:
                question.mount(Static(Text(visible(view.hint), style="dim"), classes="hint", markup=False))
        self._show_input(view)
        self.set_status("")
        self.refresh_bindings()

    def note_reflections(self, turn, reflections: tuple[str, ...]) -> None:
        """The critic lens for an answer just given: drawn under that answer (see show_view)
        for as long as it is the answer there. An answer without findings clears it."""
        if reflections:
            self._lens[turn.position] = (turn.answer, tuple(reflections))
        else:
            self._lens.pop(turn.position, None)

    def ready(self) -> None:
        """Nothing moved (see DialogueRoutes._after_move), or a problem was shown: keys work again."""
        self._busy = False

    def send_answer(self, value: object) -> None:
        """Send `value` as the current step's answer (as pressing enter on it would)."""
        self.submit(value)

    def answer_refused(self, problem: str) -> None:
        self._busy = False
        self.set_status(problem)

    def _show_input(self, view: DialogueView) -> None:
        box = self.query_one("#answer-box", Vertical)
        box.remove_children()
        step = view.step
        if step is None:
            return
        if step.kind == "text":
            from ..widgets.answer_area import AnswerArea

            prefill = view.prefill if isinstance(view.prefill, str) else ""
            area = AnswerArea(prefill, classes="answer-input")
            box.mount(area, Static(Text("enter send · ctrl+j new line · every question can be skipped", style="dim"),
                                   classes="input-hint", markup=False))
            area.focus()
            area.move_cursor(area.document.end)
            if view.key is not None:
                self.post_message(self.TypingIn(self, view.key, area))
        elif step.kind == "choice":
            from textual.widgets import OptionList
            from textual.widgets.option_list import Option

            options = OptionList(*[Option(Text(choice.label), id=choice.id) for choice in step.choices], classes="answer-input")
            box.mount(options)
            if isinstance(view.prefill, str):
                for index, choice in enumerate(step.choices):
                    if choice.id == view.prefill:
                        options.highlighted = index
            options.focus()
        elif step.kind == "multi":
            from ..widgets.multi_choice import MultiChoice

            chosen = set(view.prefill) if isinstance(view.prefill, list) else set()
            selection = MultiChoice(*[(Text(c.label), c.id, c.id in chosen) for c in step.choices], classes="answer-input")
            box.mount(selection, Static(Text("space to tick · enter to send", style="dim"), classes="input-hint",
                                        markup=False))
            selection.focus()
        elif step.kind == "scale":
            picker = ScalePicker(view.prefill if isinstance(view.prefill, int) else None,
                                 step.min_label, step.max_label, classes="answer-input")
            box.mount(picker)
            picker.focus()
        else:  # info, breathe
            label = "enter to breathe · ctrl+s to skip" if step.kind == "breathe" else "enter to go on"
            area = Static(Text(label, style="dim"), classes="answer-input", markup=False)
            area.can_focus = True
            box.mount(area)
            area.focus()

    def set_status(self, text: str) -> None:
        self.query_one("#status-line", Static).update(Text(text, style="dim"))

    # ---- input -------------------------------------------------------------------
    def on_answer_area_submitted(self, message: AnswerArea.Submitted) -> None:
        text = message.text
        if text.strip():
            self.submit(text)
        else:
            self.action_skip()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        self.submit(message.option.id)

    def on_scale_picker_chosen(self, message: ScalePicker.Chosen) -> None:
        self.submit(message.value)

    def on_key(self, event) -> None:
        step = self.view.step if self.view else None
        if event.key == "enter" and step is not None and step.kind in ("info", "breathe"):
            event.stop()
            if step.kind == "breathe":
                self.post_message(self.BreatheWanted(self, step.pattern, step.seconds, then_answer=True))
            else:
                self.submit(None)

    def on_text_area_changed(self, message) -> None:
        if self.view is not None and self.view.key is not None:
            self.post_message(self.TypingIn(self, self.view.key, message.text_area))
        self._stop_draft_timer()
        self._draft_timer = self.set_timer(DRAFT_SAVE_DELAY, self._save_draft)

    def on_screen_suspend(self) -> None:
        # Another screen covers this one (breathe, help, home): keep the draft now
        # rather than from a timer that would fire behind it.
        if self._draft_timer is not None:
            self._stop_draft_timer()
            self._save_draft()

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def _typed(self) -> str | None:
        """What is in the answer box, if this step has one."""
        inputs = self.query(".answer-input")
        area = inputs.first() if inputs else None
        return area.typed_text() if _is_answer_area(area) else None

    def _save_draft(self) -> None:
        # Sent with the key of the step it was typed for: if that step has been answered,
        # skipped or gone back from meanwhile, the database thread drops it (never saving
        # one question's words as the next one's draft).
        self._draft_timer = None
        text = self._typed()
        if text is not None and self.view is not None and self.view.key is not None:
            self.post_message(self.DraftChanged(self, self.view.key, text))
            self.set_status("draft kept")

    def _can_move(self) -> bool:
        return not self._busy and self.view is not None and self.view.step is not None

    def submit(self, value: object) -> None:
        if not self._can_move():
            return
        self._busy = True
        self._stop_draft_timer()
        self.post_message(self.Answered(self, self.view.key, value))

    def action_skip(self) -> None:
        if not self._can_move():
            return
        self._busy = True
        self._stop_draft_timer()
        self.post_message(self.Skipped(self, self.view.key, self._typed()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":  # shown dimmed on the first question: there is nothing to go back to
            return self.view is not None and bool(self.view.turns)
        return True

    def action_back(self) -> None:
        if self._busy or self.view is None or not self.view.turns:
            return
        self._busy = True
        self._stop_draft_timer()
        self.post_message(self.WentBack(self, self.view.key, self._typed()))

    def action_pause(self) -> None:
        self._stop_draft_timer()
        self.post_message(self.Paused(self, self.view.key if self.view else None, self._typed()))

    def action_stop(self) -> None:
        self._stop_draft_timer()
        self.post_message(self.Stopped(self, self.view.key if self.view else None, self._typed()))

    def action_breathe(self) -> None:
        self.post_message(self.BreatheWanted(self, (4, 4, 6), 60))

    def action_keys_help(self) -> None:
        self.app.notify(
            "Enter sends · Ctrl+J new line · Ctrl+S skip · Ctrl+B back · Esc pause (saved) · "
            "Ctrl+X stop (what you typed is kept) · Ctrl+R breathe · F1 help now",
            title="Keys", timeout=8,
        )
