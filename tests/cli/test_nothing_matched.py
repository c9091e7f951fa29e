"""#11 item 14: on a journal that has entries, filters that match none of them say so —
not "Nothing here yet", which reads as if everything were gone."""

from __future__ import annotations

import pytest

from innercritic.store.journal import Journal

OLD = "2026-01-05T10:00:00.000+00:00"


@pytest.fixture
def older_journal(db_path):
    """A dialogue and a check-in (part Judge), both from January 2026."""
    import sqlite3

    with Journal(db_path) as journal:
        journal.start_dialogue("critic")
        journal.add_checkin(mood=3, critic=4, note="an old note", part="Judge")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE entry SET at = ?", (OLD,))
    return db_path


@pytest.mark.parametrize("filters", [
    ["--from", "2026-06-01"], ["--to", "2025-12-31"], ["--kind", "checkin", "--from", "2026-02-01"],
    ["--part", "Judge", "--kind", "dialogue"],
], ids=" ".join)
def test_history_filters_matching_nothing_say_so(run_cli, older_journal, filters):
    rc, out, err = run_cli("history", *filters, db=older_journal)
    assert (rc, err) == (0, "")
    assert "Nothing here yet" not in out
    assert "Nothing matched those filters" in out


def test_an_empty_journal_is_still_nothing_here_yet(run_cli, db_path):
    Journal(db_path).close()
    rc, out, _ = run_cli("history", db=db_path)
    assert out.startswith("Nothing here yet")
    rc, out, _ = run_cli("history", "--from", "7d", db=db_path)
    assert "Nothing here yet" in out or "Nothing matched those filters" in out


def test_stats_for_a_window_with_nothing_points_to_the_older_entries(run_cli, db_path):
    import sqlite3

    with Journal(db_path) as journal:
        journal.start_dialogue("critic")  # only a dialogue, no check-in at all
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE entry SET at = ?", (OLD,))
    rc, out, err = run_cli("stats", "--days", "7", db=db_path)
    assert (rc, err) == (0, "")
    assert "Nothing here yet" not in out
    assert "Older entries are still there" in out and "--days" in out


def test_a_filtered_markdown_export_with_nothing_in_it_says_the_filters_matched_nothing(run_cli, older_journal):
    rc, out, err = run_cli("export", "--from", "2026-06-01", db=older_journal)
    assert (rc, err) == (0, "")
    assert "no entries match these filters" in out
