"""`talk --plain`: the same dialogue line by line, saved exactly like the TUI saves it."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from innercritic.cli.app import app
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)

SELF_PRESENT = "\n".join([
    "8", "You're lazy. Everyone else would be done by now.", "Tight chest", "Sharp, like an old teacher",
    "Taskmaster", "1", "Since school", "For me to be safe", "Yes, it has worked hard",
    "Being left behind", "Being seen as not enough", "Thank you",
    "To know I won't drop everything", "You've worked so hard for me", "5",
]) + "\n"


def _turns(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT position, step_id, role, answer, value, skipped FROM turn ORDER BY position").fetchall()


def _dialogue(db):
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT d.status, d.critic_before, d.critic_after, p.name FROM dialogue d JOIN entry e ON e.id = d.entry_id"
            " LEFT JOIN part p ON p.id = e.part_id"
        ).fetchall()


def test_piped_answers_complete_the_critic_dialogue(tmp_path):
    db = tmp_path / "j.db"
    result = CliRunner().invoke(app, ["--db", str(db), "talk", "--plain"], input=SELF_PRESENT)
    assert result.exit_code == 0, result.output
    assert _dialogue(db) == [("completed", 8, 5, "Taskmaster")]
    turns = _turns(db)
    steps = [t[1] for t in turns]
    assert steps[:6] == ["loudness_before", "find", "focus", "flesh_out", "part_name", "feel_toward"]
    assert turns[5][4] == '"curious"'
    assert steps[-2:] == ["loudness_after", "summary"]
    assert "What you found today" in result.output
    assert "Being seen as not enough" in result.output


def test_empty_lines_skip_and_end_of_input_leaves_it_resumable(tmp_path):
    db = tmp_path / "j.db"
    result = CliRunner().invoke(app, ["--db", str(db), "talk", "--plain"], input="\nThe critic's words\n")
    assert result.exit_code == 0
    assert _dialogue(db) == [("in_progress", None, None, None)]
    assert [(t[1], t[3], t[5]) for t in _turns(db)] == [
        ("loudness_before", None, 1), ("find", "The critic's words", 0),
    ]
    again = CliRunner().invoke(app, ["--db", str(db), "talk", "--plain", "--resume"], input="In my shoulders\n")
    assert again.exit_code == 0
    assert _turns(db)[2][1:4] == ("focus", "body", "In my shoulders")


def test_choices_by_label_and_reactive_branch(tmp_path):
    db = tmp_path / "j.db"
    answers = "\n\n\n\n\nangry\nWould you step back a little?\ncalm\n"
    result = CliRunner().invoke(app, ["--db", str(db), "talk", "--plain"], input=answers)
    assert result.exit_code == 0
    steps = [t[1] for t in _turns(db)]
    assert steps[5:8] == ["feel_toward", "unblend", "feel_toward"]
    # calm on the second asking moves on to getting to know the critic
    assert _turns(db)[7][4] == '"calm"'


def test_plain_in_a_subprocess_saves_the_same_dialogue(tmp_path):
    """The installed entry point in a real process saves what the in-process run saves."""
    db_a, db_b = tmp_path / "a.db", tmp_path / "b.db"
    CliRunner().invoke(app, ["--db", str(db_a), "talk", "--plain"], input=SELF_PRESENT)
    proc = subprocess.run(
        [sys.executable, "-m", "innercritic", "--db", str(db_b), "talk", "--plain"],
        input=SELF_PRESENT.encode(), capture_output=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert _turns(db_a) == _turns(db_b)
    assert _dialogue(db_a) == _dialogue(db_b)
    assert b"Traceback" not in proc.stderr


def test_unknown_flow_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "j.db"), "talk", "--flow", "nope", "--plain"])
    assert result.exit_code == 2
    assert "no flow 'nope'" in result.output


def test_leaving_before_the_first_answer_leaves_no_entry(tmp_path):
    """A dialogue with no answer and no draft is not an entry (issue 11, item 5): not in
    history, not counted by stats, not the one `--resume` finds."""
    db = tmp_path / "j.db"
    runner = CliRunner()
    earlier = runner.invoke(app, ["--db", str(db), "talk", "--plain"], input="7\nIt never stops\n")
    assert earlier.exit_code == 0, earlier.output
    left = runner.invoke(app, ["--db", str(db), "talk", "--plain"], input="")
    assert left.exit_code == 0, left.output
    assert "Nothing was written, so nothing was saved." in left.output and "--resume" not in left.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM entry").fetchone() == (1,)
    stats = runner.invoke(app, ["--db", str(db), "stats", "--json"])
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.output)["dialogues"] == 1
    resumed = runner.invoke(app, ["--db", str(db), "talk", "--plain", "--resume"], input="In my chest\n")
    assert resumed.exit_code == 0, resumed.output
    assert ("focus", "In my chest") in [(t[1], t[3]) for t in _turns(db)]
