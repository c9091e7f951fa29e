"""A part's story, as value objects both faces draw: one StoryEntry per dialogue
with the part, newest first. Built by services/part_story.py; pure, stdlib only.
"""

from __future__ import annotations

from ..tuples import named_tuple

from . import dates

# The roles a story shows, in the order it shows them, each with the label both
# faces use. The project's own words; a face may shorten nothing but the layout.
STORY_FIELDS = (
    ("followup", "How it went since last time"),
    ("says", "It said"),
    ("fears", "It fears"),
    ("protects_from", "It protects you from"),
    ("wants", "It wants for you"),
    ("job_length", "It has had the job"),
    ("appreciated", "You appreciated"),
    ("needs", "To trust you a little more, it needs"),
)
# Which step role fills which field of the story.
ROLE_FIELDS = {
    "promise_followup": "followup",
    "critic_words": "says",
    "fears": "fears",
    "protects_from": "protects_from",
    "wants": "wants",
    "job_length": "job_length",
    "appreciation": "appreciated",
    "needs": "needs",
}


# In a dialogue where the part was the one that stepped in (the unblending branch),
# its own answers are these.
REACTION_FIELDS = {
    "reacting_part_says": "says",
    "reacting_part_fears": "fears",
}


class StoryEntry(
    named_tuple(
        "StoryEntry",
        "entry_id at flow_id status before after fields held_back reacted_to",
        defaults=(None,),
    )
):
    """One dialogue with the part. entry_id: int; at: str (UTC ISO); flow_id, status: str;
    before / after: int | None (loudness); fields: tuple[(field, text), ...] in
    STORY_FIELDS order, only those answered; held_back: int, answers left out because
    the safety check noticed them (never shown back); reacted_to: str | None, in a dialogue
    where this part stepped in, the part it stepped in about ("" when that one had no name)."""

    __slots__ = ()

    def text(self, field: str) -> str | None:
        return next((text for name, text in self.fields if name == field), None)


class PartStory(named_tuple("PartStory", "profile entries reacted_to reactions", defaults=((), ()))):
    """profile: records.PartProfile (counts, words for the lens); entries: tuple[StoryEntry, ...],
    newest first; reacted_to: tuple[str, ...], the parts this one stepped in about (it is a
    reacting part); reactions: tuple[str, ...], the parts that stepped in about this one."""

    __slots__ = ()


def loudness(before: int | None, after: int | None) -> str | None:
    """'8 → 5', '8 → ?', or None when neither was given."""
    if before is None and after is None:
        return None
    return " → ".join("?" if value is None else str(value) for value in (before, after))


def entry_heading(entry: StoryEntry) -> str:
    """'Tue 24 Nov 2026 19:02 · #12 · loudness 8 → 4', the same line in both faces."""
    bits = [dates.friendly(entry.at), f"#{entry.entry_id}"]
    shown = loudness(entry.before, entry.after)
    if shown:
        bits.append(f"loudness {shown}")
    if entry.reacted_to is not None:
        bits.append(f"stepped in about {entry.reacted_to}" if entry.reacted_to else "stepped in")
    if entry.status == "in_progress":
        bits.append("not finished")
    return " · ".join(bits)


HELD_BACK = "(an answer here is left out of this view; it is in the dialogue)"
