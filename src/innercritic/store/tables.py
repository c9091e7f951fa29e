"""SQLModel tables: the journal's schema, version 7. Never imported above store/.

Dialogues and check-ins share one id space through ``entry``, so an id shown
by ``history`` names exactly one thing. ``uid`` columns are stable across
export and import. Times are ISO 8601 strings in UTC.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Index, Integer, UniqueConstraint, text
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



class CareEvent(SQLModel, table=True):
    """Schema 6: the safety check noticed something in an entry (never the words).

    tier: "clear" (said outright: the crisis path opened) or "maybe" (the gentle
    question was asked). gentle_answer: the answer to "is any of that true for you
    right now?"; safe_answer: to "are you safe at this moment?" (yes = safe).
    Both are "yes", "no", "not_sure" or null (not asked, or not answered)."""

    __tablename__ = "care_event"
    __table_args__ = (
        CheckConstraint("tier IN ('clear', 'maybe')", name="care_event_tier"),
        CheckConstraint("gentle_answer IN ('yes', 'no', 'not_sure')", name="care_event_gentle_answer"),
        CheckConstraint("safe_answer IN ('yes', 'no', 'not_sure')", name="care_event_safe_answer"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entry.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    step_id: str | None = None  # the dialogue step whose answer was noticed; null for a check-in
    tier: str
    gentle_answer: str | None = None
    safe_answer: str | None = None
    at: str


class PlanItem(SQLModel, table=True):
    """Schema 6: the safety plan, one line of one section per row, in the person's own words.

    For the sections about people (people, professionals) `text` is the name and
    `reach` how to reach them."""

    __tablename__ = "plan_item"
    __table_args__ = (
        CheckConstraint(
            "section IN ('warning_signs', 'on_my_own', 'distractions', 'people', 'professionals', 'safer')",
            name="plan_item_section",
        ),
        UniqueConstraint("section", "position", name="plan_item_order"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    section: str
    position: int
    text: str
    reach: str | None = None
    updated_at: str


class PartReaction(SQLModel, table=True):
    """Schema 7: the part that reacted in a dialogue (the unblending branch's "part that
    stepped in"), once the person named it. It is a part of its own on the map, linked to
    the part it reacted to: the dialogue's part. One per dialogue. No words in it."""

    __tablename__ = "part_reaction"

    entry_id: int = Field(
        sa_column=Column(Integer, ForeignKey("dialogue.entry_id", ondelete="CASCADE"), primary_key=True)
    )
    part_id: int = Field(
        sa_column=Column(Integer, ForeignKey("part.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    at: str


ALL_TABLES = (Part, Entry, Dialogue, Turn, CheckIn, DialogueLease, CareEvent, PlanItem, PartReaction)
