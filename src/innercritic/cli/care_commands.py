"""Typer commands for care: `help-now`, `plan`, and `config` (thin; the work is in
cli/care_actions.py, cli/plan_actions.py and config.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, Optional

import typer

from innercritic.cli.completion import setting_names as _complete_settings


def register(app: typer.Typer, settings_of: Callable) -> None:
    from innercritic.cli.group import command_group

    @app.command(
        "help-now",
        epilog=(
            "\b\nThe most urgent line comes first: the emergency number, then the people and steps in\n"
            "your safety plan (`innercritic plan`), then help lines for your country. The country\n"
            "comes from `innercritic config set country GB`, else from your language settings.\n"
            "Examples:\n"
            "  innercritic help-now\n"
            "  innercritic help-now --country IE\n"
            "  innercritic help-now --list"
        ),
    )
    def help_now(
        ctx: typer.Context,
        country: Annotated[
            Optional[str], typer.Option("--country", metavar="CODE", help="Show the lines for this country (GB, US, IE, …).")
        ] = None,
        list_all: Annotated[bool, typer.Option("--list", help="List every country innercritic has lines for.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the lines as JSON (docs/json.md).")] = False,
    ) -> None:
        """Where to find help right now: the emergency number, your safety plan, crisis lines."""
        from innercritic.cli.care_actions import run_help_now

        run_help_now(settings_of(ctx), country=country, list_all=list_all, as_json=as_json)

    plan_app = command_group(
        app, "plan", invoke_without_command=True,
        help="Your safety plan: six short parts in your own words, for a hard moment.",
        epilog=(
            "\b\nThe six parts: my warning signs; things I can do on my own; people and places that\n"
            "take my mind off it; people I can ask for help (name: how to reach them); professionals\n"
            "or services; making my surroundings safer. Every part is optional. The plan is kept in\n"
            "your journal, is part of `export --format json`, and `forget --all` erases it.\n"
            "Examples:\n"
            "  innercritic plan\n"
            "  innercritic plan edit              (in $EDITOR, else it asks part by part)\n"
            "  innercritic plan edit < plan.txt   (the text form, from standard input)\n"
            "  innercritic plan --json"
        ),
    )

    @plan_app.callback()
    def plan_show(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
        """Show your safety plan."""
        if ctx.invoked_subcommand is not None:
            return
        from innercritic.cli.plan_actions import run_plan_show

        run_plan_show(settings_of(ctx), as_json=as_json)

    @plan_app.command(
        "edit",
        epilog=(
            "\b\nWith $VISUAL or $EDITOR set, the plan opens there as text: one heading per part,\n"
            "one line per thing, and for people and services `name: how to reach them`. The\n"
            "temporary copy is private and overwritten when the editor closes. Without an editor\n"
            "it asks part by part in a terminal, or reads the text form from standard input.\n"
            "Examples:\n"
            "  innercritic plan edit\n"
            "  EDITOR=nano innercritic plan edit\n"
            "  innercritic plan edit < plan.txt"
        ),
    )
    def plan_edit(ctx: typer.Context) -> None:
        """Write or change your safety plan ($VISUAL or $EDITOR, else prompts)."""
        from innercritic.cli.plan_actions import run_plan_edit

        run_plan_edit(settings_of(ctx))

    config_app = command_group(
        app, "config", no_args_is_help=True,
        help="Settings in config.toml (`innercritic where` shows where it is).",
        epilog="\b\nExamples:\n  innercritic config list\n  innercritic config set country GB\n  innercritic config get country\n  innercritic config unset country",
    )

    @config_app.command("list", epilog="\b\nExamples:\n  innercritic config list\n  innercritic config list --json")
    def config_list(
        as_json: Annotated[bool, typer.Option("--json", help="Print as JSON (docs/json.md).")] = False,
    ) -> None:
        """Every setting, its value and what it means."""
        from innercritic import config
        from innercritic.services import preferences

        settings = preferences.current()
        if as_json:
            from innercritic.textsafe import to_json

            sys.stdout.write(to_json({"version": 1, "file": config.config_file(), "settings": {
                name: {"value": settings.value(name), "set": settings.get(name) is not None, "default": key.default,
                       "type": key.kind, "help": key.help}
                for name, key in config.KEYS.items()
            }}) + "\n")
            return
        for name, key in config.KEYS.items():
            value = settings.get(name)
            if value is not None:
                shown = config.shown_value(value)
            elif key.default is not None:
                shown = f"{config.shown_value(key.default)}  (the default; e.g. {key.example})"
            else:
                shown = f"(not set; e.g. {key.example})"
            sys.stdout.write(f"{name} = {shown}\n    {key.help}\n")

    @config_app.command("get", epilog="\b\nExamples:\n  innercritic config get country\n  innercritic config get theme")
    def config_get(key: Annotated[str, typer.Argument(metavar="KEY", autocompletion=_complete_settings)]) -> None:
        """Print the value a setting has now, its default when unset (exit status 1 when it has none)."""
        from innercritic import config
        from innercritic.services import preferences

        if key not in config.KEYS:
            config.check_value(key, "")  # one line: there is no such setting
        value = preferences.current().value(key)
        if value is None:
            raise typer.Exit(1)
        sys.stdout.write(config.shown_value(value) + "\n")

    @config_app.command(
        "set",
        epilog=(
            "\b\nSettings (`innercritic config list` says what each means):\n"
            "  theme           a theme name, e.g. nord, textual-light (the app saves the one picked with Ctrl+P)\n"
            "  country         GB, US, IE, … or general (help lines for that country)\n"
            "  default_flow    the exercise `talk` opens, e.g. kind-eyes\n"
            "  home_labels     gentle or short\n"
            "  week_start      monday or sunday\n"
            "  date_format     a strftime pattern, e.g. '%Y-%m-%d %H:%M'\n"
            "  reduced_motion  true or false\n"
            "Examples:\n  innercritic config set country GB\n  innercritic config set theme nord\n"
            "  innercritic config set reduced_motion true"
        ),
    )
    def config_set(
        key: Annotated[str, typer.Argument(metavar="KEY", autocompletion=_complete_settings)], value: Annotated[str, typer.Argument(metavar="VALUE")]
    ) -> None:
        """Set one setting (checked first; a bad value changes nothing)."""
        from innercritic import config

        stored = config.check_value(key, value)
        path = config.write(key, stored)
        sys.stdout.write(f"{key} = {config.shown_value(stored)}  ({path})\n")
        if key == "country":
            from innercritic.engine.helplines import shipped

            if not shipped().known(stored) and stored != "general":
                sys.stdout.write(f"innercritic has no lines listed for {stored} yet; help-now shows findahelpline.com.\n")

    @config_app.command("unset", epilog="\b\nExample:\n  innercritic config unset country")
    def config_unset(key: Annotated[str, typer.Argument(metavar="KEY", autocompletion=_complete_settings)]) -> None:
        """Remove one setting, so its default applies again."""
        from innercritic import config

        if key not in config.KEYS:
            config.check_value(key, "")
        path = config.write(key, None)
        sys.stdout.write(f"{key} unset  ({path})\n")
