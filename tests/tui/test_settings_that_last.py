"""Issue 16, settings that last: every documented key of config.toml is read at start,
the app writes back what is changed in it (a theme), and a bad file or value is one line
naming the key and the file, with the defaults used and the command still running."""

from __future__ import annotations

import os

import pytest
from tui_helpers import app_for, settle

from innercritic import config
from innercritic.config import config_file

DOCUMENTED = ("theme", "country", "default_flow", "home_labels", "week_start", "date_format", "reduced_motion",
              "part_reminder", "streaks")


def _write_config(text: str) -> str:
    path = config_file()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def test_every_documented_key_is_known_and_in_the_docs():
    assert tuple(config.KEYS) == DOCUMENTED
    docs = open(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "config.md"), encoding="utf-8").read()
    for name, key in config.KEYS.items():
        assert f"`{name}`" in docs, name
        if key.default is not None:
            assert config.shown_value(key.default) in docs, name


def test_set_get_list_unset_every_key(cli):
    for key, value, stored in [
        ("theme", "Nord", "nord"), ("default_flow", "kind-eyes", "kind-eyes"), ("home_labels", "short", "short"),
        ("week_start", "Sunday", "sunday"), ("date_format", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M"),
        ("reduced_motion", "yes", "true"),
    ]:
        done = cli("config", "set", key, value)
        assert done.exit_code == 0, done.output
        assert cli("config", "get", key).output == stored + "\n"
    text = open(config_file(), encoding="utf-8").read()
    assert "reduced_motion = true\n" in text and 'week_start = "sunday"\n' in text  # a switch is a TOML boolean
    assert cli("config", "set", "week_start", "friday").exit_code == 2
    assert cli("config", "set", "reduced_motion", "maybe").exit_code == 2
    assert cli("config", "unset", "week_start").exit_code == 0
    assert cli("config", "get", "week_start").output == "monday\n"  # the default once unset
    listed = cli("config", "list").output
    assert "week_start = monday  (the default" in listed and "reduced_motion = true" in listed


@pytest.mark.parametrize(
    "text, key",
    [
        ('week_start = "friday"\n', "week_start"),
        ("reduced_motion = \"yes\"\n", "reduced_motion"),
        ('date_format = "no pattern"\n', "date_format"),
        ('theme = 7\n', "theme"),
    ],
)
def test_a_bad_value_is_one_line_and_the_command_still_runs(run_cli, tmp_path, text, key):
    path = _write_config(text)
    db = str(tmp_path / "j.db")
    assert run_cli("checkin", "--mood", "3", db=db)[0] == 0
    for args in (["history"], ["stats"], ["flows"]):
        rc, out, err = run_cli(*args, db=db)
        assert rc == 0, err
        assert err.count("\n") == 1 and path in err and f"'{key}'" in err, (args, err)
        assert out


def test_a_file_that_is_not_toml_is_one_line_and_defaults(run_cli, tmp_path):
    path = _write_config("theme = [\n")
    rc, out, err = run_cli("history", db=str(tmp_path / "j.db"))
    assert rc == 0 and err.count("\n") == 1 and path in err and "not valid TOML" in err


def test_date_format_is_used_for_times_in_the_shell(run_cli, tmp_path):
    db = str(tmp_path / "j.db")
    run_cli("checkin", "--mood", "3", "--note", "hello", db=db)
    rc, out, _ = run_cli("history", db=db)
    assert rc == 0 and "-" not in out.splitlines()[-1].split()[1]  # the default: "Tue 01 Dec 2026 ..."
    _write_config('date_format = "%Y/%m/%d@%H.%M"\n')
    rc, out, _ = run_cli("history", db=db)
    import re

    assert re.search(r"\d{4}/\d\d/\d\d@\d\d\.\d\d", out), out


def test_week_start_moves_the_weekly_averages(tmp_path):
    from datetime import date

    from innercritic.engine.trend_numbers import week_start

    wednesday = date(2026, 12, 2)
    assert week_start(wednesday) == date(2026, 11, 30)  # Monday
    assert week_start(wednesday, 6) == date(2026, 11, 29)  # Sunday
    from innercritic.services import entries as services

    _write_config('week_start = "sunday"\n')
    assert services.trends_report(None, 90).first_weekday == 6


def test_default_flow_is_what_talk_opens(tmp_path, cli):
    _write_config('default_flow = "kind-eyes"\n')
    db = tmp_path / "j.db"
    done = cli("--db", str(db), "talk", "--plain", input="5\n")
    assert done.exit_code == 0, done.output
    assert done.output.startswith("Through kind eyes")
    from innercritic.store.driver import dbapi as sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT flow_id FROM dialogue").fetchall() == [("kind-eyes",)]


def test_default_flow_that_names_nothing_is_one_line_and_the_critic(run_cli, tmp_path):
    path = _write_config('default_flow = "no-such-thing"\n')
    rc, out, err = run_cli("talk", "--plain", db=str(tmp_path / "j.db"), input="8\n")
    assert rc == 0, err
    assert err.count("\n") == 1 and path in err and "'default_flow'" in err
    assert out.startswith("Talk with the critic")


async def test_the_app_opens_on_the_default_flow(tmp_path):
    _write_config('default_flow = "kind-eyes"\n')
    app = app_for(tmp_path / "j.db", start="talk")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.session is not None and app.session.flow.id == "kind-eyes"


async def test_a_theme_picked_in_the_palette_lasts_after_a_restart(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "theme":
            await pilot.press(char)
        await pilot.pause(0.3)
        await pilot.press("enter")  # Change theme
        await pilot.pause(0.3)
        for char in "nord":
            await pilot.press(char)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "nord"
    assert 'theme = "nord"' in open(config_file(), encoding="utf-8").read()
    again = app_for(db)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_an_unknown_theme_is_one_line_and_the_app_opens(tmp_path, capsys):
    path = _write_config('theme = "no-such-theme"\n')
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert app.screen.__class__.__name__ == "HomeScreen"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and path in err and "'theme'" in err


async def test_a_file_that_is_not_toml_still_opens_the_app(tmp_path):
    _write_config("theme = [\n")
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HomeScreen"


async def test_short_home_labels(tmp_path):
    _write_config('home_labels = "short"\n')
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        menu = app.screen.query_one("#home-menu")
        first = str(menu.get_option_at_index(0).prompt)
        assert first.startswith("Talk ") and "critic" not in first
