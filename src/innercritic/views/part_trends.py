"""How the per-part trends look, in `innercritic stats` and on the Insights screen:
the fear sentences each part named with the themes that recur in them, and a chart
of its loudness before → after each dialogue over time.

Cheap to import (plotext loads inside `part_chart`). User text goes through
textsafe.one_line; the faces show it as Text, never markup.
"""

from __future__ import annotations

from innercritic.engine.part_trends import PartLoudness
from innercritic.engine.trend_report import TrendsReport
from innercritic.views.common import _ANSI, ACCENT, axis_ticks, plural, short_day, wrap_items
from innercritic.textsafe import one_line

PARTS_CHARTED = 3  # the parts with the most rated dialogues get a chart each
NO_PART_NAME = "Not named"


def part_name(name: str | None) -> str:
    return NO_PART_NAME if name is None else one_line(name, 30)


def fears_by_part_lines(report: TrendsReport, width: int = 76) -> list[str]:
    """For each part: a line naming it, the themes that recur, then its fear sentences, newest first."""
    if not report.fears_by_part:
        return ["No answers to the Fears step in this window."]
    lines: list[str] = []
    for group in report.fears_by_part:
        if lines:
            lines.append("")
        lines.append(f"{part_name(group.name)} · {plural(group.answers, 'answer')}")
        if group.themes:
            lines += wrap_items(
                "  Comes back: ", [f"“{one_line(w, 30)}” in {n}" for w, n in group.themes], width, indent="    "
            )
        for day, text in group.sentences:
            lines.append(f"  {short_day(day):>6}  {one_line(text, max(width - 10, 20))}")
        if group.answers > len(group.sentences):
            lines.append(f"          and {plural(group.answers - len(group.sentences), 'earlier answer')}")
    return lines


def charted_parts(report: TrendsReport) -> tuple[PartLoudness, ...]:
    """The parts drawn, each needing two rated dialogues or more to show a line."""
    return tuple(p for p in report.loudness_by_part if len(p.pairs) >= 2)[:PARTS_CHARTED]


def part_loudness_sentence(report: TrendsReport) -> str | None:
    """Why there is no chart, or None when there is at least one."""
    if charted_parts(report):
        return None
    if report.loudness_by_part:
        return "A part needs two dialogues rated before and after to draw its line."
    return "No dialogue with a named part rated before and after in this window."


def part_summary(part: PartLoudness) -> str:
    """'The Clipboard · 10 dialogues · first 9 → 7, latest 5 → 0'."""
    first, last = part.pairs[0], part.pairs[-1]
    return (
        f"{part_name(part.name)} · {plural(len(part.pairs), 'dialogue')} · "
        f"first {first[1]} → {first[2]}, latest {last[1]} → {last[2]}"
    )


def draw_part_loudness(plt, report: TrendsReport, part: PartLoudness, *, ticks: int = 4, colour: bool = True) -> None:
    """Before and after each of the part's dialogues, 0-10, over the report's window."""
    origin = report.start
    last = max(report.days - 1, 1)
    xs = [(day - origin).days for day, _b, _a in part.pairs]
    before = [b for _d, b, _a in part.pairs]
    after = [a for _d, _b, a in part.pairs]
    plt.plot(xs, before, marker="braille", label="before", color="gray" if colour else "default")
    plt.plot(xs, after, marker="braille", label="after", color=ACCENT if colour else "default")
    plt.scatter(xs, after, marker="•", color=ACCENT if colour else "default")
    plt.xlim(0, last)
    plt.ylim(0, 10)
    plt.yticks([0, 5, 10])
    positions, labels = axis_ticks(0, last, lambda x: short_day(date_at(origin, x)), count=ticks)
    plt.xticks(positions, labels)


def date_at(origin, offset: int):
    from datetime import date

    return date.fromordinal(origin.toordinal() + offset)


def part_chart(report: TrendsReport, part: PartLoudness, *, width: int = 80, height: int = 9, colour: bool = False) -> str:
    import plotext as plt

    plt.clear_figure()
    try:
        plt.plot_size(width, height)
        plt.theme("clear")
        draw_part_loudness(plt, report, part, colour=colour)
        text = plt.build()
    finally:
        plt.clear_figure()
    text = text.rstrip("\n")
    return text if colour else _ANSI.sub("", text)
