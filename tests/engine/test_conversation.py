"""The conversation state machine, on a small flow built for the purpose."""

from __future__ import annotations

import pytest

from innercritic.engine.conversation import AnswerError, Conversation
from innercritic.engine.flow_files import load_flow

PRACTICE = """
id = "practice"
title = "Practice"

[[steps]]
id = "rate"
kind = "scale"
stage = "One"
role = "loudness_before"
prompt = "How loud?"

  [[steps.branches]]
  when_at_least = 8
  goto = "calm_down"

[[steps]]
id = "words"
kind = "text"
stage = "One"
role = "critic_words"
quote = true
prompt = "What does it say?"

[[steps]]
id = "feel"
kind = "multi"
stage = "Two"
prompt = "How do you feel about {words|it}?"
hint = "Seen: {words}"
next = "name"

  [[steps.choices]]
  id = "calm"
  label = "Calm"

  [[steps.choices]]
  id = "tense"
  label = "Tense, tight"

  [[steps.choices]]
  id = "sad"
  label = "Sad"

  [[steps.branches]]
  when_choice = ["tense", "sad"]
  goto = "again"

[[steps]]
id = "again"
kind = "choice"
stage = "Two"
prompt = "Try again?"
next = "name"
max_visits = 2
on_exhausted = "name"

  [[steps.choices]]
  id = "yes"
  label = "Yes"

  [[steps.choices]]
  id = "no"
  label = "No"

  [[steps.branches]]
  when_choice = ["yes"]
  goto = "feel"

[[steps]]
id = "name"
kind = "text"
stage = "Three"
optional = false
prompt = "A name for {words}?"

[[steps]]
id = "calm_down"
kind = "breathe"
prompt = "Breathe."

[[steps]]
id = "done"
kind = "info"
stage = "Four"
role = "summary"
prompt = "Thanks."
"""


@pytest.fixture
def flow(tmp_path):
    path = tmp_path / "practice.toml"
    path.write_text(PRACTICE, encoding="utf-8")
    return load_flow(path)


@pytest.fixture
def talk(flow):
    return Conversation(flow)


def state(conversation: Conversation) -> tuple:
    current = conversation.current.id if conversation.current else None
    return current, conversation.turns, conversation.finished, conversation.stopped


# --------------------------------------------------------------------------- starting


def test_starts_at_the_first_step(talk):
    assert talk.current.id == "rate"
    assert talk.prompt() == "How loud?"
    assert talk.turns == ()
    assert not talk.finished and not talk.stopped
    assert talk.visits("rate") == 1
    assert talk.progress() == [("One", "current"), ("Two", "todo"), ("Three", "todo"), ("Four", "todo")]


# --------------------------------------------------------------------------- answers by kind


def test_scale_accepts_a_number_or_its_text(talk):
    turn = talk.answer(" 4 ")
    assert (turn.value, turn.answer, turn.skipped, turn.position) == (4, "4", False, 0)
    assert talk.current.id == "words"


@pytest.mark.parametrize("bad", [11, -1, "seven", 3.5, True, [3]])
def test_scale_refuses_anything_else_and_changes_nothing(talk, bad):
    before = state(talk)
    with pytest.raises(AnswerError, match="0 to 10"):
        talk.answer(bad)
    assert state(talk) == before


def test_scale_branch_on_a_high_number(talk):
    talk.answer(9)
    assert talk.current.id == "calm_down"


def test_text_loses_trailing_space_and_blank_counts_as_skip(talk):
    talk.answer(2)
    turn = talk.answer("  You again.  \n\n")
    assert turn.value == turn.answer == "  You again."
    talk.back()
    skipped = talk.answer("   \n")
    assert (skipped.skipped, skipped.value, skipped.answer) == (True, None, None)


def test_text_refuses_a_non_string(talk):
    talk.answer(2)
    before = state(talk)
    with pytest.raises(AnswerError):
        talk.answer(42)
    assert state(talk) == before


def test_multi_accepts_numbers_labels_and_ids_in_flow_order(talk):
    talk.answer(2)
    talk.answer("hi")
    turn = talk.answer(["SAD", "1"])
    assert turn.value == ["calm", "sad"]
    assert turn.answer == "Calm, Sad"


def test_multi_accepts_comma_text_and_a_label_that_has_a_comma(talk):
    talk.answer(2)
    talk.answer("hi")
    assert talk.answer("1, 3").value == ["calm", "sad"]
    talk.back()
    assert talk.answer("tense, tight").value == ["tense"]


def test_multi_refuses_an_unknown_option(talk):
    talk.answer(2)
    talk.answer("hi")
    before = state(talk)
    with pytest.raises(AnswerError, match="1 to 3"):
        talk.answer(["calm", "purple"])
    assert state(talk) == before


def test_multi_branches_when_any_chosen_option_matches(talk):
    talk.answer(2)
    talk.answer("hi")
    talk.answer(["calm", "sad"])
    assert talk.current.id == "again"


def test_choice_accepts_id_label_or_number_and_refuses_others(talk):
    talk.answer(2)
    talk.answer("hi")
    talk.answer("2")  # tense -> again
    before = state(talk)
    for bad in ("3", "0", "maybe", ["yes"]):
        with pytest.raises(AnswerError):
            talk.answer(bad)
        assert state(talk) == before
    assert talk.answer("NO").value == "no"
    talk.back()
    assert talk.answer(2).value == "no"
    talk.back()
    turn = talk.answer("no")
    assert (turn.value, turn.answer) == ("no", "No")
    assert talk.current.id == "name"


def test_info_and_breathe_take_no_answer_but_can_be_skipped(talk):
    talk.answer(9)  # -> calm_down (breathe)
    with pytest.raises(AnswerError):
        talk.answer("ok")
    turn = talk.answer(None)
    assert (turn.value, turn.answer, turn.skipped) == (None, None, False)
    assert talk.current.id == "done"
    assert talk.skip().skipped is True
    assert talk.finished and talk.current is None


def test_a_required_step_cannot_be_skipped(talk):
    talk.answer(2)
    talk.answer("hi")
    talk.answer(["calm"])
    assert talk.current.id == "name"
    with pytest.raises(AnswerError):
        talk.skip()
    with pytest.raises(AnswerError):
        talk.answer("  ")
    assert talk.current.id == "name"


# --------------------------------------------------------------------------- moving around


def test_skip_takes_next_and_never_a_branch(talk):
    talk.skip()  # the scale branch would need an answer
    assert talk.current.id == "words"
    talk.skip()
    talk.skip()  # feel: next = "name", not the branch
    assert talk.current.id == "name"


def test_bounded_step_sends_you_on_once_used_up(talk):
    talk.answer(2)
    talk.answer("hi")
    for _ in range(2):
        talk.answer(["sad"])
        assert talk.current.id == "again"
        talk.answer("yes")
    talk.answer(["sad"])  # again has had its two visits
    assert talk.current.id == "name"
    assert talk.visits("again") == 2
    assert talk.visits("feel") == 3


def test_back_at_the_start_does_nothing(talk):
    assert talk.back() is None
    assert talk.current.id == "rate"


def test_back_returns_the_undone_turn_and_remembers_its_value(talk):
    talk.answer(3)
    talk.answer("first words")
    popped = talk.back()
    assert (popped.step_id, popped.value) == ("words", "first words")
    assert talk.current.id == "words"
    assert [t.step_id for t in talk.turns] == ["rate"]
    assert talk.previous_value("words") == "first words"
    assert talk.previous_value("feel") is None


def test_back_after_finishing_reopens_the_last_step(talk):
    talk.answer(9)
    talk.answer(None)
    talk.answer(None)
    assert talk.finished
    talk.back()
    assert not talk.finished and talk.current.id == "done"


def test_stop_ends_the_conversation(talk):
    talk.answer(2)
    talk.stop()
    assert talk.stopped and not talk.finished and talk.current is None
    assert talk.prompt() == ""
    with pytest.raises(AnswerError):
        talk.answer("more")
    assert talk.progress()[0] == ("One", "done")
    assert talk.progress()[1] == ("Two", "todo")


# --------------------------------------------------------------------------- reading answers back


def test_prompt_quotes_earlier_answers_and_falls_back(talk):
    talk.answer(2)
    talk.answer("You never\n   finish anything.")
    assert talk.prompt() == "How do you feel about “You never finish anything.”?"
    assert talk.hint() == "Seen: “You never finish anything.”"
    talk.back()
    talk.skip()
    assert talk.prompt() == "How do you feel about it?"
    assert talk.hint() == "Seen: …"


def test_turn_keeps_the_prompt_as_shown(talk):
    talk.answer(2)
    talk.answer("Lazy.")
    turn = talk.answer(["calm"])
    assert turn.prompt == "How do you feel about “Lazy.”?"


def test_values_by_role(talk):
    talk.answer(6)
    talk.answer("Try harder.")
    assert talk.value_for_role("loudness_before") == 6
    assert talk.answer_for_role("loudness_before") == "6"
    assert talk.answer_for_role("critic_words") == "Try harder."
    assert talk.value_for_role("fears") is None
    assert talk.answer_for_role("summary") is None


def test_progress_moves_through_the_stages(talk):
    talk.answer(2)
    talk.answer("hi")
    assert talk.progress() == [("One", "done"), ("Two", "current"), ("Three", "todo"), ("Four", "todo")]
    talk.answer(["calm"])
    talk.answer("Pat")
    # calm_down has no stage of its own: it belongs to the stage above it
    assert talk.current.id == "calm_down"
    assert dict(talk.progress())["Three"] == "current"
    talk.answer(None)
    talk.answer(None)
    assert talk.progress() == [(s, "done") for s in ("One", "Two", "Three", "Four")]


# --------------------------------------------------------------------------- rebuilding


def test_rebuild_replays_saved_turns(flow, talk):
    talk.answer(2)
    talk.skip()
    talk.answer(["tense"])
    talk.answer("yes")
    saved = [(t.step_id, t.value, t.skipped) for t in talk.turns]
    again = Conversation.rebuild(flow, saved)
    assert again.current.id == talk.current.id == "feel"
    assert again.turns == talk.turns
    assert again.visits("feel") == 2


def test_rebuild_stops_quietly_where_the_turns_no_longer_fit(flow):
    wrong_step = Conversation.rebuild(flow, [("rate", 2, False), ("feel", ["calm"], False), ("name", "x", False)])
    assert wrong_step.current.id == "words"
    assert len(wrong_step.turns) == 1
    bad_value = Conversation.rebuild(flow, [("rate", 2, False), ("words", "hi", False), ("feel", ["gone"], False)])
    assert bad_value.current.id == "feel"
    assert len(bad_value.turns) == 2
