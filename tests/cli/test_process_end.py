"""How the installed command ends after a quick shell command (entry.run skips
the interpreter's teardown there): every byte of output still arrives, a reader
that stops early or a full device gets the usual plain answers, and the journal
is left tidy."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from conftest import INSTALLED, clean_env
from journal_testing import insert_checkin_at, make_journal, rows

pytestmark = pytest.mark.slow

MANY = 600  # enough JSON to overflow a pipe's buffer several times


@pytest.fixture
def big_journal(db_path) -> str:
    make_journal(db_path)
    for i in range(MANY):
        insert_checkin_at(db_path, f"2026-10-{1 + i % 28:02d}T10:{i % 60:02d}:00.000+00:00", note=f"note {i} " + "x" * 80)
    return db_path


@pytest.mark.parametrize("count", [3, MANY], ids=["short", "long"])  # short stays in the buffer; long overflows a pipe
@pytest.mark.parametrize("as_json", [False, True], ids=["listing", "json"])
def test_piped_output_arrives_whole(big_journal, tmp_path, as_json, count):
    done = subprocess.run(
        [str(INSTALLED), "--db", big_journal, "history", "-n", str(count), *(["--json"] if as_json else [])],
        env=clean_env(tmp_path), capture_output=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    if as_json:
        notes = [entry["note"] for entry in json.loads(done.stdout)]
    else:  # a header, then one line per entry ending with its note
        lines = done.stdout.decode().splitlines()
        assert len(lines) == count + 1
        notes = [line.rsplit("“", 1)[1].rstrip("”…") for line in lines[1:]]
    assert len(notes) == count
    if count == MANY:
        assert {note.split()[1] for note in notes} == {str(i) for i in range(MANY)}


def test_a_reader_that_stops_early_is_not_an_error(big_journal, tmp_path):
    reader = subprocess.Popen(
        [str(INSTALLED), "--db", big_journal, "history", "--json"],
        env=clean_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert reader.stdout.read(100).startswith(b"[")
    reader.stdout.close()  # like `| head -c 100`
    assert reader.wait(timeout=60) == 0
    assert reader.stderr.read() == b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("argv", [["history", "-n", "5"], ["checkin", "--mood", "4"]], ids=" ".join)
def test_a_full_device_gets_one_plain_line_and_keeps_what_was_saved(big_journal, tmp_path, argv, unbuffered):
    env = clean_env(tmp_path, extra={"PYTHONUNBUFFERED": "1"} if unbuffered else None)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [str(INSTALLED), "--db", big_journal, *argv], env=env, stdout=full, stderr=subprocess.PIPE, timeout=60,
        )
    assert done.returncode == 1
    if argv[0] == "checkin":  # it says which check-in was saved, so nobody saves it twice (#11 item 11)
        assert done.stderr.decode() == (
            f"innercritic: saved check-in #{MANY + 1}, but could not write the output (No space left on device);"
            " it is in the journal — no need to check in again\n"
        )
    else:
        assert done.stderr.decode() == (
            "innercritic: could not write the output (No space left on device); what was already saved is safe\n"
        )
    expected = MANY + (1 if argv[0] == "checkin" else 0)
    assert rows(big_journal, "SELECT count(*) FROM checkin") == [(expected,)]


def test_a_checkin_leaves_the_journal_closed_and_tidy(db_path, tmp_path):
    done = subprocess.run(
        [str(INSTALLED), "--db", db_path, "checkin", "--mood", "2", "--note", "tidy"],
        env=clean_env(tmp_path), capture_output=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # SQLite removes the -wal and -shm files when the last connection closes
    # properly, so their absence shows the connection was closed before the exit.
    assert not os.path.exists(db_path + "-wal")
    assert not os.path.exists(db_path + "-shm")
    assert rows(db_path, "SELECT note FROM checkin") == [("tidy",)]
