"""The rows behind a part's story: its dialogues, newest first, each with the
answers on its current path and which steps the safety check noticed.

Plain SQL (no SQLAlchemy). The meaning of each answer (what it says, fears,
wants...) is worked out above, in services/part_story.py, from the turn's role
or, for a turn saved before its step had one, from the flow file.
"""

from __future__ import annotations

from ..tuples import named_tuple

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks


class StoryRow(
    named_tuple(
        "StoryRow", "entry_id at flow_id status critic_before critic_after answers noticed reacted part_name",
        defaults=(False, None),
    )
):
    """entry_id: int, at: str (UTC ISO), flow_id: str, status: str, critic_before /
    critic_after: int | None, answers: tuple[(step_id, role | None, answer), ...] in path
    order, noticed: frozenset[str], the step ids whose answers the safety check noticed;
    reacted: bool, True when the part was the one that reacted in this dialogue; part_name:
    str | None, the dialogue's own part (the one reacted to)."""

    __slots__ = ()


def story_rows(conn: Connection, part_id: int, limit: int | None = None) -> list[StoryRow]:
    """The part's dialogues, newest first (at most `limit`)."""
    dialogues = conn.execute(
        "SELECT e.id, e.at, d.flow_id, d.status, d.critic_before, d.critic_after, e.part_id IS NOT ?,"
        " (SELECT p.name FROM part p WHERE p.id = e.part_id)"
        " FROM entry e JOIN dialogue d ON d.entry_id = e.id"
        " WHERE e.part_id = ? OR e.id IN (SELECT entry_id FROM part_reaction WHERE part_id = ?)"
        " ORDER BY e.at DESC, e.id DESC LIMIT ?",
        (part_id, part_id, part_id, -1 if limit is None else limit),
    ).fetchall()
    if not dialogues:
        return []
    ids = [row[0] for row in dialogues]
    marks = ", ".join("?" for _ in ids)
    answers: dict[int, list[tuple]] = {i: [] for i in ids}
    for dialogue_id, step_id, role, answer in conn.execute(
        "SELECT dialogue_id, step_id, role, answer FROM turn"
        f" WHERE dialogue_id IN ({marks}) AND superseded = 0 AND NOT skipped"
        " AND answer IS NOT NULL AND trim(answer) != ''"
        " ORDER BY dialogue_id, position, id",
        ids,
    ):
        answers[dialogue_id].append((step_id, role, answer))
    noticed: dict[int, set[str]] = {i: set() for i in ids}
    for entry_id, step_id in conn.execute(
        f"SELECT entry_id, step_id FROM care_event WHERE entry_id IN ({marks}) AND step_id IS NOT NULL", ids
    ):
        noticed[entry_id].add(step_id)
    return [
        StoryRow(id_, at, flow_id, status, before, after, tuple(answers[id_]), frozenset(noticed[id_]),
                 bool(reacted), part_name)
        for id_, at, flow_id, status, before, after, reacted, part_name in dialogues
    ]


def unnamed_dialogues(conn: Connection, limit: int = 50) -> list[tuple[int, str, str]]:
    """Dialogues linked to no part, newest first: (entry id, at, flow id)."""
    return conn.execute(
        "SELECT e.id, e.at, d.flow_id FROM entry e JOIN dialogue d ON d.entry_id = e.id"
        " WHERE e.part_id IS NULL ORDER BY e.at DESC, e.id DESC LIMIT ?",
        (limit,),
    ).fetchall()


_MOST_MET = """
    SELECT p.name, max(e.at) FROM part p JOIN entry e ON e.part_id = p.id
    GROUP BY p.id ORDER BY count(*) DESC, max(e.at) DESC, p.name_key LIMIT 1
"""


def most_met_part(conn: Connection) -> tuple[str, str] | None:
    """(name, when last met, UTC ISO) of the part met most often, or None without one.
    The part reminder (part_reminder.py) speaks of it."""
    row = conn.execute(_MOST_MET).fetchone()
    return (row[0], row[1]) if row else None


_LAST_NEEDS = """
    SELECT e.id, t.step_id, t.answer FROM entry e
    JOIN part p ON p.id = e.part_id
    JOIN turn t ON t.dialogue_id = e.id
    WHERE p.name_key = ? AND e.kind = 'dialogue' AND e.id != ? AND e.at <= ?
      AND t.role = 'needs' AND NOT t.skipped AND t.superseded = 0
      AND t.answer IS NOT NULL AND trim(t.answer) != ''
    ORDER BY e.at DESC, e.id DESC, t.position DESC LIMIT 1
"""


def last_promise(conn: Connection, name_key: str, dialogue_id: int | None = None) -> str | None:
    """What the part said it needed to trust the person a little more, in the latest earlier
    dialogue that said: None when there is none, or when the safety check noticed that answer
    (then nothing is recalled at all, rather than an older answer dug up in its place)."""
    before = "9999"
    if dialogue_id is not None:
        row = conn.execute("SELECT at FROM entry WHERE id = ?", (dialogue_id,)).fetchone()
        before = row[0] if row else before
    found = conn.execute(_LAST_NEEDS, (name_key, -1 if dialogue_id is None else dialogue_id, before)).fetchone()
    if found is None:
        return None
    entry_id, step_id, answer = found
    noticed = conn.execute(
        "SELECT 1 FROM care_event WHERE entry_id = ? AND step_id = ? LIMIT 1", (entry_id, step_id)
    ).fetchone()
    return None if noticed else answer
