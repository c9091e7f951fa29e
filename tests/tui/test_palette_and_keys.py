"""The command palette offers the app's own ways in and never writes a screenshot of the
person's words; F2 lists the keys on every screen; every modal says its keys and F1."""

from __future__ import annotations

import os

import pytest
from screen_text import on_screen, visible_text
from tui_helpers import app_for, settle


async def _palette(pilot, query: str = ""):
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert pilot.app.screen.__class__.__name__ == "CommandPalette"
    for char in query:
        await pilot.press("space" if char == " " else char)
    await pilot.pause(0.3)  # the palette gathers its hits in a worker
    await pilot.pause()
    return visible_text(pilot.app)


@pytest.mark.parametrize("label", [
    "Talk with the critic", "Resume where you stopped", "Quick check-in", "History", "Parts", "Insights",
    "Breathe", "My safety plan", "Help now", "Theme",
])
async def test_the_palette_lists_the_apps_own_commands(tmp_path, label):
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 45)) as pilot:
        await settle(pilot)
        shown = await _palette(pilot)
        assert label in shown


async def test_a_palette_command_opens_its_screen(tmp_path):
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = await _palette(pilot, "check")
        assert "Quick check-in" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "CheckinScreen"


async def test_no_screenshot_in_the_palette_and_none_in_downloads(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(home / "Downloads"))
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = await _palette(pilot, "screenshot")
        assert "Screenshot" not in shown
        await pilot.press("enter")  # whatever is top of the list, if anything
        await pilot.pause(0.3)
        await settle(pilot)
        app.action_screenshot()  # the stock action, called by name: off too
        await pilot.pause(0.3)
    assert os.listdir(home / "Downloads") == []
    assert not list(tmp_path.glob("**/*.svg"))


@pytest.mark.parametrize("start", ["home", "history", "breathe"])
async def test_f2_lists_the_keys_on_every_screen(tmp_path, start):
    app = app_for(tmp_path / "j.db", start=start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        notes = [str(n.message) for n in app._notifications]
        assert notes, "F2 showed nothing"
        assert "Keys" in [n.title for n in app._notifications]
        assert "ctrl+p" in notes[-1].lower() or "ctrl+" in notes[-1].lower()


async def test_f2_lists_the_keys_on_home_by_name(tmp_path):
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        note = str(list(app._notifications)[-1].message)
        for key in ("t talk", "c check-in", "h history", "q quit"):
            assert key in note.lower()


def _gb_view():
    from innercritic.services.care_path import Where, crisis_view
    from innercritic.engine.helplines import shipped
    from innercritic.engine.safety_plan import SafetyPlan

    return crisis_view("dialogue", Where(shipped().find("GB"), "config", "GB", []), SafetyPlan.of({}))


def _modal(name: str):
    """Each modal screen as the app pushes it (the crisis panel is help now itself)."""
    from innercritic.engine.records import CheckInRecord
    from innercritic.engine.safety_plan import SafetyPlan
    from innercritic.screens.checkin import CheckinScreen
    from innercritic.screens.confirm_delete import ConfirmDelete
    from innercritic.screens.country_picker import CountryPicker
    from innercritic.screens.flow_picker import FlowPicker
    from innercritic.screens.gentle import GentleQuestion
    from innercritic.screens.open_elsewhere import OpenElsewhereScreen
    from innercritic.screens.safety_plan import SafetyPlanScreen
    from innercritic.screens.someone import SomeoneScreen

    if name == "checkin":
        return CheckinScreen()
    if name == "flow_picker":
        return FlowPicker([("critic", "The critic", "A talk with the critic.")])
    if name == "confirm_delete":
        return ConfirmDelete(CheckInRecord(id=3, uid="u3", at="2026-11-20T10:00:00+00:00", mood=2, critic=7, note="x", part=None))
    if name == "country_picker":
        return CountryPicker([("GB", "United Kingdom"), ("US", "United States")], "GB")
    if name == "open_elsewhere":
        return OpenElsewhereScreen(4, "another terminal")
    if name == "gentle":
        return GentleQuestion()
    if name == "someone":
        return SomeoneScreen(_gb_view())
    if name == "safety_plan":
        return SafetyPlanScreen(SafetyPlan.of({}))
    raise AssertionError(name)


MODALS = ["checkin", "flow_picker", "confirm_delete", "country_picker", "open_elsewhere", "gentle", "someone",
          "safety_plan"]


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
@pytest.mark.parametrize("name", MODALS)
async def test_every_modal_says_its_keys_and_f1(tmp_path, name, size):
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(_modal(name))
        for _ in range(3):
            await pilot.pause()
        text = visible_text(app).lower()
        assert "f1 help now" in text.replace(" ", " "), text
        assert "esc" in text or "enter" in text, text
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "CrisisScreen"
