"""The shell interface (Typer). Commands are thin: they parse, then call cli/actions.py.

Bare `innercritic` opens the TUI; Textual is imported only then.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from innercritic import __version__
from innercritic.cli import actions as shell
from innercritic.cli.completion import flow_ids as _complete_flows
from innercritic.cli.completion import part_names as _complete_parts
from innercritic.cli.group import OneLineErrors, command_group, option_given
from innercritic.cli.help_format import use_plain_help
from innercritic.errors import InnerCriticError, UsageProblem
from innercritic.services.entries import Settings

use_plain_help()


app = typer.Typer(
    cls=OneLineErrors,
    name="innercritic",
    help=(
        "A gentle journal for talking with your inner critic.\n\n"
        "Run with no command to open the full-screen app. innercritic is a self-help "
        "journal, not therapy or a crisis service: if you are in danger, run "
        "`innercritic help-now` or call your local emergency number.\n\n"
        "Everything stays on this computer, in one private file (`innercritic where`)."
    ),
    epilog=(
        "\b\nExamples:\n"
        "  innercritic                      open the app\n"
        "  innercritic talk                 talk with the critic\n"
        "  innercritic checkin --mood 3 --critic 6 --note 'long day'\n"
        "  innercritic history -n 5 --json\n"
        "  innercritic --db ~/other.db history"
    ),
    rich_markup_mode=None,
    add_completion=True,  # --install-completion / --show-completion (README: shell completion)
    no_args_is_help=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _settings(ctx: typer.Context) -> Settings:
    return ctx.obj


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"innercritic {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Optional[str],
        typer.Option("--db", metavar="PATH", help="Use this journal file instead of the default (also: INNERCRITIC_DB)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    ctx.obj = Settings.from_flag(db)
    if ctx.invoked_subcommand is None:
        from innercritic.tui.launch import open_tui

        open_tui(ctx.obj)


@app.command(
    epilog=(
        "\b\nExamples:\n"
        "  innercritic checkin --mood 2 --critic 8\n"
        "  innercritic checkin --note 'the meeting went better than the critic said'\n"
        "  pbpaste | innercritic checkin --critic 4 --note -     (note from stdin, out of shell history)\n"
        "  innercritic checkin                                  (asks three questions)"
    )
)
def checkin(
    ctx: typer.Context,
    mood: Annotated[Optional[str], typer.Option("--mood", metavar="1-5", help="Your mood, 1 (low) to 5 (good).")] = None,
    critic: Annotated[
        Optional[str], typer.Option("--critic", metavar="0-10", help="How loud the critic is, 0 (quiet) to 10.")
    ] = None,
    note: Annotated[
        Optional[str], typer.Option("--note", metavar="TEXT|-", help="A short note; '-' reads it from standard input.")
    ] = None,
    part: Annotated[Optional[str], typer.Option("--part", metavar="NAME", autocompletion=_complete_parts, help="Link the check-in to a named part.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the saved check-in as JSON.")] = False,
) -> None:
    """Log a quick check-in: mood, critic loudness and an optional note.

    With no options in a terminal it asks the three questions; each can be skipped.
    """
    shell.run_checkin(_settings(ctx), mood=mood, critic=critic, note=note, part=part, as_json=as_json)


@app.command(
    epilog=(
        "\b\n"
        "Dates (--from, --to, --on): 2026-11-20 or 2026/11/20, today, yesterday,\n"
        "7d, 2w, 3m, 1y (days, weeks, months, years ago), a time of day (9:30, 9pm,\n"
        "2026-11-20 14:00), or words: 'last monday', '2 weeks ago', 'yesterday 9pm'.\n"
        "A day means all of it: --from its start, --to its end; --on DAY is that one day.\n"
        "Search: words in any order, all in the same answer or note. Case and accents\n"
        "do not matter (cafe finds Café); a word of 3 or more letters also finds longer\n"
        "words (fail finds failed, failure). \"exact phrase\": those words in that order;\n"
        "-word or -\"a phrase\": leave out what has it; OR (in capitals) between two words\n"
        "or phrases: either will do. * ^ : ( ) are spaces; AND, NOT, NEAR and a small\n"
        "or are ordinary words. Best match first, each with a snippet (a \"snippet\"\n"
        "field in --json).\n"
        "Examples:\n"
        "  innercritic history -n 10\n"
        "  innercritic history --from 7d --kind checkin\n"
        "  innercritic history --search 'lazy' --json | jq '.[].id'\n"
        "  innercritic history --search '\"not good enough\" OR useless -work'"
    )
)
def history(
    ctx: typer.Context,
    n: Annotated[Optional[str], typer.Option("-n", metavar="N", help="Show at most N entries (default 20; all with --json).")] = None,
    since: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="Only entries on or after this day.")] = None,
    until: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Only entries on or before this day.")] = None,
    on: Annotated[Optional[str], typer.Option("--on", metavar="DAY", help="Only entries on this one day.")] = None,
    part: Annotated[Optional[str], typer.Option("--part", metavar="NAME", autocompletion=_complete_parts, help="Only entries about this part.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", metavar="dialogue|checkin", help="Only one kind of entry.")] = None,
    search: Annotated[Optional[str], typer.Option("--search", metavar="TEXT", help="Only entries whose words match, best match first (see below).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """List dialogues and check-ins, newest first."""
    shell.run_history(
        _settings(ctx), limit=n, since=since, until=until, part=part, kind=kind, search=search, as_json=as_json,
        on=on,
    )


@app.command(
    epilog="\b\nExamples:\n  innercritic show 12\n  innercritic show 12 --format md > dialogue.md\n  innercritic show 12 --json"
)
def show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The id from `innercritic history`.")],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|md|json", help="Output format.")] = "text",
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON (the same as --format json).")] = False,
) -> None:
    """Show one dialogue's full transcript, or one check-in."""
    from innercritic.services.entries import format_with_json

    shell.run_show(_settings(ctx), entry_id=entry_id, fmt=format_with_json(fmt, as_json, option_given(ctx, "fmt")))


@app.command(epilog="\b\nExample:\n  innercritic where --json")
def where(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Show where the journal and the config file live."""
    shell.run_where(_settings(ctx), as_json=as_json)


@app.command(
    epilog=(
        "\b\nExamples (add one to your shell's start-up file):\n"
        "  bash:  echo 'innercritic nudge' >> ~/.bashrc\n"
        "  zsh:   echo 'innercritic nudge' >> ~/.zshrc\n"
        "  fish:  echo 'innercritic nudge' >> ~/.config/fish/config.fish"
    )
)
def nudge(ctx: typer.Context) -> None:
    """Print one kind line if there is no check-in today; otherwise nothing. Never fails."""
    from innercritic.cli.nudge import run_nudge

    run_nudge(_settings(ctx).db_path)


def _flows():
    """Every exercise (shipped, then yours); a file of yours left out is one line on stderr."""
    from innercritic.engine.flow import FlowError
    from innercritic.services.flow_catalog import catalog

    try:
        found = catalog()
    except FlowError as problem:
        raise UsageProblem(str(problem)) from None
    for problem in found.problems:
        sys.stderr.write(f"innercritic: {problem}\n")
    return found


@app.command(
    epilog=(
        "\b\nExamples:\n"
        "  innercritic talk                       the critic dialogue\n"
        "  innercritic talk --part Taskmaster     start with a part you have met before\n"
        "  innercritic talk --flow kind-eyes      another exercise (see `innercritic flows`)\n"
        "  innercritic talk --resume              continue where you stopped\n"
        "  innercritic talk --resume --take-over  continue it here though it is open elsewhere\n"
        "  printf '7\\nYou are lazy\\n' | innercritic talk --plain"
    )
)
def talk(
    ctx: typer.Context,
    flow: Annotated[Optional[str], typer.Option("--flow", metavar="ID", autocompletion=_complete_flows, help="Which guided exercise, or a flow file (default: critic, or config's default_flow).")] = None,
    part: Annotated[Optional[str], typer.Option("--part", metavar="NAME", autocompletion=_complete_parts, help="Start with this part (created if new).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the last unfinished dialogue.")] = False,
    plain: Annotated[bool, typer.Option("--plain", help="Line by line on standard input/output, no full-screen app.")] = False,
    take_over: Annotated[
        bool, typer.Option("--take-over", help="With --resume: continue it here even if another innercritic has it open.")
    ] = False,
) -> None:
    """Talk with the critic: a guided, gentle dialogue, saved as you go.

    One dialogue has one writer at a time: resuming one that is open in another
    innercritic is refused (read it with `innercritic show ID`) unless you pass
    --take-over; the other one is told the next time it saves, and keeps what it typed.
    """
    raise typer.Exit(
        shell.run_talk(_settings(ctx), flow=flow, part=part, resume=resume, plain=plain, take_over=take_over)
    )


flows_app = command_group(
    app, "flows", help="List the guided exercises, check flow files, or start one of your own.", invoke_without_command=True,
    epilog=(
        "\b\nYour own exercises are the .toml files in the flows folder beside config.toml\n"
        "(`innercritic where` prints it); docs/flows.md describes the file. A file of yours\n"
        "with the id of a shipped exercise is left out (the shipped one keeps its id).\n"
        "Examples:\n  innercritic flows\n  innercritic flows new evening\n  innercritic flows check my-flow.toml\n"
        "  innercritic talk --flow ./my-flow.toml"
    ),
)


@flows_app.callback()
def flows_list(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """List the guided exercises, shipped and yours."""
    if ctx.invoked_subcommand is not None:
        return
    found = _flows()
    flows = found.flows
    if as_json:
        from innercritic.textsafe import to_json

        sys.stdout.write(to_json([
            {"id": f.id, "title": f.title, "description": f.description, "default": f.default,
             "yours": f.id in found.yours, "path": f.path if f.id in found.yours else None}
            for f in flows.values()
        ]) + "\n")
        return
    from innercritic.textsafe import one_line

    width = max(len(f.id) for f in flows.values())
    for f in flows.values():
        mark = " (default)" if f.default else (" (yours)" if f.id in found.yours else "")
        sys.stdout.write(f"{f.id.ljust(width)}  {one_line(f.title)}{mark}\n{' ' * width}  {one_line(f.description)}\n")


@flows_app.command("check", epilog="\b\nExamples:\n  innercritic flows check\n  innercritic flows check my-flow.toml")
def flows_check(
    files: Annotated[
        Optional[list[str]], typer.Argument(metavar="FILE", help="Flow files (default: the shipped ones and yours).")
    ] = None,
) -> None:
    """Validate flow files; exit 1 if any has a problem."""
    from innercritic.engine.flow_files import check_files
    from innercritic.services.flow_catalog import user_flows_dir
    from innercritic.resources import data_path
    import glob
    import os

    paths = files or sorted(glob.glob(data_path("flows", "*.toml"))) + sorted(
        glob.glob(os.path.join(glob.escape(user_flows_dir()), "*.toml"))
    )
    problems = check_files(paths)
    for problem in problems:
        sys.stderr.write(f"{problem}\n")
    if problems:
        raise typer.Exit(1)
    sys.stdout.write(f"{len(paths)} flow file(s) OK\n")


@flows_app.command("new", epilog="\b\nExamples:\n  innercritic flows new evening\n  innercritic talk --flow evening")
def flows_new(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The new exercise's id: a-z, 0-9 and '-'.")],
) -> None:
    """Write a starter exercise into your flows folder, ready to edit and run."""
    from innercritic.cli.flow_starter import write_starter

    path = write_starter(name)
    sys.stdout.write(f"Wrote {path}\nEdit it, check it with `innercritic flows check`, run it with `innercritic talk --flow {name}`.\n")


@app.command(epilog="\b\nExamples:\n  innercritic breathe\n  innercritic breathe --minutes 3 --pattern 4-7-8")
def breathe(
    ctx: typer.Context,
    minutes: Annotated[str, typer.Option("--minutes", metavar="N", help="How long, 1 to 20 minutes.")] = "1",
    pattern: Annotated[str, typer.Option("--pattern", metavar="IN-HOLD-OUT", help="Seconds for each phase.")] = "4-4-6",
) -> None:
    """A paced breathing guide: in, hold, out. Stop any time with Escape."""
    from innercritic.engine.pacer import parse_pattern
    from innercritic.services.entries import parse_scale

    length = parse_scale(minutes, "--minutes", 1, 20) or 1
    try:
        phases = parse_pattern(pattern)
    except ValueError as problem:
        raise UsageProblem(f"--pattern: {problem}") from None
    from innercritic.tui.launch import open_tui

    open_tui(_settings(ctx), start="breathe", breathe_pattern=phases, breathe_seconds=length * 60)


@app.command(epilog="\b\nExamples:\n  innercritic browse\n  innercritic --db ~/other.db browse")
def browse(ctx: typer.Context) -> None:
    """Browse past dialogues and check-ins full-screen: search, filter, read, resume or delete."""
    from innercritic.tui.launch import open_tui

    open_tui(_settings(ctx), start="history")


def _register_more_commands() -> None:
    """Command groups that live in their own modules (each has register(app, settings_of))."""
    from innercritic.cli import care_commands as cli_care
    from innercritic.cli import encryption_commands as cli_encryption
    from innercritic.cli import journal_commands as cli_journal
    from innercritic.cli import stats_commands as cli_stats

    cli_journal.register(app, _settings)
    cli_stats.register(app, _settings)
    cli_care.register(app, _settings)
    cli_encryption.register(app, _settings)


_register_more_commands()
