"""SQLModel tables: the journal's schema, version 5. Never imported above store/.

Dialogues and check-ins share one id space through ``entry``, so an id shown
by ``history`` names exactly one thing. ``uid`` columns are stable across
export and import. Times are ISO 8601 strings in UTC.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Index, Integer, text
from sqlmodel import Field, SQLModel


class Part(SQLModel, table=True):
    __tablename__ = "part"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    name: str
    name_key: str = Field(unique=True)  # casefolded name: unique regardless of case
    description: str | None = None
    created_at: str


class Entry(SQLModel, table=True):
    __tablename__ = "entry"
    __table_args__ = (
        CheckConstraint("kind IN ('dialogue', 'checkin')", name="entry_kind"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    kind: str = Field(index=True)
    at: str = Field(index=True)
    part_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("part.id", ondelete="SET NULL"), index=True),
    )


class Dialogue(SQLModel, table=True):
    __tablename__ = "dialogue"
    __table_args__ = (
        CheckConstraint("status IN ('in_progress', 'completed', 'stopped')", name="dialogue_status"),
        CheckConstraint("critic_before BETWEEN 0 AND 10", name="dialogue_critic_before"),
        CheckConstraint("critic_after BETWEEN 0 AND 10", name="dialogue_critic_after"),
    )

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)
    )
    flow_id: str
    status: str = Field(default="in_progress", index=True)
    ended_at: str | None = None
    critic_before: int | None = None
    critic_after: int | None = None
    draft_step: str | None = None  # added in schema 2: the answer being typed when interrupted
    draft: str | None = None


class Turn(SQLModel, table=True):
    __tablename__ = "turn"
    __table_args__ = (
        # Schema 5: one current answer per position. Answers set aside by going back
        # (superseded) keep their position, so the rule holds among current turns only.
        Index("turn_order", "dialogue_id", "position", unique=True, sqlite_where=text("superseded = 0")),
        # ...and, since that index holds current turns only, every turn of a dialogue by position.
        Index("ix_turn_dialogue", "dialogue_id", "position"),
        # Schema 3: search maps thousands of matching turn ids to their dialogue;
        # this small covering index spares reading each turn's text to do it.
        Index("ix_turn_id_dialogue", "id", "dialogue_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    dialogue_id: int = Field(
        sa_column=Column(Integer, ForeignKey("dialogue.entry_id", ondelete="CASCADE"), nullable=False)
    )
    position: int
    step_id: str
    role: str | None = None  # the step's meaning in its flow (critic_words, fears, needs...)
    prompt: str
    answer: str | None = None  # what the person said, as shown back to them
    value: str | None = None  # JSON of the machine value (choice ids, scale number)
    skipped: bool = False
    at: str
    # Schema 5: set aside when the person went back past it (or skipped with words in
    # the box). Kept, shown as set aside, found by search; never replayed on resume.
    superseded: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=text("0"))
    )


class CheckIn(SQLModel, table=True):
    __tablename__ = "checkin"
    __table_args__ = (
        CheckConstraint("mood BETWEEN 1 AND 5", name="checkin_mood"),
        CheckConstraint("critic BETWEEN 0 AND 10", name="checkin_critic"),
    )

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)
    )
    mood: int | None = None
    critic: int | None = None
    note: str | None = None


class DialogueLease(SQLModel, table=True):
    """Schema 4: which process may write a dialogue now (store/leases.py). No words in it."""

    __tablename__ = "dialogue_lease"

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("dialogue.entry_id", ondelete="CASCADE"), primary_key=True)
    )
    token: str  # one per open journal connection
    pid: int
    host: str
    taken_at: str
    renewed_at: str


ALL_TABLES = (Part, Entry, Dialogue, Turn, CheckIn, DialogueLease)
