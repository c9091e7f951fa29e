"""`innercritic nudge`: one kind line for a shell's rc file when nothing was written today.

Any entry today (a check-in or a dialogue) means silence. So does a file that
is not a journal it can read, or any failure at all: it runs on every new
shell, so it loads almost nothing and never fails (exit 0). Before the journal
exists it nudges too (a new user who has just added it to their rc file sees
it work) and creates nothing: no folder, no file.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime


def _lines() -> list[str]:
    from innercritic.resources import data_path

    with open(data_path("nudges.txt"), encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def pick_line(today: date, lines: list[str]) -> str:
    return lines[today.toordinal() % len(lines)]


def nudge_text(db_path: str, today: date | None = None) -> str | None:
    today = today or date.today()
    if os.path.exists(db_path):
        if not os.path.isfile(db_path):
            return None  # a folder or a device: not ours to talk about
        from innercritic.store.peek import last_entry_at

        last = last_entry_at(db_path)
        if last is not None and datetime.fromisoformat(last).astimezone().date() >= today:
            return None
    return pick_line(today, _lines())


def run_nudge(db_path: str) -> int:
    try:
        text = nudge_text(db_path)
        if text:
            sys.stdout.write(text + "\n")
    except Exception:  # noqa: BLE001 - a nudge must never get in the way of a new shell
        pass
    return 0
