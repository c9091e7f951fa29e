"""How trends read: the sentences shared by `innercritic stats` and the Insights screen.

Window and count lines, why a chart is not drawn yet, before → after, streaks, parts,
fears and the critic's patterns, as plain strings both faces show the same way. Stdlib
only: the charts are trend_charts.py's job and the shell's printing cli/stats_printing.py's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from innercritic.engine.trend_report import SeriesPoint, TrendsReport
from innercritic.textsafe import one_line
from innercritic.views.common import plural, short_day, wrap_items

# ---- words shared by the shell and the app --------------------------------------




def num(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"




def span_label(start: date, end: date) -> str:
    if start == end:
        return short_day(end)
    if start.year != end.year:
        return f"{short_day(start)} {start.year} – {short_day(end)} {end.year}"
    return f"{short_day(start)} – {short_day(end)}"


def window_label(report: TrendsReport) -> str:
    if report.days == 1:
        return "today"
    return f"the last {report.days} days ({span_label(report.start, report.end)})"


def no_journal_sentence() -> str:
    return (
        "There is no journal yet, so there is nothing to look back on. "
        "A check-in takes a few seconds: innercritic checkin --mood 3 --critic 5"
    )


def empty_sentence(report: TrendsReport, *, in_app: bool = False) -> str:
    """For a window with nothing in it: what to do instead of an empty axis."""
    where = "today" if report.days == 1 else f"in the last {report.days} days"
    text = f"Nothing written {where} yet."
    if report.older_checkins:
        text += (
            " Older entries are still there." if in_app
            else " Older entries are still there: try --days 365."
        )
    if in_app:
        text += " A quick check-in (c on the home screen) is enough to start seeing how things move."
    else:
        text += " A check-in takes a few seconds: innercritic checkin --mood 3 --critic 5"
    return text


def counts_line(report: TrendsReport) -> str:
    bits = [plural(report.checkins, "check-in")]
    if report.checkins:
        bits[0] += f" on {plural(report.checkin_days, 'day')}"
    bits.append(plural(report.dialogues, "dialogue"))
    return " · ".join(bits)


def averages_line(report: TrendsReport) -> str | None:
    bits = []
    if report.critic_average is not None:
        bits.append(f"average loudness {num(report.critic_average)} of 10")
    if report.mood_average is not None:
        bits.append(f"average mood {num(report.mood_average)} of 5")
    return (" · ".join(bits)).capitalize() if bits else None


def series_for_chart(report: TrendsReport) -> tuple[str, tuple[SeriesPoint, ...]]:
    """("daily" | "weekly", points): weekly when the window is long enough to have it."""
    if report.weekly:
        return "weekly", report.weekly
    return "daily", report.daily


def too_few_sentence(report: TrendsReport, what: str) -> str | None:
    """Why a chart of `what` ("loudness" or "mood") is not drawn, or None when it can be."""
    kind, points = series_for_chart(report)
    values = [p for p in points if (p.critic if what == "loudness" else p.mood) is not None]
    if len(values) >= 2:
        return None
    unit = "week" if kind == "weekly" else "day"
    if not values:
        if report.checkins == 0:
            return "No check-ins in this window, so no chart yet."
        return f"No {what} ratings in this window's check-ins yet."
    only = values[0]
    value = only.critic if what == "loudness" else only.mood
    scale = "10" if what == "loudness" else "5"
    if report.days == 1:
        return f"Today's {what}: {num(value)} of {scale}. A longer window shows how it moves."
    return (
        f"One {unit} with a {what} rating so far ({num(value)} of {scale}). "
        f"The chart starts once there are two {unit}s to compare."
    )


def change_lines(report: TrendsReport) -> list[str]:
    """The before → after outcome, in a sentence or two."""
    change = report.change
    if report.dialogues == 0:
        return ["No dialogues in this window."]
    if change.rated == 0:
        return [
            f"{plural(report.dialogues, 'dialogue')}, none rated at both the start and the end yet."
        ]
    drop = change.average_drop or 0.0
    if abs(drop) < 0.05:
        how = "about the same on average"
    elif drop > 0:
        how = f"{num(drop)} quieter on average"
    else:
        how = f"{num(-drop)} louder on average"
    lines = [
        f"Across {plural(change.rated, 'dialogue')} rated before and after: "
        f"{num(change.average_before)} → {num(change.average_after)}, {how}.",
        f"{change.quieter} quieter · {change.same} the same · {change.louder} louder",
    ]
    if change.not_rated:
        lines[-1] += f"   ({change.not_rated} more not rated at both ends)"
    return lines


def change_rows(report: TrendsReport, limit: int = 8) -> list[str]:
    """The most recent rated dialogues as text bars: '13 Nov  8 ████████  → 5 █████'."""
    rows = []
    for pair in report.change.pairs[-limit:]:
        before = f"{pair.before:>2} " + "█" * pair.before
        after = f"{pair.after:>2} " + "█" * pair.after
        rows.append(f"{short_day(pair.day):>6}  {before.ljust(13)}  → {after}")
    return rows


def streak_line(report: TrendsReport) -> str:
    s = report.streaks
    if s.longest == 0:
        return "No check-in days yet."
    if s.current:
        now = f"Current streak {plural(s.current, 'day')}"
        if not s.checked_in_today:
            now += " (up to yesterday)"
    else:
        now = "No streak running right now"
    longest = f"longest {plural(s.longest, 'day')}"
    if s.longest_ended is not None and s.longest > s.current:
        longest += f" (to {short_day(s.longest_ended)} {s.longest_ended.year})"
    return f"{now} · {longest}"


def part_lines(report: TrendsReport, limit: int = 6) -> list[str]:
    if not report.parts:
        return ["No named parts in this window."]
    width = min(24, max(len(one_line(p.name, 24)) for p in report.parts[:limit]))
    lines = []
    for p in report.parts[:limit]:
        bits = []
        if p.dialogues:
            bits.append(plural(p.dialogues, "dialogue"))
        if p.checkins:
            bits.append(plural(p.checkins, "check-in"))
        lines.append(f"{one_line(p.name, 24).ljust(width)}  {' · '.join(bits)}")
    if len(report.parts) > limit:
        lines.append(f"and {plural(len(report.parts) - limit, 'more part')}")
    return lines


def quoted_counts(items: Sequence[tuple[str, int]], width: int = 30) -> list[str]:
    return [f"“{one_line(words, width)}” ×{n}" for words, n in items]




def fears_lines(report: TrendsReport, width: int = 76) -> list[str]:
    if not report.fears:
        return ["No answers to the Fears step in this window."]
    return wrap_items(
        f"From {plural(report.fear_answers, 'answer')}: ",
        [f"{one_line(words, 30)} ×{n}" for words, n in report.fears],
        width,
    )


def show_halves(report: TrendsReport) -> bool:
    """Earlier/recent halves mean something only over a week or more."""
    return report.days >= 7


def halves_label(report: TrendsReport) -> str:
    mid = report.midpoint
    earlier_end = date.fromordinal(mid.toordinal() - 1)
    return (
        f"earlier = {span_label(report.start, earlier_end)} ({plural(report.critic_texts_earlier, 'dialogue')}), "
        f"recent = {span_label(mid, report.end)} ({plural(report.critic_texts_recent, 'dialogue')})"
    )


def fit_words(words: Sequence[str], width: int) -> str:
    """As many whole quoted words as fit in `width` (at least the first, shortened)."""
    shown = ""
    for i, word in enumerate(words):
        piece = f"“{one_line(word)}”" if i == 0 else f", “{one_line(word)}”"
        if len(shown) + len(piece) > width:
            if i == 0:
                shown = f"“{one_line(word, max(width - 2, 4))}”"
            break
        shown += piece
    return shown


def pattern_rows(report: TrendsReport, words_width: int = 30) -> list[tuple[str, str, str, str]]:
    """(name, count, earlier → recent, words) for each kind the lens found."""
    return [
        (p.name, str(p.count), f"{p.earlier} → {p.recent}", fit_words([w for w, _ in p.top_words], words_width))
        for p in report.patterns
    ]


LENS_NOTE = "A reading of the critic's words, never of you."
