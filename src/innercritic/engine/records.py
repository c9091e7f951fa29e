"""Plain value objects the store hands to the floors above (never ORM rows).

Named tuples rather than dataclasses: every shell command builds these, and
defining a dozen frozen dataclasses costs more start-up time than the whole
check-in write. They are immutable; use ``record._replace(field=...)``.
"""

from __future__ import annotations

from typing import NamedTuple


class PartRecord(NamedTuple):
    id: int
    uid: str
    name: str
    description: str | None
    created_at: str


class CheckInRecord(NamedTuple):
    id: int
    uid: str
    at: str
    mood: int | None
    critic: int | None
    note: str | None
    part: str | None
    kind: str = "checkin"


class TurnRecord(NamedTuple):
    position: int
    step_id: str
    role: str | None
    prompt: str
    answer: str | None
    value: object
    skipped: bool
    at: str


class DialogueRecord(NamedTuple):
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
    turns: tuple[TurnRecord, ...] = ()
    draft_step: str | None = None
    draft: str | None = None
    kind: str = "dialogue"


HistoryEntry = CheckInRecord | DialogueRecord


class HistoryQuery(NamedTuple):
    limit: int | None = None
    since: str | None = None  # UTC ISO bounds, inclusive
    until: str | None = None
    part: str | None = None
    kind: str | None = None  # "dialogue" | "checkin" | None for both
    search: str | None = None
    offset: int = 0


class SearchHit(NamedTuple):
    """One entry found by a search, with the best-matching passage.

    ``snippet`` is plain one-line text (no markup); ``marks`` are (start, end)
    character offsets into it of the matched words, for a face to highlight.
    ``rank`` is SQLite's bm25 score: lower (more negative) is a better match.
    """

    entry: HistoryEntry
    snippet: str
    marks: tuple[tuple[int, int], ...]
    rank: float


class PartSaying(NamedTuple):
    """Something a part said in a dialogue (an answer to a step with a known role)."""

    entry_id: int
    at: str
    role: str
    text: str


class PartProfile(NamedTuple):
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


class ImportResult(NamedTuple):
    entries_added: int
    entries_already_there: int
    parts_added: int
    parts_matched: int


class EraseResult(NamedTuple):
    """What a deletion removed; ``wal_cleared`` is False when another program kept
    the journal open, so the -wal file could not be emptied yet."""

    entries: int
    parts: int
    wal_cleared: bool
