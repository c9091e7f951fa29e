"""The base of the app: its one database thread, and how it ends, whatever ends it:
quit, a closed terminal, `kill`, Ctrl-C or an unexpected error. The answer being
typed is kept, the database thread finishes its queue, and an error is one plain
line, never a traceback.

InnerCriticApp (tui/app.py) is a CarefulApp; what it must provide is declared here.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from innercritic.tui.worker import DatabaseThread

DRAFT_FLUSH_SECONDS = 0.6  # how long closing waits for the database thread before keeping the draft aside
CLOSE_WAIT_SECONDS = 1.0  # how long closing waits for queued database work to finish


class CarefulApp(App[None]):
    """An App that closes carefully. The subclass sets `session` (the open DialogueSession,
    touched only on the database thread), `_journal` and `_lease_keeper` (which renews the open
    dialogue's lease, tui/lease_keeper.py) once the journal is open there."""

    def __init__(self) -> None:
        super().__init__()
        self.worker = DatabaseThread()  # the one database thread: work on it runs in order
        self.session = None
        self._journal = None
        self._lease_keeper = None
        self._typing: tuple[Any, Any] | None = None  # (StepKey, answer box) being typed in
        self._flushed: tuple[Any, str] | None = None  # the draft last kept while closing
        self._db_stuck = False  # closing found the database thread busy: do not wait for it
        self._on_first_frame: list[Any] = []

    def when_first_drawn(self, callback: Any) -> None:
        """Call `callback()` once the first screen is on the terminal."""
        self._on_first_frame.append(callback)

    def on_mount(self) -> None:  # Textual also calls the subclass's own on_mount
        self.call_after_refresh(self._first_frame_drawn)

    def _first_frame_drawn(self) -> None:
        callbacks, self._on_first_frame = self._on_first_frame, []
        for callback in callbacks:
            callback()

    async def action_quit(self) -> None:
        self._flush_draft()
        self.exit()

    def typing_in(self, key: Any, area: Any) -> None:
        """The dialogue screen reports the answer box of a text step as soon as it is shown,
        and the step (StepKey) it is for; the box is read at flush time (the first keys may
        still be queued behind a flood of others when the terminal closes)."""
        self._typing = (key, area)

    def forget_typing(self) -> None:
        """The dialogue being typed in is gone (deleted or taken over elsewhere): nothing to keep."""
        self._typing = None

    def _flush_draft(self) -> None:
        """Keep the answer being typed when the app closes, whatever closes it.

        Saved only while its step is still the session's current one (an answer just sent
        must not come back as the next step's draft): the StepKey must match. Submitted
        straight to the database thread, without call_from_thread, so it is safe while
        closing. If another innercritic has the journal locked, the draft is kept beside
        the journal (store/kept_aside.py) rather than waited on: at once when the database
        thread is itself stuck waiting, within a moment otherwise.
        """
        typing = self._typing
        if typing is None:
            return
        key, area = typing
        if not area.was_edited:
            return  # what the box was shown with is already in the journal
        text = area.typed_text()
        if self._flushed == (key, text):
            return  # already kept (quit, then unmount)
        self._flushed = (key, text)

        def current_session():
            session = self.session
            if session is None or key is None or key != session.key():
                return None
            return session

        def save() -> None:
            session = current_session()
            if session is None:
                return
            try:
                session.keep_draft(key, text)
            except Exception:  # noqa: BLE001 - closing: nothing more can be done here
                pass

        try:
            self.worker.submit(save).result(timeout=DRAFT_FLUSH_SECONDS)
        except Exception:  # noqa: BLE001 - the database thread is busy (or gone): keep it aside
            self._db_stuck = True  # closing will not wait for it either
            session = current_session()
            if session is not None:
                session.draft_aside(key, text)

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
        if self._lease_keeper is not None:
            self._lease_keeper.stop()
        # Queued work gets a moment to finish, not the whole busy timeout: a job stuck behind
        # another innercritic's lock is left to end with the process (tui/worker.py).
        stuck = self._db_stuck
        finished = self.worker.shutdown(wait=True, timeout=0 if stuck else CLOSE_WAIT_SECONDS)
        if self._journal is not None:
            self._journal.close(wait=finished)  # lets go of the open dialogue's lease
