"""The Journal's side of "one writer per dialogue" and "nothing typed is lost".

A base class of Journal (store/journal.py), kept apart so each file has one job:
the dialogue leases it holds (store/leases.py), the guard every dialogue write
passes inside its own transaction, and what becomes of the words being saved
when the dialogue is no longer ours or the journal cannot take them now (a
check-in note, or the side file of store/kept_aside.py).
"""

from __future__ import annotations

import os

from ..engine.dates import now_iso
from ..errors import DialogueUnavailable, JournalError
from . import driver, queries
from .connection import DRAFTS_SUFFIX, secure_files, sqlite_errors, waiting_at_most, write_transaction

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from collections.abc import Callable

LEAVING_WAIT_SECONDS = 0.3  # how long a closing app waits for another innercritic's lock


class DialogueOwnership:
    """Uses from Journal: path, _conn, _lock, _run(work), save_draft(), and the _holder
    and _held attributes Journal.__init__ sets."""

    # ---- one writer per dialogue (store/leases.py) ---------------------------
    def _lease_holder(self):
        if self._holder is None:
            from . import leases
            from .queries import new_uid

            self._holder = leases.Holder.here(new_uid())
        return self._holder

    def _guard(self, dialogue_id: int) -> None:
        """Inside each dialogue write's transaction: write only to the dialogue this journal
        opened (same uid, so never another that took its id) and only while holding its lease."""
        from . import leases

        uid = self._held.get(dialogue_id)
        if uid is None:
            self._held[dialogue_id] = leases.take(self._conn, dialogue_id, self._lease_holder())
        else:
            leases.check(self._conn, dialogue_id, uid, self._lease_holder())

    def claim_dialogue(self, dialogue_id: int, *, take_over: bool = False) -> None:
        """Become the dialogue's one writer; DialogueOpenElsewhere while another live
        innercritic has it open, unless `take_over` (that one finds out at its next write)."""
        from . import leases

        self._merge_kept_aside()  # a draft kept beside the journal belongs in before resuming

        def work() -> None:
            with write_transaction(self._conn, self.path):
                self._held[dialogue_id] = leases.take(
                    self._conn, dialogue_id, self._lease_holder(), take_over=take_over
                )

        self._run(work)

    def renew_leases(self) -> None:
        """Keep this journal's dialogues marked as open (the app calls this while it runs)."""
        from . import leases

        def work() -> None:
            held = list(self._held)
            if held:  # never long: a renewal that cannot happen now is tried again next round
                with waiting_at_most(self._conn, LEAVING_WAIT_SECONDS), write_transaction(self._conn, self.path):
                    leases.renew(self._conn, held, self._lease_holder())

        self._run(work)

    def release_dialogue(self, dialogue_id: int) -> None:
        """Let go of the dialogue (paused, stopped, closed): anyone may resume it now."""
        with self._lock:
            if dialogue_id in self._held:
                self._let_go([dialogue_id])

    def _let_go(self, dialogue_ids: list[int]) -> None:
        from . import leases

        for dialogue_id in dialogue_ids:
            self._held.pop(dialogue_id, None)
        try:  # not worth a long wait: a lease left behind goes stale with this process
            with waiting_at_most(self._conn, LEAVING_WAIT_SECONDS), write_transaction(self._conn, self.path):
                leases.release(self._conn, dialogue_ids, self._lease_holder())
        except Exception:  # noqa: BLE001
            pass

    def _dialogue_write(self, write: Callable[[], object], typed: str | None = None) -> object:
        """A write to a dialogue; if it is no longer ours, what was being typed becomes a check-in."""
        def work() -> object:
            try:
                return write()
            except DialogueUnavailable as lost:
                if not typed or not typed.strip():
                    raise
                raise lost.kept_as(self._keep_as_checkin(typed), typed) from None

        return self._run(work)

    def _keep_as_checkin(self, text: str) -> int | None:
        """The words as a new check-in note; None when the journal cannot take them now
        (then they are kept beside it, to become that note at its next opening)."""
        try:
            with waiting_at_most(self._conn, LEAVING_WAIT_SECONDS), write_transaction(self._conn, self.path):
                return queries.insert_checkin(self._conn, at=now_iso(), mood=None, critic=None, note=text, part_id=None)
        except Exception:  # noqa: BLE001 - the caller says where the words went
            from . import kept_aside

            kept_aside.keep(self.path, dialogue_uid=None, step_id=None, text=text)
            return None

    # ---- words kept beside the journal (store/kept_aside.py) -------------------
    def keep_draft(self, dialogue_id, step_id: str | None, text: str | None) -> int | None:
        """Leaving a dialogue (closing, pausing): keep what is being typed without waiting
        long for a journal another innercritic has locked; then it goes beside the journal.
        Returns the dialogue's id as save_draft does (a NewDialogue gets one with its draft)."""
        try:
            with self._lock, waiting_at_most(self._conn, LEAVING_WAIT_SECONDS):
                return self.save_draft(dialogue_id, step_id, text)
        except DialogueUnavailable:
            raise
        except (JournalError, *driver.errors()):
            self.draft_aside(dialogue_id, step_id, text)
            return None

    def draft_aside(self, dialogue_id: int, step_id: str | None, text: str | None) -> bool:
        """Put a draft straight into the side file. Takes no lock and touches no connection,
        so it is safe while another thread waits on the journal (the app, closing)."""
        from . import kept_aside

        if not text or not text.strip():
            return False
        uid = self._held.get(dialogue_id) if isinstance(dialogue_id, int) else None  # a NewDialogue has none yet
        return kept_aside.keep(self.path, dialogue_uid=uid, step_id=step_id, text=text)

    def _merge_kept_aside(self) -> None:
        if not os.path.exists(self.path + DRAFTS_SUFFIX):  # the usual case: one stat, nothing loaded
            return
        from . import kept_aside
        try:
            with self._lock, sqlite_errors(self.path), waiting_at_most(self._conn, LEAVING_WAIT_SECONDS):
                kept_aside.merge(self._conn, self.path, write_transaction)
            secure_files(self.path)
        except (JournalError, OSError, *driver.errors()):
            pass  # the words stay beside the journal until an opening can take them
