"""Browsing past entries in the real app: the paged, filtered history list, search
with highlighted words, opening, resuming and deleting entries, and the parts map.

Journals are filled through the Journal API (and, for paging, with raw sqlite3).
Every query runs on the app's database thread; `settle` waits for it.
"""

from __future__ import annotations

from innercritic.store.driver import dbapi as sqlite3  # the journal's own SQLite (see journal_testing.py)
import uuid

import pytest
from rich.text import Text
from textual.widgets import Input, Select

from innercritic.screens.dialogue import DialogueScreen
from innercritic.screens.confirm_delete import ConfirmDelete
from innercritic.screens.entry_cells import MARK_STYLE, snippet_text
from innercritic.screens.history import NEAR_END, PAGE, HistoryScreen
from innercritic.screens.history_filters import filters_query
from innercritic.widgets.entry_table import EntryTable
from innercritic.screens.home import HomeScreen
from innercritic.screens.part_story import PartDetailScreen, StoryCard
from innercritic.screens.parts import PartsScreen
from innercritic.screens.transcript import TranscriptScreen
from innercritic.widgets.bubbles import CriticQuote
from innercritic.store.journal import Journal

from tui_helpers import app_for, rows, settle

SIZE = (100, 32)


def _turn(journal, dialogue_id, position, step_id, role, prompt, answer, value=None):
    journal.save_turn(
        dialogue_id, position=position, step_id=step_id, role=role, prompt=prompt,
        answer=answer, value=answer if value is None else value, skipped=False,
    )


@pytest.fixture
def journal_db(tmp_path):
    """Four entries, oldest first: a check-in, a finished dialogue (Taskmaster),
    an unfinished one (The Judge) stopped before the `focus` step, another check-in."""
    db = tmp_path / "j.db"
    ids = {}
    with Journal(str(db)) as journal:
        ids["tired"] = journal.add_checkin(mood=2, critic=6, note="Tired after the long meeting", part=None).id

        done = journal.start_dialogue("critic", part="Taskmaster")
        _turn(journal, done.id, 0, "loudness_before", "loudness_before", "How loud is it?", "8", 8)
        _turn(journal, done.id, 1, "find", "critic_words", "What is the critic saying?",
              "You never finish anything. Everyone else would be done by now.")
        _turn(journal, done.id, 2, "fears", "fears", "What is it afraid of?", "That I would be left behind.")
        _turn(journal, done.id, 3, "needs", "needs", "What does it need?", "To know I will not drop everything.")
        _turn(journal, done.id, 4, "loudness_after", "loudness_after", "And now?", "4", 4)
        journal.finish_dialogue(done.id, "completed")
        ids["done"] = done.id

        open_ = journal.start_dialogue("critic", part="The Judge")
        _turn(journal, open_.id, 0, "loudness_before", "loudness_before", "How loud is it?", "7", 7)
        _turn(journal, open_.id, 1, "find", "critic_words", "What is the critic saying?",
              "Nobody wants to hear what you think.")
        ids["open"] = open_.id

        ids["calm"] = journal.add_checkin(mood=4, critic=2, note="A calmer day, the critic was quiet", part=None).id
    return db, ids


def table_of(app) -> EntryTable:
    return app.screen.query_one(EntryTable)


def keys(app) -> list[int]:
    return [int(row.key.value) for row in table_of(app).ordered_rows]


async def open_browser(pilot) -> HistoryScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def type_into(pilot, selector: str, text: str, *, submit: bool = False) -> None:
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = ""
    await pilot.press(*text) if text else None
    if submit:
        await pilot.press("enter")
    await pilot.pause(0.35)  # the typing pause before a search runs
    await settle(pilot)


async def move_to(pilot, entry_id: int) -> None:
    table = table_of(pilot.app)
    table.focus()
    table.move_cursor(row=table.get_row_index(str(entry_id)))
    await pilot.pause()


# ---- the list ------------------------------------------------------------------------


async def test_browse_lists_entries_newest_first(journal_db):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        assert keys(app) == [ids["calm"], ids["open"], ids["done"], ids["tired"]]
        assert app.focused is app.screen.query_one("#history-search")  # type to search
        table = table_of(app)
        done_row = [str(cell) for cell in table.get_row(str(ids["done"]))]
        assert done_row[1:4] == ["critic", "Taskmaster", "8 → 4"]
        assert "You never finish anything" in done_row[4]
        assert "unfinished" in str(table.get_cell(str(ids["open"]), "what"))  # said in words, not colour
        assert "4 entries, newest first" in str(screen.query_one("#history-status").render())


async def test_home_h_opens_the_browser_and_escape_comes_back(journal_db):
    db, _ids = journal_db
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await open_browser(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_browse_command_exits_when_closed(journal_db):
    db, _ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        await open_browser(pilot)
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0


def test_browse_command_opens_the_history_screen(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from innercritic.cli import app as cli
    from innercritic.tui import launch as tui_launch

    opened = []
    monkeypatch.setattr(tui_launch, "open_tui", lambda settings, **start: opened.append((settings, start)))
    result = CliRunner().invoke(cli.app, ["--db", str(tmp_path / "j.db"), "browse"])
    assert result.exit_code == 0, result.output
    assert opened[0][1] == {"start": "history"}


async def test_an_empty_journal_says_so_gently(tmp_path):
    app = app_for(tmp_path / "j.db", start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        assert "Nothing here yet" in str(screen.query_one("#history-empty").render())
        assert not table_of(app).display
        await pilot.press("enter", "r", "d")
        await settle(pilot)
        assert app.screen is screen


# ---- search and filters ----------------------------------------------------------


async def test_search_filters_to_matches_and_highlights_the_words(journal_db):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        await pilot.press("slash")
        assert app.focused is screen.query_one("#history-search")
        await pilot.press(*"finish")
        await pilot.pause(0.35)
        await settle(pilot)
        assert keys(app) == [ids["done"]]
        cell = table_of(app).get_cell(str(ids["done"]), "what")
        assert isinstance(cell, Text)
        marked = [cell.plain[span.start:span.end] for span in cell.spans if span.style == MARK_STYLE]
        assert marked == ["finish"]
        assert "1 match, best first" in str(screen.query_one("#history-status").render())

        # A word in a check-in's note; then clearing the search brings the whole list back.
        await type_into(pilot, "#history-search", "calmer")
        assert keys(app) == [ids["calm"]]
        await type_into(pilot, "#history-search", "")
        assert keys(app) == [ids["calm"], ids["open"], ids["done"], ids["tired"]]


async def test_search_with_no_match_says_so(journal_db):
    db, _ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        await type_into(pilot, "#history-search", "zebra")
        assert not table_of(app).display
        assert "Nothing matches" in str(screen.query_one("#history-empty").render())
        assert screen.query_one("#history-search").display  # the filters stay, to change them


async def test_stale_pages_are_dropped(journal_db):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        old = screen.generation
        await type_into(pilot, "#history-search", "calmer")
        assert screen.generation > old and not screen.wants(old)
        before = keys(app)
        entry = screen.rows[0].entry
        screen.show_page(old, 0, [entry, entry])  # an answer for filters no longer on screen
        await pilot.pause()
        assert keys(app) == before == [ids["calm"]]


async def test_kind_and_part_filters(journal_db):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        kind = screen.query_one("#history-kind", Select)
        kind.value = "checkin"
        await settle(pilot)
        assert keys(app) == [ids["calm"], ids["tired"]]
        kind.value = "dialogue"
        await settle(pilot)
        assert keys(app) == [ids["open"], ids["done"]]

        part = screen.query_one("#history-part", Select)
        assert {value for _label, value in part._options} >= {"Taskmaster", "The Judge"}
        part.value = "Taskmaster"
        await settle(pilot)
        assert keys(app) == [ids["done"]]
        kind.value = "all"
        part.value = ""
        await settle(pilot)
        assert len(keys(app)) == 4


async def test_a_bad_date_shows_a_message_and_keeps_the_list(journal_db):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        await type_into(pilot, "#history-from", "someday", submit=True)
        status = str(screen.query_one("#history-status").render())
        assert "someday" in status and "not a date I understand" in status
        assert screen.query_one("#history-from").has_class("-invalid")
        assert app.is_running and isinstance(app.screen, HistoryScreen)
        assert len(keys(app)) == 4

        await type_into(pilot, "#history-from", "today", submit=True)
        assert "entries, newest first" in str(screen.query_one("#history-status").render())
        assert not screen.query_one("#history-from").has_class("-invalid")
        assert len(keys(app)) == 4  # all were written today

        await type_into(pilot, "#history-from", "2020-01-01", submit=True)
        await type_into(pilot, "#history-to", "2020-01-31", submit=True)
        assert not table_of(app).display  # nothing back then
        assert "Nothing matches" in str(screen.query_one("#history-empty").render())

        await type_into(pilot, "#history-from", "7d", submit=True)
        assert "after" in str(screen.query_one("#history-status").render())  # from after to
        await type_into(pilot, "#history-to", "", submit=True)
        assert len(keys(app)) == 4


def test_filters_read_dates_like_the_shell():
    query = filters_query(search="  ", kind="all", part="", since="yesterday", until="today")
    assert query.search is None and query.kind is None and query.part is None
    assert query.since < query.until
    assert filters_query(search="!!", kind="checkin", part="Judge", since="", until="").search is None
    with pytest.raises(ValueError, match="To:"):
        filters_query(search="", kind="all", part="", since="", until="2026-13-45")


def test_snippet_keeps_the_match_in_view_and_never_uses_markup():
    snippet = "[bold]not markup[/] " + "word " * 30 + "failure at the end"
    start = snippet.index("failure")
    text = snippet_text(snippet, ((start, start + 4),), width=30)
    assert text.plain.startswith("…")
    marked = [text.plain[s.start:s.end] for s in text.spans if s.style == MARK_STYLE]
    assert marked == ["fail"]
    assert snippet_text("[b]x[/b] fail", ((9, 13),), 40).plain == "[b]x[/b] fail"


# ---- paging ---------------------------------------------------------------------------


def add_many_checkins(db, count: int) -> None:
    """Old check-ins straight into the file (fast), older than the fixture's entries."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for n in range(count):
            at = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00.000+00:00"
            entry_id = conn.execute(
                "INSERT INTO entry (uid, kind, at) VALUES (?, 'checkin', ?)", (uuid.uuid4().hex, at)
            ).lastrowid
            conn.execute(
                "INSERT INTO checkin (entry_id, mood, critic, note) VALUES (?, ?, ?, ?)",
                (entry_id, 1 + n % 5, n % 11, f"old note {n}"),
            )
        conn.execute("COMMIT")
    finally:
        conn.close()


async def test_paging_loads_more_rows_only_as_the_cursor_nears_the_end(journal_db):
    db, _ids = journal_db
    add_many_checkins(db, 300)
    total = rows(db, "SELECT count(*) FROM entry")[0][0]
    assert total == 304
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        table = table_of(app)
        assert table.row_count == PAGE < total  # never everything at once
        assert "more load as you scroll" in str(screen.query_one("#history-status").render())

        await pilot.press("down", "down", "down")
        await settle(pilot)
        assert table.row_count == PAGE  # not near the end yet

        table.move_cursor(row=PAGE - NEAR_END - 1)
        await pilot.press("down")  # now within NEAR_END rows of the end
        await settle(pilot)
        assert table.row_count == 2 * PAGE

        for _ in range(3):
            await pilot.press("end")
            await settle(pilot)
        assert table.row_count == total
        assert len(set(keys(app))) == total
        assert not screen.more
        assert f"{total} entries, newest first" in str(screen.query_one("#history-status").render())


async def test_search_results_are_paged_too(journal_db):
    db, _ids = journal_db
    add_many_checkins(db, 250)
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        await open_browser(pilot)
        await type_into(pilot, "#history-search", "old note")
        assert table_of(app).row_count == PAGE
        table_of(app).focus()
        await pilot.press("end")
        await settle(pilot)
        assert table_of(app).row_count == 2 * PAGE


# ---- opening, resuming, deleting ------------------------------------------------------


async def test_enter_opens_the_full_transcript(journal_db):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        await open_browser(pilot)
        await move_to(pilot, ids["done"])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)
        assert app.screen.entry.id == ids["done"]
        assert len(app.screen.entry.turns) == 5
        quotes = [str(q.render()) for q in app.screen.query(CriticQuote)]
        assert any("You never finish anything" in quote for quote in quotes)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_r_resumes_an_unfinished_dialogue_at_the_right_step(journal_db):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        await open_browser(pilot)
        await move_to(pilot, ids["done"])
        await pilot.press("r")  # finished: nothing to resume
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)

        await move_to(pilot, ids["open"])
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        assert app.screen.view.dialogue_id == ids["open"]
        assert app.screen.view.step.id == "focus"


async def test_delete_then_yes_deletes_the_entry(journal_db):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        await move_to(pilot, ids["done"])
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDelete)
        assert app.focused.id == "confirm-no"  # the default is to keep it
        await pilot.press("tab", "enter")  # "Yes, delete"
        await settle(pilot)
        assert app.screen is screen
        assert ids["done"] not in keys(app)
        assert len(keys(app)) == 3
    assert rows(db, "SELECT count(*) FROM entry WHERE id = ?", ids["done"]) == [(0,)]
    assert rows(db, "SELECT count(*) FROM turn WHERE dialogue_id = ?", ids["done"]) == [(0,)]


@pytest.mark.parametrize("answer", [("enter",), ("escape",), ("right", "left", "enter")])
async def test_delete_then_no_keeps_the_entry(journal_db, answer):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        await move_to(pilot, ids["tired"])
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press(*answer)
        await settle(pilot)
        assert app.screen is screen
        assert ids["tired"] in keys(app)
    assert rows(db, "SELECT count(*) FROM entry WHERE id = ?", ids["tired"]) == [(1,)]


# ---- parts -----------------------------------------------------------------------------


async def test_parts_page_lists_parts_and_the_detail_shows_their_words(journal_db):
    db, _ids = journal_db
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PartsScreen)
        table = app.screen.query_one(EntryTable)
        listed = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [row[0] for row in listed] == ["Taskmaster", "The Judge"]
        assert listed[0][1] == "1 dialogue"

        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, PartDetailScreen)
        assert detail.story.profile.part.name == "Taskmaster"
        cards = [str(card.render()) for card in detail.query(StoryCard)]
        assert len(cards) == 1
        assert "You never finish anything. Everyone else would be done by now." in cards[0]
        assert "That I would be left behind." in cards[0]
        assert "To know I will not drop everything." in cards[0]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PartsScreen)


async def test_parts_page_without_parts(tmp_path):
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PartsScreen)
        assert "No named parts yet" in str(app.screen.query_one("#parts-empty").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PartsScreen)


# ---- fits at 80x24 -----------------------------------------------------------------------


async def test_the_browser_fits_an_80_by_24_terminal(journal_db):
    db, ids = journal_db
    add_many_checkins(db, 50)
    app = app_for(db, start="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_browser(pilot)
        table = table_of(app)
        assert table.display and table.region.height >= 10
        assert table.region.right <= 80 and table.region.bottom <= 23  # above the footer
        assert not table.show_horizontal_scrollbar  # the columns fit the width
        for widget in screen.query("#history-filters > *"):
            assert widget.region.width >= 8 and widget.region.right <= 80, widget
        text = "\n".join(strip.text for strip in screen._compositor.render_strips())
        assert "When" in text and "Taskmaster" in text
        assert "Search words" in text and "from" in text
        lines = text.splitlines()
        assert len(lines) == 24 and all(len(line) <= 80 for line in lines)


# ---- no stray key destroys anything (issue 11, item 1) ------------------------------


async def test_typing_a_word_in_the_browser_searches_and_deletes_nothing(journal_db):
    """The browser opens with the search box focused: "day", "deny", "r" and "/" are letters
    of a search, never delete, resume or a jump."""
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        await pilot.press(*"day", "enter")  # Enter searches, then moves to the list
        await pilot.pause(0.35)
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#history-search", Input).value == "day"
        assert keys(app) == [ids["calm"]]  # "A calmer day"
        screen.query_one("#history-search", Input).focus()
        await pilot.press("backspace", "backspace", "backspace", *"deny r/yes")
        await pilot.pause(0.35)
        await settle(pilot)
        assert app.screen is screen  # no question, no dialogue
        assert screen.query_one("#history-search", Input).value == "deny r/yes"
    assert rows(db, "SELECT count(*) FROM entry") == [(4,)]


async def test_the_delete_question_ignores_letters_and_starts_on_keep(journal_db):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        await open_browser(pilot)
        await move_to(pilot, ids["done"])
        await pilot.press("delete")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDelete)
        assert app.focused.id == "confirm-no"
        await pilot.press(*"yes y Y d")
        await settle(pilot)
        assert app.screen is question  # typing does nothing: only a button answers
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    assert rows(db, "SELECT count(*) FROM entry WHERE id = ?", ids["done"]) == [(1,)]


async def test_the_footer_shows_the_delete_key_on_the_list(journal_db):
    db, ids = journal_db
    app = app_for(db, start="history")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)

        def shown() -> dict[str, str]:
            return {
                binding.action: binding.description
                for (_node, binding, enabled, _tip) in screen.active_bindings.values()
                if binding.show and enabled and screen.check_action(binding.action, ()) is not False
            }

        assert "delete" not in shown() and "resume" not in shown()  # letters and Delete edit the search
        await move_to(pilot, ids["done"])
        assert shown()["delete"] == "Delete"
        delete = next(b for (_n, b, _e, _t) in screen.active_bindings.values() if b.action == "delete")
        assert "d" not in delete.key.split(",")  # a key, not a letter
