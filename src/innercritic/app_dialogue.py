"""The app's side of a dialogue: open it, send each answer, skip, go back, pause
and stop, all on the database thread (see InnerCriticApp.db), in order.

A mixin of InnerCriticApp; it uses the app's db(), journal(), screens and session.
"""

from __future__ import annotations

FIRST_PAINT_WAIT_SECONDS = 1.0


class DialogueRoutes:
    def _flows(self):
        from .engine.flow import load_flows

        return load_flows()

    def begin_dialogue(self, flow_id: str | None, part: str | None) -> None:
        opened = self._new_dialogue(flow_id, part)
        if opened is None:
            self.show_problem(f"there is no flow '{flow_id}'")
            return
        screen, flow = opened
        self.push_screen(screen)
        self._start_session(flow, part)

    def _new_dialogue(self, flow_id: str | None, part: str | None):
        """(a DialogueScreen showing the flow's first prompt, the flow), or None
        when there is no such flow. Nothing is saved until _start_session."""
        from .engine.conversation import Conversation
        from .engine.flow import DEFAULT_FLOW_ID, shipped_flow
        from .screens.dialogue import DialogueScreen

        flow = shipped_flow(flow_id or DEFAULT_FLOW_ID)
        if flow is None:
            return None
        preview = _preview_view(flow, Conversation(flow), part)
        return DialogueScreen(preview, title=flow.title), flow

    def _start_session(self, flow, part: str | None) -> None:
        from .dialogue_session import DialogueSession, view_of

        def start():
            self._first_paint.wait(timeout=FIRST_PAINT_WAIT_SECONDS)
            self._let_go_of_session()
            self.session = DialogueSession.start(self.journal(), flow, part=part)
            return view_of(self.session)

        # Opening the journal loads SQLModel, which would hold the interpreter
        # while the first prompt is being drawn; let the screen paint first.
        self.call_after_refresh(self._first_paint.set)
        self.db(start, then=self._dialogue_started, failed=self._dialogue_failed)

    def _dialogue_started(self, view) -> None:
        screen = self.screen
        if hasattr(screen, "view") and screen.view is not None:
            screen.view = type(screen.view)(**{**screen.view.__dict__, "dialogue_id": view.dialogue_id})

    def _dialogue_failed(self, message: str) -> None:
        self.show_problem(message)
        self.go_home()

    def resume_dialogue(self, dialogue_id: int | None, take_over: bool = False) -> None:
        from .dialogue_session import DialogueSession, view_of
        from .errors import DialogueOpenElsewhere
        from .screens.dialogue import DialogueScreen

        screen = DialogueScreen(None, title="Picking up where you left off", waiting_text="Finding your place…")
        self.push_screen(screen)

        def resume():
            self._let_go_of_session()
            try:
                self.session = DialogueSession.resume(self.journal(), self._flows(), dialogue_id, take_over=take_over)
            except DialogueOpenElsewhere as elsewhere:
                return elsewhere
            return view_of(self.session)

        def resumed(result) -> None:
            if isinstance(result, DialogueOpenElsewhere):
                self._open_elsewhere(screen, result)
            else:
                screen.show_view(result)

        self.db(resume, then=resumed, failed=self._dialogue_failed)

    def _open_elsewhere(self, waiting, elsewhere) -> None:
        """Another innercritic has this dialogue open: read it, take it over, or go back."""
        from .screens.open_elsewhere import OpenElsewhereScreen

        if self.screen is waiting:
            self.pop_screen()

        def chosen(choice: str | None) -> None:
            if choice == "take":
                self.resume_dialogue(elsewhere.dialogue_id, take_over=True)
                return
            if len(self.screen_stack) <= 1:  # `talk --resume` opened on it: home is behind it
                self.go_home()
            if choice == "read":
                self.open_transcript(elsewhere.dialogue_id)

        self.push_screen(OpenElsewhereScreen(elsewhere.dialogue_id, elsewhere.holder), chosen)

    def _let_go_of_session(self) -> None:
        """On the database thread: the dialogue being left may be resumed by another innercritic."""
        if self.session is not None:
            session, self.session = self.session, None
            session.close()

    def dialogue_lost(self, message: str) -> None:
        """The dialogue was deleted or taken over elsewhere; the message says where the words went."""
        from .textsafe import one_line

        self._typing = None
        self.notify(one_line(message), title="This dialogue is no longer here", severity="warning", timeout=30, markup=False)
        self.go_home()

    def dialogue_answer(self, value: object) -> None:
        from .dialogue_session import view_of
        from .engine.conversation import AnswerError

        def work():
            try:
                outcome = self.session.answer(value)
            except AnswerError as problem:
                return str(problem), None, None
            return None, outcome, view_of(self.session)

        self.db(work, then=self._answered)

    def _answered(self, result) -> None:
        problem, outcome, view = result
        screen = self.screen
        if problem is not None:
            screen._busy = False
            screen.set_status(problem)
            return
        self._after_move(view)
        for reflection in outcome.reflections:
            self.notify(reflection, title="A gentle noticing", timeout=12, markup=False)  # quotes the critic's words
        if outcome.needs_care:
            self.action_help_now(after_answer=True)

    def _after_move(self, view) -> None:
        from .screens.dialogue import DialogueScreen
        from .screens.summary import SummaryScreen

        screen = self.screen
        if isinstance(screen, DialogueScreen):
            screen.show_view(view)
        if view.finished:
            self.push_screen(SummaryScreen(list(view.summary)))

    def dialogue_skip(self) -> None:
        from .dialogue_session import view_of

        self.db(lambda: (self.session.skip(), view_of(self.session))[1], then=self._after_move)

    def dialogue_back(self) -> None:
        from .dialogue_session import view_of

        self.db(lambda: (self.session.back(), view_of(self.session))[1], then=self._after_move)

    def dialogue_draft(self, text: str | None) -> None:
        self.db(lambda: self.session and self.session.save_draft(text))

    def dialogue_pause(self, draft: str | None) -> None:
        def pause():
            if self.session is not None:
                self.session.keep_draft(draft)
                self._let_go_of_session()

        self.db(pause)
        self.notify("Paused. Everything is saved; resume from home or with `innercritic talk --resume`.", timeout=6)
        self.go_home()

    def dialogue_stop(self) -> None:
        def stop():
            if self.session is not None:
                self.session.stop()
                self._let_go_of_session()

        self.db(stop)
        self.notify("Stopped for now. What you wrote is kept.", timeout=5)
        self.go_home()


def _preview_view(flow, conversation, part):
    """The first prompt, drawn before the journal is even open."""
    from .dialogue_session import DialogueView

    step = conversation.current
    return DialogueView(
        dialogue_id=0, flow_title=flow.title, step=step, prompt=conversation.prompt(), hint=step.hint,
        progress=tuple(conversation.progress()), turns=(), finished=False, stopped=False,
        prefill=None, part=part, summary=(),
    )
