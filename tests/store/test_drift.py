"""Three descriptions of one schema must agree: the SQLModel tables, the raw SQL in
queries.py (and leases.py), and what an upgrade from version 1 produces."""

from __future__ import annotations

import ast
import re
import shutil
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
from pathlib import Path

import pytest
from journal_testing import V1_FIXTURE, rows

from innercritic.engine.records import CheckInRecord, HistoryQuery
from innercritic.store import leases, queries, schema, tables
from innercritic.store.journal import Journal

TABLES = {t.__tablename__: t for t in tables.ALL_TABLES}
ALIASES = {"e": "entry", "p": "part", "c": "checkin", "d": "dialogue", "t": "turn", "l": "dialogue_lease"}


def _model_columns(table: str) -> set[str]:
    return set(TABLES[table].__table__.columns.keys())


# ---- an upgraded journal is the same as a new one ------------------------------------------------


def _shape(path: str) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        master = conn.execute("SELECT type, name, tbl_name FROM sqlite_master ORDER BY name").fetchall()
        shape: dict[str, object] = {
            "objects": sorted((kind, name, table) for kind, name, table in master if not name.startswith("sqlite_autoindex")),
            "indexes": sorted(name for kind, name, _ in master if kind == "index" and not name.startswith("sqlite_autoindex")),
            "triggers": sorted(name for kind, name, _ in master if kind == "trigger"),
            "trigger_sql": sorted(
                conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
            ),
            "fts_sql": sorted(
                conn.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('turn_fts', 'note_fts')"
                ).fetchall()
            ),
        }
        for table in TABLES:
            shape[f"columns:{table}"] = conn.execute(f"PRAGMA table_info({table})").fetchall()
            shape[f"foreign_keys:{table}"] = conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            index_list = conn.execute(f"PRAGMA index_list({table})").fetchall()
            shape[f"index_list:{table}"] = sorted(
                (name if not name.startswith("sqlite_autoindex") else "auto", unique, origin, partial,
                 tuple(r[2] for r in conn.execute(f"PRAGMA index_info('{name}')")))
                for _, name, unique, origin, partial in index_list
            )
        return shape
    finally:
        conn.close()


def test_upgraded_v1_has_the_same_schema_as_a_new_journal(tmp_path):
    old = str(tmp_path / "old.db")
    shutil.copyfile(V1_FIXTURE, old)
    Journal(old).close()
    new = str(tmp_path / "new.db")
    Journal(new).close()
    upgraded, fresh = _shape(old), _shape(new)
    assert fresh["triggers"], "a new journal has no FTS triggers?"
    assert fresh["indexes"], "a new journal has no indexes?"
    for key in fresh:
        assert upgraded[key] == fresh[key], key
    assert rows(old, "PRAGMA user_version") == rows(new, "PRAGMA user_version")
    assert rows(old, "PRAGMA application_id") == rows(new, "PRAGMA application_id")


def test_a_new_journal_is_built_from_the_sqlmodel_tables(db_path):
    Journal(db_path).close()
    for name, model in TABLES.items():
        in_file = [row[1] for row in rows(db_path, f"PRAGMA table_info({name})")]
        assert in_file == list(model.__table__.columns.keys()), name


# ---- the raw SQL names only real columns ---------------------------------------------------------


def _sql_strings() -> list[str]:
    from innercritic.store import care_store, rows

    found: list[str] = []
    for module in (queries, rows, leases, care_store):  # rows.py: the entry columns every listing reads
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append(node.value)
    return found


def _columns_named_in_queries() -> dict[str, set[str]]:
    named: dict[str, set[str]] = {table: set() for table in TABLES}
    for text in _sql_strings():
        for alias, column in re.findall(r"\b([epcdtl])\.([a-z_]+)\b", text):
            named[ALIASES[alias]].add(column)
        for table, column_list in re.findall(r"INSERT INTO (\w+) \(([^)]*)\)", text):
            if table not in named:
                continue
            named[table].update(c.strip() for c in column_list.split(","))
        plain = re.match(r"\s*SELECT ([\w, ]+) FROM (\w+)\b(.*)", text, re.S)
        if plain and plain.group(2) in TABLES:
            table = plain.group(2)
            named[table].update(c.strip() for c in plain.group(1).split(","))
            named[table].update(re.findall(r"(?:WHERE|AND|ORDER BY)\s+(\w+)", plain.group(3)))
    return named


def test_every_column_queries_names_exists_in_the_sqlmodel_tables():
    named = _columns_named_in_queries()
    # the scan must actually have found the SQL (guards against a silently empty check)
    assert sum(len(columns) for columns in named.values()) >= 30
    assert all(named[table] for table in TABLES), named
    for table, columns in named.items():
        missing = columns - _model_columns(table)
        assert not missing, f"queries.py names {sorted(missing)} which {table} does not have"


def test_every_query_runs_against_tables_made_only_from_sqlmodel(tmp_path):
    """A schema built straight from SQLModel metadata (not by schema.py) runs all of queries.py."""
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    path = tmp_path / "models.db"
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine, tables=[t.__table__ for t in tables.ALL_TABLES])
    engine.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in schema.FTS_DDL:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO part (uid, name, name_key, created_at) VALUES ('p1', 'Taskmaster', 'taskmaster', 'x')"
        )
        conn.execute("BEGIN IMMEDIATE")
        entry_id = queries.insert_checkin(
            conn, at="2026-11-20T10:00:00.000+00:00", mood=2, critic=9, note="tired words", part_id=1
        )
        conn.execute("COMMIT")
        conn.execute(
            "INSERT INTO entry (uid, kind, at) VALUES ('d1', 'dialogue', '2026-11-21T10:00:00.000+00:00')"
        )
        conn.execute("INSERT INTO dialogue (entry_id, flow_id, status) VALUES (2, 'critic', 'in_progress')")
        conn.execute(
            "INSERT INTO turn (dialogue_id, position, step_id, role, prompt, answer, skipped, at)"
            " VALUES (2, 0, 'find', 'critic_words', 'p', 'tired again', 0, 'x')"
        )
        assert queries.find_part(conn, "TASKMASTER").name == "Taskmaster"
        assert [p.name for p in queries.list_parts(conn)] == ["Taskmaster"]
        assert queries.get_entry(conn, entry_id).note == "tired words"
        assert queries.get_entry(conn, 2).critic_words == "tired again"
        assert len(queries.get_turns(conn, 2)) == 1
        assert queries.latest_unfinished(conn).id == 2
        assert queries.last_checkin_at(conn) == "2026-11-20T10:00:00.000+00:00"
        everything = HistoryQuery(
            limit=5, offset=0, since="2026-01-01", until="2027-01-01", part="taskmaster", kind="checkin", search="tired"
        )
        assert [e.id for e in queries.history(conn, everything)] == [entry_id]
        assert [e.id for e in queries.history(conn, HistoryQuery(search="tired"))] == [2, entry_id]
    finally:
        conn.close()


# ---- the raw check-in insert and the SQLModel tables agree ------------------------------------------


def test_raw_checkin_reads_back_identically_through_sqlmodel(db_path):
    from sqlalchemy import create_engine
    from sqlmodel import Session, select

    with Journal(db_path) as journal:
        journal.start_dialogue("critic", part="The Judge")
        record = journal.add_checkin(mood=2, critic=8, note="Ünïcode — and “quotes”", part="the judge")
        part_id = journal.find_part("The Judge").id
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with Session(engine) as session:
            entry = session.exec(select(tables.Entry).where(tables.Entry.id == record.id)).one()
            checkin = session.exec(select(tables.CheckIn).where(tables.CheckIn.entry_id == record.id)).one()
            part = session.get(tables.Part, entry.part_id)
    finally:
        engine.dispose()
    assert (entry.id, entry.uid, entry.kind, entry.at, entry.part_id) == (
        record.id, record.uid, "checkin", record.at, part_id,
    )
    assert (checkin.mood, checkin.critic, checkin.note) == (record.mood, record.critic, record.note)
    assert part.name == record.part == "The Judge"
    assert isinstance(entry.at, str) and record.at.endswith("+00:00")


def test_sqlmodel_rows_read_back_identically_through_raw_sql(db_path):
    from sqlalchemy import create_engine
    from sqlmodel import Session

    Journal(db_path).close()
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with Session(engine) as session:
            entry = tables.Entry(uid="abc123", kind="checkin", at="2026-11-20T08:00:00.000+00:00")
            session.add(entry)
            session.flush()
            session.add(tables.CheckIn(entry_id=entry.id, mood=5, critic=0, note="a good day"))
            session.commit()
            entry_id = entry.id
    finally:
        engine.dispose()
    with Journal(db_path) as journal:
        record = journal.get_entry(entry_id)
        assert record == CheckInRecord(
            id=entry_id, uid="abc123", at="2026-11-20T08:00:00.000+00:00", mood=5, critic=0,
            note="a good day", part=None,
        )
        # and the FTS triggers saw the SQLModel insert
        assert [e.id for e in journal.history(HistoryQuery(search="good"))] == [entry_id]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_records_cover_the_columns_people_care_about(table):
    """Every SQLModel column is either read by queries.py or is bookkeeping it need not read."""
    named = _columns_named_in_queries()[table]
    bookkeeping = {"name_key", "part_id", "entry_id", "id", "dialogue_id", "position"}
    unread = _model_columns(table) - named - bookkeeping
    assert not unread, f"{table}: {sorted(unread)} are stored but never read back"
