"""The app's side of a dialogue: open it, send each answer, skip, go back, pause
and stop, all on the database thread (see InnerCriticApp.db), in order.

The open session is the app's (`app.session`, touched only on the database thread):
deleting an entry and the crisis path reach it too.
"""

from __future__ import annotations

import threading

from innercritic.tui.route_context import RouteContext

FIRST_PAINT_WAIT_SECONDS = 1.0


class DialogueRoute:
    def __init__(self, app: RouteContext, *, first_journal: bool = False) -> None:
        self.app = app
        self._first_journal = first_journal  # the first talk ever says what this is
        self._first_paint = threading.Event()
        self._opening = None  # (flow, session token) `talk` opened on, drawn as the first screen
        self._flow_problems_told: set[str] = set()

    def flows(self):
        return self.catalog().flows

    def catalog(self):
        """Every exercise, shipped and the person's own (flow_catalog.py); a file of theirs
        that was left out is said once, as a note."""
        from innercritic.services.flow_catalog import catalog

        found = catalog()
        for problem in found.problems:
            if problem not in self._flow_problems_told:
                self._flow_problems_told.add(problem)
                self._tell_flow_problem(problem)
        return found

    def _tell_flow_problem(self, problem: str) -> None:
        from innercritic.textsafe import one_line

        def tell() -> None:
            self.app.notify(one_line(problem), title="Your exercises", severity="warning", timeout=10, markup=False)

        if threading.current_thread() is threading.main_thread():
            tell()
        else:  # the catalog is also read on the database thread (home, resume)
            self.app.call_from_thread(tell)

    def opening_screen(self, flow_id: str | None, part: str | None):
        """`talk`'s first screen, its first prompt drawn with the app's first frame; `begin_opened`
        then starts its session. None when there is no such flow."""
        opened = self._new_dialogue(flow_id, part)
        if opened is None:
            return None
        screen, *self._opening = opened
        return screen

    def begin_opened(self, flow_id: str | None, part: str | None) -> None:
        """`talk`'s start: the session of the screen already drawn, else a dialogue opened now."""
        if self._opening is not None:  # already on screen: see opening_screen
            flow, token = self._opening
            self._start_session(flow, part, token)
        else:
            self.begin(flow_id, part)

    def begin(self, flow_id: str | None, part: str | None) -> None:
        from innercritic.engine.flow import FlowError

        try:
            opened = self._new_dialogue(flow_id, part)
        except FlowError as problem:
            self.app.show_problem(str(problem))
            return
        if opened is None:
            self.app.show_problem(f"there is no flow '{flow_id}'")
            return
        screen, flow, token = opened
        self.app.clear_notifications()  # what was said on home is not for the new dialogue
        self.app.push_screen(screen)
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
        if self._first_journal:
            from innercritic.engine.care_words import words

            note = words().get("first_talk.note")
            self._first_journal = False  # once
        return DialogueScreen(preview, title=flow.title, note=note), flow, token

    def _start_session(self, flow, part: str | None, token: str) -> None:
        from innercritic.services.dialogue import DialogueSession

        def start():
            self._first_paint.wait(timeout=FIRST_PAINT_WAIT_SECONDS)
            self.let_go_of_session()
            self.app.session = DialogueSession.start(self.app.journal(), flow, part=part, token=token)

        # Opening the journal loads SQLModel, which would hold the interpreter
        # while the first prompt is being drawn; let the screen paint first.
        self.app.call_after_refresh(self._first_paint.set)
        self.app.db(start, failed=self.failed)

    def failed(self, message: str) -> None:
        self.app.show_problem(message)
        self.app.home.go()

    def resume(self, dialogue_id: int | None, take_over: bool = False) -> None:
        from innercritic.services.dialogue import DialogueSession, new_token, view_of
        from innercritic.errors import DialogueOpenElsewhere
        from innercritic.screens.dialogue import DialogueScreen

        screen = DialogueScreen(None, title="Picking up where you left off", waiting_text="Finding your place…")
        self.app.push_screen(screen)
        token = new_token()

        def resume():
            self.let_go_of_session()
            try:
                self.app.session = DialogueSession.resume(
                    self.app.journal(), self.flows(), dialogue_id, take_over=take_over, token=token,
                )
            except DialogueOpenElsewhere as elsewhere:
                return elsewhere
            return view_of(self.app.session)

        def resumed(result) -> None:
            if isinstance(result, DialogueOpenElsewhere):
                self._open_elsewhere(screen, result)
            else:
                # Notices from before (pause's "Everything is saved") were for home; here they
                # would sit over the answer box. Cleared now, after anything queued before.
                self.app.clear_notifications()
                screen.show_view(result)

        self.app.db(resume, then=resumed, failed=self.failed)

    def _open_elsewhere(self, waiting, elsewhere) -> None:
        """Another innercritic has this dialogue open: read it, take it over, or go back."""
        from innercritic.screens.open_elsewhere import OpenElsewhereScreen

        if self.app.screen is waiting:
            self.app.pop_screen()

        def chosen(choice: str | None) -> None:
            if choice == "take":
                self.resume(elsewhere.dialogue_id, take_over=True)
                return
            if len(self.app.screen_stack) <= 1:  # `talk --resume` opened on it: home is behind it
                self.app.home.go()
            if choice == "read":
                self.app.browsing.open_transcript(elsewhere.dialogue_id)

        self.app.push_screen(OpenElsewhereScreen(elsewhere.dialogue_id, elsewhere.holder), chosen)

    def let_go_of_session(self) -> None:
        """On the database thread: the dialogue being left may be resumed by another innercritic."""
        if self.app.session is not None:
            session, self.app.session = self.app.session, None
            session.close()

    def lost(self, message: str) -> None:
        """The dialogue was deleted or taken over elsewhere; the message says where the words went."""
        from innercritic.textsafe import one_line

        self.app.forget_typing()
        self.app.notify(one_line(message), title="This dialogue is no longer here", severity="warning", timeout=30, markup=False)
        self.app.home.go()

    def _moved(self, key, move):
        """Run move(session) on the database thread if `key` is still the session's current
        step (a key pressed twice, or for a screen already left, does nothing), then the view."""
        from innercritic.services.dialogue import view_of

        session = self.app.session
        if session is None or (key is not None and key != session.key()):
            return None
        move(session)
        return view_of(session)

    def answer(self, key, value: object) -> None:
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

        self.app.db(work, then=self._answered)

    def _answered(self, result) -> None:
        from innercritic.screens.dialogue import DialogueScreen

        problem, outcome, view = result
        screen = self.app.screen
        if problem is not None:
            if isinstance(screen, DialogueScreen):
                screen.answer_refused(problem)
            return
        if view is None:
            self.after_move(view)
            return
        if outcome.turn is None:  # a safety-first choice: not a turn of the flow
            if outcome.action != "stop":
                self.after_move(view)
            if outcome.action is not None:
                self.app.care.safety_first_action(outcome.action)
            return
        if isinstance(screen, DialogueScreen):
            # The critic lens reaches the screen here and nowhere else: a quiet note under
            # the critic's words, never a toast over the answer box or a panel (and never
            # for words the safety check noticed: the session makes none for them).
            screen.note_reflections(outcome.turn, outcome.reflections)
        self.after_move(view)
        if outcome.tier is not None:
            self.app.care.dialogue_care(outcome)

    def after_move(self, view) -> None:
        from innercritic.screens.dialogue import DialogueScreen
        from innercritic.screens.summary import SummaryScreen

        screen = self.app.screen
        if view is None:  # nothing moved (the session was left or deleted): the screen may try again
            if isinstance(screen, DialogueScreen):
                screen.ready()
            return
        if isinstance(screen, DialogueScreen):
            screen.show_view(view)
        if view.finished:
            if view.flagged:  # a heavy dialogue closes with the help lines, its noticed words left out
                self.app.care.with_view("dialogue", lambda help_view: self.app.push_screen(SummaryScreen(list(view.summary), help_view=help_view)))
            else:
                self.app.push_screen(SummaryScreen(list(view.summary)))

    def breathe_wanted(self, message) -> None:
        """A breathing exercise from the dialogue; after a breathe step, that step's answer is sent when it ends."""
        dialogue = message.dialogue
        then = (lambda: dialogue.send_answer(None)) if message.then_answer else None
        self.app.home.open_breathe(message.pattern, message.seconds, then=then)

    def skip(self, key, unsent: str | None) -> None:
        self.app.db(lambda: self._moved(key, lambda session: session.skip(unsent)), then=self.after_move)

    def back(self, key, unsent: str | None) -> None:
        self.app.db(lambda: self._moved(key, lambda session: session.back(unsent)), then=self.after_move)

    def draft(self, key, text: str | None) -> None:
        """Keep what is typed for the step `key` names; dropped on the database thread if that
        step is no longer the current one (the answer was sent, skipped or gone back from)."""
        self.app.db(lambda: self.app.session is not None and self.app.session.save_draft(key, text))

    def pause(self, key, draft: str | None) -> None:
        def work():
            session = self.app.session
            if session is None:
                return False
            session.keep_draft(key, draft)
            saved = session.saved
            self.let_go_of_session()
            return saved

        def said(saved) -> None:
            if saved:
                self.app.notify("Paused. Everything is saved; resume from home or with `innercritic talk --resume`.",
                                timeout=6)
            else:
                self.app.notify("Nothing was written yet, so there was nothing to save.", timeout=5)

        self.app.db(work, then=said)
        self.app.home.go()

    def stop(self, key, unsent: str | None) -> None:
        def work():
            session = self.app.session
            if session is None:
                return False
            if session.current is not None:
                session.stop(key, unsent)
            saved = session.saved
            self.let_go_of_session()
            return saved

        def said(saved) -> None:
            if saved:
                self.app.notify("Stopped for now. What you wrote is kept.", timeout=5)
            else:
                self.app.notify("Stopped. Nothing was written, so nothing was saved.", timeout=5)

        self.app.db(work, then=said)
        self.app.home.go()


def _preview_view(flow, conversation, part, token):
    """The first prompt, drawn before the journal is even open."""
    from innercritic.services.dialogue_view import DialogueView, StepKey

    step = conversation.current
    return DialogueView(
        dialogue_id=None, flow_title=flow.title, step=step, prompt=conversation.prompt(), hint=conversation.hint(),
        progress=tuple(conversation.progress()), turns=(), finished=False, stopped=False,
        prefill=None, part=part, summary=(), key=StepKey(token, 0, step.id),
    )
