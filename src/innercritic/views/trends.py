"""How trends look: the sentences shared by `innercritic stats` and the
Insights screen, and the shell's charts (plotext) and text (rich).

Importing this module is cheap: rich and plotext are imported only inside
``print_report``/``chart``, so nothing here touches the check-in hot path.
Colour is used only on a terminal and never when NO_COLOR is set (or TERM is
dumb); without colour there is not a single escape sequence in the output.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import IO

from innercritic.engine.trend_numbers import week_start
from innercritic.engine.trend_report import SeriesPoint, TrendsReport
from innercritic.textsafe import one_line
from innercritic.views.common import _ANSI, ACCENT, axis_ticks, plural, short_day, wrap_items  # noqa: F401 (used here and by importers)

CHART_MIN_WIDTH = 40
CHART_MAX_WIDTH = 100

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


# ---- charts (plotext) ----------------------------------------------------------




def chart_points(report: TrendsReport, what: str) -> tuple[str, list[tuple[int, float]], int, object]:
    """(kind, [(x, value)], last x, x -> label) for loudness or mood over the window."""
    kind, points = series_for_chart(report)
    if kind == "weekly":
        origin = week_start(report.start, report.first_weekday)
        last = (week_start(report.end, report.first_weekday) - origin).days // 7

        def x_of(day: date) -> int:
            return (day - origin).days // 7

        def label(x: int) -> str:
            day = date.fromordinal(origin.toordinal() + 7 * x)
            return f"{day:%b %Y}" if report.days > 365 else short_day(day)
    else:
        origin = report.start
        last = report.days - 1

        def x_of(day: date) -> int:
            return (day - origin).days

        def label(x: int) -> str:
            return short_day(date.fromordinal(origin.toordinal() + x))

    values = [
        (x_of(p.day), value) for p in points
        if (value := (p.critic if what == "loudness" else p.mood)) is not None
    ]
    return kind, values, last, label


def draw_series(plt, report: TrendsReport, what: str, *, ticks: int = 5, **style: object) -> None:
    """Draw the loudness (0-10) or mood (1-5) series on a plotext figure, with its
    axes; shared by `stats` and the Insights screen. `style` goes to plot/scatter."""
    _kind, values, last, label = chart_points(report, what)
    xs = [x for x, _ in values]
    ys = [y for _, y in values]
    plt.plot(xs, ys, marker="braille", **style)
    plt.scatter(xs, ys, marker="•", **style)
    plt.xlim(0, max(last, 1))
    if what == "loudness":
        plt.ylim(0, 10)
        plt.yticks([0, 5, 10])
    else:
        plt.ylim(1, 5)
        plt.yticks([1, 3, 5])
    tick_positions, tick_labels = axis_ticks(0, last, label, count=ticks)
    plt.xticks(tick_positions, tick_labels)


def chart(report: TrendsReport, what: str, *, width: int = 80, height: int = 10, colour: bool = False) -> str | None:
    """A loudness (0-10) or mood (1-5) chart as text, or None when there are too few points."""
    if too_few_sentence(report, what) is not None:
        return None
    import plotext as plt

    plt.clear_figure()
    try:
        plt.plot_size(width, height)
        plt.theme("clear")
        draw_series(plt, report, what, color=ACCENT if colour else "default")
        text = plt.build()
    finally:
        plt.clear_figure()
    text = text.rstrip("\n")
    return text if colour else _ANSI.sub("", text)


# ---- the shell ----------------------------------------------------------------


def use_colour(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def print_report(
    report: TrendsReport, *, as_json: bool = False, journal_exists: bool = True,
    stream: IO[str] | None = None,
) -> None:
    stream = stream or sys.stdout
    if as_json:
        from innercritic.textsafe import to_json

        stream.write(to_json(report.to_dict()) + "\n")
        return
    if not journal_exists:
        stream.write(no_journal_sentence() + "\n")
        return
    if report.is_empty:
        stream.write(empty_sentence(report) + "\n")
        return


    from innercritic.views.consoles import shell_console
    from rich.text import Text

    colour = use_colour(stream)
    console = shell_console(
        file=stream, color_system="auto" if colour else None, force_terminal=colour or None,
        no_color=not colour, highlight=False, markup=False, emoji=False, soft_wrap=False,
    )
    width = max(CHART_MIN_WIDTH, min(CHART_MAX_WIDTH, console.width))
    accent = f"bold {ACCENT}"

    def heading(text: str) -> None:
        console.print()
        console.print(Text(text, style=accent))

    def line(text: str, style: str = "") -> None:
        for piece in textwrap.wrap(text, max(width - 2, 20), break_on_hyphens=False) or [""]:
            console.print(Text("  " + piece, style=style), no_wrap=True, overflow="ellipsis")

    about = f" · {one_line(report.part, 40)}" if report.part else ""
    console.print(Text(f"innercritic{about} · {window_label(report)}", style="bold"))
    console.print(Text(counts_line(report), style="dim"))

    kind, _points = series_for_chart(report)
    per = "week" if kind == "weekly" else "day"
    for what, title in (("loudness", "Critic loudness, 0 quiet – 10 very loud"), ("mood", "Mood, 1 low – 5 good")):
        heading(f"{title} (check-ins, average per {per})")
        drawn = chart(report, what, width=width, height=10 if what == "loudness" else 8, colour=colour)
        if drawn is None:
            line(too_few_sentence(report, what) or "")
        else:
            console.print(Text.from_ansi(drawn) if colour else Text(drawn), no_wrap=True, overflow="crop")
    averages = averages_line(report)
    if averages:
        line(averages, "dim")

    heading("Before → after a dialogue (critic loudness)")
    for text in change_lines(report):
        line(text)
    if report.change.rated > 1:
        line(f"{'':>6}  {'before':<13}    after", "dim")
        for text in change_rows(report):
            line(text)

    from innercritic.views.part_trends import charted_parts, fears_by_part_lines, part_chart, part_loudness_sentence, part_summary

    heading("Before → after, part by part (critic loudness, 0 quiet – 10 very loud)")
    for part in charted_parts(report):
        line(part_summary(part))
        drawn = part_chart(report, part, width=width, height=9, colour=colour)
        console.print(Text.from_ansi(drawn) if colour else Text(drawn), no_wrap=True, overflow="crop")
    reason = part_loudness_sentence(report)
    if reason:
        line(reason)

    if report.streaks_on:
        heading("Check-in streak (whole journal)")
        line(streak_line(report))

    heading("Parts")
    for text in part_lines(report):
        line(text)

    heading("What the critic fears would happen, part by part (Fears step)")
    for text in fears_by_part_lines(report, width - 2):
        console.print(Text("  " + text), no_wrap=True, overflow="ellipsis")

    heading("The critic's patterns (its own words, Find step)")
    name_w = max((len(p.name) for p in report.patterns), default=0)
    trend_w = max([len("earlier → recent")] + [len(f"{p.earlier} → {p.recent}") for p in report.patterns])
    rows = pattern_rows(report, words_width=max(16, width - 2 - (name_w + 2 + 5 + 2 + trend_w + 2)))
    if not rows:
        line(
            "Nothing the lens recognises in the critic's words in this window."
            if report.critic_texts else "No critic's words written in this window."
        )
    else:
        halves = show_halves(report)
        trend_head = f"{'earlier → recent'.ljust(trend_w)}  " if halves else ""
        line(f"{''.ljust(name_w)}  {'times':>5}  {trend_head}words", "dim")
        for name, count, trend, words in rows:
            trend_cell = f"{trend.ljust(trend_w)}  " if halves else ""
            line(f"{name.ljust(name_w)}  {count:>5}  {trend_cell}{words}")
        if halves:
            line(halves_label(report), "dim")
        if report.critic_words:
            for text in wrap_items("Its most repeated words: ", quoted_counts(report.critic_words[:6], 20), width - 2):
                line(text)
        line(LENS_NOTE, "dim")
