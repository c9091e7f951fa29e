"""The full-screen app. Screens draw; this class routes their choices to the
use-cases on a single database thread (so writes happen in order and never
on the UI thread) and brings the results back.
"""

from __future__ import annotations

from collections.abc import Callable
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from textual.app import App
from textual.binding import Binding

from .errors import InnerCriticError
from .services import Settings

DRAFT_FLUSH_SECONDS = 3.0
FIRST_PAINT_WAIT_SECONDS = 1.0


class InnerCriticApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "innercritic"
    COMMAND_PALETTE_BINDING = "ctrl+p"  # themes and commands; pause is Esc, so ctrl+p is free
    BINDINGS = [
        Binding("f1", "help_now", "Help now", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
    ]

    def __init__(
        self, settings: Settings, *, start: str = "home", flow_id: str | None = None, part: str | None = None,
        breathe_pattern: tuple[int, int, int] = (4, 4, 6), breathe_seconds: int = 60,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.start = start
        self.start_flow = flow_id
        self.start_part = part
        self.breathe_pattern = breathe_pattern
        self.breathe_seconds = breathe_seconds
        self._db_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="innercritic-db")
        self._first_paint = threading.Event()
        self._journal = None
        self._opening_flow = None  # the flow `talk` opened on, drawn as the first screen
        self.session = None  # DialogueSession, touched only on the database thread
        self.problem: str | None = None
        self._typing: tuple[int, str, Any] | None = None  # the answer box being typed in (see typing_in)

    # ---- the database thread -------------------------------------------------------
    def db(self, work: Callable[[], Any], then: Callable[[Any], None] | None = None,
           failed: Callable[[str], None] | None = None):
        def run() -> Any:
            try:
                result = work()
            except InnerCriticError as problem:
                self.call_from_thread(failed or self.show_problem, str(problem))
                return None
            except Exception as unexpected:  # noqa: BLE001 - shown as one line, never a traceback
                self.call_from_thread(
                    failed or self.show_problem,
                    f"something went wrong ({unexpected.__class__.__name__}); what was saved is safe",
                )
                return None
            if then is not None:
                try:
                    self.call_from_thread(then, result)
                except Exception as error:  # noqa: BLE001 - a bug drawing the result: fail visibly, never hang
                    self.call_from_thread(self._crash, error)
            return result

        return self._db_thread.submit(run)

    def journal(self):
        """Only call on the database thread."""
        if self._journal is None:
            from .services import open_journal

            self._journal = open_journal(self.settings)
        return self._journal

    def show_problem(self, message: str) -> None:
        from .textsafe import one_line

        self.problem = message
        # markup=False: a path or a part name may hold "[", and user text is never markup.
        self.notify(one_line(message), title="innercritic", severity="error", timeout=10, markup=False)
        screen = self.screen
        if hasattr(screen, "_busy"):
            screen._busy = False

    # ---- start-up ------------------------------------------------------------------
    def get_default_screen(self):
        """`talk` opens straight onto its dialogue, so the first prompt comes with
        the app's first frame (not a blank screen first and a second one pushed)."""
        if self.start == "talk":
            opened = self._new_dialogue(self.start_flow, self.start_part)
            if opened is not None:
                screen, self._opening_flow = opened
                return screen
        return super().get_default_screen()

    def on_mount(self) -> None:
        if not self.is_headless:
            self._catch_hang_ups()
        if self.start == "talk":
            if self._opening_flow is not None:  # already on screen: see get_default_screen
                self._start_session(self._opening_flow, self.start_part)
            else:
                self.begin_dialogue(self.start_flow, self.start_part)
        elif self.start == "resume":
            self.resume_dialogue(None)
        elif self.start == "breathe":
            self.open_breathe(self.breathe_pattern, self.breathe_seconds, then=self.exit)
        elif self.start == "history":
            self.open_history(then=self.exit)
        else:
            self.go_home()

    def go_home(self) -> None:
        from .screens.home import HomeScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        home = HomeScreen()
        # Pushed over the base screen, which stays: Textual's blank first screen, or
        # the dialogue `talk` opened on (the base cannot be replaced in Textual 8).
        self.push_screen(home)
        self.db(self._home_data, then=lambda data: home.is_attached and home.show_data(data))

    def _home_data(self):
        from .engine.records import HistoryQuery
        from .screens.home import HomeData

        journal = self.journal()
        unfinished = journal.latest_unfinished()
        recent = journal.history(HistoryQuery(limit=60))
        loudness = tuple(
            value for entry in reversed(recent)
            for value in ([entry.critic] if entry.kind == "checkin" else [entry.critic_before, entry.critic_after])
            if value is not None
        )[-14:]
        return HomeData(
            unfinished_words=unfinished.critic_words if unfinished else None,
            has_unfinished=unfinished is not None,
            recent=tuple(recent[:6]),
            loudness=loudness,
            checkins=sum(1 for e in recent if e.kind == "checkin"),
            dialogues=sum(1 for e in recent if e.kind == "dialogue"),
            first_run=not recent,
        )

    def home_choice(self, key: str) -> None:
        if key == "talk":
            self.begin_dialogue(None, None)
        elif key == "resume":
            self.resume_dialogue(None)
        elif key == "exercises":
            self.pick_flow()
        elif key == "checkin":
            self.open_checkin()
        elif key == "breathe":
            self.open_breathe((4, 4, 6), 60)
        elif key == "history":
            self.open_history()
        elif key == "insights":
            self.open_insights()
        elif key == "parts":
            self.open_parts()
        elif key == "help":
            self.action_help_now()

    # ---- the dialogue ----------------------------------------------------------------
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

    def resume_dialogue(self, dialogue_id: int | None) -> None:
        from .dialogue_session import DialogueSession, view_of
        from .screens.dialogue import DialogueScreen

        screen = DialogueScreen(None, title="Picking up where you left off", waiting_text="Finding your place…")
        self.push_screen(screen)

        def resume():
            self.session = DialogueSession.resume(self.journal(), self._flows(), dialogue_id)
            return view_of(self.session)

        self.db(resume, then=screen.show_view, failed=self._dialogue_failed)

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
        self.db(lambda: self.session and self.session.save_draft(draft))
        self.notify("Paused. Everything is saved; resume from home or with `innercritic talk --resume`.", timeout=6)
        self.go_home()

    def dialogue_stop(self) -> None:
        self.db(lambda: self.session and self.session.stop())
        self.notify("Stopped for now. What you wrote is kept.", timeout=5)
        self.go_home()

    # ---- other screens -----------------------------------------------------------------
    def pick_flow(self) -> None:
        from .screens.flow_picker import FlowPicker

        flows = [(f.id, f.title, f.description) for f in self._flows().values()]
        self.push_screen(FlowPicker(flows), lambda chosen: chosen and self.begin_dialogue(chosen, None))

    def open_breathe(self, pattern, seconds: int, then: Callable[[], None] | None = None) -> None:
        from .engine.pacer import parse_pattern
        from .screens.breathe import BreatheScreen

        if isinstance(pattern, str):
            pattern = parse_pattern(pattern)
        self.push_screen(BreatheScreen(tuple(pattern), seconds), lambda _result: then and then())

    def open_checkin(self) -> None:
        from .screens.checkin import CheckinScreen

        def save(answers) -> None:
            if answers is None:
                return
            from . import services

            def work():
                return services.check_in(
                    self.journal(), mood=answers.mood, critic=answers.critic, note=answers.note, part=None
                )

            def saved(outcome) -> None:
                self.notify("Check-in saved. Thank you for noticing.", timeout=4)
                if outcome.needs_care:
                    self.action_help_now(after_answer=True)
                if self.screen.__class__.__name__ == "HomeScreen":
                    home = self.screen
                    self.db(self._home_data, then=lambda data: home.is_attached and home.show_data(data))

            self.db(work, then=saved)

        self.push_screen(CheckinScreen(), save)

    def open_history(self, then: Callable[[], None] | None = None) -> None:
        """The history browser: its first page and the part names, loaded on the database thread.
        `then` runs when it is closed (the `browse` command exits); otherwise home is refreshed."""
        from .engine.records import HistoryQuery
        from .screens.history import PAGE, HistoryScreen

        def load():
            journal = self.journal()
            return journal.history(HistoryQuery(limit=PAGE)), [part.name for part in journal.list_parts()]

        def show(loaded) -> None:
            entries, parts = loaded
            self.push_screen(HistoryScreen(entries, parts=parts), lambda _closed: (then or self._refresh_home)())

        self.db(load, then=show, failed=self._dialogue_failed if then else None)

    def _refresh_home(self) -> None:
        if self.screen.__class__.__name__ == "HomeScreen":
            home = self.screen
            self.db(self._home_data, then=lambda data: home.is_attached and home.show_data(data))

    def on_history_screen_load_page(self, message) -> None:
        """A page of the history browser: ranked search hits when it has words, else entries newest first."""
        browser, query, generation = message.browser, message.query, message.generation

        def work():
            if not browser.wants(generation):  # the filters changed while this waited its turn
                return None
            journal = self.journal()
            return journal.search(query) if query.search else journal.history(query)

        def done(items) -> None:
            if items is not None and browser.is_attached:
                browser.show_page(generation, query.offset, items)

        def failed(problem: str) -> None:
            if browser.is_attached:
                browser.load_failed(generation, problem)

        self.db(work, then=done, failed=failed)

    def on_history_screen_delete_entry(self, message) -> None:
        browser, entry_id = message.browser, message.entry_id

        def work():
            if self.session is not None and self.session.dialogue_id == entry_id:
                self.session = None  # nothing may write to it any more
            return self.journal().delete_entry(entry_id)

        def done(result) -> None:
            if self._typing is not None and self._typing[0] == entry_id:
                self._typing = None
            if browser.is_attached:
                browser.entry_deleted(entry_id)
            note = "Deleted."
            if not result.wal_cleared:
                note += " Another program has the journal open; its last traces go when that program closes."
            self.notify(note, timeout=5, markup=False)

        self.db(work, then=done)

    def open_parts(self) -> None:
        from .screens.parts import PartsScreen

        self.db(lambda: self.journal().part_profiles(), then=lambda profiles: self.push_screen(PartsScreen(profiles)))

    def on_parts_screen_open_part(self, message) -> None:
        from .screens.parts import PartDetailScreen

        name = message.name
        self.db(lambda: self.journal().part_profile(name), then=lambda profile: self.push_screen(PartDetailScreen(profile)))

    def open_insights(self, days: int = 30) -> None:
        from . import services
        from .screens.insights import InsightsScreen

        self.db(lambda: services.trends_report(self.journal(), days),
                then=lambda report: self.push_screen(InsightsScreen(report)))

    def on_history_screen_open_entry(self, message) -> None:
        from .screens.transcript import TranscriptScreen

        self.db(lambda: self.journal().get_entry(message.entry_id),
                then=lambda entry: entry and self.push_screen(TranscriptScreen(entry)))

    def on_history_screen_resume_entry(self, message) -> None:
        self.resume_dialogue(message.entry_id)

    def action_help_now(self, after_answer: bool = False) -> None:
        from .engine.safety import crisis_info
        from .screens.crisis import CrisisScreen

        def chosen(choice: str | None) -> None:
            if choice == "breathe":
                self.open_breathe((4, 4, 6), 60)
            elif choice == "stop" and after_answer:
                self.dialogue_pause(None)

        self.push_screen(CrisisScreen(crisis_info(), after_answer=after_answer), chosen)

    async def action_quit(self) -> None:
        self._flush_draft()
        self.exit()

    def typing_in(self, dialogue_id: int, step_id: str, area: Any) -> None:
        """The dialogue screen reports the answer box being typed in (read at flush time)."""
        self._typing = (dialogue_id, step_id, area)

    def _flush_draft(self) -> None:
        """Keep the answer being typed when the app closes, whatever closes it.

        Saved only while its step is still the current one (an answer just sent
        must not come back as the next step's draft). Submitted straight to the
        database thread, without call_from_thread, so it is safe while closing.
        """
        typing = getattr(self, "_typing", None)
        if typing is None:
            return
        dialogue_id, step_id, area = typing
        text = area.text

        def save() -> None:
            session = self.session
            if session is None or session.current is None or session.current.id != step_id:
                return
            if dialogue_id and session.dialogue_id != dialogue_id:
                return
            try:
                session.save_draft(text)
            except Exception:  # noqa: BLE001 - closing: nothing more can be done here
                pass

        try:
            self._db_thread.submit(save).result(timeout=DRAFT_FLUSH_SECONDS)
        except Exception:  # noqa: BLE001
            pass

    def _catch_hang_ups(self) -> None:
        """A closed terminal (SIGHUP), `kill` (SIGTERM) or SIGINT: keep the draft, then exit."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            try:
                loop.add_signal_handler(signum, self._hang_up, signum)
            except (ValueError, RuntimeError, NotImplementedError):  # not the main thread / platform
                pass

    def _hang_up(self, signum: int) -> None:
        self._flush_draft()
        self.exit(return_code=128 + signum)

    def _crash(self, error: Exception) -> None:
        """Hand an error from a database-thread callback to Textual's handler, as if raised here."""
        try:
            raise error
        except Exception as raised:  # noqa: BLE001 - re-raised so the handler sees a live exception
            self._handle_exception(raised)

    def _fatal_error(self) -> None:
        """An unexpected error: one plain line, not Textual's traceback with local
        variables (they can hold journal text). INNERCRITIC_DEBUG=1 shows it all."""
        import os

        if os.environ.get("INNERCRITIC_DEBUG"):
            super()._fatal_error()
            return
        from rich.text import Text

        name = type(self._exception).__name__ if self._exception is not None else "an error"
        self._exit_renderables.append(Text(
            f"innercritic: something went wrong inside the app ({name}); what was already saved is safe. "
            "Set INNERCRITIC_DEBUG=1 to see details."
        ))
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        self._flush_draft()
        self._db_thread.shutdown(wait=True)
        if self._journal is not None:
            self._journal.close()


def _preview_view(flow, conversation, part):
    """The first prompt, drawn before the journal is even open."""
    from .dialogue_session import DialogueView

    step = conversation.current
    return DialogueView(
        dialogue_id=0, flow_title=flow.title, step=step, prompt=conversation.prompt(), hint=step.hint,
        progress=tuple(conversation.progress()), turns=(), finished=False, stopped=False,
        prefill=None, part=part, summary=(),
    )


def make_app(settings: Settings, **start: Any) -> InnerCriticApp:
    return InnerCriticApp(settings, **start)
