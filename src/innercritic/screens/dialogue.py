"""The dialogue: prompts, the person's answers, the critic's words set apart.

The screen never touches the database: every move goes to the app's
database thread (in order) and comes back as a DialogueView to draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..dialogue_session import DialogueView
from ..textsafe import visible
from ..widgets.bubbles import AnswerLine, CriticQuote, PromptLine, SkippedLine
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
        Binding("ctrl+r", "breathe", "Breathe"),
        Binding("ctrl+x", "stop", "Stop"),
        Binding("f2", "keys_help", "Keys", show=False),  # named in the hint line, so F1 fits the footer
    ]

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

    def compose(self) -> ComposeResult:
        with Vertical(id="dialogue-top"):
            yield Static(Text(visible(self.title_text), style="bold"), id="dialogue-title", markup=False)
            yield StepProgress(id="progress")
        yield VerticalScroll(id="conversation")
        yield Vertical(id="answer-box")
        yield Static("", id="status-line", markup=False)
        # The footer is mounted just after the first paint (see on_mount):
        # building it costs more than the whole prompt, and the prompt comes first.

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_footer)
        if self.view is not None:
            self.show_view(self.view)
        elif self.waiting_text:
            self.query_one("#conversation").mount(PromptLine(self.waiting_text, classes="prompt current"))

    def _mount_footer(self) -> None:
        from textual.widgets import Footer  # after the first paint, like the footer itself

        if not self.query(Footer):
            # Once it is in, ask it to show this screen's keys: as the app's first
            # screen (see InnerCriticApp.get_default_screen) nothing else would.
            # Compact and without the palette key, so F1 (help now) still fits at 60 columns.
            self.mount(Footer(compact=True, show_command_palette=False))
            self.call_after_refresh(self.refresh_bindings)

    # ---- drawing ---------------------------------------------------------------
    def show_view(self, view: DialogueView) -> None:
        self.view = view
        self._busy = False
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
        if view.step is not None:
            pieces.append(PromptLine(view.prompt, classes="prompt current"))
            if view.hint:
                pieces.append(Static(Text(visible(view.hint), style="dim"), classes="hint", markup=False))
        conversation.mount_all(pieces)
        conversation.scroll_end(animate=False)
        self._show_input(view)
        self.set_status("")

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
            box.mount(area, Static(Text("enter send · ctrl+j new line · f2 keys · every question can be skipped", style="dim"), markup=False))
            area.focus()
            area.move_cursor(area.document.end)
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
            box.mount(selection, Static(Text("space to tick · enter to send", style="dim"), markup=False))
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
                self.app.open_breathe(step.pattern, step.seconds, then=lambda: self.submit(None))
            else:
                self.submit(None)

    def on_text_area_changed(self, message) -> None:
        if self.view is not None and self.view.step is not None:
            self.app.typing_in(self.view.dialogue_id, self.view.step.id, message.text_area)
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_SAVE_DELAY, self._save_draft)

    def on_screen_suspend(self) -> None:
        # Another screen covers this one (breathe, help, home): keep the draft now
        # rather than from a timer that would fire behind it.
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
            self._save_draft()

    def _save_draft(self) -> None:
        inputs = self.query(".answer-input")
        area = inputs.first() if inputs else None
        if _is_answer_area(area) and self.view is not None and self.view.step is not None:
            self.app.dialogue_draft(area.text)
            self.set_status("draft kept")

    def submit(self, value: object) -> None:
        if self._busy or self.view is None or self.view.step is None:
            return
        self._busy = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self.app.dialogue_answer(value)

    def action_skip(self) -> None:
        if self._busy or self.view is None or self.view.step is None:
            return
        self._busy = True
        self.app.dialogue_skip()

    def action_back(self) -> None:
        if self._busy or self.view is None:
            return
        self._busy = True
        self.app.dialogue_back()

    def action_pause(self) -> None:
        area = self.query(".answer-input").first() if self.view else None
        draft = area.text if _is_answer_area(area) else None
        self.app.dialogue_pause(draft)

    def action_stop(self) -> None:
        self.app.dialogue_stop()

    def action_breathe(self) -> None:
        self.app.open_breathe((4, 4, 6), 60)

    def action_keys_help(self) -> None:
        self.app.notify(
            "Enter sends · Ctrl+J new line · Ctrl+S skip · Ctrl+B back · Esc pause (saved) · "
            "Ctrl+X stop · Ctrl+R breathe · F1 help now",
            title="Keys", timeout=8,
        )
