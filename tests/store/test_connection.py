"""Connections: pragmas, IMMEDIATE writes and waiting, private files, refusing files that are not ours."""

from __future__ import annotations

import os
import random
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
import stat
import threading
import time

import pytest
from journal_testing import count_entries, make_journal, rows, sha256

from innercritic.engine.records import HistoryQuery
from innercritic.errors import JournalBusy, JournalError, NoJournalYet
from innercritic.services.entries import Settings, open_journal
from innercritic.store import connection
from innercritic.store.connection import APPLICATION_ID, SCHEMA_VERSION, connect
from innercritic.store.journal import Journal

EXPECTED_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "secure_delete": 1,
    "temp_store": 2,
    "synchronous": 2,
}


def _pragmas(execute) -> dict[str, object]:
    return {name: execute(f"PRAGMA {name}") for name in (*EXPECTED_PRAGMAS, "busy_timeout")}


def _assert_pragmas(found: dict[str, object]) -> None:
    busy = found.pop("busy_timeout")
    assert found == EXPECTED_PRAGMAS
    assert busy > 0


# ---- pragmas ------------------------------------------------------------------


def test_raw_connection_has_the_pragmas(db_path):
    with Journal(db_path) as journal:
        _assert_pragmas(_pragmas(lambda sql: journal._conn.execute(sql).fetchone()[0]))
    # and a second, separate connection to the now existing file gets them too
    conn = connect(db_path, create=False)
    try:
        _assert_pragmas(_pragmas(lambda sql: conn.execute(sql).fetchone()[0]))
    finally:
        conn.close()


def test_sqlalchemy_path_has_the_pragmas(db_path):
    with Journal(db_path) as journal:
        engine = journal._dialogues._engine
        with engine.connect() as sa_conn:
            found = _pragmas(lambda sql: sa_conn.exec_driver_sql(sql).scalar())
        _assert_pragmas(found)


def test_busy_timeout_follows_the_setting(db_path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 1.25)
    with Journal(db_path) as journal:
        assert journal._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 1250


# ---- IMMEDIATE write transactions ----------------------------------------------


def _statements(journal: Journal) -> list[str]:
    seen: list[str] = []
    journal._conn.set_trace_callback(seen.append)
    return seen


def test_checkin_write_begins_immediate(db_path):
    with Journal(db_path) as journal:
        seen = _statements(journal)
        journal.add_checkin(mood=3, critic=None, note=None, part=None)
    begins = [s for s in seen if s.strip().upper().startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE"]


def test_dialogue_writes_begin_immediate(db_path):
    with Journal(db_path) as journal:
        seen = _statements(journal)
        record = journal.start_dialogue("critic", part="Taskmaster")
        journal.save_turn(
            record.id, position=0, step_id="find", role="critic_words", prompt="What does it say?",
            answer="You are slow.", value=None, skipped=False,
        )
        journal.finish_dialogue(record.id, "completed")
    begins = [s.strip().upper() for s in seen if s.strip().upper().startswith("BEGIN")]
    assert begins, "dialogue writes ran outside any transaction"
    assert set(begins) == {"BEGIN IMMEDIATE"}


def _hold_write_lock(path: str) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


@pytest.mark.parametrize("kind", ["checkin", "dialogue"])
def test_a_write_waits_for_the_lock_then_succeeds(db_path, monkeypatch, kind):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 20.0)
    make_journal(db_path)
    with Journal(db_path) as journal:
        holder = _hold_write_lock(db_path)
        releasing = threading.Event()

        def release() -> None:
            time.sleep(0.3)
            releasing.set()
            holder.execute("COMMIT")

        thread = threading.Thread(target=release)
        thread.start()
        try:
            if kind == "checkin":
                record = journal.add_checkin(mood=4, critic=2, note=None, part=None)
            else:
                record = journal.start_dialogue("critic")
            # the write could only have gone through after the holder began to let go
            waited = releasing.is_set()
        finally:
            thread.join()
            holder.close()
        assert waited
    assert rows(db_path, "SELECT id, kind FROM entry") == [(record.id, kind)]


@pytest.mark.parametrize("kind", ["checkin", "dialogue"])
def test_a_write_that_never_gets_the_lock_is_a_busy_error(db_path, monkeypatch, kind):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.05)
    make_journal(db_path)
    with Journal(db_path) as journal:
        holder = _hold_write_lock(db_path)
        try:
            with pytest.raises(JournalBusy) as caught:
                if kind == "checkin":
                    journal.add_checkin(mood=4, critic=2, note=None, part=None)
                else:
                    journal.start_dialogue("critic")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        message = str(caught.value)
        assert "busy" in message
        assert db_path in message
        assert "\n" not in message
        # the journal is still usable once the lock is free
        journal.add_checkin(mood=1, critic=None, note=None, part=None)
    assert count_entries(db_path) == 1


def test_busy_through_the_cli_is_one_line(db_path, cli_db, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.05)
    make_journal(db_path)
    holder = _hold_write_lock(db_path)
    try:
        result = cli_db("checkin", "--mood", "3")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "busy" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert count_entries(db_path) == 0


# ---- file modes -----------------------------------------------------------------


@pytest.fixture
def umask():
    saved = os.umask(0o022)

    def set_mask(value: int) -> None:
        os.umask(value)

    yield set_mask
    os.umask(saved)


def _mode(path: str) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mask", [0o000, 0o022])
def test_default_data_dir_is_private(tmp_path, umask, mask):
    umask(mask)
    settings = Settings.from_flag(None)
    data_dir = tmp_path / "home" / ".local" / "share" / "innercritic"
    assert settings.db_is_default
    assert settings.db_path == str(data_dir / "journal.db")
    with open_journal(settings) as journal:
        journal.add_checkin(mood=3, critic=None, note=None, part=None)
    assert _mode(str(data_dir)) == 0o700
    assert _mode(settings.db_path) == 0o600


def test_existing_default_data_dir_is_made_private(tmp_path, umask):
    data_dir = tmp_path / "home" / ".local" / "share" / "innercritic"
    data_dir.mkdir(parents=True, mode=0o755)
    os.chmod(data_dir, 0o755)
    with open_journal(Settings.from_flag(None)):
        pass
    assert _mode(str(data_dir)) == 0o700


def test_a_chosen_db_folder_is_left_as_it_is(tmp_path, umask):
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o755)
    with open_journal(Settings.from_flag(str(folder / "j.db"))):
        pass
    assert _mode(str(folder)) == 0o755
    assert _mode(str(folder / "j.db")) == 0o600


@pytest.mark.parametrize("mask", [0o000, 0o022])
def test_db_and_companions_are_private(db_path, umask, mask):
    umask(mask)
    with Journal(db_path) as journal:
        journal.add_checkin(mood=3, critic=None, note=None, part=None)
        journal.start_dialogue("critic")  # the SQLAlchemy path writes too
        for suffix in ("", "-wal", "-shm"):
            assert os.path.exists(db_path + suffix), suffix
            assert _mode(db_path + suffix) == 0o600, suffix


@pytest.mark.parametrize("mask", [0o000, 0o022])
def test_companions_made_by_a_reader_are_private(db_path, umask, mask):
    make_journal(db_path)
    umask(mask)
    with Journal(db_path, create=False) as journal:
        journal.last_checkin_at()
        for suffix in ("", "-wal", "-shm"):
            assert _mode(db_path + suffix) == 0o600, suffix


# ---- version stamps and refusals -----------------------------------------------------


def test_new_journal_is_stamped(db_path):
    make_journal(db_path)
    assert rows(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(db_path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert APPLICATION_ID == 0x49435254


def test_reading_a_missing_journal_creates_nothing(db_path):
    with pytest.raises(NoJournalYet):
        Journal(db_path, create=False)
    assert not os.path.exists(db_path)


def _newer(path: str) -> None:
    make_journal(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


def _text(path: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Dear diary,\nthis is a plain text file, not a database.\n" * 20)


def _random(path: str) -> None:
    with open(path, "wb") as handle:
        handle.write(random.Random(7).randbytes(8192))


def _truncated(path: str) -> None:
    make_journal(path)
    with Journal(path) as journal:
        for mood in range(1, 6):
            journal.add_checkin(mood=mood, critic=mood, note=None, part=None)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(path, "rb") as handle:
        data = handle.read()
    with open(path, "wb") as handle:
        handle.write(data[:3000])


def _foreign(path: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO recipes (title) VALUES ('soup')")
    conn.execute("PRAGMA user_version = 7")  # other programs use user_version too
    conn.commit()
    conn.close()


REFUSED = {
    "newer": (_newer, "newer innercritic"),
    "text": (_text, "not a readable innercritic journal"),
    # random bytes in whole pages look exactly like an encrypted journal: said so, never "damaged"
    "random": (_random, "not an innercritic journal"),
    "truncated": (_truncated, "not a readable innercritic journal"),
    "foreign": (_foreign, "another program"),
}


@pytest.mark.parametrize("create", [True, False])
@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_files_that_are_not_usable_journals_are_refused_untouched(tmp_path, kind, create):
    path = str(tmp_path / f"{kind}.db")
    build, words = REFUSED[kind]
    build(path)
    before = sha256(path)
    with pytest.raises(JournalError) as caught:
        with Journal(path, create=create) as journal:
            # a damaged file that happens to open must fail cleanly on the first read
            journal.history(HistoryQuery())
    message = str(caught.value)
    assert path in message
    assert words in message
    assert "\n" not in message
    assert sha256(path) == before


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_cli_refuses_unusable_files_in_one_line(tmp_path, cli, kind):
    path = str(tmp_path / f"{kind}.db")
    REFUSED[kind][0](path)
    before = sha256(path)
    for args in (("checkin", "--mood", "3"), ("history",)):
        result = cli("--db", path, *args)
        # random bytes may be an encrypted journal: with no terminal to ask its passphrase, exit 2
        assert result.exit_code == (2 if kind == "random" else 1), (args, result.stdout, result.stderr)
        assert result.stdout == ""
        assert result.stderr.startswith(f"innercritic: {path}: ")
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
    assert sha256(path) == before


def test_a_folder_is_refused(tmp_path, cli):
    with pytest.raises(JournalError, match="folder"):
        Journal(str(tmp_path))
    result = cli("--db", str(tmp_path), "checkin", "--mood", "3")
    assert result.exit_code == 1
    assert str(tmp_path) in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_missing_parent_folder_is_refused(tmp_path, cli):
    path = str(tmp_path / "no" / "such" / "journal.db")
    with pytest.raises(JournalError) as caught:
        Journal(path)
    assert path in str(caught.value)
    assert "does not exist" in str(caught.value)
    result = cli("--db", path, "checkin", "--mood", "3")
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "no").exists()
