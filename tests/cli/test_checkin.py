"""`innercritic checkin`: saves one row, prints one line, refuses bad values without saving."""

from __future__ import annotations

import json
import os
from datetime import datetime

import pytest
from journal_testing import count_entries, make_journal, rows

CHECKIN_KEYS = {"id", "uid", "kind", "at", "part", "mood", "critic", "note"}


def _saved(db_path: str) -> list[tuple]:
    return rows(
        db_path,
        "SELECT e.id, e.kind, c.mood, c.critic, c.note, p.name FROM entry e JOIN checkin c ON c.entry_id = e.id"
        " LEFT JOIN part p ON p.id = e.part_id ORDER BY e.id",
    )


def test_flags_save_a_row_and_print_one_line(cli_db, db_path):
    result = cli_db("checkin", "--mood", "3", "--critic", "6")
    assert result.exit_code == 0, result.stderr
    assert _saved(db_path) == [(1, "checkin", 3, 6, None, None)]
    assert result.stdout == "Saved check-in #1 · mood 3/5 · critic 6/10\n"
    assert result.stderr == ""


def test_one_value_is_enough(cli_db, db_path):
    assert cli_db("checkin", "--critic", "0").exit_code == 0
    assert cli_db("checkin", "--mood", "5").exit_code == 0
    assert _saved(db_path) == [(1, "checkin", None, 0, None, None), (2, "checkin", 5, None, None, None)]


def test_json_prints_the_saved_object(cli_db, db_path):
    result = cli_db("checkin", "--mood", "2", "--critic", "9", "--json")
    assert result.exit_code == 0, result.stderr
    saved = json.loads(result.stdout)
    assert set(saved) == CHECKIN_KEYS
    assert saved["kind"] == "checkin"
    assert (saved["mood"], saved["critic"], saved["note"], saved["part"]) == (2, 9, None, None)
    assert saved["id"] == _saved(db_path)[0][0]
    assert rows(db_path, "SELECT uid, at FROM entry") == [(saved["uid"], saved["at"])]
    assert datetime.fromisoformat(saved["at"]).utcoffset().total_seconds() == 0


def test_a_known_part_in_any_case(cli_db, db_path):
    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        journal.start_dialogue("critic", part="The Judge")
    result = cli_db("checkin", "--critic", "4", "--part", "THE JUDGE", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["part"] == "The Judge"
    assert _saved(db_path) == [(2, "checkin", None, 4, None, "The Judge")]


def test_a_new_part_is_created_and_said_so(cli_db, db_path):
    """#11 item 12: the check-in is never refused (and its note lost) for naming a new part."""
    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        journal.start_dialogue("critic", part="The Judge")
    result = cli_db("checkin", "--mood", "3", "--note", "a long day", "--part", "Perfectionist")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Saved check-in #2 · mood 3/5 · critic – · part Perfectionist (a new part) · note kept\n"
    assert _saved(db_path) == [(2, "checkin", 3, None, "a long day", "Perfectionist")]
    assert rows(db_path, "SELECT name FROM part ORDER BY name") == [("Perfectionist",), ("The Judge",)]


@pytest.mark.parametrize("typed", ["the JUDGE", "The  Judge", "TheJudge", "the judge "])
def test_a_name_differing_only_by_case_or_spacing_is_the_same_part(cli_db, db_path, typed):
    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        journal.start_dialogue("critic", part="The Judge")
    result = cli_db("checkin", "--mood", "3", "--part", typed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Saved check-in #2 · mood 3/5 · critic – · part The Judge\n"
    assert rows(db_path, "SELECT name FROM part") == [("The Judge",)]


def test_a_name_a_letter_or_two_from_a_known_part_is_saved_and_the_merge_named(cli_db, db_path):
    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        journal.add_part("Taskmaster")
        journal.add_part("Judge")
    result = cli_db("checkin", "--critic", "7", "--note", "typed fast", "--part", "Taskmastr")
    assert result.exit_code == 0, result.stderr
    saved, hint = result.stdout.splitlines()
    assert saved == "Saved check-in #1 · mood – · critic 7/10 · part Taskmastr (a new part) · note kept"
    assert "did you mean 'Taskmaster'" in hint
    assert "`innercritic parts merge Taskmastr Taskmaster`" in hint
    assert _saved(db_path) == [(1, "checkin", None, 7, "typed fast", "Taskmastr")]
    # the same with --json: the JSON stays one object, the hint goes to standard error
    result = cli_db("checkin", "--mood", "2", "--part", "Taskmaste", "--json")
    assert json.loads(result.stdout)["part"] == "Taskmaste"
    assert "`innercritic parts merge Taskmaste Taskmaster`" in result.stderr


def test_short_names_are_not_second_guessed(cli_db, db_path):
    from innercritic.store.journal import Journal

    with Journal(db_path) as journal:
        journal.add_part("Mum")
    result = cli_db("checkin", "--mood", "3", "--part", "Mom")
    assert result.exit_code == 0
    assert result.stdout == "Saved check-in #1 · mood 3/5 · critic – · part Mom (a new part)\n"


def test_no_options_and_no_terminal_is_a_usage_error(cli_db, db_path):
    result = cli_db("checkin")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "usage: innercritic checkin" in result.stderr
    assert not os.path.exists(db_path)


@pytest.mark.parametrize(
    "args",
    [
        ("--mood", "0"),
        ("--mood", "6"),
        ("--mood", "nan"),
        ("--mood", "３"),  # fullwidth digit three
        ("--mood", "5.0"),
        ("--mood", "-1"),
        ("--mood", "1e0"),
        ("--mood", "+3"),
        ("--mood", "٣"),  # Arabic-Indic digit three
        ("--critic", "11"),
        ("--critic", "-0.5"),
        ("--critic", "ten"),
        ("--mood", "3", "--critic", "99"),
    ],
)
def test_bad_values_are_refused_and_nothing_saved(cli_db, db_path, args):
    make_journal(db_path)
    result = cli_db("checkin", *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("innercritic: --")
    assert "Traceback" not in result.stderr
    assert count_entries(db_path) == 0


def test_a_bad_value_creates_no_journal(cli_db, db_path):
    assert cli_db("checkin", "--mood", "6").exit_code == 2
    assert not os.path.exists(db_path)


# ---- notes (these go through the safety check) -------------------------------------------------


def test_note_from_a_flag(cli_db, db_path):
    result = cli_db("checkin", "--critic", "4", "--note", "the meeting went better than it said")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Saved check-in #1 · mood – · critic 4/10 · note kept"
    assert _saved(db_path) == [(1, "checkin", None, 4, "the meeting went better than it said", None)]


def test_note_dash_reads_standard_input(cli_db, db_path):
    result = cli_db("checkin", "--critic", "4", "--note", "-", "--json", input="kept out of shell history\nsecond line\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["note"] == "kept out of shell history\nsecond line"
    assert _saved(db_path) == [(1, "checkin", None, 4, "kept out of shell history\nsecond line", None)]


def test_an_empty_note_alone_is_not_a_checkin(cli_db, db_path):
    result = cli_db("checkin", "--note", "-", input="\n\n")
    assert result.exit_code == 2
    assert "at least one of" in result.stderr
    assert count_entries(db_path) == 0


def test_note_from_stdin_must_be_utf8(cli_db, db_path):
    result = cli_db("checkin", "--mood", "3", "--note", "-", input=b"caf\xe9\n")
    assert result.exit_code == 2
    assert "UTF-8" in result.stderr
    assert count_entries(db_path) == 0


# ---- the installed executable ---------------------------------------------------------------------


def test_installed_checkin_saves_and_prints(run_cli, db_path):
    rc, out, err = run_cli("--db", db_path, "checkin", "--mood", "4", "--critic", "3")
    assert (rc, err) == (0, "")
    assert out == "Saved check-in #1 · mood 4/5 · critic 3/10\n"
    rc, out, err = run_cli("checkin", "--critic", "2", "--json", db=db_path)  # INNERCRITIC_DB
    assert (rc, err) == (0, "")
    assert json.loads(out)["id"] == 2
    assert _saved(db_path) == [(1, "checkin", 4, 3, None, None), (2, "checkin", None, 2, None, None)]


def test_installed_checkin_refuses_a_bad_value(run_cli, db_path):
    rc, out, err = run_cli("--db", db_path, "checkin", "--mood", "３")
    assert rc == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not os.path.exists(db_path)


def test_installed_checkin_note_from_stdin(run_cli, db_path):
    rc, out, err = run_cli("--db", db_path, "checkin", "--critic", "5", "--note", "-", "--json", input="piped in\n")
    assert rc == 0, err
    assert json.loads(out)["note"] == "piped in"
    assert _saved(db_path) == [(1, "checkin", None, 5, "piped in", None)]
