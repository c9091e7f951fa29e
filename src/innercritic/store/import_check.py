"""Import, second step: validate a parsed export document completely into plain records.

Nothing is written until the whole document has passed: the first problem raises a
UsageProblem naming its place in the file (never quoting the person's text). The
records (``ExportIn`` and its parts, entries and turns) are what import_write.py adds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..engine.dates import DateProblem, stored_time
from ..errors import UsageProblem
from ..limits import MAX_DESCRIPTION, MAX_TEXT_CHARS, clean_description, clean_name
from . import queries
from .export import FORMAT, VERSION

MAX_POSITION = 99_999  # far more turns than any flow walks; SQLite itself stops at 2**63
STATUSES = ("in_progress", "completed", "stopped")
KINDS = ("dialogue", "checkin")

# ---- the records a valid document becomes -------------------------------------------------------


@dataclass(frozen=True)
class PartIn:
    uid: str
    name: str
    description: str | None
    created_at: str


@dataclass(frozen=True)
class TurnIn:
    position: int
    step: str
    role: str | None
    prompt: str
    answer: str | None
    value: Any
    skipped: bool
    at: str


@dataclass(frozen=True)
class EntryIn:
    uid: str
    kind: str
    at: str
    part: str | None  # a part uid from the same document
    mood: int | None = None
    critic: int | None = None
    note: str | None = None
    flow: str | None = None
    status: str | None = None
    ended_at: str | None = None
    critic_before: int | None = None
    critic_after: int | None = None
    draft_step: str | None = None
    draft: str | None = None
    turns: tuple[TurnIn, ...] = ()
    set_aside: tuple[TurnIn, ...] = ()  # answers left when the person went back: kept, off the path
    care: tuple = ()  # (step, tier, gentle_answer, safe_answer, at), version 2
    reacting_part: tuple | None = None  # (part uid, at): the part that stepped in, once named


@dataclass(frozen=True)
class ExportIn:
    parts: tuple[PartIn, ...]
    entries: tuple[EntryIn, ...]
    safety_plan: Any = None  # engine.safety_plan.SafetyPlan, version 2


class _Bad(Exception):
    """A problem at a place in the document (never quoting the person's text)."""


# ---- checking the document ----------------------------------------------------------------------


def validate(document: Any, label: str) -> ExportIn:
    """Check the whole document; raise UsageProblem naming the first problem's place."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise UsageProblem(
            f"{label}: not an innercritic export (no \"format\": \"{FORMAT}\"); nothing was imported"
        )
    version = document.get("version")
    if not _is_int(version) or version < 1:
        raise UsageProblem(f"{label}: not a valid innercritic export (bad \"version\"); nothing was imported")
    if version > VERSION:
        raise UsageProblem(
            f"{label}: this export was written by a newer innercritic (export version {version}; this one"
            f" reads version {VERSION}); upgrade innercritic — nothing was imported"
        )
    from .transfer_care import BadPart

    try:
        return _validate_body(document)
    except (_Bad, BadPart) as problem:
        raise UsageProblem(f"{label}: not a valid innercritic export: {problem}; nothing was imported") from None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise _Bad(f"{where} must be a list")
    return value


def _obj(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise _Bad(f"{where} must be an object")
    return value


def _text(item: dict, key: str, where: str, *, optional: bool = False, max_len: int | None = None) -> str | None:
    value = item.get(key)
    if value is None:
        if optional:
            return None
        raise _Bad(f"{where}.{key} is missing")
    if not isinstance(value, str):
        raise _Bad(f"{where}.{key} must be text")
    if not optional and value == "":
        raise _Bad(f"{where}.{key} is empty")
    if max_len is not None and len(value) > max_len:
        raise _Bad(f"{where}.{key} is too long")
    if "\x00" in value:
        raise _Bad(f"{where}.{key} contains a NUL character")
    return value


def _prompt(turn: dict, where: str) -> str:
    if "prompt" not in turn:
        raise _Bad(f"{where}.prompt is missing")
    return _text(turn, "prompt", where, optional=True) or ""


def _uid(item: dict, where: str) -> str:
    value = _text(item, "uid", where, max_len=64)
    if any(not ch.isprintable() or ch.isspace() for ch in value):
        raise _Bad(f"{where}.uid must be printable text without spaces")
    return value


def _time(item: dict, key: str, where: str, *, optional: bool = False) -> str | None:
    """A time with a zone, in EARLIEST_YEAR..LATEST_YEAR, stored as the journal stores times (UTC)."""
    value = _text(item, key, where, optional=optional, max_len=40)
    if value is None:
        return None
    try:
        return stored_time(value)
    except DateProblem as problem:
        raise _Bad(f"{where}.{key} {problem}") from None


def _words(item: dict, key: str, where: str) -> str | None:
    """A note, answer or draft: held to the limit every other way in keeps (limits.py)."""
    value = _text(item, key, where, optional=True)
    if value is not None and len(value) > MAX_TEXT_CHARS:
        raise _Bad(f"{where}.{key} is longer than {MAX_TEXT_CHARS:,} characters")
    return value


def _reacting_part(item: dict, where: str, part_uids: set[str]) -> tuple[str, str] | None:
    raw = item.get("reacting_part")
    if raw is None:
        return None
    reaction = _obj(raw, f"{where}.reacting_part")
    part = reaction.get("part")
    if not isinstance(part, str) or part not in part_uids:
        raise _Bad(f"{where}.reacting_part.part is not the uid of a part in this file")
    return part, _time(reaction, "at", f"{where}.reacting_part")


def _part_name(item: dict, where: str) -> str:
    """The rule `parts add` keeps (limits.clean_name): one line, no control characters, short."""
    name = _text(item, "name", where, max_len=None)
    try:
        return clean_name(name)
    except UsageProblem as problem:
        raise _Bad(f"{where}.name: {str(problem).split(' (got ')[0]}") from None


def _scale(item: dict, key: str, where: str, low: int, high: int) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if not _is_int(value) or not low <= value <= high:
        raise _Bad(f"{where}.{key} must be a whole number from {low} to {high} or null")
    return value


def _check_value(value: Any, where: str, depth: int = 0) -> None:
    if depth > 50:
        raise _Bad(f"{where} is nested too deeply")
    if isinstance(value, float) and not math.isfinite(value):
        raise _Bad(f"{where} is not a finite number")
    if isinstance(value, list):
        for element in value:
            _check_value(element, where, depth + 1)
    elif isinstance(value, dict):
        for element in value.values():
            _check_value(element, where, depth + 1)


def _validate_body(document: dict) -> ExportIn:
    parts: list[PartIn] = []
    part_uids: set[str] = set()
    part_keys: set[str] = set()
    for index, raw in enumerate(_list(document.get("parts"), "parts")):
        where = f"parts[{index}]"
        item = _obj(raw, where)
        uid = _uid(item, where)
        name = _part_name(item, where)
        key = queries.name_key(name)
        if uid in part_uids:
            raise _Bad(f"{where}.uid appears twice")
        if key in part_keys:
            raise _Bad(f"{where}.name is the same as an earlier part's")
        part_uids.add(uid)
        part_keys.add(key)
        description = _text(item, "description", where, optional=True)
        try:
            description = clean_description(description)
        except UsageProblem:
            raise _Bad(f"{where}.description is longer than {MAX_DESCRIPTION:,} characters") from None
        parts.append(PartIn(uid=uid, name=name, description=description, created_at=_time(item, "created_at", where)))

    entries: list[EntryIn] = []
    entry_uids: set[str] = set()
    for index, raw in enumerate(_list(document.get("entries"), "entries")):
        where = f"entries[{index}]"
        item = _obj(raw, where)
        uid = _uid(item, where)
        if uid in entry_uids:
            raise _Bad(f"{where}.uid appears twice")
        entry_uids.add(uid)
        kind = item.get("kind")
        if kind not in KINDS:
            raise _Bad(f"{where}.kind must be \"dialogue\" or \"checkin\"")
        part = item.get("part")
        if part is not None and (not isinstance(part, str) or part not in part_uids):
            raise _Bad(f"{where}.part is not the uid of a part in this file")
        from .transfer_care import read_care

        common = {
            "uid": uid, "kind": kind, "at": _time(item, "at", where), "part": part,
            "care": read_care(item.get("care"), where, _time),
        }
        if kind == "checkin":
            entries.append(EntryIn(
                **common, mood=_scale(item, "mood", where, 1, 5), critic=_scale(item, "critic", where, 0, 10),
                note=_words(item, "note", where),
            ))
            continue
        status = item.get("status")
        if status not in STATUSES:
            raise _Bad(f"{where}.status must be one of {', '.join(STATUSES)}")
        turns = _turns(item, "turns", where, unique_positions=True)
        entries.append(EntryIn(
            **common, flow=_text(item, "flow", where, max_len=200), status=status,
            ended_at=_time(item, "ended_at", where, optional=True),
            critic_before=_scale(item, "critic_before", where, 0, 10),
            critic_after=_scale(item, "critic_after", where, 0, 10),
            draft_step=_text(item, "draft_step", where, optional=True, max_len=200),
            draft=_words(item, "draft", where),
            turns=tuple(sorted(turns, key=lambda t: t.position)),
            set_aside=tuple(_turns(item, "set_aside", where, unique_positions=False)),
            reacting_part=_reacting_part(item, where, part_uids),
        ))
    from .transfer_care import read_plan

    return ExportIn(parts=tuple(parts), entries=tuple(entries), safety_plan=read_plan(document.get("safety_plan")))


def _turns(item: dict, key: str, where: str, *, unique_positions: bool) -> list[TurnIn]:
    """A dialogue's `turns` (one per position) or `set_aside` turns (several may share one)."""
    turns: list[TurnIn] = []
    positions: set[int] = set()
    listed = item.get(key) if unique_positions else item.get(key, [])  # set_aside may be left out
    for turn_index, raw_turn in enumerate(_list(listed, f"{where}.{key}")):
        turn_where = f"{where}.{key}[{turn_index}]"
        turn = _obj(raw_turn, turn_where)
        position = turn.get("position")
        if not _is_int(position) or not 0 <= position <= MAX_POSITION:
            raise _Bad(f"{turn_where}.position must be a whole number from 0 to {MAX_POSITION:,}")
        if unique_positions and position in positions:
            raise _Bad(f"{turn_where}.position appears twice")
        positions.add(position)
        skipped = turn.get("skipped", False)
        if not isinstance(skipped, bool):
            raise _Bad(f"{turn_where}.skipped must be true or false")
        value = turn.get("value")
        _check_value(value, f"{turn_where}.value")
        turns.append(TurnIn(
            position=position, step=_text(turn, "step", turn_where, max_len=200),
            role=_text(turn, "role", turn_where, optional=True, max_len=200),
            prompt=_prompt(turn, turn_where),
            answer=_words(turn, "answer", turn_where),
            value=value, skipped=skipped, at=_time(turn, "at", turn_where),
        ))
    return turns
