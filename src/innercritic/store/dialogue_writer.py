"""Dialogue, turn and part writes through SQLModel sessions.

Built lazily by Journal on the first write that needs it, over the journal's
own connection (store/driver.py's module), so SQLAlchemy never loads for a quick
check-in.
Every session begins IMMEDIATE (see connection.write_transaction for why), and
every write to a dialogue first calls the journal's guard inside that same
transaction (store/leases.py: the dialogue is still the one opened, and still
this journal's to write).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import create_engine, delete, event, update
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, select

from ..engine.dates import now_iso
from ..limits import clean_name
from . import driver
from .queries import find_part_like, name_key, new_uid
from .tables import Dialogue, Entry, Part, Turn

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

_LOUDNESS_COLUMNS = {"loudness_before": "critic_before", "loudness_after": "critic_after"}


class DialogueWriter:
    def __init__(self, conn: Connection, guard: Callable[[int], None]) -> None:
        self._conn = conn
        # module=: SQLAlchemy wraps (and so recognises) the exceptions of the driver in use.
        self._engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool, module=driver.dbapi)
        event.listen(self._engine, "begin", lambda c: c.exec_driver_sql("BEGIN IMMEDIATE"))
        self._guard = guard

    def _session(self) -> Session:
        return Session(self._engine, expire_on_commit=False)

    def _writing(self, dialogue_id: int) -> Session:
        """A session already in its IMMEDIATE transaction, with the guard passed."""
        session = self._session()
        try:
            session.connection()  # begins: the guard's check and the write are one transaction
            self._guard(dialogue_id)
        except BaseException:
            session.close()
            raise
        return session

    def ensure_part(self, name: str) -> int:
        """The part called `name` (any case and spacing), created under the one rule for
        names (limits.clean_name) when there is none yet."""
        with self._session() as session:
            session.connection()  # in the write transaction from here, so the lookup and the insert agree
            known = find_part_like(self._conn, name)
            part = session.get(Part, known.id) if known else None
            if part is None:
                clean = clean_name(name)
                part = Part(uid=new_uid(), name=clean, name_key=name_key(clean), created_at=now_iso())
                session.add(part)
                session.commit()
            return part.id

    def start_dialogue(self, flow_id: str, part_id: int | None) -> int:
        with self._session() as session:
            entry = Entry(uid=new_uid(), kind="dialogue", at=now_iso(), part_id=part_id)
            session.add(entry)
            session.flush()
            session.add(Dialogue(entry_id=entry.id, flow_id=flow_id, status="in_progress"))
            session.flush()
            self._guard(entry.id)  # the new dialogue's lease, in the same transaction
            session.commit()
            return entry.id

    def save_turn(
        self, dialogue_id: int, *, position: int, step_id: str, role: str | None, prompt: str,
        answer: str | None, value: object, skipped: bool,
    ) -> None:
        """Record the answer at `position`; later positions belong to an abandoned path."""
        with self._writing(dialogue_id) as session:
            session.exec(
                delete(Turn).where(Turn.dialogue_id == dialogue_id, Turn.position >= position)
            )
            session.add(
                Turn(
                    dialogue_id=dialogue_id, position=position, step_id=step_id, role=role,
                    prompt=prompt, answer=answer,
                    value=None if value is None else json.dumps(value, ensure_ascii=False),
                    skipped=skipped, at=now_iso(),
                )
            )
            changes: dict[str, object] = {"draft_step": None, "draft": None}
            if role in _LOUDNESS_COLUMNS:
                changes[_LOUDNESS_COLUMNS[role]] = value if isinstance(value, int) else None
            session.exec(update(Dialogue).where(Dialogue.entry_id == dialogue_id).values(**changes))
            session.commit()

    def forget_turns_from(self, dialogue_id: int, position: int) -> None:
        with self._writing(dialogue_id) as session:
            session.exec(
                delete(Turn).where(Turn.dialogue_id == dialogue_id, Turn.position >= position)
            )
            session.commit()

    def link_part(self, dialogue_id: int, part_id: int | None) -> None:
        with self._writing(dialogue_id) as session:
            session.exec(update(Entry).where(Entry.id == dialogue_id).values(part_id=part_id))
            session.commit()

    def save_draft(self, dialogue_id: int, step_id: str | None, text: str | None) -> None:
        with self._writing(dialogue_id) as session:
            session.exec(
                update(Dialogue)
                .where(Dialogue.entry_id == dialogue_id)
                .values(draft_step=step_id if text else None, draft=text or None)
            )
            session.commit()

    def finish(self, dialogue_id: int, status: str) -> None:
        with self._writing(dialogue_id) as session:
            session.exec(
                update(Dialogue)
                .where(Dialogue.entry_id == dialogue_id)
                .values(status=status, ended_at=now_iso(), draft_step=None, draft=None)
            )
            session.commit()

    def reopen(self, dialogue_id: int) -> None:
        with self._writing(dialogue_id) as session:
            session.exec(
                update(Dialogue)
                .where(Dialogue.entry_id == dialogue_id)
                .values(status="in_progress", ended_at=None)
            )
            session.commit()
