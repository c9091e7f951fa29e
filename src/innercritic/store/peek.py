"""The nudge's single read, kept apart so a new shell loads nothing else.

Opens the journal read-only (store/driver.py's connect_read_only: it never
creates a journal or changes one; SQLite may add its private -wal/-shm
companions beside a WAL journal) and
answers one question: when was the last entry, check-in or dialogue? One
step down the entry.at index. No SQLAlchemy. An encrypted journal is
never unlocked here (the nudge must not ask for a passphrase): it is
Locked, and the nudge stays silent.
"""

from __future__ import annotations

from . import driver
from .cipher import PLAIN_HEADER
from .connection import APPLICATION_ID, SCHEMA_VERSION


class NotAJournal(Exception):
    """Another program's file, or one from a newer innercritic: leave it alone."""


class Locked(NotAJournal):
    """An encrypted journal (or a file that is not SQLite at all): nothing is read."""


def _is_plain_sqlite(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER


def last_entry_at(path: str) -> str | None:
    """The UTC ISO time of the newest entry (check-in or dialogue), or None when there is none."""
    return _read(path, lambda conn: (conn.execute("SELECT max(at) FROM entry").fetchone() or (None,))[0])


def most_met_part(path: str) -> tuple[str, str] | None:
    """(name, last met) of the part met most often (store/part_story.py), or None."""
    from .part_story import most_met_part

    return _read(path, most_met_part)


def _read(path: str, question):
    if not _is_plain_sqlite(path):
        raise Locked(path)
    conn = driver.connect_read_only(path, timeout=0.2)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise NotAJournal(path)
        if conn.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
            raise NotAJournal(path)
        return question(conn)
    finally:
        conn.close()
