"""Read queries and the check-in insert, in plain SQL (no SQLAlchemy).

These run on the shell's hot paths (history, search, check-in, nudge), where
loading SQLAlchemy would cost more than the whole command may take. The
columns named here are the SQLModel tables' columns; tests/store keeps the
two from drifting apart.
"""

from __future__ import annotations

import os

from ..engine.records import CheckInRecord, DialogueRecord, HistoryQuery, PartRecord, TurnRecord
from .rows import ENTRY_COLUMNS, ENTRY_FROM, entry_filters, entry_from_row, name_key

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks



def new_uid() -> str:
    return os.urandom(16).hex()  # 128 random bits, like uuid4, without loading uuid


def find_part(conn: Connection, name: str) -> PartRecord | None:
    row = conn.execute(
        "SELECT id, uid, name, description, created_at FROM part WHERE name_key = ?",
        (name_key(name),),
    ).fetchone()
    return PartRecord(*row) if row else None


def find_part_like(conn: Connection, name: str) -> PartRecord | None:
    """The part this name means: same letters whatever the case and the spacing
    ("task  MASTER", "Task master" and "Taskmaster" are one part)."""
    found = find_part(conn, name)
    if found is not None:
        return found
    squeezed = "".join(name.split()).casefold()
    for part in list_parts(conn):
        if "".join(part.name.split()).casefold() == squeezed:
            return part
    return None


def list_parts(conn: Connection) -> list[PartRecord]:
    rows = conn.execute(
        "SELECT id, uid, name, description, created_at FROM part ORDER BY name_key"
    ).fetchall()
    return [PartRecord(*row) for row in rows]


def insert_part(conn: Connection, name: str) -> tuple[PartRecord, str | None]:
    """Create a part (call inside a write transaction); (the part, the known part it is
    probably a misspelling of, or None). The name must pass limits.clean_name."""
    from ..engine.dates import now_iso
    from ..limits import clean_name, likely_same_part

    clean = clean_name(name)
    known = [row[0] for row in conn.execute("SELECT name FROM part ORDER BY name_key")]
    conn.execute(
        "INSERT INTO part (uid, name, name_key, description, created_at) VALUES (?, ?, ?, NULL, ?)",
        (new_uid(), clean, name_key(clean), now_iso()),
    )
    return find_part(conn, clean), likely_same_part(clean, known)


def insert_checkin(
    conn: Connection, *, at: str, mood: int | None, critic: int | None,
    note: str | None, part_id: int | None,
) -> int:
    """Call inside a write transaction."""
    cursor = conn.execute(
        "INSERT INTO entry (uid, kind, at, part_id) VALUES (?, 'checkin', ?, ?)",
        (new_uid(), at, part_id),
    )
    entry_id = cursor.lastrowid
    conn.execute(
        "INSERT INTO checkin (entry_id, mood, critic, note) VALUES (?, ?, ?, ?)",
        (entry_id, mood, critic, note),
    )
    return entry_id


def get_entry(conn: Connection, entry_id: int) -> CheckInRecord | DialogueRecord | None:
    row = conn.execute(f"SELECT {ENTRY_COLUMNS} {ENTRY_FROM} WHERE e.id = ?", (entry_id,)).fetchone()
    if row is None:
        return None
    entry = entry_from_row(row)
    if isinstance(entry, DialogueRecord):
        entry = entry._replace(turns=tuple(get_turns(conn, entry_id)))
    return entry


def get_turns(conn: Connection, dialogue_id: int) -> list[TurnRecord]:
    import json  # only transcripts need it; kept off the listing path

    rows = conn.execute(
        "SELECT position, step_id, role, prompt, answer, value, skipped, at, superseded FROM turn"
        " WHERE dialogue_id = ? ORDER BY position, id",
        (dialogue_id,),
    ).fetchall()
    return [
        TurnRecord(
            position=pos, step_id=step, role=role, prompt=prompt, answer=answer,
            value=json.loads(value) if value is not None else None, skipped=bool(skipped), at=at,
            superseded=bool(superseded),
        )
        for pos, step, role, prompt, answer, value, skipped, at, superseded in rows
    ]


def latest_unfinished(conn: Connection) -> DialogueRecord | None:
    """The newest dialogue in progress that holds something written (an answer or a draft):
    one opened and left at once is not worth resuming (older journals may hold such)."""
    row = conn.execute(
        f"SELECT {ENTRY_COLUMNS} {ENTRY_FROM} WHERE d.status = 'in_progress'"
        " AND (d.draft IS NOT NULL OR EXISTS (SELECT 1 FROM turn t WHERE t.dialogue_id = d.entry_id))"
        " ORDER BY e.at DESC, e.id DESC LIMIT 1"
    ).fetchone()
    return entry_from_row(row) if row else None


def last_checkin_at(conn: Connection) -> str | None:
    row = conn.execute(
        "SELECT at FROM entry WHERE kind = 'checkin' ORDER BY at DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def history(conn: Connection, query: HistoryQuery) -> list[CheckInRecord | DialogueRecord]:
    """Newest first; with a search, only entries whose words match (see store/search.py)."""
    where, params = entry_filters(query)
    if query.search is not None:
        from .search import match_expression

        match = match_expression(query.search)
        if match is None:
            return []
        where.append(
            "e.id IN (SELECT t.dialogue_id FROM turn_fts JOIN turn t INDEXED BY ix_turn_id_dialogue"
            " ON t.id = turn_fts.rowid"
            " WHERE turn_fts MATCH ? UNION ALL SELECT note_fts.rowid FROM note_fts WHERE note_fts MATCH ?)"
        )  # UNION ALL: IN ignores repeats anyway, and sorting out 9,000 of them took a quarter of the time
        params.extend([match, match])
    # Choose the page's ids first, then build full rows for those alone: with a
    # common search word, building all rows before the LIMIT took most of the time.
    picked = "SELECT e.id FROM entry e LEFT JOIN part p ON p.id = e.part_id"
    if where:
        picked += " WHERE " + " AND ".join(where)
    picked += " ORDER BY e.at DESC, e.id DESC"
    if query.limit is not None:
        picked += " LIMIT ? OFFSET ?"
        params.extend([query.limit, query.offset])
    sql = (
        f"SELECT {ENTRY_COLUMNS} {ENTRY_FROM} WHERE e.id IN ({picked})"
        " ORDER BY e.at DESC, e.id DESC"
    )
    return [entry_from_row(row) for row in conn.execute(sql, params)]
