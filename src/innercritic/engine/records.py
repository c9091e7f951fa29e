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


@dataclass(frozen=True)
class SearchHit:
    """One entry found by a search, with the best-matching passage.

    ``snippet`` is plain one-line text (no markup); ``marks`` are (start, end)
    character offsets into it of the matched words, for a face to highlight.
    ``rank`` is SQLite's bm25 score: lower (more negative) is a better match.
    """

    entry: HistoryEntry
    snippet: str
    marks: tuple[tuple[int, int], ...]
    rank: float


@dataclass(frozen=True)
class PartSaying:
    """Something a part said in a dialogue (an answer to a step with a known role)."""

    entry_id: int
    at: str
    role: str
    text: str


@dataclass(frozen=True)
class PartProfile:
    """A part and how it shows up: counts, when last, and (for `show`) its own words."""

    part: PartRecord
    dialogues: int
    checkins: int
    last_seen: str | None
    words: tuple[PartSaying, ...] = ()  # role critic_words, newest first
    fears: tuple[PartSaying, ...] = ()  # roles fears / protects_from
    needs: tuple[PartSaying, ...] = ()  # role needs

    @property
    def times(self) -> int:
        return self.dialogues + self.checkins


@dataclass(frozen=True)
class ImportResult:
    entries_added: int
    entries_already_there: int
    parts_added: int
    parts_matched: int


@dataclass(frozen=True)
class EraseResult:
    """What a deletion removed; ``wal_cleared`` is False when another program kept
    the journal open, so the -wal file could not be emptied yet."""

    entries: int
    parts: int
    wal_cleared: bool
