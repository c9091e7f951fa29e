"""Screens for everyone: ticked choices shown by shape, focus shown by shape, a
high-contrast theme, and a breathing guide without motion for those who ask for it."""

from __future__ import annotations

import pytest
from rich.text import Text
from screen_text import styled_text, visible_text
from textual.app import App
from tui_helpers import app_for, settle

from innercritic import config
from innercritic.tui.looks import HIGH_CONTRAST
from innercritic.widgets.multi_choice import MultiChoice


class OneWidget(App[None]):
    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self):
        yield self.widget


async def test_ticked_choices_are_shown_by_shape_not_colour():
    choices = MultiChoice((Text("Rest"), "rest", True), (Text("A walk"), "walk", False), (Text("Music"), "music", True))
    async with OneWidget(choices).run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        assert _rows(pilot.app) == ["[x] Rest", "[ ] A walk", "[x] Music"]
        await pilot.press("down", "space")  # tick "A walk"
        await pilot.pause()
        assert _rows(pilot.app)[1] == "[x] A walk"


def _rows(app) -> list[str]:
    """The list's rows without its border."""
    rows = [line.strip(" ▊▎▌▐") for line in visible_text(app).splitlines()]
    return [row.strip() for row in rows if any(word in row for word in ("Rest", "walk", "Music"))]


def _underlined(app) -> str:
    return styled_text(app, lambda style: bool(style.underline))


async def test_focus_is_shown_by_shape_on_buttons_and_inputs(tmp_path):
    """On the check-in: the focused field or button is underlined and bold, the rest not."""
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.focused.id == "mood"
        assert "–" in _underlined(app)
        app.screen.query_one("#save").focus()
        await pilot.pause()
        shown = _underlined(app)
        assert "Save" in shown and "Not now" not in shown
        app.screen.query_one("#cancel").focus()
        await pilot.pause()
        shown = _underlined(app)
        assert "Not now" in shown and "Save" not in shown


async def test_focus_is_shown_by_shape_in_option_lists(tmp_path):
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Talk with the critic" in _underlined(app)  # the home menu has focus
        await pilot.press("down")
        await pilot.pause()
        shown = _underlined(app)
        assert "Other exercises" in shown and "Talk with the critic" not in shown


async def test_focus_is_shown_by_shape_on_the_scale(tmp_path):
    app = app_for(tmp_path / "j.db", start="talk")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        scale = app.screen.query(".answer-input").first()
        assert app.focused is scale
        lines = visible_text(app).splitlines()
        row = next(line for line in lines if "0  1  2" in line)
        assert "▌" in row[: row.index("0")], row  # a bar at the left of the focused scale
        scale.blur()
        await pilot.pause()
        row = next(line for line in visible_text(app).splitlines() if "0  1  2" in line)
        assert "▌" not in row[: row.index("0")], row


async def test_a_high_contrast_theme_is_offered_and_draws(tmp_path):
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert HIGH_CONTRAST in app.available_themes
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "theme":
            await pilot.press(char)
        await pilot.pause(0.3)
        await pilot.press("enter")  # Theme: Textual's picker lists the registered themes
        await pilot.pause(0.3)
        for char in "high":
            await pilot.press(char)
        await pilot.pause(0.3)
        assert "high-contrast" in visible_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST
        await pilot.press("escape")
        await settle(pilot)
        assert "Talk with the critic" in visible_text(app)


def _breathe_text(app) -> str:
    return visible_text(app)


@pytest.mark.parametrize("reduced", [False, True])
async def test_reduced_motion_counts_without_the_moving_bar(tmp_path, reduced):
    if reduced:
        config.write("reduced_motion", config.check_value("reduced_motion", "true"))
    app = app_for(tmp_path / "j.db", start="breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.advance(1.0)
        await pilot.pause()
        first = _breathe_text(app)
        assert "Breathe in" in first
        bar_drawn = "━" in first or "─" * 10 in first
        assert bar_drawn is not reduced
        if reduced:
            assert "2 of 4" in first  # the count says where it is: the second second of four breathing in


def test_reduced_motion_is_a_config_key(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("reduced_motion = true\n")
    assert config.read(str(path)).is_on("reduced_motion")
    path.write_text('reduced_motion = "false"\n')
    assert not config.read(str(path)).is_on("reduced_motion")
    assert not config.read(str(path)).problems
    path.write_text('reduced_motion = "sometimes"\n')
    settings = config.read(str(path))
    assert not settings.is_on("reduced_motion")
    assert "reduced_motion" in settings.problems[0]


async def test_focus_is_shown_by_shape_on_the_answer_box(tmp_path):
    """The answer box's frame is heavy while it has focus, round when it has not."""
    from tui_helpers import choose_scale

    app = app_for(tmp_path / "j.db", start="talk")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 6)
        box = app.screen.query(".answer-input").first()
        assert app.focused is box
        assert "┏" in visible_text(app) and "╭" not in visible_text(app)
        box.blur()
        await pilot.pause()
        assert "╭" in visible_text(app) and "┏" not in visible_text(app)
