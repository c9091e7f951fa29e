"""Trends over the journal: the window and the whole report behind `innercritic stats` and
the Insights screen.

Input is plain rows (``StatsRows``, engine/trend_rows.py, read by store/stats_queries.py);
output is a frozen ``TrendsReport`` (engine/trend_report.py), put together here from the
numbers in trend_numbers.py, the critic lens over time (critic_trends.py), the fears named
most often (fears.py) and the per-part views (part_trends.py). Stdlib only. Nothing here
reads the clock unless ``today`` is left out, so every function is easy to test.

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

from datetime import date, timedelta

from . import dates
from .critic_trends import lens_over_time
from .fears import count_fears
from .trend_numbers import daily_series, loudness_change, mean, part_counts, streaks, weekly_series
from .trend_report import Streaks, TrendsReport
from .trend_rows import CRITIC_ROLE, FEAR_ROLES, StatsRows

MIN_DAYS = 1
MAX_DAYS = 3650
WEEKLY_AFTER_DAYS = 60  # a weekly series is added when the window is longer than this

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
        lens_over_time(critic_texts, midpoint) if critic_texts else ((), (), 0, 0)
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
        mood_average=mean(moods),
        critic_average=mean(critics),
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
