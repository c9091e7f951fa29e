"""Rich consoles for the shell's output. Rich ends the process with status 1 when the
reader of a pipe goes away (`innercritic stats | head -1`); innercritic treats that as
the reader having read enough (status 0, nothing on stderr), as Python's own writes are
treated (entry.py, cli.py's _Group). Rich loads only when a command draws with it."""

from __future__ import annotations


def shell_console(**options):
    from rich.console import Console

    class _ShellConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return _ShellConsole(**options)


def quiet_stdout() -> None:
    """Send the rest of standard output nowhere: its reader has gone."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real descriptor (a test's captured stdout)
        pass
