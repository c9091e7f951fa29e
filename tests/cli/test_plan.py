"""`innercritic plan`: show, edit ($EDITOR, prompts, standard input), JSON, and erased by forget."""

from __future__ import annotations

import json
import os
import stat
import sys

from typer.testing import CliRunner

from innercritic.cli.app import app

TEXT = "## [people]\nSam: 07700 900123\n## [on_my_own]\nwalk by the river\n"


def _plan(db, *args, input=None, env=None):
    return CliRunner().invoke(app, ["--db", db, "plan", *args], input=input, env=env)


def test_no_plan_yet_says_how_to_make_one(tmp_path):
    result = _plan(str(tmp_path / "j.db"))
    assert result.exit_code == 0
    assert "No safety plan yet" in result.output and "plan edit" in result.output
    assert not os.path.exists(tmp_path / "j.db")  # showing creates nothing


def test_edit_from_standard_input_then_show_and_json(tmp_path, monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    db = str(tmp_path / "j.db")
    assert _plan(db, "edit", input=TEXT).exit_code == 0
    shown = _plan(db).output
    assert "People I can ask for help" in shown and "Sam: 07700 900123" in shown
    assert shown.index("Things I can do on my own") < shown.index("People I can ask for help")
    document = json.loads(_plan(db, "--json").output)
    assert document["people"] == [{"name": "Sam", "reach": "07700 900123"}]
    assert document["on_my_own"] == ["walk by the river"]
    assert document["warning_signs"] == []


def test_edit_in_the_editor_with_a_private_copy_that_is_removed(tmp_path, monkeypatch):
    db = str(tmp_path / "j.db")
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import os, sys, stat\n"
        "path = sys.argv[1]\n"
        f"open({str(seen)!r}, 'w').write(oct(stat.S_IMODE(os.stat(path).st_mode)) + '\\n' + path)\n"
        "text = open(path).read().replace('[people]', '[people]\\nMum: call her mobile')\n"
        "open(path, 'w').write(text)\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    result = _plan(db, "edit")
    assert result.exit_code == 0, result.output
    mode, path = seen.read_text().splitlines()
    assert mode == "0o600"
    assert not os.path.exists(path) and not os.path.exists(os.path.dirname(path))
    assert "Mum: call her mobile" in _plan(db).output


def test_a_failing_editor_changes_nothing(tmp_path, monkeypatch):
    db = str(tmp_path / "j.db")
    _plan(db, "edit", input=TEXT)
    monkeypatch.setenv("EDITOR", "false")
    result = CliRunner().invoke(app, ["--db", db, "plan", "edit"])
    assert result.exit_code == 1
    assert "nothing was changed" in result.output
    assert "Sam: 07700 900123" in _plan(db).output


def test_forget_all_erases_the_plan_too(tmp_path):
    db = str(tmp_path / "j.db")
    _plan(db, "edit", input=TEXT)
    assert CliRunner().invoke(app, ["--db", db, "forget", "--all", "--yes"]).exit_code == 0
    assert "No safety plan yet" in _plan(db).output


def test_with_json_a_question_in_a_terminal_goes_to_standard_error(tmp_path, monkeypatch):
    from innercritic.cli import actions as shell

    monkeypatch.setattr(shell, "_is_interactive", lambda: True)
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "j.db"), "checkin", "--note", "I want to die", "--json"], input="no\n"
    )
    assert json.loads(result.stdout)["id"] == 1  # standard output is only the JSON
    assert "Are you safe at this moment?" in result.stderr
