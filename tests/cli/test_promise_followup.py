"""Issue 17, item 4: the promise followed up. The next dialogue with a part opens its
Flesh out stage by recalling what the part said last time it needed to trust the person a
little more; the answer is saved with the part's story. Skippable; never shown when the
part has no such answer, and never quoting an answer the safety check noticed."""

from __future__ import annotations

import json

from journal_testing import add_dialogue, rows
from story_testing import CLIPBOARD, months  # noqa: F401 (months: a fixture)
from typer.testing import CliRunner

from innercritic.cli.app import app
from innercritic.store.journal import Journal

# loudness, find, focus, flesh out, then the name: the follow-up (if any) comes next
OPENING = ["6", "you are behind", "my jaw", "a clipboard, tapping"]
LAST_PROMISE = "to hear that the work got done (9)"


def talk(db, *lines):
    return CliRunner().invoke(app, ["--db", str(db), "talk", "--plain"], input="\n".join(lines) + "\n")


def _followups(db):
    return rows(str(db), "SELECT prompt, answer, skipped FROM turn WHERE step_id = 'promise_followup' AND superseded = 0")


def test_the_next_dialogue_recalls_the_promise_and_keeps_the_answer(months):
    result = talk(months, *OPENING, "the clipboard", "I told it twice this week. It went quiet for a bit.")
    assert result.exit_code == 0, result.output
    expected = f"Last time you met, the clipboard said that to trust you a little more it needed “{LAST_PROMISE}”."
    assert expected in result.output and "How has that gone since?" in result.output
    [(prompt, answer, skipped)] = _followups(months)
    assert expected in prompt and (answer, skipped) == ("I told it twice this week. It went quiet for a bit.", 0)
    story = json.loads(CliRunner().invoke(app, ["--db", months, "parts", "show", CLIPBOARD, "--json"]).stdout)["story"]
    assert story[0]["followup"] == "I told it twice this week. It went quiet for a bit."


def test_it_can_be_skipped(months):
    assert talk(months, *OPENING, CLIPBOARD, "").exit_code == 0
    assert [(a, s) for _p, a, s in _followups(months)] == [(None, 1)]


def test_a_part_met_for_the_first_time_or_without_a_promise_is_not_asked(months):
    result = talk(months, *OPENING, "Someone new", "1")
    assert result.exit_code == 0 and "Last time you met" not in result.output
    assert _followups(months) == []
    result = talk(months, *OPENING, "Pusher", "1")  # met before, but it never said what it needed
    assert "Last time you met" not in result.output and _followups(months) == []


def test_talk_part_recalls_it_too(months):
    result = CliRunner().invoke(
        app, ["--db", months, "talk", "--plain", "--part", "The Clipboard"], input="\n".join([*OPENING, "", ""]) + "\n"
    )
    assert result.exit_code == 0, result.output
    assert LAST_PROMISE in result.output


def test_a_noticed_answer_is_never_recalled(db_path):
    noticed = "I cannot keep going like this, I want to disappear"
    with Journal(db_path) as journal:
        add_dialogue(journal, part="Clipboard", finish="completed",
                     turns=[("trust", "needs", "What would it need?", "a quiet evening", None, False)])
        later = add_dialogue(journal, part="Clipboard", finish="completed",
                             turns=[("trust", "needs", "What would it need?", noticed, None, False)])
        journal.add_care_event(later, "trust", "clear")
    result = talk(db_path, *OPENING, "Clipboard", "1")
    assert result.exit_code == 0, result.output
    assert "Last time you met" not in result.output
    assert noticed not in result.output and "a quiet evening" not in result.output  # nothing older dug up either
    assert _followups(db_path) == []
