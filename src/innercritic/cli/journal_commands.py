"""Typer commands for looking after the journal: parts, export/import, deletion.

Thin: each parses, then calls cli/journal_actions.py. Only Typer is imported here;
the journal, Rich and SQLModel load inside the commands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Optional

import typer

from innercritic.cli.completion import part_names as _complete_parts


def _shell():
    from innercritic.cli import journal_actions as journal_shell

    return journal_shell


def register(app: typer.Typer, settings_of: Callable) -> None:
    """Add this module's commands to the app."""
    from innercritic.cli.group import command_group

    # ---- export / import ---------------------------------------------------------------

    @app.command(
        epilog=(
            "\b\nMarkdown (the default) reads well in any viewer: a title, then one section per\n"
            "entry, the critic's words as quotes. JSON is a versioned document that `innercritic\n"
            "import` can rebuild the journal from (docs/export-format.md). A file written with\n"
            "--out is readable by you alone (mode 0600) and never replaces an existing file\n"
            "unless you pass --force.\n"
            "Dates (--from, --to, --on): 2026-11-20 or 2026/11/20, today, yesterday,\n"
            "7d, 2w, 3m, 1y (days, weeks, months, years ago), a time of day (9:30, 9pm,\n"
            "2026-11-20 14:00), or words: 'last monday', '2 weeks ago', 'yesterday 9pm'.\n"
            "A day means all of it: --from its start, --to its end; --on DAY is that one day.\n"
            "Examples:\n"
            "  innercritic export > journal.md\n"
            "  innercritic export --json --out backup.json\n"
            "  innercritic export --part Taskmaster --from 30d --out taskmaster.md\n"
            "  innercritic export -n 5 --kind dialogue --format json | jq '.entries[].uid'"
        )
    )
    def export(
        ctx: typer.Context,
        fmt: Annotated[str, typer.Option("--format", "-f", metavar="md|json", help="Markdown or JSON (default md).")] = "md",
        out: Annotated[
            Optional[str], typer.Option("--out", "-o", metavar="FILE", help="Write to this file (default: standard output).")
        ] = None,
        force: Annotated[bool, typer.Option("--force", help="Replace FILE if it already exists.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="JSON (the same as --format json).")] = False,
        n: Annotated[Optional[str], typer.Option("-n", metavar="N", help="Only the N newest entries.")] = None,
        since: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="Only entries on or after this day.")] = None,
        until: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Only entries on or before this day.")] = None,
        on: Annotated[Optional[str], typer.Option("--on", metavar="DAY", help="Only entries on this one day.")] = None,
        part: Annotated[Optional[str], typer.Option("--part", metavar="NAME", autocompletion=_complete_parts, help="Only entries about this part.")] = None,
        kind: Annotated[Optional[str], typer.Option("--kind", metavar="dialogue|checkin", help="Only one kind of entry.")] = None,
        search: Annotated[
            Optional[str], typer.Option("--search", metavar="TEXT", help="Only entries whose words match (as in `history --search`).")
        ] = None,
    ) -> None:
        """Export the journal (or part of it) as Markdown or JSON, oldest entry first."""
        from innercritic.cli.group import option_given
        from innercritic.services.entries import format_with_json

        _shell().run_export(
            settings_of(ctx), fmt=format_with_json(fmt, as_json, option_given(ctx, "fmt")), out=out, force=force, limit=n, since=since, until=until,
            part=part, kind=kind, search=search, on=on,
        )

    @app.command(
        "import",
        epilog=(
            "\b\nOnly a JSON export from `innercritic export --format json` can be imported.\n"
            "Entries already in the journal (same uid) are skipped, so importing the same file\n"
            "twice adds nothing. Parts are matched by uid, else by name. A damaged, foreign or\n"
            "newer file is refused and nothing is imported.\n"
            "Examples:\n"
            "  innercritic import backup.json\n"
            "  innercritic --db ~/new.db import backup.json\n"
            "  cat backup.json | innercritic import -"
        ),
    )
    def import_(
        ctx: typer.Context,
        file: Annotated[str, typer.Argument(metavar="FILE", help="A JSON export ('-' for standard input).")],
    ) -> None:
        """Restore a JSON export into this journal (new or existing)."""
        _shell().run_import(settings_of(ctx), path=file)

    # ---- deletion ----------------------------------------------------------------------

    @app.command(
        epilog=(
            "\b\nThe entry's words are erased from the journal file, its search index and its\n"
            "-wal file, not just hidden. Its part (a name) stays; `forget --all` removes everything.\n"
            "Examples:\n"
            "  innercritic delete 12            asks first\n"
            "  innercritic delete 12 --yes      for scripts"
        )
    )
    def delete(
        ctx: typer.Context,
        entry_id: Annotated[str, typer.Argument(metavar="ID", help="The id from `innercritic history`.")],
        yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    ) -> None:
        """Delete one dialogue or check-in for good."""
        _shell().run_delete(settings_of(ctx), entry_id=entry_id, yes=yes)

    @app.command(
        epilog=(
            "\b\nEvery dialogue, check-in and part is erased from the journal file, its search\n"
            "index and its -wal file; the empty journal stays. It asks twice in a terminal.\n"
            "Examples:\n"
            "  innercritic forget --all\n"
            "  innercritic export --format json --out backup.json && innercritic forget --all --yes"
        )
    )
    def forget(
        ctx: typer.Context,
        everything: Annotated[bool, typer.Option("--all", help="Delete everything (required).")] = False,
        yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    ) -> None:
        """Delete the whole journal's contents for good."""
        _shell().run_forget(settings_of(ctx), everything=everything, yes=yes)

    # ---- parts -------------------------------------------------------------------------

    parts_app = command_group(
        app,
        "parts",
        help="The parts map: the parts you have met, how often, and what they say.",
        invoke_without_command=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        epilog=(
            "\b\nExamples:\n"
            "  innercritic parts\n"
            "  innercritic parts show Taskmaster\n"
            "  innercritic parts add Judge --description 'compares me to everyone'\n"
            "  innercritic parts rename judge 'The Judge'\n"
            "  innercritic parts merge Pusher Taskmaster"
        ),
    )

    @parts_app.callback()
    def parts_default(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    ) -> None:
        """The parts map: the parts you have met, how often, and what they say."""
        if ctx.invoked_subcommand is None:
            _shell().run_parts_list(settings_of(ctx), as_json=as_json)

    @parts_app.command(
        "list",
        epilog="\b\nExamples:\n  innercritic parts list\n  innercritic parts list --json | jq '.[] | {name, times}'",
    )
    def parts_list(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    ) -> None:
        """Every part: how many times it came up in dialogues and check-ins, and when last."""
        _shell().run_parts_list(settings_of(ctx), as_json=as_json)

    @parts_app.command(
        "show",
        epilog=(
            "\b\nExamples:\n"
            "  innercritic parts show Taskmaster\n"
            "  innercritic parts show taskmaster -n 10\n"
            "  innercritic parts show Taskmaster --json | jq '.story[] | {at, fears, needs}'"
        ),
    )
    def parts_show(
        ctx: typer.Context,
        name: Annotated[str, typer.Argument(metavar="NAME", autocompletion=_complete_parts, help="The part's name (any case).")],
        n: Annotated[Optional[str], typer.Option("-n", metavar="N", help="Only the newest N dialogues of its story (default all).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    ) -> None:
        """One part's story, newest first and dated: per dialogue, loudness before → after,
        what it said, fears, protects you from, wants for you, how long it has had the job,
        what you appreciated and what it needs to trust you a little more."""
        _shell().run_parts_show(settings_of(ctx), name=name, limit=n, as_json=as_json)

    @parts_app.command(
        "add",
        epilog="\b\nExamples:\n  innercritic parts add Taskmaster\n  innercritic parts add Judge --description 'compares me to everyone'",
    )
    def parts_add(
        ctx: typer.Context,
        name: Annotated[str, typer.Argument(metavar="NAME", help="A name, unique regardless of case.")],
        description: Annotated[
            Optional[str], typer.Option("--description", "-d", metavar="TEXT", help="A few words about the part.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the new part as JSON.")] = False,
    ) -> None:
        """Add a part before it comes up in a dialogue or check-in."""
        _shell().run_parts_add(settings_of(ctx), name=name, description=description, as_json=as_json)

    @parts_app.command(
        "rename",
        epilog="\b\nExamples:\n  innercritic parts rename judge 'The Judge'\n  innercritic parts rename taskmaster Taskmaster",
    )
    def parts_rename(
        ctx: typer.Context,
        old: Annotated[str, typer.Argument(metavar="OLD", autocompletion=_complete_parts, help="The current name (any case).")],
        new: Annotated[str, typer.Argument(metavar="NEW", help="The new name; must not belong to another part.")],
    ) -> None:
        """Rename a part. To fold two parts into one, use `parts merge`."""
        _shell().run_parts_rename(settings_of(ctx), old=old, new=new)

    @parts_app.command(
        "merge",
        epilog=(
            "\b\nEvery dialogue and check-in of FROM moves to INTO, then FROM is removed, all at once.\n"
            "INTO keeps its name; FROM's description is added to INTO's, so no word is lost.\n"
            "Example:\n"
            "  innercritic parts merge Pusher Taskmaster"
        ),
    )
    def parts_merge(
        ctx: typer.Context,
        source: Annotated[str, typer.Argument(metavar="FROM", autocompletion=_complete_parts, help="The part to fold in and remove.")],
        into: Annotated[str, typer.Argument(metavar="INTO", autocompletion=_complete_parts, help="The part that stays.")],
    ) -> None:
        """Merge one part into another."""
        _shell().run_parts_merge(settings_of(ctx), source=source, into=into)

    @parts_app.command(
        "describe",
        epilog=(
            "\b\nExamples:\n"
            "  innercritic parts describe Taskmaster 'keeps me busy so nobody can call me lazy'\n"
            "  innercritic parts describe Taskmaster ''      clear the description"
        ),
    )
    def parts_describe(
        ctx: typer.Context,
        name: Annotated[str, typer.Argument(metavar="NAME", help="The part (any case).")],
        description: Annotated[str, typer.Argument(metavar="TEXT", help="What it is like, in your words; '' clears it.")],
    ) -> None:
        """Describe a part (or clear its description)."""
        _shell().run_parts_describe(settings_of(ctx), name=name, description=description)

    @parts_app.command(
        "link",
        epilog=(
            "\b\nA dialogue in which the part was never named can be given one afterwards.\n"
            "The part is made if it is new.\n"
            "Examples:\n"
            "  innercritic parts link 12 Taskmaster\n"
            "  innercritic history --kind dialogue     find the dialogue's id"
        ),
    )
    def parts_link(
        ctx: typer.Context,
        entry_id: Annotated[str, typer.Argument(metavar="ID", help="The dialogue's id (from `history`).")],
        name: Annotated[str, typer.Argument(metavar="NAME", help="The part it was with (made if new).")],
    ) -> None:
        """Link a dialogue whose part was never named to a part."""
        _shell().run_parts_link(settings_of(ctx), entry_id=entry_id, name=name)
