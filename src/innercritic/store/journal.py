"""The journal: the one API the floors above use to read and write the database.

Reads and the check-in insert are plain SQL (store/queries.py) so the shell
stays quick; dialogue writes go through SQLModel (store/dialogue_writer.py),
loaded on first use. Everything returned is a value object from
engine/records.py. One lock serialises use from the TUI's worker threads.
"""

from __future__ import annotations

import os
from _thread import RLock  # threading's RLock, without loading threading

from ..engine.dates import now_iso
from ..engine.records import (
    CheckInRecord, CheckInSaved, DialogueRecord, EraseResult, HistoryEntry, HistoryQuery, ImportResult, NewDialogue,
    PartProfile, PartRecord, SearchHit,
)
from . import driver, queries
from .care_journal import CareJournal
from .connection import (
    DRAFTS_SUFFIX, connect, ensure_private_dir, schema_state, secure_files, sqlite_errors, write_transaction,
)
from .ownership import DialogueOwnership
from .part_story_journal import PartStoryJournal

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from collections.abc import Callable

    from .connection import Passphrase


class Journal(DialogueOwnership, CareJournal, PartStoryJournal):
    def __init__(
        self, path: str, *, create: bool = True, private_dir: bool = False, passphrase: Passphrase | None = None,
        read_only: bool = False,
    ) -> None:
        """``passphrase(again)`` is asked only if the file is encrypted (store/cipher.py).
        ``read_only``: for a command that only reads (store/connection.py's connect); a
        journal with words kept beside it is opened as always, so they are taken in."""
        self.path = path
        self._lock = RLock()
        if create and private_dir:
            ensure_private_dir(os.path.dirname(path))
        if os.path.exists(path + ".innercritic-replaced"):  # a conversion killed after its rename (store/conversion.py)
            from .conversion import finish_interrupted

            finish_interrupted(path)
        read_only = read_only and not os.path.exists(path + DRAFTS_SUFFIX)
        self._conn = connect(path, create=create, passphrase=passphrase, read_only=read_only)
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
        except driver.programming_error():
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

    def check_writable(self) -> None:
        """Refuse now, in one line (read-only, busy, full), rather than after someone has
        written an answer: take the write lock and write the header unchanged, then roll back."""

        def work() -> None:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
                self._conn.execute(f"PRAGMA user_version = {version}")
            finally:
                self._conn.execute("ROLLBACK")

        self._run(work)

    def save_turn(self, dialogue: int | NewDialogue, **turn: object) -> int:
        """Save one answer (see DialogueWriter.save_turn); returns the dialogue's id, which a
        NewDialogue gets in the same transaction."""
        # A text answer's value is the text itself; a choice's or a scale's is not typed words.
        typed = turn.get("answer") if isinstance(turn.get("value"), str) and turn.get("value") == turn.get("answer") else None
        return self._dialogue_write(lambda: self._dialogues.save_turn(dialogue, **turn), typed)

    def set_aside_turns_from(self, dialogue_id: int, position: int, unsent=None) -> None:
        """Going back to `position`: later answers are kept, set aside (see DialogueWriter.set_aside_from)."""
        typed = unsent[-1] if unsent else None
        self._dialogue_write(lambda: self._dialogues.set_aside_from(dialogue_id, position, unsent), typed)

    def name_part(self, dialogue_id: int, name: str | None) -> PartRecord | None:
        """Link the dialogue to the part called `name` (creating it), or unlink with None."""

        def work() -> PartRecord | None:
            part_id = self._dialogues.ensure_part(name) if name and name.strip() else None
            self._dialogues.link_part(dialogue_id, part_id)
            return queries.find_part(self._conn, name) if part_id else None

        return self._dialogue_write(work)

    def save_draft(self, dialogue: int | NewDialogue, step_id: str | None, text: str | None) -> int | None:
        """Keep the answer being typed; a NewDialogue is saved only when there is text."""
        return self._dialogue_write(lambda: self._dialogues.save_draft(dialogue, step_id, text), text)

    def finish_dialogue(
        self, dialogue: int | NewDialogue, status: str, draft_step: str | None = None, draft: str | None = None,
    ) -> int | None:
        """End a dialogue, keeping `draft` (typed, not sent) if given."""
        return self._dialogue_write(lambda: self._dialogues.finish(dialogue, status, draft_step, draft), draft)

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
        """Rows for the trends report (engine.trend_rows.StatsRows) from `since_iso` (UTC) on."""
        from . import stats_queries

        return self._run(lambda: stats_queries.stats_rows(self._conn, since_iso))

    # ---- search, parts map, export/import, erasing (store/search, parts, export, import_*, erase) ----
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
        from . import export

        return self._run(lambda: self._in_one_snapshot(
            lambda: export.entries_with_turns(self._conn, export.select_entry_ids(self._conn, query))
        ))

    def export_document(self, query: HistoryQuery) -> dict:
        """The versioned JSON export document (docs/export-format.md) for these filters."""
        from . import export

        def work() -> dict:
            ids = None if export.is_everything(query) else export.select_entry_ids(self._conn, query)
            return export.build_document(self._conn, ids, now_iso())

        return self._run(lambda: self._in_one_snapshot(work))

    def import_document(self, document: object, label: str = "export") -> ImportResult:
        """Validate a parsed export document completely, then add what is new in one transaction."""
        from .import_check import validate
        from .import_write import import_export

        checked = validate(document, label)
        return self._run(lambda: import_export(self._conn, self.path, checked))

    def delete_entry(self, entry_id: int) -> EraseResult:
        """Delete one entry and scrub its text from the database, its indexes and the -wal file."""
        from . import erase

        return self._run(lambda: erase.delete_entries(self._conn, self.path, [entry_id]))

    def forget_all(self) -> EraseResult:
        """Delete every entry and part, then compact and scrub the files."""
        from . import erase

        return self._run(lambda: erase.forget_all(self._conn, self.path))
