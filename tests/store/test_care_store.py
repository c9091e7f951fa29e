"""Schema 4: what the safety check noticed (care_event) and the safety plan (plan_item)."""

from __future__ import annotations

import os
import secrets
import shutil
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)

import pytest
from journal_testing import V1_FIXTURE, add_dialogue, rows

from innercritic.engine.safety_plan import PlanEntry, SafetyPlan, plan_text, read_plan_text
from innercritic.errors import UsageProblem
from innercritic.store.journal import Journal


def _plan(word: str = "walk by the river") -> SafetyPlan:
    return SafetyPlan.of({
        "warning_signs": ["I stop answering messages"],
        "on_my_own": [word, "a hot shower"],
        "people": [PlanEntry("Sam", "07700 900123"), PlanEntry("Mum", "call her mobile")],
        "professionals": [PlanEntry("Dr Okafor", "surgery 01632 960000")],
        "safer": ["give the spare blister packs to Sam for now"],
    })


def test_a_new_journal_has_no_plan_and_keeps_one_once_saved(db_path):
    with Journal(db_path) as journal:
        assert journal.safety_plan().is_empty
        saved = journal.save_safety_plan(_plan())
    assert saved.updated_at
    with Journal(db_path) as journal:
        again = journal.safety_plan()
    assert again.people == (PlanEntry("Sam", "07700 900123"), PlanEntry("Mum", "call her mobile"))
    assert [e.text for e in again.steps] == ["walk by the river", "a hot shower"]
    assert again.sections["distractions"] == ()
    assert rows(db_path, "SELECT count(*) FROM plan_item") == [(7,)]


def test_saving_replaces_the_whole_plan(db_path):
    with Journal(db_path) as journal:
        journal.save_safety_plan(_plan())
        journal.save_safety_plan(SafetyPlan.of({"people": [PlanEntry("Ana", "text her")]}))
        plan = journal.safety_plan()
    assert plan.people == (PlanEntry("Ana", "text her"),)
    assert plan.steps == ()


def test_a_plan_too_long_is_refused_whole(db_path):
    with Journal(db_path) as journal:
        journal.save_safety_plan(_plan())
        with pytest.raises(UsageProblem, match="nothing was changed"):
            journal.save_safety_plan(SafetyPlan.of({"on_my_own": ["x" * 501]}))
        assert journal.safety_plan().people[0].text == "Sam"


def test_the_text_form_reads_back_the_same_plan():
    titles = {"people": "People I can ask for help"}
    text = plan_text(_plan(), titles, "My plan")
    assert "Sam: 07700 900123" in text and "## People I can ask for help  [people]" in text
    assert read_plan_text(text).sections == _plan().sections
    edited = text.replace("a hot shower", "a hot shower\n\n# a comment\nsit with the cat")
    assert [e.text for e in read_plan_text(edited).steps] == ["walk by the river", "a hot shower", "sit with the cat"]


def test_care_events_are_kept_with_their_entry_and_hold_no_words(db_path):
    with Journal(db_path) as journal:
        talk = add_dialogue(journal, turns=[("find", "critic_words", "?", "words that worried", None, False)])
        event = journal.add_care_event(talk, "find", "maybe")
        assert (event.step_id, event.tier, event.gentle_answer) == ("find", "maybe", None)
        journal.answer_care_event(event.id, gentle="not_sure")
        journal.answer_care_event(event.id, safe="no")
        clear = journal.add_care_event(talk, "focus", "clear")
        events = journal.care_events(talk)
        assert [(e.step_id, e.tier, e.gentle_answer, e.safe_answer) for e in events] == [
            ("find", "maybe", "not_sure", "no"), ("focus", "clear", None, None),
        ]
        assert all(e.opened_the_path for e in events)
        with pytest.raises(ValueError):
            journal.answer_care_event(clear.id, safe="perhaps")
        journal.delete_entry(talk)
        assert journal.care_events(talk) == []
    assert rows(db_path, "SELECT count(*) FROM care_event") == [(0,)]
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO care_event (entry_id, tier, at) VALUES (1, 'loud', 'x')")
    conn.close()


def test_forget_all_really_erases_the_plan(db_path):
    word = "zqxjvw" + secrets.token_hex(6)
    journal = Journal(db_path)
    journal.save_safety_plan(_plan(word))
    journal._conn.execute("PRAGMA wal_checkpoint(FULL)")
    assert word.encode() in open(db_path, "rb").read()
    journal.forget_all()
    assert journal.safety_plan().is_empty
    journal.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            assert word.encode() not in open(db_path + suffix, "rb").read(), suffix


def test_an_old_journal_gains_the_tables_and_keeps_its_rows(tmp_path):
    path = str(tmp_path / "old.db")
    shutil.copyfile(V1_FIXTURE, path)
    before = rows(path, "SELECT count(*) FROM entry")
    with Journal(path) as journal:
        assert journal.safety_plan().is_empty
        entry_id = rows(path, "SELECT min(id) FROM entry")[0][0]
        journal.add_care_event(entry_id, None, "clear")
    assert rows(path, "SELECT count(*) FROM entry") == before
    assert rows(path, "SELECT count(*) FROM care_event") == [(1,)]
