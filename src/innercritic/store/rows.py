"""The shape of an entry row, in one place: the columns every listing selects, the
joins they come from, how a row becomes a record, and the filters every listing shares.

queries.py (listings, one entry) and search.py (ranked hits) both build on these.
"""

from __future__ import annotations

from ..engine.records import CheckInRecord, DialogueRecord, HistoryQuery

ENTRY_COLUMNS = """
    e.id, e.uid, e.kind, e.at, p.name,
    c.mood, c.critic, c.note,
    d.flow_id, d.status, d.ended_at, d.critic_before, d.critic_after,
    (SELECT t.answer FROM turn t WHERE t.dialogue_id = d.entry_id AND t.role = 'critic_words'
      AND t.superseded = 0 ORDER BY t.position LIMIT 1),
    d.draft_step, d.draft
"""
ENTRY_FROM = """
    FROM entry e
    LEFT JOIN part p ON p.id = e.part_id
    LEFT JOIN checkin c ON c.entry_id = e.id
    LEFT JOIN dialogue d ON d.entry_id = e.id
"""


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def entry_from_row(row: tuple) -> CheckInRecord | DialogueRecord:
    (id_, uid, kind, at, part, mood, critic, note, flow_id, status, ended_at,
     before, after, critic_words, draft_step, draft) = row
    if kind == "checkin":
        return CheckInRecord(id=id_, uid=uid, at=at, mood=mood, critic=critic, note=note, part=part)
    return DialogueRecord(
        id=id_, uid=uid, at=at, flow_id=flow_id, status=status, ended_at=ended_at,
        critic_before=before, critic_after=after, part=part, critic_words=critic_words,
        draft_step=draft_step, draft=draft,
    )


def entry_filters(query: HistoryQuery) -> tuple[list[str], list[object]]:
    """WHERE clauses (over entry e and part p) for the filters every listing shares."""
    where: list[str] = []
    params: list[object] = []
    if query.kind:
        where.append("e.kind = ?")
        params.append(query.kind)
    if query.since:
        where.append("e.at >= ?")
        params.append(query.since)
    if query.until:
        where.append("e.at <= ?")
        params.append(query.until)
    if query.part:
        where.append("p.name_key = ?")
        params.append(name_key(query.part))
    return where, params
