"""The plain listing used by history and search: aligned, escape-free unless we add emphasis."""

from __future__ import annotations

import sys

from innercritic.cli import printing as output


class _Tty:
    def __init__(self):
        self.text = ""

    def isatty(self):
        return True

    def write(self, text):
        self.text += text


def test_marks_are_bold_on_a_colour_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stdout", _Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert output.emphasise("you are lazy", ((8, 12),), None) == "you are \x1b[1mlazy\x1b[22m"


def test_no_emphasis_with_no_color_or_in_a_pipe(monkeypatch):
    monkeypatch.setattr(sys, "stdout", _Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert output.emphasise("you are lazy", ((8, 12),), None) == "you are lazy"
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys, "stdout", type("Pipe", (), {"isatty": lambda self: False})())
    assert output.emphasise("you are lazy", ((8, 12),), None) == "you are lazy"


def test_cut_to_width_keeps_marks_inside(monkeypatch):
    monkeypatch.setattr(sys, "stdout", _Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    shown = output.emphasise("lazy and more words here", ((0, 4), (20, 24)), 10)
    assert shown == "\x1b[1mlazy\x1b[22m and …"


def test_search_listing_shows_the_snippet_with_literal_markup(tmp_path):
    from typer.testing import CliRunner

    from innercritic.cli.app import app

    db = str(tmp_path / "j.db")
    runner = CliRunner()
    runner.invoke(app, ["--db", db, "checkin", "--note", "the [bold]critic[/] was loud about marzipan"])
    result = runner.invoke(app, ["--db", db, "history", "--search", "marzipan"])
    assert result.exit_code == 0
    header, row = result.output.splitlines()
    assert header.split() == ["id", "when", "kind", "part", "what"]
    assert "[bold]critic[/]" in row and "marzipan" in row and "\x1b" not in row
