"""The trend charts: loudness (0-10) and mood (1-5) over the window, drawn with plotext.

``draw_series`` draws on any plotext figure (the shell's and the Insights screen's
textual-plotext widget); ``chart`` renders one as text for the shell. plotext is
imported only inside ``chart``, so importing this module stays cheap.
"""

from __future__ import annotations

from datetime import date

from innercritic.engine.trend_numbers import week_start
from innercritic.engine.trend_report import TrendsReport
from innercritic.views.common import _ANSI, ACCENT, axis_ticks, short_day
from innercritic.views.trends import series_for_chart, too_few_sentence


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
