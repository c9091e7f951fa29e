"""Files that are not files: a named pipe, a device, endless or enormous input, absurdly
nested TOML. The journal and every output must be a regular file (or not exist yet), every
input is read with a bound, and each refusal is one line — never a hang, never a device
changed or replaced.

Devices are never the real ones under /dev: the char device here is a twin of /dev/null
made with mknod in the test's own folder (as root; skipped otherwise), so nothing outside
the test can be harmed even by code that gets it wrong."""

from __future__ import annotations

import os
import resource
import stat
import subprocess

import pytest

from reliability_helpers import PYTHON, child_env

HANG = 20  # seconds: a command that has not answered by then is hanging


def _cli(tmp_path, *args: str, memory: int | None = None) -> tuple[int, str, str]:
    def limit_memory() -> None:  # a runaway read fails here instead of filling the machine
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        done = subprocess.run(
            [PYTHON, "-m", "innercritic", *args], stdin=subprocess.DEVNULL, capture_output=True, timeout=HANG,
            env=child_env(tmp_path), cwd=str(tmp_path), preexec_fn=limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"innercritic {' '.join(args)} hung (no answer after {HANG} s)")
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def _one_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and err.startswith("innercritic: "), err
    assert "Traceback" not in err and "something went wrong" not in err, err
    for word in words:
        assert word in err, err


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


@pytest.fixture
def null_twin(tmp_path):
    """A character device like /dev/null (same numbers), in the test's own folder."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    path = tmp_path / "null-twin"
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    os.chmod(path, 0o666)
    return path


def _device_state(path) -> tuple[int, int, int]:
    info = os.lstat(path)
    return info.st_mode, info.st_rdev, info.st_ino


# ---- inputs --------------------------------------------------------------------------------


def test_import_from_a_named_pipe_is_refused_not_waited_on(tmp_path, fifo):
    rc, out, err = _cli(tmp_path, "--db", str(tmp_path / "j.db"), "import", str(fifo))
    assert rc == 2, (out, err)
    _one_line(err, str(fifo), "not a regular file")
    assert not (tmp_path / "j.db").exists()


def test_import_from_a_device_is_refused(tmp_path):
    rc, out, err = _cli(tmp_path, "--db", str(tmp_path / "j.db"), "import", "/dev/zero", memory=1 << 30)
    assert rc == 2, (out, err)
    _one_line(err, "/dev/zero", "not a regular file")


def test_flows_check_refuses_a_pipe_and_an_endless_device(tmp_path, fifo):
    for path in (str(fifo), "/dev/zero"):
        rc, out, err = _cli(tmp_path, "flows", "check", path, memory=1 << 30)
        assert rc == 1, (path, out, err)
        assert err.count("\n") == 1 and "not a regular file" in err and "Traceback" not in err, err


def test_flows_check_refuses_an_enormous_file(tmp_path):
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: 64 MB of nothing, costs no disk
    rc, out, err = _cli(tmp_path, "flows", "check", str(huge), memory=1 << 30)
    assert rc == 1, (out, err)
    assert err.count("\n") == 1 and "too large" in err, err


def test_flows_check_survives_absurdly_nested_toml(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n")
    rc, out, err = _cli(tmp_path, "flows", "check", str(deep))
    assert rc == 1, (out, err)
    assert err.count("\n") == 1 and "deep.toml" in err and "nested" in err and "Traceback" not in err, err


# ---- the journal ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["history"], ["checkin", "--mood", "3"], ["talk", "--plain"], ["show", "1"]])
def test_a_named_pipe_as_the_journal_is_refused(tmp_path, fifo, command):
    rc, out, err = _cli(tmp_path, "--db", str(fifo), *command)
    assert rc == 1, (out, err)
    _one_line(err, str(fifo), "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no -journal, -wal or -shm beside it


@pytest.mark.parametrize("command", [["history"], ["checkin", "--mood", "3"], ["nudge"]])
def test_a_device_as_the_journal_is_refused_before_anything_is_touched(tmp_path, null_twin, command):
    before = _device_state(null_twin)
    rc, out, err = _cli(tmp_path, "--db", str(null_twin), *command)
    assert _device_state(null_twin) == before  # mode, device numbers and inode all unchanged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null-twin"]  # no null-twin-journal
    if command == ["nudge"]:
        assert rc == 0 and err == ""  # the nudge never fails and never writes
        return
    assert rc == 1, (out, err)
    _one_line(err, str(null_twin), "not a regular file")


# ---- outputs -------------------------------------------------------------------------------


def test_export_never_replaces_a_device_even_with_force(tmp_path, null_twin):
    db = tmp_path / "j.db"
    assert _cli(tmp_path, "--db", str(db), "checkin", "--mood", "3", "--note", "private")[0] == 0
    before = _device_state(null_twin)
    rc, out, err = _cli(tmp_path, "--db", str(db), "export", "--out", str(null_twin), "--force")
    assert rc == 2, (out, err)
    _one_line(err, str(null_twin), "not a regular file")
    assert _device_state(null_twin) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".innercritic-export")]


def test_export_to_a_named_pipe_is_refused(tmp_path, fifo):
    db = tmp_path / "j.db"
    assert _cli(tmp_path, "--db", str(db), "checkin", "--mood", "3")[0] == 0
    for force in ([], ["--force"]):
        rc, out, err = _cli(tmp_path, "--db", str(db), "export", "--out", str(fifo), *force)
        assert rc == 2, (force, out, err)
        _one_line(err, str(fifo))
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# ---- endless standard input ----------------------------------------------------------------


def _with_stdin(tmp_path, source: str, *args: str) -> tuple[int, str, str]:
    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    with open(source, "rb") as stdin:
        try:
            done = subprocess.run(
                [PYTHON, "-m", "innercritic", *args], stdin=stdin, capture_output=True, timeout=HANG * 3,
                env=child_env(tmp_path), cwd=str(tmp_path), preexec_fn=limit_memory,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"innercritic {' '.join(args)} < {source} hung")
    return done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")


def test_a_note_from_an_endless_stdin_is_refused_in_one_line(tmp_path):
    db = tmp_path / "j.db"
    rc, out, err = _with_stdin(tmp_path, "/dev/zero", "--db", str(db), "checkin", "--note", "-")
    assert rc == 2, (out, err[-300:])
    _one_line(err, "too long")
    assert not db.exists() or __import__("sqlite3").connect(db).execute("SELECT count(*) FROM entry").fetchone() == (0,)


def test_plain_talk_on_an_endless_stdin_ends_and_keeps_the_dialogue(tmp_path):
    db = tmp_path / "j.db"
    rc, out, err = _with_stdin(tmp_path, "/dev/zero", "--db", str(db), "talk", "--plain")
    assert rc in (0, 1), (out[-300:], err[-300:])
    assert "Traceback" not in err and "something went wrong" not in err, err[-300:]
