"""The parts map reads a part's own words through the critic lens."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from innercritic.cli.app import app
from innercritic.store.journal import Journal


def _dialogue(db, part, words):
    with Journal(db) as journal:
        talk = journal.start_dialogue("critic", part=part)
        journal.save_turn(talk.id, position=0, step_id="find", role="critic_words", prompt="What does it say?",
                          answer=words, value=words, skipped=False)


def test_parts_show_names_the_critics_patterns(tmp_path):
    db = str(tmp_path / "j.db")
    _dialogue(db, "Taskmaster", "You're so lazy. You always mess it up.")
    _dialogue(db, "Taskmaster", "You are lazy again. You should have started weeks ago.")
    runner = CliRunner()
    shown = runner.invoke(app, ["--db", db, "parts", "show", "taskmaster", "--json"])
    assert shown.exit_code == 0, shown.output
    patterns = {p["kind"]: p for p in json.loads(shown.output)["patterns"]}
    assert patterns["label"]["count"] == 2 and "lazy" in patterns["label"]["words"]
    assert patterns["absolute"]["words"] == ["always"]
    assert "should have" in patterns["should"]["words"]
    text = runner.invoke(app, ["--db", db, "parts", "show", "Taskmaster"]).output
    assert "How it tends to speak" in text and "“lazy”" in text


def test_a_part_with_kind_words_has_no_patterns(tmp_path):
    db = str(tmp_path / "j.db")
    _dialogue(db, "Coach", "Take your time with this.")
    shown = CliRunner().invoke(app, ["--db", db, "parts", "show", "Coach", "--json"])
    assert json.loads(shown.output)["patterns"] == []
    assert "How it tends to speak" not in CliRunner().invoke(app, ["--db", db, "parts", "show", "Coach"]).output
