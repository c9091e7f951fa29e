"""Trends over the journal: pure computations behind `innercritic stats` and
the Insights screen.

Input is plain rows (``StatsRows``, read by store/stats_queries.py); output is
a frozen ``TrendsReport``. Stdlib only, plus the critic lens (engine/lens.py)
for the critic's recurring patterns and engine/fears.py for the fears named
most often. Nothing here reads the clock unless
``today`` is left out, so every function is easy to test.

Decisions worth knowing:

* Days are local calendar days (times are stored in UTC). The window is the
  last ``days`` days including today.
* The daily series lists only days with a check-in; a chart places them on
  a real time axis, so gaps show as gaps. Weeks start on Monday.
* Before → after compares the critic's loudness at the start and the end of
  each dialogue. Dialogues missing either number are counted as not rated and
  left out of the averages; ``average_drop`` is positive when the critic got
  quieter.
* Streaks count days with at least one check-in, over the whole journal (a
  streak does not stop at the edge of the window). A streak that reached
  yesterday is still current: today is not over yet.
* Fears are counted once per answer that names them, so one long answer
  cannot outweigh several short ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from . import dates
from .fears import APOSTROPHES, count_fears

MIN_DAYS = 1
MAX_DAYS = 3650
WEEKLY_AFTER_DAYS = 60  # a weekly series is added when the window is longer than this
FEAR_ROLES = ("fears", "protects_from")
CRITIC_ROLE = "critic_words"

# ---- input rows ----------------------------------------------------------------


@dataclass(frozen=True)
class CheckinRow:
    at: str  # UTC ISO 8601, as stored
    mood: int | None
    critic: int | None
    part: str | None = None


@dataclass(frozen=True)
class DialogueRow:
    id: int
    at: str
    status: str
    critic_before: int | None
    critic_after: int | None
    part: str | None = None


@dataclass(frozen=True)
class TurnText:
    dialogue_id: int
    at: str  # when the dialogue began (its entry time), so a dialogue stays on one day
    role: str
    text: str
    part: str | None = None  # the dialogue's part


@dataclass(frozen=True)
class StatsRows:
    """Everything the report needs, as read from the journal for one window."""

    checkins: tuple[CheckinRow, ...] = ()
    dialogues: tuple[DialogueRow, ...] = ()
    turns: tuple[TurnText, ...] = ()  # answers to the fears and critic_words steps
    checkin_times: tuple[str, ...] = ()  # every check-in ever (for streaks), any order
    older_entries: bool = False  # any entry (check-in or dialogue) from before the window


# ---- output --------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesPoint:
    """Averages for one day (or one week, starting on ``day``)."""

    day: date
    mood: float | None
    critic: float | None
    checkins: int


@dataclass(frozen=True)
class LoudnessPair:
    day: date
    before: int
    after: int


@dataclass(frozen=True)
class LoudnessChange:
    rated: int = 0  # dialogues with both numbers
    not_rated: int = 0  # dialogues missing one or both
    average_before: float | None = None
    average_after: float | None = None
    average_drop: float | None = None  # before - after: positive means quieter
    quieter: int = 0
    louder: int = 0
    same: int = 0
    pairs: tuple[LoudnessPair, ...] = ()  # oldest first


@dataclass(frozen=True)
class PartCount:
    name: str
    dialogues: int
    checkins: int

    @property
    def total(self) -> int:
        return self.dialogues + self.checkins


@dataclass(frozen=True)
class Streaks:
    current: int = 0
    longest: int = 0
    longest_ended: date | None = None
    checked_in_today: bool = False


class CriticPattern(NamedTuple):
    """One kind of critic language over many texts: ``(kind, count, top_words)``."""

    kind: str
    count: int
    top_words: list[tuple[str, int]]


@dataclass(frozen=True)
class PatternCount:
    kind: str
    name: str  # the lens's human name for the kind
    count: int  # findings in the window
    texts: int  # how many of the critic's texts had it at least once
    earlier: int  # findings in the first half of the window
    recent: int  # findings in the second half
    top_words: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class TrendsReport:
    days: int
    start: date
    end: date
    checkins: int = 0
    checkin_days: int = 0
    dialogues: int = 0
    mood_average: float | None = None
    critic_average: float | None = None
    daily: tuple[SeriesPoint, ...] = ()
    weekly: tuple[SeriesPoint, ...] = ()
    change: LoudnessChange = field(default_factory=LoudnessChange)
    parts: tuple[PartCount, ...] = ()
    fears: tuple[tuple[str, int], ...] = ()
    fear_answers: int = 0
    streaks: Streaks = field(default_factory=Streaks)
    patterns: tuple[PatternCount, ...] = ()
    critic_texts: int = 0
    critic_texts_earlier: int = 0
    critic_texts_recent: int = 0
    critic_words: tuple[tuple[str, int], ...] = ()
    older_checkins: bool = False  # there are entries (check-ins or dialogues) before the window
    fears_by_part: tuple = ()  # engine.part_trends.PartFears, the fear sentences grouped by part
    loudness_by_part: tuple = ()  # engine.part_trends.PartLoudness, before → after per part over time
    streaks_on: bool = False  # streaks are counted and shown only when turned on in config
    part: str | None = None  # the report is about this one part (`stats --part NAME`)
    first_weekday: int = 0  # weeks start on this day (0 Monday, 6 Sunday: config's week_start)

    @property
    def is_empty(self) -> bool:
        return self.checkins == 0 and self.dialogues == 0

    @property
    def midpoint(self) -> date:
        """The first day of the window's recent half."""
        return self.start + timedelta(days=self.days // 2)

    def to_dict(self) -> dict:
        """Plain JSON-ready numbers and strings."""
        return {
            "days": self.days,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "checkins": self.checkins,
            "checkin_days": self.checkin_days,
            "dialogues": self.dialogues,
            "mood_average": _round(self.mood_average),
            "critic_average": _round(self.critic_average),
            "daily": [_point_dict(p, "day") for p in self.daily],
            "weekly": [_point_dict(p, "week_start") for p in self.weekly],
            "loudness_change": {
                "rated": self.change.rated,
                "not_rated": self.change.not_rated,
                "average_before": _round(self.change.average_before),
                "average_after": _round(self.change.average_after),
                "average_drop": _round(self.change.average_drop),
                "quieter": self.change.quieter,
                "louder": self.change.louder,
                "same": self.change.same,
                "dialogues": [
                    {"day": p.day.isoformat(), "before": p.before, "after": p.after}
                    for p in self.change.pairs
                ],
            },
            "parts": [
                {"name": p.name, "dialogues": p.dialogues, "checkins": p.checkins, "total": p.total}
                for p in self.parts
            ],
            "fears": [{"words": w, "count": n} for w, n in self.fears],
            "fear_answers": self.fear_answers,
            "streaks": {
                "current": self.streaks.current,
                "longest": self.streaks.longest,
                "longest_ended": self.streaks.longest_ended.isoformat() if self.streaks.longest_ended else None,
                "checked_in_today": self.streaks.checked_in_today,
            } if self.streaks_on else None,
            "part": self.part,
            "fears_by_part": [
                {
                    "part": p.name, "answers": p.answers,
                    "sentences": [{"day": day.isoformat(), "text": text} for day, text in p.sentences],
                    "themes": [{"words": w, "count": n} for w, n in p.themes],
                }
                for p in self.fears_by_part
            ],
            "loudness_by_part": [
                {
                    "part": p.name,
                    "dialogues": [{"day": d.isoformat(), "before": b, "after": a} for d, b, a in p.pairs],
                }
                for p in self.loudness_by_part
            ],
            "critic_patterns": {
                "texts": self.critic_texts,
                "texts_earlier": self.critic_texts_earlier,
                "texts_recent": self.critic_texts_recent,
                "recent_from": self.midpoint.isoformat(),
                "kinds": [
                    {
                        "kind": p.kind, "name": p.name, "count": p.count, "texts": p.texts,
                        "earlier": p.earlier, "recent": p.recent,
                        "top_words": [{"words": w, "count": n} for w, n in p.top_words],
                    }
                    for p in self.patterns
                ],
                "top_words": [{"words": w, "count": n} for w, n in self.critic_words],
            },
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _point_dict(point: SeriesPoint, key: str) -> dict:
    return {
        key: point.day.isoformat(),
        "mood": _round(point.mood),
        "critic": _round(point.critic),
        "checkins": point.checkins,
    }


# ---- the window ----------------------------------------------------------------


def window(days: int, today: date | None = None) -> tuple[date, date]:
    """(first day, last day) of the last ``days`` days, today included."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise ValueError(f"days must be from {MIN_DAYS} to {MAX_DAYS}")
    end = today or date.today()
    return end - timedelta(days=days - 1), end


def since_iso(days: int, today: date | None = None) -> str:
    """The UTC bound for reading the window from the journal."""
    return dates.start_of_day_utc(window(days, today)[0])


def empty_report(days: int, today: date | None = None, first_weekday: int = 0) -> TrendsReport:
    start, end = window(days, today)
    return TrendsReport(days=days, start=start, end=end, first_weekday=first_weekday)


# ---- pieces --------------------------------------------------------------------


def _mean(values: Sequence[float]) -> float | None:
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
                mood=_mean([r.mood for r in rows if r.mood is not None]),
                critic=_mean([r.critic for r in rows if r.critic is not None]),
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
    before = _mean([p.before for p in pairs])
    after = _mean([p.after for p in pairs])
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


# ---- the critic lens over time ---------------------------------------------------


def critic_patterns(texts: Iterable[str | None], top: int = 3) -> list[CriticPattern]:
    """The lens's kinds found in the critic's words, most frequent first.

    Each item is ``(kind, count, top_words)`` with ``top_words`` as
    ``[(words, count), ...]``; kinds never found are left out. Use
    ``lens.kind_name(kind)`` for the human name.
    """
    from . import lens

    summary = lens.summarise(texts, top=top)
    order = {kind: i for i, kind in enumerate(lens.KINDS)}
    found = [CriticPattern(k, n, list(summary.top[k])) for k, n in summary.counts.items() if n > 0]
    found.sort(key=lambda p: (-p.count, order[p.kind]))
    return found


def _word_key(words: str) -> str:
    return " ".join(words.translate(APOSTROPHES).split()).lower()


def _lens_over_time(
    texts: Sequence[tuple[date, str]], midpoint: date, top: int = 3, overall_top: int = 8
) -> tuple[tuple[PatternCount, ...], tuple[tuple[str, int], ...], int, int]:
    from . import lens

    counts = Counter[str]()
    earlier = Counter[str]()
    recent = Counter[str]()
    texts_with = Counter[str]()
    words = {kind: Counter[str]() for kind in lens.KINDS}
    overall = Counter[str]()
    read_earlier = read_recent = 0
    for day, text in texts:
        findings = lens.read(text)
        is_recent = day >= midpoint
        if is_recent:
            read_recent += 1
        else:
            read_earlier += 1
        seen_kinds: set[str] = set()
        seen_spans: set[tuple[int, int]] = set()
        for f in findings:
            counts[f.kind] += 1
            (recent if is_recent else earlier)[f.kind] += 1
            key = _word_key(f.text)
            words[f.kind][key] += 1
            seen_kinds.add(f.kind)
            if (f.start, f.end) not in seen_spans:  # one span found by two kinds counts once
                seen_spans.add((f.start, f.end))
                overall[key] += 1
        texts_with.update(seen_kinds)
    order = {kind: i for i, kind in enumerate(lens.KINDS)}
    patterns = [
        PatternCount(
            kind=kind, name=lens.kind_name(kind), count=n, texts=texts_with[kind],
            earlier=earlier[kind], recent=recent[kind], top_words=tuple(words[kind].most_common(top)),
        )
        for kind, n in counts.items()
    ]
    patterns.sort(key=lambda p: (-p.count, order[p.kind]))
    return tuple(patterns), tuple(overall.most_common(overall_top)), read_earlier, read_recent


# ---- the whole report --------------------------------------------------------------


def build_report(
    rows: StatsRows, days: int, today: date | None = None, first_weekday: int = 0, *,
    streaks_on: bool = False, part: str | None = None,
) -> TrendsReport:
    """Everything `innercritic stats` and the Insights screen show, for the last ``days`` days.
    Weeks start on ``first_weekday`` (0 Monday, 6 Sunday). Streaks only with `streaks_on` (off
    unless turned on in config); `part`: the rows are already only this part's, and the report
    says so."""
    from .part_trends import fears_by_part, loudness_by_part

    start, end = window(days, today)

    def in_window(at: str) -> date | None:
        day = dates.local_day(at)  # None for a time that cannot be read: left out
        return day if day is not None and start <= day <= end else None

    checkins = [(day, row) for row in rows.checkins if (day := in_window(row.at)) is not None]
    dialogues = [(day, row) for row in rows.dialogues if (day := in_window(row.at)) is not None]
    turn_days = [(day, turn) for turn in rows.turns if (day := in_window(turn.at)) is not None]
    all_checkin_days = [day for at in rows.checkin_times if (day := dates.local_day(at)) is not None]

    fear_texts = [t.text for _, t in turn_days if t.role in FEAR_ROLES and t.text and t.text.strip()]
    critic_texts = [
        (day, t.text) for day, t in sorted(turn_days, key=lambda item: item[0])
        if t.role == CRITIC_ROLE and t.text and t.text.strip()
    ]
    midpoint = start + timedelta(days=days // 2)
    patterns, critic_words, earlier_n, recent_n = (
        _lens_over_time(critic_texts, midpoint) if critic_texts else ((), (), 0, 0)
    )
    moods = [r.mood for _, r in checkins if r.mood is not None]
    critics = [r.critic for _, r in checkins if r.critic is not None]
    daily = daily_series(checkins)
    return TrendsReport(
        days=days,
        start=start,
        end=end,
        checkins=len(checkins),
        checkin_days=len(daily),
        dialogues=len(dialogues),
        mood_average=_mean(moods),
        critic_average=_mean(critics),
        daily=daily,
        weekly=weekly_series(checkins, first_weekday) if days > WEEKLY_AFTER_DAYS else (),
        first_weekday=first_weekday,
        change=loudness_change(dialogues),
        parts=part_counts((r for _, r in checkins), (r for _, r in dialogues)),
        fears=count_fears(fear_texts),
        fear_answers=len(fear_texts),
        streaks=streaks(all_checkin_days, end) if streaks_on else Streaks(),
        streaks_on=streaks_on,
        part=part,
        fears_by_part=fears_by_part((day, t.part, t.text) for day, t in turn_days if t.role == "fears"),
        loudness_by_part=loudness_by_part((day, r.part, r.critic_before, r.critic_after) for day, r in dialogues),
        patterns=patterns,
        critic_texts=len(critic_texts),
        critic_texts_earlier=earlier_n,
        critic_texts_recent=recent_n,
        critic_words=critic_words,
        older_checkins=rows.older_entries or any(day < start for day in all_checkin_days),
    )
