"""Encrypted journals: telling them apart, and unlocking them (SQLCipher 4).

A plain SQLite file starts with the 16 bytes "SQLite format 3\\0". An
SQLCipher file starts with its random salt and is random all the way
through, so a file that is neither plain SQLite nor text, and is made of
whole pages, is treated as encrypted and a passphrase is asked for. A wrong
passphrase and a file of random bytes cannot be told apart, and the
messages say so.

The key is SQLCipher 4's own: the passphrase goes through PBKDF2-HMAC-SHA512
with 256,000 iterations and the file's own 16-byte salt; pages are
AES-256-CBC with an HMAC-SHA512 each. ``cipher_compatibility = 4`` pins
those settings, so a later SQLCipher with other defaults still opens the file.
"""

from __future__ import annotations

import os

from ..errors import JournalError

PLAIN_HEADER = b"SQLite format 3\x00"
_SMALLEST_PAGE = 512
_TEXT_BYTES = frozenset(b"\t\n\r") | frozenset(range(0x20, 0x7F))
_PAYLOAD_FRACTIONS = b"\x40\x20\x20"  # bytes 21-23 of every plain SQLite header; ciphertext there is chance


class WrongPassphrase(JournalError):
    """The passphrase did not open the file (or the file is not a journal at all)."""


class PassphraseNeeded(JournalError):
    """The journal is encrypted and no passphrase was given."""

    exit_code = 2


class EncryptionUnavailable(JournalError):
    """The journal is encrypted but this installation has no SQLCipher."""


def wrong_passphrase(path: str) -> WrongPassphrase:
    return WrongPassphrase(
        f"{path}: wrong passphrase, or this file is not an innercritic journal "
        "(or one encrypted by a newer innercritic); nothing was changed"
    )


def file_kind(path: str) -> str:
    """'missing', 'empty', 'plain' (SQLite), 'encrypted' (looks like SQLCipher) or 'other'."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "other"  # unreadable or a folder: the connection says what is wrong
    try:
        size = os.fstat(fd).st_size
        head = os.read(fd, 1024)
    except OSError:
        return "other"
    finally:
        os.close(fd)
    if size == 0:
        return "empty"
    if head.startswith(PLAIN_HEADER):
        return "plain"
    if head[21:24] == _PAYLOAD_FRACTIONS:
        return "other"  # plain SQLite with a damaged first line: not encrypted, and said to be damaged
    if size % _SMALLEST_PAGE == 0 and len(head) == 1024 and not _TEXT_BYTES.issuperset(head):
        return "encrypted"
    return "other"


def is_encrypted(path: str) -> bool:
    return file_kind(path) == "encrypted"


def quote(passphrase: str) -> str:
    """The passphrase as an SQL string literal: every ' doubled; nothing else is special."""
    check_passphrase(passphrase)
    return "'" + passphrase.replace("'", "''") + "'"


def check_passphrase(passphrase: str) -> None:
    from ..errors import UsageProblem

    if passphrase == "":
        raise UsageProblem("the passphrase is empty; an encrypted journal needs one")
    if "\x00" in passphrase:
        raise UsageProblem("a passphrase cannot contain a NUL character")


def apply_key(conn, passphrase: str) -> None:
    """Key a fresh connection, before anything reads the file."""
    conn.execute(f"PRAGMA key = {quote(passphrase)}")
    conn.execute("PRAGMA cipher_compatibility = 4")


def check_key(conn, path: str) -> None:
    """Read the first page: SQLCipher checks its HMAC, so a wrong key fails here."""
    from . import driver

    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.errors() as exc:
        if "not a database" in str(exc).lower():
            raise wrong_passphrase(path) from None
        raise


def open_keyed(path: str, passphrase: str, **options: object):
    """A connection to an encrypted file, keyed and checked; WrongPassphrase if it does not open."""
    from . import driver  # loads SQLite: telling a file's kind (above) must not, the app asks that first

    if not driver.ENCRYPTION:
        raise EncryptionUnavailable(f"{path}: this journal is encrypted, and {driver.NO_ENCRYPTION}")
    conn = driver.connect(path, **options)
    try:
        apply_key(conn, passphrase)
        check_key(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn
