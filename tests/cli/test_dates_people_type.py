"""Issue 16: --from/--to/--on take what people type, on both routes (the quick route in
entry.py and Typer), and a date that cannot be read lists the accepted forms (exit 2)."""

from __future__ import annotations

import json

from journal_testing import insert_checkin_at, make_journal


def _journal(db):
    from datetime import datetime, timedelta, timezone

    make_journal(db)
    now = datetime.now(timezone.utc)
    for days in (0, 1, 10, 40):
        insert_checkin_at(db, (now - timedelta(days=days)).isoformat(timespec="milliseconds"), note=f"{days} days back")


def _notes(out: str) -> list[str]:
    return sorted(entry["note"] for entry in json.loads(out))


def test_words_and_short_forms_on_both_routes(run_cli, tmp_path):
    db = str(tmp_path / "j.db")
    _journal(db)
    for args in (["history", "--json"], ["history", "--json", "--kind", "checkin"]):  # quick route, then Typer
        rc, out, err = run_cli(*args, "--from", "2 weeks ago", db=db)
        assert rc == 0, err
        assert _notes(out) == ["0 days back", "1 days back", "10 days back"]
        rc, out, _ = run_cli(*args, "--from", "3m", db=db)
        assert len(_notes(out)) == 4
        rc, out, _ = run_cli(*args, "--on", "yesterday", db=db)
        assert _notes(out) == ["1 days back"]


def test_export_takes_on_too(run_cli, tmp_path):
    db = str(tmp_path / "j.db")
    _journal(db)
    rc, out, err = run_cli("export", "--format", "json", "--on", "today", db=db)
    assert rc == 0, err
    assert [e["note"] for e in json.loads(out)["entries"]] == ["0 days back"]


def test_a_date_that_cannot_be_read_lists_the_forms(run_cli, tmp_path):
    db = str(tmp_path / "j.db")
    _journal(db)
    for args in (["history"], ["history", "--kind", "checkin"], ["export"]):
        rc, out, err = run_cli(*args, "--from", "the day after never", db=db)
        assert rc == 2 and out == "" and err.count("\n") == 1
        assert "last monday" in err and "3m" in err and "YYYY/MM/DD" in err
    rc, _, err = run_cli("history", "--on", "today", "--from", "7d", db=db)
    assert rc == 2 and "--on" in err
