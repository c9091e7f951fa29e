"""Open the full-screen app. Kept apart so Textual loads only when asked for.

Every way into the app (bare `innercritic`, `talk`, `browse`, `breathe`, through the quick
route in entry.py or through Typer) comes through open_tui, which first makes sure there
is a terminal to draw on: without one the app would write escape codes into a pipe and
wait for keys that never come."""

from __future__ import annotations

import sys

from innercritic.errors import UsageProblem
from innercritic.services.entries import Settings

NO_TERMINAL = (
    "the full-screen app needs a terminal to draw on, and input or output is redirected here; "
    "`innercritic talk --plain` asks the same questions line by line"
)


def require_terminal() -> None:
    """Refuse at once (exit 2) unless standard input, output and error are all terminals
    (Textual reads keys from the first and draws on the last)."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        try:
            if stream is not None and stream.isatty():
                continue
        except (AttributeError, ValueError):  # closed or replaced by something without isatty
            pass
        raise UsageProblem(NO_TERMINAL)


def open_tui(settings: Settings, **start: object) -> None:
    require_terminal()
    from innercritic.tui.app import make_app

    app = make_app(settings, **start)
    app.run()
    if app.return_code:  # 129 after the terminal closed, 1 after an unexpected error
        raise SystemExit(app.return_code)
