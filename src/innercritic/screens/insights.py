"""Insights: how loudness and mood move, what changes across a dialogue, and
what the critic keeps saying.

The screen is handed a finished ``TrendsReport`` (computed by the app on its
database thread); it never loads anything itself. Charts are textual-plotext
widgets; everything the person wrote is shown as plain Text, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual_plotext import PlotextPlot

from innercritic.views import part_trends as parts_view
from innercritic.views import trends as view
from innercritic.views.trend_charts import draw_series
from ..engine.trend_report import TrendsReport
from ..textsafe import one_line

class InsightsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
    ]

    def __init__(self, report: TrendsReport) -> None:
        super().__init__()
        self.report = report

    # ---- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        report = self.report
        about = f" · {one_line(report.part, 40)}" if report.part else ""
        yield Static(Text(f"Insights{about} · {view.window_label(report)}"), id="insights-title", markup=False)
        yield Static(Text(view.counts_line(report)), id="insights-counts", markup=False)
        with VerticalScroll(id="insights-body"):
            if report.is_empty:
                yield Static(Text(view.empty_sentence(report, in_app=True)), id="insights-empty", markup=False)
            else:
                yield from self._sections()
        yield Footer()

    def _heading(self, text: str) -> Static:
        return Static(Text(text), classes="insights-heading", markup=False)

    def _text(self, text: str, muted: bool = False) -> Static:
        return Static(Text(text), classes="insights-muted" if muted else "insights-text", markup=False)

    def _sections(self) -> ComposeResult:
        report = self.report
        kind, _points = view.series_for_chart(report)
        per = "week" if kind == "weekly" else "day"

        yield self._heading(f"Critic loudness, 0–10 (check-ins, average per {per})")
        reason = view.too_few_sentence(report, "loudness")
        yield self._text(reason) if reason else PlotextPlot(id="chart-loudness")

        yield self._heading(f"Mood, 1–5 (check-ins, average per {per})")
        reason = view.too_few_sentence(report, "mood")
        yield self._text(reason) if reason else PlotextPlot(id="chart-mood")
        averages = view.averages_line(report)
        if averages:
            yield self._text(averages, muted=True)

        yield self._heading("Before → after a dialogue")
        for line in view.change_lines(report):
            yield self._text(line)
        if report.change.rated > 1:
            yield self._text(f"{'':>6}  {'before':<13}    after", muted=True)
            yield Static(Text("\n".join(view.change_rows(report))), id="insights-change", classes="insights-text", markup=False)

        yield self._heading("Before → after, part by part")
        for index, part in enumerate(parts_view.charted_parts(report)):
            yield self._text(parts_view.part_summary(part))
            yield PlotextPlot(id=f"chart-part-{index}", classes="part-chart")
        reason = parts_view.part_loudness_sentence(report)
        if reason:
            yield self._text(reason)

        if report.streaks_on:
            yield self._heading("Check-in streak")
            yield self._text(view.streak_line(report))

        yield self._heading("Parts")
        yield self._text("\n".join(view.part_lines(report)))

        yield self._heading("What the critic fears would happen, part by part")
        yield Static(
            Text("\n".join(parts_view.fears_by_part_lines(report, 70))), id="insights-fears",
            classes="insights-text", markup=False,
        )

        yield self._heading("The critic's patterns")
        yield self._text(self._patterns_text())
        if report.patterns:
            yield self._text(view.LENS_NOTE, muted=True)

    def _patterns_text(self) -> str:
        report = self.report
        if not report.patterns:
            return (
                "Nothing the lens recognises in the critic's words in this window."
                if report.critic_texts else "No critic's words written in this window."
            )
        rows = view.pattern_rows(report, words_width=30)
        name_w = max(len(r[0]) for r in rows)
        halves = view.show_halves(report)
        lines = []
        for name, count, trend, words in rows:
            lines.append(f"{name.ljust(name_w)}  ×{count:<3} " + (f"{trend:<9} " if halves else "") + words)
        if halves:
            lines.append(view.halves_label(report))
        if report.critic_words:
            lines.append("Repeated most: " + " · ".join(view.quoted_counts(report.critic_words[:5], 18)))
        return "\n".join(lines)

    # ---- charts ---------------------------------------------------------------------
    def on_mount(self) -> None:
        for what in ("loudness", "mood"):
            for plot in self.query(f"#chart-{what}").results(PlotextPlot):
                self._draw_series(plot, what)
        for index, part in enumerate(parts_view.charted_parts(self.report)):
            for plot in self.query(f"#chart-part-{index}").results(PlotextPlot):
                parts_view.draw_part_loudness(plot.plt, self.report, part)
        self.query_one("#insights-body").focus()

    def _draw_series(self, plot: PlotextPlot, what: str) -> None:
        draw_series(plot.plt, self.report, what, ticks=4)

    # ---- keys -------------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss(None)

