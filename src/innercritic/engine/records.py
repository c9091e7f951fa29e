"""Plain value objects the store hands to the floors above (never ORM rows).

Named tuples (innercritic/tuples.py) rather than dataclasses or
``typing.NamedTuple``: every shell command builds these, and importing
``typing`` and building a dozen annotated classes took longer than the whole
search query. Field types are in each docstring. They are immutable; use
``record._replace(field=...)``.
"""

from __future__ import annotations

from ..tuples import named_tuple


class PartRecord(named_tuple("PartRecord", "id uid name description created_at")):
    """id: int, uid: str, name: str, description: str | None, created_at: str (UTC ISO)."""

    __slots__ = ()


class CheckInRecord(
    named_tuple("CheckInRecord", "id uid at mood critic note part kind", defaults=("checkin",))
):
    """id: int, uid: str, at: str (UTC ISO), mood: int | None, critic: int | None,
    note: str | None, part: str | None, kind: "checkin"."""

    __slots__ = ()


class CheckInSaved(named_tuple("CheckInSaved", "record new_part likely_part")):
    """record: CheckInRecord, as saved; new_part: PartRecord | None, the part created for it;
    likely_part: str | None, a known part the new one is probably a misspelling of."""

    __slots__ = ()


class TurnRecord(
    named_tuple("TurnRecord", "position step_id role prompt answer value skipped at superseded", defaults=(False,))
):
    """position: int, step_id: str, role: str | None, prompt: str, answer: str | None,
    value: object (a scale number or chosen options), skipped: bool, at: str (UTC ISO),
    superseded: bool (set aside when the person went back past it: kept, not on the current path)."""

    __slots__ = ()


class DialogueRecord(
    named_tuple(
        "DialogueRecord",
        "id uid at flow_id status ended_at critic_before critic_after part"
        " critic_words turns draft_step draft kind",
        defaults=(None, (), None, None, "dialogue"),
    )
):
    """id: int, uid: str, at: str (UTC ISO), flow_id: str, status: str, ended_at: str | None,
    critic_before / critic_after: int | None, part: str | None,
    critic_words: str | None (the Find answer, for lists and summaries),
    turns: tuple[TurnRecord, ...], draft_step / draft: str | None, kind: "dialogue"."""

    __slots__ = ()


HistoryEntry = CheckInRecord | DialogueRecord


class NewDialogue(named_tuple("NewDialogue", "flow_id part")):
    """A dialogue not saved yet, in place of its id: it is made with its first answer
    or draft, so one opened and left at once leaves nothing. flow_id: str, part: str | None."""

    __slots__ = ()


class HistoryQuery(
    named_tuple(
        "HistoryQuery", "limit since until part kind search offset",
        defaults=(None, None, None, None, None, None, 0),
    )
):
    """limit: int | None, since / until: str | None (UTC ISO bounds, inclusive),
    part: str | None, kind: "dialogue" | "checkin" | None for both, search: str | None,
    offset: int."""

    __slots__ = ()


class SearchHit(named_tuple("SearchHit", "entry snippet marks rank")):
    """One entry found by a search, with the best-matching passage.

    entry: HistoryEntry; snippet: str, plain one-line text (no markup);
    marks: tuple[tuple[int, int], ...], (start, end) character offsets into
    the snippet of the matched words, for a face to highlight; rank: float,
    SQLite's bm25 score: lower (more negative) is a better match.
    """

    __slots__ = ()


class PartSaying(named_tuple("PartSaying", "entry_id at role text")):
    """Something a part said in a dialogue (an answer to a step with a known role).

    entry_id: int, at: str (UTC ISO), role: str, text: str."""

    __slots__ = ()


class PartProfile(
    named_tuple("PartProfile", "part dialogues checkins last_seen words fears needs", defaults=((), (), ()))
):
    """A part and how it shows up: counts, when last, and (for `show`) its own words.

    part: PartRecord; dialogues / checkins: int; last_seen: str | None;
    words: tuple[PartSaying, ...] (role critic_words, newest first);
    fears: tuple[PartSaying, ...] (role fears);
    needs: tuple[PartSaying, ...] (role needs)."""

    __slots__ = ()

    @property
    def times(self) -> int:
        return self.dialogues + self.checkins


class ImportResult(
    named_tuple("ImportResult", "entries_added entries_already_there parts_added parts_matched plan", defaults=(None,))
):
    """The first four are counts (int); plan: what happened to the file's safety plan:
    "added", "same" (this journal already had it), "kept" (this journal's own plan was
    kept), or None (the file had none)."""

    __slots__ = ()


class EraseResult(named_tuple("EraseResult", "entries parts wal_cleared")):
    """What a deletion removed: entries / parts: int; wal_cleared: bool, False when
    another program kept the journal open, so the -wal file could not be emptied yet."""

    __slots__ = ()


class CareEventRecord(
    named_tuple("CareEventRecord", "id entry_id step_id tier gentle_answer safe_answer at")
):
    """The safety check noticed something (never the words). id, entry_id: int;
    step_id: str | None (null for a check-in); tier: "clear" | "maybe";
    gentle_answer / safe_answer: "yes" | "no" | "not_sure" | None; at: str (UTC ISO)."""

    __slots__ = ()

    @property
    def opened_the_path(self) -> bool:
        """True when the crisis path was (or is to be) shown: a clear match, or a
        gentle question not answered "no"."""
        return self.tier == "clear" or self.gentle_answer != "no"
