"""`innercritic nudge`: one kind line for a shell's rc file when there is no check-in today.

It runs on every new shell, so it is quick and it never fails: no journal,
a locked one or an unreadable one all mean silence and exit 0.
"""

from __future__ import annotations

import sys
from datetime import date

from .services import Settings


def _lines() -> list[str]:
    from .resources import data_path

    with open(data_path("nudges.txt"), encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def pick_line(today: date, lines: list[str]) -> str:
    return lines[today.toordinal() % len(lines)]


def nudge_text(settings: Settings, today: date | None = None) -> str | None:
    import os

    from .engine.dates import local_day
    from .store.journal import Journal

    today = today or date.today()
    if not os.path.isfile(settings.db_path):
        return None
    with Journal(settings.db_path, create=False) as journal:
        last = journal.last_checkin_at()
    if last is not None and local_day(last) >= today:
        return None
    return pick_line(today, _lines())


def run_nudge(settings: Settings) -> int:
    try:
        text = nudge_text(settings)
        if text:
            sys.stdout.write(text + "\n")
    except Exception:  # noqa: BLE001 - a nudge must never get in the way of a new shell
        pass
    return 0
