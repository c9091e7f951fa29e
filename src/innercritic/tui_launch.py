"""Open the full-screen app. Kept apart so Textual loads only when asked for."""

from __future__ import annotations

from .services import Settings


def open_tui(settings: Settings, **start: object) -> None:
    from .app import make_app

    make_app(settings, **start).run()
