"""Open the journal file through store/driver.py (sqlcipher3's SQLite, or the stdlib's).

Every connection, raw or under SQLAlchemy, is made here, so they all share
the same pragmas, file modes and checks. No SQLAlchemy: the fast shell paths
use this without loading it. An encrypted journal is keyed first
(store/cipher.py), before anything else reads the file.
"""

from __future__ import annotations

import errno
import os
import stat

from ..errors import JournalBusy, JournalError, NoJournalYet
from ..files import NOT_REGULAR, is_regular_or_missing
from . import driver

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

    Passphrase = Callable[[bool], str]  # passphrase(again) -> the text; again after a wrong one

SCHEMA_VERSION = 7
APPLICATION_ID = 0x49435254  # "ICRT": marks the file as an innercritic journal
BUSY_TIMEOUT_SECONDS = 5.0
BUSY_TIMEOUT_ENV = "INNERCRITIC_BUSY_TIMEOUT"  # seconds, overrides the wait (tests, slow shared disks)
FILE_MODE = 0o600
DIR_MODE = 0o700
COMPANION_SUFFIXES = ("-wal", "-shm")
DRAFTS_SUFFIX = "-drafts"  # words kept beside a journal that could not take them (store/kept_aside.py)
FULL_DISK_BYTES = 64 * 1024  # less room than this and the -shm file (32 KB) cannot even be made


def ensure_private_dir(directory: str) -> None:
    """Create the default data folder (and parents) private to the user; one plain line
    naming the folder and the way out when it cannot be made."""
    try:
        os.makedirs(directory, mode=DIR_MODE, exist_ok=True)
    except OSError as exc:
        if isinstance(exc, FileExistsError) or exc.errno == errno.ENOTDIR:
            why = "a file is in the way of it"
        elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
            why = "the disk is full"
        else:
            why = (exc.strerror or exc.__class__.__name__).lower()
        raise JournalError(
            f"{directory}: cannot create innercritic's data folder here ({why}); set XDG_DATA_HOME "
            "to a folder you can write (or fix HOME), or choose a journal file with --db PATH"
        ) from None
    _chmod_if_owned(directory, DIR_MODE)


def _chmod_if_owned(path: str, mode: int) -> None:
    try:
        info = os.stat(path)
        # Only take permissions away: a journal the owner made read-only stays read-only.
        # Only ever a regular file or a folder: never a device someone pointed --db at.
        current = stat.S_IMODE(info.st_mode)
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
            return
        if info.st_uid == os.getuid() and current & ~mode:
            os.chmod(path, current & mode)
    except FileNotFoundError:
        pass
    except PermissionError:
        pass


def secure_files(path: str) -> None:
    """Database and its -wal/-shm companions: readable by the owner alone."""
    for suffix in ("",) + COMPANION_SUFFIXES:
        _chmod_if_owned(path + suffix, FILE_MODE)


def _create_empty_file(path: str) -> bool:
    """Make the journal's empty file (private from the start); False if it was already there."""
    parent = os.path.dirname(path) or "."
    if not os.path.isdir(parent):
        raise JournalError(
            f"{path}: the folder {parent} does not exist; create it or choose another --db path"
        )
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise describe_sqlite_error(path, exc) from None
        raise JournalError(f"{path}: cannot create the journal here ({exc.strerror})") from None
    os.close(fd)
    os.chmod(path, FILE_MODE)
    return True


def _remove_new_file(path: str) -> None:
    """Take back an empty journal file this process made and could not set up (a full disk)."""
    try:
        if os.path.getsize(path) == 0:
            for suffix in ("",) + COMPANION_SUFFIXES:
                try:
                    os.unlink(path + suffix)
                except FileNotFoundError:
                    pass
    except OSError:
        pass


def disk_is_full(path: str) -> bool:
    """Whether the file system holding `path` has (next to) no room left: SQLite then fails
    with an I/O error while growing its -shm file, before it can report SQLITE_FULL."""
    try:
        info = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except (OSError, AttributeError):
        return False
    return info.f_bavail * info.f_frsize < FULL_DISK_BYTES


def describe_sqlite_error(path: str, exc: BaseException) -> JournalError:
    """Turn an SQLite error into one plain line naming the file."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return JournalBusy(
            f"{path}: the journal is busy (another innercritic is writing); try again in a moment"
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return JournalError(
            f"{path}: this file is not a readable innercritic journal (damaged or another kind of file); "
            "it was left untouched — move it aside or choose another --db path"
        )
    if "readonly" in text or "read-only" in text:
        return JournalError(
            f"{path}: the journal is read-only here; check the permissions of the file and its folder"
        )
    if "disk is full" in text or "database or disk is full" in text or (
        ("disk i/o" in text or "unable to open" in text or "no space" in text) and disk_is_full(path)
    ):
        return JournalError(
            f"{path}: the disk is full; nothing new was saved and what was saved is safe — "
            "free some space and try again"
        )
    if "unable to open" in text:
        return JournalError(
            f"{path}: cannot open the journal; check that the file and its folder are readable and writable"
        )
    return JournalError(f"{path}: the journal could not be used ({exc.__class__.__name__})")


# The three context managers below are classes rather than contextlib generators:
# importing contextlib cost a quick search a millisecond or two of its start.


class sqlite_errors:  # noqa: N801 - used as a function: `with sqlite_errors(path):`
    """Inside it, an SQLite error leaves as one plain JournalError naming the file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, trace) -> bool:
        if exc is None or not isinstance(exc, Exception):
            return False
        if not isinstance(exc, driver.errors()):
            # SQLAlchemy (dialogue writes) wraps the driver's error; judge the original.
            exc = getattr(exc, "orig", None)
            if not isinstance(exc, driver.errors()):
                return False
        raise describe_sqlite_error(self.path, exc) from None


def connect(
    path: str, *, create: bool, passphrase: Passphrase | None = None, read_only: bool = False,
) -> Connection:
    """Open (and with ``create`` make) the journal; refuse files that are not ours.

    ``passphrase`` is asked only when the file is encrypted (as often as its
    ``tries`` attribute allows, default once). The caller still has to bring
    the schema up to date when ``schema_state(conn)`` is not "current".
    ``read_only`` (a command that only reads): a plain, current journal is
    opened so that nothing can be written through the connection (see
    _reading_connection); any other is opened as always.
    """
    if os.path.isdir(path):
        raise JournalError(f"{path}: this is a folder, not a journal file; pass --db with a file path")
    if not is_regular_or_missing(path):
        # Checked before SQLite opens it: on a device or a pipe SQLite would hang, or write
        # beside it (a '-journal' file) and have the device's permissions changed.
        raise JournalError(
            f"{path}: {NOT_REGULAR}, so it cannot be a journal; it was left untouched — choose another --db path"
        )
    created = False
    if not os.path.exists(path):
        if not create:
            raise NoJournalYet(f"{path}: no journal yet")
        created = _create_empty_file(path)
    elif not os.access(path, os.R_OK):
        raise JournalError(f"{path}: cannot read the journal; check the file's permissions")
    if read_only and not created:
        conn = _reading_connection(path)
        if conn is not None:
            return conn
    try:
        with sqlite_errors(path):
            conn, used = _open(path, passphrase)
            try:
                try:
                    _refuse_foreign_or_newer(conn, path)
                except driver.operational_error():
                    if create or not disk_is_full(path):
                        raise
                    conn.close()
                    again = None if used is None else (lambda _again: used)
                    conn, _used = _open(path, again, exclusive=True)  # a reader on a full disk: see _open
                    _refuse_foreign_or_newer(conn, path)
                _apply_pragmas(conn)
            except BaseException:
                conn.close()
                raise
    except BaseException:
        if created:
            _remove_new_file(path)
        raise
    secure_files(path)
    return conn


def _reading_connection(path: str) -> Connection | None:
    """A read-only connection (store/driver.py's connect_read_only) to a plain journal
    whose schema is current. None when reading takes more than that (an encrypted or an
    older journal), or when SQLite cannot open it so (a full disk, a folder it may not
    add its -wal file to): the caller then opens the journal as every command does,
    with the same plain lines for what is wrong."""
    from .cipher import file_kind

    if file_kind(path) != "plain":
        return None
    try:
        conn = driver.connect_read_only(
            path, timeout=busy_timeout_seconds(), isolation_level=None, check_same_thread=False
        )
    except driver.errors():
        return None
    try:
        _refuse_foreign_or_newer(conn, path)
        if schema_state(conn) != "current":
            conn.close()
            return None
        conn.execute("PRAGMA temp_store = MEMORY")  # a sort never spills people's words to a temp file
    except driver.errors():
        conn.close()
        return None
    except BaseException:
        conn.close()
        raise
    return conn


def _open(path: str, passphrase: Passphrase | None, *, exclusive: bool = False) -> tuple[Connection, str | None]:
    """A connection to the journal, and the passphrase that opened it (None: not encrypted).
    `exclusive` is for reading on a full disk: in WAL mode SQLite must first grow the shared
    -shm file, which a full disk refuses, unless the connection is in EXCLUSIVE locking mode,
    when it keeps that index in its own memory (holding the file's lock until it closes,
    which for one read command is a moment)."""
    from .cipher import file_kind

    options = {"timeout": busy_timeout_seconds(), "isolation_level": None, "check_same_thread": False}
    used = None
    if file_kind(path) == "encrypted":
        conn, used = _unlock(path, passphrase, options)
    else:
        conn = driver.connect(path, **options)
    if exclusive:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    return conn, used


def _unlock(path: str, passphrase: Passphrase | None, options: dict) -> tuple[Connection, str]:
    from .cipher import PassphraseNeeded, WrongPassphrase, open_keyed

    if passphrase is None:
        raise PassphraseNeeded(
            f"{path}: this journal is encrypted (or this file is not an innercritic journal); "
            "it needs its passphrase — the file was left untouched"
        )
    attempt = 0
    while True:
        text = passphrase(attempt > 0)
        try:
            return open_keyed(path, text, **options), text
        except WrongPassphrase:
            attempt += 1
            if attempt >= getattr(passphrase, "tries", 1):  # read each time: a prompt allows more
                raise


def _refuse_foreign_or_newer(conn: Connection, path: str) -> None:
    # Read-only checks first, so a file we refuse is never written to.
    # Foreign first: other programs use user_version too, and must not be
    # told they were "written by a newer innercritic".
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if has_tables:
            raise JournalError(
                f"{path}: this is an SQLite file from another program, not an innercritic journal; "
                "it was left untouched — choose another --db path"
            )
    if version > SCHEMA_VERSION:
        raise JournalError(
            f"{path}: this journal was written by a newer innercritic (schema {version}, "
            f"this one knows up to {SCHEMA_VERSION}); upgrade innercritic — the file was left untouched"
        )


def busy_timeout_seconds() -> float:
    """How long a write waits for another innercritic's lock: INNERCRITIC_BUSY_TIMEOUT
    (seconds, 0 to 600) when it is set to such a number, else BUSY_TIMEOUT_SECONDS."""
    try:
        value = float(os.environ.get(BUSY_TIMEOUT_ENV, "").strip())
    except ValueError:
        return BUSY_TIMEOUT_SECONDS
    return value if 0 <= value <= 600 else BUSY_TIMEOUT_SECONDS


def _apply_pragmas(conn: Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_seconds() * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA synchronous = FULL")


def schema_state(conn: Connection) -> str:
    """'empty' (new file), 'old' (needs upgrading) or 'current'."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return "current"
    if version == 0:
        return "empty"
    return "old"


class waiting_at_most:  # noqa: N801
    """For a moment that cannot wait the whole busy timeout (closing the app): give up on
    another innercritic's lock after `seconds`."""

    def __init__(self, conn: Connection, seconds: float) -> None:
        self.conn, self.seconds = conn, seconds

    def __enter__(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {int(self.seconds * 1000)}")

    def __exit__(self, *exc: object) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_seconds() * 1000)}")


class write_transaction:  # noqa: N801
    """BEGIN IMMEDIATE: take the write lock up front, so a read-then-write never
    fails halfway with a busy snapshot; wait up to the busy timeout for it.
    Commits when the block ends normally, rolls back when anything leaves it."""

    def __init__(self, conn: Connection, path: str) -> None:
        self.conn, self.path = conn, path

    def __enter__(self) -> Connection:
        with sqlite_errors(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind, exc, trace) -> bool:
        errors = sqlite_errors(self.path)
        with errors:
            self.conn.execute("ROLLBACK" if kind is not None else "COMMIT")
        return errors.__exit__(kind, exc, trace)  # an SQLite error from the block: one plain line too
