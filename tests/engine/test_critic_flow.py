"""The shipped critic dialogue: every path a person can take through it."""

from __future__ import annotations

import pytest

from innercritic.engine.conversation import AnswerError, Conversation
from innercritic.engine.flow_files import load_flows

REACTIVE = ("angry", "afraid", "annoyed", "want_gone", "overwhelmed")
SELF_PRESENT = ("curious", "calm", "compassionate", "open")


@pytest.fixture(scope="module")
def critic():
    return load_flows()["critic"]


@pytest.fixture
def talk(critic):
    return Conversation(critic)


def up_to_feel_toward(talk: Conversation, words: str = "You always get it wrong.") -> None:
    talk.answer(7)  # loudness_before
    talk.answer(words)  # find
    talk.answer("A knot in my stomach")  # focus
    talk.answer("Sharp, older, a teacher's voice")  # flesh_out
    talk.answer("The Judge")  # part_name
    assert talk.current.id == "feel_toward"


def path(talk: Conversation) -> list[str]:
    return [turn.step_id for turn in talk.turns]


def test_choices_are_tagged_reactive_or_not(critic):
    choices = critic.step("feel_toward").choices
    assert {c.id for c in choices if c.reactive} == set(REACTIVE)
    assert {c.id for c in choices if not c.reactive} == set(SELF_PRESENT)


@pytest.mark.parametrize("feeling", SELF_PRESENT)
def test_self_present_goes_straight_to_befriend(talk, feeling):
    up_to_feel_toward(talk)
    assert talk.prompt() == "How do you feel toward The Judge right now?"
    talk.answer(feeling)
    assert talk.current.id == "befriend"
    assert talk.current.stage == "beFriend"
    assert talk.visits("unblend") == 0


def test_the_whole_way_through_in_order(talk):
    up_to_feel_toward(talk)
    talk.answer("curious")
    while talk.current is not None and talk.current.kind in ("text", "info"):
        talk.answer(f"answer to {talk.current.id}" if talk.current.kind == "text" else None)
    assert "common_ground" in path(talk)  # not alone: the close's second part of self-compassion
    assert path(talk).index("common_ground") == path(talk).index("compassion") - 1
    assert talk.current.id == "loudness_after"
    talk.answer(3)
    assert talk.current.id == "summary"
    talk.answer(None)
    assert talk.finished
    assert path(talk) == [
        "loudness_before", "find", "focus", "flesh_out", "part_name", "feel_toward",
        "befriend", "befriend_wants", "befriend_seen", "fears", "protects_from",
        "appreciate", "trust", "common_ground", "compassion", "loudness_after", "summary",
    ]  # fmt: skip
    assert talk.value_for_role("loudness_before") == 7
    assert talk.value_for_role("loudness_after") == 3
    assert talk.answer_for_role("part_name") == "The Judge"
    assert talk.answer_for_role("fears") == "answer to fears"
    assert talk.answer_for_role("needs") == "answer to trust"


def test_unblending_works_on_the_second_ask(talk):
    up_to_feel_toward(talk)
    talk.answer("angry")
    assert talk.current.id == "unblend"
    talk.answer("It grumbled, then moved back a bit.")
    assert talk.current.id == "feel_toward"
    talk.answer("calm")
    assert talk.current.id == "befriend"
    assert talk.value_for_role("feel_toward") == "calm"
    assert talk.visits("feel_toward") == 2


def test_unblending_with_the_unblend_step_skipped_still_checks_again(talk):
    up_to_feel_toward(talk)
    talk.answer("overwhelmed")
    talk.skip()
    assert talk.current.id == "feel_toward"


def reactive_three_times(talk: Conversation) -> None:
    up_to_feel_toward(talk)
    for feeling in ("angry", "afraid", "want_gone"):
        assert talk.current.id == "feel_toward"
        talk.answer(feeling)
        assert talk.current.id in ("unblend", "unblend_stuck")
        if talk.current.id == "unblend":
            talk.answer(None)


def test_reactive_three_times_reaches_unblend_stuck(talk):
    reactive_three_times(talk)
    assert talk.current.id == "unblend_stuck"
    assert talk.visits("feel_toward") == 3
    assert talk.visits("unblend") == 3


def test_stuck_then_grounding_then_carrying_on(talk):
    reactive_three_times(talk)
    talk.answer("ground")
    assert talk.current.kind == "breathe"
    assert talk.current.seconds == 60 and talk.current.pattern == "4-4-6"
    talk.answer(None)
    assert talk.current.id == "ground_after"
    talk.answer("carry_on")
    assert talk.current.id == "befriend"


def test_stuck_then_getting_to_know_the_part_that_reacted(talk):
    reactive_three_times(talk)
    talk.answer("know_other")
    assert talk.current.id == "other_part"
    talk.answer("It's tired of being told off.")
    assert talk.current.id == "other_part_worry"
    talk.answer("That I'll just believe it.")
    assert talk.current.id == "loudness_after"
    talk.answer(5)
    assert talk.current.role == "summary"


def test_stuck_then_stopping_ends_gently(talk):
    reactive_three_times(talk)
    talk.answer("stop")
    assert talk.current.id == "stop_gently"
    assert talk.current.kind == "info"
    talk.answer(None)
    assert talk.finished and talk.current is None


def test_after_grounding_you_can_still_stop_or_turn_to_the_other_part(talk):
    reactive_three_times(talk)
    talk.answer("ground")
    talk.answer(None)
    talk.answer("stop")
    assert talk.current.id == "stop_gently"
    talk.back()
    talk.answer("know_other")
    assert talk.current.id == "other_part"


def test_stop_midway(talk):
    up_to_feel_toward(talk)
    talk.answer("curious")
    talk.stop()
    assert talk.stopped and not talk.finished and talk.current is None
    assert len(talk.turns) == 6
    progress = dict(talk.progress())
    assert progress["Feel toward"] == "done"
    assert progress["Fears"] == "todo"


def test_back_and_revise_changes_the_path(talk):
    up_to_feel_toward(talk)
    talk.answer("annoyed")
    assert talk.current.id == "unblend"
    undone = talk.back()
    assert undone.value == "annoyed"
    assert talk.current.id == "feel_toward"
    assert talk.previous_value("feel_toward") == "annoyed"
    talk.answer("compassionate")
    assert talk.current.id == "befriend"
    assert "unblend" not in path(talk)


def test_back_out_of_a_used_up_loop_lets_you_answer_again(talk):
    reactive_three_times(talk)
    talk.back()  # undo the third unblend
    talk.back()  # undo the third reactive answer
    assert talk.current.id == "feel_toward"
    talk.answer("curious")
    assert talk.current.id == "befriend"


def test_skipping_everything_reaches_the_end(talk):
    for _ in range(50):
        if talk.current is None:
            break
        talk.skip()
    assert talk.finished
    skipped = path(talk)
    assert skipped[0] == "loudness_before" and skipped[-1] == "summary"
    assert "unblend" not in skipped and "stop_gently" not in skipped
    assert all(turn.skipped for turn in talk.turns)


def test_compassion_prompt_quotes_the_critic_and_falls_back_when_skipped(critic):
    quoted = Conversation(critic)
    up_to_feel_toward(quoted, words="You're too much.")
    quoted.answer("curious")
    while quoted.current.id != "compassion":
        quoted.skip()
    assert "“You're too much.”" in quoted.prompt()

    skipped = Conversation(critic)
    skipped.answer(4)
    skipped.skip()  # find
    while skipped.current.id != "compassion":
        skipped.skip()
    prompt = skipped.prompt()
    assert "words like these" in prompt and "“" not in prompt


def test_feel_toward_prompt_without_a_name(talk):
    talk.skip()
    talk.skip()
    talk.skip()
    talk.skip()
    talk.skip()
    assert talk.prompt() == "How do you feel toward this part right now?"


def test_rebuild_from_saved_turns_lands_in_the_same_place(critic, talk):
    up_to_feel_toward(talk)
    talk.answer("angry")
    talk.answer("It eased off a little.")
    talk.answer("afraid")
    talk.skip()
    saved = [(turn.step_id, turn.value, turn.skipped) for turn in talk.turns]
    again = Conversation.rebuild(critic, saved)
    assert again.current.id == talk.current.id == "feel_toward"
    assert again.turns == talk.turns
    assert again.visits("feel_toward") == 3
    again.answer("annoyed")
    assert again.current.id == "unblend"
    again.answer(None)
    assert again.current.id == "unblend_stuck"


@pytest.mark.parametrize(
    "step_answers, bad",
    [
        ([], 12),  # loudness_before
        ([7, "words", "", "", ""], "furious"),  # feel_toward: not a choice
        ([7, "words", "", "", ""], "10"),  # feel_toward: only nine choices
        ([7], 3),  # find: text wanted
    ],
)
def test_invalid_answers_raise_and_change_nothing(talk, step_answers, bad):
    for value in step_answers:
        talk.answer(value)
    before = (talk.current, talk.turns, talk.prompt())
    with pytest.raises(AnswerError) as caught:
        talk.answer(bad)
    assert str(caught.value)  # there is something kind to show
    assert (talk.current, talk.turns, talk.prompt()) == before


def test_the_close_ends_with_an_invitation_to_check_in_again(talk):
    up_to_feel_toward(talk)
    talk.answer("curious")
    while talk.current.id != "summary":
        talk.skip()
    assert "The Judge" in talk.prompt()
    assert "check in with it again" in talk.prompt()


@pytest.mark.parametrize("flow_id, choice_step, question, after_skip", [
    ("blocks", "origin_choice", "origin", "whose"),
    ("reflect", "learned_choice", "where_learned", "already"),
])
def test_where_a_belief_came_from_is_offered_with_no_need_to_go_into_a_memory(flow_id, choice_step, question, after_skip):
    flow = load_flows()[flow_id]
    step = flow.step(choice_step)
    assert "no need to go into a memory" in step.prompt
    assert {c.id for c in step.choices} == {"look", "skip"}
    talk = Conversation(flow)
    while talk.current.id != choice_step:
        talk.skip()
    assert talk.current.id == choice_step  # asked before the question, on every path to it
    talk.answer("skip")
    assert talk.current.id == after_skip
    assert question not in [turn.step_id for turn in talk.turns]
    talk = Conversation(flow)
    while talk.current.id != choice_step:
        talk.skip()
    talk.answer("look")
    assert talk.current.id == question
    assert "therapist" in (talk.current.hint or "")
