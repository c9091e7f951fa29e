"""Import, last step: add a validated document's new parts and entries in one transaction.

Importing the same document twice adds nothing: entries are matched by uid, parts
by uid and otherwise by name (ignoring case); every new entry gets a new local id
through the normal autoincrement. The write is one IMMEDIATE transaction, so a
failed import leaves the journal exactly as it was.
"""

from __future__ import annotations

import json

from ..engine.records import ImportResult
from . import queries
from .connection import write_transaction

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

    from .import_check import ExportIn


def import_export(conn: Connection, path: str, export: ExportIn) -> ImportResult:
    """Write a validated document in one IMMEDIATE transaction."""
    parts_added = parts_matched = added = already = 0
    with write_transaction(conn, path):
        local_part: dict[str, int] = {}
        for part in export.parts:
            row = conn.execute("SELECT id FROM part WHERE uid = ?", (part.uid,)).fetchone()
            if row is None:
                row = conn.execute("SELECT id FROM part WHERE name_key = ?", (queries.name_key(part.name),)).fetchone()
            if row is not None:
                local_part[part.uid] = row[0]
                parts_matched += 1
                continue
            local_part[part.uid] = conn.execute(
                "INSERT INTO part (uid, name, name_key, description, created_at) VALUES (?, ?, ?, ?, ?)",
                (part.uid, part.name, queries.name_key(part.name), part.description, part.created_at),
            ).lastrowid
            parts_added += 1
        for entry in export.entries:
            if conn.execute("SELECT 1 FROM entry WHERE uid = ?", (entry.uid,)).fetchone():
                already += 1
                continue
            entry_id = conn.execute(
                "INSERT INTO entry (uid, kind, at, part_id) VALUES (?, ?, ?, ?)",
                (entry.uid, entry.kind, entry.at, local_part.get(entry.part) if entry.part else None),
            ).lastrowid
            if entry.kind == "checkin":
                conn.execute(
                    "INSERT INTO checkin (entry_id, mood, critic, note) VALUES (?, ?, ?, ?)",
                    (entry_id, entry.mood, entry.critic, entry.note),
                )
            else:
                conn.execute(
                    "INSERT INTO dialogue (entry_id, flow_id, status, ended_at, critic_before, critic_after,"
                    " draft_step, draft) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (entry_id, entry.flow, entry.status, entry.ended_at, entry.critic_before,
                     entry.critic_after, entry.draft_step, entry.draft),
                )
                conn.executemany(
                    "INSERT INTO turn (dialogue_id, position, step_id, role, prompt, answer, value, skipped, at,"
                    " superseded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (entry_id, t.position, t.step, t.role, t.prompt, t.answer,
                         None if t.value is None else json.dumps(t.value, ensure_ascii=False),
                         t.skipped, t.at, superseded)
                        for superseded, turns in ((False, entry.turns), (True, entry.set_aside))
                        for t in turns
                    ],
                )
            from .transfer_care import import_care

            import_care(conn, entry_id, entry.care)
            if entry.reacting_part is not None and local_part.get(entry.reacting_part[0]) is not None:
                from .part_reactions import import_reaction

                import_reaction(conn, entry_id, local_part[entry.reacting_part[0]], entry.reacting_part[1])
            added += 1
        from ..engine.dates import now_iso
        from .transfer_care import import_plan

        plan = import_plan(conn, export.safety_plan, now_iso())
    return ImportResult(
        entries_added=added, entries_already_there=already, parts_added=parts_added, parts_matched=parts_matched,
        plan=plan,
    )
