"""Encryption at rest from the shell: unlocking, refusing, converting, and every command."""

from __future__ import annotations

import json
import os
import random

import pytest
from encryption_testing import (
    PASSPHRASE, encrypted_journal, keyed_rows, open_encrypted, passphrase_file, run_detached,
)
from journal_testing import sha256

from innercritic.engine.records import HistoryQuery
from innercritic.store import driver

pytestmark = pytest.mark.skipif(not driver.ENCRYPTION, reason="sqlcipher3 is not installed here")


@pytest.fixture
def secret(tmp_path):
    return {"INNERCRITIC_PASSPHRASE_FILE": passphrase_file(tmp_path, PASSPHRASE)}


@pytest.fixture
def locked(db_path):
    encrypted_journal(db_path, checkins=("the marzipan note",))
    return db_path


def _one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    return stderr


# ---- unlocking and refusing ---------------------------------------------------------


def test_the_right_passphrase_opens_it(tmp_path, locked, secret):
    rc, out, err = run_detached(tmp_path, "history", "--json", db=locked, env=secret)
    assert (rc, err) == (0, "")
    assert [entry["note"] for entry in json.loads(out)] == ["the marzipan note"]


def test_a_wrong_passphrase_says_so_in_one_line_and_changes_nothing(tmp_path, locked):
    before = sha256(locked)
    wrong = {"INNERCRITIC_PASSPHRASE_FILE": passphrase_file(tmp_path, "not it")}
    for args in (("history",), ("checkin", "--mood", "3")):
        rc, out, err = run_detached(tmp_path, *args, db=locked, env=wrong)
        assert rc == 1 and out == ""
        line = _one_line(err)
        assert "wrong passphrase, or this file is not an innercritic journal" in line
        assert "damaged" not in line
        assert "hmac" not in err.lower() and "sqlcipher" not in err.lower()  # SQLCipher's own log stays silent
    assert sha256(locked) == before


def test_no_passphrase_and_no_terminal_is_refused_with_exit_2(tmp_path, locked):
    before = sha256(locked)
    for args in (("history",), ("checkin", "--mood", "3"), ("export",), ("talk", "--plain")):
        rc, out, err = run_detached(tmp_path, *args, db=locked, input=b"" if args[0] == "talk" else None)
        assert (rc, out) == (2, ""), (args, err)
        line = _one_line(err)
        assert "no terminal to ask for its passphrase" in line
        assert "INNERCRITIC_PASSPHRASE_FILE" in line
    assert sha256(locked) == before


def test_a_passphrase_in_an_environment_variable_is_refused(tmp_path, locked):
    rc, _out, err = run_detached(tmp_path, "history", db=locked, env={"INNERCRITIC_PASSPHRASE": PASSPHRASE})
    assert rc == 2
    assert "never reads a passphrase from an environment variable" in _one_line(err)


def test_a_passphrase_file_others_can_read_is_refused(tmp_path, locked):
    shared = passphrase_file(tmp_path, PASSPHRASE, "shared.txt")
    os.chmod(shared, 0o644)
    rc, _out, err = run_detached(tmp_path, "history", db=locked, env={"INNERCRITIC_PASSPHRASE_FILE": shared})
    assert rc == 2
    assert "can be read by other users" in _one_line(err)


def test_the_passphrase_can_come_on_a_file_descriptor(tmp_path, locked):
    read, write = os.pipe()
    os.write(write, PASSPHRASE.encode() + b"\n")
    os.close(write)
    try:
        rc, out, err = run_detached(
            tmp_path, "history", "--search", "marzipan", db=locked,
            env={"INNERCRITIC_PASSPHRASE_FD": str(read)}, pass_fds=(read,),
        )
    finally:
        os.close(read)
    assert (rc, err) == (0, "")
    assert "marzipan" in out


def _random_pages(path: str) -> None:
    with open(path, "wb") as handle:
        handle.write(random.Random(3).randbytes(8192))


def _text(path: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Dear diary, this is not a database.\n" * 40)


@pytest.mark.parametrize(
    ("build", "words"),
    [(_random_pages, "wrong passphrase, or this file is not an innercritic journal"),
     (_text, "not a readable innercritic journal")],
    ids=["random-bytes", "text"],
)
def test_a_file_that_is_not_a_journal_is_refused_untouched(tmp_path, db_path, secret, build, words):
    build(db_path)
    before = sha256(db_path)
    rc, out, err = run_detached(tmp_path, "history", db=db_path, env=secret)
    assert rc == 1 and out == ""
    assert words in _one_line(err)
    assert sha256(db_path) == before


def _keyed(path: str, *statements: str) -> None:
    conn = driver.connect(path)
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_an_encrypted_journal_from_a_newer_innercritic_is_refused_untouched(tmp_path, locked, secret):
    _keyed(locked, "PRAGMA user_version = 99")
    before = sha256(locked)
    rc, _out, err = run_detached(tmp_path, "history", db=locked, env=secret)
    assert rc == 1
    assert "newer innercritic" in _one_line(err)
    assert sha256(locked) == before


def test_a_journal_encrypted_with_settings_from_a_newer_version_is_not_called_damaged(tmp_path, db_path, secret):
    # a later innercritic might choose a stronger key derivation; this one cannot open that file
    _keyed(db_path, "PRAGMA kdf_iter = 512000", "CREATE TABLE later (x)")
    before = sha256(db_path)
    rc, _out, err = run_detached(tmp_path, "history", db=db_path, env=secret)
    assert rc == 1
    line = _one_line(err)
    assert "encrypted by a newer innercritic" in line and "damaged" not in line
    assert sha256(db_path) == before


def test_nudge_on_an_encrypted_journal_never_asks_and_says_nothing(tmp_path, locked):
    rc, out, err = run_detached(tmp_path, "nudge", db=locked)
    assert (rc, out, err) == (0, "", "")


# ---- awkward passphrases -------------------------------------------------------------

AWKWARD = [
    'say "please"', "it's mine", "back\\slash\\", "ünïcødé ✓ 日記", "  spaces around  ",
    "x'; DROP TABLE entry; --", "semi;colon = pragma", "tab\tinside",
]


@pytest.mark.parametrize("awkward", AWKWARD, ids=range(len(AWKWARD)))
def test_awkward_passphrases_encrypt_and_open_exactly(tmp_path, db_path, awkward):
    key = {"INNERCRITIC_PASSPHRASE_FILE": passphrase_file(tmp_path, awkward)}
    assert run_detached(tmp_path, "checkin", "--note", "kept safe", db=db_path, env=key)[0] == 0
    rc, _out, err = run_detached(tmp_path, "encrypt", db=db_path, env=key)
    assert (rc, err) == (0, "")
    rc, out, err = run_detached(tmp_path, "history", "--json", db=db_path, env=key)
    assert (rc, err) == (0, "") and json.loads(out)[0]["note"] == "kept safe"
    assert keyed_rows(db_path, "SELECT note FROM checkin", awkward) == [("kept safe",)]
    for near in {awkward.strip(), awkward + " ", awkward.replace("'", "''")} - {awkward}:
        near_key = {"INNERCRITIC_PASSPHRASE_FILE": passphrase_file(tmp_path, near, "near.txt")}
        rc, _out, err = run_detached(tmp_path, "history", db=db_path, env=near_key)
        assert rc == 1 and "wrong passphrase" in err


# ---- the conversions -----------------------------------------------------------------


def test_encrypt_converts_the_journal_with_its_search_index(tmp_path, db_path, secret):
    run_detached(tmp_path, "checkin", "--note", "the critic says I am lazy", db=db_path)
    rc, out, err = run_detached(tmp_path, "encrypt", db=db_path, env=secret)
    assert (rc, err) == (0, "")
    assert "Encrypted the journal" in out
    with open(db_path, "rb") as handle:
        assert not handle.read(16).startswith(b"SQLite format 3")
    assert [name for name in os.listdir(tmp_path) if name.startswith("journal.db")] == ["journal.db"]
    with open_encrypted(db_path) as journal:
        assert [hit.entry.note for hit in journal.search(HistoryQuery(search="lazy"))] == ["the critic says I am lazy"]
    assert oct(os.stat(db_path).st_mode & 0o777) == "0o600"


def test_encrypt_without_a_journal_starts_a_new_encrypted_one(tmp_path, db_path, secret):
    rc, out, _err = run_detached(tmp_path, "encrypt", db=db_path, env=secret)
    assert rc == 0 and "new encrypted journal" in out
    rc, out, err = run_detached(tmp_path, "checkin", "--mood", "4", db=db_path, env=secret)
    assert (rc, err) == (0, "")
    assert keyed_rows(db_path, "SELECT mood FROM checkin") == [(4,)]


def test_encrypt_twice_and_decrypt_a_plain_journal_are_refused(tmp_path, locked, secret):
    rc, _out, err = run_detached(tmp_path, "encrypt", db=locked, env=secret)
    assert rc == 2 and "already encrypted" in err
    plain = str(tmp_path / "plain.db")
    run_detached(tmp_path, "checkin", "--mood", "2", db=plain)
    rc, _out, err = run_detached(tmp_path, "decrypt", "--yes", db=plain, env=secret)
    assert rc == 2 and "not encrypted" in err


def test_decrypt_gives_back_a_plain_journal(tmp_path, locked, secret):
    rc, out, err = run_detached(tmp_path, "decrypt", "--yes", db=locked, env=secret)
    assert (rc, err) == (0, ""), out
    rc, out, _err = run_detached(tmp_path, "history", "--json", db=locked)
    assert rc == 0 and json.loads(out)[0]["note"] == "the marzipan note"


def test_decrypt_without_a_terminal_needs_yes(tmp_path, locked, secret):
    before = sha256(locked)
    rc, _out, err = run_detached(tmp_path, "decrypt", db=locked, env=secret)
    assert rc == 2 and "--yes" in err
    assert sha256(locked) == before


def test_passphrase_changes_it(tmp_path, locked, secret):
    new = passphrase_file(tmp_path, "a new one", "new.txt")
    rc, _out, err = run_detached(
        tmp_path, "passphrase", db=locked, env={**secret, "INNERCRITIC_NEW_PASSPHRASE_FILE": new},
    )
    assert (rc, err) == (0, "")
    assert run_detached(tmp_path, "history", db=locked, env=secret)[0] == 1
    rc, out, _err = run_detached(tmp_path, "history", db=locked, env={"INNERCRITIC_PASSPHRASE_FILE": new})
    assert rc == 0 and "marzipan" in out


def test_another_innercritic_holding_the_journal_open_stops_a_conversion(tmp_path, locked, secret):
    before = sha256(locked)
    with open_encrypted(locked) as journal:
        journal.history(HistoryQuery())
        rc, _out, err = run_detached(tmp_path, "decrypt", "--yes", db=locked, env=secret)
        assert rc == 1
        assert "another innercritic has the journal open" in _one_line(err)
    assert keyed_rows(locked, "SELECT note FROM checkin") == [("the marzipan note",)]
    assert before  # the file is still the encrypted journal


# ---- where, and the fallback without SQLCipher ----------------------------------------


def test_where_reports_the_sqlite_and_the_encryption(tmp_path, locked):
    rc, out, _err = run_detached(tmp_path, "where", "--json", db=locked)
    info = json.loads(out)
    assert rc == 0
    assert info["sqlite_version"] == driver.sqlite_version() and info["sqlite_version"] >= "3.51.3"
    assert (info["encrypted"], info["encryption_available"]) == (True, True)
    rc, out, _err = run_detached(tmp_path, "where", db=locked)
    assert "encrypted: yes" in out and f"sqlite:  {driver.sqlite_version()}" in out


def test_without_sqlcipher_encryption_is_reported_unavailable_in_one_line(tmp_path, db_path, locked, secret):
    stdlib = {"INNERCRITIC_SQLITE": "stdlib", **secret}
    rc, out, _err = run_detached(tmp_path, "where", "--json", db=db_path, env=stdlib)
    assert json.loads(out)["encryption_available"] is False
    rc, _out, err = run_detached(tmp_path, "encrypt", db=str(tmp_path / "other.db"), env=stdlib)
    assert rc == 2 and "encryption is not available" in _one_line(err)
    rc, _out, err = run_detached(tmp_path, "history", db=locked, env=stdlib)
    assert rc == 1 and "encryption is not available" in _one_line(err)
