"""The app pauses the garbage collector while it loads and draws (tui/launch.py): it must come
back on once the first screen is up, and the app's own start must still run."""

from __future__ import annotations

import gc

from innercritic.screens.dialogue import DialogueScreen
from innercritic.tui.launch import collect_again

from tui_helpers import app_for, settle


async def test_the_collector_is_back_on_once_the_first_prompt_is_drawn(tmp_path):
    app = app_for(tmp_path / "j.db", start="talk")
    drawn = []
    gc.disable()
    try:
        app.when_first_drawn(collect_again)
        app.when_first_drawn(lambda: drawn.append(isinstance(app.screen, DialogueScreen)))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
            assert drawn == [True]  # the dialogue (the app's own on_mount) was up by then
            assert "how loud is the critic" in app.screen.view.step.prompt
            assert app.session is not None  # InnerCriticApp.on_mount started it
    finally:
        gc.enable()
        gc.unfreeze()


def test_collecting_again_is_once_and_leaves_an_enabled_collector_alone():
    gc.enable()
    frozen = gc.get_freeze_count()
    collect_again()
    assert gc.isenabled() and gc.get_freeze_count() == frozen  # nothing frozen: it was on
