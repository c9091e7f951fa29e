"""The nudge stays silent on files that are not an innercritic journal it can read."""

from __future__ import annotations

from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)

from innercritic.cli.nudge import run_nudge


def test_foreign_sqlite_file_is_left_alone_in_silence(tmp_path, capsys):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    assert run_nudge(str(path)) == 0
    assert capsys.readouterr().out == ""


def test_newer_journal_is_left_alone_in_silence(tmp_path, capsys):
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 1229148756")  # innercritic's id
        conn.execute("PRAGMA user_version = 99")
    assert run_nudge(str(path)) == 0
    assert capsys.readouterr().out == ""
