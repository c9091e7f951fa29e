"""Trends: pure computations over plain rows (no database, no clock)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from journal_testing import local_iso

from innercritic.engine import trends
from innercritic.engine.critic_trends import CriticPattern, critic_patterns
from innercritic.engine.fears import count_fears
from innercritic.engine.trend_numbers import daily_series, loudness_change, streaks, week_start, weekly_series
from innercritic.engine.trend_report import LoudnessChange, Streaks
from innercritic.engine.trend_rows import CheckinRow, DialogueRow, StatsRows, TurnText
from innercritic.engine.trends import build_report

TODAY = date(2026, 11, 22)  # a Sunday


def at(day: date, hour: int = 12, minute: int = 0) -> str:
    return local_iso(day.year, day.month, day.day, hour, minute)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def checkin(day: date, mood: int | None = 3, critic: int | None = 5, part: str | None = None, hour: int = 12) -> CheckinRow:
    return CheckinRow(at(day, hour), mood, critic, part)


def dialogue(id_: int, day: date, before: int | None, after: int | None, part: str | None = None) -> DialogueRow:
    return DialogueRow(id_, at(day), "completed", before, after, part)


# ---- streaks -------------------------------------------------------------------------


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_streak_runs_across_a_month_end() -> None:
    days = [d("2026-01-30"), d("2026-01-31"), d("2026-02-01"), d("2026-02-02")]
    result = streaks(days, today=d("2026-02-02"))
    assert (result.current, result.longest, result.longest_ended) == (4, 4, d("2026-02-02"))
    assert result.checked_in_today


def test_streak_runs_across_a_leap_day_and_a_year_end() -> None:
    leap = [d("2028-02-28"), d("2028-02-29"), d("2028-03-01")]
    assert streaks(leap, today=d("2028-03-01")).longest == 3
    new_year = [d("2026-12-30"), d("2026-12-31"), d("2027-01-01")]
    assert streaks(new_year, today=d("2027-01-01")).current == 3
    # Not a leap year: 28 Feb then 1 Mar is consecutive.
    assert streaks([d("2026-02-28"), d("2026-03-01")], today=d("2026-03-01")).current == 2


def test_a_gap_breaks_the_run_and_the_longest_is_remembered() -> None:
    days = [ago(10), ago(9), ago(8), ago(7), ago(5), ago(1), ago(0)]
    result = streaks(days, today=TODAY)
    assert (result.current, result.longest, result.longest_ended) == (2, 4, ago(7))


def test_a_streak_up_to_yesterday_is_still_current_but_not_one_from_two_days_ago() -> None:
    up_to_yesterday = streaks([ago(3), ago(2), ago(1)], today=TODAY)
    assert (up_to_yesterday.current, up_to_yesterday.checked_in_today) == (3, False)
    assert streaks([ago(4), ago(3), ago(2)], today=TODAY).current == 0
    assert streaks([ago(4), ago(3), ago(2)], today=TODAY).longest == 3


def test_several_checkins_on_one_day_count_once_and_future_days_are_ignored() -> None:
    result = streaks([ago(1), ago(1), ago(0), ago(0), TODAY + timedelta(days=1)], today=TODAY)
    assert (result.current, result.longest) == (2, 2)


def test_streaks_of_nothing() -> None:
    assert streaks([], today=TODAY) == Streaks(0, 0, None, False)


def test_ties_report_the_most_recent_longest_run() -> None:
    result = streaks([ago(10), ago(9), ago(5), ago(4)], today=TODAY)
    assert (result.longest, result.longest_ended, result.current) == (2, ago(4), 0)


# ---- daily and weekly series ---------------------------------------------------------


def test_daily_series_averages_each_day_and_skips_missing_values() -> None:
    rows = [
        (ago(2), checkin(ago(2), mood=2, critic=8)),
        (ago(2), checkin(ago(2), mood=4, critic=None)),
        (ago(0), checkin(ago(0), mood=None, critic=3)),
        (ago(0), checkin(ago(0), mood=None, critic=None)),
    ]
    series = daily_series(rows)
    assert [(p.day, p.mood, p.critic, p.checkins) for p in series] == [
        (ago(2), 3.0, 8.0, 2),
        (ago(0), None, 3.0, 2),
    ]


def test_weeks_start_on_monday_and_cross_month_and_year_ends() -> None:
    sunday, monday = d("2026-11-01"), d("2026-11-02")
    assert week_start(sunday) == d("2026-10-26")
    assert week_start(monday) == monday
    assert week_start(d("2027-01-01")) == d("2026-12-28")  # a Friday, week began in December
    rows = [
        (d("2026-10-30"), checkin(d("2026-10-30"), critic=8)),  # Friday
        (sunday, checkin(sunday, critic=6)),
        (monday, checkin(monday, critic=2)),
        (d("2026-11-08"), checkin(d("2026-11-08"), critic=4)),  # the next Sunday
        (d("2026-11-08"), checkin(d("2026-11-08"), critic=None, mood=5)),
    ]
    series = weekly_series(rows)
    assert [(p.day, p.critic, p.checkins) for p in series] == [
        (d("2026-10-26"), 7.0, 2),
        (d("2026-11-02"), 3.0, 3),
    ]
    assert series[1].mood == pytest.approx((3 + 3 + 5) / 3)


def test_weekly_mood_is_the_mean_of_every_checkin_in_the_week() -> None:
    monday = d("2026-11-02")
    rows = [(monday, checkin(monday, mood=1)), (monday, checkin(monday, mood=2)),
            (monday + timedelta(days=6), checkin(monday + timedelta(days=6), mood=5))]
    (week,) = weekly_series(rows)
    assert week.mood == pytest.approx(8 / 3)  # each check-in weighs the same, not each day


def test_weekly_series_only_for_windows_longer_than_sixty_days() -> None:
    rows = StatsRows(checkins=(checkin(ago(1)), checkin(ago(20))))
    assert build_report(rows, 60, TODAY).weekly == ()
    weekly = build_report(rows, 61, TODAY).weekly
    assert [p.day for p in weekly] == [week_start(ago(20)), week_start(ago(1))]


# ---- before -> after -----------------------------------------------------------------


def test_before_after_averages_leave_out_dialogues_missing_a_number() -> None:
    change = loudness_change([
        (ago(5), dialogue(1, ago(5), 8, 4)),  # quieter by 4
        (ago(4), dialogue(2, ago(4), 6, 7)),  # louder by 1
        (ago(3), dialogue(3, ago(3), 5, 5)),  # the same
        (ago(2), dialogue(4, ago(2), 9, None)),  # stopped before the end
        (ago(1), dialogue(5, ago(1), None, 2)),
        (ago(0), dialogue(6, ago(0), None, None)),
        (ago(0), dialogue(7, ago(0), 0, 0)),  # zero is a number, not missing
    ])
    assert (change.rated, change.not_rated) == (4, 3)
    assert change.average_before == pytest.approx((8 + 6 + 5 + 0) / 4)
    assert change.average_after == pytest.approx((4 + 7 + 5 + 0) / 4)
    assert change.average_drop == pytest.approx(0.75)
    assert (change.quieter, change.louder, change.same) == (1, 1, 2)
    assert [(p.before, p.after) for p in change.pairs] == [(8, 4), (6, 7), (5, 5), (0, 0)]


def test_before_after_with_nothing_rated() -> None:
    change = loudness_change([(ago(1), dialogue(1, ago(1), 7, None))])
    assert change == LoudnessChange(not_rated=1)
    assert loudness_change([]) == LoudnessChange()


def test_a_louder_critic_gives_a_negative_drop() -> None:
    change = loudness_change([(ago(1), dialogue(1, ago(1), 3, 6))])
    assert change.average_drop == -3
    assert (change.quieter, change.louder, change.same) == (0, 1, 0)


# ---- fears -------------------------------------------------------------------------


def test_fears_ignore_stop_words_and_the_prompts_own_words() -> None:
    fears = dict(count_fears([
        "I'm afraid that if I stopped, I would fail.",
        "You would FAIL and be rejected",
    ]))
    assert fears == {"fail": 2, "rejected": 1}


def test_fears_count_once_per_answer() -> None:
    assert count_fears(["alone, alone, alone", "alone"]) == (("alone", 2),)


def test_fears_find_recurring_and_whole_phrases() -> None:
    fears = count_fears([
        "Being left out.",
        "that I'd be left out again and not good enough",
        "Not good enough. Not good enough!",
        "Left out by everyone",
    ])
    assert fears[:2] == (("left out", 3), ("not good enough", 2))
    words = [w for w, _ in fears]
    # Words that only ever appear inside a kept phrase are not repeated.
    assert "left" not in words and "good" not in words and "enough" not in words


def test_fears_fold_plurals_and_curly_apostrophes() -> None:
    fears = dict(count_fears(["making mistakes", "one more mistake", "I’d be laughed at", "I'd be laughed at"]))
    assert fears["mistake"] == 2
    assert fears["laughed"] == 2
    assert "mistakes" not in fears


def test_fears_limit_and_order() -> None:
    texts = ["failure"] * 3 + ["rejection"] * 2 + ["shame", "loss", "boredom", "anger", "grief", "panic", "envy"]
    fears = count_fears(texts, limit=4)
    assert fears == (("failure", 3), ("rejection", 2), ("anger", 1), ("boredom", 1))


def test_fears_of_empty_and_missing_texts() -> None:
    assert count_fears([]) == ()
    assert count_fears([None, "", "   ", "and the it"]) == ()


# ---- the lens ----------------------------------------------------------------------


def test_critic_patterns_are_triples_most_frequent_first() -> None:
    found = critic_patterns([
        "You should have known. You should be better.",
        "You're lazy and you should try harder.",
        None,
        "",
    ])
    assert all(isinstance(p, CriticPattern) for p in found)
    kind, count, top_words = found[0]
    assert kind == "should" and count == 3
    assert top_words[0][1] >= 1
    assert "label" in {p.kind for p in found}
    assert all(p.count > 0 for p in found)
    assert critic_patterns([]) == []


def test_report_splits_the_critics_words_into_earlier_and_recent_halves() -> None:
    turns = (
        TurnText(1, at(ago(25)), "critic_words", "You're lazy."),
        TurnText(2, at(ago(20)), "critic_words", "You're so lazy. You should have done it."),
        TurnText(3, at(ago(2)), "critic_words", "You should know better."),
        TurnText(3, at(ago(2)), "fears", "You're lazy"),  # not the critic's words: not read by the lens
        TurnText(9, at(ago(40)), "critic_words", "You're lazy."),  # before the window
    )
    report = build_report(StatsRows(turns=turns), 30, TODAY)
    assert report.midpoint == ago(14)
    assert (report.critic_texts, report.critic_texts_earlier, report.critic_texts_recent) == (3, 2, 1)
    by_kind = {p.kind: p for p in report.patterns}
    assert (by_kind["label"].count, by_kind["label"].earlier, by_kind["label"].recent) == (2, 2, 0)
    assert by_kind["label"].texts == 2
    assert by_kind["label"].top_words == (("lazy", 2),)
    assert (by_kind["should"].earlier, by_kind["should"].recent) == (1, 1)
    assert report.critic_words[0] == ("lazy", 2)
    assert report.patterns[0].name  # the lens's human name


# ---- the whole report --------------------------------------------------------------


def test_empty_inputs_give_an_empty_report_that_serialises() -> None:
    report = build_report(StatsRows(), 30, TODAY)
    assert report.is_empty
    assert (report.start, report.end) == (ago(29), TODAY)
    assert report.daily == report.weekly == report.parts == report.fears == report.patterns == ()
    assert report.change == LoudnessChange()
    assert report.streaks == Streaks()
    data = json.loads(json.dumps(report.to_dict()))
    assert data["checkins"] == 0 and data["loudness_change"]["average_drop"] is None
    assert trends.empty_report(30, TODAY) == report


def test_the_window_includes_today_and_its_first_day_and_nothing_before() -> None:
    rows = StatsRows(
        checkins=(
            checkin(ago(30), hour=23),  # the day before the window
            checkin(ago(29), hour=0),  # the first minute-ish of the window
            checkin(TODAY, hour=23),
            checkin(TODAY + timedelta(days=1)),  # a clock that was wrong: not counted
        ),
        checkin_times=(at(ago(30)), at(ago(29)), at(TODAY)),
    )
    report = build_report(rows, 30, TODAY)
    assert report.checkins == 2
    assert [p.day for p in report.daily] == [ago(29), TODAY]
    assert report.older_checkins


def test_days_out_of_range_are_refused() -> None:
    for days in (0, -1, 3651):
        with pytest.raises(ValueError):
            trends.window(days, TODAY)
    assert trends.window(1, TODAY) == (TODAY, TODAY)


def test_a_full_report_counts_everything() -> None:
    checkins = (
        checkin(ago(3), mood=2, critic=8, part="Taskmaster"),
        checkin(ago(2), mood=3, critic=6),
        checkin(ago(2), mood=5, critic=2, part="the judge"),
        checkin(ago(0), mood=4, critic=4, part="TASKMASTER"),
    )
    dialogues = (
        dialogue(1, ago(3), 8, 5, part="Taskmaster"),
        dialogue(2, ago(1), 6, None, part="The Judge"),
    )
    turns = (
        TurnText(1, dialogues[0].at, "fears", "Being left out"),
        TurnText(1, dialogues[0].at, "protects_from", "being left out, feeling alone"),
        TurnText(2, dialogues[1].at, "critic_words", "You're useless."),
    )
    rows = StatsRows(checkins, dialogues, turns, tuple(c.at for c in checkins))
    report = build_report(rows, 30, TODAY, streaks_on=True)  # streaks are off unless turned on
    assert (report.checkins, report.checkin_days, report.dialogues) == (4, 3, 2)
    assert report.mood_average == pytest.approx(3.5)
    assert report.critic_average == pytest.approx(5.0)
    assert [(p.day, p.critic) for p in report.daily] == [(ago(3), 8.0), (ago(2), 4.0), (ago(0), 4.0)]
    assert (report.change.rated, report.change.not_rated, report.change.average_drop) == (1, 1, 3)
    assert [(p.name, p.dialogues, p.checkins) for p in report.parts] == [
        ("Taskmaster", 1, 2), ("The Judge", 1, 1),
    ]
    assert report.fears[0] == ("left out", 2)
    assert report.fear_answers == 2
    assert (report.streaks.current, report.streaks.longest) == (1, 2)
    assert report.patterns[0].kind == "label"
    data = report.to_dict()
    assert data["loudness_change"]["dialogues"] == [{"day": ago(3).isoformat(), "before": 8, "after": 5}]
    assert data["parts"][0] == {"name": "Taskmaster", "dialogues": 1, "checkins": 2, "total": 3}


def test_engine_trends_imports_no_interface_libraries() -> None:
    code = (
        "import sys; import innercritic.engine.critic_trends as t; t.critic_patterns(['You should rest.']);"
        "bad = {'textual', 'rich', 'typer', 'sqlalchemy', 'sqlmodel', 'plotext'} & {m.split('.')[0] for m in sys.modules};"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_streaks_are_off_unless_turned_on() -> None:
    checkins = (checkin(ago(1), mood=3, critic=4), checkin(ago(0), mood=3, critic=4))
    rows = StatsRows(checkins=checkins, checkin_times=tuple(c.at for c in checkins))
    off = build_report(rows, 30, TODAY)
    assert (off.streaks_on, off.streaks, off.to_dict()["streaks"]) == (False, Streaks(), None)
    on = build_report(rows, 30, TODAY, streaks_on=True)
    assert on.streaks.current == 2 and on.to_dict()["streaks"]["current"] == 2


def test_fear_sentences_are_grouped_by_part_with_the_themes_that_recur() -> None:
    dialogues = (dialogue(1, ago(20), 8, 6, "Clipboard"), dialogue(2, ago(9), 7, 4, "Clipboard"),
                 dialogue(3, ago(5), 6, 6, "Judge"), dialogue(4, ago(2), 6, 3, "Clipboard"))
    turns = (
        TurnText(1, dialogues[0].at, "fears", "Exactly that feeling of being laughed at", "Clipboard"),
        TurnText(2, dialogues[1].at, "fears", "Being laughed at by the team", "Clipboard"),
        TurnText(3, dialogues[2].at, "fears", "That nobody will hire me", "Judge"),
        TurnText(4, dialogues[3].at, "fears", "Being laughed at again, feeling small", "Clipboard"),
        TurnText(4, dialogues[3].at, "protects_from", "not a fear: its own line", "Clipboard"),
    )
    report = build_report(StatsRows(dialogues=dialogues, turns=turns), 30, TODAY)
    clipboard, judge = report.fears_by_part
    assert (clipboard.name, clipboard.answers, judge.name, judge.answers) == ("Clipboard", 3, "Judge", 1)
    assert [text for _day, text in clipboard.sentences] == [
        "Being laughed at again, feeling small", "Being laughed at by the team", "Exactly that feeling of being laughed at",
    ]
    assert clipboard.themes[0] == ("laughed", 3)
    themes = [words for words, _n in clipboard.themes]
    assert "exactly" not in themes and "feeling" not in themes  # filler never counts as a theme
    assert judge.themes == ()  # said once is not a theme that recurs
    loud = {p.name: [(b, a) for _d, b, a in p.pairs] for p in report.loudness_by_part}
    assert loud == {"Clipboard": [(8, 6), (7, 4), (6, 3)], "Judge": [(6, 6)]}
