"""Issue 17, item 3 in the shell: describe a part, link a dialogue that was never named,
and merge without losing a word."""

from __future__ import annotations

import json

import pytest
from journal_testing import rows
from story_testing import CLIPBOARD, JUDGE, months  # noqa: F401 (months: a fixture)


def _unnamed(db_path) -> int:
    return rows(db_path, "SELECT id FROM entry WHERE kind = 'dialogue' AND part_id IS NULL")[0][0]


def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


def test_describe_and_clear(cli_db, months):
    done = cli_db("parts", "describe", "judge", "compares me to everyone")
    assert done.exit_code == 0 and "Described 'Judge'." in done.stdout
    assert json.loads(cli_db("parts", "show", JUDGE, "--json").stdout)["description"] == "compares me to everyone"
    assert "Cleared" in cli_db("parts", "describe", JUDGE, "").stdout
    assert json.loads(cli_db("parts", "show", JUDGE, "--json").stdout)["description"] is None
    assert "no part called 'Ghost'" in _one_line_error(cli_db("parts", "describe", "Ghost", "x"))
    _one_line_error(cli_db("parts", "describe", JUDGE, "x" * 501))


def test_link_a_dialogue_that_was_never_named(cli_db, months, db_path):
    entry = _unnamed(db_path)
    done = cli_db("parts", "link", str(entry), "the clipboard")
    assert done.exit_code == 0, done.stderr
    assert f"Dialogue #{entry} is now with '{CLIPBOARD}'." in done.stdout
    story = json.loads(cli_db("parts", "show", CLIPBOARD, "--json").stdout)["story"]
    assert story[0]["entry"] == entry and story[0]["says"] == "who do you think you are"
    # once it has a part, linking again is refused (merge or rename change parts)
    assert "already belongs to a part" in _one_line_error(cli_db("parts", "link", str(entry), JUDGE))


def test_link_to_a_new_part_makes_it(cli_db, months, db_path):
    entry = _unnamed(db_path)
    assert "(a new part)" in cli_db("parts", "link", f"#{entry}", "Worrier").stdout
    assert [p["name"] for p in json.loads(cli_db("parts", "--json").stdout)] == ["Judge", "Pusher", "The Clipboard", "Worrier"]


@pytest.mark.parametrize("args", [("999", "Judge"), ("abc", "Judge")])
def test_link_refuses_what_is_not_a_dialogue(cli_db, months, args):
    _one_line_error(cli_db("parts", "link", *args))


def test_link_refuses_a_checkin(cli_db, months, db_path):
    checkin = rows(db_path, "SELECT id FROM entry WHERE kind = 'checkin' LIMIT 1")[0][0]
    assert "no dialogue" in _one_line_error(cli_db("parts", "link", str(checkin), "Judge"))


def test_merge_keeps_both_descriptions(cli_db, months):
    cli_db("parts", "describe", "Pusher", "always faster")
    cli_db("parts", "describe", JUDGE, "compares me to everyone")
    assert cli_db("parts", "merge", "Pusher", JUDGE).exit_code == 0
    shown = json.loads(cli_db("parts", "show", JUDGE, "--json").stdout)
    assert shown["description"] == "compares me to everyone\nalways faster"
    assert shown["dialogues"] == 5 and "faster, faster" in [s["says"] for s in shown["story"]]


def test_merge_that_would_cut_a_description_is_refused_and_changes_nothing(cli_db, months):
    cli_db("parts", "describe", "Pusher", "p" * 400)
    cli_db("parts", "describe", JUDGE, "j" * 400)
    assert "keeps every word" in _one_line_error(cli_db("parts", "merge", "Pusher", JUDGE))
    names = [p["name"] for p in json.loads(cli_db("parts", "--json").stdout)]
    assert "Pusher" in names
