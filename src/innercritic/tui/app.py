"""The full-screen app. Screens draw; this class routes their choices to the
use-cases on a single database thread (so writes happen in order and never
on the UI thread) and brings the results back.

Start-up, the database thread and the keys are here. Each job is a route object
(tui/*_routes.py) made in __init__ and reaching the app only through
tui/route_context.py; the screens' messages end here and are handed to it, one line
each. How the app ends is in tui/base.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding

from innercritic.tui.browsing_routes import BrowsingRoute
from innercritic.tui.care_routes import CareRoute
from innercritic.tui.base import CarefulApp
from innercritic.tui.dialogue_routes import DialogueRoute
from innercritic.tui.home_routes import HomeRoute
from innercritic.tui.parts_routes import PartsRoute
from innercritic.tui.unlock_routes import UnlockRoute
from innercritic.errors import DialogueUnavailable, InnerCriticError
from innercritic.services.entries import Settings
from innercritic.tui.palette import AppCommands


class InnerCriticApp(CarefulApp):
    CSS_PATH = "app.tcss"
    TITLE = "innercritic"
    COMMAND_PALETTE_BINDING = "ctrl+p"  # themes and commands; pause is Esc, so ctrl+p is free
    COMMANDS = CarefulApp.COMMANDS | {AppCommands}  # the app's own commands beside the stock ones
    BINDINGS = [
        Binding("f1", "help_now", "Help now", priority=True),
        Binding("f2", "keys_help", "Keys", show=False),  # a screen may say its keys its own way
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
    ]

    def __init__(
        self, settings: Settings, *, start: str = "home", flow_id: str | None = None, part: str | None = None,
        breathe_pattern: tuple[int, int, int] = (4, 4, 6), breathe_seconds: int = 60, take_over: bool = False,
    ) -> None:
        super().__init__()
        import os

        # The routes, each one job (tui/route_context.py says what they may use of the app).
        self.care = CareRoute(self)  # first: it decides whether a note waits (notify, below)
        self.unlocking = UnlockRoute(self)
        self.home = HomeRoute(self)
        self.dialogue = DialogueRoute(self, first_journal=not os.path.exists(settings.db_path))
        self.browsing = BrowsingRoute(self)
        self.parts = PartsRoute(self)

        from innercritic.tui.looks import register_looks

        register_looks(self)  # the high-contrast theme, before any theme is chosen
        self.settings = settings
        self.start = start
        self.start_take_over = take_over  # `talk --resume --take-over`
        self.start_flow = flow_id
        self.start_part = part
        self.breathe_pattern = breathe_pattern
        self.breathe_seconds = breathe_seconds
        self.problem: str | None = None
        self._remember_theme = False  # set once running: a theme picked from then on is saved
        self._apply_preferences()

    # ---- config.toml -----------------------------------------------------------------
    def _apply_preferences(self) -> None:
        """The settings in config.toml that the app follows (preferences.py); the shell has
        already said any problem with the file."""
        import sys

        from innercritic import config
        from innercritic.services import preferences

        self.preferences = preferences.current(report=False)
        self.reduced_motion = bool(self.preferences.value("reduced_motion"))
        theme = self.preferences.get("theme")
        if theme is None:
            return
        if theme in self.available_themes:
            self.theme = theme
        else:  # said before the screen is drawn, so it is there when the app closes
            sys.stderr.write(
                f"innercritic: {config.config_file()}: key 'theme': there is no theme '{theme}' "
                "(Ctrl+P, Change theme, lists them); using the default\n"
            )

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the app (Ctrl+P) is written to config.toml, so it lasts."""
        if not self._remember_theme:
            return
        from innercritic.services import preferences

        problem = preferences.remember("theme", theme)
        if problem is not None:
            self.notify(problem, title="innercritic", severity="warning", timeout=6, markup=False)

    # ---- the palette and the keys ----------------------------------------------------
    def get_system_commands(self, screen):
        from innercritic.tui.palette import LEFT_OUT

        return (command for command in super().get_system_commands(screen) if command.title not in LEFT_OUT)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Off: a picture of the screen is a copy of the person's words in ~/Downloads."""

    def action_keys_help(self) -> None:
        """F2 on any screen: the keys that work here, in one note."""
        from innercritic.tui.palette import keys_note

        own = getattr(self.screen, "action_keys_help", None)
        if own is not None:
            own()
        else:
            self.notify(keys_note(self.screen), title="Keys", timeout=8, markup=False)

    # ---- the database thread -------------------------------------------------------
    def db(self, work: Callable[[], Any], then: Callable[[Any], None] | None = None,
           failed: Callable[[str], None] | None = None):
        def run() -> Any:
            try:
                result = work()
            except DialogueUnavailable as lost:  # deleted or taken over elsewhere; the words were kept
                self.session = None
                self.call_from_thread(self.dialogue.lost, str(lost))
                return None
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

        return self.worker.submit(run)

    def journal(self):
        """Only call on the database thread."""
        if self._journal is None:
            from innercritic.tui.lease_keeper import LeaseKeeper
            from innercritic.services.entries import open_journal

            self._journal = open_journal(self.settings)
            self._lease_keeper = LeaseKeeper(self._journal).start()
        return self._journal

    def show_problem(self, message: str) -> None:
        from innercritic.textsafe import one_line

        self.problem = message
        # markup=False: a path or a part name may hold "[", and user text is never markup.
        self.notify(one_line(message), title="innercritic", severity="error", timeout=10, markup=False)
        from innercritic.screens.dialogue import DialogueScreen

        if isinstance(self.screen, DialogueScreen):
            self.screen.ready()  # its keys work again

    # ---- start-up ------------------------------------------------------------------
    def get_default_screen(self):
        """`talk` opens straight onto its dialogue, so the first prompt comes with
        the app's first frame (not a blank screen first and a second one pushed)."""
        locked = self.unlocking.screen()  # an encrypted journal: its passphrase first (tui/unlock_routes.py)
        if locked is not None:
            return locked
        if self.start == "talk":
            screen = self.dialogue.opening_screen(self.start_flow, self.start_part)
            if screen is not None:
                return screen
        return super().get_default_screen()

    def on_mount(self) -> None:
        self.call_after_refresh(setattr, self, "_remember_theme", True)
        if not self.is_headless:
            self._catch_hang_ups()
        if not self.locked:
            self.begin_start()

    def begin_start(self) -> None:
        """Open what the command asked for (after the unlock screen, on an encrypted journal)."""
        if self.start == "talk":
            self.dialogue.begin_opened(self.start_flow, self.start_part)
        elif self.start == "resume":
            self.dialogue.resume(None, take_over=self.start_take_over)
        elif self.start == "breathe":
            self.home.open_breathe(self.breathe_pattern, self.breathe_seconds, then=self.exit)
        elif self.start == "history":
            self.browsing.open_history(then=self.exit)
        else:
            self.home.go()

    @property
    def locked(self) -> bool:
        """The journal is encrypted and its passphrase not given yet (the palette offers only help)."""
        return self.unlocking.locked

    def home_choice(self, key: str) -> None:
        """One of home's ways in, by its key (home's menu, and the palette's commands)."""
        self.home.choose(key)

    def action_help_now(self) -> None:
        """F1, on any screen: the help, asked for."""
        self.care.help_now()

    def notify(self, message, *args, **kwargs):  # type: ignore[override]
        """Nothing is drawn over the crisis path: a note that comes while it is open waits."""
        if not self.care.holds_back(message, args, kwargs):
            super().notify(message, *args, **kwargs)

    # ---- the screens' messages, each handed to its route -------------------------------
    def on_unlock_screen_submitted(self, message) -> None:
        self.unlocking.submitted(message)

    def on_home_screen_chosen(self, message) -> None:
        self.home.choose(message.key)

    def on_summary_screen_home_wanted(self, message) -> None:
        self.home.go()

    def on_dialogue_screen_answered(self, message) -> None:
        self.dialogue.answer(message.key, message.value)

    def on_dialogue_screen_skipped(self, message) -> None:
        self.dialogue.skip(message.key, message.unsent)

    def on_dialogue_screen_went_back(self, message) -> None:
        self.dialogue.back(message.key, message.unsent)

    def on_dialogue_screen_paused(self, message) -> None:
        self.dialogue.pause(message.key, message.unsent)

    def on_dialogue_screen_stopped(self, message) -> None:
        self.dialogue.stop(message.key, message.unsent)

    def on_dialogue_screen_draft_changed(self, message) -> None:
        self.dialogue.draft(message.key, message.text)

    def on_dialogue_screen_typing_in(self, message) -> None:
        self.typing_in(message.key, message.area)

    def on_dialogue_screen_breathe_wanted(self, message) -> None:
        self.dialogue.breathe_wanted(message)

    def on_crisis_screen_answered(self, message) -> None:
        self.care.crisis_answered(message.answer)

    def on_crisis_screen_plan_wanted(self, message) -> None:
        self.care.open_safety_plan()

    def on_crisis_screen_country_wanted(self, message) -> None:
        self.care.pick_country()

    def on_history_screen_load_page(self, message) -> None:
        self.browsing.load_page(message)

    def on_history_screen_delete_entry(self, message) -> None:
        self.browsing.delete_entry(message)

    def on_history_screen_open_entry(self, message) -> None:
        self.browsing.open_transcript(message.entry_id)

    def on_history_screen_resume_entry(self, message) -> None:
        self.dialogue.resume(message.entry_id)

    def on_parts_screen_open_part(self, message) -> None:
        self.browsing.open_part(message.name)

    def on_parts_screen_add_part(self, message) -> None:
        self.parts.add_part()

    def on_parts_screen_link_dialogue(self, message) -> None:
        self.parts.link_dialogue()

    def on_part_detail_screen_open_entry(self, message) -> None:
        self.browsing.open_transcript(message.entry_id)

    def on_part_detail_screen_part_insights(self, message) -> None:
        self.browsing.open_insights(days=365, part=message.name)

    def on_part_detail_screen_change_part(self, message) -> None:
        self.parts.change_part(message)


def make_app(settings: Settings, **start: Any) -> InnerCriticApp:
    return InnerCriticApp(settings, **start)
