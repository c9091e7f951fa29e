"""Issue 17, item 5: the part reminder is said by `nudge` and the home screen only when
turned on in config.toml, never otherwise."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from story_testing import CLIPBOARD, months  # noqa: F401 (months: a fixture)
from tui_helpers import app_for, settle

from innercritic.screens.home import HomeScreen


def _days_since_the_clipboard(db_path) -> int:
    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        name, last = journal.most_met_part()
    assert name == CLIPBOARD  # met most often of the three
    return (date.today() - datetime.fromisoformat(last).astimezone().date()).days


def test_nudge_says_nothing_of_parts_unless_turned_on(run_cli, months):
    rc, out, err = run_cli("--db", months, "nudge")
    assert (rc, err) == (0, "")
    assert "checked in with" not in out
    run_cli("config", "set", "part_reminder", "off")
    assert "checked in with" not in run_cli("--db", months, "nudge")[1]


def test_nudge_says_how_many_days_since_the_part_when_turned_on(run_cli, months):
    assert run_cli("config", "set", "part_reminder", "on")[0] == 0
    rc, out, err = run_cli("--db", months, "nudge")
    days = _days_since_the_clipboard(months)
    assert (rc, err) == (0, "")
    assert f"It's been {days} days since you last checked in with {CLIPBOARD}." in out


def test_a_bad_value_is_refused(run_cli):
    rc, _out, err = run_cli("config", "set", "part_reminder", "sometimes")
    assert rc == 2 and "use on or off" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("turned_on", [False, True])
async def test_home_shows_the_reminder_only_when_turned_on(cli, months, turned_on):
    if turned_on:
        assert cli("config", "set", "part_reminder", "on").exit_code == 0
    app = app_for(months)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        glance = str(app.screen.query_one("#home-glance").render())
        assert ("since you last checked in with The Clipboard" in glance) is turned_on
