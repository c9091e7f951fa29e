"""The `innercritic` executable: main() and run().

Typer costs more start-up time than a whole check-in may take, so the commonest exact
forms go through the quick route (cli/quick.py) first; anything else goes to Typer,
which owns usage messages.
"""

from __future__ import annotations

import errno
import os
import sys

from innercritic.cli.quick import parse_quick, run_quick  # noqa: F401 (parse_quick: tests call it here too)

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
            return run_quick(*quick)
        from innercritic.cli.app import app

        if completing:
            from typer.completion import completion_init

            completion_init()  # the shells Typer answers for (add_completion=False leaves them out)

        app(args=argv, prog_name="innercritic")
        return 0
    except InnerCriticError as problem:
        from innercritic.textsafe import one_line  # a name or path typed by someone can hold escape codes

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
    quick = None if COMPLETION_VARIABLE in os.environ else parse_quick(argv)
    ends_clean = quick is not None and quick[0] in _ENDS_CLEAN
    if ends_clean:
        # The cycle collector would run several times while the modules load (3 ms of a
        # 45 ms search here) and find nothing to free: what these commands make is
        # records, rows and strings, which reference counting frees.
        import gc

        gc.disable()
    code = main(argv)
    if ends_clean:
        _exit_without_teardown(code)
    _flush_for_a_reader_gone()
    sys.exit(code)


def _flush_for_a_reader_gone() -> None:
    """Output still buffered when the reader has gone (`innercritic flows | head -1`) would
    make the interpreter's last flush fail loudly (status 120); the reader had read enough."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from innercritic.views.consoles import quiet_stdout

        quiet_stdout()
    except (OSError, ValueError):
        pass


def _exit_without_teardown(code: int) -> None:
    """Flush the output and end the process at once.

    Python's normal exit frees every module and object one by one, which takes
    longer than a whole rare-word search (about 5 ms of a 40 ms run here). After
    a quick shell command there is nothing it would do that matters: the
    journal's connection is closed (so SQLite has tidied its -wal file, or, for a
    command that only read, had nothing to tidy)."""
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
