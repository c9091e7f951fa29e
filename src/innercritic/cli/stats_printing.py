"""Printing the trends report in the shell: `innercritic stats`, as text with charts or JSON.

Colour is used only on a terminal and never when NO_COLOR is set (or TERM is dumb);
without colour there is not a single escape sequence in the output. rich and plotext
are imported only inside ``print_report``, so nothing here touches the check-in hot path.
"""

from __future__ import annotations

import os
import sys
import textwrap
from typing import IO

from innercritic.engine.trend_report import TrendsReport
from innercritic.textsafe import one_line
from innercritic.views.common import ACCENT, wrap_items
from innercritic.views.trend_charts import chart
from innercritic.views.trends import (
    LENS_NOTE,
    averages_line,
    change_lines,
    change_rows,
    counts_line,
    empty_sentence,
    halves_label,
    no_journal_sentence,
    part_lines,
    pattern_rows,
    quoted_counts,
    series_for_chart,
    show_halves,
    streak_line,
    too_few_sentence,
    window_label,
)

CHART_MIN_WIDTH = 40
CHART_MAX_WIDTH = 100


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
