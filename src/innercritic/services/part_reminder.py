"""The optional part reminder: "It's been 9 days since you last checked in with The
Clipboard." Said by the home screen and `innercritic nudge`, only when the person
turned it on (`innercritic config set part_reminder on`), never otherwise.

Base layer, stdlib only and light: the nudge runs on every new shell. The config
file is parsed (tomllib, which loads `re`) only when it mentions the key at all.
"""

from __future__ import annotations

from datetime import date, datetime

KEY = "part_reminder"


def turned_on(config_path: str | None = None) -> bool:
    from innercritic import config

    path = config_path or config.config_file()
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            if KEY not in handle.read(64 * 1024):
                return False
    except OSError:
        return False
    return config.is_on(KEY, config.read(path))


def reminder_line(name: str, last_at: str, today: date | None = None) -> str | None:
    """The line for a part last met at `last_at` (UTC ISO), or None when that was today."""
    from innercritic.textsafe import one_line

    try:
        last = datetime.fromisoformat(last_at).astimezone().date()
    except (TypeError, ValueError):
        return None
    days = ((today or date.today()) - last).days
    if days < 1:
        return None
    span = "a day" if days == 1 else f"{days} days"
    return f"It's been {span} since you last checked in with {one_line(name, 40)}."
