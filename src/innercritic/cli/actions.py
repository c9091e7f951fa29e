"""What each shell command does, independent of how its arguments were parsed.

cli/app.py (Typer) and entry.py (the quick path for the commonest forms) both
call these, so the two can never disagree about behaviour or output.
"""

from __future__ import annotations

import os
import sys

from innercritic.services import entries as services
from innercritic.errors import InnerCriticError, UsageProblem
from innercritic.cli.printing import (
    checkin_line, entry_json, likely_part_line, print_history, print_search_hits, search_hit_json, transcript_markdown,
    transcript_text,
)
from innercritic.services.entries import Settings
from innercritic.textsafe import to_json, visible

CHECKIN_USAGE = (
    "usage: innercritic checkin [--mood 1-5] [--critic 0-10] [--note TEXT|-] [--part NAME] [--json] "
    "(with no options it asks, but only in an interactive terminal)"
)


def _write(text: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()


def read_note_from_stdin() -> str:
    """The note piped in, read with a bound (`< /dev/zero` must not fill the memory)."""
    from innercritic.limits import MAX_TEXT_CHARS

    most = MAX_TEXT_CHARS * 4  # UTF-8 takes at most 4 bytes a character
    data = sys.stdin.buffer.read(most + 1) if hasattr(sys.stdin, "buffer") else sys.stdin.read(most + 1).encode()
    if len(data) > most:
        raise UsageProblem(
            f"the note on standard input is too long: innercritic keeps up to {MAX_TEXT_CHARS:,} characters in one "
            "note; nothing was saved — please split it up"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageProblem("the note on standard input is not valid UTF-8; nothing was saved") from None


def _is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask_checkin() -> tuple[int | None, int | None, str | None]:
    from innercritic.views.consoles import shell_console
    from rich.prompt import Prompt

    class Ask(Prompt):
        prompt_suffix = " "  # the questions end in "?" already, never "?:"

    console = shell_console()
    console.print("A quick check-in. Press Enter to skip any question.", style="dim")

    def ask_scale(question: str, name: str, low: int, high: int) -> int | None:
        while True:
            answer = Ask.ask(question, default="", show_default=False, console=console)
            try:
                return services.parse_scale(answer, name, low, high)
            except UsageProblem as problem:
                console.print(f"  {problem}", style="dim", markup=False)

    mood = ask_scale("How is your mood, 1 (low) to 5 (good)?", "mood", 1, 5)
    critic = ask_scale("How loud is the critic, 0 (quiet) to 10 (very loud)?", "critic", 0, 10)
    note = Ask.ask("Anything you want to note?", default="", show_default=False, console=console)
    return mood, critic, note or None


def run_checkin(
    settings: Settings, *, mood: str | None, critic: str | None, note: str | None,
    part: str | None, as_json: bool,
) -> None:
    mood_value = services.parse_scale(mood, "--mood", 1, 5)
    critic_value = services.parse_scale(critic, "--critic", 0, 10)
    if part is not None:
        from innercritic.limits import clean_name

        clean_name(part)  # a name no part could have is refused before a note is read from stdin
    if note == "-":
        note = read_note_from_stdin()
    if mood is None and critic is None and note is None and part is None:
        if not _is_interactive():
            raise UsageProblem(CHECKIN_USAGE)
        mood_value, critic_value, note = _ask_checkin()
    with services.open_journal(settings) as journal:
        outcome = services.check_in(journal, mood=mood_value, critic=critic_value, note=note, part=part)
        try:
            if as_json:
                _write(to_json(entry_json(outcome.record)))
            else:
                _write(checkin_line(outcome.record, new_part=outcome.new_part))
            if outcome.likely_part:
                _write(likely_part_line(outcome.record.part, outcome.likely_part), err=as_json)
        except OSError as failed:  # saved all the same: say so, so that nobody checks in twice
            if outcome.tier is not None:
                from innercritic.cli.care_actions import after_checkin

                after_checkin(settings, journal, outcome, err=True, interactive=False)
            raise SavedButNotShown(outcome.record.id, failed) from None
        if outcome.tier is not None:
            from innercritic.cli.care_actions import after_checkin

            after_checkin(settings, journal, outcome, err=as_json, interactive=_is_interactive())


class SavedButNotShown(InnerCriticError):
    """The check-in is in the journal; only its confirmation could not be written."""

    def __init__(self, entry_id: int, failed: OSError) -> None:
        reason = failed.strerror or failed.__class__.__name__
        super().__init__(
            f"saved check-in #{entry_id}, but could not write the output ({reason}); it is in the journal — "
            "no need to check in again"
        )
        try:  # what could not be printed is dropped, not tried again (and failed again) at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.stdout.flush()
        except (OSError, ValueError):
            pass



def run_history(
    settings: Settings, *, limit: str | None, since: str | None, until: str | None,
    part: str | None, kind: str | None, search: str | None, as_json: bool, on: str | None = None,
) -> None:
    query = services.history_query(
        limit=limit if limit is not None else (None if as_json else "20"),
        since=since, until=until, part=part, kind=kind, search=search, on=on,
    )
    if query.search is not None:  # ranked by relevance, with a snippet of the match
        hits = services.search(settings, query)
        if as_json:
            _write(to_json([search_hit_json(hit) for hit in hits]))
        else:
            print_search_hits(hits)
        return
    entries = services.history(settings, query)
    if as_json:
        _write(to_json([entry_json(entry) for entry in entries]))
    else:
        print_history(entries, filtered=any(value is not None for value in (since, until, part, kind)))


def run_show(settings: Settings, *, entry_id: str, fmt: str) -> None:
    if fmt not in ("text", "md", "json"):
        raise UsageProblem(f"--format must be text, md or json (got '{visible(fmt)[:20]}')")
    entry = services.get_entry(settings, services.parse_entry_id(entry_id))
    if fmt == "json":
        _write(to_json(entry_json(entry, with_turns=True)))
    elif fmt == "md":
        _write(transcript_markdown(entry))
    else:
        _write(transcript_text(entry))


def run_where(settings: Settings, *, as_json: bool) -> None:
    from innercritic.locations import config_path

    info = {
        "database": settings.db_path,
        "database_exists": os.path.exists(settings.db_path),
        "config": config_path(),
    }
    from innercritic.services.encryption import where_info

    info.update(where_info(settings))
    if as_json:
        _write(to_json(info))
    else:
        _write(f"journal: {visible(info['database'])}" + ("" if info["database_exists"] else "  (not created yet)"))
        _write(f"config:  {visible(info['config'])}")
        _write(f"sqlite:  {info['sqlite_version']}" + ("" if info["encryption_available"] else "  (encryption unavailable)"))
        encrypted = {True: "yes", False: "no", None: "–"}[info["encrypted"]]
        _write(f"encrypted: {encrypted}")


def run_talk(
    settings: Settings, *, flow: str | None, part: str | None, resume: bool, plain: bool, take_over: bool = False,
) -> int:
    """The guided dialogue, full-screen or (plain) line by line."""
    flow_id, chosen = _flow_to_talk(flow)
    if take_over and not resume:
        raise UsageProblem("--take-over goes with --resume: `innercritic talk --resume --take-over`")
    if part is not None:
        from innercritic.limits import clean_name

        part = clean_name(part)  # refused before anything opens, with the same words as `parts add`
    if not plain:
        from innercritic.tui.launch import open_tui

        open_tui(settings, start="resume" if resume else "talk", flow_id=flow_id, part=part, take_over=take_over)
        return 0
    from innercritic.services.dialogue import DialogueSession
    from innercritic.tui.lease_keeper import LeaseKeeper
    from innercritic.cli.plain_talk import PlainTalk

    with services.open_journal(settings) as journal:
        if resume:
            session = DialogueSession.resume(journal, _all_flows(), take_over=take_over)
        else:
            session = DialogueSession.start(journal, chosen, part=part)
        with LeaseKeeper(journal):
            return PlainTalk(session).run()


def _flow_to_talk(flow: str | None):
    """(what to pass on, the Flow) for `talk --flow` (an id or a path), else config's
    default_flow, else the critic. A default_flow that names no exercise is one line
    on stderr, and the critic opens."""
    from innercritic.engine.flow import FlowError
    from innercritic.engine.flow_files import DEFAULT_FLOW_ID, shipped_flow
    from innercritic.services.flow_catalog import default_name, find

    name = flow or default_name()
    try:
        chosen = find(name)
    except FlowError as problem:
        if flow is None:
            chosen = None
        else:
            raise UsageProblem(f"--flow {problem}") from None
    if chosen is not None:
        return name, chosen
    if flow is not None:
        raise UsageProblem(f"there is no flow '{visible(name)[:40]}'; `innercritic flows` lists them")
    from innercritic.config import config_file

    sys.stderr.write(
        f"innercritic: {config_file()}: key 'default_flow': there is no exercise '{visible(name)[:40]}'"
        " (`innercritic flows` lists them); using the critic dialogue\n"
    )
    return DEFAULT_FLOW_ID, shipped_flow(DEFAULT_FLOW_ID)


def _all_flows():
    """Every exercise, shipped and the person's own; a file of theirs left out is one line on stderr."""
    from innercritic.services.flow_catalog import catalog

    found = catalog()
    for problem in found.problems:
        sys.stderr.write(f"innercritic: {problem}\n")
    return found.flows
