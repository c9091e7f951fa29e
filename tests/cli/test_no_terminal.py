"""The full-screen commands without a terminal (issue 11, item 10): refused at once with one
line and exit 2 pointing to `talk --plain`, never escape codes into a pipe, never a hang;
shell completion never opens the app. Run with the installed command, with a timeout, so a
hang fails the test."""

from __future__ import annotations

import os
import pty
import subprocess

import pytest

from conftest import INSTALLED, clean_env

FULL_SCREEN = [
    [],  # bare: the home screen (the quick route)
    ["talk"],  # the quick route
    ["talk", "--flow", "kind-eyes", "--part", "Judge"],
    ["talk", "--resume"],
    ["browse"],  # Typer
    ["breathe", "--minutes", "1"],  # Typer
    ["talk", "--flow", "kind-eyes", "--flow", "reflect"],  # a repeated option: Typer takes it
]


def _refused(rc: int, out: str, err: str, db) -> None:
    assert rc == 2, (rc, out, err)
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("innercritic: ") and "talk --plain" in err, err
    assert "\x1b" not in err
    assert not os.path.exists(db)  # nothing opened, nothing created


@pytest.mark.parametrize("args", FULL_SCREEN, ids=lambda args: " ".join(args) or "bare")
def test_a_full_screen_command_with_pipes_is_refused_at_once(run_cli, tmp_path, args):
    db = str(tmp_path / "journal.db")
    rc, out, err = run_cli("--db", db, *args, input="", timeout=20)
    _refused(rc, out, err, db)


@pytest.mark.parametrize("args", [[], ["talk"], ["browse"]], ids=lambda args: " ".join(args) or "bare")
def test_a_terminal_for_input_alone_is_not_enough(tmp_path, args):
    """Keys from a terminal but output into a pipe: still refused, not drawn into the pipe."""
    db = str(tmp_path / "journal.db")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [str(INSTALLED), "--db", db, *args], stdin=follower, capture_output=True,
            env=clean_env(tmp_path), timeout=20,
        )
    finally:
        os.close(follower)
        os.close(leader)
    _refused(done.returncode, done.stdout.decode(), done.stderr.decode(), db)


def test_plain_talk_still_works_through_a_pipe(run_cli, tmp_path):
    db = str(tmp_path / "journal.db")
    rc, out, err = run_cli("--db", db, "talk", "--plain", input="6\n", timeout=20)
    assert rc == 0, err
    assert "\x1b" not in out and "Before we begin" in out


@pytest.mark.parametrize("words", ["innercritic ", "innercritic ta", "innercritic talk --"])
def test_shell_completion_answers_and_never_opens_the_app(run_cli, tmp_path, words):
    db = str(tmp_path / "journal.db")
    env = {
        "_INNERCRITIC_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1),
        "INNERCRITIC_DB": db,
    }
    rc, out, err = run_cli(input="", env=env, timeout=20)
    assert rc == 0, err
    assert "\x1b" not in out + err
    expected = {"innercritic ": "talk", "innercritic ta": "talk", "innercritic talk --": "--plain"}[words]
    assert expected in out.split()
    assert not os.path.exists(db)


def test_an_unknown_completion_request_ends_quietly(run_cli, tmp_path):
    db = str(tmp_path / "journal.db")
    rc, out, err = run_cli(input="", env={"_INNERCRITIC_COMPLETE": "bash_complete", "INNERCRITIC_DB": db}, timeout=20)
    assert rc != 0 and out == "" and "\x1b" not in err
    assert not os.path.exists(db)
