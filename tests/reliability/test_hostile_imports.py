"""Imports and names that try to get around the rules: impossible times, times in other
zones, text past the limit, part names no other way in would accept, absurd positions.
Each is refused whole in one line (nothing imported), or made to fit where a person's
answer must not be lost; rows like these already in a journal never break a reader."""

from __future__ import annotations

import json
from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
import subprocess

import pytest

from reliability_helpers import PYTHON, child_env, latest_dialogue, query, turns_of

GOOD_AT = "2026-11-20T10:00:00.000+00:00"


def _cli(db, *args: str, stdin: str | None = None, tz: str | None = None) -> tuple[int, str, str]:
    extra = {"TZ": tz} if tz else {}
    done = subprocess.run(
        [PYTHON, "-m", "innercritic", "--db", str(db), *args], input=None if stdin is None else stdin.encode(),
        stdin=None if stdin is not None else subprocess.DEVNULL, capture_output=True, timeout=60,
        env=child_env(db.parent, **extra), cwd=str(db.parent),
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def _document(*entries: dict, parts: list[dict] | None = None) -> dict:
    return {"format": "innercritic-export", "version": 1, "exported_at": GOOD_AT, "parts": parts or [],
            "entries": list(entries)}


def _checkin(uid: str, at: str = GOOD_AT, **extra) -> dict:
    return {"uid": uid, "kind": "checkin", "at": at, "part": None, "mood": 3, "critic": 4, "note": "a note", **extra}


def _dialogue(uid: str, turns: list[dict]) -> dict:
    return {"uid": uid, "kind": "dialogue", "at": GOOD_AT, "part": None, "flow": "critic", "status": "stopped",
            "ended_at": None, "critic_before": None, "critic_after": None, "draft_step": None, "draft": None,
            "turns": turns}


def _turn(position, answer="words") -> dict:
    return {"position": position, "step": "find", "role": "critic_words", "prompt": "What is it saying?",
            "answer": answer, "value": answer, "skipped": False, "at": GOOD_AT}


def _import(tmp_path, document: dict) -> tuple[int, str, str]:
    db = tmp_path / "journal.db"
    source = tmp_path / "export.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    return _cli(db, "import", str(source))


def _refused(result: tuple[int, str, str], tmp_path, *words: str) -> None:
    rc, out, err = result
    assert rc == 2, (out, err)
    assert err.count("\n") == 1 and err.startswith("innercritic: ") and "nothing was imported" in err, err
    for word in words:
        assert word in err, err
    db = tmp_path / "journal.db"
    assert not db.exists() or query(db, "SELECT count(*) FROM entry") == [(0,)]


# ---- times (item 3) ------------------------------------------------------------------------


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+00:00", "9999-12-31T23:00:00+00:00", "1969-12-31T23:59:59+00:00",
                                "2201-01-01T00:00:00+00:00"])
def test_an_impossible_time_is_refused(tmp_path, at):
    _refused(_import(tmp_path, _document(_checkin("c1", at))), tmp_path, "entries[0].at", "1970", "2200")


def test_a_time_in_another_zone_is_stored_in_utc_and_found_by_its_day(tmp_path):
    db = tmp_path / "journal.db"
    late_evening_in_new_york = "2026-11-20T23:30:00-05:00"  # 04:30 on the 21st in UTC
    rc, out, err = _import(tmp_path, _document(_checkin("c1", late_evening_in_new_york)))
    assert rc == 0, err
    assert query(db, "SELECT at FROM entry") == [("2026-11-21T04:30:00.000+00:00",)]
    rc, out, _ = _cli(db, "history", "--from", "2026-11-21", "--to", "2026-11-21", "--json", tz="UTC")
    assert [e["note"] for e in json.loads(out)] == ["a note"]
    rc, out, _ = _cli(db, "history", "--from", "2026-11-20", "--to", "2026-11-20", "--json", tz="UTC")
    assert json.loads(out) == []


@pytest.mark.slow
@pytest.mark.parametrize("tz", ["America/New_York", "Asia/Tokyo"])  # year 1 breaks west of UTC, 9999 east
def test_rows_with_impossible_times_already_in_a_journal_break_no_reader(tmp_path, tz):
    """Imports from before this check could store such times: every reader still works."""
    db = tmp_path / "journal.db"
    assert _cli(db, "checkin", "--mood", "3", "--note", "an ordinary day")[0] == 0
    assert _cli(db, "talk", "--plain", stdin="4\nyou again\n")[0] == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE entry SET at = '0001-01-01T00:00:00+00:00' WHERE kind = 'checkin'")
    conn.execute("UPDATE entry SET at = '9999-12-31T23:59:00+00:00' WHERE kind = 'dialogue'")
    conn.execute("UPDATE turn SET at = '9999-12-31T23:59:00+00:00'")
    conn.commit()
    conn.close()
    for args in (["history"], ["history", "--from", "7d"], ["show", "1"], ["show", "2"], ["stats"],
                 ["stats", "--json"], ["export"], ["export", "--format", "json"], ["parts"]):
        rc, out, err = _cli(db, *args, tz=tz)
        assert rc == 0, (args, err)
        assert err == "", (args, err)
    rc, out, _ = _cli(db, "history", tz=tz)
    assert "an ordinary day" in out and "you again" in out


async def test_the_app_starts_on_a_journal_with_impossible_times(tmp_path, monkeypatch):
    import time

    from reliability_helpers import app_for, settle

    db = tmp_path / "journal.db"
    assert _cli(db, "checkin", "--mood", "3", "--note", "an ordinary day")[0] == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE entry SET at = '9999-12-31T23:59:00+00:00'")
    conn.commit()
    conn.close()
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        app = app_for(db)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            assert app.problem is None
            assert app.screen.__class__.__name__ == "HomeScreen"
    finally:
        monkeypatch.undo()
        time.tzset()
    assert app.return_code in (0, None)


# ---- lengths and names (item 4) ------------------------------------------------------------


def test_an_import_note_past_the_limit_is_refused(tmp_path):
    _refused(_import(tmp_path, _document(_checkin("c1", note="x" * 1_000_000))), tmp_path, "entries[0].note",
             "100,000")


def test_an_import_answer_or_draft_past_the_limit_is_refused(tmp_path):
    _refused(_import(tmp_path, _document(_dialogue("d1", [_turn(0, "y" * 100_001)]))), tmp_path, "answer")
    long_draft = {**_dialogue("d2", []), "draft_step": "find", "draft": "z" * 100_001}
    _refused(_import(tmp_path, _document(long_draft)), tmp_path, "draft")


@pytest.mark.parametrize("name, why", [("Judge\x1b[31m", "control characters"), ("Nag\nger", "control characters"),
                                       ("N" * 90_000, "at most 60")], ids=["escape", "newline", "90000-long"])
def test_an_import_part_name_other_ways_in_would_refuse_is_refused(tmp_path, name, why):
    part = {"uid": "p1", "name": name, "description": None, "created_at": GOOD_AT}
    _refused(_import(tmp_path, _document(_checkin("c1"), parts=[part])), tmp_path, "parts[0].name", why)


@pytest.mark.parametrize("name, why", [("Judge\x1b[31m", "control characters"), ("N" * 90_000, "at most 60")],
                         ids=["escape", "90000-long"])
def test_talk_part_and_checkin_part_refuse_what_parts_add_refuses(tmp_path, name, why):
    db = tmp_path / "journal.db"
    for args in (["parts", "add", name], ["talk", "--plain", "--part", name], ["checkin", "--mood", "3", "--part", name]):
        rc, out, err = _cli(db, *args, stdin="5\n")
        assert rc == 2, (args, out, err)
        assert err.count("\n") == 1 and why in err, (args, err)
        assert "\x1b" not in err
    assert not db.exists() or query(db, "SELECT count(*) FROM part") == [(0,)]


def test_a_long_or_odd_name_given_in_a_dialogue_is_kept_whole_and_the_part_gets_a_fitting_name(tmp_path):
    db = tmp_path / "journal.db"
    answer = "The\x1b[2J Old Teacher who\tstands at the back of the room and sighs every time I speak up in a meeting"
    lines = ["6", "you are slow", "in my jaw", "old and sharp", answer]
    rc, out, err = _cli(db, "talk", "--plain", stdin="\n".join(lines) + "\n")
    assert rc == 0, err
    dialogue = latest_dialogue(db)[0]
    assert [a for _, step, a, _, _ in turns_of(db, dialogue) if step == "part_name"] == [answer]  # every word kept
    [(name,)] = query(db, "SELECT p.name FROM part p JOIN entry e ON e.part_id = p.id WHERE e.id = ?", (dialogue,))
    assert len(name) <= 60 and name.isprintable() and "\x1b" not in name
    assert name.startswith("The [2J Old Teacher who stands")


# ---- absurd numbers (item 5) -----------------------------------------------------------------


@pytest.mark.parametrize("position", [10**30, 2**63, 100_000])
def test_an_absurd_turn_position_is_refused_in_one_line(tmp_path, position):
    _refused(_import(tmp_path, _document(_dialogue("d1", [_turn(position)]))), tmp_path, "position")
