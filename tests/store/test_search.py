"""Ranked search with snippets (store/search.py): what matches, in what order, what the
snippet shows, that no input is a syntax error, and that every history/search query
uses indexes and limits (EXPLAIN QUERY PLAN)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from journal_testing import add_dialogue, days_ago_iso, insert_checkin_at

from innercritic.engine.records import CheckInRecord, DialogueRecord, HistoryQuery, SearchHit
from innercritic.store import queries, search
from innercritic.store.journal import Journal


@pytest.fixture
def journal(db_path):
    with Journal(db_path) as opened:
        yield opened


def _ids(hits: list[SearchHit]) -> list[int]:
    return [hit.entry.id for hit in hits]


def _find(journal: Journal, text: str, **filters) -> list[SearchHit]:
    return journal.search(HistoryQuery(search=text, **filters))


def _note(journal: Journal, note: str, part: str | None = None) -> int:
    return journal.add_checkin(mood=3, critic=None, note=note, part=part).id


# ---- what matches -------------------------------------------------------------------------


def test_hits_are_value_objects_with_a_snippet_and_marks(journal):
    note = _note(journal, "The meeting went fine but the critic said I was lazy.")
    talk = add_dialogue(journal, turns=[("find", "critic_words", "What does it say?", "You are lazy.", None, False)])
    hits = _find(journal, "lazy")
    assert sorted(_ids(hits)) == sorted([note, talk])
    for hit in hits:
        assert isinstance(hit, SearchHit)
        assert isinstance(hit.rank, float)
        assert [hit.snippet[start:end].lower() for start, end in hit.marks] == ["lazy"]
    by_id = {hit.entry.id: hit for hit in hits}
    assert isinstance(by_id[note].entry, CheckInRecord)
    assert by_id[note].entry.note == "The meeting went fine but the critic said I was lazy."
    assert isinstance(by_id[talk].entry, DialogueRecord)
    assert by_id[talk].entry.critic_words == "You are lazy."
    assert by_id[talk].snippet == "You are lazy."


def test_every_word_must_appear_in_one_answer_or_note_in_any_order(journal):
    both = _note(journal, "never good enough, never finished")
    _note(journal, "good day")
    _note(journal, "enough for today")
    assert _ids(_find(journal, "enough good")) == [both]
    # words spread over two answers of one dialogue do not make a match
    add_dialogue(journal, turns=[
        ("a", "critic_words", "?", "stupid", None, False),
        ("b", "fears", "?", "rejection", None, False),
    ])
    assert _find(journal, "stupid rejection") == []


def test_prefix_case_and_diacritics(journal):
    failure = _note(journal, "Another FAILURE at the École, said the critic")
    cafe = _note(journal, "coffee at the cafe")
    pronoun = _note(journal, "I tried")
    # a word of 3+ letters also matches longer words
    assert _ids(_find(journal, "fail")) == [failure]
    assert _ids(_find(journal, "fai")) == [failure]
    # shorter words match whole words only
    assert _find(journal, "fa") == []
    assert _ids(_find(journal, "i")) == [pronoun]
    # case does not matter
    assert _ids(_find(journal, "failure")) == [failure]
    assert _ids(_find(journal, "aNoThEr")) == [failure]
    # accents do not matter, either way round
    assert _ids(_find(journal, "ecole")) == [failure]
    assert _ids(_find(journal, "ÉCOLE")) == [failure]
    assert _ids(_find(journal, "café")) == [cafe]
    # the snippet keeps the text as written and marks the whole matching word
    hit = _find(journal, "fail")[0]
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["FAILURE"]
    hit = _find(journal, "ecole")[0]
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["École"]


def test_one_hit_per_dialogue_even_when_several_answers_match(journal):
    talk = add_dialogue(journal, turns=[
        ("find", "critic_words", "?", "useless, useless", None, False),
        ("fears", "fears", "?", "that I am useless", None, False),
        ("needs", "needs", "?", "to not be useless", None, False),
    ])
    hits = _find(journal, "useless")
    assert _ids(hits) == [talk]


def test_best_match_first_then_newest(journal):
    weak = _note(journal, "a long note about the day, work, family, the weather and once: tired")
    strong = _note(journal, "tired tired tired")
    hits = _find(journal, "tired")
    assert _ids(hits) == [strong, weak]
    assert hits[0].rank <= hits[1].rank
    # equal ranks: newest first
    same_a = _note(journal, "exhausted")
    same_b = _note(journal, "exhausted")
    assert _ids(_find(journal, "exhausted")) == [same_b, same_a]


def test_answers_and_notes_are_ranked_on_one_scale(journal):
    """bm25 weighs words by their rarity within one index; a word in most notes but few
    answers must not sink every note below every answer."""
    strong = _note(journal, "never never never")
    weak_note = _note(journal, "I never said that, it was about the long afternoon at work")
    _note(journal, "calm")
    talk = add_dialogue(journal, turns=[
        ("a", "critic_words", "?", "you will never be enough for them, not today and not tomorrow", None, False),
        ("b", "fears", "?", "rejection", None, False),
        ("c", "needs", "?", "rest", None, False),
        ("d", "focus", "?", "chest", None, False),
    ])
    hits = _find(journal, "never")
    assert _ids(hits)[0] == strong
    assert set(_ids(hits)) == {strong, weak_note, talk}
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    # one kind alone keeps bm25's own order
    assert _ids(_find(journal, "never", kind="checkin")) == [strong, weak_note]


def test_scale_factors_match_fts5s_idf(journal):
    _note(journal, "never")
    _note(journal, "never again")
    _note(journal, "calm")
    add_dialogue(journal, turns=[("a", "x", "?", "never", None, False), ("b", "y", "?", "other", None, False)])
    turn, note = search.scale_factors(journal._conn, "never")
    both = search._idf(3, 5)
    assert turn == pytest.approx(both / search._idf(1, 2))
    assert note == pytest.approx(both / search._idf(2, 3))
    assert search.scale_factors(journal._conn, "  ") == (1.0, 1.0)


def _counted(journal: Journal, index: str) -> int:
    return journal._conn.execute(f"SELECT count(*) FROM {index}_docsize").fetchone()[0]


def test_indexed_rows_reads_fts5s_own_row_count(journal):
    """The count scale_factors uses comes from FTS5's averages record; it must agree
    with counting the index's rows after adding, editing and deleting."""
    assert search.indexed_rows(journal._conn, "turn_fts") == 0 == _counted(journal, "turn_fts")
    assert search.indexed_rows(journal._conn, "note_fts") == 0 == _counted(journal, "note_fts")
    notes = [_note(journal, f"note number {i}") for i in range(130)]  # past one varint byte
    talks = [
        add_dialogue(journal, turns=[("a", "x", "?", f"answer {i}", None, False), ("b", "y", "?", "more", None, False)])
        for i in range(70)
    ]
    journal.delete_entry(notes[0])
    journal.delete_entry(talks[0])
    journal.set_aside_turns_from(talks[1], 1)  # kept, so still indexed
    for index in ("turn_fts", "note_fts"):
        # read from the record itself, not the count(*) kept for a missing record
        assert journal._conn.execute(f"SELECT length(block) FROM {index}_data WHERE id = 1").fetchone()[0] > 1
        assert search.indexed_rows(journal._conn, index) == _counted(journal, index) > 127
    journal.forget_all()
    for index in ("turn_fts", "note_fts"):
        assert search.indexed_rows(journal._conn, index) == 0 == _counted(journal, index)


@pytest.mark.parametrize(
    ("data", "value"),
    [(b"\x00", 0), (b"\x7f", 127), (b"\x81\x00", 128), (b"\x8a\xec\x20\xe6", 177696),
     (b"\xff" * 8 + b"\x01", (2**56 - 1) << 8 | 1)],
)
def test_first_varint_decodes_sqlites_varint(data, value):
    assert search._first_varint(data) == value


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_words_are_what_the_regex_w_plus_finds(text):
    assert search.words(text) == re.findall(r"\w+", text)


def test_filters_and_limits_combine_with_search(journal, db_path):
    old = insert_checkin_at(db_path, days_ago_iso(30), note="tired of it")
    journal.start_dialogue("critic", part="Taskmaster")
    mine = insert_checkin_at(db_path, days_ago_iso(2), note="tired and anxious", part="Taskmaster")
    talk = add_dialogue(journal, part="Taskmaster", turns=[("find", "critic_words", "?", "tired again", None, False)])
    recent = insert_checkin_at(db_path, days_ago_iso(1), note="tired")
    assert set(_ids(_find(journal, "tired"))) == {old, mine, talk, recent}
    assert set(_ids(_find(journal, "tired", part="TASKMASTER"))) == {mine, talk}
    assert _ids(_find(journal, "tired", kind="dialogue")) == [talk]
    assert set(_ids(_find(journal, "tired", kind="checkin"))) == {old, mine, recent}
    assert old not in _ids(_find(journal, "tired", since=days_ago_iso(7)))
    assert _ids(_find(journal, "tired", until=days_ago_iso(20))) == [old]
    everything = _ids(_find(journal, "tired"))
    assert _ids(_find(journal, "tired", limit=2)) == everything[:2]
    assert _ids(_find(journal, "tired", limit=2, offset=2)) == everything[2:4]
    assert _ids(_find(journal, "tired", offset=1)) == everything[1:]


def test_the_in_progress_draft_is_not_searched_but_saved_answers_are(journal):
    talk = add_dialogue(journal, turns=[("find", "critic_words", "?", "saved words", None, False)])
    journal.save_draft(talk, "fears", "typing halfway")
    assert _ids(_find(journal, "saved")) == [talk]
    assert _find(journal, "halfway") == []


def test_no_words_no_results(journal):
    _note(journal, "something")
    assert _find(journal, "") == []
    assert _find(journal, "   ") == []
    assert _find(journal, '"*-()^:') == []
    assert journal.search(HistoryQuery()) == []


# ---- any input is words, never syntax ------------------------------------------------------

HOSTILE = [
    '"', '""', '"lazy', 'lazy"', "*", "lazy*", "*lazy", "-", "-lazy", "lazy -tired", "NEAR", "NEAR(lazy tired)",
    "NEAR(lazy tired, 2)", "(", ")", "(lazy", "lazy)", "((()))", "AND", "OR", "NOT", "lazy AND", "OR lazy",
    "lazy NOT tired", "AND OR NOT", "^", "^lazy", ":", "note:lazy", "answer : lazy", "{note}: lazy", "+lazy",
    "lazy OR", "'", "''", "l'azy", "\\", "lazy\x00", "\x1b[31m", "%", "_", "lazy_tired", "😀", "　", "a" * 500,
]


@pytest.fixture(scope="module")
def shared_journal(tmp_path_factory):
    with Journal(str(tmp_path_factory.mktemp("hostile") / "journal.db")) as opened:
        _note(opened, "lazy and tired")
        add_dialogue(opened, turns=[("find", "critic_words", "?", "lazy and tired", None, False)])
        yield opened


@pytest.mark.parametrize("text", HOSTILE)
def test_fts_syntax_never_errors(shared_journal, text):
    hits = _find(shared_journal, text)
    assert isinstance(hits, list)
    expression = search.match_expression(text)
    if expression is not None:  # outside the quoted words there are only brackets, stars and operators
        outside = re.sub(r'"[^"]*"', "", expression)
        assert re.fullmatch(r"[()* ]*((AND|OR|NOT)[()* ]*)*", outside), expression


def test_keywords_and_symbols_are_ordinary_words(journal):
    keywords = _note(journal, "I could NOT stop, it was near midnight and OR was written on the board")
    other = _note(journal, "lazy but tired")
    assert _ids(_find(journal, "NOT near")) == [keywords]
    assert _ids(_find(journal, "not NEAR midnight")) == [keywords]
    assert _ids(_find(journal, "or")) == [keywords]  # `or` in small letters is a word
    assert _ids(_find(journal, "AND")) == [keywords]  # 'and' is a word of the first note only
    # '*' is not a wildcard of its own, ':' is not a column filter, a '-' inside a word separates
    assert _ids(_find(journal, "note:lazy")) == []  # needs the word "note" too
    assert _ids(_find(journal, "lazy*but")) == [other]


def test_or_minus_and_exact_phrases(journal):
    keywords = _note(journal, "I could NOT stop, it was near midnight and OR was written on the board")
    other = _note(journal, "lazy but tired")
    tired_lazy = _note(journal, "so tired, lazy even")
    assert sorted(_ids(_find(journal, "(lazy) OR (midnight)"))) == sorted([keywords, other, tired_lazy])
    assert sorted(_ids(_find(journal, "midnight OR board"))) == [keywords]
    assert _ids(_find(journal, "lazy -tired")) == []
    assert _ids(_find(journal, "tired -but")) == [tired_lazy]
    assert _ids(_find(journal, 'tired -"lazy but"')) == [tired_lazy]
    assert _ids(_find(journal, '"tired lazy"')) == [tired_lazy]  # those words, in that order
    assert _ids(_find(journal, '"lazy but"')) == [other]
    assert _ids(_find(journal, "-lazy")) == []  # nothing to find, only something to leave out
    assert sorted(_ids(_find(journal, "lazy OR"))) == sorted([other, tired_lazy])  # a trailing OR is nothing


# ---- snippets -------------------------------------------------------------------------------


def test_snippet_is_one_plain_line_with_marks_on_every_match(journal):
    _note(journal, "first line\n\nthe critic\tsays I am   lazy\r\nand lazy again")
    hit = _find(journal, "lazy")[0]
    assert "\n" not in hit.snippet and "\t" not in hit.snippet and "  " not in hit.snippet
    assert "\ufdd0" not in hit.snippet and "\ufdd1" not in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["lazy", "lazy"]
    assert hit.snippet == "first line the critic says I am lazy and lazy again"


def test_snippet_of_a_long_answer_is_a_window_with_ellipses(journal):
    words = [f"word{i}" for i in range(200)]
    words[100] = "needle"
    _note(journal, " ".join(words))
    hit = _find(journal, "needle")[0]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet.split()) <= search.SNIPPET_TOKENS + 2
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["needle"]


def test_control_characters_are_shown_not_sent_and_marks_still_fit(journal):
    _note(journal, "\x1b[2J\x07 you are lazy \x9b31m")
    hit = _find(journal, "lazy")[0]
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", hit.snippet)
    assert "\\x1b" in hit.snippet and "\\x9b" in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["lazy"]


def test_text_containing_the_marker_characters_gets_a_plain_snippet(journal):
    _note(journal, "odd \ufdd0 lazy \ufdd1 text")
    hit = _find(journal, "lazy")[0]
    assert hit.marks == ()
    assert "lazy" in hit.snippet


def test_split_marks_builds_spans_from_markers():
    text, marks = search.split_marks("…the \ufdd0lazy\ufdd1  one,\n\ufdd0Lazy\ufdd1…")
    assert text == "…the lazy one, Lazy…"
    assert [text[a:b] for a, b in marks] == ["lazy", "Lazy"]


# ---- every history/search query uses indexes and a limit ----------------------------------


class _Recorder:
    """Stands in for the connection and keeps every statement with its parameters."""

    def __init__(self, conn):
        self.conn = conn
        self.statements: list[tuple[str, tuple]] = []

    def execute(self, sql, params=()):
        self.statements.append((sql, tuple(params)))
        return self.conn.execute(sql, params)


def _plans(conn, statements) -> list[str]:
    details = []
    for sql, params in statements:
        details += [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    return details


FULL_SCAN = re.compile(r"^SCAN (e|t|p|c|d|entry|turn|part|checkin|dialogue)\b(?! USING (COVERING )?INDEX)")


def _populate(journal: Journal, db_path: str) -> None:
    journal.start_dialogue("critic", part="Taskmaster")
    for day in range(24):
        insert_checkin_at(db_path, days_ago_iso(day), note=f"day {day} tired", part="Taskmaster" if day % 3 else None)
    for _ in range(6):
        add_dialogue(journal, part="Taskmaster", turns=[
            ("find", "critic_words", "?", "tired and lazy", None, False),
            ("fears", "fears", "?", "being left out", None, False),
        ])


@pytest.mark.parametrize(
    "query",
    [
        HistoryQuery(limit=10),
        HistoryQuery(limit=10, offset=10),
        HistoryQuery(limit=10, part="taskmaster"),
        HistoryQuery(limit=10, kind="checkin", since=days_ago_iso(7)),
        HistoryQuery(limit=10, kind="dialogue"),
        HistoryQuery(limit=10, search="tired"),
        HistoryQuery(limit=10, search="tired", part="Taskmaster", kind="checkin"),
    ],
    ids=["n10", "page2", "part", "kind-since", "dialogues", "search", "search-filters"],
)
def test_history_queries_use_indexes_and_limits(journal, db_path, query):
    _populate(journal, db_path)
    recorder = _Recorder(journal._conn)
    found = queries.history(recorder, query)
    assert len(found) <= query.limit
    ((sql, params),) = recorder.statements
    assert "LIMIT ?" in sql
    plan = _plans(journal._conn, recorder.statements)
    assert not [line for line in plan if FULL_SCAN.match(line)], plan
    assert not [line for line in plan if re.match(r"SCAN (t|turn)\b", line)], plan
    if query.search is None and query.part is None and query.kind is None:
        assert any("ix_entry_at" in line for line in plan), plan


@pytest.mark.parametrize(
    "query",
    [
        HistoryQuery(limit=10, search="tired"),
        HistoryQuery(limit=10, search="tired lazy", kind="dialogue"),
        HistoryQuery(limit=10, search="tired", part="taskmaster", since=days_ago_iso(10)),
        HistoryQuery(limit=5, offset=5, search="day", kind="checkin"),
    ],
    ids=["search", "dialogue", "part-since", "checkin-page"],
)
def test_ranked_search_uses_the_fts_indexes_and_a_limit(journal, db_path, query):
    _populate(journal, db_path)
    recorder = _Recorder(journal._conn)
    hits = search.search(recorder, query)
    assert hits and len(hits) <= query.limit
    (ranked_sql,) = [sql for sql, _ in recorder.statements if sql.startswith("WITH hit")]
    assert "LIMIT ? OFFSET ?" in ranked_sql
    plan = _plans(journal._conn, recorder.statements)
    assert not [line for line in plan if FULL_SCAN.match(line)], plan
    assert any("VIRTUAL TABLE INDEX" in line for line in plan), plan
    # snippets are made for the returned hits only, each by rowid
    snippets = [sql for sql, _ in recorder.statements if "snippet(" in sql]
    assert len(snippets) == len(hits)
    assert all("rowid = ?" in sql for sql in snippets)
    # the rescaling counts matches per word in the FTS indexes only
    others = [sql for sql, _ in recorder.statements if not sql.startswith("WITH hit") and "snippet(" not in sql]
    assert all("_fts" in sql for sql in others), others


def test_plain_history_n10_never_scans_turn(journal, db_path):
    """`innercritic history -n 10`: entries by the `at` index, the critic's words by the turn index."""
    _populate(journal, db_path)
    recorder = _Recorder(journal._conn)
    queries.history(recorder, HistoryQuery(limit=10))
    plan = _plans(journal._conn, recorder.statements)
    assert "SCAN e USING INDEX ix_entry_at" in plan
    assert any(line.startswith("SEARCH t USING INDEX") for line in plan), plan
    assert not any(re.match(r"SCAN (t|turn)\b", line) for line in plan), plan
