"""The settings the whole program follows, read from config.toml (config.py) as a command starts.

current() reads the file when it has changed since the last read (so it costs one stat
after that), says each problem once on standard error (one line naming the file and the
key; the defaults are used), and applies what changes how things look everywhere: the
date format. The app writes a setting back with remember() when the person changes it
there (a theme picked with Ctrl+P).
"""

from __future__ import annotations

import os
import sys

from innercritic import config

_cache: dict[str, tuple[tuple[int, int] | None, config.Settings]] = {}
_WEEKDAYS = {"monday": 0, "sunday": 6}


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def current(report: bool = True) -> config.Settings:
    """The settings in effect (defaults for anything unset or unusable)."""
    path = config.config_file()
    stamp = _stamp(path)
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    settings = config.read(path) if stamp is not None else config.Settings({}, [])
    _cache[path] = (stamp, settings)
    if report:
        for problem in settings.problems:
            try:
                sys.stderr.write(f"innercritic: {problem}\n")
            except (OSError, ValueError):
                pass
    from innercritic.engine import dates

    dates.set_display_format(settings.value("date_format"))
    return settings


def value(key: str):
    return current().value(key)


def first_weekday() -> int:
    """0 for Monday, 6 for Sunday (config's week_start)."""
    return _WEEKDAYS.get(value("week_start"), 0)


def remember(key: str, text: str) -> str | None:
    """Check and write one setting changed in the app; None when done, else the one-line problem."""
    from innercritic.errors import InnerCriticError

    try:
        stored = config.check_value(key, text)
        if current(report=False).get(key) != stored:
            config.write(key, stored)
    except InnerCriticError as problem:
        return str(problem)
    return None
