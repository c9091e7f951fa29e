"""Encrypt, decrypt or re-key a journal as one atomic replacement of the file.

Every conversion copies the whole journal, its search index included, into a
new file beside it (``sqlcipher_export``), checks the copy, flushes it to
disk and renames it over the journal. Killed at any moment, the journal's
path holds either the complete old file or the complete new one:

1. Only this connection may have the journal open: leaving WAL mode needs
   every other connection gone (else "close the other innercritic first").
   It then keeps an exclusive lock, so nobody reads or writes meanwhile.
2. The -wal is folded into the file and its bytes overwritten with zeros
   before it is removed (it held whole pages of text).
3. The copy is written to ``<journal>.innercritic-converting``, checked (integrity,
   identical schema, row counts, full-text index) and fsynced.
4. A second name ``<journal>.innercritic-replaced`` is linked to the old file, the copy is
   renamed over the journal and the folder is fsynced.
5. The old file is overwritten with zeros through a descriptor opened
   before the rename (so a process still waiting on it finds no journal
   there, only zeros), fsynced, and its second name removed.

A copy left by a killed run is erased by the next conversion; a ``-replaced``
name left between steps 4 and 5 is finished off by the next open
(``finish_interrupted``), which can tell it from the live journal because it
is no longer the same file.
"""

from __future__ import annotations

import os

from ..errors import JournalBusy, JournalError
from . import driver
from .cipher import apply_key, file_kind, open_keyed
from .connection import APPLICATION_ID, SCHEMA_VERSION, busy_timeout_seconds, secure_files

COPY_SUFFIX = ".innercritic-converting"  # names no person would give a file of their own
OLD_SUFFIX = ".innercritic-replaced"
_CHUNK = 1 << 20


def overwrite_with_zeros(fd: int) -> None:
    """Write zeros over the whole file behind `fd` and flush them to disk."""
    size = os.fstat(fd).st_size
    zeros = bytes(_CHUNK)
    done = 0
    while done < size:
        done += os.pwrite(fd, zeros[: min(_CHUNK, size - done)], done)
    os.fsync(fd)


def erase_file(path: str) -> None:
    """Overwrite a file with zeros, then remove it (nothing if it is not there)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        overwrite_with_zeros(fd)
    finally:
        os.close(fd)
    os.unlink(path)


def _fsync_folder(path: str) -> None:
    fd = os.open(os.path.dirname(os.path.abspath(path)) or ".", os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def finish_interrupted(path: str) -> None:
    """Erase the old file a conversion killed after its rename left behind (``<path>.innercritic-replaced``)."""
    old = path + OLD_SUFFIX
    try:
        old_info = os.stat(old)
    except FileNotFoundError:
        return
    try:
        live = os.stat(path)
    except FileNotFoundError:
        return
    if (old_info.st_dev, old_info.st_ino) != (live.st_dev, live.st_ino):
        erase_file(old)
    # else: killed before its rename; the journal is that file, untouched: the next conversion unlinks the name


def _remove_leftovers(path: str) -> None:
    """Under the exclusive lock: a killed run's half copy (which may be plain text) and names."""
    for suffix in (COPY_SUFFIX, COPY_SUFFIX + "-journal", COPY_SUFFIX + "-wal", COPY_SUFFIX + "-shm"):
        erase_file(path + suffix)
    old = path + OLD_SUFFIX
    if os.path.exists(old):
        if os.path.samefile(old, path):
            os.unlink(old)  # the live journal's second name: only the name goes
        else:
            erase_file(old)


def _take_alone(conn, path: str) -> None:
    """Leave WAL mode (only possible with no other connection open), zero the old -wal and
    -shm files, and hold an exclusive lock until the connection closes."""
    companions = []
    for suffix in ("-wal", "-shm"):
        try:
            companions.append(os.open(path + suffix, os.O_RDWR))
        except FileNotFoundError:
            pass
    try:
        conn.execute("PRAGMA busy_timeout = 100")
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except driver.errors():
            mode = None
        if mode != "delete":
            raise JournalBusy(
                f"{path}: another innercritic has the journal open; close it (the app, or a command "
                "still running) and try again — nothing was changed"
            )
        # Leaving WAL mode copied every page into the file and removed the -wal and -shm;
        # their contents (whole pages of text, in the -wal) are still on disk until overwritten.
        for fd in companions:
            overwrite_with_zeros(fd)
    finally:
        for fd in companions:
            os.close(fd)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_seconds() * 1000)}")
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("COMMIT")


def _open_source(path: str, passphrase: str | None):
    options = {"timeout": busy_timeout_seconds(), "isolation_level": None}
    if passphrase is None:
        conn = driver.connect(path, **options)
    else:
        conn = open_keyed(path, passphrase, **options)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except driver.errors() as exc:
        conn.close()
        from .connection import describe_sqlite_error

        raise describe_sqlite_error(path, exc) from None
    if app_id != APPLICATION_ID or version > SCHEMA_VERSION or version < 1:
        conn.close()
        raise JournalError(
            f"{path}: this is not an innercritic journal this version can convert "
            "(another program's file, an older one to open first, or a newer one); nothing was changed"
        )
    return conn


_COUNTED = (
    "entry", "dialogue", "turn", "checkin", "part",
    "turn_fts_data", "turn_fts_idx", "turn_fts_docsize", "note_fts_data", "note_fts_idx", "note_fts_docsize",
)


def _summary(conn, schema: str) -> tuple:
    """What must be identical in the copy: schema, versions, row counts."""
    objects = conn.execute(
        f"SELECT type, name, tbl_name, sql FROM {schema}.sqlite_master ORDER BY type, name"
    ).fetchall()
    counts = tuple(conn.execute(f"SELECT count(*) FROM {schema}.{table}").fetchone()[0] for table in _COUNTED)
    versions = (
        conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0],
        conn.execute(f"PRAGMA {schema}.application_id").fetchone()[0],
    )
    return tuple(objects), counts, versions


def _check_copy(copy: str, passphrase: str | None, expected: tuple) -> None:
    conn = driver.connect(copy, isolation_level=None)
    try:
        if passphrase is not None:
            apply_key(conn, passphrase)
        problems = conn.execute("PRAGMA integrity_check").fetchall()
        ok = problems == [("ok",)]
        if ok:
            for index in ("turn_fts", "note_fts"):  # the index's own structure (rank 0: rows with
                # no text are not indexed on purpose, which the stricter check counts as a mismatch)
                conn.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 0)")
            ok = _summary(conn, "main") == expected
    except driver.errors():
        ok = False
    finally:
        conn.close()
    if not ok:
        raise JournalError("the converted copy did not match the journal; the journal was left as it was")


def convert(path: str, *, old: str | None, new: str | None) -> None:
    """Rewrite the journal at `path` from passphrase `old` to `new` (None: not encrypted)."""
    if (new is not None or old is not None) and not driver.ENCRYPTION:
        raise JournalError(f"{path}: {driver.NO_ENCRYPTION}")
    copy = path + COPY_SUFFIX
    conn = _open_source(path, old)
    try:
        _take_alone(conn, path)
        _remove_leftovers(path)
        expected = _summary(conn, "main")
        os.close(os.open(copy, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        # Bound, not formatted: any passphrase is safe here. '' means a plain (unencrypted) copy.
        conn.execute("ATTACH DATABASE ? AS converted KEY ?", (copy, "" if new is None else new))
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.user_version = {int(expected[2][0])}")
        conn.execute(f"PRAGMA converted.application_id = {int(expected[2][1])}")
        conn.execute("DETACH DATABASE converted")
        _check_copy(copy, new, expected)
        _replace(path, copy)
    except BaseException:
        if os.path.exists(copy):
            erase_file(copy)
        raise
    finally:
        conn.close()  # after _replace zeroed the old file: a process waiting on it finds no journal
    secure_files(path)


def _replace(path: str, copy: str) -> None:
    """Steps 3-5: the copy on disk, renamed over the journal, the old file zeroed.

    Runs with the exclusive lock held by the caller's connection, which is
    closed only after the old file's first page is zeros."""
    fd = os.open(copy, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(copy, 0o600)
    old_fd = os.open(path, os.O_RDWR)
    try:
        os.link(path, path + OLD_SUFFIX)
        os.replace(copy, path)
        _fsync_folder(path)
        overwrite_with_zeros(old_fd)
        os.unlink(path + OLD_SUFFIX)
        _fsync_folder(path)
    finally:
        os.close(old_fd)


def create_encrypted(path: str, passphrase: str) -> None:
    """A new, empty encrypted journal at `path` (which must not exist yet)."""
    from . import schema
    from .connection import _apply_pragmas

    if not driver.ENCRYPTION:
        raise JournalError(f"{path}: {driver.NO_ENCRYPTION}")
    copy = path + COPY_SUFFIX
    erase_file(copy)
    fd = os.open(copy, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        conn = driver.connect(copy, isolation_level=None)
        try:
            apply_key(conn, passphrase)
            _apply_pragmas(conn)
            conn.execute("PRAGMA journal_mode = DELETE")  # no -wal beside the copy when it is renamed
            schema.create_current(conn, copy)
        finally:
            conn.close()
        fd = os.open(copy, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.link(copy, path)  # never replaces a journal that appeared meanwhile
    except FileExistsError:
        raise JournalError(f"{path}: a journal appeared there meanwhile; nothing was changed") from None
    finally:
        if os.path.exists(copy):
            os.unlink(copy)
    _fsync_folder(path)
    secure_files(path)


def state(path: str) -> str:
    """'missing', 'empty', 'plain', 'encrypted' or 'other' (see cipher.file_kind)."""
    return file_kind(path)
