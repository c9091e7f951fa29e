"""The quick route: the commonest exact forms of `checkin`, `history`, `nudge`, `talk` and
the bare command (options only, each known, each once), recognised without Typer and sent
straight to the same functions the Typer commands call (cli/actions.py).

Typer costs more start-up time than a whole check-in may take. Anything else, including
--help and every malformed form, goes to Typer, which owns usage messages; tests/cli checks
that both routes give the same results. Stdlib only at import.
"""

from __future__ import annotations

# command -> (options that take a value, flags), each option with the keyword it is passed to
# the shell action as (cli/actions.py). TYPER_ONLY lists the options of the same Typer commands
# that the quick route leaves to Typer on purpose. tests/cli/test_quick_table.py derives the
# Typer declarations and checks both directions, so renaming an option in one place fails.
QUICK: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "checkin": (
        {"--mood": "mood", "--critic": "critic", "--note": "note", "--part": "part"},
        {"--json": "as_json"},
    ),
    "history": (
        {"-n": "limit", "--from": "since", "--to": "until", "--on": "on", "--part": "part", "--kind": "kind",
         "--search": "search"},
        {"--json": "as_json"},
    ),
    "nudge": ({}, {}),
    "talk": ({"--flow": "flow", "--part": "part"}, {"--resume": "resume", "--take-over": "take_over"}),
}
TYPER_ONLY: dict[str, set[str]] = {
    "checkin": set(),
    "history": set(),
    "nudge": set(),
    "talk": {"--plain"},  # line by line: its own route (cli/plain_talk.py)
}


def parse_quick(argv: list[str]) -> tuple[str, str | None, dict[str, object]] | None:
    """(command, --db value, keyword arguments) for a form the quick route serves, else None."""
    args = list(argv)
    db = None
    if args and (args[0] == "--db" or args[0].startswith("--db=")):
        if args[0] == "--db":
            if len(args) < 2 or args[1].startswith("-"):
                return None
            db, args = args[1], args[2:]
        else:
            db, args = args[0][len("--db="):], args[1:]
        if not db:
            return None
    if not args:
        return "home", db, {}
    if args[0] not in QUICK:
        return None
    command, rest = args[0], args[1:]
    valued, flags = QUICK[command]
    found: dict[str, object] = {key: None for key in valued.values()}
    found.update({key: False for key in flags.values()})
    seen: set[str] = set()
    i = 0
    while i < len(rest):
        token = rest[i]
        name, has_inline, inline = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in seen:
            return None
        seen.add(name)
        if name in flags and not has_inline:
            found[flags[name]] = True
            i += 1
        elif name in valued:
            if has_inline:
                value = inline
                i += 1
            elif i + 1 < len(rest) and (rest[i + 1] == "-" or not rest[i + 1].startswith("-")):
                value = rest[i + 1]
                i += 2
            else:
                return None
            found[valued[name]] = value
        else:
            return None
    return command, db, found


def run_quick(command: str, db: str | None, options: dict[str, object]) -> int:
    if command == "nudge":
        from innercritic.locations import resolve_db_path
        from innercritic.cli.nudge import run_nudge

        return run_nudge(resolve_db_path(db)[0])
    from innercritic.cli import actions as shell
    from innercritic.services.entries import Settings

    settings = Settings.from_flag(db)
    if command == "home":
        from innercritic.tui.launch import open_tui

        open_tui(settings)
    elif command == "talk":
        return shell.run_talk(settings, plain=False, **options)
    elif command == "checkin":
        shell.run_checkin(settings, **options)
    else:
        shell.run_history(settings, **options)
    return 0
