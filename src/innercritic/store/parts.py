"""The parts map: how often each part came up, what it says, fears and needs;
adding, renaming and merging parts. Plain SQL (no SQLAlchemy).

Part names are unique regardless of case and spacing (``part.name_key``).
Writes are called inside connection.write_transaction by Journal.
"""

from __future__ import annotations


from ..engine.dates import now_iso
from ..engine.records import PartProfile, PartRecord, PartSaying
from ..errors import UsageProblem
from ..limits import MAX_DESCRIPTION, MAX_NAME, clean_description, clean_name  # noqa: F401 (one rule, see limits.py)
from .queries import find_part, list_parts, name_key, new_uid

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

WORDS_ROLES = ("critic_words",)
FEARS_ROLES = ("fears",)  # what it protects you from is its own line of the story
NEEDS_ROLES = ("needs",)


def shown(name: str) -> str:
    """A name echoed in an error line: printable and short."""
    flat = "".join(ch if ch.isprintable() else "?" for ch in " ".join(name.split()))
    return flat if len(flat) <= 40 else flat[:39] + "…"


def require_part(conn: Connection, name: str) -> PartRecord:
    part = find_part(conn, name)
    if part is None:
        known = ", ".join(shown(p.name) for p in list_parts(conn)[:12]) or "none yet"
        raise UsageProblem(f"there is no part called '{shown(name)}' (known parts: {known})")
    return part


# A part came up in its own dialogues and check-ins, and in the dialogues where it was
# the part that stepped in (part_reaction, schema 7).
_COUNTS = """
    SELECT p.id, p.uid, p.name, p.description, p.created_at,
           (SELECT count(*) FROM entry e WHERE e.kind = 'dialogue' AND (e.part_id = p.id
               OR e.id IN (SELECT r.entry_id FROM part_reaction r WHERE r.part_id = p.id))) AS dialogues,
           (SELECT count(*) FROM entry e WHERE e.part_id = p.id AND e.kind = 'checkin') AS checkins,
           (SELECT max(e.at) FROM entry e WHERE e.part_id = p.id
               OR e.id IN (SELECT r.entry_id FROM part_reaction r WHERE r.part_id = p.id)) AS last_seen
    FROM part p
"""


def _profile_from_row(row: tuple) -> PartProfile:
    id_, uid, name, description, created_at, dialogues, checkins, last_seen = row
    return PartProfile(
        part=PartRecord(id_, uid, name, description, created_at),
        dialogues=dialogues, checkins=checkins, last_seen=last_seen,
    )


def profiles(conn: Connection) -> list[PartProfile]:
    """Every part with its counts, in name order (as `list_parts`)."""
    rows = conn.execute(f"{_COUNTS} ORDER BY p.name_key").fetchall()
    return [_profile_from_row(row) for row in rows]


def _sayings(conn: Connection, part_id: int, roles: tuple[str, ...], limit: int) -> tuple[PartSaying, ...]:
    marks = ", ".join("?" for _ in roles)
    rows = conn.execute(
        "SELECT e.id, t.at, t.role, t.answer FROM entry e JOIN turn t ON t.dialogue_id = e.id"
        f" WHERE e.part_id = ? AND e.kind = 'dialogue' AND t.role IN ({marks})"
        " AND t.answer IS NOT NULL AND NOT t.skipped AND t.superseded = 0"
        # what the safety check noticed is never shown back (docs/care-path.md)
        " AND NOT EXISTS (SELECT 1 FROM care_event c WHERE c.entry_id = e.id AND c.step_id = t.step_id)"
        " ORDER BY e.at DESC, e.id DESC, t.position LIMIT ?",
        (part_id, *roles, limit),
    ).fetchall()
    return tuple(PartSaying(entry_id=i, at=at, role=role, text=text) for i, at, role, text in rows)


def profile(conn: Connection, name: str, limit: int = 5) -> PartProfile:
    part = require_part(conn, name)
    row = conn.execute(f"{_COUNTS} WHERE p.id = ?", (part.id,)).fetchone()
    base = _profile_from_row(row)
    return PartProfile(
        part=base.part, dialogues=base.dialogues, checkins=base.checkins, last_seen=base.last_seen,
        words=_sayings(conn, part.id, WORDS_ROLES, limit),
        fears=_sayings(conn, part.id, FEARS_ROLES, limit),
        needs=_sayings(conn, part.id, NEEDS_ROLES, limit),
    )


def _taken_by_other(conn: Connection, key: str, part_id: int | None) -> PartRecord | None:
    row = conn.execute(
        "SELECT id, uid, name, description, created_at FROM part WHERE name_key = ?", (key,)
    ).fetchone()
    if row is None or row[0] == part_id:
        return None
    return PartRecord(*row)


def add(conn: Connection, name: str, description: str | None) -> PartRecord:
    clean = clean_name(name)
    description = clean_description(description)
    existing = _taken_by_other(conn, name_key(clean), None)
    if existing is not None:
        raise UsageProblem(f"there is already a part called '{shown(existing.name)}'")
    conn.execute(
        "INSERT INTO part (uid, name, name_key, description, created_at) VALUES (?, ?, ?, ?, ?)",
        (new_uid(), clean, name_key(clean), description, now_iso()),
    )
    return find_part(conn, clean)


def rename(conn: Connection, old: str, new: str) -> PartRecord:
    """Rename a part (a change of case or spacing alone is allowed)."""
    part = require_part(conn, old)
    clean = clean_name(new)
    other = _taken_by_other(conn, name_key(clean), part.id)
    if other is not None:
        raise UsageProblem(
            f"there is already a part called '{shown(other.name)}'; to fold one into the other use"
            f" `innercritic parts merge`"
        )
    conn.execute(
        "UPDATE part SET name = ?, name_key = ? WHERE id = ?", (clean, name_key(clean), part.id)
    )
    return find_part(conn, clean)


def merge(conn: Connection, source: str, into: str) -> tuple[PartRecord, int]:
    """Move every dialogue and check-in of `source` to `into`, then remove `source`.

    `into` keeps its name; its description gains the one of `source` (merging never
    loses a word: when the two will not fit in one description, the merge is refused
    before anything changes). Returns the surviving part and how many entries moved."""
    moving = require_part(conn, source)
    keeping = require_part(conn, into)
    if moving.id == keeping.id:
        raise UsageProblem(f"'{shown(source)}' and '{shown(into)}' are the same part")
    description = _merged_description(keeping, moving)
    moved = conn.execute(
        "UPDATE entry SET part_id = ? WHERE part_id = ?", (keeping.id, moving.id)
    ).rowcount
    # the reactions of the part folded in are the surviving part's (none of a part to itself)
    conn.execute("UPDATE part_reaction SET part_id = ? WHERE part_id = ?", (keeping.id, moving.id))
    conn.execute(
        "DELETE FROM part_reaction WHERE part_id = ?"
        " AND entry_id IN (SELECT id FROM entry WHERE part_id = ?)", (keeping.id, keeping.id),
    )
    if description != keeping.description:
        conn.execute("UPDATE part SET description = ? WHERE id = ?", (description, keeping.id))
    conn.execute("DELETE FROM part WHERE id = ?", (moving.id,))
    return find_part(conn, keeping.name), moved


def _merged_description(keeping: PartRecord, moving: PartRecord) -> str | None:
    if moving.description is None or moving.description == keeping.description:
        return keeping.description
    if keeping.description is None:
        return moving.description
    joined = f"{keeping.description}\n{moving.description}"
    if len(joined) > MAX_DESCRIPTION:
        raise UsageProblem(
            f"the two descriptions together are longer than {MAX_DESCRIPTION} characters; shorten one first"
            f" (`innercritic parts describe`), so the merge keeps every word"
        )
    return joined
