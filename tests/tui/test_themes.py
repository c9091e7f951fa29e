"""Every built-in theme draws the home and dialogue screens with their words intact."""

from __future__ import annotations

import pytest
from tui_helpers import app_for, settle

THEMES = ["textual-dark", "textual-light", "nord", "gruvbox", "solarized-light", "high-contrast"]


@pytest.mark.parametrize("theme", THEMES)
async def test_screens_draw_in_each_theme(tmp_path, theme):
    app = app_for(tmp_path / "j.db", start="talk")
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await settle(pilot)
        assert app.theme == theme
        prompt = app.screen.query(".prompt.current").first()
        assert "how loud is the critic" in str(prompt.render()).lower()
        # the scale says its numbers in text, not only in colour
        scale = str(app.screen.query(".answer-input").first().render())
        assert "0  1  2" in scale.replace("[", " ").replace("]", " ")


async def test_command_palette_offers_themes(tmp_path):
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"
