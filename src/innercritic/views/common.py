"""Small pieces the views and both faces use: counted nouns (`plural`, the one pluraliser
for the shell and the screens), short days, wrapped lists, chart ticks, the accent colour.
Stdlib only."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
ACCENT = "cyan"


def plural(n: int, one: str, many: str | None = None) -> str:
    """ "1 dialogue", "3 dialogues"; `many` for nouns that do not just add an s ("entries")."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def short_day(day: date) -> str:
    return f"{day.day} {day:%b}"


def wrap_items(prefix: str, items: Sequence[str], width: int, indent: str = "  ") -> list[str]:
    """`prefix` then the items joined by " · ", wrapped between items to `width`."""
    lines: list[str] = []
    current = prefix
    for i, item in enumerate(items):
        piece = item if i == 0 else " · " + item
        if i and len(current) + len(piece) > width:
            lines.append(current + " ·")
            current = indent + item
        else:
            current += piece
    lines.append(current)
    return lines


def axis_ticks(first: int, last: int, label_of, count: int = 5) -> tuple[list[int], list[str]]:
    if last <= first:
        return [first], [label_of(first)]
    steps = min(count - 1, last - first)
    ticks = sorted({first + round(i * (last - first) / steps) for i in range(steps + 1)})
    return ticks, [label_of(t) for t in ticks]
