"""The crisis path in the app: a real question, nothing drawn over it, the most urgent
lines on screen at 60x18 and 80x24, the gentle question for words that only might mean
danger, safety first afterwards, and the noticed words never quoted back."""

from __future__ import annotations

import contextlib

import pytest
from textual.app import App
from textual.widgets import Button, Static

from innercritic.services.care_path import Where, crisis_view
from innercritic.engine.care_words import words
from innercritic.engine.helplines import shipped
from innercritic.engine.safety_plan import PlanEntry, SafetyPlan
from innercritic.screens.crisis import CrisisScreen
from innercritic.screens.dialogue import DialogueScreen
from innercritic.screens.gentle import GentleQuestion
from innercritic.screens.summary import SummaryScreen

from tui_helpers import STYLESHEET, app_for, choose_scale, rows, settle, type_answer

MISSING = object()
CLEAR = "you should just die, honestly"
MAYBE = "I've put all my affairs in order"
PLAN = SafetyPlan.of({
    "people": [PlanEntry("Sam", "07700 900123"), PlanEntry("Mum", "call her mobile"), PlanEntry("Dr Okafor", "surgery")],
    "on_my_own": ["walk by the river", "a hot shower"],
})


def gb_view(context="dialogue", plan=PLAN):
    return crisis_view(context, Where(shipped().find("GB"), "config", "GB", []), plan)


class Harness(App[None]):
    CSS_PATH = STYLESHEET

    def __init__(self) -> None:
        super().__init__()
        self.result: object = MISSING
        self.answers: list[str] = []
        self.plan_wanted = 0

    async def show(self, pilot, screen) -> None:
        self.push_screen(screen, self._record)
        for _ in range(3):  # the panel draws its rows after mounting, then fits them
            await pilot.pause()

    def _record(self, value: object) -> None:
        self.result = value

    def on_crisis_screen_answered(self, message) -> None:
        self.answers.append(message.answer)

    def on_crisis_screen_plan_wanted(self, message) -> None:
        self.plan_wanted += 1


@contextlib.asynccontextmanager
async def panel(stage="ask", size=(80, 24), view=None):
    """A Harness showing the panel: yields (app, pilot, screen)."""
    app = Harness()
    async with app.run_test(size=size) as pilot:
        screen = CrisisScreen(view or gb_view(), stage=stage)
        await app.show(pilot, screen)
        yield app, pilot, screen


def visible_text(app) -> str:
    """What is actually on the screen (not what is scrolled out of view)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def on_screen(app, needle: str) -> bool:
    return needle in visible_text(app).replace("\n", " ")


# ---- the panel on its own -----------------------------------------------------------


async def test_the_question_has_three_answers_and_focus_starts_on_the_words():
    async with panel() as (app, pilot, screen):
        labels = [str(b.label) for b in screen.query("#crisis-ask Button")]
        assert labels == ["Yes", "No", "Not sure"]
        assert not isinstance(app.focused, Button)  # a stray Enter picks nothing
        await pilot.press("enter", "y", "n", "s", "enter")  # typing carried over from the answer box
        await pilot.pause()
        assert app.result is MISSING and app.answers == [] and app.screen is screen
        assert screen.stage == "ask"


async def test_no_leads_to_one_calm_screen_with_the_emergency_number_first():
    async with panel() as (app, pilot, screen):
        await pilot.click("#no")
        await pilot.pause()
        assert app.answers == ["no"] and screen.stage == "unsafe"
        text = visible_text(app)
        assert text.index("Call 999") < text.index("Sam") < text.index("walk by the river") < text.index("116 123")
        assert on_screen(app, words().get("unsafe.reach")[:40])
        labels = [str(b.label) for b in screen.query("#crisis-ask Button")]
        assert labels == ["Breathe with me", "Read my safety plan", "Stop for now"]
        await pilot.click("#plan")
        await pilot.pause()
        assert app.plan_wanted == 1 and app.result is MISSING
        await pilot.click("#stop")
        await pilot.pause()
        assert app.result == "stop"


async def test_yes_leads_to_gentle_choices():
    async with panel() as (app, pilot, screen):
        await pilot.click("#yes")
        await pilot.pause()
        assert app.answers == ["yes"] and screen.stage == "safe"
        labels = [str(b.label) for b in screen.query("#crisis-ask Button")]
        assert labels == ["Carry on", "Breathe for a minute", "Stop for today"]
        assert on_screen(app, "Call 999")  # the help stays in view
        await pilot.click("#carry_on")
        await pilot.pause()
        assert app.result == "carry_on"


async def test_escape_on_the_question_shows_the_help_first_and_keeps_no_answer():
    async with panel() as (app, pilot, screen):
        await pilot.press("escape")
        await pilot.pause()
        assert screen.stage == "unsafe" and app.answers == [] and app.result is MISSING
        await pilot.press("escape")
        await pilot.pause()
        assert app.result == "back"


async def test_the_choices_are_reachable_by_keyboard():
    async with panel() as (app, pilot, screen):
        await pilot.press("tab")  # the country button, then the answers
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        assert app.answers == ["no"]


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
@pytest.mark.parametrize("stage", ["ask", "safe", "unsafe", "request"])
async def test_the_most_urgent_lines_fit_without_scrolling(size, stage):
    app = Harness()
    async with app.run_test(size=size) as pilot:
        await app.show(pilot, CrisisScreen(gb_view("request" if stage == "request" else "dialogue"), stage=stage))
        await pilot.pause()
        for needle in ("Call 999", "Sam", "07700 900123", "Mum", "Samaritans", "116 123", "SHOUT to 85258"):
            assert on_screen(app, needle), (needle, visible_text(app))
        for button in app.screen.query("#crisis-ask Button"):
            assert 0 < button.region.bottom <= size[1] and button.region.width > 0
            assert button.region.right <= size[0], (str(button.label), button.region)  # not cut off at the side
            assert on_screen(app, str(button.label)), (str(button.label), visible_text(app))


async def test_f1_shows_the_whole_essentials_at_60x18_without_a_plan():
    app = Harness()
    async with app.run_test(size=(60, 18)) as pilot:
        await app.show(pilot, CrisisScreen(gb_view("request", plan=None), stage="request"))
        for needle in ("Call 999", "116 123", "SHOUT to 85258", "findahelpline.com", "Lines for the UK", "Back"):
            assert on_screen(app, needle), needle


async def test_user_text_is_never_markup_on_the_panel():
    plan = SafetyPlan.of({"people": [PlanEntry("[bold]Sam[/]", "[@click=app.quit]text[/]")]})
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.show(pilot, CrisisScreen(gb_view(plan=plan), stage="unsafe"))
        assert on_screen(app, "[bold]Sam[/]") and on_screen(app, "[@click=app.quit]text[/]")


# ---- the app: the dialogue's way in ---------------------------------------------------


async def _at_find(pilot):
    await settle(pilot)
    await choose_scale(pilot, 7)


async def test_a_clear_answer_opens_the_question_and_then_safety_first(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_find(pilot)
        await type_answer(pilot, CLEAR)
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen) and app.screen.stage == "ask"
        app.notify("something else")  # nothing is drawn over the panel
        await pilot.pause()
        assert list(app._notifications) == []
        await pilot.click("#not_sure")
        await settle(pilot)
        assert rows(db, "SELECT step_id, tier, safe_answer FROM care_event") == [("find", "clear", "not_sure")]
        await pilot.press("escape")  # back to the dialogue
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        assert app.screen.view.step.id == "safety_first"
        assert [c.id for c in app.screen.view.step.choices] == ["ground", "someone", "carry_on", "stop"]
        assert "something else" in [n.message for n in app._notifications]  # delivered once it closed
        await pilot.press("down", "down", "enter")  # carry on with the exercise
        await settle(pilot)
        assert app.screen.view.step.id == "focus"


async def test_a_maybe_answer_asks_gently_and_a_yes_opens_the_same_path(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_find(pilot)
        await type_answer(pilot, MAYBE)
        await settle(pilot)
        assert isinstance(app.screen, GentleQuestion)
        assert not isinstance(app.focused, Button)
        await pilot.click("#yes")
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen) and app.screen.stage == "ask"
        await pilot.click("#yes")
        await settle(pilot)
        await pilot.click("#carry_on")
        await settle(pilot)
        assert app.screen.view.step.id == "safety_first"
    assert rows(db, "SELECT step_id, tier, gentle_answer, safe_answer FROM care_event") == [("find", "maybe", "yes", "yes")]


async def test_a_no_to_the_gentle_question_carries_on_without_the_panel(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_find(pilot)
        await type_answer(pilot, MAYBE)
        await settle(pilot)
        await pilot.click("#no")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen) and app.screen.view.step.id == "focus"
        await pilot.press("ctrl+b")  # back to the same step, and the same kind of words again
        await settle(pilot)
        await type_answer(pilot, MAYBE + " now")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)  # not asked twice for the same step
    assert rows(db, "SELECT step_id, tier, gentle_answer FROM care_event") == [("find", "maybe", "no")]


async def test_noticed_words_are_not_quoted_in_prompts_summary_or_home(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(100, 32)) as pilot:
        await _at_find(pilot)
        await type_answer(pilot, CLEAR)
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        await pilot.click("#carry_on")
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        while app.screen.view.step.id != "compassion":
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert "die" not in app.screen.view.prompt
        while isinstance(app.screen, DialogueScreen) and app.screen.view.step is not None:
            if app.screen.view.step.kind in ("info", "breathe"):
                await pilot.press("enter") if app.screen.view.step.kind == "info" else await pilot.press("ctrl+s")
            else:
                await pilot.press("ctrl+s")
            await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        shown = " ".join(f"{label} {value}" for label, value in app.screen.rows)
        assert "die" not in shown and "The critic said" not in shown
        assert app.screen.help_view is not None  # a heavy dialogue closes with the help lines
        assert "findahelpline.com" in visible_text(app)


async def test_home_and_resume_never_show_the_critics_words(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(100, 32)) as pilot:
        await _at_find(pilot)
        await type_answer(pilot, "You are lazy and everyone sees it")
        await type_answer(pilot, "Tight chest")
        await pilot.press("escape")  # pause: home
        await settle(pilot)
        text = visible_text(app)
        assert "Resume where you stopped" in text and "Talk with the critic · Flesh out" in text
        assert "lazy" not in text


async def test_a_worrying_check_in_note_opens_the_path_without_a_saved_toast(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#note").insert("I want it all to end")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen)
        assert app.screen.view.intro == words().get("panel.intro.checkin")
        assert all("Check-in saved" not in n.message for n in app._notifications)
        await pilot.click("#yes")
        await settle(pilot)
        assert [str(b.label) for b in app.screen.query("#crisis-ask Button")][0] == "Back to home"
    assert rows(db, "SELECT tier, safe_answer FROM care_event") == [("clear", "yes")]


async def test_f1_in_the_dialogue_at_60_columns_is_in_the_footer_and_shows_the_help(tmp_path):
    app = app_for(tmp_path / "j.db", start="talk")
    async with app.run_test(size=(60, 18)) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert "f1 Help now" in visible_text(app).splitlines()[-1]
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen) and app.screen.stage == "request"
        assert on_screen(app, "findahelpline.com")


async def test_the_first_talk_ever_says_what_this_is_and_names_f1_once(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert on_screen(app, "not therapy or a crisis service") and on_screen(app, "Press F1")
    again = app_for(db, start="talk")
    async with again.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert not on_screen(again, "not therapy or a crisis service")


async def test_the_safety_plan_from_home_is_saved_in_the_journal(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#part-on_my_own").insert("walk by the river")
        app.screen.query_one("#part-people").insert("Sam: 07700 900123")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert rows(db, "SELECT section, text, reach FROM plan_item ORDER BY section") == [
        ("on_my_own", "walk by the river", None), ("people", "Sam", "07700 900123"),
    ]


async def test_the_country_can_be_changed_from_the_panel(tmp_path):
    from innercritic import config
    from innercritic.screens.country_picker import CountryPicker

    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        await pilot.click("#country")
        await settle(pilot)
        assert isinstance(app.screen, CountryPicker)
        from textual.widgets import OptionList

        codes = [code for code, _ in app.screen.countries]
        options = app.screen.query_one(OptionList)
        assert options.highlighted == codes.index("general")  # where the lines are for now
        options.highlighted = codes.index("IE")
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen)
        assert on_screen(app, "TALK to 50808") and on_screen(app, "Lines for Ireland.")
    assert config.read().get("country") == "IE"


async def test_the_safety_plan_opens_over_the_panel_and_its_people_come_first(tmp_path):
    from innercritic.screens.safety_plan import SafetyPlanScreen

    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        await pilot.click("#plan")
        await settle(pilot)
        assert isinstance(app.screen, SafetyPlanScreen) and app.screen.editing
        app.screen.query_one("#part-people").insert("Sam: 07700 900123")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, CrisisScreen)
        text = visible_text(app)
        assert text.index("Call") < text.index("Sam") < text.index("findahelpline.com")
        assert str(app.screen.query_one("#plan", Button).label) == "My safety plan"
