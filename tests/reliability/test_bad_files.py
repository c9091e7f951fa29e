"""Journal paths that are not right: each gives one clear line naming the path and what to
do, a non-zero exit, and leaves the file exactly as it was. The app shows the same line."""

from __future__ import annotations

import hashlib
import io
import os
import random
import shutil
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from reliability_helpers import PYTHON, app_for, query, settle

COMMANDS = {
    "checkin": ["checkin", "--mood", "3", "--note", "a private note"],
    "history": ["history"],
    "show": ["show", "1"],
    "talk": ["talk", "--plain"],
}
WHAT_TO_DO = ("choose another --db path", "check the file's permissions", "move it aside", "upgrade innercritic", "create it", "check the permissions",
              "free some space", "pass --db with a file path", "check that the file and its folder")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _journal_with_entries(path: Path, count: int = 120) -> None:
    from innercritic.services import entries as services
    from innercritic.store.journal import Journal

    with Journal(str(path)) as journal:
        for n in range(count):
            services.check_in(journal, mood=3, critic=n % 11, note=f"entry {n} " + "words " * 20, part=None)


def _run(argv: list[str], monkeypatch, capsys, stdin: str = "7\nmy words\n") -> tuple[int, str, str]:
    from innercritic import entry

    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    rc = entry.main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


def _one_clear_line(err: str, path: Path) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), repr(err)
    assert err.startswith(f"innercritic: {path}"), err
    assert any(hint in err for hint in WHAT_TO_DO), err
    assert "Traceback" not in err and "private" not in err and "my words" not in err


# ---- building the bad files ---------------------------------------------------------


_GOOD: dict[str, Path] = {}


@pytest.fixture(scope="module", autouse=True)
def _good_journal(tmp_path_factory):
    """One journal with 120 check-ins, built once and copied for each case."""
    path = tmp_path_factory.mktemp("good") / "good.db"
    _journal_with_entries(path)
    _GOOD["path"] = path
    yield
    _GOOD.clear()


def _make(kind: str, tmp: Path) -> Path:
    good = tmp / "good.db"
    if kind != "directory" and kind != "missing-parent":
        shutil.copy(_GOOD["path"], good)
    path = tmp / f"{kind}.db"
    if kind == "directory":
        path.mkdir()
    elif kind == "text-file":
        path.write_text("Dear diary,\nthis is not a database.\n")
    elif kind == "truncated-half":
        data = good.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "truncated-header":
        path.write_bytes(good.read_bytes()[:60])
    elif kind == "garbled-header":
        data = bytearray(good.read_bytes())
        data[0:16] = b"not sqlite at al"
        path.write_bytes(bytes(data))
    elif kind == "corrupt-table":
        # Overwrite the root page of the entry table: every command that touches entries must notice.
        root = query(good, "SELECT rootpage FROM sqlite_master WHERE name = 'entry'")[0][0]
        page_size = query(good, "PRAGMA page_size")[0][0]
        data = bytearray(good.read_bytes())
        rng = random.Random(3)
        start = (root - 1) * page_size
        data[start : start + page_size] = bytes(rng.randrange(256) for _ in range(page_size))
        path.write_bytes(bytes(data))
    elif kind == "newer-version":
        shutil.copy(good, path)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
    elif kind == "other-program":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
        conn.commit()
        conn.close()
    elif kind == "missing-parent":
        path = tmp / "no such folder" / "journal.db"
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


BAD = ["directory", "text-file", "truncated-half", "truncated-header", "garbled-header", "corrupt-table",
       "newer-version", "other-program"]


@pytest.mark.parametrize("kind", BAD)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_bad_journal_file_is_refused_in_one_line_and_left_untouched(tmp_path, kind, command, monkeypatch, capsys, keep_umask):
    path = _make(kind, tmp_path)
    before = None if path.is_dir() else sha256(path)
    rc, out, err = _run(["--db", str(path), *COMMANDS[command]], monkeypatch, capsys)
    assert rc == 1, (out, err)
    _one_clear_line(err, path)
    if before is not None:
        assert sha256(path) == before
    else:
        assert path.is_dir() and list(path.iterdir()) == []


def test_a_missing_folder_is_named_and_not_created(tmp_path, monkeypatch, capsys, keep_umask):
    path = _make("missing-parent", tmp_path)
    for command in ("checkin", "talk"):
        rc, out, err = _run(["--db", str(path), *COMMANDS[command]], monkeypatch, capsys)
        assert rc == 1
        _one_clear_line(err, path)
        assert "does not exist" in err and str(path.parent) in err
    # Reading commands have nothing to show, and say so without creating anything.
    assert _run(["--db", str(path), "history"], monkeypatch, capsys)[0] == 0
    assert _run(["--db", str(path), "show", "1"], monkeypatch, capsys)[0] == 2
    assert not path.parent.exists()


def test_the_same_line_from_the_installed_command(tmp_path):
    """Once through a real process too: exit status and stderr as a shell sees them."""
    path = _make("newer-version", tmp_path)
    before = sha256(path)
    done = subprocess.run([PYTHON, "-m", "innercritic", "--db", str(path), "checkin", "--mood", "2"],
                          capture_output=True, timeout=60)
    assert done.returncode == 1
    err = done.stderr.decode()
    _one_clear_line(err, path)
    assert "newer innercritic" in err
    assert sha256(path) == before


# ---- a full disk -------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    """full_disk(): from now on no connection may grow the file past the size it has when opened."""
    from innercritic.store import connection

    real = connection._apply_pragmas

    def capped(conn):
        real(conn)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")

    return lambda: monkeypatch.setattr(connection, "_apply_pragmas", capped)


def test_a_full_disk_is_one_line_and_nothing_saved_is_lost(tmp_path, monkeypatch, capsys, keep_umask, full_disk):
    path = tmp_path / "journal.db"
    _journal_with_entries(path, 5)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = query(path, "SELECT e.id, c.note FROM entry e JOIN checkin c ON c.entry_id = e.id ORDER BY e.id")
    full_disk()
    big = "a long evening of thoughts " * 3000  # ~80,000 characters: many new pages
    rc, out, err = _run(["--db", str(path), "checkin", "--note", big], monkeypatch, capsys)
    assert rc == 1
    _one_clear_line(err, path)
    assert "disk is full" in err and "thoughts" not in err
    rc, out, err = _run(["--db", str(path), "talk", "--plain"], monkeypatch, capsys, stdin="4\n" + big + "\n")
    assert rc == 1, out
    _one_clear_line(err, path)
    assert "disk is full" in err
    monkeypatch.undo()
    assert query(path, "SELECT e.id, c.note FROM entry e JOIN checkin c ON c.entry_id = e.id ORDER BY e.id") == before
    assert query(path, "PRAGMA integrity_check") == [("ok",)]


async def test_a_full_disk_in_the_app_keeps_the_typed_answer(tmp_path, full_disk):
    path = tmp_path / "journal.db"
    from innercritic.store.journal import Journal

    Journal(str(path)).close()
    full_disk()
    big = "the critic goes on and on " * 3000
    app = app_for(path, start="talk")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        for key in "7":
            await pilot.press(key)
        await pilot.press("enter")
        await settle(pilot)
        area = app.screen.query(".answer-input").first()
        area.insert(big)
        await pilot.press("enter")
        await settle(pilot)
        assert app.problem is not None and "disk is full" in app.problem
        area = app.screen.query(".answer-input").first()
        assert area.text == big  # still there to send again once there is room
    assert query(path, "SELECT step_id FROM turn") == [("loudness_before",)]


# ---- the app on a bad path ---------------------------------------------------------


@pytest.mark.parametrize("kind, start", [
    ("directory", "home"), ("text-file", "talk"), ("newer-version", "resume"), ("corrupt-table", "home"),
    ("markup-in-the-path", "talk"),
])
async def test_the_app_shows_the_problem_instead_of_crashing(tmp_path, kind, start):
    from textual.widgets._toast import Toast

    if kind == "markup-in-the-path":
        path = tmp_path / "x[/]y [@click=app.quit]q[/]" / "journal.db"
    else:
        path = _make(kind, tmp_path)
    before = sha256(path) if path.is_file() else None
    app = app_for(path, start=start)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert app.problem is not None and str(path) in app.problem
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any(str(path) in shown for shown in toasts), toasts  # literally, markup and all
        assert app.is_running
    assert app._exception is None
    if before is not None:
        assert sha256(path) == before


# ---- permissions, as a user who is not root ----------------------------------------

NOBODY = 65534
AS_NOBODY = Path(__file__).with_name("run_as_nobody.py")


def _can_switch_user() -> bool:
    return hasattr(os, "setuid") and os.geteuid() == 0


@pytest.fixture
def nobody_dir():
    """A folder under /tmp that the unprivileged user can reach (pytest's tmp is root-only)."""
    if not _can_switch_user():
        if os.geteuid() != 0:
            # Already not root: permission checks apply to us directly.
            folder = Path(tempfile.mkdtemp(prefix="innercritic-perm-"))
            yield folder, False
            for root, dirs, files in os.walk(folder):
                os.chmod(root, 0o700)
            shutil.rmtree(folder, ignore_errors=True)
            return
        pytest.skip("needs root to switch to an unprivileged user, or to run as one")
    folder = Path(tempfile.mkdtemp(prefix="innercritic-perm-"))
    os.chmod(folder, 0o755)
    os.chown(folder, NOBODY, NOBODY)
    yield folder, True
    shutil.rmtree(folder, ignore_errors=True)


def _as_user(folder: Path, switch: bool, *commands: tuple[tuple[str, ...], str]) -> list[tuple[int, str, str]]:
    """Run (argv, stdin) commands, one after another in one process, as nobody when `switch`."""
    import json

    env = {"PATH": os.environ.get("PATH", os.defpath), "LANG": "C.UTF-8", "HOME": str(folder)}
    spec = json.dumps([{"argv": list(argv), "stdin": stdin} for argv, stdin in commands])
    done = subprocess.run([PYTHON, str(AS_NOBODY), spec], capture_output=True, env=env, cwd=str(folder), timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return [(r["rc"], r["out"], r["err"]) for r in json.loads(done.stdout)]


def _own(path: Path, switch: bool) -> None:
    if switch:
        os.chown(path, NOBODY, NOBODY)


def test_permissions_as_a_user_who_is_not_root(nobody_dir):
    """Three places, checked in one unprivileged process (switching user costs a warm-up):

    - a journal the owner made read-only (0400): readable; writes refused in one line;
      its mode is never changed back to writable;
    - a folder the user cannot write (0500): WAL has to create journal.db-wal and -shm beside
      the file, so every command says so in one line (decided: no read-only fallback), and a
      new journal cannot be created there;
    - someone else's journal (root's, 0600): unreadable, one line.
    """
    folder, switch = nobody_dir
    read_only = folder / "mine" / "journal.db"
    locked = folder / "locked" / "journal.db"
    fresh = folder / "locked" / "new.db"
    foreign = folder / "someone-elses.db"
    for path in (read_only, locked):
        path.parent.mkdir()
        _journal_with_entries(path, 3)
        for item in (path.parent, path):
            _own(item, switch)
    _journal_with_entries(foreign, 2)  # stays root's, mode 0600
    os.chmod(read_only, 0o400)
    before = {path: sha256(path) for path in (read_only, locked, foreign)}
    os.chmod(locked.parent, 0o500)
    try:
        db = lambda path, *args: ("--db", str(path), *args)  # noqa: E731
        commands = [
            (db(read_only, "history", "--json"), ""),
            (db(read_only, "checkin", "--mood", "3"), ""),
            (db(read_only, "talk", "--plain"), "5\n"),
            *[(db(locked, *args), "5\n") for args in (("checkin", "--mood", "3"), ("history",), ("show", "1"), ("talk", "--plain"))],
            (db(fresh, "checkin", "--mood", "3"), ""),
        ]
        if switch:
            commands += [(db(foreign, "checkin", "--mood", "3"), ""), (db(foreign, "history"), "")]
        results = _as_user(folder, switch, *commands)
    finally:
        os.chmod(locked.parent, 0o700)

    (rc, out, err), ro_writes, locked_runs, (fresh_rc, _, fresh_err) = results[0], results[1:3], results[3:7], results[7]
    assert rc == 0, err
    assert "entry 2" in out
    for rc, out, err in ro_writes:
        assert rc == 1, (out, err)
        _one_clear_line(err, read_only)
        assert "read-only" in err
    assert stat.S_IMODE(read_only.stat().st_mode) == 0o400  # never made writable behind the owner's back

    for rc, out, err in locked_runs:
        assert rc == 1, (out, err)
        _one_clear_line(err, locked)
    assert fresh_rc == 1
    assert fresh_err.startswith(f"innercritic: {fresh}: cannot create the journal here") and fresh_err.count("\n") == 1
    assert not fresh.exists()

    for rc, out, err in results[8:]:
        assert rc == 1
        _one_clear_line(err, foreign)
    for path, digest in before.items():
        assert sha256(path) == digest, path
