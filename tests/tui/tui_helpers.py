"""Drive the app the way a person would, and wait for its database thread."""

from __future__ import annotations

import asyncio
import os
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)

from innercritic.tui.app import make_app
from innercritic.services.entries import Settings

# The one stylesheet the screens' looks live in: a test app that shows a screen on its own
# sets CSS_PATH = STYLESHEET so the screen is drawn as the real app draws it.
STYLESHEET = os.path.join(os.path.dirname(os.path.abspath(make_app.__code__.co_filename)), "app.tcss")


def app_for(db_path, **start):
    return make_app(Settings(db_path=str(db_path), db_is_default=False), **start)


async def settle(pilot) -> None:
    """Let queued database work finish and its results reach the screen."""
    app = pilot.app
    for _ in range(3):
        await asyncio.wrap_future(app.worker.idle())
        await pilot.pause()


async def type_answer(pilot, text: str) -> None:
    area = pilot.app.screen.query(".answer-input").first()
    area.insert(text)
    await pilot.press("enter")
    await settle(pilot)


async def choose_scale(pilot, value: int) -> None:
    for char in str(value):
        await pilot.press(char)
    await pilot.press("enter")
    await settle(pilot)


def rows(db_path, sql, *params):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()
