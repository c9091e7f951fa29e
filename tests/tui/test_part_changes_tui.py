"""Issue 17, item 3 in the app: add, rename, describe and merge parts, and name the part of
a dialogue that was never named, all from the parts screens; the journal changes as the
shell's commands would change it."""

from __future__ import annotations

from journal_testing import rows
from story_testing import CLIPBOARD, JUDGE, months, open_part  # noqa: F401 (months: a fixture)
from tui_helpers import app_for, settle
from textual.widgets import Input

from innercritic.screens.part_edit import AskLine, PickOne
from innercritic.screens.part_story import PartDetailScreen
from innercritic.screens.parts import PartsScreen

SIZE = (80, 24)


async def _answer(app, pilot, text, *, clear=True):
    assert isinstance(app.screen, AskLine)
    box = app.screen.query_one(Input)
    if clear:
        box.value = ""
    box.insert_text_at_cursor(text)
    await pilot.press("enter")
    await settle(pilot)
    await settle(pilot)


async def _pick(app, pilot, label_part):
    assert isinstance(app.screen, PickOne)
    keys = [key for key, label in app.screen.choices]
    labels = [label for key, label in app.screen.choices]
    index = next(i for i, label in enumerate(labels) if label_part in label)
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)
    return keys[index]


async def test_rename_and_describe_from_the_part_screen(months):
    app = app_for(months)
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, JUDGE)
        await pilot.press("r")
        await pilot.pause()
        await _answer(app, pilot, "The Judge")
        assert isinstance(app.screen, PartDetailScreen)
        assert app.screen.story.profile.part.name == "The Judge"
        await pilot.press("d")
        await pilot.pause()
        await _answer(app, pilot, "compares me to everyone")
        assert app.screen.story.profile.part.description == "compares me to everyone"
        assert "compares me to everyone" in str(app.screen.query_one(".part-description").render())
    assert rows(months, "SELECT name, description FROM part WHERE name_key = 'the judge'") == [
        ("The Judge", "compares me to everyone")
    ]


async def test_a_refused_rename_says_so_and_changes_nothing(months):
    app = app_for(months)
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, JUDGE)
        await pilot.press("r")
        await pilot.pause()
        await _answer(app, pilot, CLIPBOARD)
        assert "already a part called" in (app.problem or "")
    assert rows(months, "SELECT count(*) FROM part WHERE name = 'Judge'") == [(1,)]


async def test_merge_from_the_part_screen_moves_every_entry(months):
    before = rows(months, "SELECT count(*) FROM entry e JOIN part p ON p.id = e.part_id WHERE p.name IN ('Pusher', 'Judge')")
    app = app_for(months)
    async with app.run_test(size=SIZE) as pilot:
        await open_part(app, pilot, "Pusher")
        await pilot.press("m")
        await settle(pilot)
        await _pick(app, pilot, JUDGE)
        await settle(pilot)
        assert isinstance(app.screen, PartDetailScreen)
        assert app.screen.story.profile.part.name == JUDGE
        assert "faster, faster" in [entry.text("says") for entry in app.screen.story.entries]
    assert rows(months, "SELECT count(*) FROM part WHERE name = 'Pusher'") == [(0,)]
    assert rows(months, "SELECT count(*) FROM entry e JOIN part p ON p.id = e.part_id WHERE p.name = 'Judge'") == before


async def test_add_a_part_and_name_a_dialogue_afterwards(months):
    unnamed = rows(months, "SELECT id FROM entry WHERE kind = 'dialogue' AND part_id IS NULL")[0][0]
    app = app_for(months)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await _answer(app, pilot, "Worrier")
        assert isinstance(app.screen, PartDetailScreen) and app.screen.story.profile.part.name == "Worrier"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PartsScreen)
        assert "Worrier" in [p.part.name for p in app.screen.profiles]
        await pilot.press("l")
        await settle(pilot)
        assert await _pick(app, pilot, f"#{unnamed}") == str(unnamed)
        await pilot.pause()
        await _answer(app, pilot, "worrier")
        assert isinstance(app.screen, PartDetailScreen)
        assert [e.entry_id for e in app.screen.story.entries] == [unnamed]
        # every dialogue has a part now: saying so is all that happens
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, PartsScreen)
    assert rows(months, "SELECT p.name FROM entry e JOIN part p ON p.id = e.part_id WHERE e.id = ?", (unnamed,)) == [("Worrier",)]
