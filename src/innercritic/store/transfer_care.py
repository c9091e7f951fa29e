"""Export format version 2's additions (docs/export-format.md): the safety plan and
each entry's care events. Written by export.py, checked by import_check.py and added by
import_write.py; a version 1 file simply has neither.

Care events hold no words: which step the safety check noticed, the tier, and the
answers to the questions that followed. The plan is the person's own words.
Importing a plan never overwrites one: it is added when this journal has none,
and otherwise this journal's own plan is kept (the result says so).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..engine.safety_plan import CONTACTS, SECTIONS, PlanEntry, SafetyPlan, check_plan, plan_json
from . import care_store

TIERS = ("clear", "maybe")


class BadPart(Exception):
    """A problem at a place in the document (never quoting the person's text)."""


# ---- export ----------------------------------------------------------------------------


def plan_for_export(conn: sqlite3.Connection) -> dict | None:
    plan = care_store.read_plan(conn)
    return None if plan.is_empty else plan_json(plan)


def care_by_entry(conn: sqlite3.Connection, entry_ids: list[int] | None) -> dict[int, list[dict[str, Any]]]:
    import json

    sql = "SELECT entry_id, step_id, tier, gentle_answer, safe_answer, at FROM care_event"
    params: tuple = ()
    if entry_ids is not None:
        sql += " WHERE entry_id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(entry_ids),)
    found: dict[int, list[dict[str, Any]]] = {}
    for entry_id, step, tier, gentle, safe, at in conn.execute(sql + " ORDER BY entry_id, id", params):
        found.setdefault(entry_id, []).append(
            {"step": step, "tier": tier, "gentle_answer": gentle, "safe_answer": safe, "at": at}
        )
    return found


# ---- validation ------------------------------------------------------------------------


def read_plan(value: Any) -> SafetyPlan | None:
    """The document's "safety_plan" (null or absent: none)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadPart("safety_plan must be an object or null")
    sections: dict[str, list[PlanEntry]] = {}
    for section in SECTIONS:
        items = value.get(section, [])
        if not isinstance(items, list):
            raise BadPart(f"safety_plan.{section} must be a list")
        entries = []
        for index, item in enumerate(items):
            where = f"safety_plan.{section}[{index}]"
            if section in CONTACTS:
                if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                    raise BadPart(f"{where} must be an object with a \"name\"")
                reach = item.get("reach")
                if reach is not None and not isinstance(reach, str):
                    raise BadPart(f"{where}.reach must be text or null")
                entries.append(PlanEntry(_clean(item["name"], where), _clean(reach, where) if reach else None))
            else:
                if not isinstance(item, str):
                    raise BadPart(f"{where} must be text")
                entries.append(PlanEntry(_clean(item, where)))
        sections[section] = entries
    plan = SafetyPlan.of(sections)
    problem = check_plan(plan)
    if problem:
        raise BadPart(f"safety_plan: {problem}")
    return plan


def read_care(value: Any, where: str, check_time) -> tuple[tuple, ...]:
    """An entry's "care" list as (step, tier, gentle_answer, safe_answer, at) tuples."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise BadPart(f"{where}.care must be a list")
    events = []
    for index, raw in enumerate(value):
        place = f"{where}.care[{index}]"
        if not isinstance(raw, dict):
            raise BadPart(f"{place} must be an object")
        step = raw.get("step")
        if step is not None and (not isinstance(step, str) or len(step) > 200):
            raise BadPart(f"{place}.step must be a step id or null")
        if raw.get("tier") not in TIERS:
            raise BadPart(f"{place}.tier must be \"clear\" or \"maybe\"")
        for key in ("gentle_answer", "safe_answer"):
            if raw.get(key) is not None and raw.get(key) not in care_store.ANSWERS:
                raise BadPart(f"{place}.{key} must be \"yes\", \"no\", \"not_sure\" or null")
        events.append((step, raw["tier"], raw.get("gentle_answer"), raw.get("safe_answer"), check_time(raw, "at", place)))
    return tuple(events)


def _clean(text: str, where: str) -> str:
    if "\x00" in text:
        raise BadPart(f"{where} contains a NUL character")
    return text


# ---- import (inside the importing transaction) ----------------------------------------------


def import_care(conn: sqlite3.Connection, entry_id: int, events: tuple) -> None:
    conn.executemany(
        "INSERT INTO care_event (entry_id, step_id, tier, gentle_answer, safe_answer, at) VALUES (?, ?, ?, ?, ?, ?)",
        [(entry_id, *event) for event in events],
    )


def import_plan(conn: sqlite3.Connection, plan: SafetyPlan | None, at: str) -> str | None:
    """"added", "same" (already this journal's), "kept" (this journal has its own), or None."""
    if plan is None or plan.is_empty:
        return None
    current = care_store.read_plan(conn)
    if current.is_empty:
        care_store.write_plan(conn, plan, at)
        return "added"
    return "same" if current.same_words(plan) else "kept"
