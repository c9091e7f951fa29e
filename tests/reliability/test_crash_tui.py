"""The full-screen app in a real pseudo-terminal: killed, hung up, terminated, Ctrl-C'd.

Answers already sent survive a SIGKILL; the answer being typed survives as a draft when
the terminal closes (SIGHUP), on SIGTERM, and once the 1-second autosave has run; resume
starts at the next unanswered step and offers the draft.
"""

from __future__ import annotations

import random
import signal
import time

import pytest

from reliability_helpers import (
    Terminal, child_env, conversation_from_db, first_words, integrity, latest_dialogue, turns_of,
)

FIRST = "Before we begin: how loud is the critic"
FIND = "What is the critic saying to you?"
FOCUS = "Turn your attention toward that voice"
FLESH = "What is it like? Its tone"
LEAVE_ALT_SCREEN = b"\x1b[?1049l"


def _tui(db, home, *extra: str) -> Terminal:
    return Terminal(["-m", "innercritic", "--db", str(db), "talk", *extra], child_env(home), home)


def _wait_db(check, timeout: float = 15.0):
    """Poll the database until check() is truthy (the app writes on its own thread)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


def test_sigkill_between_answers_then_resume_at_the_next_step(tmp_path):
    rng = random.Random(7)
    db, home = tmp_path / "journal.db", tmp_path
    answers = ["You never finish [bold]anything[/] 🙂", "In my jaw, \u202eflipped\u202c", "Old and sharp, 先生"]

    term = _tui(db, home)
    try:
        term.wait_for(FIRST)
        term.send("8\r")
        mark = term.mark()
        term.wait_for(FIND, mark)
        term.send(answers[0] + "\r")
        term.wait_for(FOCUS, mark)
        assert term.kill() == -signal.SIGKILL
    finally:
        term.close()
    dialogue_id, status, _, _ = latest_dialogue(db)
    assert integrity(db) == "ok"
    assert status == "in_progress"
    assert [(s, a) for _, s, a, _, _ in turns_of(db, dialogue_id)] == [("loudness_before", "8"), ("find", answers[0])]

    for round_, (expected, following, answer) in enumerate([(FOCUS, FLESH, answers[1]), (FLESH, None, answers[2])]):
        assert first_words(conversation_from_db(db, dialogue_id).prompt(), len(expected)) == expected
        before = len(turns_of(db, dialogue_id))
        term = _tui(db, home, "--resume")
        try:
            term.wait_for(expected)
            term.settle()
            if following is not None:
                assert following not in term.screen_text, "resume jumped past the next unanswered step"
            mark = term.mark()
            # Pasted (bracketed paste) rather than typed: typed keys drop format characters such
            # as U+202E, a paste keeps them, and the store must keep them byte for byte.
            term.send("\x1b[200~" + answer + "\x1b[201~")
            term.wait_for(answer[:6], mark)
            term.send("\r")
            confirmed = False
            if following is not None:
                term.wait_for(following, mark)
                confirmed = True
            else:
                time.sleep(rng.uniform(0, 0.2))  # a random moment while the save may be under way
            term.kill()
        finally:
            term.close()
        assert integrity(db) == "ok"
        stored = [(s, a) for _, s, a, _, _ in turns_of(db, dialogue_id)]
        assert len(stored) in ((before + 1,) if confirmed else (before, before + 1)), round_
        if len(stored) == before + 1:
            assert stored[-1][1] == answer

    # The last resume starts wherever the database says the dialogue stopped.
    expected = first_words(conversation_from_db(db, dialogue_id).prompt(), 30)
    term = _tui(db, home, "--resume")
    try:
        term.wait_for(expected)
        term.send("\x11")  # ctrl+q
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert LEAVE_ALT_SCREEN in term.raw
    assert latest_dialogue(db)[1] == "in_progress"


TYPED = "half typed [b]words[/b] and [@click=app.quit]this[/]"


def _start_typing(db, home) -> Terminal:
    term = _tui(db, home)
    term.wait_for(FIRST)
    term.send("5\r")
    term.wait_for(FIND)
    term.send(TYPED)
    term.wait_for(TYPED[:23])  # on screen, so the app has it
    return term


def _draft(db):
    found = latest_dialogue(db)
    return (found[2], found[3]) if found else None


@pytest.mark.parametrize("how", ["autosave-then-sigkill", "sighup", "terminal-closed", "sigterm"])
def test_the_answer_being_typed_is_kept_as_a_draft(tmp_path, how):
    db, home = tmp_path / "journal.db", tmp_path
    term = _start_typing(db, home)
    try:
        mark = len(term.raw)
        if how == "autosave-then-sigkill":
            assert _wait_db(lambda: _draft(db) == ("find", TYPED)), "the draft was not autosaved"
            assert term.kill() == -signal.SIGKILL
        elif how == "sighup":
            term.signal(signal.SIGHUP)
            assert term.wait_exit() == 128 + signal.SIGHUP
            assert LEAVE_ALT_SCREEN in term.raw[mark:], "the terminal was not restored"
        elif how == "sigterm":
            # Ctrl-C first: in a raw-mode terminal it is a key (copy, in the answer box), not an
            # interrupt; the app carries on and the text stays. Then `kill`.
            term.send("\x03")
            text_mark = term.mark()
            term.send(" more")
            term.wait_for(" more", text_mark)
            assert term.status is None
            term.signal(signal.SIGTERM)
            assert term.wait_exit() == 128 + signal.SIGTERM
            assert LEAVE_ALT_SCREEN in term.raw[mark:], "the terminal was not restored"
        else:
            term.hang_up()  # the window closes: the kernel sends SIGHUP and the tty is gone
            term.wait_exit()
    finally:
        term.close()
    assert integrity(db) == "ok"
    assert _draft(db) == ("find", TYPED + (" more" if how == "sigterm" else ""))
    assert latest_dialogue(db)[1] == "in_progress"
    assert [s for _, s, *_ in turns_of(db, latest_dialogue(db)[0])] == ["loudness_before"]

    if how == "sighup":  # resume in a real terminal offers the draft in the answer box
        term = _tui(db, home, "--resume")
        try:
            term.wait_for(FIND)
            term.wait_for(TYPED[:23])
            term.send("\x11")
            assert term.wait_exit() == 0
        finally:
            term.close()
        assert LEAVE_ALT_SCREEN in term.raw
        assert _draft(db) == ("find", TYPED)  # quitting again keeps it


@pytest.mark.parametrize("how", ["sighup", "terminal-closed"])
def test_a_hang_up_with_the_help_panel_open_keeps_the_draft_and_exits(tmp_path, how):
    """The window closes while a modal (F1's help panel) is over the answer being typed:
    the app still ends, instead of running on without a terminal, and the words are kept."""
    db, home = tmp_path / "journal.db", tmp_path
    term = _start_typing(db, home)
    try:
        mark = term.mark()
        term.send("\x1bOP")  # F1
        term.wait_for("Help, right now", mark)
        if how == "sighup":
            term.signal(signal.SIGHUP)
            assert term.wait_exit() == 128 + signal.SIGHUP
        else:
            term.hang_up()
            term.wait_exit()
    finally:
        term.close()
    assert integrity(db) == "ok"
    assert _draft(db) == ("find", TYPED)
    assert latest_dialogue(db)[1] == "in_progress"



LINGERING_APP = """
import threading, time
from innercritic.tui import launch

class App:
    return_code = 129
    def when_first_drawn(self, callback):
        callback()
    def run(self):
        # What a closed terminal can leave behind: Textual's input thread, never told to stop.
        threading.Thread(target=lambda: [time.sleep(0.01) for _ in iter(int, 1)], name="textual-input").start()

launch.require_terminal = lambda: None
import innercritic.tui.app
innercritic.tui.app.make_app = lambda settings, **start: App()
launch.open_tui(None)
"""


def test_the_app_ends_even_when_textuals_threads_outlive_it(tmp_path):
    """Once the app has closed, threads Textual failed to stop on a vanished terminal do not
    keep the process running (a stray app once used a core for half an hour)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", LINGERING_APP], env=child_env(tmp_path), timeout=30)
    assert done.returncode == 129


# A paste in a terminal without bracketed paste (or tmux's send-keys) arrives as one key per
# character. Each key used to re-wrap the whole answer: a few thousand characters took minutes
# to appear, and Ctrl+Q waited behind them.
FLOOD = " ".join(f"word{number}" for number in range(1300))  # about 9,000 characters on one line


def _wait_db_reading(term: Terminal, check, timeout: float = 20.0):
    """_wait_db, reading the terminal meanwhile (an app whose output nobody reads stops drawing)."""
    deadline = time.monotonic() + timeout
    while not check() and time.monotonic() < deadline:
        term.pump(0.05)
    return check()


def _flood(term: Terminal) -> None:
    data = FLOOD.encode("utf-8")
    for start in range(0, len(data), 512):
        term.send(data[start:start + 512])
        term.pump(0)


def test_a_flood_of_keys_keeps_up_and_quitting_keeps_every_character(tmp_path):
    db, home = tmp_path / "journal.db", tmp_path
    term = _tui(db, home)
    try:
        term.wait_for(FIRST)
        term.send("5\r")
        term.wait_for(FIND)
        _flood(term)
        # The screen is drawn in pieces, so the autosave tells when the box holds it all.
        assert _wait_db_reading(term, lambda: _draft(db) == ("find", FLOOD)), "the box did not keep up"
        term.send(" and more\x11")  # then Ctrl+Q
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert _draft(db) == ("find", FLOOD + " and more")

