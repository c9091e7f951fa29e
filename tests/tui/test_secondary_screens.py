"""The smaller screens: breathe, check-in, history and transcript (the crisis panel: test_crisis_panel.py).

Each is pushed onto a tiny App with a callback that records what it dismissed with.
No database, no sleeping: time in the breathing guide is moved on by hand.
"""

from __future__ import annotations


import pytest
from rich.text import Text
from tui_helpers import STYLESHEET
from textual.app import App
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Static

from innercritic.engine import pacer
from innercritic.engine.records import CheckInRecord, DialogueRecord, TurnRecord
from innercritic.screens.breathe import BreathBar, BreatheScreen
from innercritic.screens.checkin import CheckinAnswers, CheckinScreen
from innercritic.screens.history import HistoryScreen
from innercritic.screens.transcript import TranscriptScreen
from innercritic.widgets.bubbles import CriticQuote

SIZE = (80, 24)
MISSING = object()


@pytest.fixture(autouse=True)
def _time_moves_only_when_a_test_says_so(monkeypatch):
    """The pacer's real ticker would race `advance()` on a busy machine; tests drive time alone."""
    monkeypatch.setattr("innercritic.screens.breathe.TICK", 3600.0)


class Harness(App[None]):
    """Pushes one screen, remembers its dismiss value and any messages it posts."""

    CSS_PATH = STYLESHEET

    def __init__(self) -> None:
        super().__init__()
        self.result: object = MISSING
        self.opened: list[int] = []
        self.resumed: list[int] = []

    async def show(self, pilot, screen) -> None:
        self.push_screen(screen, self._record)
        await pilot.pause()

    def _record(self, value: object) -> None:
        self.result = value

    def on_history_screen_open_entry(self, message: HistoryScreen.OpenEntry) -> None:
        self.opened.append(message.entry_id)

    def on_history_screen_resume_entry(self, message: HistoryScreen.ResumeEntry) -> None:
        self.resumed.append(message.entry_id)


def shown(widget: Widget) -> str:
    """The text a widget renders, as plain characters."""
    visual = widget.render()
    if isinstance(visual, (Content, Text)):
        return visual.plain
    return str(visual)


def screen_text(app: App) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


# -- engine/pacer.py -----------------------------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (0, ("in", 4)),
        (0.5, ("in", 4)),
        (1, ("in", 3)),
        (3.9, ("in", 1)),
        (4, ("hold", 4)),
        (7.5, ("hold", 1)),
        (8, ("out", 6)),
        (13, ("out", 1)),
        (13.99, ("out", 1)),
        (14, ("in", 4)),  # the next breath
        (22, ("out", 6)),
        (14 * 10 + 5, ("hold", 3)),
    ],
)
def test_phase_at_follows_in_hold_out(elapsed: float, expected: tuple[str, int]) -> None:
    assert pacer.phase_at((4, 4, 6), elapsed) == expected


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [(0, ("in", 4)), (3, ("in", 1)), (4, ("out", 6)), (9, ("out", 1)), (10, ("in", 4))],
)
def test_a_hold_of_zero_is_skipped(elapsed: float, expected: tuple[str, int]) -> None:
    assert pacer.phase_at((4, 0, 6), elapsed) == expected


def test_phase_fraction_runs_from_start_to_end_of_each_phase() -> None:
    assert pacer.phase_fraction((4, 4, 6), 0) == 0.0
    assert pacer.phase_fraction((4, 4, 6), 2) == 0.5
    assert pacer.phase_fraction((4, 4, 6), 11) == 0.5


def test_phase_at_refuses_negative_time() -> None:
    with pytest.raises(ValueError):
        pacer.phase_at((4, 4, 6), -1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4-4-6", (4, 4, 6)), (" 4 - 7 - 8 ", (4, 7, 8)), ("1-0-20", (1, 0, 20)), ("20-20-20", (20, 20, 20))],
)
def test_parse_pattern_accepts(text: str, expected: tuple[int, int, int]) -> None:
    assert pacer.parse_pattern(text) == expected


@pytest.mark.parametrize(
    "text", ["", "4", "4-4", "4-4-6-2", "a-b-c", "0-4-6", "4-4-0", "4-4-21", "-4-4-6", "4.5-4-6", "4--6"]
)
def test_parse_pattern_refuses_with_a_plain_message(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        pacer.parse_pattern(text)
    message = str(caught.value)
    assert message and "Traceback" not in message
    assert "\n" not in message


def test_session_length_is_whole_breaths_near_the_request() -> None:
    assert pacer.session_length((4, 4, 6), 60) == 56
    assert pacer.session_length((4, 4, 6), 1) == 14
    assert pacer.session_length((5, 0, 5), 60) == 60


# -- BreatheScreen ---------------------------------------------------------------


async def test_breathe_shows_the_phases_as_time_moves_on() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = BreatheScreen((4, 4, 6), 60)
        await app.show(pilot, screen)
        assert shown(screen.query_one("#phase")) == "Breathe in"
        assert shown(screen.query_one("#count")) == "4"
        assert shown(screen.query_one("#remaining")).startswith("0:56")

        screen.advance(2)
        await pilot.pause()
        assert screen.query_one(BreathBar).fraction == pytest.approx(0.5)

        screen.advance(2)
        await pilot.pause()
        assert shown(screen.query_one("#phase")) == "Hold"
        assert screen.query_one(BreathBar).fraction == 1.0

        screen.advance(4)
        await pilot.pause()
        assert shown(screen.query_one("#phase")) == "Breathe out"
        assert shown(screen.query_one("#count")) == "6"
        assert not screen.query_one("#closing").display


async def test_breathe_ends_gently_and_enter_returns() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = BreatheScreen((2, 0, 2), 8)
        await app.show(pilot, screen)
        await pilot.press("enter")  # not finished yet: enter does nothing
        assert app.result is MISSING

        screen.advance(8)
        await pilot.pause()
        assert screen.done
        assert screen.query_one("#closing").display
        assert "enter to return" in screen_text(app)

        await pilot.press("enter")
        await pilot.pause()
        assert app.result is None
        assert app.screen is not screen


async def test_breathe_pause_holds_time_still() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = BreatheScreen()
        await app.show(pilot, screen)
        await pilot.press("space")
        before = screen.elapsed
        screen.advance(5)
        assert screen.elapsed == before
        assert "paused" in shown(screen.query_one("#remaining"))
        await pilot.press("space")
        screen.advance(5)
        assert screen.elapsed == before + 5


async def test_breathe_escape_stops_at_any_time() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = BreatheScreen()
        await app.show(pilot, screen)
        screen.advance(10)
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None
        assert app.screen is not screen


def test_breathe_refuses_a_pattern_that_cannot_be_breathed() -> None:
    with pytest.raises(ValueError):
        BreatheScreen((0, 4, 6))


# -- CheckinScreen --------------------------------------------------------------------


async def test_checkin_returns_what_was_typed() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, CheckinScreen())
        await pilot.press("4", "enter")  # enter moves on to the next question
        await pilot.press("1", "0", "tab")
        await pilot.press(*"rough day", "ctrl+s")
        await pilot.pause()
        assert app.result == CheckinAnswers(mood=4, critic=10, note="rough day")


async def test_checkin_any_one_answer_is_enough() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, CheckinScreen())
        await pilot.press("tab", "3")
        await pilot.click("#save")
        await pilot.pause()
        assert app.result == CheckinAnswers(mood=None, critic=3, note=None)


async def test_checkin_numbers_off_the_scale_cannot_be_typed() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = CheckinScreen()
        await app.show(pilot, screen)
        await pilot.press("9", "0", "tab", "1", "1")
        assert screen.query_one("#mood").value == ""
        assert screen.query_one("#critic").value == "1"
        assert "0 to 10" in shown(screen.query_one("#checkin-message"))


async def test_checkin_refuses_to_save_nothing() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = CheckinScreen()
        await app.show(pilot, screen)
        await pilot.press("tab", "tab", " ", " ", "ctrl+s")
        await pilot.pause()
        assert app.result is MISSING
        assert app.screen is screen
        assert "nothing to save" in shown(screen.query_one("#checkin-message")).lower()


async def test_checkin_escape_returns_none() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, CheckinScreen())
        await pilot.press("2", "escape")
        await pilot.pause()
        assert app.result is None


# -- HistoryScreen and TranscriptScreen -------------------------------------------------

MARKUP = "[bold]x[/] [@click=app.quit]"


def turn(position: int, prompt: str, answer: str | None, *, role: str | None = None, skipped: bool = False):
    return TurnRecord(
        position=position, step_id=f"s{position}", role=role, prompt=prompt, answer=answer,
        value=answer, skipped=skipped, at="2026-11-22T10:00:00+00:00",
    )


def dialogue(entry_id: int = 7, status: str = "in_progress") -> DialogueRecord:
    return DialogueRecord(
        id=entry_id, uid=f"u{entry_id}", at="2026-11-22T10:00:00+00:00", flow_id="protector",
        status=status, ended_at=None, critic_before=8, critic_after=5, part="Taskmaster",
        critic_words=f"{MARKUP} you're lazy",
        turns=(
            turn(1, "What is the critic saying right now?", f"{MARKUP} you're lazy", role="critic_words"),
            turn(2, "Where do you notice it?", None, skipped=True),
            turn(3, "What is it like?", "Sharp.\x1b[31m Like a teacher."),
        ),
    )


def checkin(entry_id: int = 3) -> CheckInRecord:
    return CheckInRecord(
        id=entry_id, uid=f"u{entry_id}", at="2026-11-21T09:00:00+00:00", mood=2, critic=6,
        note="[b]tired[/b]", part=None,
    )


async def test_history_lists_rows_and_enter_opens_the_right_one() -> None:
    entries = [dialogue(7), checkin(3), dialogue(2, status="completed")]
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = HistoryScreen(entries)
        await app.show(pilot, screen)
        table = screen.query_one(DataTable)
        assert table.row_count == 3
        assert app.focused is screen.query_one("#history-search")  # typed letters search
        await pilot.press("down")  # from the search box to the list
        assert app.focused is table

        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [7]

        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.opened == [7, 3]
        assert app.screen is screen  # opening is the app's job


async def test_history_r_resumes_only_unfinished_dialogues() -> None:
    entries = [checkin(3), dialogue(7), dialogue(2, status="completed")]
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, HistoryScreen(entries))
        await pilot.press("down")  # to the list: in the search box, r is a letter
        await pilot.press("r", "down", "r", "down", "r")
        await pilot.pause()
        assert app.resumed == [7]


async def test_history_shows_markup_like_text_literally() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, HistoryScreen([checkin(3)]))
        assert "[b]tired[/b]" in screen_text(app)


async def test_history_escape_pops() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = HistoryScreen([checkin(3)])
        await app.show(pilot, screen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None
        assert app.screen is not screen


async def test_history_empty_is_a_friendly_sentence() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = HistoryScreen([])
        await app.show(pilot, screen)
        assert "Nothing here yet" in screen_text(app)
        assert not screen.query_one(DataTable).display
        await pilot.press("enter", "r")
        assert app.opened == [] and app.resumed == []


async def test_transcript_shows_user_text_literally_and_does_not_act_on_it() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = TranscriptScreen(dialogue(7))
        await app.show(pilot, screen)
        text = screen_text(app)
        assert f"{MARKUP} you're lazy" in text
        assert "8 → 5" in text and "Taskmaster" in text
        assert "skipped" in text
        assert "\\x1b[31m" in text  # a control character is shown, not sent

        await pilot.click(CriticQuote, offset=(20, 0))
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None
        assert app.screen is screen


async def test_transcript_sets_the_critic_apart_from_the_person() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = TranscriptScreen(dialogue(7))
        await app.show(pilot, screen)
        quotes = list(screen.query(CriticQuote))
        assert [shown(quote) for quote in quotes] == [f"{MARKUP} you're lazy"]
        assert quotes[0].has_class("critic-words")
        own_words = [w for w in screen.query(".answer") if not isinstance(w, CriticQuote)]
        assert [shown(w) for w in own_words] == ["Sharp.\\x1b[31m Like a teacher."]
        assert quotes[0].styles.text_style.italic
        assert quotes[0].styles.border_left[0] != ""
        assert not own_words[0].styles.text_style.italic


async def test_transcript_resume_and_escape() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        screen = TranscriptScreen(dialogue(7))
        await app.show(pilot, screen)
        await pilot.press("r")
        await pilot.pause()
        assert app.resumed == [7]
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None
        assert app.screen is not screen


async def test_transcript_of_a_finished_dialogue_does_not_resume() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, TranscriptScreen(dialogue(2, status="completed")))
        await pilot.press("r")
        await pilot.pause()
        assert app.resumed == []


async def test_transcript_of_a_checkin() -> None:
    app = Harness()
    async with app.run_test(size=SIZE) as pilot:
        await app.show(pilot, TranscriptScreen(checkin(3)))
        text = screen_text(app)
        assert "2/5" in text and "6/10" in text
        assert "[b]tired[/b]" in text
