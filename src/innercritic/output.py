"""How entries look in the shell: JSON objects, one-line confirmations,
transcripts in text and Markdown. Rich is imported only where a table is drawn."""

from __future__ import annotations

from .engine import dates
from .engine.records import CheckInRecord, DialogueRecord, HistoryEntry, TurnRecord
from .textsafe import markdown_literal, one_line, visible


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
        base["turns"] = [turn_json(turn) for turn in entry.turns]
    return base


def turn_json(turn: TurnRecord) -> dict:
    return {
        "position": turn.position, "step": turn.step_id, "role": turn.role, "prompt": turn.prompt,
        "answer": turn.answer, "value": turn.value, "skipped": turn.skipped, "at": turn.at,
    }


def _scale(value: int | None, top: int) -> str:
    return "–" if value is None else f"{value}/{top}"


def checkin_line(record: CheckInRecord) -> str:
    bits = [f"Saved check-in #{record.id}", f"mood {_scale(record.mood, 5)}", f"critic {_scale(record.critic, 10)}"]
    if record.part:
        bits.append(f"part {one_line(record.part, 30)}")
    if record.note:
        bits.append("note kept")
    return " · ".join(bits)


def loudness_change(entry: DialogueRecord) -> str:
    if entry.critic_before is None and entry.critic_after is None:
        return ""
    before = "?" if entry.critic_before is None else str(entry.critic_before)
    after = "?" if entry.critic_after is None else str(entry.critic_after)
    return f"{before} → {after}"


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


def print_history(entries: list[HistoryEntry]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    if not entries:
        console.print(Text("Nothing here yet. `innercritic checkin` or `innercritic talk` will start it."))
        return
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("part", no_wrap=True, max_width=16)
    table.add_column("what", overflow="fold")
    for entry in entries:
        table.add_row(
            Text(str(entry.id)), Text(dates.friendly(entry.at)), Text(entry.kind),
            Text(one_line(entry.part or "", 16)), Text(summary_line(entry)),
        )
    console.print(table)


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
    for turn in entry.turns:
        lines += ["", visible(turn.prompt)]
        if turn.skipped or turn.answer is None:
            lines.append("   (skipped)" if turn.skipped else "   —")
        else:
            mark = "   ❝ " if turn.role == "critic_words" else "   "
            lines.append(mark + visible(turn.answer).replace("\n", "\n   "))
    return "\n".join(lines)


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
    for turn in entry.turns:
        out += ["", f"**{markdown_literal(one_line(turn.prompt))}**", ""]
        if turn.answer is None:
            out.append("*(skipped)*" if turn.skipped else "*(read)*")
        elif turn.role == "critic_words":
            out.append("\n".join("> " + line for line in markdown_literal(turn.answer).splitlines()))
        else:
            out.append(markdown_literal(turn.answer))
    return "\n".join(out) + "\n"
