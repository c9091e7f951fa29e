"""The journal: the one API the floors above use to read and write the database.

Reads and the check-in insert are plain SQL (store/queries.py) so the shell
stays quick; dialogue writes go through SQLModel (store/dialogue_writer.py),
loaded on first use. Everything returned is a value object from
engine/records.py. One lock serialises use from the TUI's worker threads.
"""

from __future__ import annotations

import os
import sqlite3
from _thread import RLock  # threading's RLock, without loading threading
from collections.abc import Callable

from ..engine.dates import now_iso
from ..engine.records import (
    CheckInRecord, CheckInSaved, DialogueRecord, EraseResult, HistoryEntry, HistoryQuery, ImportResult, PartProfile, PartRecord,
    SearchHit,
)
from ..errors import DialogueUnavailable, JournalError
from . import queries
from .connection import (
    DRAFTS_SUFFIX, connect, ensure_private_dir, schema_state, secure_files, sqlite_errors, waiting_at_most, write_transaction,
)

LEAVING_WAIT_SECONDS = 0.3  # how long a closing app waits for another innercritic's lock


class Journal:
    def __init__(self, path: str, *, create: bool = True, private_dir: bool = False) -> None:
        self.path = path
        self._lock = RLock()
        if create and private_dir:
            ensure_private_dir(os.path.dirname(path))
        self._conn = connect(path, create=create)
        self._writer = None
        self._holder = None  # leases.Holder: this journal as a dialogue writer (made on first use)
        self._held: dict[int, str] = {}  # id -> uid of each dialogue whose lease this journal holds
        try:
            with sqlite_errors(path):
                self._bring_schema_up_to_date()
        except BaseException:
            self._conn.close()
            raise
        self._merge_kept_aside()

    def _bring_schema_up_to_date(self) -> None:
        state = schema_state(self._conn)
        if state == "current":
            return
        from . import schema

        if state == "empty":
            schema.create_current(self._conn, self.path)
        else:
            schema.upgrade(self._conn, self.path)
        secure_files(self.path)

    def close(self, wait: bool = True) -> None:
        """Let go of held dialogues and close. With `wait` False (an app closing while its
        database thread is stuck on another innercritic's lock) nothing is waited for:
        if the journal is in use, the ending process closes it."""
        if not self._lock.acquire(True if wait else False):
            return
        try:
            if self._held:
                self._let_go(list(self._held))
            self._conn.close()
        except sqlite3.ProgrammingError:
            pass  # closed already
        finally:
            self._lock.release()

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, work: Callable[[], object]) -> object:
        """work() under the lock, with SQLite errors as plain lines; returns what work returns."""
        with self._lock, sqlite_errors(self.path):
            result = work()
        secure_files(self.path)
        return result

    @property
    def _dialogues(self):
        if self._writer is None:
            from .dialogue_writer import DialogueWriter

            self._writer = DialogueWriter(self._conn, guard=self._guard)
        return self._writer

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
            if held:
                with write_transaction(self._conn, self.path):
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
        from ..errors import DialogueUnavailable

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
    def keep_draft(self, dialogue_id: int, step_id: str | None, text: str | None) -> None:
        """Leaving a dialogue (closing, pausing): keep what is being typed without waiting
        long for a journal another innercritic has locked; then it goes beside the journal."""
        try:
            with self._lock, waiting_at_most(self._conn, LEAVING_WAIT_SECONDS):
                self.save_draft(dialogue_id, step_id, text)
        except DialogueUnavailable:
            raise
        except (JournalError, sqlite3.Error):
            self.draft_aside(dialogue_id, step_id, text)

    def draft_aside(self, dialogue_id: int, step_id: str | None, text: str | None) -> bool:
        """Put a draft straight into the side file. Takes no lock and touches no connection,
        so it is safe while another thread waits on the journal (the app, closing)."""
        from . import kept_aside

        if not text or not text.strip():
            return False
        return kept_aside.keep(self.path, dialogue_uid=self._held.get(dialogue_id), step_id=step_id, text=text)

    def _merge_kept_aside(self) -> None:
        if not os.path.exists(self.path + DRAFTS_SUFFIX):  # the usual case: one stat, nothing loaded
            return
        from . import kept_aside
        try:
            with self._lock, sqlite_errors(self.path), waiting_at_most(self._conn, LEAVING_WAIT_SECONDS):
                kept_aside.merge(self._conn, self.path, write_transaction)
            secure_files(self.path)
        except (JournalError, sqlite3.Error, OSError):
            pass  # the words stay beside the journal until an opening can take them

    # ---- parts -------------------------------------------------------------
    def find_part(self, name: str) -> PartRecord | None:
        return self._run(lambda: queries.find_part(self._conn, name))

    def list_parts(self) -> list[PartRecord]:
        return self._run(lambda: queries.list_parts(self._conn))

    # ---- check-ins ---------------------------------------------------------
    def add_checkin(
        self, *, mood: int | None, critic: int | None, note: str | None, part: str | None
    ) -> CheckInRecord:
        return self.check_in(mood=mood, critic=critic, note=note, part=part).record

    def check_in(self, *, mood: int | None, critic: int | None, note: str | None, part: str | None) -> CheckInSaved:
        """Save a check-in. A part named for the first time is created (under the rule for
        names, limits.clean_name), and a known part it is probably a misspelling of is named."""

        def work() -> CheckInSaved:
            new_part = likely = None
            with write_transaction(self._conn, self.path):
                part_id = None
                if part is not None:
                    found = queries.find_part_like(self._conn, part)
                    if found is None:
                        new_part, likely = queries.insert_part(self._conn, part)
                        part_id = new_part.id
                    else:
                        part_id = found.id
                entry_id = queries.insert_checkin(
                    self._conn, at=now_iso(), mood=mood, critic=critic, note=note, part_id=part_id
                )
            return CheckInSaved(queries.get_entry(self._conn, entry_id), new_part, likely)

        return self._run(work)

    # ---- dialogues ---------------------------------------------------------
    def start_dialogue(self, flow_id: str, part: str | None = None) -> DialogueRecord:
        def work() -> DialogueRecord:
            part_id = self._dialogues.ensure_part(part) if part else None
            return queries.get_entry(self._conn, self._dialogues.start_dialogue(flow_id, part_id))

        return self._run(work)

    def save_turn(self, dialogue_id: int, **turn: object) -> None:
        # A text answer's value is the text itself; a choice's or a scale's is not typed words.
        typed = turn.get("answer") if isinstance(turn.get("value"), str) and turn.get("value") == turn.get("answer") else None
        self._dialogue_write(lambda: self._dialogues.save_turn(dialogue_id, **turn), typed)

    def forget_turns_from(self, dialogue_id: int, position: int) -> None:
        self._dialogue_write(lambda: self._dialogues.forget_turns_from(dialogue_id, position))

    def name_part(self, dialogue_id: int, name: str | None) -> PartRecord | None:
        """Link the dialogue to the part called `name` (creating it), or unlink with None."""

        def work() -> PartRecord | None:
            part_id = self._dialogues.ensure_part(name) if name and name.strip() else None
            self._dialogues.link_part(dialogue_id, part_id)
            return queries.find_part(self._conn, name) if part_id else None

        return self._dialogue_write(work)

    def save_draft(self, dialogue_id: int, step_id: str | None, text: str | None) -> None:
        self._dialogue_write(lambda: self._dialogues.save_draft(dialogue_id, step_id, text), text)

    def finish_dialogue(self, dialogue_id: int, status: str) -> None:
        self._dialogue_write(lambda: self._dialogues.finish(dialogue_id, status))

    def reopen_dialogue(self, dialogue_id: int) -> None:
        self._dialogue_write(lambda: self._dialogues.reopen(dialogue_id))

    def latest_unfinished(self) -> DialogueRecord | None:
        return self._run(lambda: queries.latest_unfinished(self._conn))

    # ---- reading -----------------------------------------------------------
    def get_entry(self, entry_id: int) -> HistoryEntry | None:
        return self._run(lambda: queries.get_entry(self._conn, entry_id))

    def history(self, query: HistoryQuery) -> list[HistoryEntry]:
        return self._run(lambda: queries.history(self._conn, query))

    def last_checkin_at(self) -> str | None:
        return self._run(lambda: queries.last_checkin_at(self._conn))

    def stats_rows(self, since_iso: str):
        """Rows for the trends report (engine.trends.StatsRows) from `since_iso` (UTC) on."""
        from . import stats_queries

        return self._run(lambda: stats_queries.stats_rows(self._conn, since_iso))

    # ---- search, parts map, export/import, erasing (store/search, parts, transfer, erase) ----
    def search(self, query: HistoryQuery) -> list[SearchHit]:
        """Entries matching ``query.search`` and the filters, best match first, with snippets."""
        from . import search

        return self._run(lambda: self._in_one_snapshot(lambda: search.search(self._conn, query)))

    def _in_one_snapshot(self, read: Callable[[], object]) -> object:
        """read() inside one read transaction: every query in it sees the journal as it was
        at the first one, whatever other innercritics commit meanwhile (WAL keeps that view)."""
        if self._conn.in_transaction:
            return read()
        self._conn.execute("BEGIN")  # deferred: a snapshot, no write lock
        try:
            return read()
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

    def part_profiles(self) -> list[PartProfile]:
        """Every part with how often and when it last came up (no sayings), in name order."""
        from . import parts

        return self._run(lambda: parts.profiles(self._conn))

    def part_profile(self, name: str, limit: int = 5) -> PartProfile:
        """One part with its counts and, newest first, up to `limit` of its words, fears and needs."""
        from . import parts

        return self._run(lambda: parts.profile(self._conn, name, limit))

    def add_part(self, name: str, description: str | None = None) -> PartRecord:
        from . import parts

        def work() -> PartRecord:
            with write_transaction(self._conn, self.path):
                return parts.add(self._conn, name, description)

        return self._run(work)

    def rename_part(self, old: str, new: str) -> PartRecord:
        from . import parts

        def work() -> PartRecord:
            with write_transaction(self._conn, self.path):
                return parts.rename(self._conn, old, new)

        return self._run(work)

    def merge_parts(self, source: str, into: str) -> tuple[PartRecord, int]:
        """Move every entry of `source` to `into` and remove `source`; (surviving part, entries moved)."""
        from . import parts

        def work() -> tuple[PartRecord, int]:
            with write_transaction(self._conn, self.path):
                return parts.merge(self._conn, source, into)

        return self._run(work)

    def export_entries(self, query: HistoryQuery) -> list[HistoryEntry]:
        """The entries an export with these filters contains, oldest first, dialogues with turns."""
        from . import transfer

        return self._run(lambda: self._in_one_snapshot(
            lambda: transfer.entries_with_turns(self._conn, transfer.select_entry_ids(self._conn, query))
        ))

    def export_document(self, query: HistoryQuery) -> dict:
        """The versioned JSON export document (docs/export-format.md) for these filters."""
        from . import transfer

        def work() -> dict:
            ids = None if transfer.is_everything(query) else transfer.select_entry_ids(self._conn, query)
            return transfer.build_document(self._conn, ids, now_iso())

        return self._run(lambda: self._in_one_snapshot(work))

    def import_document(self, document: object, label: str = "export") -> ImportResult:
        """Validate a parsed export document completely, then add what is new in one transaction."""
        from . import transfer

        checked = transfer.validate(document, label)
        return self._run(lambda: transfer.import_export(self._conn, self.path, checked))

    def delete_entry(self, entry_id: int) -> EraseResult:
        """Delete one entry and scrub its text from the database, its indexes and the -wal file."""
        from . import erase

        return self._run(lambda: erase.delete_entries(self._conn, self.path, [entry_id]))

    def forget_all(self) -> EraseResult:
        """Delete every entry and part, then compact and scrub the files."""
        from . import erase

        return self._run(lambda: erase.forget_all(self._conn, self.path))
