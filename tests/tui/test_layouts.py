"""Layouts at 60x18, 80x24 and 160x45: nothing broken mid-word, buttons and the search
box on screen, and at 160 columns long names and quotes use the width."""

from __future__ import annotations

import re

import pytest
from journal_testing import CRITIC_TURNS, add_dialogue
from screen_text import SIZES, visible_lines, visible_text
from tui_helpers import app_for, settle

from innercritic.store.journal import Journal

LONG_PART = "The Relentless Taskmaster Who Never Sleeps"


def _journal(path) -> None:
    journal = Journal(str(path))
    try:
        for critic in (5, 6, 7):
            journal.add_checkin(mood=2, critic=critic, note="after the meeting", part=None)
        add_dialogue(journal, part=LONG_PART, turns=CRITIC_TURNS, finish="completed")
    finally:
        journal.close()


def _words_whole(text: str, phrase: str) -> bool:
    """The phrase is on screen on one line, or wrapped only between words."""
    flat = " ".join(line.strip(" ▊▎▌▐│") for line in text.splitlines())
    return " ".join(phrase.split()) in " ".join(flat.split())


@pytest.mark.parametrize("size", SIZES)
async def test_home_breaks_no_word(tmp_path, size):
    _journal(tmp_path / "j.db")
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = visible_lines(app)
        text = "\n".join(lines)
        for label in ("Talk with the critic", "Quick check-in", "History", "My safety plan", "Help now"):
            assert label in text
        side = app.screen.query_one("#home-side")
        if side.display and side.region.width:
            column = "\n".join(line[side.region.x:side.region.right] for line in lines)
            assert "3 check-ins · 1 dialogue" in column, column  # on one line, never "check-in" / "s · 0"
            for line in column.splitlines():  # each recent entry on its one line, starting with its day
                if "critic" in line or "mood" in line:
                    assert re.match(r"\s*(\w{3} )?\d\d \w{3}  ", line), column
        else:
            assert size[0] < 80  # only a narrow screen leaves the glance out


async def test_home_at_160_shows_the_whole_part_name(tmp_path):
    _journal(tmp_path / "j.db")
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert LONG_PART in visible_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_history_search_box_keeps_a_usable_width(tmp_path, size):
    _journal(tmp_path / "j.db")
    app = app_for(tmp_path / "j.db", start="history")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#history-search")
        assert box.region.width >= 20
        assert "Search words" in visible_text(app)


async def test_history_at_160_shows_the_whole_part_name(tmp_path):
    _journal(tmp_path / "j.db")
    app = app_for(tmp_path / "j.db", start="history")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert LONG_PART in visible_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_checkin_buttons_and_keys_are_on_screen(tmp_path, size):
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        text = visible_text(app)
        for needle in ("Mood right now", "How loud is the critic", "Anything you'd like to note?", "Save", "Not now",
                       "F1 help now"):
            assert needle in text, text
        save = app.screen.query_one("#save")
        assert save.region.bottom <= size[1] and save.region.right <= size[0]


@pytest.mark.parametrize("size", SIZES)
async def test_exercise_picker_wraps_descriptions_at_word_boundaries(tmp_path, size):
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        picker = app.screen
        assert picker.__class__.__name__ == "FlowPicker"
        assert "F1 help now" in visible_text(app)
        lines = visible_lines(app)
        assert all(len(line.rstrip()) <= size[0] for line in lines)
        panel = picker.query_one("#picker")
        assert panel.region.right <= size[0] and panel.region.x >= 0
        flows = picker.flows
        shown = visible_text(app)
        first_id, first_title, first_description = flows[0]
        assert first_title in shown
        assert _words_whole(shown, first_description), shown
