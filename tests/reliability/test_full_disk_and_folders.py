"""A disk that is really full, and a data folder that cannot be made: each is named in one
plain line with what to do, nothing saved is changed, and reading still works when it can.

The full disk is a real one: a small tmpfs mounted for the test (root only; skipped with
the reason otherwise), filled to the last byte. The folder cases run as the unprivileged
user `nobody` where permissions matter (root may write anywhere)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
import subprocess
import tempfile
from pathlib import Path

import pytest

from reliability_helpers import PYTHON, app_for, child_env, settle

AS_NOBODY = Path(__file__).with_name("run_as_nobody.py")
NOBODY = 65534


def _cli(tmp_path, *args: str, stdin: str = "", env: dict | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [PYTHON, "-m", "innercritic", *args], input=stdin.encode(), capture_output=True, timeout=60,
        env=env or child_env(tmp_path), cwd=str(tmp_path),
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def _one_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.startswith("innercritic: "), err
    assert "OperationalError" not in err and "PermissionError" not in err and "something went wrong" not in err, err
    for word in words:
        assert word in err, err


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- a full disk ---------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs of its own, unmounted afterwards."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a real full disk needs a small file system mounted for the test, which needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount_point)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.decode().strip() or done.returncode})")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def _fill(folder: Path) -> None:
    """Write until the file system has no byte left."""
    for name, piece in (("filler", 65536), ("filler-tail", 1)):  # then the last partial block
        try:
            with open(folder / name, "wb", buffering=0) as handle:
                while True:
                    handle.write(b"\0" * piece)
        except OSError:
            pass
    assert os.statvfs(folder).f_bavail == 0


@pytest.fixture
def journal_on_a_full_disk(small_disk):
    """A closed journal with two check-ins and a dialogue, on a disk then filled up."""
    from innercritic.services import entries as services
    from innercritic.store.journal import Journal

    db = small_disk / "journal.db"
    with Journal(str(db)) as journal:
        services.check_in(journal, mood=3, critic=None, note="first note", part=None)
        services.check_in(journal, mood=4, critic=None, note="second note", part=None)
        talk = journal.start_dialogue("critic")
        journal.save_turn(talk.id, position=0, step_id="loudness_before", role="loudness_before",
                          prompt="How loud?", answer="6", value=6, skipped=False)
    assert sorted(p.name for p in small_disk.iterdir()) == ["journal.db"]  # closed cleanly: no -wal, no -shm
    _fill(small_disk)
    return db


@pytest.mark.slow
def test_reading_still_works_on_a_full_disk(tmp_path, journal_on_a_full_disk):
    db = journal_on_a_full_disk
    before = _sha(db)
    for args in (["history"], ["history", "--search", "note"], ["show", "1"], ["show", "3"], ["stats"],
                 ["export"], ["parts"]):
        rc, out, err = _cli(tmp_path, "--db", str(db), *args)
        assert rc == 0, (args, err)
        assert err == "", args
        if args[0] == "history":
            assert "note" in out
    assert _sha(db) == before


@pytest.mark.slow
def test_writing_on_a_full_disk_says_the_disk_is_full_and_what_to_do(tmp_path, journal_on_a_full_disk):
    db = journal_on_a_full_disk
    before = _sha(db)
    for args, stdin in ((["checkin", "--mood", "2", "--note", "no room"], ""), (["talk", "--plain"], "5\nno room\n"),
                        (["talk", "--plain", "--resume"], "no room\n"), (["parts", "add", "Judge"], "")):
        rc, out, err = _cli(tmp_path, "--db", str(db), *args, stdin=stdin)
        assert rc == 1, (args, out, err)
        _one_line(err, str(db), "disk is full", "free some space")
        assert "no room" not in err
    assert _sha(db) == before


def test_a_new_journal_on_a_full_disk_says_so_and_leaves_nothing(tmp_path, small_disk):
    _fill(small_disk)
    db = small_disk / "new.db"
    rc, out, err = _cli(tmp_path, "--db", str(db), "checkin", "--mood", "3")
    assert rc == 1, (out, err)
    _one_line(err, str(db), "disk is full")
    assert not db.exists()


async def test_the_app_on_a_full_disk_says_the_disk_is_full(tmp_path, journal_on_a_full_disk):
    app = app_for(journal_on_a_full_disk)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        assert app.problem is not None and "disk is full" in app.problem, app.problem
        assert "OperationalError" not in app.problem


# ---- a data folder that cannot be made -----------------------------------------------------


def _as_nobody(commands: list[list[str]], env: dict[str, str], cwd: Path) -> list[tuple[int, str, str]]:
    spec = json.dumps([{"argv": argv, "stdin": ""} for argv in commands])
    done = subprocess.run([PYTHON, str(AS_NOBODY), spec], capture_output=True, env=env, cwd=str(cwd), timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return [(r["rc"], r["out"], r["err"]) for r in json.loads(done.stdout)]


@pytest.fixture
def reachable_dir():
    """A folder under /tmp that nobody can reach (pytest's own tmp is root-only)."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to run the commands as the unprivileged user nobody")
    folder = Path(tempfile.mkdtemp(prefix="innercritic-home-"))
    os.chmod(folder, 0o755)
    yield folder
    for root, dirs, _files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
    shutil.rmtree(folder, ignore_errors=True)


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", os.defpath), "LANG": "C.UTF-8", "HOME": str(home), **extra}


def test_a_missing_or_read_only_home_names_the_folder_and_the_fix(reachable_dir):
    missing = reachable_dir / "no-such-home"  # its parent is root's: nobody cannot create it
    read_only = reachable_dir / "read-only-home"
    read_only.mkdir(mode=0o555)
    os.chown(read_only, NOBODY, NOBODY)
    os.chmod(read_only, 0o555)
    for home in (missing, read_only):
        results = _as_nobody([["checkin", "--mood", "3"], ["talk", "--plain"], ["history"]], _env(home), reachable_dir)
        for rc, out, err in results[:2]:
            assert rc == 1, (home, out, err)
            _one_line(err, str(home / ".local" / "share" / "innercritic"), "XDG_DATA_HOME", "--db")
        assert results[2][0] == 0  # nothing to list yet, and nothing created to list it
    assert not missing.exists() and list(read_only.iterdir()) == []


def test_xdg_data_home_pointing_at_a_file_names_the_folder_and_the_fix(tmp_path):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("I am a file\n")
    env = {**child_env(tmp_path), "XDG_DATA_HOME": str(a_file)}
    for args in (["checkin", "--mood", "3"], ["talk", "--plain"]):
        rc, out, err = _cli(tmp_path, *args, env=env)
        assert rc == 1, (out, err)
        _one_line(err, str(a_file / "innercritic"), "XDG_DATA_HOME", "--db")
    assert a_file.read_text() == "I am a file\n"


async def test_the_app_names_an_unusable_data_folder(tmp_path, monkeypatch):
    from innercritic.tui.app import make_app
    from innercritic.services.entries import Settings

    a_file = tmp_path / "not-a-folder"
    a_file.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(a_file))
    app = make_app(Settings.from_flag(None))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        assert app.problem is not None and str(a_file / "innercritic") in app.problem, app.problem
        assert "PermissionError" not in app.problem and "NotADirectoryError" not in app.problem
