"""Schema: the tables a new journal gets, and upgrading a version-1 journal (kept rows, atomic)."""

from __future__ import annotations

import shutil
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)

import pytest
from journal_testing import V1_FIXTURE, rows

from innercritic.engine.records import CheckInRecord, DialogueRecord, HistoryQuery
from innercritic.store import schema
from innercritic.store.connection import APPLICATION_ID, SCHEMA_VERSION
from innercritic.store.journal import Journal

EXPECTED_COLUMNS = {
    "part": ["id", "uid", "name", "name_key", "description", "created_at"],
    "entry": ["id", "uid", "kind", "at", "part_id"],
    "checkin": ["entry_id", "mood", "critic", "note"],
    "dialogue": ["entry_id", "flow_id", "status", "ended_at", "critic_before", "critic_after", "draft_step", "draft"],
    "turn": ["id", "dialogue_id", "position", "step_id", "role", "prompt", "answer", "value", "skipped", "at", "superseded"],
}
FTS_TRIGGERS = {
    "turn_fts_insert", "turn_fts_delete", "turn_fts_update",
    "note_fts_insert", "note_fts_delete", "note_fts_update",
}


def _columns(path: str, table: str) -> list[str]:
    return [row[1] for row in rows(path, f"PRAGMA table_info({table})")]


def _names(path: str, kind: str) -> set[str]:
    return {row[0] for row in rows(path, "SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


@pytest.fixture
def v1_copy(tmp_path) -> str:
    target = tmp_path / "old.db"
    shutil.copyfile(V1_FIXTURE, target)
    return str(target)


def _all_rows(path: str) -> dict[str, list[tuple]]:
    return {
        "part": rows(path, "SELECT id, uid, name, name_key, description, created_at FROM part ORDER BY id"),
        "entry": rows(path, "SELECT id, uid, kind, at, part_id FROM entry ORDER BY id"),
        "checkin": rows(path, "SELECT entry_id, mood, critic, note FROM checkin ORDER BY entry_id"),
        "dialogue": rows(
            path, "SELECT entry_id, flow_id, status, ended_at, critic_before, critic_after FROM dialogue ORDER BY entry_id"
        ),
        "turn": rows(
            path,
            "SELECT id, dialogue_id, position, step_id, role, prompt, answer, value, skipped, at FROM turn ORDER BY id",
        ),
    }


# ---- a new journal ----------------------------------------------------------------


def test_new_journal_has_the_tables_and_columns(db_path):
    Journal(db_path).close()
    for table, columns in EXPECTED_COLUMNS.items():
        assert _columns(db_path, table) == columns, table
    tables = _names(db_path, "table")
    assert set(EXPECTED_COLUMNS) | {"turn_fts", "note_fts"} <= tables
    assert FTS_TRIGGERS <= _names(db_path, "trigger")
    assert rows(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(db_path, "PRAGMA application_id") == [(APPLICATION_ID,)]


def test_constraints_hold_in_a_new_journal(db_path):
    Journal(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("INSERT INTO entry (uid, kind, at) VALUES ('u1', 'checkin', '2026-01-01T00:00:00.000+00:00')")
    for bad in (
        "INSERT INTO entry (uid, kind, at) VALUES ('u2', 'poem', '2026-01-01T00:00:00.000+00:00')",
        "INSERT INTO entry (uid, kind, at) VALUES ('u1', 'checkin', '2026-01-01T00:00:00.000+00:00')",
        "INSERT INTO checkin (entry_id, mood) VALUES (1, 6)",
        "INSERT INTO checkin (entry_id, critic) VALUES (1, 11)",
        "INSERT INTO checkin (entry_id, mood) VALUES (999, 3)",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(bad)
    conn.close()


# ---- the version-1 fixture ---------------------------------------------------------------


def test_the_fixture_is_a_version_1_journal():
    # read-only, so the committed file is never touched
    conn = sqlite3.connect(f"file:{V1_FIXTURE}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
        assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        columns = [row[1] for row in conn.execute("PRAGMA table_info(dialogue)")]
        assert "draft_step" not in columns and "draft" not in columns
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert not any("fts" in name for name in names)
        assert conn.execute("SELECT count(*) FROM part").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM checkin").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM dialogue").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM turn WHERE role = 'critic_words'").fetchone() == (2,)
    finally:
        conn.close()
    for suffix in ("-wal", "-shm", "-journal"):
        assert not V1_FIXTURE.with_name(V1_FIXTURE.name + suffix).exists()


def test_the_fixture_is_what_its_script_builds(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_v1_journal", V1_FIXTURE.with_name("make_v1_journal.py"))
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    rebuilt = tmp_path / "rebuilt.db"
    script.build(str(rebuilt))

    def dump(path) -> list[str]:
        import sqlite3 as stdlib_sqlite3  # iterdump is the standard library's; the files are closed

        conn = stdlib_sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return list(conn.iterdump()) + [str(conn.execute("PRAGMA user_version").fetchone())]
        finally:
            conn.close()

    assert dump(rebuilt) == dump(V1_FIXTURE)


def test_upgrade_keeps_every_row(v1_copy):
    before = _all_rows(v1_copy)
    Journal(v1_copy).close()
    assert rows(v1_copy, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(v1_copy, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert _all_rows(v1_copy) == before
    assert rows(v1_copy, "SELECT draft_step, draft FROM dialogue") == [(None, None), (None, None)]
    for table, columns in EXPECTED_COLUMNS.items():
        assert _columns(v1_copy, table) == columns, table


def test_upgraded_journal_reads_back_through_the_journal(v1_copy):
    with Journal(v1_copy, create=False) as journal:
        entries = journal.history(HistoryQuery())
        assert [e.id for e in entries] == [5, 4, 3, 2, 1]
        first = journal.get_entry(2)
        assert isinstance(first, DialogueRecord)
        assert first.part == "Taskmaster"
        assert first.critic_words == "You are lazy and everyone can see it."
        assert [t.step_id for t in first.turns] == ["loudness_before", "find", "focus", "fears", "loudness_after"]
        assert first.turns[0].value == 8
        assert first.turns[2].skipped is True
        note = journal.get_entry(3)
        assert isinstance(note, CheckInRecord)
        assert (note.mood, note.critic, note.part) == (4, 3, "The Judge")
        assert journal.latest_unfinished().id == 4


@pytest.mark.parametrize(
    ("words", "ids"),
    [
        ("lazy", [2]),  # a critic_words answer
        ("QUIETER", [3]),  # a check-in note, any case
        ("behind", [2, 1]),  # both a note and an answer
        ("raise", [4]),
        ("presentation judge", [3]),
        ("nowhere", []),
    ],
)
def test_search_finds_text_written_before_the_upgrade(v1_copy, words, ids):
    with Journal(v1_copy) as journal:
        found = journal.history(HistoryQuery(search=words))
    assert [entry.id for entry in found] == ids


def test_new_text_after_the_upgrade_is_searchable_too(v1_copy):
    with Journal(v1_copy) as journal:
        record = journal.add_checkin(mood=2, critic=5, note="Stayed up polishing slides", part=None)
        assert [e.id for e in journal.history(HistoryQuery(search="polishing"))] == [record.id]
        dialogue = journal.get_entry(4)
        journal.save_turn(
            dialogue.id, position=3, step_id="befriend", role="befriend", prompt="How long has it had this job?",
            answer="Since school exams", value=None, skipped=False,
        )
        assert [e.id for e in journal.history(HistoryQuery(search="exams"))] == [4]


def test_cli_on_an_old_journal_upgrades_and_lists(v1_copy, cli):
    result = cli("--db", v1_copy, "history", "--json", "--search", "lazy")
    assert result.exit_code == 0, result.stderr
    assert '"id": 2' in result.stdout
    assert rows(v1_copy, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


# ---- upgrades are atomic -------------------------------------------------------------------


def _half_an_upgrade(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE dialogue ADD COLUMN draft_step VARCHAR")
    conn.execute(schema.FTS_DDL[0])  # turn_fts
    conn.execute("UPDATE checkin SET note = 'overwritten' WHERE entry_id = 1")
    raise RuntimeError("the power went out")


def test_a_failed_upgrade_leaves_the_file_as_it_was(v1_copy, monkeypatch):
    before = _all_rows(v1_copy)
    monkeypatch.setitem(schema.UPGRADES, 1, _half_an_upgrade)
    with pytest.raises(RuntimeError, match="power went out"):
        Journal(v1_copy)
    assert rows(v1_copy, "PRAGMA user_version") == [(1,)]
    assert _all_rows(v1_copy) == before
    assert "draft_step" not in _columns(v1_copy, "dialogue")
    assert "turn_fts" not in _names(v1_copy, "table")
    # and the real upgrade still works afterwards
    monkeypatch.undo()
    Journal(v1_copy).close()
    assert rows(v1_copy, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert _all_rows(v1_copy) == before


def test_a_failed_sql_step_in_an_upgrade_is_a_journal_error(v1_copy, monkeypatch):
    from innercritic.errors import JournalError

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE dialogue ADD COLUMN draft_step VARCHAR")
        conn.execute("ALTER TABLE no_such_table ADD COLUMN x")

    monkeypatch.setitem(schema.UPGRADES, 1, broken)
    with pytest.raises(JournalError) as caught:
        Journal(v1_copy)
    assert v1_copy in str(caught.value)
    assert rows(v1_copy, "PRAGMA user_version") == [(1,)]
    assert "draft_step" not in _columns(v1_copy, "dialogue")
