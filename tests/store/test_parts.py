"""The parts map (store/parts.py through Journal): counts, sayings, add, rename, merge."""

from __future__ import annotations

import pytest
from journal_testing import add_dialogue, days_ago_iso, insert_checkin_at, rows

from innercritic.engine.records import PartProfile, PartRecord, PartSaying
from innercritic.errors import JournalError, UsageProblem
from innercritic.store.journal import Journal


@pytest.fixture
def journal(db_path):
    with Journal(db_path) as opened:
        yield opened


def _talk(journal, part, *, words=None, fears=None, protects=None, needs=None, skipped_words=False):
    turns = []
    if words is not None:
        turns.append(("find", "critic_words", "What does it say?", None if skipped_words else words, None, skipped_words))
    turns.append(("focus", "focus", "Where do you notice it?", "in my chest", None, False))
    if fears is not None:
        turns.append(("fears", "fears", "What is it afraid of?", fears, None, False))
    if protects is not None:
        turns.append(("protects", "protects_from", "What does it protect you from?", protects, None, False))
    if needs is not None:
        turns.append(("needs", "needs", "What does it need?", needs, None, False))
    return add_dialogue(journal, part=part, turns=turns, finish="completed")


def _part_ids(db_path):
    return rows(db_path, "SELECT e.id, p.name FROM entry e LEFT JOIN part p ON p.id = e.part_id ORDER BY e.id")


# ---- list ------------------------------------------------------------------------------------


def test_profiles_count_dialogues_and_checkins_and_know_when_last(journal, db_path):
    _talk(journal, "Taskmaster", words="work harder")
    insert_checkin_at(db_path, days_ago_iso(3), note="busy", part="Taskmaster")
    # Dated tomorrow, so it is the latest whenever the suite runs (today at 23:59 was not, at 23:59).
    latest = insert_checkin_at(db_path, days_ago_iso(-1), note="late", part="taskmaster")
    _talk(journal, "Judge", words="you are behind")
    journal.add_part("Quiet one", "never says much")
    insert_checkin_at(db_path, days_ago_iso(1), note="no part")

    profiles = journal.part_profiles()
    assert all(isinstance(p, PartProfile) and isinstance(p.part, PartRecord) for p in profiles)
    by_name = {p.part.name: p for p in profiles}
    assert [p.part.name for p in profiles] == ["Judge", "Quiet one", "Taskmaster"]  # by name, any case
    task = by_name["Taskmaster"]
    assert (task.dialogues, task.checkins, task.times) == (1, 2, 3)
    assert task.last_seen == rows(db_path, "SELECT at FROM entry WHERE id = ?", (latest,))[0][0]
    assert task.words == task.fears == task.needs == ()  # the list carries no sayings
    judge = by_name["Judge"]
    assert (judge.dialogues, judge.checkins) == (1, 0)
    quiet = by_name["Quiet one"]
    assert (quiet.times, quiet.last_seen, quiet.part.description) == (0, None, "never says much")


def test_no_parts_no_profiles(journal):
    journal.add_checkin(mood=3, critic=None, note=None, part=None)
    assert journal.part_profiles() == []


# ---- show ------------------------------------------------------------------------------------


def test_profile_shows_its_words_fears_and_needs_newest_first(journal, db_path):
    first = _talk(journal, "Taskmaster", words="you never finish", fears="being a failure", needs="rest")
    second = _talk(journal, "taskmaster", words="faster!", protects="being left out", needs="to be thanked")
    _talk(journal, "Judge", words="not mine", fears="not mine", needs="not mine")
    journal.add_checkin(mood=2, critic=7, note="a check-in note is not a saying", part="TASKMASTER")

    profile = journal.part_profile("TASKMASTER")
    assert profile.part.name == "Taskmaster"
    assert (profile.dialogues, profile.checkins) == (2, 1)
    assert [s.text for s in profile.words] == ["faster!", "you never finish"]
    # what it protects you from is its own line of the story (issue 17), not one of its fears
    assert [(s.role, s.text) for s in profile.fears] == [("fears", "being a failure")]
    assert [s.text for s in profile.needs] == ["to be thanked", "rest"]
    assert [s.entry_id for s in profile.words] == [second, first]
    assert all(isinstance(s, PartSaying) for s in profile.words + profile.fears + profile.needs)
    saying = profile.words[0]
    assert saying.at == rows(db_path, "SELECT at FROM turn WHERE dialogue_id = ? AND role = 'critic_words'", (second,))[0][0]


def test_profile_is_limited_and_leaves_out_skipped_answers(journal):
    for i in range(7):
        _talk(journal, "Taskmaster", words=f"saying {i}")
    _talk(journal, "Taskmaster", words="x", skipped_words=True)
    profile = journal.part_profile("taskmaster", limit=3)
    assert [s.text for s in profile.words] == ["saying 6", "saying 5", "saying 4"]
    assert profile.dialogues == 8
    assert len(journal.part_profile("Taskmaster").words) == 5  # the default


def test_unknown_part_is_a_usage_problem_naming_the_known_ones(journal):
    journal.add_part("Taskmaster")
    with pytest.raises(UsageProblem) as caught:
        journal.part_profile("Nobody")
    message = str(caught.value)
    assert "'Nobody'" in message and "Taskmaster" in message and "\n" not in message


# ---- add -------------------------------------------------------------------------------------


def test_add_a_part_with_a_description(journal, db_path):
    part = journal.add_part("  The   Judge ", "compares me\nto everyone")
    assert isinstance(part, PartRecord)
    assert (part.name, part.description) == ("The Judge", "compares me\nto everyone")
    assert rows(db_path, "SELECT name, name_key, description FROM part") == [
        ("The Judge", "the judge", "compares me\nto everyone"),
    ]
    assert len(part.uid) == 32


@pytest.mark.parametrize("name", ["", "   ", "a\x1bb", "line\nbreak", "x" * 61])
def test_add_refuses_names_that_are_not_one_short_line(journal, db_path, name):
    with pytest.raises(UsageProblem):
        journal.add_part(name)
    assert rows(db_path, "SELECT count(*) FROM part") == [(0,)]


def test_add_refuses_an_existing_name_in_any_case(journal, db_path):
    journal.add_part("Taskmaster")
    with pytest.raises(UsageProblem, match="already a part called 'Taskmaster'"):
        journal.add_part("TASKMASTER")
    assert rows(db_path, "SELECT name FROM part") == [("Taskmaster",)]


# ---- rename ----------------------------------------------------------------------------------


def test_rename_keeps_every_entry_linked(journal, db_path):
    talk = _talk(journal, "Judge", words="behind")
    note = journal.add_checkin(mood=3, critic=None, note=None, part="judge").id
    part = journal.rename_part("JUDGE", "The Judge")
    assert part.name == "The Judge"
    assert _part_ids(db_path) == [(talk, "The Judge"), (note, "The Judge")]
    assert rows(db_path, "SELECT name_key FROM part") == [("the judge",)]
    assert journal.find_part("judge") is None


def test_rename_may_change_only_the_case(journal, db_path):
    journal.add_part("taskmaster")
    assert journal.rename_part("Taskmaster", "TaskMaster").name == "TaskMaster"
    assert rows(db_path, "SELECT name, name_key FROM part") == [("TaskMaster", "taskmaster")]


def test_rename_to_another_parts_name_is_refused(journal, db_path):
    journal.add_part("Judge")
    journal.add_part("Taskmaster")
    before = rows(db_path, "SELECT id, uid, name, name_key FROM part ORDER BY id")
    with pytest.raises(UsageProblem) as caught:
        journal.rename_part("judge", "TASKMASTER")
    assert "already a part called 'Taskmaster'" in str(caught.value)
    assert "parts merge" in str(caught.value)
    assert rows(db_path, "SELECT id, uid, name, name_key FROM part ORDER BY id") == before


def test_rename_unknown_part(journal):
    with pytest.raises(UsageProblem, match="no part called 'Ghost'"):
        journal.rename_part("Ghost", "Spirit")


# ---- merge -----------------------------------------------------------------------------------


def test_merge_moves_every_entry_then_removes_the_part(journal, db_path):
    pusher_talk = _talk(journal, "Pusher", words="go go go")
    pusher_note = journal.add_checkin(mood=2, critic=8, note=None, part="pusher").id
    task_talk = _talk(journal, "Taskmaster", words="finish it")
    other = _talk(journal, "Judge", words="behind")
    part, moved = journal.merge_parts("PUSHER", "taskmaster")
    assert (part.name, moved) == ("Taskmaster", 2)
    assert _part_ids(db_path) == [
        (pusher_talk, "Taskmaster"), (pusher_note, "Taskmaster"), (task_talk, "Taskmaster"), (other, "Judge"),
    ]
    assert [name for (name,) in rows(db_path, "SELECT name FROM part ORDER BY name")] == ["Judge", "Taskmaster"]
    profile = journal.part_profile("Taskmaster")
    assert (profile.dialogues, profile.checkins) == (2, 1)
    assert {s.text for s in profile.words} == {"go go go", "finish it"}


def test_merge_keeps_both_descriptions(journal, db_path):
    journal.add_part("A", "first")
    journal.add_part("B")
    journal.add_part("C", "third")
    assert journal.merge_parts("a", "b")[0].description == "first"
    # merging never loses a word (issue 17): INTO's description, then FROM's
    assert journal.merge_parts("b", "c")[0].description == "third\nfirst"


def test_merge_refuses_unknown_or_identical_parts(journal, db_path):
    journal.add_part("Taskmaster")
    with pytest.raises(UsageProblem, match="no part called 'Ghost'"):
        journal.merge_parts("Ghost", "Taskmaster")
    with pytest.raises(UsageProblem, match="no part called 'Ghost'"):
        journal.merge_parts("Taskmaster", "Ghost")
    with pytest.raises(UsageProblem, match="same part"):
        journal.merge_parts("taskmaster", "TASKMASTER")
    assert rows(db_path, "SELECT name FROM part") == [("Taskmaster",)]


def test_merge_is_one_transaction(journal, db_path):
    talk = _talk(journal, "Pusher", words="go")
    journal.add_part("Taskmaster")
    # make the last step (removing FROM) fail: nothing may have moved
    journal._conn.execute(
        "CREATE TEMP TRIGGER refuse_part_delete BEFORE DELETE ON part BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    with pytest.raises(JournalError):
        journal.merge_parts("Pusher", "Taskmaster")
    assert _part_ids(db_path) == [(talk, "Pusher")]
    assert sorted(name for (name,) in rows(db_path, "SELECT name FROM part")) == ["Pusher", "Taskmaster"]
