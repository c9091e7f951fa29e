"""Helpers for the encryption tests: encrypted journals, passphrase files, runs without a terminal."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import INSTALLED, clean_env

from innercritic.store import driver

PASSPHRASE = "correct horse, battery staple"


def passphrase_file(folder: Path, text: str, name: str = "passphrase.txt") -> str:
    path = folder / name
    path.write_bytes(text.encode("utf-8") + b"\n")
    path.chmod(0o600)
    return str(path)


def encrypted_journal(path: str, passphrase: str = PASSPHRASE, *, checkins=("first note",)) -> None:
    """A journal with these check-in notes, then encrypted with `passphrase`."""
    from innercritic.store import conversion
    from innercritic.store.journal import Journal

    with Journal(path) as journal:
        for note in checkins:
            journal.add_checkin(mood=3, critic=5, note=note, part=None)
    conversion.convert(path, old=None, new=passphrase)


def open_encrypted(path: str, passphrase: str = PASSPHRASE):
    from innercritic.store.journal import Journal

    return Journal(path, create=False, passphrase=lambda again: passphrase)


def keyed_rows(path: str, sql: str, passphrase: str = PASSPHRASE) -> list[tuple]:
    conn = driver.connect(path)
    try:
        conn.execute("PRAGMA key = " + "'" + passphrase.replace("'", "''") + "'")
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def run_detached(
    tmp_path: Path, *args: str, db: str | None = None, env: dict[str, str] | None = None,
    input: bytes | None = None, pass_fds: tuple[int, ...] = (), timeout: float = 60,
) -> tuple[int, str, str]:
    """The installed command in a new session: no controlling terminal, so /dev/tty cannot
    be opened and nothing can be asked (as under cron or in a pipeline started by a script)."""
    done = subprocess.run(
        [str(INSTALLED), *args], env=clean_env(tmp_path, db, env), input=input,
        stdin=None if input is not None else subprocess.DEVNULL, capture_output=True,
        cwd=str(tmp_path), timeout=timeout, start_new_session=True, pass_fds=pass_fds,
    )
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def files_of(path: str) -> list[str]:
    return [path + suffix for suffix in ("", "-wal", "-shm") if os.path.exists(path + suffix)]
