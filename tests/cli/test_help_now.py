"""Help is worded for how it was reached: asked for, or after worrying words in a note."""

from __future__ import annotations

from typer.testing import CliRunner

from innercritic.cli import app
from innercritic.engine.safety import crisis_info


def test_help_now_is_worded_as_asked_for_and_lists_every_resource():
    info = crisis_info()
    result = CliRunner().invoke(app, ["help-now"])
    assert result.exit_code == 0
    assert info.intro_on_request in result.output
    assert info.intro not in result.output  # "what you wrote…" would be wrong here
    for resource in info.resources:
        assert resource.detail in result.output
    assert "988" in result.output and "741741" in result.output and "findahelpline.com" in result.output


def test_a_worrying_note_is_saved_and_followed_by_help(tmp_path):
    info = crisis_info()
    db = str(tmp_path / "j.db")
    result = CliRunner().invoke(app, ["--db", db, "checkin", "--note", "honestly I want to die"])
    assert result.exit_code == 0
    assert result.output.startswith("Saved check-in #1")
    assert info.intro in result.output and info.safe_question in result.output
