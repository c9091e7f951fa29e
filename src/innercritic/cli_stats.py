"""Typer commands for trends: stats."""

from __future__ import annotations

from collections.abc import Callable

import typer


def register(app: typer.Typer, settings_of: Callable) -> None:
    """Add this module's commands to the app."""
