"""A conversion killed at any moment (SIGKILL, real processes) leaves either the whole old
journal or the whole new one at its path, and the next command reads it correctly."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time

import pytest
from conftest import INSTALLED, clean_env
from encryption_testing import PASSPHRASE, keyed_rows, passphrase_file, run_detached

from innercritic.store import driver
from innercritic.store.conversion import COPY_SUFFIX, OLD_SUFFIX

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not driver.ENCRYPTION, reason="sqlcipher3 is not installed here"),
]

NOTES = 3000
NEW = "the new passphrase"
KILLS = 3  # each of the three kinds of moment (mid-copy, anywhere, the last fifth) once per direction


def _build(path: str) -> None:
    from innercritic.store.journal import Journal

    Journal(path).close()
    conn = driver.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for i in range(NOTES):
        entry = conn.execute(
            "INSERT INTO entry (uid, kind, at) VALUES (?, 'checkin', ?)", (f"u{i:05}", f"2026-01-01T00:00:{i % 60:02}.000+00:00")
        ).lastrowid
        conn.execute(
            "INSERT INTO checkin (entry_id, mood, critic, note) VALUES (?, 3, 5, ?)",
            (entry, f"note {i} about the marzipan and a long, long day " * 4),
        )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _read(path: str, passphrase: str | None) -> int | None:
    """How many check-ins the file holds when opened with `passphrase` (None: as plain), or None."""
    conn = driver.connect(path)
    try:
        if passphrase is not None:
            conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        conn.execute("PRAGMA quick_check").fetchall()
        return conn.execute("SELECT count(*) FROM checkin").fetchone()[0]
    except driver.errors():
        return None
    finally:
        conn.close()


DIRECTIONS = {
    # command, the journal's passphrase before, after, extra environment
    "encrypt": (["encrypt"], None, PASSPHRASE),
    "decrypt": (["decrypt", "--yes"], PASSPHRASE, None),
    "passphrase": (["passphrase"], PASSPHRASE, NEW),
}


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kill-templates")
    plain = str(folder / "plain.db")
    _build(plain)
    encrypted = str(folder / "encrypted.db")
    shutil.copy(plain, encrypted)
    from innercritic.store import conversion

    conversion.convert(encrypted, old=None, new=PASSPHRASE)
    return {None: plain, PASSPHRASE: encrypted}


@pytest.mark.parametrize("direction", sorted(DIRECTIONS))
def test_a_conversion_killed_at_any_moment_leaves_one_complete_journal(tmp_path, templates, direction):
    args, before, after = DIRECTIONS[direction]
    env = clean_env(tmp_path, None, {
        "INNERCRITIC_PASSPHRASE_FILE": passphrase_file(tmp_path, PASSPHRASE),
        "INNERCRITIC_NEW_PASSPHRASE_FILE": passphrase_file(tmp_path, NEW, "new.txt"),
    })
    rng = random.Random(f"kill-{direction}")
    # one run to the end, for how long a whole conversion takes from the command's start
    path = str(tmp_path / "whole.db")
    shutil.copy(templates[before], path)
    started = time.perf_counter()
    assert subprocess.run([str(INSTALLED), "--db", path, *args], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, start_new_session=True, timeout=120).returncode == 0
    whole = time.perf_counter() - started
    assert _read(path, after) == NOTES
    outcomes = []
    for attempt in range(KILLS):
        folder = tmp_path / f"run{attempt}"
        folder.mkdir()
        path = str(folder / "journal.db")
        shutil.copy(templates[before], path)
        running = subprocess.Popen([str(INSTALLED), "--db", path, *args], env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        if attempt % 3 == 2:
            _wait_for(path + COPY_SUFFIX, running, rng.uniform(0, 0.05))  # mid-copy, whatever the load
        else:  # anywhere in the run, or in its last fifth, where the copy is checked and renamed
            time.sleep((rng.uniform(0.05, 1.0) if attempt % 3 else rng.uniform(0.8, 1.02)) * whole)
        running.send_signal(signal.SIGKILL)
        running.wait(timeout=30)
        old, new = _read(path, before), _read(path, after)
        assert NOTES in (old, new), f"run {attempt}: neither the old nor the new journal is whole ({old}, {new})"
        outcomes.append("old" if old == NOTES else "new")
        # the next command reads it, with the passphrase it now has
        key = {None: {}, PASSPHRASE: {"INNERCRITIC_PASSPHRASE_FILE": env["INNERCRITIC_PASSPHRASE_FILE"]},
               NEW: {"INNERCRITIC_PASSPHRASE_FILE": env["INNERCRITIC_NEW_PASSPHRASE_FILE"]}}
        now = before if old == NOTES else after
        rc, out, err = run_detached(folder, "history", "-n", "1", db=path, env=key[now])
        assert (rc, err) == (0, ""), f"run {attempt}: {err}"
        assert "marzipan" in out
        # and running the conversion again finishes the job, leaving nothing beside the journal
        if now == before:
            rc = subprocess.run([str(INSTALLED), "--db", path, *args], env=env, stdin=subprocess.DEVNULL,
                                capture_output=True, start_new_session=True, timeout=120).returncode
            assert rc == 0
        assert _read(path, after) == NOTES
        left = sorted(name for name in os.listdir(folder) if name != "journal.db" and not name.endswith((".txt", "-wal", "-shm")))
        assert left == [] or all(name == "home" for name in left), left
    assert len(outcomes) == KILLS  # where each kill landed ("old"/"new") depends on the machine's load


def _wait_for(name: str, running: subprocess.Popen, then: float) -> None:
    """Until `name` exists (or the process ends), then `then` seconds more."""
    deadline = time.monotonic() + 60
    while not os.path.exists(name) and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(then)


def test_an_old_file_left_by_a_kill_after_the_rename_is_erased_by_the_next_open(tmp_path, templates):
    path = str(tmp_path / "journal.db")
    shutil.copy(templates[None], path)
    os.link(path, path + OLD_SUFFIX)  # what a conversion killed between its rename and its erase leaves
    shutil.copy(templates[PASSPHRASE], path + ".new")
    os.replace(path + ".new", path)
    with open(path + OLD_SUFFIX, "rb") as handle:
        assert b"marzipan" in handle.read()
    rc, _out, err = run_detached(tmp_path, "history", "-n", "1", db=path,
                                 env={"INNERCRITIC_PASSPHRASE_FILE": passphrase_file(tmp_path, PASSPHRASE)})
    assert (rc, err) == (0, "")
    assert not os.path.exists(path + OLD_SUFFIX)
    assert keyed_rows(path, "SELECT count(*) FROM checkin") == [(NOTES,)]


def test_a_second_name_of_the_live_journal_is_never_erased(tmp_path, templates):
    path = str(tmp_path / "journal.db")
    shutil.copy(templates[None], path)
    os.link(path, path + OLD_SUFFIX)  # killed before the rename: the second name is the journal itself
    rc, _out, err = run_detached(tmp_path, "history", "-n", "1", db=path)
    assert (rc, err) == (0, "")
    assert _read(path, None) == NOTES


def test_files_of_the_persons_own_beside_the_journal_are_never_touched(tmp_path, templates):
    path = str(tmp_path / "journal.db")
    shutil.copy(templates[None], path)
    mine = {name: f"my own {name}".encode() for name in ("journal.db.old", "journal.db.bak", "journal.db.converting")}
    for name, data in mine.items():
        (tmp_path / name).write_bytes(data)
    env = {"INNERCRITIC_PASSPHRASE_FILE": passphrase_file(tmp_path, PASSPHRASE)}
    assert run_detached(tmp_path, "encrypt", db=path, env=env)[0] == 0
    assert run_detached(tmp_path, "history", "-n", "1", db=path, env=env)[0] == 0
    assert {name: (tmp_path / name).read_bytes() for name in mine} == mine
