"""Which SQLite every journal connection goes through.

Where sqlcipher3's wheel is installed, every connection that may write (plain
or encrypted, raw or under SQLAlchemy) uses the SQLite bundled in it: a
current one (3.53) with SQLCipher and FTS5 built in. One library for every
writer matters: SQLite's WAL-reset bug (fixed in 3.51.3) needs two
connections writing or checkpointing at once, which is the app plus a shell
check-in. Elsewhere the standard library's sqlite3 opens plain journals (same
file format) and encryption is unavailable. That library, ``dbapi``, loads
on first use.

A shell command that only reads a plain journal (history, search, export,
the nudge) may instead open it read-only through the standard library's
SQLite: see `reader()`. A read-only connection never writes the database or
its -wal, and never checkpoints, so it takes no part in that bug; and the
standard library's SQLite starts in a fraction of the time (sqlcipher3's
also sets up OpenSSL), which is most of what a quick search costs.

INNERCRITIC_SQLITE=stdlib forces the fallback for everything (tests, and to
compare). The rest of the package reads ``dbapi`` through this module at
call time, never ``import sqlite3`` itself.
"""

from __future__ import annotations

import os

NO_ENCRYPTION = (
    "encryption is not available in this installation (sqlcipher3, which provides it, is not installed)"
)
READER_LEAST_VERSION = (3, 40, 0)  # the oldest standard-library SQLite the suite has read journals with
_reading_library = None  # the standard library's once chosen for reading; False: it cannot read journals here


def __getattr__(name: str):  # `dbapi` and `ENCRYPTION`, loaded when first asked for
    if name in ("dbapi", "ENCRYPTION"):
        _writing()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _writing():
    """The writing library, loaded on first use."""
    global dbapi, ENCRYPTION
    if "dbapi" in globals():
        return dbapi
    if os.environ.get("INNERCRITIC_SQLITE") == "stdlib":
        import sqlite3 as dbapi

        ENCRYPTION = False
        return dbapi
    try:
        from sqlcipher3 import dbapi2 as dbapi
    except ImportError:  # no wheel for this platform
        import sqlite3 as dbapi

        ENCRYPTION = False
    else:
        ENCRYPTION = True
    return dbapi


def use(module, encryption: bool) -> None:
    """Switch every later connection to another DB-API module (tests of the fallback)."""
    global dbapi, ENCRYPTION
    dbapi, ENCRYPTION = module, encryption


def reader():
    """The DB-API module for a read-only connection to a plain journal.

    The writing library when this process has loaded it already: two SQLite
    libraries with the same file open in one process drop each other's locks.
    Otherwise the C module behind the standard library's sqlite3 (its Python
    wrapper would load datetime for adapters a read never uses), when its SQLite
    is one we test with and has FTS5; failing that, the writing library."""
    global _reading_library
    if "dbapi" in globals():
        return dbapi
    if _reading_library is None:
        _reading_library = _standard_library_for_reading() or False
    return _reading_library or _writing()


def _standard_library_for_reading():
    try:
        import _sqlite3 as light
    except ImportError:
        return None
    version = tuple(int(part) for part in light.sqlite_version.split("."))
    return light if version >= READER_LEAST_VERSION and _has_fts5(light) else None


def _has_fts5(library) -> bool:
    conn = library.connect(":memory:")
    try:
        return bool(conn.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()[0])
    finally:
        conn.close()


def _loaded() -> tuple:
    """The SQLite libraries this process has loaded (one, or none yet; two only when a
    read-only command's connection had closed before something needed to write)."""
    return tuple(library for library in (globals().get("dbapi"), _reading_library) if library)


def errors() -> tuple[type[Exception], ...]:
    """The base exception classes of the loaded SQLite libraries (what `except sqlite3.Error`
    used to catch)."""
    return tuple(library.Error for library in _loaded())


def operational_error() -> tuple[type[Exception], ...]:
    return tuple(library.OperationalError for library in _loaded())


def programming_error() -> tuple[type[Exception], ...]:
    return tuple(library.ProgrammingError for library in _loaded())


def sqlite_version() -> str:
    """The writing library's SQLite version."""
    return _writing().sqlite_version


def connect(target: str, **options: object):
    """A DB-API connection to `target` through the writing library."""
    return _quiet(_writing().connect(target, **options))


def connect_read_only(path: str, **options: object):
    """A connection that can only read the plain journal at `path`, through `reader()`.
    SQLite may add its -wal/-shm companions beside a WAL journal, and leaves them."""
    escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    library = reader()
    conn = library.connect(f"file:{escaped}?mode=ro", uri=True, **options)
    return conn if library is _reading_library else _quiet(conn)


def _quiet(conn):
    """SQLCipher's own logging (to stderr, where it would garble the app's screen) is
    switched off before anything is read."""
    if ENCRYPTION:
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
        except BaseException:
            conn.close()
            raise
    return conn
