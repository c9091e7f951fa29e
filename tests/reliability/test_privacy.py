"""Private files whatever the umask, no network at all, and no journal text in errors,
tracebacks or log files."""

from __future__ import annotations

import os
import stat
import subprocess
import textwrap
from pathlib import Path

import pytest

from reliability_helpers import PYTHON, Terminal, child_env, latest_dialogue, query

SECRET = "my-secret-words-about-my-mother"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _run(args: list[str], env: dict, stdin: bytes | None = None, umask: int | None = None, cwd=None):
    return subprocess.run(
        [PYTHON, "-m", "innercritic", *args], input=stdin, capture_output=True, timeout=60, env=env, cwd=cwd,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


# ---- file modes ------------------------------------------------------------------------


def _main(argv: list[str], umask: int) -> int:
    """entry.main in this process, started under `umask` (keep_umask restores ours)."""
    from innercritic import entry

    os.umask(umask)
    return entry.main(argv)


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_the_default_folder_and_files_are_private_whatever_the_umask(tmp_path, umask, keep_umask, capsys):
    assert _main(["checkin", "--mood", "3", "--note", SECRET], umask) == 0, capsys.readouterr()
    folder = tmp_path / "home" / ".local" / "share" / "innercritic"  # conftest points XDG_DATA_HOME here
    assert _mode(folder) == 0o700
    assert _mode(folder / "journal.db") == 0o600


def test_wal_and_shm_are_private_while_open(tmp_path):
    """-wal and -shm exist while a connection is open; they are 0600 then, even under umask 000."""
    from innercritic.services import entries as services
    from innercritic.store.journal import Journal

    db = tmp_path / "journal.db"
    saved = os.umask(0)
    try:
        with Journal(str(db)) as journal:
            services.check_in(journal, mood=3, critic=None, note=SECRET, part=None)
            journal.start_dialogue("critic")  # the SQLAlchemy path too
            companions = [Path(str(db) + suffix) for suffix in ("-wal", "-shm")]
            assert all(p.exists() for p in companions)
            assert {p.name: _mode(p) for p in [db, *companions]} == {p.name: 0o600 for p in [db, *companions]}
    finally:
        os.umask(saved)


def test_an_existing_journal_is_tightened_not_loosened(tmp_path):
    from innercritic.store.journal import Journal

    db = tmp_path / "journal.db"
    Journal(str(db)).close()
    os.chmod(db, 0o644)
    Journal(str(db)).close()
    assert _mode(db) == 0o600
    os.chmod(db, 0o400)  # the owner made it read-only: it stays read-only
    Journal(str(db), create=False).close()
    assert _mode(db) == 0o400


def test_exports_written_with_out_are_private(tmp_path, keep_umask, capsys):
    from innercritic.cli.app import app

    names = {command.name or command.callback.__name__.replace("_", "-") for command in app.registered_commands}
    if "export" not in names:
        pytest.skip("`innercritic export` is not there yet (another change adds it)")
    db = str(tmp_path / "journal.db")
    assert _main(["--db", db, "checkin", "--mood", "2", "--note", SECRET], 0o000) == 0
    for fmt, umask in (("md", 0o000), ("json", 0o022)):
        out = tmp_path / f"export.{fmt}"
        assert _main(["--db", db, "export", "--format", fmt, "--out", str(out)], umask) == 0, capsys.readouterr()
        assert _mode(out) == 0o600, fmt
        assert SECRET in out.read_text(encoding="utf-8")
    # Replacing a file that others could read leaves a private one.
    os.chmod(out, 0o644)
    assert _main(["--db", db, "export", "--format", "json", "--out", str(out), "--force"], 0o022) == 0
    assert _mode(out) == 0o600


# ---- no network ------------------------------------------------------------------------

NO_NETWORK = textwrap.dedent('''
    """Loaded at start-up (PYTHONPATH): any attempt to reach the network is recorded, then refused."""
    import os
    import socket

    _LOG = os.environ["NETWORK_ATTEMPTS_LOG"]

    def _refuse(what):
        with open(_LOG, "a") as log:
            log.write(what + "\\n")
        raise OSError("network access is not allowed in this test")

    _Socket = socket.socket

    class GuardedSocket(_Socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family in (socket.AF_INET, socket.AF_INET6, -1):
                _refuse(f"socket({family})")
            super().__init__(family, type, proto, fileno)

        def connect(self, address):
            if self.family != socket.AF_UNIX:
                _refuse(f"connect {address!r}")
            return super().connect(address)

    socket.socket = GuardedSocket
    socket.create_connection = lambda *a, **k: _refuse("create_connection")
    socket.getaddrinfo = lambda *a, **k: _refuse("getaddrinfo")
    socket.gethostbyname = lambda *a, **k: _refuse("gethostbyname")
''')


@pytest.fixture
def no_network_env(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NO_NETWORK)
    log = tmp_path / "network-attempts.log"
    env = child_env(tmp_path, PYTHONPATH=str(guard), NETWORK_ATTEMPTS_LOG=str(log))
    # The guard itself works: a deliberate connection attempt is caught and recorded.
    probe = subprocess.run([PYTHON, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
                           capture_output=True, env=env, timeout=60)
    assert probe.returncode != 0 and log.read_text() == "create_connection\n"
    log.unlink()
    return env, log


def test_the_shell_commands_never_touch_the_network_nor_leave_logs(tmp_path, no_network_env):
    """checkin, talk --plain, history, show (and nudge, which runs in every new shell) with the
    network refused: all succeed, none even tries; and the journal is the only file written
    under HOME: no log, cache or history file, also after errors."""
    env, log = no_network_env
    before = set(tmp_path.rglob("*"))
    runs = [
        (["checkin", "--mood", "3", "--note", SECRET], None, 0),
        (["talk", "--plain"], f"6\nYou are lazy {SECRET}\nin my chest\n".encode(), 0),
        (["history", "--json", "--search", "lazy"], None, 0),
        (["show", "2", "--format", "md"], None, 0),
        (["nudge"], None, 0),
        (["checkin", "--mood", "9"], None, 2),
    ]
    for args, stdin, expected in runs:
        done = _run(args, env, stdin=stdin, cwd=str(tmp_path))
        assert done.returncode == expected, (args, done.stderr)
        assert SECRET not in done.stderr.decode()
    assert not log.exists(), log.read_text()
    created = {p for p in set(tmp_path.rglob("*")) - before if p.is_file()}
    journal = tmp_path / ".local" / "share" / "innercritic" / "journal.db"
    # The read-only nudge may leave SQLite's empty -wal/-shm companions behind: private too.
    assert journal in created and created <= {journal, Path(f"{journal}-wal"), Path(f"{journal}-shm")}, created
    assert {_mode(p) for p in created} == {0o600}


async def test_the_app_never_touches_the_network(tmp_path, monkeypatch):
    """A whole app session (run_test) with the network refused in this process: start a
    dialogue, answer, check in, open history, quit. Nothing tries to connect or resolve."""
    import socket

    from reliability_helpers import app_for, settle

    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family in (socket.AF_INET, socket.AF_INET6, -1):
                attempts.append(f"socket({family})")
                raise OSError("network access is not allowed in this test")
            super().__init__(family, type, proto, fileno)

        def connect(self, address):
            if self.family != socket.AF_UNIX:
                attempts.append(f"connect {address!r}")
                raise OSError("network access is not allowed in this test")
            return super().connect(address)

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(name)
            raise OSError("network access is not allowed in this test")
        return refused

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))

    db = tmp_path / "journal.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("4", "enter")
        await settle(pilot)
        app.screen.query(".answer-input").first().insert("Nobody listens")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # pause: home
        await settle(pilot)
        app.browsing.open_history()
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert [s for (s,) in query(db, "SELECT step_id FROM turn ORDER BY position")] == ["loudness_before", "find"]
    assert attempts == []


# ---- no journal text in errors, tracebacks or logs ---------------------------------------


def test_an_unexpected_error_in_a_quick_command_shows_no_traceback_and_no_text(db_path, monkeypatch, capsys, keep_umask):
    from innercritic import entry
    from innercritic.store import queries

    def broken(conn, **row):
        raise RuntimeError(f"could not store {row['note']!r}")

    monkeypatch.setattr(queries, "insert_checkin", broken)
    assert entry.main(["--db", db_path, "checkin", "--note", SECRET]) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "(RuntimeError)" in err and "what was already saved is safe" in err
    assert SECRET not in err + out and "Traceback" not in err


def test_an_unexpected_error_under_typer_shows_no_traceback_and_no_text(db_path, monkeypatch, capsys, keep_umask):
    from innercritic import entry
    from innercritic.cli import printing as output
    from innercritic.services import entries as services
    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        services.check_in(journal, mood=1, critic=None, note=SECRET, part=None)

    def broken(entry_record):
        secret = entry_record.note  # a local holding journal text: must not be printed
        raise ValueError(f"cannot format {secret}")

    monkeypatch.setattr(output, "transcript_text", broken)
    monkeypatch.setattr("innercritic.cli.actions.transcript_text", broken)
    assert entry.main(["--db", db_path, "show", "1"]) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "(ValueError)" in err
    assert SECRET not in err + out and "Traceback" not in err


def test_typer_would_never_print_locals():
    from innercritic.cli.app import app

    assert app.pretty_exceptions_show_locals is False


CRASH_IN_PROCESS = textwrap.dedent('''
    import sys
    from innercritic import entry
    from innercritic.cli import printing as output

    def broken(entry_record):
        secret = entry_record.note
        raise ValueError("cannot format " + secret)

    output.transcript_text = broken
    import innercritic.cli.actions as shell
    shell.transcript_text = broken
    sys.exit(entry.main(sys.argv[1:]))
''')


def test_a_crashing_process_prints_one_line(tmp_path):
    env = child_env(tmp_path)
    db = str(tmp_path / "journal.db")
    assert _run(["--db", db, "checkin", "--note", SECRET], env).returncode == 0
    done = subprocess.run([PYTHON, "-c", CRASH_IN_PROCESS, "--db", db, "show", "1"], capture_output=True, env=env, timeout=60)
    err = done.stderr.decode()
    assert done.returncode == 1
    assert err.count("\n") == 1 and SECRET not in err and "Traceback" not in err


CRASH_IN_APP = textwrap.dedent('''
    import sys
    from innercritic.screens import dialogue
    from innercritic import entry

    real = dialogue.DialogueScreen.show_view

    def show_view(self, view):
        for turn, _role in view.turns:
            if turn.answer and "secret" in turn.answer:
                words = turn.answer  # journal text in a local variable of the failing frame
                raise RuntimeError("cannot draw " + words)
        return real(self, view)

    dialogue.DialogueScreen.show_view = show_view
    sys.exit(entry.main(sys.argv[1:]))
''')


def test_a_crash_inside_the_app_prints_one_line_without_locals(tmp_path):
    """Textual's own crash report shows a traceback with local variables; the app replaces it."""
    db = tmp_path / "journal.db"
    term = Terminal(["-c", CRASH_IN_APP, "--db", str(db), "talk"], child_env(tmp_path), tmp_path)
    try:
        term.wait_for("how loud is the critic")
        term.send("4\r")
        term.wait_for("What is the critic saying")
        term.send(SECRET + "\r")
        status = term.wait_exit()
    finally:
        term.close()
    assert status == 1
    after = term.screen_text
    assert "something went wrong inside the app (RuntimeError)" in after
    tail = after[after.rindex("something went wrong"):]
    assert "Traceback" not in after and "words =" not in after
    assert SECRET not in tail
    # What was sent before the crash is saved.
    assert query(db, "SELECT answer FROM turn WHERE step_id = 'find'") == [(SECRET,)]
    assert latest_dialogue(db)[1] == "in_progress"
