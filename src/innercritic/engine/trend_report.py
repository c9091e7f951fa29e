"""The trends report's shape: the frozen ``TrendsReport`` and the pieces it is made of.

What `innercritic stats` and the Insights screen show, and ``TrendsReport.to_dict``, the
plain JSON-ready form `stats --json` prints. Computing it is trends.py's job. Stdlib only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

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

