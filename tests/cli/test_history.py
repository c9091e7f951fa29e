"""`innercritic history`: order, -n, dates, kind, part, search, JSON, and a missing journal."""

from __future__ import annotations

import json
import os
from datetime import datetime

import pytest
from journal_testing import (
    CRITIC_TURNS, add_dialogue, days_ago_iso, insert_checkin_at, local_iso, make_journal, utc_iso,
)

from innercritic.store.journal import Journal

CHECKIN_KEYS = {"id", "uid", "kind", "at", "part", "mood", "critic", "note"}
DIALOGUE_KEYS = {
    "id", "uid", "kind", "at", "part", "flow", "status", "ended_at", "critic_before", "critic_after", "critic_words",
}


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch):
    """Rich folds long cells at 80 columns; give the table room so cells read whole."""
    monkeypatch.setenv("COLUMNS", "200")


def _ids(result) -> list[int]:
    assert result.exit_code == 0, result.stderr
    return [item["id"] for item in json.loads(result.stdout)]


@pytest.fixture
def relative_days(db_path) -> dict[str, int]:
    """Check-ins placed relative to today (local time)."""
    make_journal(db_path)
    placed = {
        "eight_days": insert_checkin_at(db_path, days_ago_iso(8, 23, 55), mood=1),
        "seven_days_early": insert_checkin_at(db_path, days_ago_iso(7, 0, 5), mood=2),
        "six_days": insert_checkin_at(db_path, days_ago_iso(6), mood=3),
        "yesterday": insert_checkin_at(db_path, days_ago_iso(1, 23, 50), mood=4),
        "today": insert_checkin_at(db_path, utc_iso(datetime.now()), mood=5),
    }
    return placed


@pytest.fixture
def around_20_november(db_path) -> dict[str, int]:
    """Check-ins either side of local midnight around 2026-11-20."""
    make_journal(db_path)
    return {
        "19 late": insert_checkin_at(db_path, local_iso(2026, 11, 19, 23, 30)),
        "20 early": insert_checkin_at(db_path, local_iso(2026, 11, 20, 0, 30)),
        "20 late": insert_checkin_at(db_path, local_iso(2026, 11, 20, 23, 30)),
        "21 early": insert_checkin_at(db_path, local_iso(2026, 11, 21, 0, 30)),
    }


# ---- order and -n --------------------------------------------------------------------------


def test_newest_first(cli_db, relative_days):
    days = relative_days
    expected = [days[k] for k in ("today", "yesterday", "six_days", "seven_days_early", "eight_days")]
    assert _ids(cli_db("history", "--json")) == expected


def test_n_limits(cli_db, relative_days):
    assert _ids(cli_db("history", "-n", "2", "--json")) == [relative_days["today"], relative_days["yesterday"]]


@pytest.mark.parametrize("bad", ["0", "-1", "two", "2.5", "１"])
def test_bad_n_is_refused(cli_db, relative_days, bad):
    result = cli_db("history", "-n", bad)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1


def test_text_lists_at_most_20_by_default_but_json_lists_all(cli_db, db_path):
    make_journal(db_path)
    for day in range(25):
        insert_checkin_at(db_path, days_ago_iso(day + 1), mood=3)
    assert len(_ids(cli_db("history", "--json"))) == 25
    text = cli_db("history").stdout
    listed = [line.split()[0] for line in text.splitlines()[1:] if line.strip()]
    assert listed == [str(n) for n in range(1, 21)]


# ---- dates --------------------------------------------------------------------------------


def test_from_and_to_a_calendar_day_use_local_midnight(cli_db, around_20_november):
    days = around_20_november
    assert _ids(cli_db("history", "--from", "2026-11-20", "--to", "2026-11-20", "--json")) == [
        days["20 late"], days["20 early"],
    ]
    assert _ids(cli_db("history", "--to", "2026-11-19", "--json")) == [days["19 late"]]
    assert _ids(cli_db("history", "--from", "2026-11-21", "--json")) == [days["21 early"]]


def test_relative_days(cli_db, relative_days):
    days = relative_days
    assert _ids(cli_db("history", "--from", "today", "--json")) == [days["today"]]
    assert _ids(cli_db("history", "--from", "yesterday", "--to", "yesterday", "--json")) == [days["yesterday"]]
    assert _ids(cli_db("history", "--to", "yesterday", "--json")) == [
        days["yesterday"], days["six_days"], days["seven_days_early"], days["eight_days"],
    ]
    within_a_week = [days["today"], days["yesterday"], days["six_days"], days["seven_days_early"]]
    assert _ids(cli_db("history", "--from", "7d", "--json")) == within_a_week
    assert _ids(cli_db("history", "--from", "1w", "--json")) == within_a_week
    assert _ids(cli_db("history", "--from", " Today ", "--json")) == [days["today"]]


@pytest.mark.parametrize(
    "args", [("--from", "2026-13-40"), ("--to", "2026-02-30"), ("--from", "someday soon"), ("--from", "7x"), ("--to", "2026-11-20 25:99")]
)
def test_bad_dates_are_refused(cli_db, relative_days, args):
    result = cli_db("history", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_from_after_to_is_refused(cli_db, relative_days):
    result = cli_db("history", "--from", "today", "--to", "7d")
    assert result.exit_code == 2
    assert "--from is after --to" in result.stderr


# ---- kind, part, search -----------------------------------------------------------------------


@pytest.fixture
def mixed(db_path) -> dict[str, int]:
    make_journal(db_path)
    early = insert_checkin_at(db_path, days_ago_iso(3), mood=2, note="rain again", part="Taskmaster")
    with Journal(db_path) as journal:
        talk = add_dialogue(journal, part="Taskmaster", turns=CRITIC_TURNS, finish="completed")
        late = journal.add_checkin(mood=4, critic=1, note=None, part=None).id
    return {"early": early, "talk": talk, "late": late}


def test_kind(cli_db, mixed):
    assert _ids(cli_db("history", "--kind", "dialogue", "--json")) == [mixed["talk"]]
    assert _ids(cli_db("history", "--kind", "checkin", "--json")) == [mixed["late"], mixed["early"]]
    result = cli_db("history", "--kind", "poem")
    assert result.exit_code == 2
    assert "--kind must be dialogue or checkin" in result.stderr


def test_part(cli_db, mixed):
    assert _ids(cli_db("history", "--part", "taskMASTER", "--json")) == [mixed["talk"], mixed["early"]]
    result = cli_db("history", "--part", "Nobody")
    assert result.exit_code == 2
    assert "Nobody" in result.stderr
    assert result.stderr.count("\n") == 1


def test_search(cli_db, mixed):
    assert _ids(cli_db("history", "--search", "rain", "--json")) == [mixed["early"]]
    assert _ids(cli_db("history", "--search", "FINISH anything", "--json")) == [mixed["talk"]]
    assert _ids(cli_db("history", "--search", "rain", "--kind", "dialogue", "--json")) == []
    assert _ids(cli_db("history", "--search", '"unbalanced (', "--json")) == []


def test_json_has_the_documented_keys(cli_db, mixed):
    result = cli_db("history", "--json")
    items = json.loads(result.stdout)
    by_id = {item["id"]: item for item in items}
    assert set(by_id[mixed["early"]]) == CHECKIN_KEYS
    assert set(by_id[mixed["talk"]]) == DIALOGUE_KEYS
    talk = by_id[mixed["talk"]]
    assert (talk["kind"], talk["flow"], talk["status"], talk["part"]) == ("dialogue", "critic", "completed", "Taskmaster")
    assert (talk["critic_before"], talk["critic_after"]) == (7, 4)
    assert talk["critic_words"] == "You never finish anything."
    early = by_id[mixed["early"]]
    assert (early["kind"], early["mood"], early["critic"], early["note"]) == ("checkin", 2, None, "rain again")
    assert "turns" not in talk


def test_text_table(cli_db, mixed):
    result = cli_db("history")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "when", "kind", "part", "what"]
    assert [line.split()[0] for line in lines[1:]] == [str(mixed["late"]), str(mixed["talk"]), str(mixed["early"])]
    assert "critic · completed · loudness 7 → 4" in result.stdout
    assert "“rain again”" in result.stdout


# ---- a journal that does not exist yet -----------------------------------------------------------


def test_missing_journal_is_an_empty_list_and_is_not_created(cli_db, db_path):
    result = cli_db("history", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert cli_db("history").stdout.startswith("Nothing here yet")
    assert cli_db("history", "--part", "Anyone", "--json").stdout == "[]\n"
    assert not os.path.exists(db_path)


def test_installed_history_on_a_missing_default_journal_creates_nothing(run_cli, tmp_path):
    rc, out, err = run_cli("history", "--json")
    assert (rc, out, err) == (0, "[]\n", "")
    rc, out, err = run_cli("history", "--search", "anything", "--from", "7d", "--json")
    assert (rc, out, err) == (0, "[]\n", "")
    assert not (tmp_path / "home" / ".local" / "share" / "innercritic").exists()


# ---- user text is data ----------------------------------------------------------------------------------

HOSTILE = {
    "markup": "[bold]x[/]",
    "action": "[@click=app.quit]y[/]",
    "osc": "\x1b]0;pwned\x07z",
}


@pytest.fixture
def hostile(db_path) -> None:
    make_journal(db_path)
    for day, note in enumerate(HOSTILE.values(), start=1):
        insert_checkin_at(db_path, days_ago_iso(day), mood=3, note=note)
    insert_checkin_at(db_path, days_ago_iso(9), mood=1, part="[red]Judge[/]")


def test_history_shows_user_text_literally(cli_db, hostile):
    result = cli_db("history")
    assert result.exit_code == 0
    out = result.stdout
    assert "“[bold]x[/]”" in out
    assert "“[@click=app.quit]y[/]”" in out
    assert "[red]Judge[/]" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07z" in out


def test_history_json_escapes_control_characters(cli_db, hostile):
    result = cli_db("history", "--json")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    notes = {item["note"] for item in json.loads(result.stdout)}
    assert set(HOSTILE.values()) <= notes


def test_installed_history_sends_no_raw_control_bytes(run_cli, db_path, hostile):
    rc, out, err = run_cli("--db", db_path, "history", env={"COLUMNS": "200"})
    assert rc == 0, err
    assert "[bold]x[/]" in out and "[@click=app.quit]y[/]" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07z" in out
