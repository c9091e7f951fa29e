"""Trends per part, for `innercritic stats` and the Insights screen: the fear
sentences each part named, with the themes that recur in them, and its loudness
before → after each dialogue over time. Pure Python, stdlib only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .fears import count_fears

SENTENCES_SHOWN = 5  # the newest fear sentences of each part
THEMES_SHOWN = 4
NO_PART = None  # dialogues with no named part are grouped under this


@dataclass(frozen=True)
class PartFears:
    """name: the part (None: dialogues with no named part); answers: how many fear
    answers it gave in the window; sentences: (day, text), newest first, at most
    SENTENCES_SHOWN; themes: (words, answers naming them) that recur (2 or more)."""

    name: str | None
    answers: int
    sentences: tuple[tuple[date, str], ...]
    themes: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class PartLoudness:
    """One part's dialogues with both loudness numbers: (day, before, after), oldest first."""

    name: str | None
    pairs: tuple[tuple[date, int, int], ...]


def fears_by_part(answers: Iterable[tuple[date, str | None, str]]) -> tuple[PartFears, ...]:
    """`answers` are (day, part, fear sentence); parts with the most answers first."""
    grouped: dict[str | None, list[tuple[date, str]]] = {}
    for day, part, text in answers:
        if text and text.strip():
            grouped.setdefault(part, []).append((day, " ".join(text.split())))
    found = []
    for name, items in grouped.items():
        newest = sorted(items, key=lambda item: item[0], reverse=True)
        themes = tuple((w, n) for w, n in count_fears(t for _, t in items) if n >= 2)[:THEMES_SHOWN]
        found.append(PartFears(name, len(items), tuple(newest[:SENTENCES_SHOWN]), themes))
    found.sort(key=lambda p: (-p.answers, p.name is None, (p.name or "").casefold()))
    return tuple(found)


def loudness_by_part(dialogues: Iterable[tuple[date, str | None, int | None, int | None]]) -> tuple[PartLoudness, ...]:
    """`dialogues` are (day, part, before, after); only named parts, those with the most
    rated dialogues first."""
    grouped: dict[str, list[tuple[date, int, int]]] = {}
    for day, part, before, after in dialogues:
        if part is not None and before is not None and after is not None:
            grouped.setdefault(part, []).append((day, before, after))
    found = [PartLoudness(name, tuple(sorted(pairs))) for name, pairs in grouped.items()]
    found.sort(key=lambda p: (-len(p.pairs), p.name.casefold()))
    return tuple(found)
