"""The Journal API: one id space, parts unique by name, value objects out, filters and search."""

from __future__ import annotations

import os
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)

import pytest
from journal_testing import CRITIC_TURNS, add_dialogue, count_entries, days_ago_iso, insert_checkin_at, make_journal, rows

from innercritic.engine import records
from innercritic.engine.records import CheckInRecord, DialogueRecord, HistoryQuery, PartRecord, TurnRecord
from innercritic.errors import UsageProblem
from innercritic.store.journal import Journal


@pytest.fixture
def journal(db_path):
    with Journal(db_path) as opened:
        yield opened


def _is_value_object(obj: object) -> bool:
    return isinstance(obj, tuple) and hasattr(obj, "_fields") and type(obj).__module__ == records.__name__


# ---- ids and parts ------------------------------------------------------------------------


def test_ids_are_unique_across_dialogues_and_checkins(journal):
    first = journal.add_checkin(mood=3, critic=4, note=None, part=None)
    talk = journal.start_dialogue("critic")
    second = journal.add_checkin(mood=2, critic=None, note=None, part=None)
    other = journal.start_dialogue("kind-eyes")
    ids = [first.id, talk.id, second.id, other.id]
    assert len(set(ids)) == 4
    assert [journal.get_entry(i).kind for i in ids] == ["checkin", "dialogue", "checkin", "dialogue"]
    assert rows(journal.path, "SELECT count(*) FROM checkin WHERE entry_id IN (?, ?)", (talk.id, other.id)) == [(0,)]
    assert rows(journal.path, "SELECT count(*) FROM dialogue WHERE entry_id IN (?, ?)", (first.id, second.id)) == [(0,)]
    uids = rows(journal.path, "SELECT uid FROM entry")
    assert len({u for (u,) in uids}) == 4


def test_part_names_are_unique_regardless_of_case(journal):
    talk = journal.start_dialogue("critic", part="Taskmaster")
    again = journal.start_dialogue("critic", part="  TASKMASTER ")
    assert talk.part == again.part == "Taskmaster"
    renamed = journal.name_part(again.id, "taskmaster")
    assert isinstance(renamed, PartRecord)
    assert renamed.name == "Taskmaster"
    assert [p.name for p in journal.list_parts()] == ["Taskmaster"]
    assert journal.find_part("tAsKmAsTeR").id == renamed.id
    # the database itself refuses a second spelling of the same name
    conn = sqlite3.connect(journal.path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO part (uid, name, name_key, created_at) VALUES ('x', 'TaskMaster', 'taskmaster', 'now')"
        )
    conn.close()


def test_a_checkin_links_to_an_existing_part_by_any_case(journal):
    journal.start_dialogue("critic", part="The Judge")
    record = journal.add_checkin(mood=4, critic=2, note=None, part="the judge")
    assert record.part == "The Judge"
    assert rows(journal.path, "SELECT p.name FROM entry e JOIN part p ON p.id = e.part_id WHERE e.id = ?", (record.id,)) == [
        ("The Judge",)
    ]


def test_a_checkin_for_a_new_part_creates_it(journal):
    journal.start_dialogue("critic", part="The Judge")
    saved = journal.check_in(mood=4, critic=2, note=None, part="Perfectionist")
    assert saved.record.part == "Perfectionist" and saved.new_part.name == "Perfectionist"
    assert saved.likely_part is None
    assert [p.name for p in journal.list_parts()] == ["Perfectionist", "The Judge"]


def test_a_checkin_for_a_name_no_part_may_have_saves_nothing(journal):
    with pytest.raises(UsageProblem, match="control characters"):
        journal.add_checkin(mood=4, critic=2, note="kept?", part="Bad\x1b[2Jname")
    assert rows(journal.path, "SELECT count(*) FROM entry") == [(0,)]


def test_unlinking_a_part(journal):
    talk = journal.start_dialogue("critic", part="Taskmaster")
    assert journal.name_part(talk.id, None) is None
    assert journal.get_entry(talk.id).part is None
    assert [p.name for p in journal.list_parts()] == ["Taskmaster"]  # the part itself stays


# ---- value objects only ---------------------------------------------------------------------


def test_journal_returns_value_objects_never_table_rows(journal):
    from sqlmodel import SQLModel

    checkin = journal.add_checkin(mood=3, critic=5, note=None, part=None)
    talk_id = add_dialogue(journal, part="Taskmaster", turns=CRITIC_TURNS)
    results: list[object] = [
        checkin,
        journal.start_dialogue("critic"),
        journal.get_entry(checkin.id),
        journal.get_entry(talk_id),
        *journal.get_entry(talk_id).turns,
        *journal.history(HistoryQuery()),
        *journal.history(HistoryQuery(search="finish")),
        *journal.list_parts(),
        journal.find_part("taskmaster"),
        journal.name_part(talk_id, "Taskmaster"),
        journal.latest_unfinished(),
    ]
    for result in results:
        assert not isinstance(result, SQLModel), result
        assert _is_value_object(result), result
    assert isinstance(journal.get_entry(talk_id).turns[0], TurnRecord)
    assert isinstance(journal.last_checkin_at(), str)
    # frozen: nobody can edit a record and think it was saved
    with pytest.raises(AttributeError):
        checkin.mood = 1  # type: ignore[misc]


def test_writes_return_nothing_that_aliases_the_orm(journal):
    # Dialogue writes return the dialogue's plain id (a dialogue not saved yet gets one
    # with its first write), never an ORM row.
    talk = journal.start_dialogue("critic")
    results = [
        journal.save_turn(
            talk.id, position=0, step_id="find", role="critic_words", prompt="p", answer="a", value=None,
            skipped=False,
        ),
        journal.save_draft(talk.id, "fears", "half a thought"),
        journal.finish_dialogue(talk.id, "stopped"),
    ]
    assert results == [talk.id] * 3 and all(type(result) is int for result in results)


# ---- dialogues ----------------------------------------------------------------------------------


def test_a_dialogue_reads_back_with_its_turns(journal):
    talk_id = add_dialogue(journal, part="Taskmaster", turns=CRITIC_TURNS, finish="completed")
    entry = journal.get_entry(talk_id)
    assert isinstance(entry, DialogueRecord)
    assert (entry.flow_id, entry.status, entry.part) == ("critic", "completed", "Taskmaster")
    assert entry.ended_at is not None
    assert (entry.critic_before, entry.critic_after) == (7, 4)
    assert entry.critic_words == "You never finish anything."
    assert [(t.position, t.step_id, t.answer, t.value, t.skipped) for t in entry.turns] == [
        (0, "loudness_before", "7", 7, False),
        (1, "find", "You never finish anything.", None, False),
        (2, "focus", None, None, True),
        (3, "fears", "That I would be left out.", None, False),
        (4, "loudness_after", "4", 4, False),
    ]


def test_answering_an_earlier_step_again_sets_the_later_path_aside(journal):
    # Going back never deletes (issue 11): the answers after it are kept, set aside, and
    # still found by search; only the current path counts for the dialogue itself.
    talk_id = add_dialogue(journal, turns=CRITIC_TURNS)
    journal.save_turn(
        talk_id, position=1, step_id="find", role="critic_words", prompt="What is it saying?",
        answer="You are too much.", value=None, skipped=False,
    )
    entry = journal.get_entry(talk_id)
    current = [t.step_id for t in entry.turns if not t.superseded]
    assert current == ["loudness_before", "find"]
    assert [t.answer for t in entry.turns if t.superseded] == [
        "You never finish anything.", None, "That I would be left out.", "4",
    ]
    assert entry.critic_words == "You are too much."
    assert entry.critic_after is None  # the set-aside loudness is no longer the dialogue's
    assert rows(journal.path, "SELECT count(*) FROM turn WHERE dialogue_id = ?", (talk_id,)) == [(6,)]
    assert [e.id for e in journal.history(HistoryQuery(search="left out"))] == [talk_id]
    assert [e.id for e in journal.history(HistoryQuery(search="too much"))] == [talk_id]


def test_drafts_resume_and_finish(journal):
    talk_id = add_dialogue(journal, turns=CRITIC_TURNS[:2])
    journal.save_draft(talk_id, "fears", "That I would")
    unfinished = journal.latest_unfinished()
    assert (unfinished.id, unfinished.draft_step, unfinished.draft) == (talk_id, "fears", "That I would")
    journal.save_draft(talk_id, "fears", "")
    assert journal.get_entry(talk_id).draft is None
    journal.finish_dialogue(talk_id, "stopped")
    assert journal.latest_unfinished() is None
    journal.reopen_dialogue(talk_id)
    reopened = journal.get_entry(talk_id)
    assert (reopened.status, reopened.ended_at) == ("in_progress", None)


def test_going_back_sets_turns_aside_and_the_same_answer_brings_one_back(journal):
    talk_id = add_dialogue(journal, turns=CRITIC_TURNS)
    journal.set_aside_turns_from(talk_id, 2, (5, "trust", "needs", "What would it need?", "half typed"))
    turns = journal.get_entry(talk_id).turns
    assert [(t.position, t.superseded) for t in turns] == [
        (0, False), (1, False), (2, True), (3, True), (4, True), (5, True),
    ]
    assert turns[-1].answer == "half typed" and turns[-1].value == "half typed"
    # The same answer at the same step comes back as it was (no second copy) ...
    skipped_focus = CRITIC_TURNS[2]
    journal.save_turn(talk_id, position=2, step_id="focus", role="focus", prompt=skipped_focus[2],
                      answer=None, value=None, skipped=True)
    # ... and a different one is written new, the old one staying set aside.
    journal.save_turn(talk_id, position=3, step_id="fears", role="fears", prompt=CRITIC_TURNS[3][2],
                      answer="Being laughed at.", value="Being laughed at.", skipped=False)
    turns = journal.get_entry(talk_id).turns
    assert [(t.position, t.answer, t.superseded) for t in turns if t.position in (2, 3)] == [
        (2, None, False), (3, "That I would be left out.", True), (3, "Being laughed at.", False),
    ]
    assert rows(journal.path, "SELECT count(*) FROM turn WHERE dialogue_id = ?", (talk_id,)) == [(7,)]


# ---- reading: history filters and search ---------------------------------------------------------


def test_history_is_newest_first_with_filters(db_path):
    make_journal(db_path)
    older = insert_checkin_at(db_path, days_ago_iso(5), mood=1, part="Taskmaster")
    middle = insert_checkin_at(db_path, days_ago_iso(4), mood=2, note="grey sky")
    newer = insert_checkin_at(db_path, days_ago_iso(3), mood=3, part="Taskmaster")
    with Journal(db_path) as journal:
        talk = journal.start_dialogue("critic")  # now: the newest of all
        assert [e.id for e in journal.history(HistoryQuery())] == [talk.id, newer, middle, older]
        assert [e.id for e in journal.history(HistoryQuery(limit=2))] == [talk.id, newer]
        assert [e.id for e in journal.history(HistoryQuery(limit=2, offset=2))] == [middle, older]
        assert [e.id for e in journal.history(HistoryQuery(kind="checkin"))] == [newer, middle, older]
        assert [e.id for e in journal.history(HistoryQuery(kind="dialogue"))] == [talk.id]
        assert [e.id for e in journal.history(HistoryQuery(part="TASKMASTER"))] == [newer, older]
        assert [e.id for e in journal.history(HistoryQuery(search="grey"))] == [middle]


def test_same_moment_entries_are_ordered_by_id(db_path):
    make_journal(db_path)
    at = days_ago_iso(2, 9, 0)
    ids = [insert_checkin_at(db_path, at, mood=m) for m in (1, 2, 3)]
    with Journal(db_path) as journal:
        assert [e.id for e in journal.history(HistoryQuery())] == ids[::-1]


@pytest.mark.parametrize(
    "typed", ['"', "lazy*", "NEAR(a b", "-lazy", "lazy OR", "(", "AND", "^lazy", "col:lazy", "'; DROP TABLE entry; --"]
)
def test_search_treats_what_is_typed_as_plain_words(journal, typed):
    journal.add_checkin(mood=None, critic=8, note="called myself lazy again", part=None)
    found = journal.history(HistoryQuery(search=typed))
    assert all(isinstance(entry, CheckInRecord) for entry in found)
    assert count_entries(journal.path) == 1


def test_search_with_no_words_finds_nothing(journal):
    journal.add_checkin(mood=3, critic=None, note="something", part=None)
    assert journal.history(HistoryQuery(search="  ...  ")) == []


def test_unknown_id_is_none(journal):
    assert journal.get_entry(12345) is None


def test_last_checkin_at(journal):
    assert journal.last_checkin_at() is None
    journal.start_dialogue("critic")
    assert journal.last_checkin_at() is None
    record = journal.add_checkin(mood=3, critic=None, note=None, part=None)
    assert journal.last_checkin_at() == record.at


def test_closing_twice_is_harmless(db_path):
    journal = Journal(db_path)
    journal.close()
    journal.close()
    assert os.path.exists(db_path)


def test_a_new_dialogue_is_saved_with_its_first_answer_or_draft(journal):
    """Nothing written, no entry (issue 11, item 5); the first write makes the dialogue,
    its part and the answer in one transaction."""
    from innercritic.engine.records import NewDialogue

    new = NewDialogue("critic", "Taskmaster")
    assert journal.save_draft(new, "find", "") is None
    assert journal.finish_dialogue(new, "stopped") is None
    assert rows(journal.path, "SELECT count(*) FROM entry") == [(0,)]
    assert journal.list_parts() == []
    talk_id = journal.save_turn(new, position=0, step_id="loudness_before", role="loudness_before",
                                prompt="How loud?", answer="6", value=6, skipped=False)
    entry = journal.get_entry(talk_id)
    assert (entry.part, entry.status, entry.critic_before, len(entry.turns)) == ("Taskmaster", "in_progress", 6, 1)
    kept = journal.finish_dialogue(NewDialogue("critic", None), "stopped", "find", "only a draft")
    assert journal.get_entry(kept).draft == "only a draft"
    assert journal.latest_unfinished().id == talk_id


def test_an_empty_dialogue_from_before_is_never_the_one_to_resume(journal):
    real = add_dialogue(journal, turns=CRITIC_TURNS[:2])
    journal.start_dialogue("critic")  # as older versions left one: opened, nothing written
    assert journal.latest_unfinished().id == real
