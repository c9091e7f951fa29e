"""Errors a person can cause end in one plain line and a non-zero exit, never a traceback."""

from __future__ import annotations

import io
import os
import sys

import pytest
from journal_testing import count_entries, make_journal

from innercritic import entry
from innercritic.services import entries as services


@pytest.fixture
def run_main(capsys, monkeypatch, keep_umask):
    """entry.main(argv) in-process: (rc, stdout, stderr)."""

    def run(argv: list[str]) -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
        rc = entry.main(argv)
        out, err = capsys.readouterr()
        return rc, out, err

    return run


def _one_line(err: str) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("innercritic: ")
    assert "Traceback" not in err


# ---- invalid UTF-8 on the command line ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        (b"checkin", b"--mood", b"3", b"--note", b"caf\xe9 au lait"),
        (b"--db", b"\xff\xfe.db", b"checkin", b"--mood", b"3"),
        (b"history", b"--search", b"\xc3"),
    ],
    ids=["note", "db path", "search"],
)
def test_invalid_utf8_argument_is_refused(run_cli, db_path, tmp_path, args):
    rc, out, err = run_cli(*args, db=db_path)
    assert rc == 2
    assert out == ""
    _one_line(err)
    assert "UTF-8" in err
    assert not os.path.exists(db_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".db")] == []


def test_invalid_utf8_is_checked_before_anything_else(run_main, db_path):
    rc, out, err = run_main(["--db", db_path, "checkin", "--mood", "3", "--note", "caf\udce9"])
    assert (rc, out) == (2, "")
    _one_line(err)
    assert not os.path.exists(db_path)


# ---- one line for every usage problem, on both routes ---------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["checkin", "--mood", "9"],  # quick route
        ["checkin", "--mood", "9", "--critic", "1", "--critic", "2"],  # Typer route
        ["history", "--from", "2026-13-40"],
        ["history", "--json", "--json", "--from", "2026-13-40"],  # Typer route
        ["history", "-n", "0"],
        ["show", "42"],
        ["show", "42", "--format", "pdf"],
    ],
    ids=" ".join,
)
def test_usage_problems_are_one_line_exit_2(run_main, db_path, argv):
    make_journal(db_path)
    rc, out, err = run_main(["--db", db_path, *argv])
    assert (rc, out) == (2, "")
    _one_line(err)
    assert count_entries(db_path) == 0


def test_unknown_command_is_a_typer_usage_error(run_main):
    rc, out, err = run_main(["frobnicate"])
    assert rc == 2
    assert out == ""
    assert "No such command" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [["checkin", "--mood", "3"], ["checkin", "--mood", "3", "--mood", "3"]], ids=["quick", "typer"])
def test_journal_problems_are_one_line_exit_1(run_main, tmp_path, argv):
    bad = tmp_path / "bad.db"
    bad.write_text("hello, not a journal\n")
    rc, out, err = run_main(["--db", str(bad), *argv])
    assert (rc, out) == (1, "")
    _one_line(err)
    assert str(bad) in err
    assert bad.read_text() == "hello, not a journal\n"


def test_installed_refuses_a_damaged_journal_in_one_line(run_cli, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    before = bad.read_bytes()
    rc, out, err = run_cli("--db", str(bad), "checkin", "--mood", "3")
    assert (rc, out) == (1, "")
    _one_line(err)
    assert str(bad) in err
    assert bad.read_bytes() == before


# ---- the unexpected ------------------------------------------------------------------------------------------


def _explode(*args, **kwargs):
    raise RuntimeError("my secret journal words")


@pytest.mark.parametrize("argv", [["checkin", "--mood", "3"], ["checkin", "--mood", "3", "--mood", "3"]], ids=["quick", "typer"])
def test_a_bug_is_one_line_without_the_persons_words(run_main, db_path, monkeypatch, argv):
    monkeypatch.setattr(services, "check_in", _explode)
    rc, out, err = run_main(["--db", db_path, *argv])
    assert (rc, out) == (1, "")
    _one_line(err)
    assert "RuntimeError" in err
    assert "secret" not in err
    assert "INNERCRITIC_DEBUG" in err


def test_debug_lets_the_traceback_through(run_main, db_path, monkeypatch):
    monkeypatch.setattr(services, "check_in", _explode)
    monkeypatch.setenv("INNERCRITIC_DEBUG", "1")
    with pytest.raises(RuntimeError, match="secret"):
        run_main(["--db", db_path, "checkin", "--mood", "3"])


def test_ctrl_c_exits_130(run_main, db_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(services, "history", interrupted)
    rc, out, err = run_main(["--db", db_path, "history"])
    assert (rc, out, err) == (130, "", "\n")


def test_a_closed_pipe_is_not_an_error(run_main, db_path, monkeypatch):
    def closed(*args, **kwargs):
        raise BrokenPipeError

    monkeypatch.setattr(services, "history", closed)
    assert run_main(["--db", db_path, "history", "--json"]) == (0, "", "")
