"""Reads for trends: bounded by date, served by indexes, returned as plain rows."""

from __future__ import annotations

from journal_testing import CRITIC_TURNS, add_dialogue, days_ago_iso, insert_checkin_at, make_journal

from innercritic.engine.trend_rows import CheckinRow
from innercritic.engine.trends import since_iso
from innercritic.store import stats_queries
from innercritic.store.journal import Journal


def test_stats_rows_are_bounded_by_the_window(db_path: str) -> None:
    make_journal(db_path)
    insert_checkin_at(db_path, days_ago_iso(10), mood=2, critic=7, part="Judge")
    insert_checkin_at(db_path, days_ago_iso(1), mood=4, critic=3)
    with Journal(db_path) as journal:
        add_dialogue(journal, turns=CRITIC_TURNS, part="Judge", finish="completed")
        rows = journal.stats_rows(since_iso(7))
        everything = journal.stats_rows(since_iso(30))
    assert rows.checkins == (CheckinRow(days_ago_iso(1), 4, 3, None),)
    assert len(everything.checkins) == 2 and everything.checkins[0].part == "Judge"
    assert len(rows.checkin_times) == 2  # streaks look at the whole journal
    (dialogue,) = rows.dialogues
    assert (dialogue.critic_before, dialogue.critic_after, dialogue.part, dialogue.status) == (7, 4, "Judge", "completed")
    # Only the critic's words and the fears, never skipped answers or other steps.
    assert sorted((t.role, t.text) for t in rows.turns) == [
        ("critic_words", "You never finish anything."),
        ("fears", "That I would be left out."),
    ]
    assert all(t.at == dialogue.at for t in rows.turns)


def test_window_queries_use_the_time_index(db_path: str) -> None:
    make_journal(db_path)
    with Journal(db_path) as journal:
        conn = journal._conn
        for sql, params in (
            (stats_queries.CHECKINS_SQL, ("x",)),
            (stats_queries.DIALOGUES_SQL, ("x",)),
            (stats_queries.TURNS_SQL, ("x", *stats_queries.TEXT_ROLES)),
        ):
            plan = " | ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
            assert "USING INDEX ix_entry_at" in plan, plan
            assert "SCAN e" not in plan and "SCAN t" not in plan, plan


def test_reads_leave_no_transaction_open(db_path: str) -> None:
    make_journal(db_path)
    with Journal(db_path) as journal:
        journal.stats_rows(since_iso(30))
        assert not journal._conn.in_transaction
        journal.add_checkin(mood=3, critic=None, note=None, part=None)  # writing still works
        assert len(journal.stats_rows(since_iso(30)).checkins) == 1
