"""Export: choose the entries the filters pick and build the versioned JSON document.

The shape is documented in docs/export-format.md (``FORMAT`` and ``VERSION`` live
here, the writer's side of that contract). Local ids are not part of it: entries
and parts carry their stable ``uid``, so an import can match what it already has.
"""

from __future__ import annotations

import json
from typing import Any

from ..engine.records import HistoryEntry, HistoryQuery
from . import queries

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

FORMAT = "innercritic-export"
VERSION = 2  # 2 added the safety plan and each entry's care events; version 1 files still import

# ---- choosing what to export ---------------------------------------------------------------


def is_everything(query: HistoryQuery) -> bool:
    return (query.limit, query.since, query.until, query.part, query.kind, query.search, query.offset) == (
        None, None, None, None, None, None, 0,
    )


def select_entry_ids(conn: Connection, query: HistoryQuery) -> list[int]:
    """Ids of the entries the filters pick, oldest first.

    ``limit`` keeps the newest N of them; a search matches as `history --search` does."""
    if query.search is not None:
        from .search import ranked

        found = [hit.entry for hit in ranked(conn, query._replace(limit=None, offset=0))]
        found.sort(key=lambda entry: (entry.at, entry.id), reverse=True)
        if query.limit is not None:
            found = found[query.offset: query.offset + query.limit]
        picked = [entry.id for entry in found]
    else:
        picked = [entry.id for entry in queries.history(conn, query)]
    order = {
        entry_id: position
        for position, entry_id in enumerate(
            row[0] for row in conn.execute(
                "SELECT id FROM entry WHERE id IN (SELECT value FROM json_each(?)) ORDER BY at, id",
                (json.dumps(picked),),
            )
        )
    }
    return sorted(picked, key=lambda entry_id: order[entry_id])


def entries_with_turns(conn: Connection, entry_ids: list[int]) -> list[HistoryEntry]:
    """Full records (dialogues with their turns), in the order given."""
    found = (queries.get_entry(conn, entry_id) for entry_id in entry_ids)
    return [entry for entry in found if entry is not None]


# ---- building the document -------------------------------------------------------------------


def build_document(conn: Connection, entry_ids: list[int] | None, exported_at: str) -> dict[str, Any]:
    """The export document; ``entry_ids`` None means the whole journal (and every part)."""
    entry_sql = (
        "SELECT e.id, e.uid, e.kind, e.at, p.uid, c.mood, c.critic, c.note, d.flow_id, d.status,"
        " d.ended_at, d.critic_before, d.critic_after, d.draft_step, d.draft"
        " FROM entry e LEFT JOIN part p ON p.id = e.part_id LEFT JOIN checkin c ON c.entry_id = e.id"
        " LEFT JOIN dialogue d ON d.entry_id = e.id"
    )
    params: tuple = ()
    if entry_ids is not None:
        entry_sql += " WHERE e.id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(entry_ids),)
    entry_rows = conn.execute(entry_sql + " ORDER BY e.at, e.id", params).fetchall()

    turns: dict[int, list[dict[str, Any]]] = {}
    set_aside: dict[int, list[dict[str, Any]]] = {}
    turn_sql = "SELECT dialogue_id, position, step_id, role, prompt, answer, value, skipped, at, superseded FROM turn"
    if entry_ids is not None:
        turn_sql += " WHERE dialogue_id IN (SELECT value FROM json_each(?))"
    for dialogue_id, position, step, role, prompt, answer, value, skipped, at, superseded in conn.execute(
        turn_sql + " ORDER BY dialogue_id, position, id", params
    ):
        (set_aside if superseded else turns).setdefault(dialogue_id, []).append({
            "position": position, "step": step, "role": role, "prompt": prompt, "answer": answer,
            "value": None if value is None else json.loads(value), "skipped": bool(skipped), "at": at,
        })

    from . import transfer_care

    care = transfer_care.care_by_entry(conn, entry_ids)
    from .part_reactions import reactions_by_entry

    reactions = reactions_by_entry(conn)
    entries: list[dict[str, Any]] = []
    used_parts: set[str] = set()
    for (id_, uid, kind, at, part_uid, mood, critic, note, flow_id, status, ended_at,
         before, after, draft_step, draft) in entry_rows:
        item: dict[str, Any] = {"uid": uid, "kind": kind, "at": at, "part": part_uid}
        if part_uid is not None:
            used_parts.add(part_uid)
        if kind == "checkin":
            item.update(mood=mood, critic=critic, note=note)
        else:
            item.update(
                flow=flow_id, status=status, ended_at=ended_at, critic_before=before, critic_after=after,
                draft_step=draft_step, draft=draft, turns=turns.get(id_, []),
            )
            if id_ in set_aside:  # only when there are any: older readers ignore the key
                item["set_aside"] = set_aside[id_]
            if id_ in reactions:  # schema 7: the part that stepped in, once named (older readers ignore it)
                reacting_uid, named_at = reactions[id_]
                item["reacting_part"] = {"part": reacting_uid, "at": named_at}
                used_parts.add(reacting_uid)
        item["care"] = care.get(id_, [])
        entries.append(item)

    parts = [
        {"uid": uid, "name": name, "description": description, "created_at": created_at}
        for uid, name, description, created_at in conn.execute(
            "SELECT uid, name, description, created_at FROM part ORDER BY name_key, uid"
        )
        if entry_ids is None or uid in used_parts
    ]
    plan = transfer_care.plan_for_export(conn) if entry_ids is None else None  # only a full export has it
    return {
        "format": FORMAT, "version": VERSION, "exported_at": exported_at, "parts": parts, "entries": entries,
        "safety_plan": plan,
    }


def empty_document(exported_at: str) -> dict[str, Any]:
    return {
        "format": FORMAT, "version": VERSION, "exported_at": exported_at, "parts": [], "entries": [],
        "safety_plan": None,
    }
