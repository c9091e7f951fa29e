"""The care_event and plan_item tables (schema 4), in plain SQL.

Care events hold no words, only that the safety check noticed something at a
step and how the person answered the question that followed. The safety plan
is one row per line of each part; saving replaces the whole plan at once.
"""

from __future__ import annotations

import sqlite3

from ..engine.records import CareEventRecord
from ..engine.safety_plan import SECTIONS, PlanEntry, SafetyPlan

ANSWERS = ("yes", "no", "not_sure")


def add_event(conn: sqlite3.Connection, *, entry_id: int, step_id: str | None, tier: str, at: str) -> int:
    return conn.execute(
        "INSERT INTO care_event (entry_id, step_id, tier, at) VALUES (?, ?, ?, ?)",
        (entry_id, step_id, tier, at),
    ).lastrowid


def answer_event(conn: sqlite3.Connection, event_id: int, *, gentle: str | None = None, safe: str | None = None) -> None:
    if gentle is not None:
        conn.execute("UPDATE care_event SET gentle_answer = ? WHERE id = ?", (gentle, event_id))
    if safe is not None:
        conn.execute("UPDATE care_event SET safe_answer = ? WHERE id = ?", (safe, event_id))


def events(conn: sqlite3.Connection, entry_id: int) -> list[CareEventRecord]:
    return [
        CareEventRecord(*row)
        for row in conn.execute(
            "SELECT id, entry_id, step_id, tier, gentle_answer, safe_answer, at FROM care_event"
            " WHERE entry_id = ? ORDER BY id",
            (entry_id,),
        )
    ]


def read_plan(conn: sqlite3.Connection) -> SafetyPlan:
    sections: dict[str, list[PlanEntry]] = {section: [] for section in SECTIONS}
    updated = None
    for section, text, reach, updated_at in conn.execute(
        "SELECT section, text, reach, updated_at FROM plan_item ORDER BY section, position"
    ):
        if section in sections:
            sections[section].append(PlanEntry(text, reach))
        updated = max(updated or updated_at, updated_at)
    return SafetyPlan({section: tuple(entries) for section, entries in sections.items()}, updated)


def write_plan(conn: sqlite3.Connection, plan: SafetyPlan, at: str) -> None:
    """Replace the plan (call inside a write transaction)."""
    conn.execute("DELETE FROM plan_item")
    conn.executemany(
        "INSERT INTO plan_item (section, position, text, reach, updated_at) VALUES (?, ?, ?, ?, ?)",
        [
            (section, position, entry.text, entry.reach, at)
            for section in SECTIONS
            for position, entry in enumerate(plan.sections.get(section, ()))
        ],
    )
