"""Open the full-screen app. Kept apart so Textual loads only when asked for.

Every way into the app (bare `innercritic`, `talk`, `browse`, `breathe`, through the quick
route in entry.py or through Typer) comes through open_tui, which first makes sure there
is a terminal to draw on: without one the app would write escape codes into a pipe and
wait for keys that never come."""

from __future__ import annotations

import sys

from innercritic.errors import UsageProblem
from innercritic.services.entries import Settings

LINGER_SECONDS = 1.0  # how long Textual's own threads may take to stop once the app has ended

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
    import gc

    # Loading Textual and drawing the first screen makes a great many objects and almost no
    # garbage: the cyclic collector would only keep stopping to walk them (about 30 ms of
    # the first prompt). It starts again, with those objects set aside, once the screen is up.
    gc.disable()
    try:
        from innercritic.tui.app import make_app

        app = make_app(settings, **start)
        app.when_first_drawn(collect_again)
        app.run()
    finally:
        collect_again()
    let_go_of_the_terminal(app.return_code or 0)
    if app.return_code:  # 129 after the terminal closed, 1 after an unexpected error
        raise SystemExit(app.return_code)


def collect_again() -> None:
    """Turn the cyclic garbage collector back on (once), leaving out what start-up made:
    those objects last as long as the app, so collections need not walk them again."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def let_go_of_the_terminal(code: int, wait: float = LINGER_SECONDS) -> None:
    """End the process if Textual's terminal threads outlive the app.

    When the terminal goes away while the app is closing, putting the terminal back fails
    quietly inside Textual and its input and output threads are never told to stop; Python
    would then wait for them for ever, the input thread spinning on the closed terminal.
    By now everything is saved (closing kept the draft and closed the journal), so after a
    moment's grace the process ends with the app's own exit code.
    """
    import threading

    lingering = [thread for thread in threading.enumerate()
                 if thread.name.startswith("textual-") and not thread.daemon and thread.is_alive()]
    for thread in lingering:
        thread.join(timeout=wait / max(1, len(lingering)))
    if any(thread.is_alive() for thread in lingering):
        import os

        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # the terminal is gone
                pass
        os._exit(code)
