"""Plain helpers shared by the store and CLI tests (imported by name; tests/ is on sys.path)."""

from __future__ import annotations

import hashlib
import os
# The journal's own SQLite (sqlcipher3's where installed), never a second library: two SQLite
# libraries in one process do not see each other's locks (POSIX locks are per process, and each
# library keeps its own table of them), so a stdlib connection closing beside an open journal can
# checkpoint and remove a -wal the other is still using. Tests in other modules do the same.
from innercritic.store.driver import dbapi as sqlite3
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
V1_FIXTURE = FIXTURES / "journal_v1.db"

# ---- building journals with controlled contents -------------------------------


def make_journal(path: str) -> None:
    """Create an empty journal at the current schema."""
    from innercritic.store.journal import Journal

    Journal(path).close()


def insert_checkin_at(
    path: str, at: str, *, mood: int | None = 3, critic: int | None = None,
    note: str | None = None, part: str | None = None,
) -> int:
    """Insert a check-in with a chosen time straight into the file (bypassing the app)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        part_id = None
        if part is not None:
            row = conn.execute("SELECT id FROM part WHERE name_key = ?", (part.casefold(),)).fetchone()
            if row is None:
                part_id = conn.execute(
                    "INSERT INTO part (uid, name, name_key, created_at) VALUES (?, ?, ?, ?)",
                    (uuid.uuid4().hex, part, part.casefold(), at),
                ).lastrowid
            else:
                part_id = row[0]
        entry_id = conn.execute(
            "INSERT INTO entry (uid, kind, at, part_id) VALUES (?, 'checkin', ?, ?)",
            (uuid.uuid4().hex, at, part_id),
        ).lastrowid
        conn.execute(
            "INSERT INTO checkin (entry_id, mood, critic, note) VALUES (?, ?, ?, ?)",
            (entry_id, mood, critic, note),
        )
        conn.execute("COMMIT")
        return entry_id
    finally:
        conn.close()


def rows(path: str, sql: str, params: Sequence[object] = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def count_entries(path: str) -> int:
    if not os.path.exists(path):
        return 0
    return rows(path, "SELECT count(*) FROM entry")[0][0]


def sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def utc_iso(moment: datetime) -> str:
    """How the journal stores a time: UTC ISO 8601 with milliseconds."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def local_iso(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> str:
    """A local wall-clock time, stored the way the journal stores times."""
    return utc_iso(datetime(year, month, day, hour, minute).astimezone())


def add_dialogue(journal, *, flow: str = "critic", part: str | None = None, turns=(), finish: str | None = None) -> int:
    """Create a dialogue through the Journal API; turns are (step_id, role, prompt, answer, value, skipped)."""
    record = journal.start_dialogue(flow, part=part)
    for position, (step_id, role, prompt, answer, value, skipped) in enumerate(turns):
        journal.save_turn(
            record.id, position=position, step_id=step_id, role=role, prompt=prompt,
            answer=answer, value=value, skipped=skipped,
        )
    if finish:
        journal.finish_dialogue(record.id, finish)
    return record.id


CRITIC_TURNS = (
    ("loudness_before", "loudness_before", "How loud is the critic right now, 0 to 10?", "7", 7, False),
    ("find", "critic_words", "What is the critic saying, in its own words?", "You never finish anything.", None, False),
    ("focus", "focus", "Where do you notice it?", None, None, True),
    ("fears", "fears", "What is it afraid would happen if it stopped?", "That I would be left out.", None, False),
    ("loudness_after", "loudness_after", "And how loud is it now?", "4", 4, False),
)


def journal_contents(path: str) -> dict[str, list[tuple]]:
    """Everything a person wrote, without ids, uids and times (for comparing two journals)."""
    return {
        "part": rows(path, "SELECT name, name_key, description FROM part ORDER BY name_key"),
        "checkin": rows(
            path,
            "SELECT e.kind, p.name, c.mood, c.critic, c.note FROM entry e JOIN checkin c ON c.entry_id = e.id"
            " LEFT JOIN part p ON p.id = e.part_id ORDER BY e.id",
        ),
        "dialogue": rows(
            path,
            "SELECT e.kind, p.name, d.flow_id, d.status, d.critic_before, d.critic_after FROM entry e"
            " JOIN dialogue d ON d.entry_id = e.id LEFT JOIN part p ON p.id = e.part_id ORDER BY e.id",
        ),
        "turn": rows(
            path,
            "SELECT position, step_id, role, prompt, answer, value, skipped, superseded FROM turn"
            " ORDER BY dialogue_id, position, superseded, id",
        ),
    }


def without_identity(obj):
    """Drop id/uid/at/ended_at from JSON output so two runs can be compared."""
    if isinstance(obj, list):
        return [without_identity(item) for item in obj]
    if isinstance(obj, dict):
        return {k: without_identity(v) for k, v in obj.items() if k not in ("id", "uid", "at", "ended_at")}
    return obj


def days_ago_iso(days: int, hour: int = 12, minute: int = 0) -> str:
    """Local wall-clock time `days` days before today, stored the way the journal stores times."""
    from datetime import date, timedelta

    day = date.today() - timedelta(days=days)
    return local_iso(day.year, day.month, day.day, hour, minute)
