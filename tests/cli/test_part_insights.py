"""Issue 17, item 6: insights that mean something, on a generated journal of several parts
over months: the fear sentences grouped by part, before → after per part as a chart,
streaks off unless turned on, and `stats --part NAME`."""

from __future__ import annotations

import json

from story_testing import CLIPBOARD, JUDGE, NOTICED_FEAR, months  # noqa: F401 (months: a fixture)
from typer.testing import CliRunner

from innercritic.cli.app import app


def stats(db_path: str, *args: str):
    env = {"NO_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "100"}
    return CliRunner().invoke(app, ["--db", db_path, "stats", "--days", "400", *args], env=env)


def test_the_fears_are_sentences_grouped_by_part_with_recurring_themes(months):
    data = json.loads(stats(months, "--json").stdout)
    groups = {g["part"]: g for g in data["fears_by_part"]}
    assert set(groups) == {CLIPBOARD, JUDGE, "Pusher"}
    clipboard = groups[CLIPBOARD]
    assert clipboard["answers"] == 10
    assert clipboard["sentences"][0]["text"] == "that you will be laughed at in meeting 9"  # newest first
    assert {"words": "laughed", "count": 10} in clipboard["themes"]
    assert groups["Pusher"]["themes"] == []  # said once: not a theme
    assert groups[JUDGE]["answers"] == 3  # the noticed answer is neither counted nor quoted
    out = stats(months).stdout
    assert NOTICED_FEAR not in out and NOTICED_FEAR not in json.dumps(data)
    fears = out[out.index("What the critic fears"):out.index("The critic's patterns")]
    assert f"{CLIPBOARD} · 10 answers" in fears and "that you will be laughed at in meeting 9" in fears
    for filler in ("exactly", "feeling"):  # the Pusher's answer has both; neither is a theme
        assert f"“{filler}”" not in fears


def test_before_and_after_per_part_is_a_chart(months):
    data = json.loads(stats(months, "--json").stdout)
    per_part = {p["part"]: p["dialogues"] for p in data["loudness_by_part"]}
    assert [(d["before"], d["after"]) for d in per_part[JUDGE]] == [(8, 6), (8, 5), (8, 4), (8, 3)]
    assert len(per_part[CLIPBOARD]) == 10
    out = stats(months).stdout
    section = out[out.index("Before → after, part by part"):out.index("Parts\n")]
    assert f"{CLIPBOARD} · 10 dialogues · first 9 → 7, latest 5 → 0" in section
    assert f"{JUDGE} · 4 dialogues" in section
    assert section.count("┌") == 2  # one chart each; Pusher has a single dialogue
    assert "before" in section and "after" in section


def test_streaks_are_off_by_default_and_on_when_turned_on(months, cli):
    assert "streak" not in stats(months).stdout.lower()
    assert json.loads(stats(months, "--json").stdout)["streaks"] is None
    assert cli("config", "set", "streaks", "on").exit_code == 0
    assert "Check-in streak" in stats(months).stdout
    assert json.loads(stats(months, "--json").stdout)["streaks"]["longest"] >= 1


def test_stats_for_one_part(months):
    data = json.loads(stats(months, "--part", "judge", "--json").stdout)
    assert data["part"] == JUDGE
    assert data["dialogues"] == 4 and data["checkins"] == 0
    assert [g["part"] for g in data["fears_by_part"]] == [JUDGE]
    assert [p["part"] for p in data["loudness_by_part"]] == [JUDGE]
    text = stats(months, "--part", "Judge")
    assert text.exit_code == 0 and text.stdout.startswith(f"innercritic · {JUDGE} · ")
    assert CLIPBOARD not in text.stdout


def test_stats_for_a_part_that_does_not_exist(months, db_path):
    result = stats(months, "--part", "Ghost")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == "innercritic: there is no part called 'Ghost'"
