"""The shell interface (Typer). Commands are thin: they parse, then call shell.py.

Bare `innercritic` opens the TUI; Textual is imported only then.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from . import __version__, shell
from .errors import InnerCriticError
from .services import Settings


class _Group(TyperGroup):
    """Turns the errors a person can cause into one line and an exit code."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except InnerCriticError as problem:
            sys.stderr.write(f"innercritic: {problem}\n")
            raise typer.Exit(problem.exit_code) from None


app = typer.Typer(
    cls=_Group,
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
    add_completion=False,
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
        from .tui_launch import open_tui

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
    part: Annotated[Optional[str], typer.Option("--part", metavar="NAME", help="Link the check-in to a named part.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the saved check-in as JSON.")] = False,
) -> None:
    """Log a quick check-in: mood, critic loudness and an optional note.

    With no options in a terminal it asks the three questions; each can be skipped.
    """
    shell.run_checkin(_settings(ctx), mood=mood, critic=critic, note=note, part=part, as_json=as_json)


@app.command(
    epilog=(
        "\b\nDates: 2026-11-20, today, yesterday, 7d (seven days ago), 2w.\n"
        "Examples:\n"
        "  innercritic history -n 10\n"
        "  innercritic history --from 7d --kind checkin\n"
        "  innercritic history --search 'lazy' --json | jq '.[].id'"
    )
)
def history(
    ctx: typer.Context,
    n: Annotated[Optional[str], typer.Option("-n", metavar="N", help="Show at most N entries (default 20; all with --json).")] = None,
    since: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="Only entries on or after this day.")] = None,
    until: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Only entries on or before this day.")] = None,
    part: Annotated[Optional[str], typer.Option("--part", metavar="NAME", help="Only entries about this part.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", metavar="dialogue|checkin", help="Only one kind of entry.")] = None,
    search: Annotated[Optional[str], typer.Option("--search", metavar="TEXT", help="Only entries whose words match (plain words, any order).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """List dialogues and check-ins, newest first."""
    shell.run_history(
        _settings(ctx), limit=n, since=since, until=until, part=part, kind=kind, search=search, as_json=as_json
    )


@app.command(
    epilog="\b\nExamples:\n  innercritic show 12\n  innercritic show 12 --format md > dialogue.md\n  innercritic show 12 --format json"
)
def show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The id from `innercritic history`.")],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|md|json", help="Output format.")] = "text",
) -> None:
    """Show one dialogue's full transcript, or one check-in."""
    shell.run_show(_settings(ctx), entry_id=entry_id, fmt=fmt)


@app.command(epilog="\b\nExample:\n  innercritic where --json")
def where(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Show where the journal and the config file live."""
    shell.run_where(_settings(ctx), as_json=as_json)


@app.command("help-now")
def help_now() -> None:
    """Crisis lines and where to find help right now."""
    shell.run_help_now()


@app.command(
    epilog=(
        "\b\nAdd it to your shell's start-up file:\n"
        "  bash:  echo 'innercritic nudge' >> ~/.bashrc\n"
        "  zsh:   echo 'innercritic nudge' >> ~/.zshrc\n"
        "  fish:  echo 'innercritic nudge' >> ~/.config/fish/config.fish"
    )
)
def nudge(ctx: typer.Context) -> None:
    """Print one kind line if there is no check-in today; otherwise nothing. Never fails."""
    from .nudge import run_nudge

    run_nudge(_settings(ctx))
