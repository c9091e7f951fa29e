"""The quick route in entry.py: which argv forms it takes, and that it behaves exactly like Typer.

Also `nudge`, whose usual home is the quick route."""

from __future__ import annotations

import io
import json
import os
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
import stat
import sys
from datetime import date, datetime

import pytest
from journal_testing import (
    CRITIC_TURNS, add_dialogue, days_ago_iso, insert_checkin_at, journal_contents, make_journal, sha256, utc_iso,
    without_identity,
)

from innercritic import entry
from innercritic.entry import parse_quick
from innercritic.resources import data_path
from innercritic.store.journal import Journal

# ---- which forms the quick route takes -------------------------------------------------------------

CHECKIN_DEFAULTS = {"mood": None, "critic": None, "note": None, "part": None, "as_json": False}
HISTORY_DEFAULTS = {"limit": None, "since": None, "until": None, "on": None, "part": None, "kind": None, "search": None, "as_json": False}

QUICK_FORMS = [
    (["checkin", "--mood", "3"], ("checkin", None, {**CHECKIN_DEFAULTS, "mood": "3"})),
    (["checkin", "--mood=3"], ("checkin", None, {**CHECKIN_DEFAULTS, "mood": "3"})),
    (
        ["--db", "X", "checkin", "--critic", "2", "--note", "hi", "--json"],
        ("checkin", "X", {**CHECKIN_DEFAULTS, "critic": "2", "note": "hi", "as_json": True}),
    ),
    (["--db=X", "checkin", "--mood", "3"], ("checkin", "X", {**CHECKIN_DEFAULTS, "mood": "3"})),
    (["checkin", "--note", "-", "--critic", "4"], ("checkin", None, {**CHECKIN_DEFAULTS, "note": "-", "critic": "4"})),
    (["checkin", "--mood", "3", "--part", "The Judge"], ("checkin", None, {**CHECKIN_DEFAULTS, "mood": "3", "part": "The Judge"})),
    (["history", "-n", "2", "--json"], ("history", None, {**HISTORY_DEFAULTS, "limit": "2", "as_json": True})),
    (["history", "--search", "word", "--json"], ("history", None, {**HISTORY_DEFAULTS, "search": "word", "as_json": True})),
    (
        ["history", "--from", "7d", "--to=today", "--kind", "checkin", "--part", "Judge"],
        ("history", None, {**HISTORY_DEFAULTS, "since": "7d", "until": "today", "kind": "checkin", "part": "Judge"}),
    ),
    (["history"], ("history", None, HISTORY_DEFAULTS)),
    (["nudge"], ("nudge", None, {})),
    (["--db", "j.db", "nudge"], ("nudge", "j.db", {})),
    ([], ("home", None, {})),
    (["--db", "X"], ("home", "X", {})),
    (["talk"], ("talk", None, {"flow": None, "part": None, "resume": False, "take_over": False})),
    (
        ["--db", "X", "talk", "--flow", "kind-eyes", "--part=Judge", "--resume"],
        ("talk", "X", {"flow": "kind-eyes", "part": "Judge", "resume": True, "take_over": False}),
    ),
]

TYPER_FORMS = [
    ["talk", "--plain"],
    ["talk", "--help"],
    ["talk", "--resume", "--resume"],
    ["checkin", "--help"],
    ["checkin", "-h"],
    ["history", "--help"],
    ["nudge", "--help"],
    ["checkin", "--mood"],
    ["checkin", "--mood", "3", "--mood", "4"],
    ["checkin", "--mood=3", "--mood", "4"],
    ["checkin", "--bogus"],
    ["checkin", "--json=yes"],
    ["checkin", "--mood", "--json"],
    ["checkin", "positional"],
    ["checkin", "--", "--mood", "3"],
    ["checkin", "--mood", "-1"],
    ["history", "-n"],
    ["history", "-n5"],
    ["history", "--json", "--json"],
    ["history", "--limit", "2"],
    ["nudge", "extra"],
    ["unknown"],
    ["where"],
    ["show", "1"],
    ["--version"],
    ["--help"],
    ["--db"],
    ["--db", "--json", "history"],
    ["--db=", "checkin", "--mood", "3"],
    ["--db", "X", "--db", "Y", "checkin", "--mood", "3"],
    ["checkin", "--db", "X", "--mood", "3"],
]


@pytest.mark.parametrize(("argv", "expected"), QUICK_FORMS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_quick_forms_are_recognised(argv, expected):
    assert parse_quick(argv) == expected


@pytest.mark.parametrize("argv", TYPER_FORMS, ids=lambda v: " ".join(v) or "(nothing)")
def test_other_forms_fall_through_to_typer(argv):
    assert parse_quick(argv) is None


# ---- the quick route gives what Typer gives -------------------------------------------------------------


@pytest.fixture
def run_quick(capsys, monkeypatch, keep_umask):
    """Run entry.main(argv) in-process and insist it never reaches Typer."""

    def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
        capsys.readouterr()
        with monkeypatch.context() as patch:
            patch.setitem(sys.modules, "innercritic.cli.app", None)  # falling through would now fail loudly
            patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
            rc = entry.main(argv)
        out, err = capsys.readouterr()
        assert "something went wrong" not in err, err
        return rc, out, err

    return run


def _both(run_quick, cli, tmp_path, form: list[str], stdin: bytes = b"") -> tuple[tuple, tuple, str, str]:
    """Run `form` on two fresh journals, quick and Typer; return both results and both paths."""
    quick_db, typer_db = str(tmp_path / "quick.db"), str(tmp_path / "typer.db")
    args = list(form)
    if args[:1] == ["--db"]:
        args = args[2:]
    quick = run_quick(["--db", quick_db, *args], stdin)
    assert parse_quick(["--db", quick_db, *args]) is not None
    result = cli("--db", typer_db, *args, input=stdin)
    typer = (result.exit_code, result.stdout, result.stderr)
    return quick, typer, quick_db, typer_db


CHECKIN_EQUIVALENCE = [
    ["checkin", "--mood", "3"],
    ["checkin", "--mood=3"],
    ["checkin", "--mood", "2", "--critic", "7", "--json"],
    ["checkin", "--critic=0", "--json"],
    ["checkin", "--mood", "0"],
    ["checkin", "--critic", "11", "--json"],
    ["checkin", "--mood", "３"],
    ["checkin", "--mood", "3", "--part", "Nobody"],
    ["checkin"],
]


@pytest.mark.parametrize("form", CHECKIN_EQUIVALENCE, ids=" ".join)
def test_checkin_quick_and_typer_agree(run_quick, cli, tmp_path, form):
    quick, typer, quick_db, typer_db = _both(run_quick, cli, tmp_path, form)
    assert quick[0] == typer[0]
    assert quick[2] == typer[2]  # the same error line, or none
    if "--json" in form and quick[0] == 0:
        assert without_identity(json.loads(quick[1])) == without_identity(json.loads(typer[1]))
    else:
        assert quick[1] == typer[1]
    assert os.path.exists(quick_db) == os.path.exists(typer_db)
    if os.path.exists(quick_db):
        assert journal_contents(quick_db) == journal_contents(typer_db)


@pytest.mark.parametrize(
    "form",
    [
        ["--db", "X", "checkin", "--critic", "2", "--note", "hi", "--json"],
        ["checkin", "--mood", "4", "--note", "-", "--json"],
    ],
    ids=" ".join,
)
def test_checkin_with_a_note_quick_and_typer_agree(run_quick, cli, tmp_path, form):
    quick, typer, quick_db, typer_db = _both(run_quick, cli, tmp_path, form, stdin=b"from a pipe\n")
    assert quick[0] == typer[0] == 0, (quick, typer)
    assert without_identity(json.loads(quick[1])) == without_identity(json.loads(typer[1]))
    assert journal_contents(quick_db) == journal_contents(typer_db)
    assert journal_contents(quick_db)["checkin"][0][4] in ("hi", "from a pipe")


@pytest.fixture
def populated(db_path) -> str:
    make_journal(db_path)
    insert_checkin_at(db_path, days_ago_iso(9), mood=1, note="a word from long ago")
    insert_checkin_at(db_path, days_ago_iso(2), mood=2, critic=6, note="one word today", part="Judge")
    with Journal(db_path) as journal:
        add_dialogue(journal, part="Taskmaster", turns=CRITIC_TURNS, finish="completed")
    insert_checkin_at(db_path, utc_iso(datetime.now()), mood=4)
    return db_path


HISTORY_EQUIVALENCE = [
    ["history", "-n", "2", "--json"],
    ["history", "--search", "word", "--json"],
    ["history", "--json"],
    ["history"],
    ["history", "-n", "2"],
    ["history", "--from", "7d", "--to", "today", "--kind", "checkin", "--json"],
    ["history", "--part", "judge", "--json"],
    ["history", "--part", "Nobody", "--json"],
    ["history", "--from", "2026-13-40"],
    ["history", "-n", "0"],
    ["history", "--kind", "poem"],
    ["nudge"],
]


@pytest.mark.parametrize("form", HISTORY_EQUIVALENCE, ids=" ".join)
def test_reading_quick_and_typer_agree(run_quick, cli, populated, form, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    before = sha256(populated)
    quick = run_quick(["--db", populated, *form])
    result = cli("--db", populated, *form)
    assert quick == (result.exit_code, result.stdout, result.stderr)
    assert sha256(populated) == before


def test_quick_route_on_a_missing_journal(run_quick, cli, db_path):
    assert run_quick(["--db", db_path, "history", "--json"]) == (0, "[]\n", "")
    rc, out, err = run_quick(["--db", db_path, "nudge"])
    assert (rc, err) == (0, "") and out.strip() in _nudge_lines()
    assert not os.path.exists(db_path)


def test_quick_route_uses_the_environment_variable(run_quick, db_path, monkeypatch):
    monkeypatch.setenv("INNERCRITIC_DB", db_path)
    rc, out, _ = run_quick(["checkin", "--mood", "5"])
    assert (rc, out) == (0, "Saved check-in #1 · mood 5/5 · critic –\n")
    assert journal_contents(db_path)["checkin"] == [("checkin", None, 5, None, None)]


def test_quick_route_sets_a_private_umask(run_quick, db_path):
    run_quick(["--db", db_path, "history", "--json"])
    current = os.umask(0o022)
    os.umask(current)
    assert current == 0o077


# ---- nudge ---------------------------------------------------------------------------------------------


def _nudge_lines() -> list[str]:
    with open(data_path("nudges.txt"), encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def test_nudge_without_a_journal_speaks_and_creates_nothing(run_quick, cli, tmp_path):
    """#11 item 13: a new user who has just put `innercritic nudge` in their rc file sees it work."""
    today = _nudge_lines()[date.today().toordinal() % len(_nudge_lines())]
    assert run_quick(["nudge"]) == (0, today + "\n", "")
    result = cli("nudge")
    assert (result.exit_code, result.stdout, result.stderr) == (0, today + "\n", "")
    assert not (tmp_path / "home" / ".local").exists()  # no folder, no file


@pytest.mark.parametrize("written", ["a check-in", "a dialogue"])
def test_nudge_after_anything_written_today_is_silent(run_quick, db_path, written):
    with Journal(db_path) as journal:
        if written == "a check-in":
            journal.add_checkin(mood=3, critic=None, note=None, part=None)
        else:
            journal.start_dialogue("critic")
    assert run_quick(["--db", db_path, "nudge"]) == (0, "", "")


@pytest.mark.parametrize("last", ["none", "yesterday", "a dialogue yesterday"])
def test_nudge_without_anything_today_says_one_line(run_quick, db_path, last):
    make_journal(db_path)
    if last == "yesterday":
        insert_checkin_at(db_path, days_ago_iso(1, 23, 59), mood=3)
    elif last == "a dialogue yesterday":
        with Journal(db_path) as journal:
            talk = journal.start_dialogue("critic")
        with sqlite3.connect(db_path) as conn:
            conn.execute("UPDATE entry SET at = ? WHERE id = ?", (days_ago_iso(1, 22, 0), talk.id))
    rc, out, err = run_quick(["--db", db_path, "nudge"])
    assert (rc, err) == (0, "")
    assert out.count("\n") == 1
    assert out.strip() in _nudge_lines()
    assert out.strip() == _nudge_lines()[date.today().toordinal() % len(_nudge_lines())]


@pytest.mark.parametrize("content", [b"not a database at all\n" * 50, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_nudge_on_a_damaged_journal_is_silent(run_quick, cli, db_path, content):
    with open(db_path, "wb") as handle:
        handle.write(content)
    assert run_quick(["--db", db_path, "nudge"]) == (0, "", "")
    result = cli("--db", db_path, "nudge")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    with open(db_path, "rb") as handle:
        assert handle.read() == content


def test_installed_nudge(run_cli, db_path):
    rc, out, err = run_cli("nudge")
    assert (rc, err) == (0, "") and out.strip() in _nudge_lines()
    with open(db_path, "w") as handle:
        handle.write("garbage")
    assert run_cli("--db", db_path, "nudge") == (0, "", "")
    os.remove(db_path)
    make_journal(db_path)
    rc, out, err = run_cli("nudge", db=db_path)
    assert (rc, err) == (0, "")
    assert out.strip() in _nudge_lines()


def test_nudge_changes_nothing_in_the_journal(run_quick, db_path):
    make_journal(db_path)
    insert_checkin_at(db_path, days_ago_iso(2), mood=3)
    before = sha256(db_path)
    rc, out, _ = run_quick(["--db", db_path, "nudge"])
    assert rc == 0 and out.strip() in _nudge_lines()
    assert sha256(db_path) == before
    # a read-only look at a WAL journal may leave empty companions; they must still be private
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            assert stat.S_IMODE(os.stat(db_path + suffix).st_mode) == 0o600, suffix
