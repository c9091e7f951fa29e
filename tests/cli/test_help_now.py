"""The crisis path in the shell: help-now per country, a worrying check-in note, the
gentle line for words that only might mean danger. Worded for how it was reached."""

from __future__ import annotations

from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)

import pytest
from typer.testing import CliRunner

from innercritic.cli.app import app
from innercritic.engine.care_words import words

OLD_WRONG_NUMBERS = ("1-800-273", "800-273-8255", "273-TALK", "08457", "1850 60 90 90")


def _invoke(*args, input=None, env=None):
    return CliRunner().invoke(app, list(args), input=input, env=env)


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def test_help_now_is_worded_as_asked_for_and_most_urgent_first(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    result = _invoke("help-now")
    assert result.exit_code == 0
    out = result.output
    assert words().get("panel.intro.request") in out
    assert words().get("panel.intro.dialogue") not in out  # "what you wrote…" would be wrong here
    assert out.index("Call 911") < out.index("988") < out.index("741741") < out.index("findahelpline.com")
    assert "Lines for the US, guessed from your language settings." in out
    assert not any(number in out for number in OLD_WRONG_NUMBERS)


@pytest.mark.parametrize(
    "code, expected",
    [
        ("GB", ["Call 999", "116 123", "SHOUT to 85258", "Lines for the UK."]),
        ("uk", ["Call 999", "116 123"]),
        ("IE", ["112 or 999", "116 123", "TALK to 50808"]),
        ("CA", ["Call 911", "call or text 988, in English or French"]),
        ("AU", ["Call 000", "13 11 14", "0477 13 11 14"]),
        ("NZ", ["Call 111", "call or text 1737"]),
    ],
)
def test_help_now_for_a_country(code, expected):
    result = _invoke("help-now", "--country", code)
    assert result.exit_code == 0
    for needle in expected:
        assert needle in result.output, needle
    assert "findahelpline.com" in result.output


def test_a_country_without_lines_gets_the_general_help():
    result = _invoke("help-now", "--country", "FR")
    assert result.exit_code == 0
    assert "your local emergency number" in result.output
    assert "No lines listed for FR yet" in result.output
    assert "988" not in result.output


def test_a_bad_country_is_one_line_and_exit_2():
    result = _invoke("help-now", "--country", "Narnia")
    assert result.exit_code == 2
    assert "two-letter code" in result.output
    assert "Traceback" not in result.output


def test_help_now_list_shows_every_country():
    result = _invoke("help-now", "--list")
    assert result.exit_code == 0
    for code in ("US", "CA", "GB", "IE", "AU", "NZ", "general"):
        assert f"\n{code} " in "\n" + result.output, code


def test_no_locale_and_no_config_is_the_general_help():
    result = _invoke("help-now")
    assert "No country set" in result.output
    assert "your local emergency number" in result.output


def test_the_config_file_beats_the_locale(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert _invoke("config", "set", "country", "ie").exit_code == 0
    result = _invoke("help-now")
    assert "Lines for Ireland." in result.output and "50808" in result.output
    assert "741741" not in result.output


def test_a_bad_config_file_is_one_line_and_the_locale_is_used(monkeypatch):
    from innercritic.config import config_file

    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    path = config_file()
    import os

    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write('country = "Atlantis"\n')
    result = CliRunner().invoke(app, ["help-now"])
    assert result.exit_code == 0
    assert "Lines for the UK, guessed" in result.stdout
    assert result.stderr.count("\n") == 1 and "config.toml" in result.stderr and "'country'" in result.stderr


def test_the_safety_plan_comes_first_after_the_emergency_number(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    db = str(tmp_path / "j.db")
    plan = "## [people]\nSam: 07700 900123\n## [on_my_own]\nwalk by the river\n"
    assert _invoke("--db", db, "plan", "edit", input=plan).exit_code == 0
    out = _invoke("--db", db, "help-now").output
    assert out.index("999") < out.index("Sam, 07700 900123") < out.index("walk by the river") < out.index("116 123")


# ---- after a check-in note -------------------------------------------------------------------


def _events(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT entry_id, step_id, tier, gentle_answer, safe_answer FROM care_event").fetchall()


def test_a_worrying_note_is_saved_followed_by_help_and_noted(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    db = str(tmp_path / "j.db")
    result = _invoke("--db", db, "checkin", "--note", "honestly I want to die")
    assert result.exit_code == 0
    assert result.output.startswith("Saved check-in #1")
    out = result.output
    assert words().get("panel.intro.checkin") in out
    assert out.index("Call 999") < out.index("116 123")
    assert words().get("unsafe.reach") in out  # not a terminal: no question, the suggestion instead
    assert "Check-in saved" not in out
    assert "want to die" not in out.split("\n", 1)[1]  # never quoted back
    assert _events(db) == [(1, None, "clear", None, None)]


def test_words_that_might_mean_danger_get_one_gentle_line_and_no_prompt(tmp_path):
    db = str(tmp_path / "j.db")
    result = _invoke("--db", db, "checkin", "--note", "I've put all my affairs in order")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("Saved check-in #1")
    assert lines[1:] == [words().get("gentle.shell_line")]
    assert "innercritic help-now" in lines[1]
    assert _events(db) == [(1, None, "maybe", None, None)]


def test_with_json_the_help_goes_to_standard_error(tmp_path):
    db = str(tmp_path / "j.db")
    result = CliRunner().invoke(app, ["--db", db, "checkin", "--note", "I want to die", "--json"])
    assert result.exit_code == 0
    import json

    assert json.loads(result.stdout)["id"] == 1
    assert words().get("unsafe.reach") in result.stderr


def test_an_ordinary_note_gets_no_help_and_no_event(tmp_path):
    db = str(tmp_path / "j.db")
    result = _invoke("--db", db, "checkin", "--note", "this deadline is killing me")
    assert result.output.splitlines() == ["Saved check-in #1 · mood – · critic – · note kept"]
    assert _events(db) == []


def test_no_shipped_data_file_holds_an_old_wrong_number():
    from innercritic.resources import data_dir
    import os

    for root, _dirs, files in os.walk(data_dir()):
        for name in files:
            if name.endswith(".weights"):  # the safety scorer's numbers, not text
                continue
            text = open(os.path.join(root, name), encoding="utf-8").read()
            for number in OLD_WRONG_NUMBERS:
                assert number not in text, (name, number)


def test_in_a_terminal_the_question_is_asked_and_the_answer_kept(tmp_path, monkeypatch):
    from innercritic.cli import actions as shell

    monkeypatch.setattr(shell, "_is_interactive", lambda: True)
    db = str(tmp_path / "j.db")
    result = _invoke("--db", db, "checkin", "--note", "I want to die", input="not sure\n")
    assert result.exit_code == 0
    out = result.output
    assert words().get("question.plain") in out
    assert out.index(words().get("question.plain")) < out.index(words().get("unsafe.reach"))
    assert _events(db) == [(1, None, "clear", None, "not_sure")]
    safe = _invoke("--db", db, "checkin", "--note", "I want to die", input="yes\n")
    assert words().get("safe.text") in safe.output
    assert _events(db)[1] == (2, None, "clear", None, "yes")


def test_in_a_terminal_the_gentle_line_offers_help_now(tmp_path, monkeypatch):
    from innercritic.cli import actions as shell

    monkeypatch.setattr(shell, "_is_interactive", lambda: True)
    monkeypatch.setenv("LANG", "en_NZ.UTF-8")
    db = str(tmp_path / "j.db")
    shown = _invoke("--db", db, "checkin", "--note", "I've put all my affairs in order", input="y\n")
    assert words().get("gentle.shell_offer").strip() in shown.output
    assert "1737" in shown.output
    not_shown = _invoke("--db", db, "checkin", "--note", "I've put all my affairs in order", input="\n")
    assert "1737" not in not_shown.output
