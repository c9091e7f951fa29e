"""Issue 16, shell conventions: help in people's words (no Python types, ordinary usage
lines), and a reader that stops early (`| head`) is not a failure for any command."""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import INSTALLED, clean_env

from innercritic.cli.app import app


def _every_command():
    import typer.main

    root = typer.main.get_command(app)

    def walk(command, path):
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, [*path, name])

    return list(walk(root, []))


@pytest.mark.parametrize("path", _every_command(), ids=lambda p: " ".join(p) or "innercritic")
def test_help_shows_no_python_types(cli, path):
    shown = cli(*path, "--help")
    assert shown.exit_code == 0, shown.output
    text = shown.output
    for python_ish in ("<str>", "<int>", "<bool>", "<float>", "list[", "]...]", "[[", "INTEGER", "FLOAT"):
        assert python_ish not in text, (path, python_ish, text)
    usage = text.splitlines()[0]
    assert usage.startswith("Usage: innercritic") and "{" not in usage, usage


@pytest.mark.parametrize(
    "args",
    [["stats"], ["history"], ["history", "--kind", "checkin"], ["flows"], ["export", "--format", "md"],
     ["show", "1"], ["parts"], ["where"], ["help-now"], ["config", "list"]],
    ids=" ".join,
)
def test_a_reader_that_stops_early_is_not_a_failure(tmp_path, args):
    db = str(tmp_path / "j.db")
    env = clean_env(tmp_path, db)
    subprocess.run([str(INSTALLED), "checkin", "--mood", "3", "--note", "hello"], env=env, check=True,
                   capture_output=True)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before a word is written, as `| head -1` does at its own pace
    try:
        done = subprocess.run([str(INSTALLED), *args], env=env, stdout=write_end, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=30)
    finally:
        os.close(write_end)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
