"""Schema 3 adds a covering index so a common search word maps its turns to dialogues cheaply."""

from __future__ import annotations

import shutil
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
from pathlib import Path

from innercritic.engine.records import HistoryQuery
from innercritic.store import queries
from innercritic.store.connection import SCHEMA_VERSION
from innercritic.store.journal import Journal

V1_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "journal_v1.db"


def _indexes(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_new_journal_has_the_index(tmp_path):
    Journal(str(tmp_path / "j.db")).close()
    assert "ix_turn_id_dialogue" in _indexes(tmp_path / "j.db")


def test_an_old_journal_gains_it_when_upgraded_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(V1_FIXTURE, path)
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT count(*) FROM turn").fetchone()[0]
    with Journal(str(path)) as journal:
        assert journal._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 3
        assert journal._conn.execute("SELECT count(*) FROM turn").fetchone()[0] == before
    assert "ix_turn_id_dialogue" in _indexes(path)


def test_search_reads_the_covering_index_not_the_turns(tmp_path):
    with Journal(str(tmp_path / "j.db")) as journal:
        talk = journal.start_dialogue("critic")
        journal.save_turn(talk.id, position=0, step_id="find", role="critic_words", prompt="p",
                          answer="never enough", value="never enough", skipped=False)
        seen = []
        journal._conn.set_trace_callback(seen.append)
        found = queries.history(journal._conn, HistoryQuery(limit=20, search="enough"))
        journal._conn.set_trace_callback(None)
        assert [entry.id for entry in found] == [talk.id]
        statement = next(sql for sql in seen if sql.lstrip().startswith("SELECT"))
        plan = journal._conn.execute("EXPLAIN QUERY PLAN " + statement).fetchall()  # parameters inlined
    assert any("COVERING INDEX ix_turn_id_dialogue" in row[-1] for row in plan), plan
