"""The app on an encrypted journal: the unlock screen, then everything as usual."""

from __future__ import annotations

import pytest
from encryption_testing import PASSPHRASE, encrypted_journal, keyed_rows
from textual.widgets import Input

from innercritic.screens.dialogue import DialogueScreen
from innercritic.screens.home import HomeScreen
from innercritic.screens.unlock import UnlockScreen
from innercritic.store import driver

from tui_helpers import app_for, choose_scale, settle, type_answer

pytestmark = pytest.mark.skipif(not driver.ENCRYPTION, reason="sqlcipher3 is not installed here")
SIZE = (80, 24)


@pytest.fixture
def locked(tmp_path):
    path = str(tmp_path / "journal.db")
    encrypted_journal(path, checkins=("the marzipan note",))
    return path


def _text(screen) -> str:
    return " ".join(str(static.render()) for static in screen.query("Static"))


async def _type(pilot, text: str) -> None:
    box = pilot.app.screen.query_one(Input)
    box.value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_a_wrong_passphrase_says_so_and_the_right_one_opens_home(locked):
    app = app_for(locked)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert app.screen.query_one(Input).password  # never shown as typed
        await _type(pilot, "not the passphrase")
        assert isinstance(app.screen, UnlockScreen)
        assert "did not open the journal" in _text(app.screen)
        assert app.screen.query_one(Input).value == ""  # cleared for another try
        await _type(pilot, PASSPHRASE)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "mood 3 · critic 5" in str(app.screen.query_one("#home-recent").render())  # read from it (80 columns: the short form)


@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
async def test_escape_or_ctrl_q_on_the_unlock_screen_quits(locked, key):
    app = app_for(locked)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
    assert not app.is_running
    assert keyed_rows(locked, "SELECT count(*) FROM entry") == [(1,)]  # nothing opened or changed


async def test_talk_on_an_encrypted_journal_saves_each_answer_encrypted(locked):
    app = app_for(locked, start="talk")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        await _type(pilot, PASSPHRASE)
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        await choose_scale(pilot, 7)
        await type_answer(pilot, "You will never be ready.")
        app.screen.query(".answer-input").first().insert("half a thought")
        await pilot.pause(1.5)  # the draft is kept a second after typing stops
        await settle(pilot)
    answers = keyed_rows(locked, "SELECT answer FROM turn ORDER BY position")
    assert ("You will never be ready.",) in answers
    assert keyed_rows(locked, "SELECT draft FROM dialogue") == [("half a thought",)]
    with open(locked, "rb") as handle:
        assert b"never be ready" not in handle.read()


async def test_resume_and_browse_after_unlocking(locked):
    app = app_for(locked, start="talk")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await _type(pilot, PASSPHRASE)
        await choose_scale(pilot, 6)
        await type_answer(pilot, "Try harder.")
        await pilot.press("escape")  # pause
        await settle(pilot)
    app = app_for(locked, start="resume")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await _type(pilot, PASSPHRASE)
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        assert app.screen.view.step.id != "loudness_before"  # picked up after the answers given
    app = app_for(locked, start="history")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await _type(pilot, PASSPHRASE)
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HistoryScreen"
        assert [entry.note for entry in app.screen.entries if entry.kind == "checkin"] == ["the marzipan note"]


async def test_a_plain_journal_opens_without_the_unlock_screen(tmp_path):
    app = app_for(tmp_path / "plain.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
