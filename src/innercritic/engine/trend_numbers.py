"""The report's numbers from check-in and dialogue rows, each a small pure function.

Averages per day and per week (weeks start on Monday unless told), the critic's
loudness before → after each dialogue, how often each named part appeared, and
streaks of days with a check-in. Stdlib only; no clock unless ``today`` is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from .trend_report import LoudnessChange, LoudnessPair, PartCount, SeriesPoint, Streaks
from .trend_rows import CheckinRow, DialogueRow


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day (Monday unless ``first_weekday`` says, 6 for Sunday) of the week ``day`` is in."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def _series(groups: dict[date, list[CheckinRow]]) -> tuple[SeriesPoint, ...]:
    points = []
    for day in sorted(groups):
        rows = groups[day]
        points.append(
            SeriesPoint(
                day=day,
                mood=mean([r.mood for r in rows if r.mood is not None]),
                critic=mean([r.critic for r in rows if r.critic is not None]),
                checkins=len(rows),
            )
        )
    return tuple(points)


def daily_series(checkins: Iterable[tuple[date, CheckinRow]]) -> tuple[SeriesPoint, ...]:
    groups: dict[date, list[CheckinRow]] = {}
    for day, row in checkins:
        groups.setdefault(day, []).append(row)
    return _series(groups)


def weekly_series(
    checkins: Iterable[tuple[date, CheckinRow]], first_weekday: int = 0
) -> tuple[SeriesPoint, ...]:
    """Averages per week (Monday first unless ``first_weekday`` says): every check-in weighs the same."""
    groups: dict[date, list[CheckinRow]] = {}
    for day, row in checkins:
        groups.setdefault(week_start(day, first_weekday), []).append(row)
    return _series(groups)


def loudness_change(dialogues: Iterable[tuple[date, DialogueRow]]) -> LoudnessChange:
    pairs: list[LoudnessPair] = []
    not_rated = 0
    for day, row in sorted(dialogues, key=lambda item: (item[0], item[1].at, item[1].id)):
        if row.critic_before is None or row.critic_after is None:
            not_rated += 1
            continue
        pairs.append(LoudnessPair(day, row.critic_before, row.critic_after))
    if not pairs:
        return LoudnessChange(not_rated=not_rated)
    before = mean([p.before for p in pairs])
    after = mean([p.after for p in pairs])
    return LoudnessChange(
        rated=len(pairs),
        not_rated=not_rated,
        average_before=before,
        average_after=after,
        average_drop=before - after,
        quieter=sum(1 for p in pairs if p.after < p.before),
        louder=sum(1 for p in pairs if p.after > p.before),
        same=sum(1 for p in pairs if p.after == p.before),
        pairs=tuple(pairs),
    )


def part_counts(
    checkins: Iterable[CheckinRow], dialogues: Iterable[DialogueRow]
) -> tuple[PartCount, ...]:
    """How often each named part appeared, most often first."""
    counts: dict[str, list[int]] = {}
    shown: dict[str, str] = {}
    for index, rows in ((0, dialogues), (1, checkins)):
        for row in rows:
            if not row.part:
                continue
            key = " ".join(row.part.split()).casefold()
            shown.setdefault(key, row.part)
            counts.setdefault(key, [0, 0])[index] += 1
    parts = [PartCount(shown[k], d, c) for k, (d, c) in counts.items()]
    parts.sort(key=lambda p: (-p.total, p.name.casefold()))
    return tuple(parts)


def streaks(days_with_checkin: Iterable[date], today: date | None = None) -> Streaks:
    """Current and longest runs of consecutive days with a check-in."""
    today = today or date.today()
    days = sorted({d for d in days_with_checkin if d <= today})
    if not days:
        return Streaks()
    longest, longest_ended = 1, days[0]
    run = 1
    for previous, day in zip(days, days[1:]):
        run = run + 1 if (day - previous).days == 1 else 1
        if run >= longest:  # ties: the more recent run
            longest, longest_ended = run, day
    last = days[-1]
    current = run if (today - last).days <= 1 else 0
    return Streaks(current=current, longest=longest, longest_ended=longest_ended, checked_in_today=last == today)
