"""What the journal-care shell commands do (parts, export, import, delete,
forget), independent of how their arguments were parsed. cli/journal_commands.py calls
these."""

from __future__ import annotations

import sys

from innercritic.services import upkeep as care
from innercritic.services import entries as services
from innercritic.errors import InnerCriticError, UsageProblem
from innercritic.services.entries import Settings
from innercritic.textsafe import one_line, to_json, visible
from innercritic.views.common import plural

FORMATS = ("md", "json")


def _write(text: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()


def _name(text: str) -> str:
    return one_line(text, 40)


# ---- parts -------------------------------------------------------------------------------


def run_parts_list(settings: Settings, *, as_json: bool) -> None:
    from innercritic.cli.journal_printing import part_profile_json, print_part_profiles

    profiles = care.part_profiles(settings)
    if as_json:
        _write(to_json([part_profile_json(p) for p in profiles]))
    else:
        print_part_profiles(profiles)


def run_parts_show(settings: Settings, *, name: str, limit: str | None, as_json: bool) -> None:
    from innercritic.cli.part_story_printing import part_story_json, part_story_text
    from innercritic.services.part_story import read_part_story

    count = services.parse_count(limit) if limit is not None else None
    story = read_part_story(settings, name, count)
    if as_json:
        _write(to_json(part_story_json(story)))
    else:
        _write(part_story_text(story))


def run_parts_add(settings: Settings, *, name: str, description: str | None, as_json: bool) -> None:
    from innercritic.cli.journal_printing import part_json

    part = care.add_part(settings, name, description)
    _write(to_json(part_json(part)) if as_json else f"Added the part '{_name(part.name)}'.")


def run_parts_rename(settings: Settings, *, old: str, new: str) -> None:
    part = care.rename_part(settings, old, new)
    _write(f"Renamed '{_name(old)}' to '{_name(part.name)}'.")


def run_parts_merge(settings: Settings, *, source: str, into: str) -> None:
    part, moved = care.merge_parts(settings, source, into)
    entries = plural(moved, "entry", "entries")
    _write(f"Merged '{_name(source)}' into '{_name(part.name)}' ({entries} moved); '{_name(source)}' is gone.")


def run_parts_describe(settings: Settings, *, name: str, description: str) -> None:
    from innercritic.services.part_story import run_describe

    part = run_describe(settings, name, description)
    if part.description:
        _write(f"Described '{_name(part.name)}'.")
    else:
        _write(f"Cleared the description of '{_name(part.name)}'.")


def run_parts_link(settings: Settings, *, entry_id: str, name: str) -> None:
    from innercritic.services.part_story import run_link

    number = services.parse_entry_id(entry_id)
    part, made = run_link(settings, number, name)
    new = " (a new part)" if made else ""
    _write(f"Dialogue #{number} is now with '{_name(part.name)}'{new}.")


# ---- export and import -------------------------------------------------------------------


def _filters_shown(
    limit: str | None, since: str | None, until: str | None, part: str | None, kind: str | None, search: str | None,
) -> list[str]:
    shown = []
    for label, value in (("newest", limit), ("from", since), ("to", until), ("part", part), ("kind", kind),
                         ("search", search)):
        if value is not None:
            shown.append(f"{label} {value}")
    return shown


def run_export(
    settings: Settings, *, fmt: str, out: str | None, force: bool, limit: str | None, since: str | None,
    until: str | None, part: str | None, kind: str | None, search: str | None, on: str | None = None,
) -> None:
    from innercritic.engine.dates import now_iso

    if fmt not in FORMATS:
        raise UsageProblem(f"--format must be md or json (got '{visible(fmt)[:20]}')")
    query = services.history_query(
        limit=limit, since=since, until=until, part=part, kind=kind, search=search, on=on
    )
    if fmt == "json":
        document = care.export_document(settings, query)
        text, count = to_json(document), len(document["entries"])
    else:
        from innercritic.cli.journal_printing import export_markdown

        entries = care.export_entries(settings, query)
        text = export_markdown(entries, now_iso(), _filters_shown(limit, since, until, part, kind, search))
        count = len(entries)
    if not text.endswith("\n"):
        text += "\n"
    from innercritic.store.cipher import is_encrypted

    if is_encrypted(settings.db_path):
        _write("innercritic: note: the journal is encrypted, but this export is readable text; "
               "keep it somewhere private, or delete it when you are done", err=True)
    if out is None or out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    care.write_private_file(out, text.encode("utf-8"), force=force)
    _write(f"Exported {plural(count, 'entry', 'entries')} to {visible(out)} (readable by you only).")


def run_import(settings: Settings, *, path: str) -> None:
    result = care.import_file(settings, path)
    added = plural(result.entries_added, "entry", "entries")
    parts = plural(result.parts_added, "new part")
    line = f"Imported {added} and {parts}"
    if result.entries_already_there:
        line += f"; {plural(result.entries_already_there, 'entry was', 'entries were')} already in the journal"
    _write(line + ".")
    if result.plan == "added":
        _write("The safety plan in the file was added (`innercritic plan` shows it).")
    elif result.plan == "kept":
        _write("This journal already has its own safety plan, so the one in the file was not imported.")


# ---- deletion ----------------------------------------------------------------------------


def _can_ask() -> bool:
    return sys.stdin.isatty()


def _ask(question: str) -> str:
    sys.stderr.write(question + " ")
    sys.stderr.flush()
    try:
        return sys.stdin.readline().strip()
    except EOFError:
        return ""  # declined; Ctrl+C goes on up and ends the command with 130, as at every prompt


class Declined(InnerCriticError):
    exit_code = 1


def _confirm(question: str) -> None:
    if _ask(question + " [y/N]").lower() not in ("y", "yes"):
        raise Declined("nothing was deleted")


def run_delete(settings: Settings, *, entry_id: str, yes: bool) -> None:
    from innercritic.cli.printing import summary_line

    number = services.parse_entry_id(entry_id)
    entry = services.get_entry(settings, number)
    if not yes:
        if not _can_ask():
            raise UsageProblem(f"deleting #{number} needs confirmation; pass --yes to delete without asking")
        from innercritic.engine.dates import friendly

        _write(f"#{entry.id} · {entry.kind} · {friendly(entry.at)} · {summary_line(entry, 50)}", err=True)
        _confirm(f"Delete this {entry.kind} for good? It cannot be undone.")
    result = care.delete_entry(settings, number)
    line = f"Deleted {entry.kind} #{number}; its words are gone from the journal file and its search index."
    if not result.wal_cleared:
        line += (" Another innercritic has the journal open: close it to clear the last copy"
                 " from the journal's -wal file.")
    _write(line)


def run_forget(settings: Settings, *, everything: bool, yes: bool) -> None:
    if not everything:
        raise UsageProblem("forget needs --all (to delete a single entry use `innercritic delete ID`)")
    path = visible(settings.db_path)
    if not yes:
        if not _can_ask():
            raise UsageProblem("forgetting everything needs confirmation; pass --yes to do it without asking")
        _confirm(f"Delete every dialogue, check-in and part in {path}, for good?")
        if _ask("This cannot be undone. Type 'forget' to go ahead:").lower() != "forget":
            raise Declined("nothing was deleted")
    result = care.forget_all(settings)
    if result is None:
        _write(f"There is no journal at {path}; nothing to forget.")
        return
    entries = plural(result.entries, "entry", "entries")
    parts = plural(result.parts, "part")
    line = f"Forgot {entries} and {parts}; the journal at {path} is empty now."
    if not result.wal_cleared:
        line += (" Another innercritic has the journal open: close it to clear the last copy"
                 " from the journal's -wal file.")
    _write(line)
