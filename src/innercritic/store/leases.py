"""One writer per dialogue: a lease row for each dialogue a process has open.

Two terminals resuming the same dialogue (a laptop and an ssh session, say)
would otherwise both accept answers and leave a mix of the two. So a process
writes to a dialogue only while it holds that dialogue's lease:

- ``start`` and ``claim`` take it; a claim is refused while another holder's
  lease is live (DialogueOpenElsewhere), unless it explicitly takes over;
- every dialogue write checks it inside the write's own transaction
  (``check``), so a writer that lost its lease, or whose dialogue was deleted
  elsewhere, finds out at that write and nothing of the other's is touched;
- a lease is *stale*, and free for anyone, when its holder's process is gone
  on this computer, or when it has not been renewed for LEASE_STALE_SECONDS
  (a holder on another computer, or one that hung). Holders renew every
  LEASE_RENEW_SECONDS while open and let go when they close.

The row names the entry by id and is deleted with it (ON DELETE CASCADE); the
writer also checks the entry's uid, which is never reused, so it can never
write into another dialogue that happens to get the same id. Plain SQL over
sqlite3; callers run these inside connection.write_transaction (or an
IMMEDIATE SQLModel session on the same connection).
"""

from __future__ import annotations

import os
from ..tuples import named_tuple
from datetime import datetime, timedelta, timezone

from ..errors import DialogueGone, DialogueOpenElsewhere, DialogueTakenOver, UsageProblem

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

LEASE_STALE_SECONDS = 120.0
LEASE_RENEW_SECONDS = 30.0


class Holder(named_tuple("Holder", "token pid host")):
    """token: str, one per open Journal; pid: int; host: str (this computer's name)."""

    __slots__ = ()

    @classmethod
    def here(cls, token: str) -> "Holder":
        return cls(token=token, pid=os.getpid(), host=this_host())


def this_host() -> str:
    return os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _process_is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError, OverflowError):
        return False  # it exists (someone else's) or cannot be asked: assume it lives
    return False


def is_stale(pid: int, host: str, renewed_at: str) -> bool:
    if host == this_host() and _process_is_gone(pid):
        return True
    try:
        renewed = datetime.fromisoformat(renewed_at)
    except (TypeError, ValueError):
        return True
    return datetime.now(timezone.utc) - renewed > timedelta(seconds=LEASE_STALE_SECONDS)


def _open_elsewhere(dialogue_id: int, pid: int, host: str) -> DialogueOpenElsewhere:
    where = "on this computer" if host == this_host() else f"on {''.join(c for c in host if c.isprintable())[:40]}"
    return DialogueOpenElsewhere(
        f"dialogue #{dialogue_id} is open in another innercritic (process {pid} {where}); "
        f"`innercritic show {dialogue_id}` reads it, `innercritic talk --resume --take-over` takes it over here",
        dialogue_id, holder=f"process {pid} {where}",
    )


def take(conn: Connection, dialogue_id: int, holder: Holder, *, take_over: bool = False) -> str:
    """Take the dialogue's lease for `holder`; returns the entry's uid.

    Refused (DialogueOpenElsewhere) while someone else's lease is live, unless take_over."""
    row = conn.execute(
        "SELECT e.uid, l.token, l.pid, l.host, l.renewed_at FROM entry e JOIN dialogue d ON d.entry_id = e.id"
        " LEFT JOIN dialogue_lease l ON l.entry_id = e.id WHERE e.id = ?",
        (dialogue_id,),
    ).fetchone()
    if row is None:
        raise UsageProblem(f"there is no dialogue #{dialogue_id}; `innercritic history` lists them")
    uid, token, pid, host, renewed_at = row
    if token is not None and token != holder.token and not take_over and not is_stale(pid, host, renewed_at):
        raise _open_elsewhere(dialogue_id, pid, host)
    now = _now()
    conn.execute(
        "INSERT INTO dialogue_lease (entry_id, token, pid, host, taken_at, renewed_at) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (entry_id) DO UPDATE SET token = excluded.token, pid = excluded.pid, host = excluded.host,"
        " taken_at = excluded.taken_at, renewed_at = excluded.renewed_at",
        (dialogue_id, holder.token, holder.pid, holder.host, now, now),
    )
    return uid


def check(conn: Connection, dialogue_id: int, uid: str, holder: Holder) -> None:
    """Inside a write: the dialogue is still the one we opened (same uid) and still ours."""
    row = conn.execute(
        "SELECT e.uid, l.token, l.pid, l.host FROM entry e LEFT JOIN dialogue_lease l ON l.entry_id = e.id"
        " WHERE e.id = ?",
        (dialogue_id,),
    ).fetchone()
    if row is None or row[0] != uid:
        raise DialogueGone(
            "this dialogue was deleted from the journal elsewhere (by `delete` or `forget --all` in another "
            "innercritic), so nothing more can be saved to it"
        )
    _, token, pid, host = row
    if token != holder.token:
        who = "" if pid is None else f" (process {pid}{' on this computer' if host == this_host() else ''})"
        raise DialogueTakenOver(
            f"this dialogue was taken over by another innercritic{who}, so this one can no longer save to it"
        )
    conn.execute("UPDATE dialogue_lease SET renewed_at = ? WHERE entry_id = ?", (_now(), dialogue_id))


def renew(conn: Connection, dialogue_ids: list[int], holder: Holder) -> None:
    """Keep our leases live (a lease taken over meanwhile is left to its new holder)."""
    now = _now()
    conn.executemany(
        "UPDATE dialogue_lease SET renewed_at = ? WHERE entry_id = ? AND token = ?",
        [(now, dialogue_id, holder.token) for dialogue_id in dialogue_ids],
    )


def release(conn: Connection, dialogue_ids: list[int], holder: Holder) -> None:
    conn.executemany(
        "DELETE FROM dialogue_lease WHERE entry_id = ? AND token = ?",
        [(dialogue_id, holder.token) for dialogue_id in dialogue_ids],
    )
