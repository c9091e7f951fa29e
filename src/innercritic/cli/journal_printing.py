"""How parts and exports look in the shell and in files.

User text is data: it goes into Rich as Text (never markup), through
textsafe.visible/one_line for the terminal and markdown_literal for Markdown.
Rich is imported only where a table is drawn.
"""

from __future__ import annotations

from innercritic.engine import dates
from innercritic.engine.records import HistoryEntry, PartProfile, PartRecord, PartSaying
from innercritic.cli.printing import transcript_markdown
from innercritic.textsafe import markdown_literal, one_line
from innercritic.views.common import plural

# ---- parts -----------------------------------------------------------------------------------


def part_json(part: PartRecord) -> dict:
    return {"name": part.name, "uid": part.uid, "description": part.description, "created_at": part.created_at}


def _saying_json(saying: PartSaying) -> dict:
    return {"entry": saying.entry_id, "at": saying.at, "role": saying.role, "text": saying.text}


def part_profile_json(profile: PartProfile) -> dict:
    """A part in `parts list --json`; `parts show` adds its story (cli/part_story_printing.py)."""
    item = part_json(profile.part)
    item.update(
        times=profile.times, dialogues=profile.dialogues, checkins=profile.checkins, last_seen=profile.last_seen,
    )
    return item


def _last_seen(profile: PartProfile) -> str:
    return dates.friendly(profile.last_seen) if profile.last_seen else "never"


def print_part_profiles(profiles: list[PartProfile]) -> None:
    from innercritic.views.consoles import shell_console
    from rich.table import Table
    from rich.text import Text

    console = shell_console()
    if not profiles:
        console.print(Text(
            "No parts yet. Name one in a dialogue, with `innercritic talk --part NAME`, "
            "or add one with `innercritic parts add NAME`."
        ))
        return
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("part", no_wrap=True, max_width=30)
    table.add_column("times", justify="right", no_wrap=True)
    table.add_column("dialogues", justify="right", no_wrap=True)
    table.add_column("check-ins", justify="right", no_wrap=True)
    table.add_column("last seen", no_wrap=True)
    table.add_column("description", overflow="fold")
    for profile in profiles:
        table.add_row(
            Text(one_line(profile.part.name, 30)), Text(str(profile.times)), Text(str(profile.dialogues)),
            Text(str(profile.checkins)), Text(_last_seen(profile)),
            Text(one_line(profile.part.description or "", 60)),
        )
    console.print(table)


def part_patterns(profile: PartProfile) -> list[tuple[str, str, int, list[str]]]:
    """The critic lens over a part's own words: (kind, its name, count, most frequent words)."""
    from innercritic.engine.critic_trends import critic_patterns
    from innercritic.engine.lens_file import kind_name

    return [
        (p.kind, kind_name(p.kind), p.count, [words for words, _ in p.top_words])
        for p in critic_patterns(saying.text for saying in profile.words)
    ]


# ---- Markdown export --------------------------------------------------------------------------


def export_markdown(entries: list[HistoryEntry], exported_at: str, filters: list[str]) -> str:
    """A whole export as one Markdown document: a title, then one section per entry."""
    count = plural(len(entries), "entry", "entries")
    out = ["# innercritic journal", ""]
    line = f"Exported {dates.friendly(exported_at)} · {count}"
    if filters:
        line += " · " + ", ".join(markdown_literal(one_line(f, 60)) for f in filters)
    out += [line, "", "*A private self-help journal. Keep this file somewhere only you can read it.*", ""]
    if not entries:
        out += ["*(no entries match these filters)*" if filters else "*(no entries)*", ""]
    for entry in entries:
        out += ["---", "", transcript_markdown(entry).rstrip("\n"), ""]
    return "\n".join(out)
