"""Use-cases for looking after the journal: the parts map, export and import,
deletion. Shared by the shell commands and the TUI, like services/entries.py.

Read-only use-cases never create a journal; without one they return nothing
(or, for a named part or entry, refuse with a usage problem).
"""

from __future__ import annotations

import os

from innercritic.engine.dates import now_iso
from innercritic.engine.records import (
    EraseResult, HistoryEntry, HistoryQuery, ImportResult, PartProfile, PartRecord,
)
from innercritic.errors import UsageProblem
from innercritic.files import NOT_REGULAR, is_regular_or_missing
from innercritic.services.entries import Settings, _shown, open_journal, read_filtered, read_journal

PRIVATE_FILE_MODE = 0o600


# ---- parts ---------------------------------------------------------------------------------


def part_profiles(settings: Settings) -> list[PartProfile]:
    journal = read_journal(settings)
    if journal is None:
        return []
    with journal:
        return part_profiles_in(journal)


def part_profiles_in(journal) -> list[PartProfile]:
    """Every part with what the journal knows of it, in a journal already open."""
    return journal.part_profiles()


def part_profile_in(journal, name: str, limit: int = 5) -> PartProfile:
    return journal.part_profile(name, limit)


def part_names_in(journal) -> list[str]:
    return [part.name for part in journal.list_parts()]


def _unknown_part(name: str) -> UsageProblem:
    return UsageProblem(f"there is no part called '{_shown(name)}' (known parts: none yet)")


def part_profile(settings: Settings, name: str, limit: int = 5) -> PartProfile:
    journal = read_journal(settings)
    if journal is None:
        raise _unknown_part(name)
    with journal:
        return part_profile_in(journal, name, limit)


def add_part(settings: Settings, name: str, description: str | None = None) -> PartRecord:
    from innercritic.store.parts import clean_description, clean_name

    clean_name(name)  # refuse a bad name before creating a journal for it
    clean_description(description)
    with open_journal(settings) as journal:
        return journal.add_part(name, description)


def rename_part(settings: Settings, old: str, new: str) -> PartRecord:
    journal = read_journal(settings)
    if journal is None:
        raise _unknown_part(old)
    with journal:
        return journal.rename_part(old, new)


def merge_parts(settings: Settings, source: str, into: str) -> tuple[PartRecord, int]:
    journal = read_journal(settings)
    if journal is None:
        raise _unknown_part(source)
    with journal:
        return journal.merge_parts(source, into)


# ---- export and import ---------------------------------------------------------------------


def export_entries(settings: Settings, query: HistoryQuery) -> list[HistoryEntry]:
    """Entries for a Markdown export, oldest first, dialogues with their turns."""
    return read_filtered(settings, query, lambda journal: journal.export_entries(query), list)


def export_document(settings: Settings, query: HistoryQuery) -> dict:
    """The versioned JSON export (docs/export-format.md)."""

    def no_journal() -> dict:
        from innercritic.store.export import empty_document

        return empty_document(now_iso())

    return read_filtered(settings, query, lambda journal: journal.export_document(query), no_journal)


def import_file(settings: Settings, path: str) -> ImportResult:
    """Read and fully validate an export file, then add what the journal lacks.

    A file that is refused creates no journal and changes nothing."""
    from innercritic.store.import_check import validate
    from innercritic.store.import_file import read_document

    label = "standard input" if path == "-" else path
    document = read_document(path)
    validate(document, label)
    with open_journal(settings) as journal:
        return journal.import_document(document, label)


def write_private_file(path: str, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` atomically, readable by the owner only (0600, whatever the umask).

    An existing file is refused unless `force`. The data goes to a temporary
    file in the same folder, is flushed to disk, and then renamed over the
    target, so a reader never sees half a file and a failure leaves nothing."""
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    if os.path.isdir(target):
        raise UsageProblem(f"{path}: this is a folder; give --out a file name")
    if not is_regular_or_missing(target):  # never replace a device or a pipe, even with --force
        raise UsageProblem(
            f"{path}: {NOT_REGULAR}; --out writes ordinary files only (leave out --out to write to standard output)"
        )
    if not os.path.isdir(folder):
        raise UsageProblem(f"{path}: the folder {folder} does not exist")
    claimed = False
    if not force:
        # Claim the name first (O_EXCL), so a file appearing meanwhile is never replaced.
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:
            raise UsageProblem(f"{path}: the file already exists; pass --force to replace it") from None
        except OSError as exc:
            raise UsageProblem(f"{path}: cannot create this file ({exc.strerror})") from None
        os.close(fd)
        claimed = True
    temp = None
    try:
        import tempfile  # only exports need it; kept off the history path

        fd, temp = tempfile.mkstemp(prefix=".innercritic-export-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        temp = None
        os.chmod(target, PRIVATE_FILE_MODE)
    except OSError as exc:
        if claimed:
            _remove_quietly(target)
        raise UsageProblem(f"{path}: could not write the export ({exc.strerror or exc.__class__.__name__})") from None
    finally:
        if temp is not None:
            _remove_quietly(temp)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# ---- deletion ------------------------------------------------------------------------------


def delete_entry(settings: Settings, entry_id: int) -> EraseResult:
    journal = read_journal(settings)
    if journal is None:
        raise UsageProblem(f"there is no entry #{entry_id}; `innercritic history` lists them")
    with journal:
        if journal.get_entry(entry_id) is None:
            raise UsageProblem(f"there is no entry #{entry_id}; `innercritic history` lists them")
        return delete_entry_in(journal, entry_id)


def delete_entry_in(journal, entry_id: int) -> EraseResult:
    """Erase one entry from a journal already open (its traces too, see store/erase.py)."""
    return journal.delete_entry(entry_id)


def forget_all(settings: Settings) -> EraseResult | None:
    """Erase everything; None when there is no journal at all."""
    journal = read_journal(settings)
    if journal is None:
        return None
    with journal:
        return journal.forget_all()
