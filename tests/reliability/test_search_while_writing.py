"""Searching while other innercritics write: the ranking reads its row counts and its
per-word counts in one snapshot, so a search never meets impossible numbers (more rows
holding a word than rows at all) and never fails with `math domain error`."""

from __future__ import annotations

import subprocess

from reliability_helpers import PYTHON

WRITE_ELSEWHERE = """
import sys
from innercritic.services import entries as services
from innercritic.store.journal import Journal
with Journal(sys.argv[1]) as journal:
    for n in range(40):
        services.check_in(journal, mood=3, critic=None, note=f"lazy again, number {n}", part=None)
"""


def test_a_search_while_another_process_adds_matching_notes(db_path, monkeypatch, capsys, keep_umask):
    from innercritic import entry
    from innercritic.services import entries as services
    from innercritic.store import search
    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        services.check_in(journal, mood=2, critic=7, note="it says I am lazy", part=None)
        talk = journal.start_dialogue("critic")
        journal.save_turn(talk.id, position=0, step_id="find", role="critic_words", prompt="What does it say?",
                          answer="lazy and slow", value="lazy and slow", skipped=False)

    real = search.indexed_rows
    wrote = []

    def counted_then_someone_writes(conn, index):
        rows = real(conn, index)
        if index == "note_fts" and not wrote:  # right after the row counts are read: another process writes
            done = subprocess.run([PYTHON, "-c", WRITE_ELSEWHERE, db_path], capture_output=True, timeout=60)
            assert done.returncode == 0, done.stderr.decode()
            wrote.append(True)
        return rows

    monkeypatch.setattr(search, "indexed_rows", counted_then_someone_writes)
    rc = entry.main(["--db", db_path, "history", "--search", "lazy", "--json"])
    out, err = capsys.readouterr()
    assert wrote, "the other process never wrote: the test proved nothing"
    assert rc == 0, err
    assert err == ""
    assert '"lazy and slow"' in out or "lazy and slow" in out


def test_the_ranking_survives_counts_that_cannot_be(db_path):
    """Belt and braces: even counts from two moments (hits > rows) give a finite score."""
    from innercritic.store import search

    for hits, rows in ((31, 1), (5, 0), (0, 0), (-1, 3), (10, 10)):
        value = search._idf(hits, rows)
        assert value > 0 and value == value and value != float("inf"), (hits, rows, value)
