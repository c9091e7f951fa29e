"""Several writers at once: every row arrives, none fails, and a writer kept waiting too
long is told so in one line."""

from __future__ import annotations

import multiprocessing
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
import subprocess
import threading

import pytest

from reliability_helpers import PYTHON, child_env, integrity, query

PROCESSES = 4
CHECKINS_EACH = 25
CLI_PROCESSES = 2
CLI_CHECKINS_EACH = 5
TURNS = 60


def _checkins(args: tuple[str, int, int]) -> int:
    """In a child process: check in `count` times, opening the journal afresh each time
    (as each shell command does). Returns how many were saved."""
    db, worker, count = args
    from innercritic.services import entries as services
    from innercritic.store.journal import Journal

    for n in range(count):
        with Journal(db) as journal:
            services.check_in(journal, mood=3, critic=n % 11, note=f"worker {worker} #{n}", part=None)
    return count


def _read_then_write(args: tuple[str, int]) -> int:
    """In a child process: read the number of check-ins, then write a check-in carrying that
    number, inside one write_transaction. Serialised correctly, the numbers are all distinct."""
    db, count = args
    from innercritic.engine.dates import now_iso
    from innercritic.store import queries
    from innercritic.store.connection import write_transaction
    from innercritic.store.journal import Journal

    with Journal(db) as journal:
        conn = journal._conn
        for _ in range(count):
            with write_transaction(conn, db):
                seen = conn.execute("SELECT count(*) FROM checkin").fetchone()[0]
                queries.insert_checkin(conn, at=now_iso(), mood=None, critic=None, note=str(seen), part_id=None)
    return count


def _pool(n: int):
    # spawn, not fork: a forked child inherits SQLite's per-process lock bookkeeping for any
    # connection open in this process at fork time (here: the dialogue writer's), and then its
    # own connections lock wrongly. SQLite documents this; real innercritic processes never fork.
    return multiprocessing.get_context("spawn").Pool(n)


def test_parallel_checkins_while_the_app_saves_a_dialogue(tmp_path):
    from innercritic.store.journal import Journal

    db = str(tmp_path / "journal.db")
    Journal(db).close()
    problems: list[BaseException] = []

    def dialogue_writer() -> None:  # what the TUI's database thread does, flat out
        try:
            with Journal(db) as journal:
                dialogue = journal.start_dialogue("critic", part="Taskmaster")
                for position in range(TURNS):
                    journal.save_draft(dialogue.id, f"step{position}", f"typing {position}")
                    journal.save_turn(
                        dialogue.id, position=position, step_id=f"step{position}", role=None,
                        prompt=f"question {position}", answer=f"answer {position}", value=None, skipped=False,
                    )
        except BaseException as exc:  # noqa: BLE001 - reported below
            problems.append(exc)

    writer = threading.Thread(target=dialogue_writer)
    cli = [
        subprocess.Popen(
            ["/bin/sh", "-c", " && ".join(
                [f'"{PYTHON}" -m innercritic --db "{db}" checkin --mood 3 --note "cli {w} {n}"'
                 for n in range(CLI_CHECKINS_EACH)]
            )],
            env=child_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        for w in range(CLI_PROCESSES)
    ]
    writer.start()
    with _pool(PROCESSES) as pool:
        saved = pool.map(_checkins, [(db, w, CHECKINS_EACH) for w in range(PROCESSES)])
    writer.join(timeout=120)
    errors = [p.communicate(timeout=120)[1].decode() for p in cli]

    assert not problems, problems
    assert [p.returncode for p in cli] == [0] * CLI_PROCESSES, errors
    assert saved == [CHECKINS_EACH] * PROCESSES
    total = PROCESSES * CHECKINS_EACH + CLI_PROCESSES * CLI_CHECKINS_EACH
    assert query(db, "SELECT count(*) FROM checkin") == [(total,)]
    assert query(db, "SELECT count(*) FROM entry WHERE kind = 'checkin'") == [(total,)]
    assert query(db, "SELECT count(DISTINCT note) FROM checkin") == [(total,)]
    assert query(db, "SELECT count(*), min(position), max(position) FROM turn") == [(TURNS, 0, TURNS - 1)]
    assert query(db, "SELECT draft FROM dialogue") == [(None,)]  # each saved turn cleared its draft
    assert integrity(db) == "ok"


def test_read_then_write_transactions_are_serialised(tmp_path):
    from innercritic.store.journal import Journal

    db = str(tmp_path / "journal.db")
    Journal(db).close()
    with _pool(PROCESSES) as pool:
        pool.map(_read_then_write, [(db, 20)] * PROCESSES)
    notes = sorted(int(note) for (note,) in query(db, "SELECT note FROM checkin"))
    assert notes == list(range(PROCESSES * 20))  # no lost update, no busy-snapshot failure


def test_a_read_then_write_never_meets_a_busy_snapshot(tmp_path):
    """Deterministic: A reads inside write_transaction, B commits a write meanwhile, A writes.

    The control shows why BEGIN IMMEDIATE matters: with a plain deferred BEGIN, A's write
    after B's commit fails at once with SQLITE_BUSY (snapshot), busy timeout or not."""
    from innercritic.store.connection import connect, write_transaction
    from innercritic.store.journal import Journal

    db = str(tmp_path / "journal.db")
    Journal(db).close()

    # Control: deferred transactions do hit the busy snapshot.
    a, b = sqlite3.connect(db, isolation_level=None, timeout=5), sqlite3.connect(db, isolation_level=None, timeout=5)
    a.execute("BEGIN")
    a.execute("SELECT count(*) FROM entry").fetchone()
    b.execute("INSERT INTO entry (uid, kind, at) VALUES ('control', 'checkin', '2026-01-01T00:00:00.000+00:00')")
    with pytest.raises(sqlite3.OperationalError, match="locked|busy"):
        a.execute("INSERT INTO entry (uid, kind, at) VALUES ('a', 'checkin', '2026-01-01T00:00:00.000+00:00')")
    a.execute("ROLLBACK")
    a.close()
    b.close()

    # The product's way.
    first, second = connect(db, create=False), connect(db, create=False)
    read_done, b_started = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def writer_b() -> None:
        read_done.wait(10)
        b_started.set()
        try:
            with write_transaction(second, db):  # waits for A's lock instead of failing A
                second.execute("INSERT INTO entry (uid, kind, at) VALUES ('b', 'checkin', '2026-01-01T00:00:01.000+00:00')")
            outcome["b"] = "ok"
        except BaseException as exc:  # noqa: BLE001
            outcome["b"] = exc

    thread = threading.Thread(target=writer_b)
    thread.start()
    with write_transaction(first, db):
        seen = first.execute("SELECT count(*) FROM entry").fetchone()[0]
        read_done.set()
        b_started.wait(10)
        threading.Event().wait(0.2)  # give B time to queue behind the lock (ordering, not timing)
        first.execute(
            "INSERT INTO entry (uid, kind, at) VALUES (?, 'checkin', '2026-01-01T00:00:02.000+00:00')", (f"a{seen}",)
        )
    thread.join(10)
    assert outcome == {"b": "ok"}
    uids = [uid for (uid,) in query(db, "SELECT uid FROM entry ORDER BY id")]
    assert uids == ["control", "a1", "b"]
    first.close()
    second.close()


@pytest.fixture
def held_write_lock(tmp_path):
    """A journal whose write lock another connection holds (BEGIN IMMEDIATE, never committed)."""
    from innercritic.services import entries as services
    from innercritic.store.journal import Journal

    db = str(tmp_path / "journal.db")
    with Journal(db) as journal:
        services.check_in(journal, mood=2, critic=None, note="already here", part=None)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield db
    holder.execute("ROLLBACK")
    holder.close()


@pytest.mark.parametrize("args", [["checkin", "--mood", "3"], ["checkin", "--note", "-"], ["talk", "--plain"]])
def test_a_writer_kept_waiting_gets_one_line_and_exit_1(tmp_path, held_write_lock, args):
    db = held_write_lock
    done = subprocess.run(
        [PYTHON, "-m", "innercritic", "--db", db, *args], input=b"my private words\n", capture_output=True,
        env=child_env(tmp_path, INNERCRITIC_BUSY_TIMEOUT="0.2"), timeout=60,
    )
    err = done.stderr.decode()
    assert done.returncode == 1, (done.stdout, err)
    assert err.count("\n") == 1 and err.startswith("innercritic: ") and "the journal is busy" in err, err
    assert db in err
    assert "Traceback" not in err and "my private words" not in err
    assert query(db, "SELECT count(*) FROM entry") == [(1,)]


def test_reading_works_while_another_writer_holds_the_lock(tmp_path, held_write_lock):
    done = subprocess.run(
        [PYTHON, "-m", "innercritic", "--db", held_write_lock, "history", "--json"], capture_output=True,
        env=child_env(tmp_path, INNERCRITIC_BUSY_TIMEOUT="0.2"), timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b"already here" in done.stdout


def test_busy_in_process_with_a_short_timeout(held_write_lock, monkeypatch, capsys, keep_umask):
    from innercritic import entry
    from innercritic.store import connection

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.05)
    assert entry.main(["--db", held_write_lock, "checkin", "--mood", "4"]) == 1
    err = capsys.readouterr().err
    assert err == f"innercritic: {held_write_lock}: the journal is busy (another innercritic is writing); try again in a moment\n"


@pytest.mark.parametrize("value, expected", [("0.25", 0.25), ("0", 0.0), ("nan", 5.0), ("-1", 5.0), ("x", 5.0), ("", 5.0), ("1e9", 5.0)])
def test_busy_timeout_override_is_read_safely(monkeypatch, value, expected):
    from innercritic.store import connection

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 5.0)
    monkeypatch.setenv("INNERCRITIC_BUSY_TIMEOUT", value)
    assert connection.busy_timeout_seconds() == expected


async def test_the_app_shows_busy_instead_of_crashing(held_write_lock, monkeypatch):
    from reliability_helpers import app_for, settle

    monkeypatch.setenv("INNERCRITIC_BUSY_TIMEOUT", "0.1")
    app = app_for(held_write_lock, start="talk")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert app.problem is not None and "the journal is busy" in app.problem
    assert app.return_code in (0, None)
