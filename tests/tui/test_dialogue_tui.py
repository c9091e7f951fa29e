"""The critic dialogue driven through the real app: every answer lands in the database."""

from __future__ import annotations

from innercritic.screens.dialogue import DialogueScreen
from innercritic.screens.summary import SummaryScreen

from tui_helpers import app_for, choose_scale, rows, settle, type_answer

SIZE = (100, 32)


def current_step(app):
    return app.screen.view.step.id if isinstance(app.screen, DialogueScreen) and app.screen.view.step else None


async def test_complete_critic_dialogue_is_saved(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert current_step(app) == "loudness_before"
        await choose_scale(pilot, 8)
        await type_answer(pilot, "You're lazy. Everyone else would be done by now.")
        await type_answer(pilot, "Tight chest")
        await type_answer(pilot, "Sharp, like an old teacher")
        await type_answer(pilot, "Taskmaster")
        assert current_step(app) == "feel_toward"
        await pilot.press("enter")  # the first choice: curious
        await settle(pilot)
        assert current_step(app) == "befriend"
        for answer in ("Since school", "For me to be safe", "Yes, it has worked hard",
                       "Being left behind", "Being seen as not enough", "Thank you",
                       "To know I will keep my promises"):
            await type_answer(pilot, answer)
        assert current_step(app) == "common_ground"  # many people have a voice like this
        await pilot.press("enter")
        await settle(pilot)
        await type_answer(pilot, "You've worked so hard for me")
        assert current_step(app) == "loudness_after"
        await choose_scale(pilot, 5)
        assert current_step(app) == "summary"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        shown = " ".join(str(label) + " " + str(value) for label, value in app.screen.rows)
        assert "Being seen as not enough" in shown and "8 → 5" in shown and "Taskmaster" in shown

    (status, before, after, part), = rows(
        db, "SELECT d.status, d.critic_before, d.critic_after, p.name FROM dialogue d"
        " JOIN entry e ON e.id = d.entry_id LEFT JOIN part p ON p.id = e.part_id"
    )
    assert (status, before, after, part) == ("completed", 8, 5, "Taskmaster")
    answers = [a for (a,) in rows(db, "SELECT answer FROM turn ORDER BY position")]
    assert "You're lazy. Everyone else would be done by now." in answers
    assert "You've worked so hard for me" in answers
    roles = dict(rows(db, "SELECT role, answer FROM turn WHERE role IS NOT NULL"))
    assert roles["fears"] == "Being left behind"
    assert roles["needs"] == "To know I will keep my promises"


async def test_pause_midway_then_resume_continues_at_the_right_step(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 7)
        await type_answer(pilot, "Not again.")
        pilot.app.screen.query(".answer-input").first().insert("half a thought")
        await pilot.press("escape")  # pause: saved, back home
        await settle(pilot)
    assert rows(db, "SELECT status FROM dialogue") == [("in_progress",)]
    assert rows(db, "SELECT draft_step, draft FROM dialogue") == [("focus", "half a thought")]

    again = app_for(db, start="resume")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert current_step(again) == "focus"
        area = again.screen.query(".answer-input").first()
        assert area.text == "half a thought"  # the draft is offered back
        area.insert(" and more")
        await pilot.press("enter")
        await settle(pilot)
        assert current_step(again) == "flesh_out"
    answers = rows(db, "SELECT position, step_id, answer FROM turn ORDER BY position")
    assert answers == [(0, "loudness_before", "7"), (1, "find", "Not again."), (2, "focus", "half a thought and more")]


async def test_reactive_feeling_leads_to_unblending(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(5):
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert current_step(app) == "feel_toward"
        await pilot.press("down", "down", "down", "down", "enter")  # angry
        await settle(pilot)
        assert current_step(app) == "unblend"
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert current_step(app) == "feel_toward"
        options = app.screen.query_one(".answer-input")
        assert options.get_option_at_index(options.highlighted).id == "angry"  # offered back
    # Going back keeps the choice, set aside: off the path, still in the journal.
    assert rows(db, "SELECT superseded, answer FROM turn WHERE step_id = 'feel_toward'") == [(1, "Angry")]


async def test_user_text_is_shown_literally_and_never_acts(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await type_answer(pilot, "[@click=app.quit]quit[/] [bold]x\x1b]0;pwned\x07")
        assert app.is_running
        quote = app.screen.query("CriticQuote").first()
        rendered = str(quote.render())
        assert "[@click=app.quit]quit[/]" in rendered and "\x1b" not in rendered
    stored = rows(db, "SELECT answer FROM turn WHERE step_id = 'find'")[0][0]
    # typed control characters are dropped at the input; the words and brackets are kept as written
    assert stored == "[@click=app.quit]quit[/] [bold]x]0;pwned"


async def test_talk_opens_on_its_dialogue_and_home_works_after_it(tmp_path):
    """`talk` draws its dialogue as the app's first screen; pausing goes home, and a
    second dialogue from home pauses back to home too (the first stays saved)."""
    from textual.widgets import OptionList

    from innercritic.screens.home import HomeScreen

    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen is app.screen_stack[0]  # no blank screen underneath
        assert current_step(app) == "loudness_before"
        await choose_scale(pilot, 6)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # the menu is drawn even when the home data arrives before the screen is mounted
        menu = app.screen.query_one("#home-menu", OptionList)
        labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert any(label.startswith("Talk with the critic") for label in labels)
        assert any(label.startswith("Resume") for label in labels)
        await pilot.press("t")
        await settle(pilot)
        assert current_step(app) == "loudness_before"
        await choose_scale(pilot, 3)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert rows(db, "SELECT status, critic_before FROM dialogue ORDER BY entry_id") == [
        ("in_progress", 6), ("in_progress", 3),
    ]


async def test_a_draft_is_kept_as_soon_as_another_screen_covers_the_dialogue(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 7)
        pilot.app.screen.query(".answer-input").first().insert("It says I always")
        await pilot.pause()
        await pilot.press("ctrl+r")  # breathe covers the dialogue before the draft timer fires
        await settle(pilot)
        assert rows(db, "SELECT draft_step, draft FROM dialogue") == [("find", "It says I always")]
