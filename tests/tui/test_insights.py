"""The Insights screen: charts and sentences from a finished report, never the database.

The screen is pushed with a report built by hand (or from a real journal through the
app's own database thread, for the home-screen route), at 80×24.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App
from textual.widgets import Static
from textual_plotext import PlotextPlot

from innercritic.engine import trends
from innercritic.engine.trend_report import TrendsReport
from innercritic.engine.trend_rows import CheckinRow, DialogueRow, StatsRows, TurnText
from innercritic.screens.insights import InsightsScreen
from journal_testing import CRITIC_TURNS, add_dialogue, days_ago_iso, insert_checkin_at, local_iso, make_journal
from tui_helpers import STYLESHEET, app_for, settle

SIZE = (80, 24)
TODAY = date(2026, 11, 22)


def at(day: date, hour: int = 12) -> str:
    return local_iso(day.year, day.month, day.day, hour)


def full_report() -> TrendsReport:
    checkins = tuple(
        CheckinRow(at(TODAY - timedelta(days=d)), mood=1 + d % 5, critic=d % 11, part="Taskmaster" if d % 2 else None)
        for d in range(0, 20, 2)
    )
    dialogues = (
        DialogueRow(1, at(TODAY - timedelta(days=9)), "completed", 8, 5, "Taskmaster"),
        DialogueRow(2, at(TODAY - timedelta(days=3)), "completed", 6, 6, None),
        DialogueRow(3, at(TODAY - timedelta(days=1)), "stopped", 7, None, None),
    )
    turns = (
        TurnText(1, dialogues[0].at, "critic_words", "You're lazy. You should have finished by now."),
        TurnText(2, dialogues[1].at, "critic_words", "You always mess it up, everyone else manages."),
        TurnText(1, dialogues[0].at, "fears", "Being left out."),
        TurnText(2, dialogues[1].at, "protects_from", "being left out and not good enough"),
    )
    rows = StatsRows(checkins, dialogues, turns, tuple(c.at for c in checkins))
    return trends.build_report(rows, 30, TODAY, streaks_on=True)


class Harness(App[None]):
    CSS_PATH = STYLESHEET

    def __init__(self) -> None:
        super().__init__()
        self.dismissed: list[object] = []

    async def show(self, pilot, screen) -> None:
        self.push_screen(screen, self.dismissed.append)
        await pilot.pause()


def screen_text(screen) -> str:
    parts = []
    for static in screen.query(Static):
        visual = static.render()
        parts.append(getattr(visual, "plain", str(visual)))
    return "\n".join(parts)


async def test_empty_report_shows_a_friendly_sentence_and_no_chart() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, InsightsScreen(trends.empty_report(30, TODAY)))
        text = screen_text(app.screen)
        assert "Nothing written in the last 30 days yet" in text
        assert "check-in" in text
        assert not app.screen.query(PlotextPlot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]
        assert not isinstance(app.screen, InsightsScreen)


async def test_full_report_draws_charts_and_labels() -> None:
    report = full_report()
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, InsightsScreen(report))
        screen = app.screen
        plots = {plot.id for plot in screen.query(PlotextPlot)}
        assert plots == {"chart-loudness", "chart-mood"}
        for plot in screen.query(PlotextPlot):  # each builds without error at this size
            assert plot.render().plain.strip()
        text = screen_text(screen)
        for label in ("Insights", "Critic loudness", "Mood", "Before → after", "Check-in streak",
                      "Taskmaster", "left out", "Labels", "Shoulds", "“lazy”"):
            assert label in text, label
        assert "Across 2 dialogues rated before and after: 7.0 → 5.5" in text
        # Scrolling the long page by keyboard works and escape still goes back.
        await pilot.press("end")
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed == [None]


async def test_one_entry_gets_a_sentence_instead_of_an_axis() -> None:
    rows = StatsRows(checkins=(CheckinRow(at(TODAY), 3, 6),), checkin_times=(at(TODAY),))
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, InsightsScreen(trends.build_report(rows, 30, TODAY)))
        text = screen_text(app.screen)
        assert "One day with a loudness rating so far (6.0 of 10)" in text
        assert "No dialogues in this window." in text
        assert not app.screen.query(PlotextPlot)


async def test_user_text_is_not_markup() -> None:
    turns = (TurnText(1, at(TODAY), "fears", "[bold red]being laughed at[/]"),)
    rows = StatsRows(
        dialogues=(DialogueRow(1, at(TODAY), "completed", None, None, "[b]Judge[/b]"),), turns=turns,
    )
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, InsightsScreen(trends.build_report(rows, 30, TODAY)))
        text = screen_text(app.screen)
        assert "[b]Judge[/b]" in text
        assert "laughed" in text


async def test_home_key_i_opens_insights_from_the_journal(tmp_path) -> None:
    db = tmp_path / "journal.db"
    make_journal(str(db))
    for days in (2, 1, 0):
        insert_checkin_at(str(db), days_ago_iso(days), mood=3, critic=4 + days)
    from innercritic.store.journal import Journal

    with Journal(str(db)) as journal:
        add_dialogue(journal, turns=CRITIC_TURNS, part="Taskmaster", finish="completed")
    from innercritic import config

    config.write("streaks", "on")  # off unless turned on
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.report.checkins == 3
        assert screen.report.change.rated == 1
        assert screen.report.change.average_drop == 3
        assert screen.report.streaks.current == 3
        assert "Taskmaster" in screen_text(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.__class__ is not app.screen.__class__


async def test_home_insights_on_an_empty_journal(tmp_path) -> None:
    app = app_for(tmp_path / "journal.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        assert "Nothing written in the last 30 days yet" in screen_text(app.screen)
