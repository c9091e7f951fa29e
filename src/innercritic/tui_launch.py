"""Open the full-screen app. Kept apart so Textual loads only when asked for."""

from __future__ import annotations

from .services import Settings


def open_tui(settings: Settings, **start: object) -> None:
    from .app import make_app

    app = make_app(settings, **start)
    app.run()
    if app.return_code:  # 129 after the terminal closed, 1 after an unexpected error
        raise SystemExit(app.return_code)
