"""Which SQLite every journal connection goes through.

Where sqlcipher3's wheel is installed, every connection (plain or encrypted,
raw or under SQLAlchemy) uses the SQLite bundled in it: a current one (3.53)
with SQLCipher and FTS5 built in. One library for every process matters:
SQLite's WAL-reset bug (fixed in 3.51.3) needs two connections writing or
checkpointing at once, which is the app plus a shell check-in. Elsewhere the
standard library's sqlite3 opens plain journals (same file format) and
encryption is unavailable.

INNERCRITIC_SQLITE=stdlib forces the fallback (tests, and to compare). The
rest of the package reads ``dbapi`` through this module at call time, never
``import sqlite3`` itself.
"""

from __future__ import annotations

import os

if os.environ.get("INNERCRITIC_SQLITE") == "stdlib":
    import sqlite3 as dbapi

    ENCRYPTION = False
else:
    try:
        from sqlcipher3 import dbapi2 as dbapi
    except ImportError:  # no wheel for this platform
        import sqlite3 as dbapi

        ENCRYPTION = False
    else:
        ENCRYPTION = True

NO_ENCRYPTION = (
    "encryption is not available in this installation (sqlcipher3, which provides it, is not installed)"
)


def use(module, encryption: bool) -> None:
    """Switch every later connection to another DB-API module (tests of the fallback)."""
    global dbapi, ENCRYPTION
    dbapi, ENCRYPTION = module, encryption


def errors() -> type[Exception]:
    """The driver's base exception class (what `except sqlite3.Error` used to catch)."""
    return dbapi.Error


def operational_error() -> type[Exception]:
    return dbapi.OperationalError


def sqlite_version() -> str:
    return dbapi.sqlite_version


def connect(target: str, **options: object):
    """A DB-API connection to `target`; SQLCipher's own logging (to stderr, where
    it would garble the app's screen) is switched off before anything is read."""
    conn = dbapi.connect(target, **options)
    if ENCRYPTION:
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
        except BaseException:
            conn.close()
            raise
    return conn
