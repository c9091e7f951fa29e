"""A dialogue after the safety check notices an answer: the words are never quoted back,
the questions are asked once and kept, and the safety-first choices come first."""

from __future__ import annotations

import io
from innercritic.store.driver import dbapi as sqlite3

import pytest

from innercritic.services.dialogue import DialogueSession, view_of
from innercritic.services.dialogue_summary import summary_rows
from innercritic.engine.care_words import words
from innercritic.engine.flow_files import load_flows, shipped_flow
from innercritic.store.journal import Journal

CLEAR = "you should just die, honestly"
MAYBE = "I've put all my affairs in order"


@pytest.fixture
def journal(db_path):
    with Journal(db_path) as journal:
        yield journal


def _events(db_path):
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT step_id, tier, gentle_answer, safe_answer FROM care_event ORDER BY id").fetchall()


def _to_find(journal) -> DialogueSession:
    session = DialogueSession.start(journal, shipped_flow("critic"))
    session.answer(7)
    assert session.current.id == "find"
    return session


def test_a_clear_answer_is_noted_and_never_quoted_back(journal, db_path):
    session = _to_find(journal)
    outcome = session.answer(CLEAR)
    assert outcome.needs_care and outcome.reflections == ()  # no lens notice for noticed words
    assert _events(db_path) == [("find", "clear", None, None)]
    session.answer_safe(outcome.event, "yes")
    session.after_crisis_path()
    assert view_of(session).step.id == "safety_first"
    assert session.answer("carry_on").action is None
    # walk to the compassion step, whose prompt would quote the critic's words
    while session.current.id != "compassion":
        session.skip()
    assert "die" not in session.prompt()
    assert "words like these" in session.prompt()  # the fallback
    while session.current is not None:
        session.skip()
    rows = dict(summary_rows(session))
    assert "The critic said" not in rows
    assert view_of(session).flagged is True
    assert _events(db_path) == [("find", "clear", None, "yes")]


def test_the_gentle_question_is_asked_once_per_step(journal, db_path):
    session = _to_find(journal)
    first = session.answer(MAYBE)
    assert first.asks_gently and not first.needs_care
    assert session.answer_gentle(first.event, "no") is False
    session.back()  # change the answer, still sideways
    again = session.answer(MAYBE + " now")
    assert again.tier == "maybe" and not again.asks_gently  # not asked twice for the same step
    assert _events(db_path) == [("find", "maybe", "no", None)]
    assert view_of(session).step.id == "focus"  # a "no" carries on, no safety-first choices


def test_a_yes_to_the_gentle_question_leads_into_the_same_crisis_path(journal, db_path):
    session = _to_find(journal)
    outcome = session.answer(MAYBE)
    assert session.answer_gentle(outcome.event, "yes") is True
    session.answer_safe(outcome.event, "not_sure")
    session.after_crisis_path()
    assert view_of(session).step.id == "safety_first"
    assert _events(db_path) == [("find", "maybe", "yes", "not_sure")]


def test_the_safety_first_choices(journal):
    session = _to_find(journal)
    session.answer(CLEAR)
    session.after_crisis_path()
    first = view_of(session)
    assert first.prompt == words().get("safety_first.prompt")
    assert [c.id for c in first.step.choices] == ["ground", "someone", "carry_on", "stop"]
    assert session.answer("ground").action == "breathe"
    assert view_of(session).prompt == words().get("safety_first.again")
    assert session.answer("2").action == "someone"
    assert session.answer("stop").action == "stop"
    assert session.conversation.stopped


def test_resuming_a_flagged_dialogue_knows_its_steps_from_the_journal(journal, db_path):
    session = _to_find(journal)
    outcome = session.answer(CLEAR)
    session.answer_safe(outcome.event, "no")
    dialogue_id = session.dialogue_id
    resumed = DialogueSession.resume(journal, load_flows(), dialogue_id)
    assert resumed.care.withheld == {"find"}
    assert view_of(resumed).step.id == "safety_first"  # safety first, before more parts work
    resumed.answer("carry_on")
    while resumed.current.id != "compassion":
        resumed.skip()
    assert "die" not in resumed.prompt()


def test_an_ordinary_answer_changes_nothing(journal, db_path):
    session = _to_find(journal)
    outcome = session.answer("You're lazy. Everyone else would be done by now.")
    assert outcome.tier is None and outcome.event is None
    assert _events(db_path) == []
    assert view_of(session).step.id == "focus"


# ---- talk --plain, in a terminal ----------------------------------------------------------


def _plain(journal, lines: str):
    from innercritic.cli.plain_talk import PlainTalk

    session = DialogueSession.start(journal, shipped_flow("critic"))
    talk = PlainTalk(session, stdin=io.StringIO(lines), interactive=True)
    return session, talk


def test_plain_clear_asks_are_you_safe_then_offers_safety_first(journal, db_path, capsys):
    session, talk = _plain(journal, f"7\n{CLEAR}\nno\n3\nTight chest\n")
    talk.run()
    out = capsys.readouterr().out
    assert out.index(words().get("panel.title")) < out.index("Are you safe at this moment?")
    assert out.index("Are you safe") < out.index(words().get("unsafe.reach"))
    assert words().get("safety_first.prompt") in out
    assert "die" not in out.replace(CLEAR, "")  # only where it was typed (the terminal echo)
    assert _events(db_path) == [("find", "clear", None, "no")]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT answer FROM turn WHERE step_id = 'focus'").fetchone() == ("Tight chest",)


def test_plain_maybe_asks_the_gentle_question_as_a_line(journal, db_path, capsys):
    session, talk = _plain(journal, f"7\n{MAYBE}\nno\nTight chest\n")
    talk.run()
    out = capsys.readouterr().out
    assert words().get("gentle.ask") in out
    assert words().get("panel.title") not in out  # never the panel for a maybe
    assert _events(db_path) == [("find", "maybe", "no", None)]


def test_plain_piped_input_is_never_taken_for_an_answer_to_a_question(journal, db_path, capsys):
    from innercritic.cli.plain_talk import PlainTalk

    session = DialogueSession.start(journal, shipped_flow("critic"))
    PlainTalk(session, stdin=io.StringIO(f"7\n{CLEAR}\nTight chest\n"), interactive=False).run()
    out = capsys.readouterr().out
    assert words().get("panel.title") in out and "Are you safe" not in out
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT answer FROM turn WHERE step_id = 'focus'").fetchone() == ("Tight chest",)
