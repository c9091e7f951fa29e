"""Issue 17, item 6 in the app: Insights shows the fear sentences grouped by part and a
before → after chart per part, as `stats` does; `i` on a part's story shows its own."""

from __future__ import annotations

import json

from story_testing import CLIPBOARD, JUDGE, NOTICED_FEAR, months, open_part  # noqa: F401 (months: a fixture)
from tui_helpers import app_for, settle
from textual_plotext import PlotextPlot

from innercritic.screens.insights import InsightsScreen


def _text(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("Static"))


async def test_insights_shows_fears_by_part_and_a_chart_per_part(months, cli_db):
    app = app_for(months)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.browsing.open_insights(days=400)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        plots = {plot.id for plot in screen.query(PlotextPlot)}
        assert {"chart-part-0", "chart-part-1"} <= plots
        for plot in screen.query(".part-chart"):
            assert plot.render().plain.strip()
        text = _text(screen)
        assert f"{CLIPBOARD} · 10 dialogues · first 9 → 7, latest 5 → 0" in text
        shell = cli_db("stats", "--days", "400").stdout
        fears = str(screen.query_one("#insights-fears").render())
        for line in fears.splitlines():  # the same lines as the shell's
            assert line.strip() in shell
        assert f"{CLIPBOARD} · 10 answers" in fears and NOTICED_FEAR not in text
        assert "streak" not in text.lower()


async def test_i_on_a_part_shows_its_own_insights(months):
    app = app_for(months)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_part(app, pilot, JUDGE)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        assert app.screen.report.part == JUDGE
        assert [p.name for p in app.screen.report.fears_by_part] == [JUDGE]
