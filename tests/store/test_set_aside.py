"""Answers set aside by going back (issue 11, item 3): kept in the journal, marked in every
transcript and export, found by search, carried through an export and import, erased by
delete. Nothing on the way back deletes a word."""

from __future__ import annotations

import copy
import json

from journal_testing import CRITIC_TURNS, add_dialogue, journal_contents, rows

from innercritic.engine.records import HistoryQuery
from innercritic.cli.printing import entry_json, transcript_markdown, transcript_text
from innercritic.store.journal import Journal


def _gone_back(journal) -> int:
    """A dialogue taken back to the focus step, with words left in the fears box."""
    talk = add_dialogue(journal, turns=CRITIC_TURNS, finish=None)
    journal.set_aside_turns_from(talk, 2, (5, "trust", "needs", "What would it need?", "to be heard, maybe"))
    journal.save_turn(talk, position=2, step_id="focus", role="focus", prompt="Where do you notice it?",
                      answer="In my jaw", value="In my jaw", skipped=False)
    return talk


def test_set_aside_answers_are_marked_in_every_transcript(db_path):
    with Journal(db_path) as journal:
        entry = journal.get_entry(_gone_back(journal))
    text = transcript_text(entry)
    path, aside = text.split("— Set aside when you went back or skipped —")
    assert "In my jaw" in path and "That I would be left out." not in path
    assert "That I would be left out." in aside and "to be heard, maybe" in aside
    markdown = transcript_markdown(entry)
    assert markdown.index("### Set aside when you went back or skipped") < markdown.index("to be heard, maybe")
    shown = entry_json(entry, with_turns=True)
    assert [t["step"] for t in shown["turns"]] == ["loudness_before", "find", "focus"]
    assert [t["answer"] for t in shown["set_aside"]] == [None, "That I would be left out.", "4", "to be heard, maybe"]


def test_set_aside_answers_are_searchable_and_erased_with_their_dialogue(db_path):
    with Journal(db_path) as journal:
        talk = _gone_back(journal)
        assert [e.id for e in journal.history(HistoryQuery(search="heard"))] == [talk]
        assert [hit.entry.id for hit in journal.search(HistoryQuery(search="left out"))] == [talk]
        journal.delete_entry(talk)
        assert journal.history(HistoryQuery(search="heard")) == []
    assert rows(db_path, "SELECT count(*) FROM turn") == [(0,)]


def test_an_export_carries_them_and_an_import_brings_them_back(db_path, tmp_path):
    with Journal(db_path) as journal:
        _gone_back(journal)
        document = journal.export_document(HistoryQuery())
    (dialogue,) = document["entries"]
    assert [t["position"] for t in dialogue["turns"]] == [0, 1, 2]
    assert [t["position"] for t in dialogue["set_aside"]] == [2, 3, 4, 5]
    copy_path = str(tmp_path / "copy.db")
    with Journal(copy_path) as journal:
        journal.import_document(copy.deepcopy(json.loads(json.dumps(document))), "test.json")
        again = journal.export_document(HistoryQuery())
    assert again["entries"] == document["entries"]
    assert journal_contents(copy_path) == journal_contents(db_path)


def test_an_export_without_any_has_no_set_aside_key(db_path):
    with Journal(db_path) as journal:
        add_dialogue(journal, turns=CRITIC_TURNS)
        (dialogue,) = journal.export_document(HistoryQuery())["entries"]
    assert "set_aside" not in dialogue
