"""Deletion that really deletes (store/erase.py): after `delete` or `forget --all` the
words are in none of the journal's files — not the database, not the FTS index pages,
not the -wal or -shm file — while the journal is open and after it is closed."""

from __future__ import annotations

import os
import secrets
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)

import pytest
from journal_testing import add_dialogue, rows

from innercritic.engine.records import EraseResult, HistoryQuery
from innercritic.errors import UsageProblem
from innercritic.store.journal import Journal

SUFFIXES = ("", "-wal", "-shm")


def _secret() -> str:
    return "zqxjvw" + secrets.token_hex(6)


def _found_in(path: str, word: str) -> list[str]:
    """The journal files (of .db, -wal, -shm that exist) whose raw bytes contain the word."""
    needle = word.encode("utf-8")
    found = []
    for suffix in SUFFIXES:
        if os.path.exists(path + suffix):
            with open(path + suffix, "rb") as handle:
                if needle in handle.read():
                    found.append(suffix or ".db")
    return found


def _background(journal: Journal) -> list[int]:
    """Other entries that must survive, so the index has more than one segment's worth."""
    ids = []
    for i in range(12):
        ids.append(journal.add_checkin(mood=3, critic=2, note=f"an ordinary note number {i} about work", part=None).id)
    ids.append(add_dialogue(journal, part="Taskmaster", turns=[
        ("find", "critic_words", "What does it say?", "you are slow", None, False),
    ], finish="completed"))
    return ids


def _write_secret(journal: Journal, word: str) -> tuple[int, int, int]:
    """The word in a dialogue answer (also a long one, on overflow pages), in a prompt that
    quotes it, in an unsent draft, and in a check-in note."""
    long_answer = ("filler words to make a long answer " * 300) + word + " end"
    talk = add_dialogue(journal, part="Taskmaster", turns=[
        ("find", "critic_words", "What does it say?", f"It says I am {word} and hopeless", None, False),
        ("long", "fears", "What is it afraid of?", long_answer, None, False),
        ("echo", None, f"You wrote “{word}”. How does that feel?", "heavy", None, False),
    ], finish="completed")
    unfinished = add_dialogue(journal, turns=[("find", "critic_words", "?", f"draft dialogue {word}", None, False)])
    journal.save_draft(unfinished, "focus", f"still typing {word}")
    note = journal.add_checkin(mood=2, critic=8, note=f"today the {word} feeling came back", part="Taskmaster").id
    return talk, unfinished, note


def _touch_the_index(journal: Journal, word: str) -> None:
    hits = journal.search(HistoryQuery(search=word))
    assert len(hits) == 3


@pytest.fixture(params=["in-wal", "checkpointed"])
def written(request, db_path):
    """A journal holding the secret word, either still in the -wal file or copied into the .db."""
    journal = Journal(db_path)
    word = _secret()
    others = _background(journal)
    ids = _write_secret(journal, word)
    _touch_the_index(journal, word)
    if request.param == "checkpointed":
        journal._conn.execute("PRAGMA wal_checkpoint(FULL)")
    yield journal, word, ids, others
    journal.close()


def test_control_the_scan_finds_the_word_before_deletion(written, db_path):
    journal, word, _, _ = written
    assert _found_in(db_path, word), "the scan cannot see the word: the deletion tests would prove nothing"
    journal.close()
    assert _found_in(db_path, word) == [".db"]


def test_delete_erases_the_words_from_every_file(written, db_path):
    journal, word, ids, others = written
    for entry_id in ids:
        result = journal.delete_entry(entry_id)
        assert result == EraseResult(entries=1, parts=0, wal_cleared=True)
    assert _found_in(db_path, word) == []
    assert os.path.getsize(db_path + "-wal") == 0
    # everything else is still there and still searchable
    assert rows(db_path, "SELECT count(*) FROM entry") == [(len(others),)]
    assert [h.entry.id for h in journal.search(HistoryQuery(search="ordinary number 3"))] == [others[3]]
    assert journal.search(HistoryQuery(search=word)) == []
    assert journal.find_part("Taskmaster") is not None  # parts are names; they stay
    journal._conn.execute("INSERT INTO turn_fts(turn_fts, rank) VALUES ('integrity-check', 1)")
    journal._conn.execute("INSERT INTO note_fts(note_fts, rank) VALUES ('integrity-check', 1)")
    journal.close()
    assert _found_in(db_path, word) == []


def test_forget_all_erases_everything(written, db_path):
    journal, word, ids, others = written
    result = journal.forget_all()
    assert result == EraseResult(entries=len(others) + 3, parts=1, wal_cleared=True)
    assert _found_in(db_path, word) == []
    for probe in ("ordinary", "Taskmaster", "hopeless", "filler"):
        assert _found_in(db_path, probe) == [], probe
    for table in ("entry", "part", "dialogue", "turn", "checkin", "turn_fts", "note_fts"):
        assert rows(db_path, f"SELECT count(*) FROM {table}") == [(0,)], table
    # the journal still works, and an id is never given twice (an app with an old dialogue
    # open must never mistake a new one for it)
    fresh = journal.add_checkin(mood=4, critic=None, note="a fresh start", part=None).id
    assert fresh > max(others + list(ids))
    assert [h.entry.id for h in journal.search(HistoryQuery(search="fresh"))] == [fresh]
    journal.close()
    assert _found_in(db_path, word) == []


def test_deleting_an_unknown_entry_changes_nothing(db_path):
    with Journal(db_path) as journal:
        kept = journal.add_checkin(mood=3, critic=None, note="stay", part=None).id
        with pytest.raises(UsageProblem, match="no entry #99"):
            journal.delete_entry(99)
    assert rows(db_path, "SELECT id FROM entry") == [(kept,)]


def test_a_reader_elsewhere_is_reported_and_the_text_is_gone_when_it_closes(db_path):
    journal = Journal(db_path)
    word = _secret()
    _background(journal)
    note = journal.add_checkin(mood=2, critic=None, note=f"the {word} note", part=None).id
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM entry").fetchone()  # holds a snapshot open
    result = journal.delete_entry(note)
    assert result.wal_cleared is False
    reader.execute("COMMIT")
    reader.close()
    journal.close()  # the last connection checkpoints and removes the -wal file
    assert _found_in(db_path, word) == []
