"""Reads for trends (`innercritic stats`, the Insights screen), in plain SQL.

Every query is bounded by the entry time (``entry.at``, indexed) except the
list of check-in times used for streaks, which needs the whole journal but
reads one indexed column. All reads run in one read transaction, so the
report is a consistent snapshot even while another innercritic writes.
"""

from __future__ import annotations


from ..engine.trend_rows import CRITIC_ROLE, FEAR_ROLES, CheckinRow, DialogueRow, StatsRows, TurnText

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

TEXT_ROLES = (CRITIC_ROLE, *FEAR_ROLES)

CHECKINS_SQL = """
    SELECT e.at, c.mood, c.critic, p.name
    FROM entry e
    JOIN checkin c ON c.entry_id = e.id
    LEFT JOIN part p ON p.id = e.part_id
    WHERE e.at >= ? AND +e.kind = 'checkin'  -- the unary + keeps the planner on ix_entry_at
    ORDER BY e.at, e.id
"""

DIALOGUES_SQL = """
    SELECT e.id, e.at, d.status, d.critic_before, d.critic_after, p.name
    FROM entry e
    JOIN dialogue d ON d.entry_id = e.id
    LEFT JOIN part p ON p.id = e.part_id
    WHERE e.at >= ? AND +e.kind = 'dialogue'
    ORDER BY e.at, e.id
"""

TURNS_SQL = f"""
    SELECT t.dialogue_id, e.at, t.role, t.answer, p.name
    FROM entry e
    JOIN turn t ON t.dialogue_id = e.id
    LEFT JOIN part p ON p.id = e.part_id
    WHERE e.at >= ? AND +e.kind = 'dialogue'
      AND t.role IN ({", ".join("?" for _ in TEXT_ROLES)})
      AND t.answer IS NOT NULL AND t.skipped = 0 AND +t.superseded = 0  -- + : stay on ix_entry_at
      -- what the safety check noticed is never quoted back, nor counted
      AND NOT EXISTS (SELECT 1 FROM care_event c WHERE c.entry_id = e.id AND c.step_id = t.step_id)
    ORDER BY e.at, t.dialogue_id, t.position
"""

CHECKIN_TIMES_SQL = "SELECT at FROM entry WHERE kind = 'checkin'"
OLDER_SQL = "SELECT 1 FROM entry WHERE at < ? LIMIT 1"  # one step down ix_entry_at


def checkins_since(conn: Connection, since_iso: str) -> list[CheckinRow]:
    return [CheckinRow(*row) for row in conn.execute(CHECKINS_SQL, (since_iso,))]


def dialogues_since(conn: Connection, since_iso: str) -> list[DialogueRow]:
    return [DialogueRow(*row) for row in conn.execute(DIALOGUES_SQL, (since_iso,))]


def turn_texts_since(conn: Connection, since_iso: str) -> list[TurnText]:
    return [TurnText(*row) for row in conn.execute(TURNS_SQL, (since_iso, *TEXT_ROLES))]


def checkin_times(conn: Connection) -> list[str]:
    return [row[0] for row in conn.execute(CHECKIN_TIMES_SQL)]


def stats_rows(conn: Connection, since_iso: str) -> StatsRows:
    """Everything the trends report needs from ``since_iso`` (UTC, inclusive) on."""
    own_transaction = not conn.in_transaction
    if own_transaction:
        conn.execute("BEGIN")  # deferred: a read snapshot, no write lock
    try:
        return StatsRows(
            checkins=tuple(checkins_since(conn, since_iso)),
            dialogues=tuple(dialogues_since(conn, since_iso)),
            turns=tuple(turn_texts_since(conn, since_iso)),
            checkin_times=tuple(checkin_times(conn)),
            older_entries=conn.execute(OLDER_SQL, (since_iso,)).fetchone() is not None,
        )
    finally:
        if own_transaction and conn.in_transaction:
            conn.execute("COMMIT")
