"""Words kept beside the journal when the journal cannot take them at that moment.

When the app closes (or a dialogue is paused) while another innercritic holds
the journal's write lock, waiting for it would keep a closing window open for
seconds and could still fail. The answer being typed is then appended to a
small side file next to the journal, ``<journal>-drafts`` (mode 0600, one JSON
object a line), and the next innercritic to open the journal merges it in and
removes the file:

- a draft for a dialogue still in progress becomes that dialogue's draft again
  (offered back by `talk --resume`), the newest one winning;
- a draft whose dialogue has since been finished or deleted, and words kept
  without a dialogue, become a check-in note, so they are never thrown away.

Only the process leaving a dialogue writes its draft here, and a dialogue has
one writer at a time (store/leases.py), so nothing newer can be overwritten
by an older draft. The side file matches the journal's name with a suffix,
so removing ``journal.db*`` removes it too. Stdlib only.
"""

from __future__ import annotations

import json
import os
import stat

from ..engine.dates import DateProblem, now_iso, stored_time
from . import queries
from .connection import DRAFTS_SUFFIX

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

SUFFIX = DRAFTS_SUFFIX
MAX_BYTES = 64 * 1024 * 1024


def side_file(journal_path: str) -> str:
    return journal_path + SUFFIX


def keep(journal_path: str, *, dialogue_uid: str | None, step_id: str | None, text: str) -> bool:
    """Append the words to the side file; False if even that was not possible (a full disk),
    or not allowed: the side file is plain text, so an encrypted journal never gets one."""
    from .cipher import is_encrypted

    if is_encrypted(journal_path):
        return False
    line = json.dumps({"dialogue": dialogue_uid, "step": step_id, "text": text, "at": now_iso()}, ensure_ascii=False)
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(side_file(journal_path), flags, 0o600)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return False
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.fchmod(fd, 0o600)
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def merge(conn: Connection, journal_path: str, write_transaction) -> None:
    """Bring kept words back into the journal and remove the side file.

    The file is first renamed to a name of this process's own, so two innercritics
    opening at once never both merge it; if the merge fails (the journal busy, say),
    the words go back into the side file for next time."""
    source = side_file(journal_path)
    claimed = f"{source}.merging-{os.getpid()}-{queries.new_uid()[:8]}"
    try:
        os.rename(source, claimed)
    except OSError:
        return  # gone already (another innercritic merged it), or cannot be touched here
    try:
        with open(claimed, "rb") as handle:
            data = handle.read(MAX_BYTES)
    except OSError:
        return
    items = _items(data)
    try:
        with write_transaction(conn, journal_path):
            for item in items:
                _put_back(conn, item)
    except BaseException:
        _return(data, source)
        _unlink(claimed)
        raise
    _unlink(claimed)


def _items(data: bytes) -> list[dict]:
    found = []
    for raw in data.splitlines():
        try:
            item = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            continue  # a line cut short by a crash mid-write: nothing whole to keep
        if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
            found.append(item)
    return found


def _put_back(conn: Connection, item: dict) -> None:
    uid, step, text = item.get("dialogue"), item.get("step"), item["text"]
    row = None
    if isinstance(uid, str):
        row = conn.execute(
            "SELECT d.entry_id, d.status FROM dialogue d JOIN entry e ON e.id = d.entry_id WHERE e.uid = ?", (uid,)
        ).fetchone()
    if row is not None and row[1] == "in_progress" and isinstance(step, str):
        conn.execute("UPDATE dialogue SET draft_step = ?, draft = ? WHERE entry_id = ?", (step, text, row[0]))
        return
    try:
        at = stored_time(item["at"]) if isinstance(item.get("at"), str) else now_iso()
    except DateProblem:
        at = now_iso()
    queries.insert_checkin(conn, at=at, mood=None, critic=None, note=text, part_id=None)


def _return(data: bytes, source: str) -> None:
    try:
        fd = os.open(source, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
    except OSError:
        pass


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
