"""The reacting part (schema 7, table part_reaction): the part that stepped in during a
dialogue's unblending branch, once the person named it. It becomes a part of its own,
linked to the part it reacted to (the dialogue's part). Plain SQL; writes are called
inside connection.write_transaction by Journal.
"""

from __future__ import annotations

from ..engine.records import PartRecord

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks


def name_reacting_part(conn: Connection, entry_id: int, name: str | None, at: str) -> PartRecord | None:
    """Record (or, with no name, forget) the part that reacted in this dialogue; the part
    is made if new. A name that is the dialogue's own part records nothing."""
    from . import queries

    if not name:
        conn.execute("DELETE FROM part_reaction WHERE entry_id = ?", (entry_id,))
        return None
    part = queries.find_part_like(conn, name)
    if part is None:
        part, _likely = queries.insert_part(conn, name)
    own = conn.execute("SELECT part_id FROM entry WHERE id = ?", (entry_id,)).fetchone()
    if own is not None and own[0] == part.id:
        conn.execute("DELETE FROM part_reaction WHERE entry_id = ?", (entry_id,))
        return part
    conn.execute(
        "INSERT INTO part_reaction (entry_id, part_id, at) VALUES (?, ?, ?)"
        " ON CONFLICT (entry_id) DO UPDATE SET part_id = excluded.part_id, at = excluded.at",
        (entry_id, part.id, at),
    )
    return part


def links(conn: Connection, part_id: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the parts this one reacted to, the parts that reacted to this one), by name."""
    reacted_to = conn.execute(
        "SELECT DISTINCT p.name FROM part_reaction r JOIN entry e ON e.id = r.entry_id"
        " JOIN part p ON p.id = e.part_id WHERE r.part_id = ? ORDER BY p.name_key",
        (part_id,),
    ).fetchall()
    reactions = conn.execute(
        "SELECT DISTINCT p.name FROM part_reaction r JOIN entry e ON e.id = r.entry_id"
        " JOIN part p ON p.id = r.part_id WHERE e.part_id = ? ORDER BY p.name_key",
        (part_id,),
    ).fetchall()
    return tuple(name for (name,) in reacted_to), tuple(name for (name,) in reactions)


def reacted_in(conn: Connection, part_id: int) -> list[int]:
    """The dialogues this part reacted in (their entry ids)."""
    return [entry_id for (entry_id,) in conn.execute(
        "SELECT entry_id FROM part_reaction WHERE part_id = ?", (part_id,)
    )]


def reactions_by_entry(conn: Connection) -> dict[int, tuple[str, str]]:
    """entry id -> (reacting part's uid, when it was named), for the export."""
    return {entry_id: (uid, at) for entry_id, uid, at in conn.execute(
        "SELECT r.entry_id, p.uid, r.at FROM part_reaction r JOIN part p ON p.id = r.part_id"
    )}


def import_reaction(conn: Connection, entry_id: int, part_id: int, at: str) -> None:
    conn.execute("INSERT INTO part_reaction (entry_id, part_id, at) VALUES (?, ?, ?)", (entry_id, part_id, at))
