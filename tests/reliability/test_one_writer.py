"""One dialogue, one writer: ids are never reused, a dialogue deleted elsewhere is never
written by the app that had it open, and two processes resuming the same dialogue cannot
destroy each other's answers. Whatever was typed for a dialogue that is no longer ours
is kept (as a check-in note), and the person is told so in plain words.

Real processes throughout (plain talk on pipes, the app in a pseudo-terminal), except
where the app is driven in-process to time "elsewhere" exactly between two key presses.
"""

from __future__ import annotations

from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)

import pytest

from reliability_helpers import (
    PYTHON, PipedProcess, Terminal, app_for, child_env, integrity, latest_dialogue, query, settle, turns_of,
)

FIRST = "Before we begin: how loud is the critic"
FIND = "What is the critic saying to you?"
FOCUS = "Turn your attention toward that voice"
DELETED = "was deleted from the journal elsewhere"
OPEN_ELSEWHERE = "is open in another innercritic"
TAKEN_OVER = "was taken over by another innercritic"


def _plain(db, home, *extra: str) -> PipedProcess:
    return PipedProcess(["-m", "innercritic", "--db", str(db), "talk", "--plain", *extra], child_env(home), home)


def _plain_at_find(db, home) -> PipedProcess:
    """A plain talk that has answered the first question and now waits at the second."""
    process = _plain(db, home)
    try:
        process.send_line("6")
        process.wait_for(FIND)
    except BaseException:
        process.kill()
        raise
    return process


def _answers(db, dialogue_id: int) -> list[tuple[str, str | None]]:
    return [(step, answer) for _, step, answer, _, _ in turns_of(db, dialogue_id)]


def _notes(db) -> list[str]:
    return [note for (note,) in query(db, "SELECT note FROM checkin ORDER BY entry_id")]


def _run(*args, db, home, stdin: str = "") -> tuple[int, str, str]:
    import subprocess

    done = subprocess.run(
        [PYTHON, "-m", "innercritic", "--db", str(db), *args], input=stdin.encode(), capture_output=True,
        env=child_env(home), cwd=str(home), timeout=60,
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


# ---- ids are never reused ----------------------------------------------------------------


def test_ids_are_never_reused_after_delete_or_forget(tmp_path):
    db, home = tmp_path / "journal.db", tmp_path
    seen: set[int] = set()
    for _ in range(3):
        assert _run("checkin", "--mood", "3", db=db, home=home)[0] == 0
    seen |= {i for (i,) in query(db, "SELECT id FROM entry")}
    newest = max(seen)
    assert _run("delete", str(newest), "--yes", db=db, home=home)[0] == 0
    assert _run("forget", "--all", "--yes", db=db, home=home)[0] == 0
    assert _run("checkin", "--mood", "4", db=db, home=home)[0] == 0
    assert _run("talk", "--plain", db=db, home=home, stdin="5\n")[0] == 0
    fresh = {i for (i,) in query(db, "SELECT id FROM entry")}
    assert len(fresh) == 2 and not fresh & seen, (seen, fresh)
    assert min(fresh) > newest


async def test_an_open_dialogue_deleted_elsewhere_is_never_written_again(tmp_path):
    """forget --all elsewhere, then a new dialogue elsewhere: the open app must not write its
    answer (or its draft) into that new dialogue; it says what happened and keeps the words."""
    db, home = tmp_path / "journal.db", tmp_path
    typed = "what I was in the middle of saying"
    app = app_for(db, start="talk")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("7", "enter")
        await settle(pilot)
        mine = latest_dialogue(db)[0]
        assert _run("forget", "--all", "--yes", db=db, home=home)[0] == 0
        rc, _, err = _run("talk", "--plain", db=db, home=home, stdin="3\nsomeone else's words\n")
        assert rc == 0, err
        theirs = latest_dialogue(db)[0]
        before = _answers(db, theirs)
        area = app.screen.query(".answer-input").first()
        area.insert(typed)
        await pilot.press("enter")
        await settle(pilot)
        shown = [n.message for n in app._notifications]
        assert any(DELETED in message for message in shown), shown
        assert any("check-in" in message for message in shown), shown
    assert theirs != mine
    assert before == [("loudness_before", "3"), ("find", "someone else's words")]
    assert _answers(db, theirs) == before  # untouched
    assert query(db, "SELECT draft FROM dialogue WHERE entry_id = ?", (theirs,)) == [(None,)]
    assert typed in _notes(db)  # what was typed is kept
    assert integrity(db) == "ok"


def test_plain_talk_whose_dialogue_was_deleted_says_so_and_keeps_the_line(tmp_path):
    db, home = tmp_path / "journal.db", tmp_path
    first = _plain_at_find(db, home)
    try:
        assert _run("forget", "--all", "--yes", db=db, home=home)[0] == 0
        first.send_line("the words I typed after")
        rc, out, err = first.finish()
    finally:
        first.kill()
    assert rc == 1, (out, err)
    assert err.count("\n") == 1 and DELETED in err and "Traceback" not in err, err
    assert "IntegrityError" not in err
    assert _notes(db) == ["the words I typed after"]
    assert query(db, "SELECT count(*) FROM dialogue") == [(0,)]


# ---- two resumers --------------------------------------------------------------------------


def test_a_second_plain_resume_is_refused_while_the_first_is_open(tmp_path):
    db, home = tmp_path / "journal.db", tmp_path
    first = _plain_at_find(db, home)
    try:
        dialogue = latest_dialogue(db)[0]
        rc, out, err = _run("talk", "--plain", "--resume", db=db, home=home, stdin="their words\n")
        assert rc == 1, (out, err)
        assert err.count("\n") == 1 and OPEN_ELSEWHERE in err, err
        assert f"innercritic show {dialogue}" in err and "--take-over" in err
        first.send_line("my own words")
        first.wait_for(FOCUS)
        assert _answers(db, dialogue) == [("loudness_before", "6"), ("find", "my own words")]
    finally:
        first.kill()


def test_taking_over_tells_the_first_writer_and_keeps_its_words(tmp_path):
    db, home = tmp_path / "journal.db", tmp_path
    first = _plain_at_find(db, home)
    try:
        dialogue = latest_dialogue(db)[0]
        rc, out, err = _run("talk", "--plain", "--resume", "--take-over", db=db, home=home, stdin="their words\n")
        assert rc == 0, (out, err)
        assert _answers(db, dialogue) == [("loudness_before", "6"), ("find", "their words")]
        first.send_line("my own words")
        rc, out, err = first.finish()
    finally:
        first.kill()
    assert rc == 1, (out, err)
    assert err.count("\n") == 1 and TAKEN_OVER in err, err
    assert _answers(db, dialogue) == [("loudness_before", "6"), ("find", "their words")]
    assert _notes(db) == ["my own words"]
    assert integrity(db) == "ok"


def test_a_lease_left_by_a_killed_process_does_not_block(tmp_path):
    db, home = tmp_path / "journal.db", tmp_path
    _plain_at_find(db, home).kill()  # SIGKILL: no chance to let go of the dialogue
    dialogue = latest_dialogue(db)[0]
    rc, out, err = _run("talk", "--plain", "--resume", db=db, home=home, stdin="after the crash\n")
    assert rc == 0, (out, err)
    assert _answers(db, dialogue) == [("loudness_before", "6"), ("find", "after the crash")]


@pytest.mark.slow
def test_the_app_and_plain_talk_never_share_a_dialogue(tmp_path):
    """The app holds a dialogue: plain --resume is refused. Plain holds one: the app's resume
    says so and offers to read it or take it over; taking over tells plain on its next line."""
    db, home = tmp_path / "journal.db", tmp_path
    term = Terminal(["-m", "innercritic", "--db", str(db), "talk"], child_env(home), home)
    try:
        term.wait_for(FIRST)
        term.send("4\r")
        term.wait_for(FIND)
        dialogue = latest_dialogue(db)[0]
        rc, out, err = _run("talk", "--plain", "--resume", db=db, home=home, stdin="plain words\n")
        assert rc == 1 and OPEN_ELSEWHERE in err, (out, err)
        term.send("\x11")  # Ctrl+Q: the app lets go of the dialogue as it closes
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert _answers(db, dialogue) == [("loudness_before", "4")]

    plain = _plain(db, home, "--resume")
    try:
        plain.wait_for(FIND)
        term = Terminal(["-m", "innercritic", "--db", str(db), "talk", "--resume"], child_env(home), home)
        try:
            term.wait_for(OPEN_ELSEWHERE)
            term.wait_for("Take it over")
            term.send("t")
            mark = term.mark()
            term.wait_for(FIND, mark)
            term.send("app words\r")
            term.wait_for(FOCUS, mark)
            plain.send_line("plain words")
            rc, out, err = plain.finish()
            assert rc == 1 and TAKEN_OVER in err, (out, err)
            term.send("\x11")
            assert term.wait_exit() == 0
        finally:
            term.close()
    finally:
        plain.kill()
    assert _answers(db, dialogue) == [("loudness_before", "4"), ("find", "app words")]
    assert _notes(db) == ["plain words"]
    assert integrity(db) == "ok"


# ---- the lease rules, at the store --------------------------------------------------------


def test_a_lease_is_stale_when_its_process_is_gone_or_it_was_not_renewed(tmp_path):
    from innercritic.errors import DialogueOpenElsewhere
    from innercritic.store import leases
    from innercritic.store.journal import Journal

    db = str(tmp_path / "journal.db")
    with Journal(db) as holder:
        dialogue = holder.start_dialogue("critic")
        with Journal(db) as other:
            with pytest.raises(DialogueOpenElsewhere):
                other.claim_dialogue(dialogue.id)  # a live process on this computer holds it

        def set_lease(**columns):
            conn = sqlite3.connect(db)
            conn.execute(f"UPDATE dialogue_lease SET {', '.join(f'{name} = ?' for name in columns)}",
                         tuple(columns.values()))
            conn.commit()
            conn.close()

        with Journal(db) as other:
            set_lease(host="another-computer", renewed_at="2020-01-01T00:00:00.000+00:00")
            other.claim_dialogue(dialogue.id)  # not renewed for years: stale
            set_lease(host=leases.this_host(), pid=2**22 + 12345)  # no such process here
            with Journal(db) as third:
                third.claim_dialogue(dialogue.id)


def test_a_paused_plain_talk_lets_go(tmp_path):
    """End of input pauses plain talk, and the next resume needs no take-over."""
    db, home = tmp_path / "journal.db", tmp_path
    assert _run("talk", "--plain", db=db, home=home, stdin="6\n")[0] == 0
    rc, out, err = _run("talk", "--plain", "--resume", db=db, home=home, stdin="later words\n")
    assert rc == 0, err
    assert _answers(db, latest_dialogue(db)[0]) == [("loudness_before", "6"), ("find", "later words")]
