"""Dialogue, turn and part writes through SQLModel sessions.

Built lazily by Journal on the first write that needs it, over the journal's
own connection (store/driver.py's module), so SQLAlchemy never loads for a quick
check-in.
Every session begins IMMEDIATE (see connection.write_transaction for why), and
every write to a dialogue first calls the journal's guard inside that same
transaction (store/leases.py: the dialogue is still the one opened, and still
this journal's to write).

Nothing here deletes what a person wrote: going back sets turns aside
(turn.superseded) and a dialogue is made with its first answer or draft (a
NewDialogue in place of its id), so one opened and left at once leaves nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import create_engine, event, update
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

    def _writing(self, dialogue) -> tuple[Session, int]:
        """A session already in its IMMEDIATE transaction, with the guard passed, and the
        dialogue's id: an existing id, or a NewDialogue made now in this same transaction."""
        session = self._session()
        try:
            session.connection()  # begins: the guard's check and the write are one transaction
            if isinstance(dialogue, int):
                dialogue_id = dialogue
            else:
                part_id = self._part_id(session, dialogue.part) if dialogue.part else None
                dialogue_id = self._new_dialogue(session, dialogue.flow_id, part_id)
            self._guard(dialogue_id)  # for a new dialogue: its lease, in the same transaction
        except BaseException:
            session.close()
            raise
        return session, dialogue_id

    def ensure_part(self, name: str) -> int:
        """The part called `name` (any case and spacing), created under the one rule for
        names (limits.clean_name) when there is none yet."""
        with self._session() as session:
            part_id = self._part_id(session, name)
            session.commit()
            return part_id

    def _part_id(self, session: Session, name: str) -> int:
        session.connection()  # in the write transaction from here, so the lookup and the insert agree
        known = find_part_like(self._conn, name)
        part = session.get(Part, known.id) if known else None
        if part is None:
            clean = clean_name(name)
            part = Part(uid=new_uid(), name=clean, name_key=name_key(clean), created_at=now_iso())
            session.add(part)
            session.flush()
        return part.id

    def start_dialogue(self, flow_id: str, part_id: int | None) -> int:
        with self._session() as session:
            dialogue_id = self._new_dialogue(session, flow_id, part_id)
            self._guard(dialogue_id)  # the new dialogue's lease, in the same transaction
            session.commit()
            return dialogue_id

    def _new_dialogue(self, session: Session, flow_id: str, part_id: int | None) -> int:
        entry = Entry(uid=new_uid(), kind="dialogue", at=now_iso(), part_id=part_id)
        session.add(entry)
        session.flush()
        session.add(Dialogue(entry_id=entry.id, flow_id=flow_id, status="in_progress"))
        session.flush()
        return entry.id

    def save_turn(
        self, dialogue, *, position: int, step_id: str, role: str | None, prompt: str,
        answer: str | None, value: object, skipped: bool, unsent: str | None = None,
    ) -> int:
        """Record the answer at `position` and return the dialogue's id.

        Nothing is deleted. A current answer still at this position or later (another
        writer's, or a path left without going back) is set aside first. When the same
        answer was set aside here by going back, that turn is brought back instead of
        written twice. `unsent` is text that was in the box when the step was skipped:
        it is kept as a set-aside turn of its own."""
        value_json = None if value is None else json.dumps(value, ensure_ascii=False)
        session, dialogue_id = self._writing(dialogue)
        with session:
            self._set_aside(session, dialogue_id, position)
            if unsent:
                self._add_set_aside(session, dialogue_id, position, step_id, role, prompt, unsent)
            kept_here = session.exec(
                select(Turn).where(
                    Turn.dialogue_id == dialogue_id, Turn.position == position, Turn.step_id == step_id,
                    Turn.superseded == True,  # noqa: E712 - SQL, not Python
                ).order_by(Turn.id.desc())
            ).all()
            wanted = (prompt, answer, value_json, bool(skipped))
            same = next((t for t in kept_here if (t.prompt, t.answer, t.value, bool(t.skipped)) == wanted), None)
            if same is not None:
                same.superseded = False
                session.add(same)
            else:
                session.add(Turn(
                    dialogue_id=dialogue_id, position=position, step_id=step_id, role=role,
                    prompt=prompt, answer=answer, value=value_json, skipped=skipped, at=now_iso(),
                ))
            changes: dict[str, object] = {"draft_step": None, "draft": None}
            if role in _LOUDNESS_COLUMNS:
                changes[_LOUDNESS_COLUMNS[role]] = value if isinstance(value, int) else None
            session.exec(update(Dialogue).where(Dialogue.entry_id == dialogue_id).values(**changes))
            session.commit()
            return dialogue_id

    def set_aside_from(
        self, dialogue_id: int, position: int, unsent: tuple[int, str, str | None, str, str] | None = None,
    ) -> None:
        """Going back: the current turns from `position` on are set aside (kept, never
        deleted), with `unsent` (position, step_id, role, prompt, text) typed but not sent."""
        session, dialogue_id = self._writing(dialogue_id)
        with session:
            self._set_aside(session, dialogue_id, position)
            if unsent is not None:
                self._add_set_aside(session, dialogue_id, *unsent)
            session.exec(
                update(Dialogue).where(Dialogue.entry_id == dialogue_id).values(draft_step=None, draft=None)
            )
            session.commit()

    def _set_aside(self, session: Session, dialogue_id: int, position: int) -> None:
        later = session.exec(
            select(Turn).where(
                Turn.dialogue_id == dialogue_id, Turn.position >= position,
                Turn.superseded == False,  # noqa: E712 - SQL, not Python
            )
        ).all()
        cleared = {}
        for turn in later:
            turn.superseded = True
            session.add(turn)
            if turn.role in _LOUDNESS_COLUMNS:
                cleared[_LOUDNESS_COLUMNS[turn.role]] = None
        session.flush()
        if cleared:  # a loudness answer no longer on the path is no longer the dialogue's
            session.exec(update(Dialogue).where(Dialogue.entry_id == dialogue_id).values(**cleared))

    def _add_set_aside(
        self, session: Session, dialogue_id: int, position: int, step_id: str, role: str | None,
        prompt: str, text: str,
    ) -> None:
        kept = session.exec(
            select(Turn).where(
                Turn.dialogue_id == dialogue_id, Turn.position == position, Turn.step_id == step_id,
                Turn.answer == text,
            )
        ).first()
        if kept is None:  # the same words already kept here need not be kept twice
            session.add(Turn(
                dialogue_id=dialogue_id, position=position, step_id=step_id, role=role, prompt=prompt,
                answer=text, value=json.dumps(text, ensure_ascii=False), skipped=False, at=now_iso(),
                superseded=True,
            ))
            session.flush()

    def link_part(self, dialogue_id: int, part_id: int | None) -> None:
        session, dialogue_id = self._writing(dialogue_id)
        with session:
            session.exec(update(Entry).where(Entry.id == dialogue_id).values(part_id=part_id))
            session.commit()

    def save_draft(self, dialogue, step_id: str | None, text: str | None) -> int | None:
        """Keep (or with no text, clear) the answer being typed; returns the dialogue's id.
        A dialogue not saved yet is made only when there is text to keep."""
        if not isinstance(dialogue, int) and not text:
            return None
        session, dialogue_id = self._writing(dialogue)
        with session:
            session.exec(
                update(Dialogue)
                .where(Dialogue.entry_id == dialogue_id)
                .values(draft_step=step_id if text else None, draft=text or None)
            )
            session.commit()
            return dialogue_id

    def finish(self, dialogue, status: str, draft_step: str | None = None, draft: str | None = None) -> int | None:
        """End the dialogue. A draft given here (what was typed when it was stopped) is kept."""
        if not isinstance(dialogue, int) and not draft:
            return None
        session, dialogue_id = self._writing(dialogue)
        with session:
            session.exec(
                update(Dialogue)
                .where(Dialogue.entry_id == dialogue_id)
                .values(status=status, ended_at=now_iso(), draft_step=draft_step if draft else None,
                        draft=draft or None)
            )
            session.commit()
            return dialogue_id

    def reopen(self, dialogue_id: int) -> None:
        session, dialogue_id = self._writing(dialogue_id)
        with session:
            session.exec(
                update(Dialogue)
                .where(Dialogue.entry_id == dialogue_id)
                .values(status="in_progress", ended_at=None)
            )
            session.commit()
