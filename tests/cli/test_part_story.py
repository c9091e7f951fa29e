"""Issue 17: a part's story in the shell, on a generated journal of several parts over months."""

from __future__ import annotations

import json

from story_testing import CLIPBOARD, NOTICED, START, months  # noqa: F401 (months: a fixture)


def test_parts_show_json_tells_the_story_newest_first_and_dated(cli_db, months):
    result = cli_db("parts", "show", "the clipboard", "--json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    story = shown["story"]
    assert len(story) == 10
    assert [s["at"] for s in story] == sorted((s["at"] for s in story), reverse=True)
    newest = story[0]
    assert (newest["critic_before"], newest["critic_after"]) == (5, 0)
    assert newest["says"] == "Clipboard says: you are behind again (9)"
    assert newest["fears"] == "that you will be laughed at in meeting 9"
    assert newest["protects_from"] == "being seen as lazy, time 9"
    assert newest["wants"] == "for you to be safe from blame (9)"
    assert newest["job_length"] == "since school, year 9"
    assert newest["appreciated"] == "it keeps me on time (9)"
    assert newest["needs"] == "to hear that the work got done (9)"
    # each entry names the dialogue it opens
    ids = {s["entry"] for s in story}
    assert len(ids) == 10 and all(cli_db("show", str(i)).exit_code == 0 for i in list(ids)[:2])
    # what it protects you from is no longer one of its fears
    assert all(s["role"] == "fears" for s in shown["fears"])


def test_an_answer_the_safety_check_noticed_is_never_shown_in_the_story(cli_db, months):
    shown = json.loads(cli_db("parts", "show", CLIPBOARD, "--json").stdout)
    held = [s for s in shown["story"] if s["held_back"]]
    assert len(held) == 1 and held[0]["needs"] is None
    text = cli_db("parts", "show", CLIPBOARD).stdout
    assert NOTICED not in text and NOTICED not in json.dumps(shown)
    assert "left out of this view" in text


def test_parts_show_text_has_the_same_story(cli_db, months):
    text = cli_db("parts", "show", CLIPBOARD)
    assert text.exit_code == 0, text.stderr
    out = text.stdout
    assert out.index("you are behind again (9)") < out.index("you are behind again (8)")  # newest first
    for label in ("It said:", "It fears:", "It protects you from:", "It wants for you:", "It has had the job:",
                  "You appreciated:", "To trust you a little more, it needs:"):
        assert label in out
    assert "loudness 5 → 0" in out and str(START.year) in out


def test_parts_show_n_keeps_the_newest_dialogues(cli_db, months):
    shown = json.loads(cli_db("parts", "show", CLIPBOARD, "-n", "3", "--json").stdout)
    assert [s["says"][-2:] for s in shown["story"]] == ["9)", "8)", "7)"]
