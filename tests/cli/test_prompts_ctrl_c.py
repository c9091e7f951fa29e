"""Issue 16: Ctrl+C at any prompt ends the command with status 130 (as `talk --plain` does),
in a real terminal, and no prompt ends in "?:"."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reliability"))
from reliability_helpers import Terminal, child_env  # noqa: E402

PROMPTS = {
    "checkin": (["checkin"], "mood"),
    "delete": (["delete", "1"], "Delete"),
    "forget": (["forget", "--all"], "for good"),
    "talk --plain": (["talk", "--plain"], "how loud"),
    "plan edit": (["plan", "edit"], ":"),
    "encrypt": (["encrypt"], "assphrase"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PROMPTS))
def test_ctrl_c_at_a_prompt_is_130(tmp_path, name):
    from journal_testing import make_journal
    from innercritic.store.driver import dbapi as sqlite3

    args, shown = PROMPTS[name]
    db = tmp_path / "j.db"
    home = tmp_path / "home"
    env = child_env(home, INNERCRITIC_DB=str(db))
    env.pop("EDITOR", None)
    env.pop("VISUAL", None)
    first = Terminal(["-m", "innercritic", "checkin", "--mood", "3", "--note", "a note"], env, tmp_path)
    assert first.wait_exit() == 0
    term = Terminal(["-m", "innercritic", *args], env, tmp_path)
    try:
        term.wait_for(shown)
        term.settle()
        term.send("\x03")
        assert term.wait_exit() == 130, term.screen_text
    finally:
        term.close()
    assert "Traceback" not in term.screen_text
    assert "?:" not in term.screen_text
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 1  # nothing lost, nothing added
