"""Helpers for the reliability tests: real processes, real terminals, raw database reads.

Imported by name (pytest puts this folder on sys.path). Nothing here asserts
wall-clock times: every wait has a generous timeout and fails with what was seen.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

PYTHON = sys.executable
WAIT = 30.0  # seconds: a generous ceiling for anything to appear; never a timing assertion

# CSI, OSC (BEL- or ST-terminated), DCS/SOS/PM/APC strings and two-byte escapes.
ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[@-Z\\-_]"
)


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment whose HOME and XDG folders are inside the test's tmp dir."""
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if "TZ" in os.environ:
        env["TZ"] = os.environ["TZ"]
    env.update(extra)
    return env


# ---- the database, read raw ------------------------------------------------------


def query(db: str | Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def integrity(db: str | Path) -> str:
    conn = sqlite3.connect(str(db))
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    return "ok" if result == ["ok"] and not fk else f"{result} {fk}"


def latest_dialogue(db: str | Path) -> tuple[int, str, str | None, str | None] | None:
    """(id, status, draft_step, draft) of the newest dialogue."""
    rows = query(db, "SELECT entry_id, status, draft_step, draft FROM dialogue ORDER BY entry_id DESC LIMIT 1")
    return rows[0] if rows else None


def turns_of(db: str | Path, dialogue_id: int) -> list[tuple[int, str, str | None, object, bool]]:
    """(position, step_id, answer, value, skipped) in order."""
    return [
        (pos, step, answer, json.loads(value) if value is not None else None, bool(skipped))
        for pos, step, answer, value, skipped in query(
            db, "SELECT position, step_id, answer, value, skipped FROM turn WHERE dialogue_id = ? ORDER BY position",
            (dialogue_id,),
        )
    ]


def conversation_from_db(db: str | Path, dialogue_id: int, flow_id: str = "critic"):
    """The engine's Conversation rebuilt from what the database holds: the oracle for
    which step comes next."""
    from innercritic.engine.conversation import Conversation
    from innercritic.engine.flow_files import load_flows

    flow = load_flows()[flow_id]
    return Conversation.rebuild(flow, ((step, value, skipped) for _, step, _, value, skipped in turns_of(db, dialogue_id)))


def first_words(prompt: str, n: int = 40) -> str:
    """Enough of a prompt to recognise it, short enough to sit on one screen row."""
    return prompt[:n]


# ---- a process on pipes (talk --plain) ------------------------------------------


class PipedProcess:
    """A child on pipes whose stdout is collected without blocking."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: str | Path) -> None:
        self.proc = subprocess.Popen(
            [PYTHON, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, cwd=str(cwd),
        )
        os.set_blocking(self.proc.stdout.fileno(), False)
        self.raw = b""

    @property
    def out(self) -> str:
        return self.raw.decode("utf-8", errors="replace")

    def pump(self, timeout: float = 0.05) -> bool:
        """Read what is there; False once stdout is closed."""
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.proc.stdout.fileno(), 65536)
        except BlockingIOError:
            return True
        if not data:
            return False
        self.raw += data
        return True

    def wait_for(self, text: str, start: int = 0, timeout: float = WAIT) -> int:
        """Wait until `text` appears in stdout at or after character `start`; its index."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.out.find(text, start)
            if found >= 0:
                return found
            if time.monotonic() > deadline or not self.pump():
                found = self.out.find(text, start)
                if found >= 0:
                    return found
                raise AssertionError(
                    f"never saw {text!r}; rc={self.proc.poll()} stdout tail={self.out[-600:]!r} "
                    f"stderr={self._stderr()!r}"
                )

    def _stderr(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        return self.proc.stderr.read().decode("utf-8", errors="replace")[-600:]

    def send_line(self, line: str) -> None:
        self.proc.stdin.write(line.encode("utf-8") + b"\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=WAIT)
        self.close()

    def finish(self, timeout: float = WAIT) -> tuple[int, str, str]:
        """Close stdin, collect everything, return (rc, stdout, stderr)."""
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        deadline = time.monotonic() + timeout
        while self.pump() and time.monotonic() < deadline:
            pass
        rc = self.proc.wait(timeout=max(deadline - time.monotonic(), 1))
        err = self.proc.stderr.read().decode("utf-8", errors="replace")
        self.close()
        return rc, self.out, err

    def close(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except (OSError, ValueError):
                pass


# ---- a process in a real terminal (the TUI) ---------------------------------------


class Terminal:
    """`python ARGS` on its own pseudo-terminal, 100x32, as a person's terminal would run it."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: str | Path, rows: int = 32, cols: int = 100) -> None:
        env = {**env, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
        pid, fd = pty.fork()
        if pid == 0:  # the child: exec at once (nothing else is safe after fork)
            try:
                os.chdir(str(cwd))
                os.execve(PYTHON, [PYTHON, *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.raw = b""
        self.status: int | None = None
        self.master_open = True

    @property
    def screen_text(self) -> str:
        return strip_ansi(self.raw.decode("utf-8", errors="replace"))

    def mark(self) -> int:
        """A position in the output; wait_for(start=mark) looks only at what came later."""
        return len(self.screen_text)

    def pump(self, timeout: float = 0.05) -> bool:
        if not self.master_open:
            return False
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed its side
            return False
        if not data:
            return False
        self.raw += data
        return True

    def wait_for(self, text: str, start: int = 0, timeout: float = WAIT) -> int:
        deadline = time.monotonic() + timeout
        while True:
            found = self.screen_text.find(text, start)
            if found >= 0:
                return found
            alive = self.pump()
            if not alive or time.monotonic() > deadline:
                found = self.screen_text.find(text, start)
                if found >= 0:
                    return found
                raise AssertionError(f"never saw {text!r} on the terminal; tail={self.screen_text[-800:]!r}")

    def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Read until the app has drawn nothing for `quiet` seconds (or `timeout`)."""
        deadline = time.monotonic() + timeout
        last = len(self.raw)
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            if not self.pump(0.05):
                return
            if len(self.raw) != last:
                last, quiet_since = len(self.raw), time.monotonic()
            elif time.monotonic() - quiet_since >= quiet:
                return

    def send(self, data: bytes | str) -> None:
        os.write(self.fd, data.encode("utf-8") if isinstance(data, str) else data)

    def signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def hang_up(self) -> None:
        """Close the terminal the way closing its window does: the master side goes away."""
        os.close(self.fd)
        self.master_open = False

    def wait_exit(self, timeout: float = WAIT) -> int:
        """Wait for the child, reading its output meanwhile; its exit code (-N for signal N)."""
        deadline = time.monotonic() + timeout
        while self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                raise AssertionError(f"the app did not exit; tail={self.screen_text[-800:]!r}")
            if not self.pump(0.05):
                time.sleep(0.05)
        while self.pump(0.05):  # what it wrote on the way out
            pass
        return self.status

    def kill(self) -> int:
        os.kill(self.pid, signal.SIGKILL)
        return self.wait_exit()

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.status = -9
        if self.master_open:
            os.close(self.fd)
            self.master_open = False


# ---- the app in-process (Textual's run_test) ---------------------------------------


def app_for(db_path, **start):
    from innercritic.tui.app import make_app
    from innercritic.services.entries import Settings

    return make_app(Settings(db_path=str(db_path), db_is_default=False), **start)


async def settle(pilot) -> None:
    """Let queued database work finish and its results reach the screen."""
    import asyncio

    app = pilot.app
    for _ in range(3):
        await asyncio.wrap_future(app.worker.idle())
        await pilot.pause()
