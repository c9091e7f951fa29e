"""`innercritic stats`: trends in the shell, as charts and sentences or as plain JSON numbers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from journal_testing import CRITIC_TURNS, add_dialogue, count_entries, days_ago_iso, insert_checkin_at, make_journal
from typer.testing import CliRunner

from innercritic.cli.app import app
from innercritic.engine.trend_numbers import week_start
from innercritic.store.journal import Journal


def run(db_path: str, *args: str, env: dict[str, str] | None = None):
    base = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm-256color", "COLUMNS": "80"}
    return CliRunner().invoke(app, ["--db", db_path, "stats", *args], env={**base, **(env or {})})


@pytest.fixture
def journal_with_trends(db_path: str) -> str:
    """Check-ins on controlled days, and three dialogues written through the Journal API."""
    make_journal(db_path)
    for days, mood, critic in ((40, 1, 9), (5, 2, 8), (4, 3, 6), (4, 5, 2), (2, 4, 5), (1, 3, 4), (0, 4, 3)):
        insert_checkin_at(db_path, days_ago_iso(days), mood=mood, critic=critic, part="Taskmaster" if days == 4 else None)
    with Journal(db_path) as journal:
        add_dialogue(journal, turns=CRITIC_TURNS, part="Taskmaster", finish="completed")  # 7 -> 4
        add_dialogue(journal, turns=(
            ("loudness_before", "loudness_before", "How loud?", "6", 6, False),
            ("find", "critic_words", "What is it saying?", "You should have done more, you're useless.", None, False),
            ("fears", "fears", "Afraid of?", "Being left out.", None, False),
            ("protects_from", "protects_from", "Protecting from?", "being left out and alone", None, False),
            ("loudness_after", "loudness_after", "How loud now?", "6", 6, False),
        ), finish="completed")
        add_dialogue(journal, turns=CRITIC_TURNS[:2])  # stopped before the second rating
        journal.add_checkin(mood=None, critic=None, note="only a note", part=None)
    return db_path


def _streaks_on() -> None:
    from innercritic import config

    config.write("streaks", "on")


def test_json_numbers(journal_with_trends: str) -> None:
    _streaks_on()
    result = run(journal_with_trends, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["days"] == 30
    assert data["checkins"] == 7  # six in the window with numbers, plus the note-only one today
    assert data["checkin_days"] == 5
    assert data["dialogues"] == 3
    assert data["mood_average"] == round((2 + 3 + 5 + 4 + 3 + 4) / 6, 2)
    assert data["critic_average"] == round((8 + 6 + 2 + 5 + 4 + 3) / 6, 2)
    today = data["daily"][-1]
    assert (today["mood"], today["critic"], today["checkins"]) == (4, 3, 2)
    four_days_ago = data["daily"][1]
    assert (four_days_ago["mood"], four_days_ago["critic"], four_days_ago["checkins"]) == (4, 4, 2)
    assert data["weekly"] == []
    change = data["loudness_change"]
    assert (change["rated"], change["not_rated"]) == (2, 1)
    assert (change["average_before"], change["average_after"], change["average_drop"]) == (6.5, 5.0, 1.5)
    assert (change["quieter"], change["same"], change["louder"]) == (1, 1, 0)
    assert data["parts"] == [{"name": "Taskmaster", "dialogues": 1, "checkins": 2, "total": 3}]
    assert data["fears"][0] == {"words": "left out", "count": 3}  # one answer in CRITIC_TURNS, two here
    assert {"words": "alone", "count": 1} in data["fears"]
    assert data["streaks"]["current"] == 3 and data["streaks"]["checked_in_today"] is True
    assert data["streaks"]["longest"] == 3
    kinds = {k["kind"]: k for k in data["critic_patterns"]["kinds"]}
    assert data["critic_patterns"]["texts"] == 3
    assert kinds["should"]["count"] == 1 and kinds["label"]["count"] == 1
    assert kinds["absolute"]["count"] == 2  # "never", in the two CRITIC_TURNS dialogues


def test_json_weekly_series_for_long_windows(journal_with_trends: str) -> None:
    data = json.loads(run(journal_with_trends, "--days", "90", "--json").stdout)
    assert data["checkins"] == 8
    assert sum(week["checkins"] for week in data["weekly"]) == 8
    starts = {week["week_start"] for week in data["weekly"]}
    assert all(date.fromisoformat(start).weekday() == 0 for start in starts)  # Mondays
    assert starts == {week_start(date.fromisoformat(day["day"])).isoformat() for day in data["daily"]}


def test_text_report_has_charts_and_sentences(journal_with_trends: str) -> None:
    _streaks_on()
    result = run(journal_with_trends)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for label in ("the last 30 days", "Critic loudness", "Mood", "Before → after",
                  "6.5 → 5.0, 1.5 quieter on average", "Current streak 3 days", "Taskmaster",
                  "Shoulds", "“useless”"):
        assert label in out, label
    # the fear sentences themselves, grouped by part (issue 17), not a word count
    fears = out[out.index("What the critic fears"):out.index("The critic's patterns")]
    assert "Taskmaster · 1 answer" in fears and "Not named · 1 answer" in fears
    assert "That I would be left out." in fears and "Being left out." in fears
    assert out.count("┌") == 2  # two charts
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b[" not in out  # not a terminal: plain text


def test_no_color_output_has_no_escape_codes_even_when_colour_is_forced(journal_with_trends: str) -> None:
    coloured = run(journal_with_trends, env={"FORCE_COLOR": "1"})
    assert coloured.exit_code == 0, coloured.stderr
    assert "\x1b[" in coloured.stdout  # the check below can see colour when there is some
    plain = run(journal_with_trends, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.exit_code == 0, plain.stderr
    assert "\x1b" not in plain.stdout
    assert plain.stdout.count("┌") == 2  # the charts are still drawn, without colour
    assert "Critic loudness" in plain.stdout


def test_installed_command_with_no_color(run_cli, journal_with_trends: str) -> None:
    rc, out, err = run_cli("stats", "--days", "7", db=journal_with_trends, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert (rc, err) == (0, "")
    assert "\x1b" not in out and "┌" in out


def test_missing_journal_is_a_friendly_sentence_and_creates_nothing(db_path: str) -> None:
    result = run(db_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("There is no journal yet")
    assert result.stdout.count("\n") == 1
    assert "┌" not in result.stdout
    assert not os.path.exists(db_path)
    data = json.loads(run(db_path, "--json").stdout)
    assert data["checkins"] == 0 and data["daily"] == []
    assert not os.path.exists(db_path)


def test_empty_journal_is_a_friendly_sentence(db_path: str) -> None:
    make_journal(db_path)
    result = run(db_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Nothing written in the last 30 days yet.")
    assert "innercritic checkin" in result.stdout
    assert "┌" not in result.stdout
    assert count_entries(db_path) == 0


def test_old_entries_only_suggest_a_longer_window(db_path: str) -> None:
    make_journal(db_path)
    insert_checkin_at(db_path, days_ago_iso(100), mood=3, critic=5)
    result = run(db_path, "--days", "7")
    assert result.exit_code == 0
    assert "Nothing written in the last 7 days yet." in result.stdout
    assert "--days 365" in result.stdout


def test_one_checkin_gets_a_sentence_not_an_empty_axis(db_path: str) -> None:
    make_journal(db_path)
    insert_checkin_at(db_path, days_ago_iso(0), mood=3, critic=6)
    result = run(db_path)
    assert result.exit_code == 0, result.stderr
    assert "┌" not in result.stdout
    assert "One day with a loudness rating so far (6.0 of 10)" in result.stdout
    assert "No dialogues in this window." in result.stdout
    assert "streak" not in result.stdout.lower()  # off unless turned on in config
    _streaks_on()
    assert "Current streak 1 day" in run(db_path).stdout


@pytest.mark.parametrize("days", ["0", "3651", "abc", "-3", "1.5", "", "３０"])
def test_bad_days_exit_2_with_one_line(db_path: str, days: str) -> None:
    result = run(db_path, "--days", days)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("innercritic: --days must be a whole number from 1 to 3650")
    assert result.stderr.count("\n") == 1


def test_help_has_examples() -> None:
    result = CliRunner().invoke(app, ["stats", "--help"])
    assert result.exit_code == 0
    assert "innercritic stats --days 7" in result.stdout
    assert "--json" in result.stdout


def test_plotext_and_the_report_stay_off_the_checkin_path(tmp_path) -> None:
    code = (
        "import sys; from innercritic import cli, entry;"
        "bad = {'plotext', 'textual_plotext', 'innercritic.views', 'innercritic.engine.trends',"
        " 'innercritic.engine.trend_report', 'innercritic.engine.trend_numbers', 'innercritic.engine.critic_trends'} & set(sys.modules);"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)


def test_user_text_cannot_send_control_sequences(db_path: str) -> None:
    make_journal(db_path)
    insert_checkin_at(db_path, days_ago_iso(1), mood=3, critic=5, part="\x1b[2JJudge")
    with Journal(db_path) as journal:
        add_dialogue(journal, turns=(("fears", "fears", "Afraid of?", "being \x1b]0;owned\x07 laughed at", None, False),))
    result = run(db_path)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[2JJudge" in result.stdout
