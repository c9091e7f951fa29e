"""The draft survives closing while another innercritic holds the journal's write lock.

Closing the window, `kill` (SIGTERM) or pausing while the journal is locked used to lose the
answer being typed (the save waited out the busy timeout and failed) and kept the window open
for about ten seconds. Now the draft is kept in a small private side file next to the journal
and merged back at the next opening; `talk --resume` offers it again. (How quickly the app
exits is measured by hand, not asserted: tests never assert timings.)"""

from __future__ import annotations

import os
import signal
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
import stat

import pytest

from reliability_helpers import Terminal, child_env, integrity, latest_dialogue

FIRST = "Before we begin: how loud is the critic"
FIND = "What is the critic saying to you?"
TYPED = "words typed while someone else had the journal"


def _draft(db):
    found = latest_dialogue(db)
    return (found[2], found[3]) if found else None


@pytest.mark.slow
@pytest.mark.parametrize("how", ["sigterm", "terminal-closed", "pause-then-quit"])
def test_the_draft_is_kept_when_the_journal_is_locked_at_closing(tmp_path, how):
    db, home = tmp_path / "journal.db", tmp_path
    term = Terminal(["-m", "innercritic", "--db", str(db), "talk"], child_env(home), home)
    holder = None
    try:
        term.wait_for(FIRST)
        term.send("5\r")
        term.wait_for(FIND)
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another innercritic, in the middle of a long write
        mark = term.mark()
        term.send(TYPED)
        term.wait_for(TYPED[:30], mark)
        if how == "sigterm":
            term.signal(signal.SIGTERM)
            assert term.wait_exit() == 128 + signal.SIGTERM
        elif how == "terminal-closed":
            term.hang_up()
            term.wait_exit()
        else:
            term.send("\x1b")  # Esc: pause, everything kept
            term.wait_for("Paused", mark)
            term.send("\x11")  # Ctrl+Q
            assert term.wait_exit() == 0
    finally:
        term.close()
        side = tmp_path / "journal.db-drafts"
        kept_aside = side.exists() and stat.S_IMODE(os.stat(side).st_mode)
        if holder is not None:
            holder.execute("ROLLBACK")
            holder.close()
    assert kept_aside == 0o600, "the draft was not kept beside the locked journal, privately"
    assert _draft(db) == (None, None)  # the journal itself could not take it...

    from innercritic.store.journal import Journal

    Journal(str(db)).close()  # ...the next opening does
    assert _draft(db) == ("find", TYPED)
    assert not side.exists()
    assert integrity(db) == "ok"


def test_words_kept_aside_for_a_dialogue_deleted_meanwhile_become_a_check_in(tmp_path):
    from innercritic.engine.records import HistoryQuery
    from innercritic.store import kept_aside
    from innercritic.store.journal import Journal

    db = str(tmp_path / "journal.db")
    with Journal(db) as journal:
        dialogue = journal.start_dialogue("critic")
        uid = journal.get_entry(dialogue.id).uid
        journal.delete_entry(dialogue.id)
    assert kept_aside.keep(db, dialogue_uid=uid, step_id="find", text="still mine")
    with Journal(db) as journal:
        assert [e.note for e in journal.history(HistoryQuery())] == ["still mine"]
    assert not os.path.exists(db + "-drafts")
