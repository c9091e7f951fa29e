"""Paced breathing: which phase a moment falls in, and for how long it lasts.

Pure and stdlib only. A pattern is (in, hold, out) in whole seconds; the
breath repeats in that order. A hold of 0 means no pause at all.
"""

from __future__ import annotations

import math

Pattern = tuple[int, int, int]

PHASES = ("in", "hold", "out")
LONGEST = 20
DEFAULT: Pattern = (4, 4, 6)


def parse_pattern(text: str) -> Pattern:
    """'4-4-6' -> (4, 4, 6). Breathing in and out take 1 to 20 seconds, the hold 0 to 20."""
    parts = [part.strip() for part in text.strip().split("-")]
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        raise ValueError(
            f"'{text}' is not a breathing pattern I understand; "
            "write three numbers like 4-4-6 (in, hold, out)"
        )
    pattern = (int(parts[0]), int(parts[1]), int(parts[2]))
    check_pattern(pattern)
    return pattern


def check_pattern(pattern: Pattern) -> None:
    """Raise ValueError with a plain message if the pattern can't be breathed."""
    if len(pattern) != 3:
        raise ValueError("a breathing pattern has three parts: in, hold, out")
    breathe_in, hold, breathe_out = pattern
    for name, value, lowest in (("in", breathe_in, 1), ("hold", hold, 0), ("out", breathe_out, 1)):
        if not isinstance(value, int) or isinstance(value, bool) or not lowest <= value <= LONGEST:
            raise ValueError(
                f"the '{name}' part should be between {lowest} and {LONGEST} seconds, not {value}"
            )


def cycle_length(pattern: Pattern) -> int:
    """Seconds in one whole breath."""
    return sum(pattern)


def _locate(pattern: Pattern, elapsed_seconds: float) -> tuple[str, float, int]:
    """(phase, seconds already spent in it, its full length)."""
    check_pattern(pattern)
    if elapsed_seconds < 0:
        raise ValueError("elapsed time can't be negative")
    into_cycle = math.fmod(elapsed_seconds, cycle_length(pattern))
    for name, length in zip(PHASES, pattern):
        if length == 0:
            continue
        if into_cycle < length:
            return name, into_cycle, length
        into_cycle -= length
    # Only reachable through float rounding at the very end of a cycle.
    return "in", 0.0, pattern[0]


def phase_at(pattern: Pattern, elapsed_seconds: float) -> tuple[str, int]:
    """The phase ('in', 'hold' or 'out') at this moment, and whole seconds left in it.

    The count never reads 0: at the first instant of a phase it shows its full
    length, and it reaches 1 during the last second.
    """
    name, spent, length = _locate(pattern, elapsed_seconds)
    return name, max(1, math.ceil(length - spent - 1e-9))


def phase_fraction(pattern: Pattern, elapsed_seconds: float) -> float:
    """How far through the current phase we are, 0.0 at its start up to (not including) 1.0."""
    _, spent, length = _locate(pattern, elapsed_seconds)
    return min(max(spent / length, 0.0), 1.0)


def session_length(pattern: Pattern, seconds: int) -> int:
    """The requested time rounded to whole breaths (at least one), so it ends on a breath out."""
    check_pattern(pattern)
    if seconds <= 0:
        raise ValueError("a breathing session needs some time; try 60 seconds")
    cycle = cycle_length(pattern)
    return max(1, round(seconds / cycle)) * cycle
