"""Issue 17: the app's part screen tells the same story as `parts show`, on a generated
journal of several parts over months; each dialogue in it opens its transcript."""

from __future__ import annotations

import json

import pytest
from story_testing import CLIPBOARD, NOTICED, months, open_part  # noqa: F401 (months: a fixture)
from tui_helpers import app_for, settle

from innercritic.engine.story import STORY_FIELDS
from innercritic.screens.part_story import PartDetailScreen, StoryCard
from innercritic.screens.parts import PartsScreen
from innercritic.screens.transcript import TranscriptScreen


@pytest.mark.parametrize("size", [(80, 24), (60, 18), (160, 45)])
async def test_the_part_screen_shows_the_same_story_as_the_shell(months, cli_db, size):
    shell = json.loads(cli_db("parts", "show", CLIPBOARD, "--json").stdout)["story"]
    app = app_for(months)
    async with app.run_test(size=size) as pilot:
        screen = await open_part(app, pilot, CLIPBOARD)
        cards = list(screen.query(StoryCard))
        assert [card.entry.entry_id for card in cards] == [item["entry"] for item in shell]
        for card, item in zip(cards, shell):
            shown = str(card.render())
            for field, label in STORY_FIELDS:
                if item[field]:
                    assert label in shown and item[field] in shown
            assert NOTICED not in shown
        assert screen.focused is cards[0]
        # the story scrolls: the last card is reached by moving down, then opens its dialogue
        for _ in cards:
            await pilot.press("down")
        await pilot.pause()
        assert screen.focused is cards[-1]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)
        assert app.screen.entry.id == shell[-1]["entry"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_a_reacting_part_shows_whom_it_stepped_in_about(db_path):
    from journal_testing import add_dialogue

    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        entry = add_dialogue(journal, part="Clipboard", finish="completed", turns=[
            ("other_part", "reacting_part_says", "What would it like you to know?", "leave me alone", None, False),
        ])
        journal.name_reacting_part(entry, "The Defender")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        names = [p.part.name for p in app.screen.profiles]
        assert names == ["Clipboard", "The Defender"]
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PartDetailScreen)
        assert "stepped in about Clipboard" in str(screen.query_one("#part-meta").render())
        [card] = list(screen.query(StoryCard))
        assert "stepped in about Clipboard" in str(card.render()) and "leave me alone" in str(card.render())
