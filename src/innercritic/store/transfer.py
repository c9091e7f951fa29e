"""Export the journal as a versioned JSON document, and import one back.

The shape is documented in docs/export-format.md. Local ids are not part of
it: entries and parts carry their stable ``uid``, and an import gives every
new entry a new local id through the normal autoincrement. Importing the
same document twice adds nothing: entries are matched by uid, parts by uid
and otherwise by name (ignoring case).

An import is validated completely before anything is written, then written
in one IMMEDIATE transaction, so a refused or failed import leaves the
journal exactly as it was.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from ..engine.dates import DateProblem, stored_time
from ..engine.records import HistoryEntry, HistoryQuery, ImportResult
from ..errors import UsageProblem
from ..files import NotReadable, read_bounded
from ..limits import MAX_DESCRIPTION, MAX_TEXT_CHARS, clean_description, clean_name
from . import queries
from .connection import write_transaction

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

FORMAT = "innercritic-export"
VERSION = 2  # 2 added the safety plan and each entry's care events; version 1 files still import
MAX_IMPORT_BYTES = 512 * 1024 * 1024
MAX_POSITION = 99_999  # far more turns than any flow walks; SQLite itself stops at 2**63
STATUSES = ("in_progress", "completed", "stopped")
KINDS = ("dialogue", "checkin")

# ---- choosing what to export ---------------------------------------------------------------


def is_everything(query: HistoryQuery) -> bool:
    return (query.limit, query.since, query.until, query.part, query.kind, query.search, query.offset) == (
        None, None, None, None, None, None, 0,
    )


def select_entry_ids(conn: Connection, query: HistoryQuery) -> list[int]:
    """Ids of the entries the filters pick, oldest first.

    ``limit`` keeps the newest N of them; a search matches as `history --search` does."""
    if query.search is not None:
        from .search import ranked

        found = [hit.entry for hit in ranked(conn, query._replace(limit=None, offset=0))]
        found.sort(key=lambda entry: (entry.at, entry.id), reverse=True)
        if query.limit is not None:
            found = found[query.offset: query.offset + query.limit]
        picked = [entry.id for entry in found]
    else:
        picked = [entry.id for entry in queries.history(conn, query)]
    order = {
        entry_id: position
        for position, entry_id in enumerate(
            row[0] for row in conn.execute(
                "SELECT id FROM entry WHERE id IN (SELECT value FROM json_each(?)) ORDER BY at, id",
                (json.dumps(picked),),
            )
        )
    }
    return sorted(picked, key=lambda entry_id: order[entry_id])


def entries_with_turns(conn: Connection, entry_ids: list[int]) -> list[HistoryEntry]:
    """Full records (dialogues with their turns), in the order given."""
    found = (queries.get_entry(conn, entry_id) for entry_id in entry_ids)
    return [entry for entry in found if entry is not None]


# ---- building the document -------------------------------------------------------------------


def build_document(conn: Connection, entry_ids: list[int] | None, exported_at: str) -> dict[str, Any]:
    """The export document; ``entry_ids`` None means the whole journal (and every part)."""
    entry_sql = (
        "SELECT e.id, e.uid, e.kind, e.at, p.uid, c.mood, c.critic, c.note, d.flow_id, d.status,"
        " d.ended_at, d.critic_before, d.critic_after, d.draft_step, d.draft"
        " FROM entry e LEFT JOIN part p ON p.id = e.part_id LEFT JOIN checkin c ON c.entry_id = e.id"
        " LEFT JOIN dialogue d ON d.entry_id = e.id"
    )
    params: tuple = ()
    if entry_ids is not None:
        entry_sql += " WHERE e.id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(entry_ids),)
    entry_rows = conn.execute(entry_sql + " ORDER BY e.at, e.id", params).fetchall()

    turns: dict[int, list[dict[str, Any]]] = {}
    set_aside: dict[int, list[dict[str, Any]]] = {}
    turn_sql = "SELECT dialogue_id, position, step_id, role, prompt, answer, value, skipped, at, superseded FROM turn"
    if entry_ids is not None:
        turn_sql += " WHERE dialogue_id IN (SELECT value FROM json_each(?))"
    for dialogue_id, position, step, role, prompt, answer, value, skipped, at, superseded in conn.execute(
        turn_sql + " ORDER BY dialogue_id, position, id", params
    ):
        (set_aside if superseded else turns).setdefault(dialogue_id, []).append({
            "position": position, "step": step, "role": role, "prompt": prompt, "answer": answer,
            "value": None if value is None else json.loads(value), "skipped": bool(skipped), "at": at,
        })

    from . import transfer_care

    care = transfer_care.care_by_entry(conn, entry_ids)
    from .part_reactions import reactions_by_entry

    reactions = reactions_by_entry(conn)
    entries: list[dict[str, Any]] = []
    used_parts: set[str] = set()
    for (id_, uid, kind, at, part_uid, mood, critic, note, flow_id, status, ended_at,
         before, after, draft_step, draft) in entry_rows:
        item: dict[str, Any] = {"uid": uid, "kind": kind, "at": at, "part": part_uid}
        if part_uid is not None:
            used_parts.add(part_uid)
        if kind == "checkin":
            item.update(mood=mood, critic=critic, note=note)
        else:
            item.update(
                flow=flow_id, status=status, ended_at=ended_at, critic_before=before, critic_after=after,
                draft_step=draft_step, draft=draft, turns=turns.get(id_, []),
            )
            if id_ in set_aside:  # only when there are any: older readers ignore the key
                item["set_aside"] = set_aside[id_]
            if id_ in reactions:  # schema 7: the part that stepped in, once named (older readers ignore it)
                reacting_uid, named_at = reactions[id_]
                item["reacting_part"] = {"part": reacting_uid, "at": named_at}
                used_parts.add(reacting_uid)
        item["care"] = care.get(id_, [])
        entries.append(item)

    parts = [
        {"uid": uid, "name": name, "description": description, "created_at": created_at}
        for uid, name, description, created_at in conn.execute(
            "SELECT uid, name, description, created_at FROM part ORDER BY name_key, uid"
        )
        if entry_ids is None or uid in used_parts
    ]
    plan = transfer_care.plan_for_export(conn) if entry_ids is None else None  # only a full export has it
    return {
        "format": FORMAT, "version": VERSION, "exported_at": exported_at, "parts": parts, "entries": entries,
        "safety_plan": plan,
    }


def empty_document(exported_at: str) -> dict[str, Any]:
    return {
        "format": FORMAT, "version": VERSION, "exported_at": exported_at, "parts": [], "entries": [],
        "safety_plan": None,
    }


# ---- reading and validating a document --------------------------------------------------------


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


def read_document(path: str) -> dict[str, Any]:
    """Read and parse a file (or '-' for standard input) into JSON, with one-line errors."""
    label = "standard input" if path == "-" else path
    try:
        if path == "-":
            import sys

            stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
            data = stream.read(MAX_IMPORT_BYTES + 1) if stream else sys.stdin.read().encode("utf-8")
        else:
            data = read_bounded(path, MAX_IMPORT_BYTES)
    except NotReadable as refused:
        if str(refused) == "too large":
            raise UsageProblem(f"{label}: too large for an innercritic export; nothing was imported") from None
        raise UsageProblem(f"{label}: {refused}; give import a JSON export file — nothing was imported") from None
    except FileNotFoundError:
        raise UsageProblem(f"{label}: no such file") from None
    except PermissionError:
        raise UsageProblem(f"{label}: cannot read this file (permission denied)") from None
    except OSError as exc:
        raise UsageProblem(f"{label}: cannot read this file ({exc.strerror or exc.__class__.__name__})") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise UsageProblem(f"{label}: too large for an innercritic export; nothing was imported")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageProblem(f"{label}: not an innercritic export (not UTF-8 text); nothing was imported") from None

    def no_constants(name: str) -> None:
        raise ValueError(name)

    try:
        return json.loads(text, parse_constant=no_constants)
    except (ValueError, RecursionError):
        raise UsageProblem(f"{label}: not an innercritic export (not valid JSON); nothing was imported") from None


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


# ---- writing ------------------------------------------------------------------------------


def import_export(conn: Connection, path: str, export: ExportIn) -> ImportResult:
    """Write a validated document in one IMMEDIATE transaction."""
    parts_added = parts_matched = added = already = 0
    with write_transaction(conn, path):
        local_part: dict[str, int] = {}
        for part in export.parts:
            row = conn.execute("SELECT id FROM part WHERE uid = ?", (part.uid,)).fetchone()
            if row is None:
                row = conn.execute("SELECT id FROM part WHERE name_key = ?", (queries.name_key(part.name),)).fetchone()
            if row is not None:
                local_part[part.uid] = row[0]
                parts_matched += 1
                continue
            local_part[part.uid] = conn.execute(
                "INSERT INTO part (uid, name, name_key, description, created_at) VALUES (?, ?, ?, ?, ?)",
                (part.uid, part.name, queries.name_key(part.name), part.description, part.created_at),
            ).lastrowid
            parts_added += 1
        for entry in export.entries:
            if conn.execute("SELECT 1 FROM entry WHERE uid = ?", (entry.uid,)).fetchone():
                already += 1
                continue
            entry_id = conn.execute(
                "INSERT INTO entry (uid, kind, at, part_id) VALUES (?, ?, ?, ?)",
                (entry.uid, entry.kind, entry.at, local_part.get(entry.part) if entry.part else None),
            ).lastrowid
            if entry.kind == "checkin":
                conn.execute(
                    "INSERT INTO checkin (entry_id, mood, critic, note) VALUES (?, ?, ?, ?)",
                    (entry_id, entry.mood, entry.critic, entry.note),
                )
            else:
                conn.execute(
                    "INSERT INTO dialogue (entry_id, flow_id, status, ended_at, critic_before, critic_after,"
                    " draft_step, draft) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (entry_id, entry.flow, entry.status, entry.ended_at, entry.critic_before,
                     entry.critic_after, entry.draft_step, entry.draft),
                )
                conn.executemany(
                    "INSERT INTO turn (dialogue_id, position, step_id, role, prompt, answer, value, skipped, at,"
                    " superseded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (entry_id, t.position, t.step, t.role, t.prompt, t.answer,
                         None if t.value is None else json.dumps(t.value, ensure_ascii=False),
                         t.skipped, t.at, superseded)
                        for superseded, turns in ((False, entry.turns), (True, entry.set_aside))
                        for t in turns
                    ],
                )
            from .transfer_care import import_care

            import_care(conn, entry_id, entry.care)
            if entry.reacting_part is not None and local_part.get(entry.reacting_part[0]) is not None:
                from .part_reactions import import_reaction

                import_reaction(conn, entry_id, local_part[entry.reacting_part[0]], entry.reacting_part[1])
            added += 1
        from ..engine.dates import now_iso
        from .transfer_care import import_plan

        plan = import_plan(conn, export.safety_plan, now_iso())
    return ImportResult(
        entries_added=added, entries_already_there=already, parts_added=parts_added, parts_matched=parts_matched,
        plan=plan,
    )
