"""Use-cases for encryption at rest: encrypt, decrypt, change the passphrase, and
what `where` reports. The shell commands (cli/encryption_actions.py) call these; the
passphrases arrive as text, already asked for (and confirmed) by the face.
"""

from __future__ import annotations

import os

from innercritic.errors import JournalError, UsageProblem
from innercritic.services.entries import Settings, open_journal


class _Remembered:
    """A passphrase source that keeps the last text it gave (the one that opened the journal)."""

    def __init__(self, source) -> None:
        self.source = source
        self.value: str | None = None

    @property
    def tries(self) -> int:
        return getattr(self.source, "tries", 1)

    def __call__(self, again: bool) -> str:
        self.value = self.source(again)
        return self.value

    def __repr__(self) -> str:
        return "_Remembered(<hidden>)"


def state(settings: Settings) -> str:
    """'missing', 'empty', 'plain', 'encrypted' or 'other'."""
    from innercritic.store.cipher import file_kind

    return file_kind(settings.db_path)


def available() -> bool:
    from innercritic.store import driver

    return driver.ENCRYPTION


def _require_available(settings: Settings) -> None:
    from innercritic.store import driver

    if not driver.ENCRYPTION:
        raise JournalError(f"{settings.db_path}: {driver.NO_ENCRYPTION}")


def unlock(settings: Settings) -> str | None:
    """Open the journal as every command does (asking for the passphrase, bringing an
    older schema up to date) and close it again; the passphrase that opened it, or None."""
    from innercritic.services.passphrase import ShellPassphrase

    remembered = _Remembered(settings.passphrase or ShellPassphrase(settings.db_path))
    with open_journal(settings._replace(passphrase=remembered), create=False):
        pass
    return remembered.value


def encrypt(settings: Settings, new_passphrase: str) -> str:
    """Encrypt the journal (or start a new, empty one encrypted): 'converted' or 'created'."""
    from innercritic.store import conversion
    from innercritic.store.cipher import check_passphrase

    _require_available(settings)
    check_passphrase(new_passphrase)
    kind = state(settings)
    if kind == "encrypted":
        raise UsageProblem("the journal is already encrypted; `innercritic passphrase` changes its passphrase")
    if kind in ("missing", "empty"):
        if kind == "empty":
            os.unlink(settings.db_path)
        elif settings.db_is_default:
            from innercritic.store.connection import ensure_private_dir

            ensure_private_dir(os.path.dirname(settings.db_path))
        elif not os.path.isdir(os.path.dirname(settings.db_path) or "."):
            raise JournalError(f"{settings.db_path}: the folder does not exist; create it or choose another --db path")
        conversion.create_encrypted(settings.db_path, new_passphrase)
        return "created"
    unlock(settings)  # refuses a file that is not a journal, upgrades an older one
    conversion.convert(settings.db_path, old=None, new=new_passphrase)
    return "converted"


def _require_encrypted(settings: Settings) -> None:
    kind = state(settings)
    if kind in ("missing", "empty"):
        raise UsageProblem(f"{settings.db_path}: there is no journal here yet")
    if kind != "encrypted":
        raise UsageProblem("the journal is not encrypted; `innercritic encrypt` encrypts it")


def decrypt(settings: Settings) -> None:
    """Turn an encrypted journal back into a plain one (asks for its passphrase)."""
    from innercritic.store import conversion

    _require_available(settings)
    _require_encrypted(settings)
    old = unlock(settings)
    conversion.convert(settings.db_path, old=old, new=None)


def change_passphrase(settings: Settings, choose_new) -> None:
    """Re-encrypt under a new passphrase; choose_new() is asked after the old one worked."""
    from innercritic.store import conversion
    from innercritic.store.cipher import check_passphrase

    _require_available(settings)
    _require_encrypted(settings)
    old = unlock(settings)
    new = choose_new()
    check_passphrase(new)
    conversion.convert(settings.db_path, old=old, new=new)


def where_info(settings: Settings) -> dict:
    """For `innercritic where`: the SQLite in use, encryption and the journal's state."""
    from innercritic.store import driver

    kind = state(settings)
    return {
        "sqlite_version": driver.sqlite_version(),
        "encryption_available": driver.ENCRYPTION,
        "encrypted": True if kind == "encrypted" else (False if kind in ("plain", "empty") else None),
    }
