"""Deletion that really deletes: no copy of the words is left in the journal's files.

Where deleted text could otherwise survive, and what clears it:

- the table pages: ``PRAGMA secure_delete = ON`` (set on every connection)
  overwrites deleted rows and freed pages with zeros;
- the full-text indexes: FTS5 records a deletion as a marker in a new
  segment and keeps the old tokens in its segment b-trees until segments
  are merged, even across VACUUM. The FTS 'optimize' command merges every
  segment into one and drops deleted rows' tokens; the freed pages are then
  zeroed by secure_delete. It runs inside the deleting transaction, so a
  crash cannot leave tokens behind a committed delete. ``forget --all`` uses
  'delete-all' instead;
- the write-ahead log: the old versions of changed pages stay in the -wal
  file until a checkpoint. ``wal_checkpoint(TRUNCATE)`` copies the clean
  pages into the database and truncates the -wal file to zero bytes. If
  another program holds the journal open, the checkpoint cannot finish;
  the result says so (``wal_cleared`` False) and the last one to close the
  journal finishes the job.

FTS5's own 'secure-delete' option (SQLite 3.42+, so only with the bundled
SQLite of store/driver.py) would make 'optimize' unnecessary, but it raises
the index's file format to one the standard library's older SQLite refuses
("invalid fts5 file format (found 5, expected 4)"), so a journal would stop
being searchable wherever innercritic falls back to it. It is not used.

Parts are names, not text: an entry's deletion leaves its part in place;
``forget_all`` removes parts too, and the safety plan (whose lines are the
person's own words, erased the same way). An entry's care events (which hold
no words) go with it.
"""

from __future__ import annotations

from ..engine.records import EraseResult
from ..errors import UsageProblem
from . import driver
from .connection import write_transaction

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

_OPTIMIZE = (
    "INSERT INTO turn_fts(turn_fts) VALUES ('optimize')",
    "INSERT INTO note_fts(note_fts) VALUES ('optimize')",
)
_DELETE_ALL = (
    "INSERT INTO turn_fts(turn_fts) VALUES ('delete-all')",
    "INSERT INTO note_fts(note_fts) VALUES ('delete-all')",
)


def checkpoint_truncate(conn: Connection) -> bool:
    """Empty the -wal file; False when another connection kept it from finishing."""
    busy, log_frames, _checkpointed = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0 and log_frames <= 0


def delete_entries(conn: Connection, path: str, entry_ids: list[int]) -> EraseResult:
    """Delete entries (a dialogue's turns and draft go with it) and scrub every copy of their text."""
    with write_transaction(conn, path):
        deleted = 0
        for entry_id in entry_ids:
            deleted += conn.execute("DELETE FROM entry WHERE id = ?", (entry_id,)).rowcount
        if deleted != len(set(entry_ids)):
            missing = [i for i in entry_ids if conn.execute("SELECT 1 FROM entry WHERE id = ?", (i,)).fetchone() is None]
            raise UsageProblem(f"there is no entry #{missing[0] if missing else entry_ids[0]}; nothing was deleted")
        for statement in _OPTIMIZE:
            conn.execute(statement)
    return EraseResult(entries=deleted, parts=0, wal_cleared=checkpoint_truncate(conn))


def forget_all(conn: Connection, path: str) -> EraseResult:
    """Remove every entry and part and compact the file.

    The id counters (sqlite_sequence) are kept: an id is never given twice, so
    an app that still has a deleted dialogue open can never mistake a new one
    for it, and `show 12` never shows something other than what 12 was."""
    with write_transaction(conn, path):
        entries = conn.execute("SELECT count(*) FROM entry").fetchone()[0]
        parts = conn.execute("SELECT count(*) FROM part").fetchone()[0]
        conn.execute("DELETE FROM entry")  # cascades to dialogue, turn, checkin and care_event
        conn.execute("DELETE FROM part")
        conn.execute("DELETE FROM plan_item")
        for statement in _DELETE_ALL:
            conn.execute(statement)
    cleared = True
    try:
        conn.execute("VACUUM")
    except driver.operational_error():
        cleared = False  # another reader; the rows are gone and their pages zeroed anyway
    return EraseResult(entries=entries, parts=parts, wal_cleared=checkpoint_truncate(conn) and cleared)
