"""Commands that only read (history, search, export, the nudge) open a plain journal
read-only: they never write the file, so they can never take part in SQLite's WAL-reset
race, and they may use the standard library's SQLite, which starts faster. Anything a
read-only opening cannot do (an older journal, words kept beside it, an encrypted one)
is done as it always was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import INSTALLED
from journal_testing import V1_FIXTURE, insert_checkin_at, make_journal, rows, sha256

from innercritic.store import driver
from innercritic.store.connection import SCHEMA_VERSION
from innercritic.store.kept_aside import keep

READS = [
    ["history", "--search", "marzipan"],
    ["history", "-n", "5"],
    ["export", "--format", "json"],
    ["nudge"],
]


def _shell(db: Path, *argv: str, importtime: bool = False) -> subprocess.CompletedProcess:
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, str(INSTALLED), "--db", str(db), *argv],
        capture_output=True, text=True, timeout=60,
    )


def _imported(done: subprocess.CompletedProcess) -> set[str]:
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def _standard_library_sqlite_can_read() -> bool:
    """What store/driver.py's reader() asks of the standard library's SQLite."""
    import _sqlite3

    version = tuple(int(part) for part in _sqlite3.sqlite_version.split("."))
    conn = _sqlite3.connect(":memory:")
    try:
        has_fts5 = conn.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()[0]
    finally:
        conn.close()
    return version >= driver.READER_LEAST_VERSION and bool(has_fts5)


def test_reading_commands_load_only_one_sqlite_and_the_lighter_one_where_it_can_read(tmp_path):
    db = tmp_path / "journal.db"
    make_journal(str(db))
    insert_checkin_at(str(db), "2026-11-20T10:00:00.000+00:00", note="the marzipan I never ate")
    lighter = _standard_library_sqlite_can_read()
    for argv in READS:
        done = _shell(db, *argv, importtime=True)
        assert done.returncode == 0, (argv, done.stderr[-1500:])
        modules = _imported(done)
        if argv[0] == "history":
            assert "the marzipan I never ate" in done.stdout
        if argv[0] == "export":
            assert "the marzipan I never ate" in done.stdout
        loaded = {"_sqlite3" in modules, any(m.startswith("sqlcipher3") for m in modules)}
        assert loaded == {True, False}, (argv, "one SQLite library, never two")
        if driver.ENCRYPTION:  # sqlcipher3 is installed: the lighter library only where it can read
            assert ("sqlcipher3" not in modules) == lighter, argv


def _commit_and_vanish(db: Path, note: str) -> None:
    """Another innercritic commits a check-in and is killed before it can tidy up:
    the check-in is only in the -wal file, and no connection is open."""
    code = (
        "import os, sys\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from journal_testing import insert_checkin_at\n"
        "from innercritic.store.driver import dbapi\n"
        "keep = dbapi.connect(sys.argv[1])\n"  # holds the journal open, so the insert's close cannot checkpoint
        "keep.execute('SELECT count(*) FROM entry').fetchone()\n"
        "insert_checkin_at(sys.argv[1], '2026-11-21T09:00:00.000+00:00', note=sys.argv[3])\n"
        "os._exit(0)\n"
    )
    tests = str(Path(__file__).resolve().parent.parent)
    subprocess.run([sys.executable, "-c", code, str(db), tests, note], check=True, timeout=60)


def test_a_search_reads_the_newest_words_and_leaves_the_journal_file_as_it_was(tmp_path):
    db = tmp_path / "journal.db"
    make_journal(str(db))
    insert_checkin_at(str(db), "2026-11-20T10:00:00.000+00:00", note="an older note")
    _commit_and_vanish(db, "written just before the crash")
    assert os.path.getsize(str(db) + "-wal") > 0
    before, wal_before = sha256(db), sha256(str(db) + "-wal")

    found = _shell(db, "history", "--search", "crash")
    listed = _shell(db, "history", "-n", "5", "--json")

    assert found.returncode == 0 and "written just before the crash" in found.stdout
    assert listed.returncode == 0
    assert [entry["note"] for entry in json.loads(listed.stdout)] == ["written just before the crash", "an older note"]
    # Nothing was written: no checkpoint moved the -wal's pages into the file.
    assert sha256(db) == before and sha256(str(db) + "-wal") == wal_before
    # The next command that writes takes it from there, and nothing is lost.
    assert _shell(db, "checkin", "--mood", "3").returncode == 0
    assert rows(str(db), "SELECT count(*) FROM checkin") == [(3,)]


def test_history_still_brings_an_older_journal_up_to_date(tmp_path):
    db = tmp_path / "journal.db"
    db.write_bytes(V1_FIXTURE.read_bytes())

    done = _shell(db, "history", "-n", "3")

    assert done.returncode == 0, done.stderr[-1500:]
    assert rows(str(db), "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_history_still_takes_in_words_kept_beside_the_journal(tmp_path):
    db = tmp_path / "journal.db"
    make_journal(str(db))
    assert keep(str(db), dialogue_uid=None, step_id=None, text="kept while the journal was busy")

    done = _shell(db, "history", "-n", "3")

    assert done.returncode == 0, done.stderr[-1500:]
    assert "kept while the journal was busy" in done.stdout
    assert rows(str(db), "SELECT note FROM checkin") == [("kept while the journal was busy",)]
    assert not os.path.exists(str(db) + "-drafts")
