"""How entries look in the shell: JSON objects, listings of entries and search hits,
one-line confirmations, transcripts in text and Markdown. Rich is imported only where a table is drawn."""

from __future__ import annotations

from innercritic.engine import dates
from innercritic.engine.records import CheckInRecord, DialogueRecord, HistoryEntry, SearchHit, TurnRecord
from innercritic.textsafe import markdown_literal, one_line, visible
from innercritic.views.dialogues import DRAFT_TITLE, SET_ASIDE_TITLE, loudness_change, split_turns  # noqa: F401 (shared with the app)


def entry_json(entry: HistoryEntry, *, with_turns: bool = False) -> dict:
    base = {"id": entry.id, "uid": entry.uid, "kind": entry.kind, "at": entry.at, "part": entry.part}
    if isinstance(entry, CheckInRecord):
        base.update(mood=entry.mood, critic=entry.critic, note=entry.note)
        return base
    base.update(
        flow=entry.flow_id, status=entry.status, ended_at=entry.ended_at,
        critic_before=entry.critic_before, critic_after=entry.critic_after,
        critic_words=entry.critic_words,
    )
    if with_turns:
        on_path, set_aside = split_turns(entry)
        base["turns"] = [turn_json(turn) for turn in on_path]
        if set_aside:
            base["set_aside"] = [turn_json(turn) for turn in set_aside]
        base.update(draft_step=entry.draft_step, draft=entry.draft)
    return base


def turn_json(turn: TurnRecord) -> dict:
    return {
        "position": turn.position, "step": turn.step_id, "role": turn.role, "prompt": turn.prompt,
        "answer": turn.answer, "value": turn.value, "skipped": turn.skipped, "at": turn.at,
    }


def _scale(value: int | None, top: int) -> str:
    return "–" if value is None else f"{value}/{top}"


def checkin_line(record: CheckInRecord, *, new_part: bool = False) -> str:
    bits = [f"Saved check-in #{record.id}", f"mood {_scale(record.mood, 5)}", f"critic {_scale(record.critic, 10)}"]
    if record.part:
        bits.append(f"part {one_line(record.part, 30)}" + (" (a new part)" if new_part else ""))
    if record.note:
        bits.append("note kept")
    return " · ".join(bits)


def likely_part_line(new: str, known: str) -> str:
    """After a check-in named a new part that is probably a known one, mistyped."""
    from innercritic.limits import shell_word

    return (
        f"'{one_line(new, 40)}' is new; did you mean '{one_line(known, 40)}'? "
        f"`innercritic parts merge {visible(shell_word(new))} {visible(shell_word(known))}` folds it in."
    )


def summary_line(entry: HistoryEntry, width: int = 60) -> str:
    """The short description used in lists."""
    if isinstance(entry, CheckInRecord):
        bits = [f"mood {_scale(entry.mood, 5)}", f"critic {_scale(entry.critic, 10)}"]
        if entry.note:
            bits.append(f"“{one_line(entry.note, width)}”")
        return " · ".join(bits)
    bits = [entry.flow_id, entry.status.replace("_", " ")]
    change = loudness_change(entry)
    if change:
        bits.append(f"loudness {change}")
    if entry.critic_words:
        bits.append(f"“{one_line(entry.critic_words, width)}”")
    return " · ".join(bits)


def _terminal_width() -> int | None:
    """Columns of the terminal, or None when writing to a pipe (no truncation then)."""
    import os
    import sys

    if not sys.stdout.isatty():
        return None
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except OSError:
        return 80


def _use_emphasis() -> bool:
    import os
    import sys

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def emphasise(text: str, marks: tuple[tuple[int, int], ...], width: int | None) -> str:
    """Bold the marked spans (on a colour terminal) after cutting to width.
    The text has already been made visible, so the only escapes here are ours."""
    if width is not None and len(text) > width:
        text = text[: max(width - 1, 0)] + "…"
    if not marks or not _use_emphasis():
        return text
    out, last = [], 0
    for start, end in sorted(marks):
        if start >= len(text) or start < last:
            continue
        out += [text[last:start], "\x1b[1m", text[start:end], "\x1b[22m"]
        last = min(end, len(text))
    out.append(text[last:])
    return "".join(out)


def listing(rows: list[tuple[HistoryEntry, str, tuple[tuple[int, int], ...]]]) -> str:
    """Plain aligned lines: id, when, kind, part, then what it was (with marks to emphasise)."""
    width = _terminal_width()
    heads = ("id", "when", "kind", "part")
    cells = [
        (str(entry.id), dates.friendly(entry.at), entry.kind, one_line(entry.part or "", 16))
        for entry, _, _ in rows
    ]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(heads)]
    widths[0] = max(widths[0], 2)

    def line(columns: tuple[str, ...], what: str, marks=()) -> str:
        left = "  ".join(
            col.rjust(widths[i]) if i == 0 else col.ljust(widths[i]) for i, col in enumerate(columns)
        )
        room = None if width is None else max(width - len(left) - 2, 10)
        return f"{left}  {emphasise(what, marks, room)}".rstrip()

    lines = [line(heads, "what")]
    lines += [line(c, what, marks) for c, (_, what, marks) in zip(cells, rows)]
    return "\n".join(lines)


def print_history(entries: list[HistoryEntry], *, filtered: bool = False) -> None:
    """The listing; `filtered` (dates, kind or part given) changes what an empty one says."""
    import sys

    if not entries and filtered:
        sys.stdout.write("Nothing matched those filters. `innercritic history` without them lists everything.\n")
        return
    if not entries:
        sys.stdout.write("Nothing here yet. `innercritic checkin` or `innercritic talk` will start it.\n")
        return
    sys.stdout.write(listing([(entry, summary_line(entry), ()) for entry in entries]) + "\n")


def search_hit_json(hit: SearchHit) -> dict:
    """An entry's usual JSON object plus the matching passage as plain text."""
    item = entry_json(hit.entry)
    item["snippet"] = hit.snippet
    return item


def print_search_hits(hits: list[SearchHit]) -> None:
    import sys

    if not hits:
        sys.stdout.write("Nothing matched. Try fewer or shorter words.\n")
        return
    rows = [
        (hit.entry, hit.snippet, hit.marks) if hit.snippet else (hit.entry, summary_line(hit.entry), ())
        for hit in hits
    ]
    sys.stdout.write(listing(rows) + "\n")


def transcript_text(entry: HistoryEntry) -> str:
    lines = [f"#{entry.id} · {entry.kind} · {dates.friendly(entry.at)}"]
    if entry.part:
        lines.append(f"Part: {one_line(entry.part)}")
    if isinstance(entry, CheckInRecord):
        lines.append(f"Mood: {_scale(entry.mood, 5)}   Critic: {_scale(entry.critic, 10)}")
        if entry.note:
            lines += ["", visible(entry.note)]
        return "\n".join(lines)
    lines.append(f"Flow: {entry.flow_id} · {entry.status.replace('_', ' ')}")
    change = loudness_change(entry)
    if change:
        lines.append(f"Critic loudness: {change}")
    on_path, set_aside = split_turns(entry)
    for turn in on_path:
        lines += ["", visible(turn.prompt)]
        if turn.skipped or turn.answer is None:
            lines.append("   (skipped)" if turn.skipped else "   —")
        else:
            lines.append(_text_answer(turn))
    if set_aside:
        lines += ["", f"— {SET_ASIDE_TITLE} —"]
        for turn in set_aside:
            if turn.answer is not None:
                lines += ["", visible(turn.prompt), _text_answer(turn)]
    if entry.draft:
        lines += ["", f"— {DRAFT_TITLE} —", "   " + visible(entry.draft).replace("\n", "\n   ")]
    return "\n".join(lines)


def _text_answer(turn: TurnRecord) -> str:
    mark = "   ❝ " if turn.role == "critic_words" else "   "
    return mark + visible(turn.answer).replace("\n", "\n   ")


def transcript_markdown(entry: HistoryEntry) -> str:
    when = dates.friendly(entry.at)
    if isinstance(entry, CheckInRecord):
        out = [f"## Check-in #{entry.id} — {when}", ""]
        out.append(f"- Mood: {_scale(entry.mood, 5)}")
        out.append(f"- Critic loudness: {_scale(entry.critic, 10)}")
        if entry.part:
            out.append(f"- Part: {markdown_literal(entry.part)}")
        if entry.note:
            out += ["", markdown_literal(entry.note)]
        return "\n".join(out) + "\n"
    out = [f"## Dialogue #{entry.id} — {when}", ""]
    out.append(f"- Flow: {entry.flow_id}")
    out.append(f"- Status: {entry.status.replace('_', ' ')}")
    if entry.part:
        out.append(f"- Part: {markdown_literal(entry.part)}")
    change = loudness_change(entry)
    if change:
        out.append(f"- Critic loudness: {change}")
    on_path, set_aside = split_turns(entry)
    for turn in on_path:
        out += _markdown_turn(turn)
    if set_aside:
        out += ["", f"### {SET_ASIDE_TITLE}"]
        for turn in set_aside:
            if turn.answer is not None:
                out += _markdown_turn(turn)
    if entry.draft:
        out += ["", f"### {DRAFT_TITLE}", "", markdown_literal(entry.draft)]
    return "\n".join(out) + "\n"


def _markdown_turn(turn: TurnRecord) -> list[str]:
    out = ["", f"**{markdown_literal(one_line(turn.prompt))}**", ""]
    if turn.answer is None:
        out.append("*(skipped)*" if turn.skipped else "*(read)*")
    elif turn.role == "critic_words":
        out.append("\n".join("> " + line for line in markdown_literal(turn.answer).splitlines()))
    else:
        out.append(markdown_literal(turn.answer))
    return out
