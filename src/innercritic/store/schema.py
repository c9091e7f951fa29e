"""Create the schema in a new journal and upgrade older ones, atomically.

The current tables come from the SQLModel classes in tables.py; full-text
search (FTS5 virtual tables and the triggers that keep them in step) is
plain SQL, which SQLModel cannot express. Each upgrade runs inside one
IMMEDIATE transaction with its version bump, so a failure leaves the file
exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from .connection import APPLICATION_ID, SCHEMA_VERSION, write_transaction

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

# Full-text search over answers and check-in notes (external content: the
# text is stored once, in turn/checkin; the index holds tokens only).
FTS_DDL = (
    "CREATE VIRTUAL TABLE turn_fts USING fts5(answer, content='turn', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER turn_fts_insert AFTER INSERT ON turn WHEN new.answer IS NOT NULL BEGIN"
    " INSERT INTO turn_fts(rowid, answer) VALUES (new.id, new.answer); END",
    "CREATE TRIGGER turn_fts_delete AFTER DELETE ON turn WHEN old.answer IS NOT NULL BEGIN"
    " INSERT INTO turn_fts(turn_fts, rowid, answer) VALUES ('delete', old.id, old.answer); END",
    "CREATE TRIGGER turn_fts_update AFTER UPDATE OF answer ON turn BEGIN"
    " INSERT INTO turn_fts(turn_fts, rowid, answer) SELECT 'delete', old.id, old.answer"
    " WHERE old.answer IS NOT NULL;"
    " INSERT INTO turn_fts(rowid, answer) SELECT new.id, new.answer WHERE new.answer IS NOT NULL; END",
    "CREATE VIRTUAL TABLE note_fts USING fts5(note, content='checkin', content_rowid='entry_id',"
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER note_fts_insert AFTER INSERT ON checkin WHEN new.note IS NOT NULL BEGIN"
    " INSERT INTO note_fts(rowid, note) VALUES (new.entry_id, new.note); END",
    "CREATE TRIGGER note_fts_delete AFTER DELETE ON checkin WHEN old.note IS NOT NULL BEGIN"
    " INSERT INTO note_fts(note_fts, rowid, note) VALUES ('delete', old.entry_id, old.note); END",
    "CREATE TRIGGER note_fts_update AFTER UPDATE OF note ON checkin BEGIN"
    " INSERT INTO note_fts(note_fts, rowid, note) SELECT 'delete', old.entry_id, old.note"
    " WHERE old.note IS NOT NULL;"
    " INSERT INTO note_fts(rowid, note) SELECT new.entry_id, new.note WHERE new.note IS NOT NULL; END",
)


def current_table_ddl(only: str | None = None) -> list[str]:
    """CREATE TABLE / INDEX statements for the SQLModel tables (or just the table
    named `only`), in dependency order."""
    from sqlalchemy.dialects import sqlite as sqlite_dialect
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    from . import tables  # noqa: F401  (registers the tables on SQLModel.metadata)

    dialect = sqlite_dialect.dialect()
    statements: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        if only is not None and table.name != only:
            continue
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda ix: ix.name or ""):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return statements


def _stamp(conn: Connection, version: int) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")


def create_current(conn: Connection, path: str) -> None:
    with write_transaction(conn, path):
        if conn.execute("PRAGMA user_version").fetchone()[0] != 0:
            return  # another process created it while we waited for the lock
        for statement in current_table_ddl() + list(FTS_DDL):
            conn.execute(statement)
        _stamp(conn, SCHEMA_VERSION)


def _upgrade_1_to_2(conn: Connection) -> None:
    conn.execute("ALTER TABLE dialogue ADD COLUMN draft_step VARCHAR")
    conn.execute("ALTER TABLE dialogue ADD COLUMN draft VARCHAR")
    for statement in FTS_DDL:
        conn.execute(statement)
    conn.execute("INSERT INTO turn_fts(turn_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO note_fts(note_fts) VALUES ('rebuild')")


def _upgrade_2_to_3(conn: Connection) -> None:
    conn.execute("CREATE INDEX ix_turn_id_dialogue ON turn (id, dialogue_id)")


def _upgrade_3_to_4_dialogue_leases(conn: Connection) -> None:
    """One writer per dialogue (store/leases.py); ids are never reused from here on."""
    conn.execute(
        "CREATE TABLE dialogue_lease (\n\tentry_id INTEGER NOT NULL, \n\ttoken VARCHAR NOT NULL, \n"
        "\tpid INTEGER NOT NULL, \n\thost VARCHAR NOT NULL, \n\ttaken_at VARCHAR NOT NULL, \n"
        "\trenewed_at VARCHAR NOT NULL, \n\tPRIMARY KEY (entry_id), \n"
        "\tFOREIGN KEY(entry_id) REFERENCES dialogue (entry_id) ON DELETE CASCADE\n)"
    )


_TURN_COLUMNS = "id, dialogue_id, position, step_id, role, prompt, answer, value, skipped, at"


def _upgrade_4_to_5_set_aside_turns(conn: Connection) -> None:
    """turn.superseded: answers set aside by going back are kept, so (dialogue, position)
    is unique among current turns only. SQLite cannot drop a table's constraint, so the
    turn table is rebuilt; every row keeps its id, which the full-text index refers to.
    Its triggers go with the old table and are made again."""
    turn_triggers = [s for s in FTS_DDL if s.startswith("CREATE TRIGGER turn_fts_")]
    for statement in turn_triggers:
        conn.execute(f"DROP TRIGGER {statement.split()[2]}")
    conn.execute("DROP INDEX ix_turn_id_dialogue")
    conn.execute("ALTER TABLE turn RENAME TO turn_v4")
    for statement in current_table_ddl(only="turn"):
        conn.execute(statement)
    conn.execute(f"INSERT INTO turn ({_TURN_COLUMNS}, superseded) SELECT {_TURN_COLUMNS}, 0 FROM turn_v4")
    conn.execute("DROP TABLE turn_v4")
    for statement in turn_triggers:
        conn.execute(statement)


def _upgrade_5_to_6_care(conn: sqlite3.Connection) -> None:
    """Schema 6 (issue #12): the care_event and plan_item tables, built from the same
    SQLModel classes as a new journal's, so the two stay identical."""
    from . import tables

    for name in (tables.CareEvent.__tablename__, tables.PlanItem.__tablename__):
        for statement in current_table_ddl(only=name):
            conn.execute(statement)


def _upgrade_6_to_7_part_reactions(conn: Connection) -> None:
    """Schema 7 (issue 17): the part_reaction table (the reacting part named in a dialogue,
    linked to the part it reacted to), from the same SQLModel class as a new journal's."""
    from . import tables

    for statement in current_table_ddl(only=tables.PartReaction.__tablename__):
        conn.execute(statement)


# UPGRADES[n] turns a version-n journal into version n+1.
UPGRADES: dict[int, Callable[[Connection], None]] = {
    1: _upgrade_1_to_2, 2: _upgrade_2_to_3, 3: _upgrade_3_to_4_dialogue_leases,
    4: _upgrade_4_to_5_set_aside_turns, 5: _upgrade_5_to_6_care, 6: _upgrade_6_to_7_part_reactions,
}


def upgrade(conn: Connection, path: str) -> None:
    """Bring an older journal up to SCHEMA_VERSION in a single transaction."""
    with write_transaction(conn, path):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        while version < SCHEMA_VERSION:
            UPGRADES[version](conn)
            version += 1
        _stamp(conn, version)
