"""The `innercritic` executable.

Typer costs more start-up time than a whole check-in may take, so the
commonest exact forms of `checkin`, `history`, `nudge`, `talk` and the bare
command (options only, each known, each once) are recognised here and sent straight to the same
functions the Typer commands call. Anything else, including --help and every
malformed form, goes to Typer, which owns usage messages. tests/cli checks
that both routes give the same results.
"""

from __future__ import annotations

import errno
import os
import sys

# command -> (options that take a value, flags) with the keyword each maps to
_QUICK: dict[str, tuple[dict[str, str], dict[str, str]]] = {
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
    if args[0] not in _QUICK:
        return None
    command, rest = args[0], args[1:]
    valued, flags = _QUICK[command]
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


def _run_quick(command: str, db: str | None, options: dict[str, object]) -> int:
    if command == "nudge":
        from .locations import resolve_db_path
        from .nudge import run_nudge

        return run_nudge(resolve_db_path(db)[0])
    from . import shell
    from .services import Settings

    settings = Settings.from_flag(db)
    if command == "home":
        from .tui_launch import open_tui

        open_tui(settings)
    elif command == "talk":
        return shell.run_talk(settings, plain=False, **options)
    elif command == "checkin":
        shell.run_checkin(settings, **options)
    else:
        shell.run_history(settings, **options)
    return 0


_DEVICE_FULL_OR_FAILING = (errno.ENOSPC, errno.EDQUOT, errno.EIO)
COMPLETION_VARIABLE = "_INNERCRITIC_COMPLETE"


def _could_not_write(failed: OSError) -> int:
    reason = failed.strerror or failed.__class__.__name__
    sys.stderr.write(f"innercritic: could not write the output ({reason}); what was already saved is safe\n")
    return 1


def _has_invalid_utf8(argv: list[str]) -> bool:
    return any(any(0xDC80 <= ord(ch) <= 0xDCFF for ch in arg) for arg in argv)


def _never_fail_on_encoding() -> None:
    """A terminal whose locale cannot show a character gets a replacement for it (`?`),
    never a UnicodeEncodeError halfway through a command that has already saved."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "replace") != "replace":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # closed or detached: nothing to protect
                pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    os.umask(0o077)  # anything innercritic creates is private to its owner
    _never_fail_on_encoding()
    from .errors import InnerCriticError

    try:
        if _has_invalid_utf8(argv):
            sys.stderr.write("innercritic: arguments must be valid UTF-8 text\n")
            return 2
        # Shell completion (Click reads _INNERCRITIC_COMPLETE) is Typer's to answer: the quick
        # route would take the bare command for "open the app".
        completing = COMPLETION_VARIABLE in os.environ
        quick = None if completing else parse_quick(argv)
        if quick is not None:
            return _run_quick(*quick)
        from .cli import app

        if completing:
            from typer.completion import completion_init

            completion_init()  # the shells Typer answers for (add_completion=False leaves them out)

        app(args=argv, prog_name="innercritic")
        return 0
    except InnerCriticError as problem:
        from .textsafe import one_line  # a name or path typed by someone can hold escape codes

        sys.stderr.write(f"innercritic: {one_line(str(problem))}\n")
        return problem.exit_code
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as unexpected:  # noqa: BLE001 - never a traceback full of someone's journal
        if os.environ.get("INNERCRITIC_DEBUG"):
            raise
        if isinstance(unexpected, OSError) and unexpected.errno in _DEVICE_FULL_OR_FAILING:
            return _could_not_write(unexpected)
        sys.stderr.write(
            f"innercritic: something went wrong inside innercritic ({unexpected.__class__.__name__}); "
            "what was already saved is safe. Set INNERCRITIC_DEBUG=1 to see details.\n"
        )
        return 1


# Quick-route commands that end with nothing left to tidy: no Textual, no
# threads, the journal already closed. They skip the interpreter's teardown.
_ENDS_CLEAN = ("checkin", "history", "nudge")


def run() -> None:
    argv = sys.argv[1:]
    code = main(argv)
    quick = None if COMPLETION_VARIABLE in os.environ else parse_quick(argv)
    if quick is not None and quick[0] in _ENDS_CLEAN:
        _exit_without_teardown(code)
    _flush_for_a_reader_gone()
    sys.exit(code)


def _flush_for_a_reader_gone() -> None:
    """Output still buffered when the reader has gone (`innercritic flows | head -1`) would
    make the interpreter's last flush fail loudly (status 120); the reader had read enough."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from .consoles import quiet_stdout

        quiet_stdout()
    except (OSError, ValueError):
        pass


def _exit_without_teardown(code: int) -> None:
    """Flush the output and end the process at once.

    Python's normal exit frees every module and object one by one, which takes
    longer than a whole rare-word search (about 5 ms of a 40 ms run here). After
    a quick shell command there is nothing it would do that matters: the
    journal's connection is closed, so SQLite has already tidied its -wal file."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error
        pass
    except OSError as failed:
        code = code or _could_not_write(failed)
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)
