"""Plain value objects the store hands to the floors above (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PartRecord:
    id: int
    uid: str
    name: str
    description: str | None
    created_at: str


@dataclass(frozen=True)
class CheckInRecord:
    id: int
    uid: str
    at: str
    mood: int | None
    critic: int | None
    note: str | None
    part: str | None
    kind: str = "checkin"


@dataclass(frozen=True)
class TurnRecord:
    position: int
    step_id: str
    role: str | None
    prompt: str
    answer: str | None
    value: object
    skipped: bool
    at: str


@dataclass(frozen=True)
class DialogueRecord:
    id: int
    uid: str
    at: str
    flow_id: str
    status: str
    ended_at: str | None
    critic_before: int | None
    critic_after: int | None
    part: str | None
    critic_words: str | None = None  # the Find answer, for lists and summaries
    turns: tuple[TurnRecord, ...] = field(default=())
    draft_step: str | None = None
    draft: str | None = None
    kind: str = "dialogue"


HistoryEntry = CheckInRecord | DialogueRecord


@dataclass(frozen=True)
class HistoryQuery:
    limit: int | None = None
    since: str | None = None  # UTC ISO bounds, inclusive
    until: str | None = None
    part: str | None = None
    kind: str | None = None  # "dialogue" | "checkin" | None for both
    search: str | None = None
    offset: int = 0
