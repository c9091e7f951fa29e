"""The plain rows the trends report reads, as store/stats_queries.py fills them for one window.

Check-ins, dialogues with their before → after numbers, and the answers to the steps
whose words the report counts (``FEAR_ROLES`` and ``CRITIC_ROLE``). Stdlib only.
"""

from __future__ import annotations

from dataclasses import dataclass

FEAR_ROLES = ("fears", "protects_from")
CRITIC_ROLE = "critic_words"

# ---- input rows ----------------------------------------------------------------


@dataclass(frozen=True)
class CheckinRow:
    at: str  # UTC ISO 8601, as stored
    mood: int | None
    critic: int | None
    part: str | None = None


@dataclass(frozen=True)
class DialogueRow:
    id: int
    at: str
    status: str
    critic_before: int | None
    critic_after: int | None
    part: str | None = None


@dataclass(frozen=True)
class TurnText:
    dialogue_id: int
    at: str  # when the dialogue began (its entry time), so a dialogue stays on one day
    role: str
    text: str
    part: str | None = None  # the dialogue's part


@dataclass(frozen=True)
class StatsRows:
    """Everything the report needs, as read from the journal for one window."""

    checkins: tuple[CheckinRow, ...] = ()
    dialogues: tuple[DialogueRow, ...] = ()
    turns: tuple[TurnText, ...] = ()  # answers to the fears and critic_words steps
    checkin_times: tuple[str, ...] = ()  # every check-in ever (for streaks), any order
    older_entries: bool = False  # any entry (check-in or dialogue) from before the window

