"""Not a word lost in the app (issue 11): drafts belong to one step, going back keeps every
answer, the autosave never lands on the wrong question, an empty dialogue leaves no entry,
Ctrl+X stops without touching the text, the question stays in view and the lens never
covers the answer box.

Each test drives the real app with Textual's pilot and checks the journal file.
"""

from __future__ import annotations

import asyncio

import pytest

from textual.widgets import TextArea

from innercritic.engine.records import HistoryQuery
from innercritic.screens.dialogue import DialogueScreen
from innercritic.screens.home import HomeScreen
from innercritic.screens.summary import SummaryScreen
from innercritic.screens.transcript import TranscriptScreen
from innercritic.store.journal import Journal

from tui_helpers import app_for, choose_scale, rows, settle, type_answer

SIZE = (100, 32)


def current_step(app):
    screen = app.screen
    return screen.view.step.id if isinstance(screen, DialogueScreen) and screen.view and screen.view.step else None


def box_text(app) -> str:
    return app.screen.query(".answer-input").first().text


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def answers(db):
    return rows(db, "SELECT position, step_id, answer, superseded FROM turn ORDER BY position, id")


async def hold_the_database(app):
    """Block the app's database thread until the returned event is set, so keys pressed
    meanwhile queue up exactly as they do when a save is slow."""
    release = app.worker.hold()
    await asyncio.sleep(0)
    return release


# ---- item 2: a resumed draft belongs to its own step ---------------------------------------


def _paused_with_a_draft(db) -> int:
    with Journal(str(db)) as journal:
        talk = journal.start_dialogue("critic")
        journal.save_turn(talk.id, position=0, step_id="loudness_before", role="loudness_before",
                          prompt="How loud?", answer="7", value=7, skipped=False)
        journal.save_draft(talk.id, "find", "KEPT-DRAFT")
        return talk.id


async def test_a_resumed_draft_fills_its_own_step_only(tmp_path):
    db = tmp_path / "j.db"
    _paused_with_a_draft(db)
    app = app_for(db, start="resume")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert current_step(app) == "find" and box_text(app) == "KEPT-DRAFT"
        await pilot.press("enter")  # sent as it was
        await settle(pilot)
        assert current_step(app) == "focus"
        assert box_text(app) == ""  # the draft does not follow to the next question
        await type_answer(pilot, "in my neck")
        assert current_step(app) == "flesh_out" and box_text(app) == ""
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert box_text(app) == "in my neck"  # the real earlier answer, not the old draft
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert current_step(app) == "find" and box_text(app) == "KEPT-DRAFT"
    assert ("focus", "in my neck") in [(step, answer) for _, step, answer, _ in answers(db)]
    assert not any(answer and "KEPT-DRAFTin" in answer for _, _, answer, _ in answers(db))


# ---- item 3: going back never deletes ------------------------------------------------------


async def _walk_to_befriend(pilot) -> None:
    await settle(pilot)
    await choose_scale(pilot, 7)
    for text in ("You are lazy.", "My chest", "Sharp", "Taskmaster"):
        await type_answer(pilot, text)
    await pilot.press("enter")  # feel_toward: curious
    await settle(pilot)


async def test_going_back_across_a_branch_keeps_the_later_answers_set_aside(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await _walk_to_befriend(pilot)
        assert current_step(app) == "befriend"
        await type_answer(pilot, "Since school, a long job")
        await type_answer(pilot, "It wants me safe")
        assert current_step(app) == "befriend_seen"
        for _ in range(3):
            await pilot.press("ctrl+b")
            await settle(pilot)
        assert current_step(app) == "feel_toward"
        await pilot.press("down", "down", "down", "down", "enter")  # angry: another branch
        await settle(pilot)
        assert current_step(app) == "unblend"
        dialogue_id = app.session.dialogue_id
    written = [answer for (answer,) in rows(db, "SELECT answer FROM turn")]
    assert "Since school, a long job" in written and "It wants me safe" in written  # nothing deleted
    kept = {answer: superseded for _, _, answer, superseded in answers(db)}
    assert kept["Since school, a long job"] == 1 and kept["It wants me safe"] == 1  # set aside, kept
    assert kept["Curious"] == 1 and kept["Angry"] == 0

    with Journal(str(db)) as journal:
        assert [e.id for e in journal.history(HistoryQuery(search="long job"))] == [dialogue_id]  # still found
    again = app_for(db, start="history")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # the only entry
        await settle(pilot)
        assert isinstance(again.screen, TranscriptScreen)
        shown = [str(static.render()) for static in again.screen.query("Static")]
        aside = next(i for i, text in enumerate(shown) if text.startswith("Set aside when you went back"))
        assert "Since school, a long job" in shown[aside:] and "It wants me safe" in shown[aside:]
        assert "Since school, a long job" not in shown[:aside]  # not mixed into the path


async def test_walking_the_same_path_again_offers_each_answer_back(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 6)
        await type_answer(pilot, "You never finish")
        await type_answer(pilot, "In my shoulders")
        await pilot.press("ctrl+b")
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert current_step(app) == "find" and box_text(app) == "You never finish"
        await pilot.press("escape")  # pause right here: the place is kept too
        await settle(pilot)
    assert [row for row in answers(db) if row[3] == 0] == [(0, "loudness_before", "6", 0)]

    again = app_for(db, start="resume")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert current_step(again) == "find" and box_text(again) == "You never finish"
        await pilot.press("enter")
        await settle(pilot)
        assert current_step(again) == "focus" and box_text(again) == "In my shoulders"
        await pilot.press("enter")
        await settle(pilot)
        assert current_step(again) == "flesh_out"
    # Sent back unchanged: the same turns, brought back, not written twice.
    assert answers(db) == [
        (0, "loudness_before", "6", 0), (1, "find", "You never finish", 0), (2, "focus", "In my shoulders", 0),
    ]


async def test_text_in_the_box_when_going_back_or_skipping_is_kept(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 5)
        app.screen.query(".answer-input").first().insert("typed, not sent")
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert current_step(app) == "loudness_before"
        await pilot.press("enter")  # the same loudness again
        await settle(pilot)
        assert current_step(app) == "find" and box_text(app) == "typed, not sent"
        app.screen.query(".answer-input").first().insert(" and more")
        await pilot.press("ctrl+s")  # ctrl+s skips; the words in the box are not thrown away
        await settle(pilot)
        assert current_step(app) == "focus"
    kept = [(step, answer, superseded) for _, step, answer, superseded in answers(db) if step == "find"]
    assert ("find", "typed, not sent and more", 1) in kept and ("find", None, 0) in kept


# ---- item 4: the autosave never lands on another question -----------------------------------


async def _a_draft_timer_racing(pilot, key: str) -> None:
    app = pilot.app
    screen = app.screen
    screen.query(".answer-input").first().insert("words for the find question")
    release = await hold_the_database(app)
    await pilot.press(key)
    screen._save_draft()  # the 1-second timer fires now, before the move has come back
    release.set()
    await settle(pilot)


@pytest.mark.parametrize(("key", "lands_on"), [("ctrl+s", "focus"), ("ctrl+b", "loudness_before")])
async def test_a_draft_timer_firing_during_a_skip_or_back_is_not_another_questions_draft(tmp_path, key, lands_on):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 7)
        await _a_draft_timer_racing(pilot, key)
        assert current_step(app) == lands_on
        if lands_on == "focus":
            assert box_text(app) == ""
    assert rows(db, "SELECT draft_step, draft FROM dialogue") == [(None, None)]


async def test_a_draft_from_a_dialogue_left_behind_never_reaches_the_next_one(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 7)
        old_screen = app.screen
        old_screen.query(".answer-input").first().insert("words for the first dialogue")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await choose_scale(pilot, 4)
        assert current_step(app) == "find"  # the same question, in another dialogue
        old_screen._save_draft()  # a timer of the screen that was left
        await settle(pilot)
    assert rows(db, "SELECT critic_before, draft FROM dialogue ORDER BY entry_id") == [
        (7, "words for the first dialogue"), (4, None),
    ]


# ---- item 5: a dialogue with nothing written is not an entry --------------------------------


async def test_opening_a_dialogue_and_leaving_at_once_leaves_no_entry(tmp_path):
    db = tmp_path / "j.db"
    with Journal(str(db)) as journal:
        real = journal.start_dialogue("critic")
        journal.save_turn(real.id, position=0, step_id="loudness_before", role="loudness_before",
                          prompt="How loud?", answer="8", value=8, skipped=False)
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for leave in ("escape", "ctrl+x"):
            await pilot.press("t")
            await settle(pilot)
            assert isinstance(app.screen, DialogueScreen)
            await pilot.press(leave)
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
        assert app.screen.data.has_unfinished
        await pilot.press("r")  # Resume is still the real unfinished dialogue
        await settle(pilot)
        assert app.session.dialogue_id == real.id and current_step(app) == "find"
    assert rows(db, "SELECT id FROM entry") == [(real.id,)]


# ---- item 6: Ctrl+X stops, is shown, and never touches the text -----------------------------


async def test_ctrl_x_in_a_text_step_stops_and_keeps_what_was_typed(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 7)
        screen = app.screen
        assert isinstance(app.focused, TextArea)
        stop = screen.active_bindings["ctrl+x"][1]
        assert (stop.action, stop.description, stop.show) == ("stop", "Stop", True)  # in the footer
        app.focused.insert("half a thought")
        app.focused.select_all()
        await pilot.press("ctrl+x")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "half a thought" not in (app.clipboard or "")  # not cut
    assert rows(db, "SELECT status, draft_step, draft FROM dialogue") == [("stopped", "find", "half a thought")]


async def test_stop_is_in_the_footer_on_every_kind_of_step(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(60, 18)) as pilot:
        await settle(pilot)
        seen = []
        for move in (lambda: choose_scale(pilot, 7), lambda: type_answer(pilot, "x"), None):
            binding = app.screen.active_bindings["ctrl+x"][1]
            seen.append((app.screen.view.step.kind, binding.action, binding.show))
            if move:
                await move()
        assert seen == [("scale", "stop", True), ("text", "stop", True), ("text", "stop", True)]


# ---- item 7: the question being answered is always in view ---------------------------------


def _resumable_with_long_answers(db, flow="critic", steps=()) -> int:
    with Journal(str(db)) as journal:
        talk = journal.start_dialogue(flow)
        for position, (step_id, role, answer, value) in enumerate(steps):
            journal.save_turn(talk.id, position=position, step_id=step_id, role=role, prompt=f"Question {step_id}?",
                              answer=answer, value=value, skipped=False)
        return talk.id


LONG = "a long answer that goes on and on, " * 12


async def test_after_resuming_the_current_question_is_on_screen(tmp_path):
    db = tmp_path / "j.db"
    _resumable_with_long_answers(db, steps=[
        ("loudness_before", "loudness_before", "7", 7), ("find", "critic_words", LONG, LONG),
        ("focus", "body", LONG, LONG), ("flesh_out", None, LONG, LONG),
    ])
    for size in ((60, 18), (80, 24), (160, 45)):
        app = app_for(db, start="resume")
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            assert current_step(app) == "part_name"
            assert "Would you like to give this part a name?" in " ".join(screen_text(app).split()), size


async def test_the_question_stays_on_screen_whatever_the_conversation_scrolls_to(tmp_path):
    """Reading back up (or a scroll that lands short, as after a resume or a breathe step)
    never takes away the question being answered."""
    db = tmp_path / "j.db"
    _resumable_with_long_answers(db, steps=[
        ("loudness_before", "loudness_before", "7", 7), ("find", "critic_words", LONG, LONG),
        ("focus", "body", LONG, LONG), ("flesh_out", None, LONG, LONG),
    ])
    app = app_for(db, start="resume")
    async with app.run_test(size=(60, 18)) as pilot:
        await settle(pilot)
        app.screen.query_one("#conversation").scroll_home(animate=False)
        await pilot.pause()
        assert "Would you like to give this part a name?" in " ".join(screen_text(app).split())


async def test_after_a_breathe_step_the_scale_comes_with_its_question(tmp_path):
    db = tmp_path / "j.db"
    _resumable_with_long_answers(db, flow="blocks", steps=[
        ("loudness_before", "loudness_before", "5", 5), ("objection", "critic_words", LONG, LONG),
        ("which_block", None, "I don't deserve kindness", "undeserving"),
        ("block_undeserving", None, LONG, LONG),
        ("origin_choice", None, "Yes, I'll just notice what comes", "look"), ("origin", None, LONG, LONG),
        ("whose", None, "It feels like mine", "mine"), ("resistance", None, None, None),
    ])
    app = app_for(db, start="resume")
    async with app.run_test(size=(60, 18)) as pilot:
        await settle(pilot)
        assert current_step(app) == "hand_on_heart"
        await pilot.press("enter")  # breathe
        await pilot.pause()
        await pilot.press("escape")  # enough breathing
        await settle(pilot)
        assert current_step(app) == "loudness_after"
        assert "How loud is the critic now?" in screen_text(app)


# ---- item 8: the lens is a quiet note, never over the answer box ----------------------------


async def test_the_lens_reading_is_a_note_in_the_conversation_not_a_toast(tmp_path):
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 8)
        await type_answer(pilot, "You're lazy and you always fail.")
        assert current_step(app) == "focus"
        assert not app._notifications  # nothing drawn over the answer box
        text = " ".join(screen_text(app).split())
        assert "A gentle noticing" in text and "lazy" in text
        assert "Turn your attention toward that voice" in text  # the question, visible too


# ---- item 9: the summary speaks the exercise's own words (see tests/cli/test_summaries.py) ----


async def test_the_apps_summary_uses_the_flows_own_rows(tmp_path):
    db = tmp_path / "j.db"
    steps = [("how_hard", "7", 7), ("why_hard", "Nobody showed me how", "Nobody showed me how"),
             ("how_you_relate", None, None), ("learned_choice", "Yes, I'll just notice what comes", "look"),
             ("where_learned", "At school", "At school"), ("pause", None, None),
             ("already", "Tea in the evening", "Tea in the evening"), ("next_small_thing", None, None)]
    with Journal(str(db)) as journal:
        talk = journal.start_dialogue("reflect")
        for position, (step, answer, value) in enumerate(steps):
            journal.save_turn(talk.id, position=position, step_id=step, role=None, prompt="?", answer=answer,
                              value=value, skipped=answer is None and step != "pause")
    app = app_for(db, start="resume")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # "Here is what you wrote."
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.rows == [
            ("How hard kindness feels (0–10)", "7"), ("Why it might be hard", "Nobody showed me how"),
            ("Where you learned that", "At school"), ("What you already do", "Tea in the evening"),
        ]


async def test_keys_that_arrive_all_at_once_are_all_kept_in_order(tmp_path):
    """A paste that comes as one key per character is put in as one edit (tests/reliability has
    the flood in a real terminal); every character lands, in order, and Enter sends them all."""
    from textual import events

    typed = " ".join(["you never finish [b]anything[/b] 🙂"] * 40)
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 5)
        assert current_step(app) == "find"
        for char in typed:
            app.post_message(events.Key(char, char))  # all queued at once, as a terminal delivers a paste
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        assert current_step(app) == "focus"
    assert ("find", typed) in [(step, answer) for _, step, answer, _ in answers(db)]


async def test_after_pausing_and_resuming_at_once_no_notice_covers_the_answer_box(tmp_path):
    """Pause's "Paused. Everything is saved" belongs to home: a dialogue opened again
    straight away starts clear, its answer box uncovered."""
    db = tmp_path / "j.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await choose_scale(pilot, 5)
        app.screen.query(".answer-input").first().insert("in my chest")
        await pilot.press("escape")
        await settle(pilot)
        notes = lambda: [str(note.message) for note in app._notifications]  # noqa: E731
        assert isinstance(app.screen, HomeScreen) and any("Paused" in note for note in notes())
        await pilot.press("r")
        await settle(pilot)
        assert current_step(app) == "find" and box_text(app) == "in my chest"
        assert notes() == []  # nothing drawn over the answer box
