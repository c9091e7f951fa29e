"""Every main shell command works on an encrypted journal, and erasing still erases."""

from __future__ import annotations

import json
import os

import pytest
from encryption_testing import PASSPHRASE, encrypted_journal, files_of, keyed_rows, open_encrypted, passphrase_file, run_detached
from journal_testing import CRITIC_TURNS, add_dialogue

from innercritic.store import driver

pytestmark = pytest.mark.skipif(not driver.ENCRYPTION, reason="sqlcipher3 is not installed here")


@pytest.fixture
def locked(db_path):
    encrypted_journal(db_path, checkins=("the marzipan note", "a second, quieter day"))
    with open_encrypted(db_path) as journal:
        add_dialogue(journal, part="Taskmaster", turns=CRITIC_TURNS, finish="completed")
    return db_path


@pytest.fixture
def secret(tmp_path):
    return {"INNERCRITIC_PASSPHRASE_FILE": passphrase_file(tmp_path, PASSPHRASE)}


def _backup(tmp_path, locked, secret) -> str:
    out = str(tmp_path / "backup.json")
    assert run_detached(tmp_path, "export", "--format", "json", "--out", out, db=locked, env=secret)[0] == 0
    return out


# (arguments, what the output must contain, the notes left in the journal afterwards or None: unchanged)
COMMANDS = {
    "checkin": (["checkin", "--mood", "4", "--note", "brand new"], "Saved check-in", 3),
    "history": (["history"], "marzipan", 2),
    "search": (["history", "--search", "marzipan", "--json"], "marzipan", 2),
    "show": (["show", "1"], "marzipan", 2),
    "show-dialogue": (["show", "3", "--format", "md"], "You never finish anything.", 2),
    "stats": (["stats", "--json"], "days", 2),
    "parts": (["parts", "--json"], "Taskmaster", 2),
    "parts-show": (["parts", "show", "Taskmaster"], "You never finish anything.", 2),
    "parts-add": (["parts", "add", "Judge"], "Added the part", 2),
    "talk-plain": (["talk", "--plain"], "loud", 2),
    "delete": (["delete", "1", "--yes"], "Deleted checkin #1", 1),
    "forget": (["forget", "--all", "--yes"], "Forgot 3 entries", 0),
    "where": (["where"], "encrypted: yes", 2),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_main_command_works_on_an_encrypted_journal(tmp_path, locked, secret, name):
    args, expected, notes_after = COMMANDS[name]
    rc, out, err = run_detached(tmp_path, *args, db=locked, env=secret, input=b"7\n" if name == "talk-plain" else None)
    assert rc == 0, err
    assert expected in out
    assert err == ""
    assert len(keyed_rows(locked, "SELECT note FROM checkin")) == notes_after
    with open(locked, "rb") as handle:
        assert not handle.read(16).startswith(b"SQLite format 3")  # still encrypted


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_of_an_encrypted_journal_warns_that_the_file_is_readable(tmp_path, locked, secret, fmt):
    rc, out, err = run_detached(tmp_path, "export", "--format", fmt, db=locked, env=secret)
    assert rc == 0 and "marzipan" in out
    assert "the journal is encrypted, but this export is readable text" in err
    plain = str(tmp_path / "plain.db")
    run_detached(tmp_path, "checkin", "--mood", "3", db=plain)
    assert run_detached(tmp_path, "export", db=plain)[2] == ""  # no warning for a plain journal


def test_import_into_an_encrypted_journal(tmp_path, locked, secret):
    backup = _backup(tmp_path, locked, secret)
    other = str(tmp_path / "other.db")
    encrypted_journal(other, checkins=())
    rc, out, err = run_detached(tmp_path, "import", backup, db=other, env=secret)
    assert (rc, err) == (0, ""), out
    assert "Imported 3 entries" in out
    assert sorted(keyed_rows(other, "SELECT note FROM checkin")) == [("a second, quieter day",), ("the marzipan note",)]


# ---- the words are in no readable byte of the files ------------------------------------

WORDS = (b"marzipan", b"quieter", b"never finish", b"Taskmaster", b"left out")


def _found(path: str) -> list[tuple[str, bytes]]:
    found = []
    for name in files_of(path):
        with open(name, "rb") as handle:
            data = handle.read()
        found += [(os.path.basename(name), word) for word in WORDS if word in data]
    return found


def test_control_a_plain_journal_shows_the_words_to_the_scan(tmp_path, db_path):
    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        journal.add_checkin(mood=3, critic=5, note="the marzipan note", part=None)
        assert _found(db_path), "the scan sees nothing even in a plain journal: the test below would prove nothing"


def test_no_written_word_is_readable_in_the_encrypted_file_or_its_wal(locked):
    with open_encrypted(locked) as journal:
        journal.add_checkin(mood=2, critic=8, note="marzipan again, quieter", part=None)
        assert os.path.getsize(locked + "-wal") > 0  # the new pages are in the -wal right now
        assert _found(locked) == []
    assert _found(locked) == []


def test_delete_and_forget_leave_no_readable_word_in_an_encrypted_journal(tmp_path, locked, secret):
    assert run_detached(tmp_path, "delete", "1", "--yes", db=locked, env=secret)[0] == 0
    assert _found(locked) == []
    rows = keyed_rows(locked, "SELECT count(*) FROM note_fts WHERE note_fts MATCH 'marzipan'")
    assert rows == [(0,)]
    assert run_detached(tmp_path, "forget", "--all", "--yes", db=locked, env=secret)[0] == 0
    assert _found(locked) == []
    assert keyed_rows(locked, "SELECT count(*) FROM entry") == [(0,)]


def test_encrypt_leaves_no_readable_word_behind(tmp_path, db_path, secret):
    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        journal.add_checkin(mood=3, critic=5, note="the marzipan note", part=None)
        add_dialogue(journal, part="Taskmaster", turns=CRITIC_TURNS)
    assert _found(db_path)
    rc, _out, err = run_detached(tmp_path, "encrypt", db=db_path, env=secret)
    assert (rc, err) == (0, "")
    assert _found(db_path) == []
    leftovers = [name for name in os.listdir(tmp_path) if name.startswith("journal.db") and name != "journal.db"]
    assert leftovers == []


def test_history_json_is_the_same_encrypted_and_plain(tmp_path, locked, secret):
    rc, encrypted_out, _err = run_detached(tmp_path, "history", "--json", db=locked, env=secret)
    assert rc == 0
    assert run_detached(tmp_path, "decrypt", "--yes", db=locked, env=secret)[0] == 0
    rc, plain_out, _err = run_detached(tmp_path, "history", "--json", db=locked)
    assert json.loads(encrypted_out) == json.loads(plain_out)


def test_an_encrypted_journal_never_gets_a_plain_text_side_file_of_drafts(locked):
    from innercritic.store import kept_aside

    assert kept_aside.keep(locked, dialogue_uid=None, step_id=None, text="the marzipan draft") is False
    assert not os.path.exists(kept_aside.side_file(locked))
