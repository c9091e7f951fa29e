"""Shared fixtures.

Every test runs with HOME and the XDG folders pointed into its own tmp_path
and without INNERCRITIC_DB, so nothing can touch a real journal.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
INSTALLED = REPO / ".venv" / "bin" / "innercritic"
if not INSTALLED.exists():  # a venv elsewhere: use the script next to this interpreter
    INSTALLED = VENV_BIN / "innercritic"

_XDG_VARS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR")


def _home_layout(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    return {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may read or write the real user's journal or config."""
    for name in _XDG_VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in _home_layout(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("INNERCRITIC_DB", raising=False)
    monkeypatch.delenv("INNERCRITIC_DEBUG", raising=False)
    for name in ("INNERCRITIC_PASSPHRASE", "INNERCRITIC_PASSPHRASE_FD", "INNERCRITIC_PASSPHRASE_FILE",
                 "INNERCRITIC_NEW_PASSPHRASE_FD", "INNERCRITIC_NEW_PASSPHRASE_FILE", "INNERCRITIC_SQLITE"):
        monkeypatch.delenv(name, raising=False)
    # In-process runs never ask for a passphrase at the terminal pytest was started from.
    monkeypatch.setattr("innercritic.services.passphrase.has_terminal", lambda: False)


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    """A journal path in a folder that exists; the file itself does not exist yet."""
    return str(tmp_path / "journal.db")


@pytest.fixture
def keep_umask():
    """entry.main() sets the process umask; put it back after an in-process run."""
    saved = os.umask(0o022)
    os.umask(saved)
    yield
    os.umask(saved)


# ---- the installed executable, as a subprocess ---------------------------------


def clean_env(tmp_path: Path, db: str | None = None, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": "C.UTF-8",
        **_home_layout(tmp_path),
    }
    if "TZ" in os.environ:
        env["TZ"] = os.environ["TZ"]
    if db is not None:
        env["INNERCRITIC_DB"] = db
    env.update(extra or {})
    return env


RunCli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """run_cli(*args, db=None, input=None, env=None) -> (rc, stdout, stderr).

    Runs the installed `innercritic` script with a clean environment. Arguments
    may be bytes (to pass text that is not valid UTF-8)."""

    def run(
        *args: str | bytes, db: str | None = None, input: str | bytes | None = None,
        env: dict[str, str] | None = None, cwd: str | Path | None = None, timeout: float = 30,
    ) -> tuple[int, str, str]:
        data = input.encode("utf-8") if isinstance(input, str) else input
        done = subprocess.run(
            [str(INSTALLED), *args], env=clean_env(tmp_path, db, env), input=data,
            stdin=None if data is not None else subprocess.DEVNULL,
            capture_output=True, cwd=str(cwd or tmp_path), timeout=timeout,
        )
        return (
            done.returncode,
            done.stdout.decode("utf-8", errors="backslashreplace"),
            done.stderr.decode("utf-8", errors="backslashreplace"),
        )

    return run


# ---- the Typer app, in-process ----------------------------------------------


@pytest.fixture
def cli():
    """cli(*args, input=None) -> click Result from CliRunner on innercritic.cli.app."""
    from typer.testing import CliRunner

    from innercritic.cli.app import app

    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None):
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def cli_db(cli, db_path: str):
    """cli_db(*args) == cli("--db", db_path, *args)."""

    def invoke(*args: str, input: str | bytes | None = None):
        return cli("--db", db_path, *args, input=input)

    return invoke
