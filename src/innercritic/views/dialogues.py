"""How a dialogue is described the same way by the shell and the app: the change in the
critic's loudness ("8 → 5") and the titles of the answers set aside or kept as a draft.

Stdlib only and nothing at import: the shell's listings load this on their hot path."""

from __future__ import annotations

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from innercritic.engine.records import DialogueRecord, TurnRecord

SET_ASIDE_TITLE = "Set aside when you went back or skipped"
DRAFT_TITLE = "Not sent yet (kept as a draft)"


def split_turns(entry: DialogueRecord) -> tuple[list[TurnRecord], list[TurnRecord]]:
    """(the answers on the dialogue's path, those set aside along the way), each in order."""
    return [t for t in entry.turns if not t.superseded], [t for t in entry.turns if t.superseded]


def loudness_change(entry: DialogueRecord) -> str:
    if entry.critic_before is None and entry.critic_after is None:
        return ""
    before = "?" if entry.critic_before is None else str(entry.critic_before)
    after = "?" if entry.critic_after is None else str(entry.critic_after)
    return f"{before} → {after}"
