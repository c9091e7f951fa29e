"""The app's side of a dialogue: open it, send each answer, skip, go back, pause
and stop, all on the database thread (see InnerCriticApp.db), in order.

A mixin of InnerCriticApp; it uses the app's db(), journal(), screens and session.
"""

from __future__ import annotations

FIRST_PAINT_WAIT_SECONDS = 1.0


class DialogueRoutes:
    def _flows(self):
        return self._catalog().flows

    def _catalog(self):
        """Every exercise, shipped and the person's own (flow_catalog.py); a file of theirs
        that was left out is said once, as a note."""
        from innercritic.services.flow_catalog import catalog

        found = catalog()
        told = getattr(self, "_flow_problems_told", set())
        for problem in found.problems:
            if problem not in told:
                told.add(problem)
                self._tell_flow_problem(problem)
        self._flow_problems_told = told
        return found

    def _tell_flow_problem(self, problem: str) -> None:
        import threading

        from innercritic.textsafe import one_line

        def tell() -> None:
            self.notify(one_line(problem), title="Your exercises", severity="warning", timeout=10, markup=False)

        if threading.current_thread() is threading.main_thread():
            tell()
        else:  # the catalog is also read on the database thread (home, resume)
            self.call_from_thread(tell)

    def begin_dialogue(self, flow_id: str | None, part: str | None) -> None:
        from innercritic.engine.flow import FlowError

        try:
            opened = self._new_dialogue(flow_id, part)
        except FlowError as problem:
            self.show_problem(str(problem))
            return
        if opened is None:
            self.show_problem(f"there is no flow '{flow_id}'")
            return
        screen, flow, token = opened
        self.push_screen(screen)
        self._start_session(flow, part, token)

    def _new_dialogue(self, flow_id: str | None, part: str | None):
        """(a DialogueScreen showing the flow's first prompt, the flow, the session's token),
        or None when there is no such flow (FlowError for a flow file that cannot be used).
        No flow named: config's default_flow, else the critic. Nothing is saved until the
        first answer or draft."""
        from innercritic.services.dialogue import new_token
        from innercritic.engine.conversation import Conversation
        from innercritic.engine.flow_files import DEFAULT_FLOW_ID, shipped_flow
        from innercritic.services.flow_catalog import default_name, find
        from innercritic.screens.dialogue import DialogueScreen

        flow = find(flow_id) if flow_id else (find(default_name()) or shipped_flow(DEFAULT_FLOW_ID))
        if flow is None:
            return None
        token = new_token()
        preview = _preview_view(flow, Conversation(flow), part, token)
        note = None
        if getattr(self, "_first_journal", False):
            from innercritic.engine.care_words import words

            note = words().get("first_talk.note")
            self._first_journal = False  # once
        return DialogueScreen(preview, title=flow.title, note=note), flow, token

    def _start_session(self, flow, part: str | None, token: str) -> None:
        from innercritic.services.dialogue import DialogueSession

        def start():
            self._first_paint.wait(timeout=FIRST_PAINT_WAIT_SECONDS)
            self._let_go_of_session()
            self.session = DialogueSession.start(self.journal(), flow, part=part, token=token)

        # Opening the journal loads SQLModel, which would hold the interpreter
        # while the first prompt is being drawn; let the screen paint first.
        self.call_after_refresh(self._first_paint.set)
        self.db(start, failed=self._dialogue_failed)

    def _dialogue_failed(self, message: str) -> None:
        self.show_problem(message)
        self.home.go()

    def resume_dialogue(self, dialogue_id: int | None, take_over: bool = False) -> None:
        from innercritic.services.dialogue import DialogueSession, new_token, view_of
        from innercritic.errors import DialogueOpenElsewhere
        from innercritic.screens.dialogue import DialogueScreen

        screen = DialogueScreen(None, title="Picking up where you left off", waiting_text="Finding your place…")
        self.push_screen(screen)
        token = new_token()

        def resume():
            self._let_go_of_session()
            try:
                self.session = DialogueSession.resume(
                    self.journal(), self._flows(), dialogue_id, take_over=take_over, token=token,
                )
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
        from innercritic.screens.open_elsewhere import OpenElsewhereScreen

        if self.screen is waiting:
            self.pop_screen()

        def chosen(choice: str | None) -> None:
            if choice == "take":
                self.resume_dialogue(elsewhere.dialogue_id, take_over=True)
                return
            if len(self.screen_stack) <= 1:  # `talk --resume` opened on it: home is behind it
                self.home.go()
            if choice == "read":
                self.browsing.open_transcript(elsewhere.dialogue_id)

        self.push_screen(OpenElsewhereScreen(elsewhere.dialogue_id, elsewhere.holder), chosen)

    def _let_go_of_session(self) -> None:
        """On the database thread: the dialogue being left may be resumed by another innercritic."""
        if self.session is not None:
            session, self.session = self.session, None
            session.close()

    def dialogue_lost(self, message: str) -> None:
        """The dialogue was deleted or taken over elsewhere; the message says where the words went."""
        from innercritic.textsafe import one_line

        self._typing = None
        self.notify(one_line(message), title="This dialogue is no longer here", severity="warning", timeout=30, markup=False)
        self.home.go()

    def _moved(self, key, move):
        """Run move(session) on the database thread if `key` is still the session's current
        step (a key pressed twice, or for a screen already left, does nothing), then the view."""
        from innercritic.services.dialogue import view_of

        session = self.session
        if session is None or (key is not None and key != session.key()):
            return None
        move(session)
        return view_of(session)

    def dialogue_answer(self, key, value: object) -> None:
        from innercritic.engine.conversation import AnswerError

        def work():
            outcome = None

            def answer(session):
                nonlocal outcome
                outcome = session.answer(value)

            try:
                view = self._moved(key, answer)
            except AnswerError as problem:
                return str(problem), None, None
            return None, outcome, view

        self.db(work, then=self._answered)

    def _answered(self, result) -> None:
        from innercritic.screens.dialogue import DialogueScreen

        problem, outcome, view = result
        screen = self.screen
        if problem is not None:
            if isinstance(screen, DialogueScreen):
                screen.answer_refused(problem)
            return
        if view is None:
            self._after_move(view)
            return
        if outcome.turn is None:  # a safety-first choice: not a turn of the flow
            if outcome.action != "stop":
                self._after_move(view)
            if outcome.action is not None:
                self.safety_first_action(outcome.action)
            return
        if isinstance(screen, DialogueScreen):
            # The critic lens reaches the screen here and nowhere else: a quiet note under
            # the critic's words, never a toast over the answer box or a panel (and never
            # for words the safety check noticed: the session makes none for them).
            screen.note_reflections(outcome.turn, outcome.reflections)
        self._after_move(view)
        if outcome.tier is not None:
            self.dialogue_care(outcome)

    def _after_move(self, view) -> None:
        from innercritic.screens.dialogue import DialogueScreen
        from innercritic.screens.summary import SummaryScreen

        screen = self.screen
        if view is None:  # nothing moved (the session was left or deleted): the screen may try again
            if isinstance(screen, DialogueScreen):
                screen.ready()
            return
        if isinstance(screen, DialogueScreen):
            screen.show_view(view)
        if view.finished:
            if view.flagged:  # a heavy dialogue closes with the help lines, its noticed words left out
                self._with_view("dialogue", lambda help_view: self.push_screen(SummaryScreen(list(view.summary), help_view=help_view)))
            else:
                self.push_screen(SummaryScreen(list(view.summary)))

    # ---- the dialogue screen's messages --------------------------------------------------
    def on_dialogue_screen_answered(self, message) -> None:
        self.dialogue_answer(message.key, message.value)

    def on_dialogue_screen_skipped(self, message) -> None:
        self.dialogue_skip(message.key, message.unsent)

    def on_dialogue_screen_went_back(self, message) -> None:
        self.dialogue_back(message.key, message.unsent)

    def on_dialogue_screen_paused(self, message) -> None:
        self.dialogue_pause(message.key, message.unsent)

    def on_dialogue_screen_stopped(self, message) -> None:
        self.dialogue_stop(message.key, message.unsent)

    def on_dialogue_screen_draft_changed(self, message) -> None:
        self.dialogue_draft(message.key, message.text)

    def on_dialogue_screen_typing_in(self, message) -> None:
        self.typing_in(message.key, message.area)

    def on_dialogue_screen_breathe_wanted(self, message) -> None:
        dialogue = message.dialogue
        then = (lambda: dialogue.send_answer(None)) if message.then_answer else None
        self.home.open_breathe(message.pattern, message.seconds, then=then)

    def dialogue_skip(self, key, unsent: str | None) -> None:
        self.db(lambda: self._moved(key, lambda session: session.skip(unsent)), then=self._after_move)

    def dialogue_back(self, key, unsent: str | None) -> None:
        self.db(lambda: self._moved(key, lambda session: session.back(unsent)), then=self._after_move)

    def dialogue_draft(self, key, text: str | None) -> None:
        """Keep what is typed for the step `key` names; dropped on the database thread if that
        step is no longer the current one (the answer was sent, skipped or gone back from)."""
        self.db(lambda: self.session is not None and self.session.save_draft(key, text))

    def dialogue_pause(self, key, draft: str | None) -> None:
        def work():
            session = self.session
            if session is None:
                return False
            session.keep_draft(key, draft)
            saved = session.saved
            self._let_go_of_session()
            return saved

        def said(saved) -> None:
            if saved:
                self.notify("Paused. Everything is saved; resume from home or with `innercritic talk --resume`.",
                            timeout=6)
            else:
                self.notify("Nothing was written yet, so there was nothing to save.", timeout=5)

        self.db(work, then=said)
        self.home.go()

    def dialogue_stop(self, key, unsent: str | None) -> None:
        def work():
            session = self.session
            if session is None:
                return False
            if session.current is not None:
                session.stop(key, unsent)
            saved = session.saved
            self._let_go_of_session()
            return saved

        def said(saved) -> None:
            if saved:
                self.notify("Stopped for now. What you wrote is kept.", timeout=5)
            else:
                self.notify("Stopped. Nothing was written, so nothing was saved.", timeout=5)

        self.db(work, then=said)
        self.home.go()


def _preview_view(flow, conversation, part, token):
    """The first prompt, drawn before the journal is even open."""
    from innercritic.services.dialogue_view import DialogueView, StepKey

    step = conversation.current
    return DialogueView(
        dialogue_id=None, flow_title=flow.title, step=step, prompt=conversation.prompt(), hint=conversation.hint(),
        progress=tuple(conversation.progress()), turns=(), finished=False, stopped=False,
        prefill=None, part=part, summary=(), key=StepKey(token, 0, step.id),
    )
