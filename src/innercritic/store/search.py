"""Ranked full-text search over dialogue answers and check-in notes.

How a search reads what was typed (documented for people in `history --help`):

- Words count, and three signs: ``"exact phrase"`` (those words, in that
  order), ``-word`` or ``-"a phrase"`` (leave out what has it) and ``OR`` in
  capitals between two words or phrases (either will do). Everything else —
  ``*``, ``^``, ``:``, brackets, a ``-`` inside a word — separates words, and
  the other FTS5 keywords (AND, NOT, NEAR, and ``or`` in small letters) are
  plain words. The expression is built here from quoted words only, so no
  input can be a query syntax error.
- Every word (or OR group) must appear in the same answer or note, in any order.
- A word of three or more letters also finds longer words that start with
  it ("fail" finds "failed" and "failure"); shorter words match whole words
  only, so "I" or "a" do not match half the journal.
- Case and accents do not matter ("ecole" finds "École"): the indexes use
  the unicode61 tokenizer with ``remove_diacritics 2``.

Results come best match first, then newest first; a dialogue ranks by its
best-matching answer. The score is FTS5's bm25. Answers and notes live in two
indexes, and bm25 weighs each word by how rare it is *in its own index*, so
raw scores from the two are not comparable (a word in most notes scores near
zero there, however often a note repeats it). Each index's scores are
therefore rescaled by (sum of the words' IDF over both indexes) / (sum of
their IDF in that index), with IDF computed exactly as FTS5 does — exact for
one-word searches, close for longer ones. Ranking needs no snippets, so
snippets are made only for the hits returned.
"""

from __future__ import annotations

import math
from ..tuples import named_tuple

from ..engine.records import HistoryQuery, SearchHit
from .rows import ENTRY_COLUMNS, ENTRY_FROM, entry_filters, entry_from_row

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from sqlite3 import Connection  # or sqlcipher3's: store/driver.py picks

# Unicode noncharacters: reserved for a program's internal use, so they are
# the safest possible highlight markers. (If a person's text contains them
# anyway, that hit gets a plain snippet without marks.)
_OPEN = "\ufdd0"
_CLOSE = "\ufdd1"
SNIPPET_TOKENS = 12
_ELLIPSIS = "…"
_PLAIN_PREVIEW = 120
PREFIX_FROM = 3  # words this long or longer also match as prefixes

# C0 controls except tab and newline, DEL, and C1: shown as \x1b-style escapes.
_CONTROL_CODES = frozenset((*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)))


def match_expression(text: str | None) -> str | None:
    """What was typed, as an FTS5 expression: every word quoted (so it is only
    ever a word), a prefix when it has PREFIX_FROM characters or more; phrases,
    OR and -exclusions as the module's docstring says, fully bracketed.

    None when there is no word to find (then nothing can match)."""
    clauses, excluded = parse_search(text)
    if not clauses:
        return None
    found = " AND ".join("(" + " OR ".join(alternatives) + ")" for alternatives in clauses)
    if not excluded:
        return found
    return f"({found}) NOT ({' OR '.join(excluded)})"


def match_terms(text: str | None) -> list[str]:
    """The FTS5 terms to find (words and phrases, not the excluded ones), one by one."""
    return [term for alternatives in parse_search(text)[0] for term in alternatives]


def parse_search(text: str | None) -> tuple[list[list[str]], list[str]]:
    """(clauses, excluded): each clause a list of FTS5 terms any of which will do (OR),
    every clause needed; excluded terms must not appear. Terms are quoted words (with a
    prefix star) or quoted phrases, built from words() only."""
    clauses: list[list[str]] = []
    excluded: list[str] = []
    pending_or = False
    for negated, phrase, token in _tokens(text or ""):
        if not phrase and not negated and token == "OR":
            pending_or = bool(clauses)
            continue
        found = words(token)
        if not found:
            continue
        if phrase or negated:
            terms = [_phrase(found) if len(found) > 1 or phrase else _word(found[0])]
        else:
            terms = [_word(word) for word in found]
        if negated:
            excluded.extend(terms)
            pending_or = False
            continue
        if pending_or and clauses:
            clauses[-1].append(terms[0])
            clauses.extend([term] for term in terms[1:])
        else:
            clauses.extend([term] for term in terms)
        pending_or = False
    return clauses, excluded


def _word(word: str) -> str:
    return '"' + word + '"' + ("*" if len(word) >= PREFIX_FROM else "")


def _phrase(found: list[str]) -> str:
    return '"' + " ".join(found) + '"'


def _tokens(text: str):
    """(negated, is_phrase, text) for each space-separated token or quoted phrase."""
    position, size = 0, len(text)
    while position < size:
        if text[position].isspace():
            position += 1
            continue
        negated = text[position] == "-" and position + 1 < size and not text[position + 1].isspace()
        if negated:
            position += 1
        if text[position] == '"':
            close = text.find('"', position + 1)
            close = size if close < 0 else close
            yield negated, True, text[position + 1:close]
            position = close + 1
            continue
        start = position
        while position < size and not text[position].isspace() and text[position] != '"':
            position += 1
        yield negated, False, text[start:position]


def words(text: str) -> list[str]:
    """Runs of letters, digits and underscores, as the regular expression \\w+
    finds them, without loading `re` (the quick shell search never needs it)."""
    found: list[str] = []
    start = None
    for position, ch in enumerate(text):
        if ch.isalnum() or ch == "_":
            if start is None:
                start = position
        elif start is not None:
            found.append(text[start:position])
            start = None
    if start is not None:
        found.append(text[start:])
    return found


class RankedEntry(named_tuple("RankedEntry", "entry rank source rowid")):
    """entry: HistoryEntry; rank: float (bm25, rescaled); source: "turn" or "note",
    the index the best match came from; rowid: int, turn.id or checkin.entry_id of
    the best match."""

    __slots__ = ()


def _idf(hits: int, rows: int) -> float:
    """FTS5's own IDF (fts5_aux.c): log((N - n + 0.5) / (n + 0.5)), at least 1e-6.

    The counts come from one snapshot (see Journal.search); should they ever disagree
    anyway (more rows holding a word than rows at all), they are held to what can be."""
    rows = max(rows, 0)
    hits = min(max(hits, 0), rows)
    value = math.log((rows - hits + 0.5) / (hits + 0.5)) if rows else 0.0
    return value if value > 0.0 else 1e-6


def indexed_rows(conn: Connection, index: str) -> int:
    """How many rows an FTS5 index holds (``index`` is turn_fts or note_fts).

    FTS5 keeps that number itself, as the first varint of its "averages"
    record (rowid 1 of <index>_data), which it reads for every bm25 call.
    Reading it costs one page; count(*) on <index>_docsize reads them all
    (about 12 ms on a 200,000-answer journal). If the record is ever missing,
    the count is taken the slow way."""
    row = conn.execute(f"SELECT block FROM {index}_data WHERE id = 1").fetchone()
    if row is None or not isinstance(row[0], bytes) or not row[0]:
        return conn.execute(f"SELECT count(*) FROM {index}_docsize").fetchone()[0]
    return _first_varint(row[0])


def _first_varint(data: bytes) -> int:
    """SQLite's varint (as FTS5 writes it): 7 bits a byte, high bit set on all
    but the last; a ninth byte, if reached, gives all 8 of its bits."""
    value = 0
    for position, byte in enumerate(data[:9]):
        if position == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value
    return value


def scale_factors(conn: Connection, text: str | None) -> tuple[float, float]:
    """(turn, note) multipliers that put both indexes' bm25 scores on one scale."""
    words = match_terms(text)
    if not words:
        return 1.0, 1.0
    turn_rows = indexed_rows(conn, "turn_fts")
    note_rows = indexed_rows(conn, "note_fts")
    turn_idf = note_idf = both_idf = 0.0
    for word in words:
        in_turns = conn.execute("SELECT count(*) FROM turn_fts WHERE turn_fts MATCH ?", (word,)).fetchone()[0]
        in_notes = conn.execute("SELECT count(*) FROM note_fts WHERE note_fts MATCH ?", (word,)).fetchone()[0]
        turn_idf += _idf(in_turns, turn_rows)
        note_idf += _idf(in_notes, note_rows)
        both_idf += _idf(in_turns + in_notes, turn_rows + note_rows)
    return both_idf / turn_idf, both_idf / note_idf


def ranked_sql(
    query: HistoryQuery, factors: tuple[float, float] = (1.0, 1.0)
) -> tuple[str, list[object]] | None:
    """The ranking query (no snippets) and its parameters; None if nothing can match.

    `factors` rescale the (turn, note) bm25 scores (see scale_factors)."""
    match = match_expression(query.search)
    if match is None:
        return None
    sources: list[str] = []
    params: list[object] = []
    if query.kind in (None, "dialogue"):
        sources.append(
            "SELECT t.dialogue_id AS entry_id, bm25(turn_fts) * ? AS rank, 'turn' AS source,"
            " turn_fts.rowid AS hit_rowid FROM turn_fts JOIN turn t INDEXED BY ix_turn_id_dialogue"
            " ON t.id = turn_fts.rowid WHERE turn_fts MATCH ?"
        )
        params += [factors[0], match]
    if query.kind in (None, "checkin"):
        sources.append(
            "SELECT note_fts.rowid AS entry_id, bm25(note_fts) * ? AS rank, 'note' AS source,"
            " note_fts.rowid AS hit_rowid FROM note_fts WHERE note_fts MATCH ?"
        )
        params += [factors[1], match]
    # min() with bare columns: SQLite takes source/hit_rowid from the best row.
    # "LIMIT -1" keeps `hit` from being flattened into the aggregate, where
    # bm25() cannot run (it needs to sit right on its MATCH).
    sql = (
        f"WITH hit AS ({' UNION ALL '.join(sources)} LIMIT -1),"
        " best AS (SELECT entry_id, min(rank) AS rank, source, hit_rowid FROM hit GROUP BY entry_id)"
        f" SELECT {ENTRY_COLUMNS}, best.rank, best.source, best.hit_rowid"
        f" {ENTRY_FROM} JOIN best ON best.entry_id = e.id"
    )
    where, filter_params = entry_filters(query)
    params.extend(filter_params)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY best.rank, e.at DESC, e.id DESC"
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params.extend([query.limit, query.offset])
    elif query.offset:
        sql += " LIMIT -1 OFFSET ?"
        params.append(query.offset)
    return sql, params


def ranked(conn: Connection, query: HistoryQuery) -> list[RankedEntry]:
    """Entries matching ``query.search`` and the filters, best first, without snippets."""
    if match_expression(query.search) is None:
        return []
    # One index alone needs no rescaling: its order is bm25's own.
    factors = scale_factors(conn, query.search) if query.kind is None else (1.0, 1.0)
    built = ranked_sql(query, factors)
    if built is None:
        return []
    sql, params = built
    found: list[RankedEntry] = []
    for row in conn.execute(sql, params):
        entry = entry_from_row(row[:-3])
        rank, source, rowid = row[-3:]
        found.append(RankedEntry(entry=entry, rank=float(rank), source=source, rowid=rowid))
    return found


def search(conn: Connection, query: HistoryQuery) -> list[SearchHit]:
    """Ranked hits with a highlighted snippet of the best-matching answer or note."""
    if query.search is None:
        return []
    match = match_expression(query.search)
    hits: list[SearchHit] = []
    for found in ranked(conn, query):
        snippet, marks = _snippet(conn, match, found.source, found.rowid)
        hits.append(SearchHit(entry=found.entry, snippet=snippet, marks=marks, rank=found.rank))
    return hits


def _snippet(
    conn: Connection, match: str, source: str, rowid: int
) -> tuple[str, tuple[tuple[int, int], ...]]:
    if source == "turn":
        sql = (
            "SELECT snippet(turn_fts, 0, ?, ?, ?, ?), t.answer FROM turn_fts"
            " JOIN turn t ON t.id = turn_fts.rowid WHERE turn_fts MATCH ? AND turn_fts.rowid = ?"
        )
    else:
        sql = (
            "SELECT snippet(note_fts, 0, ?, ?, ?, ?), c.note FROM note_fts"
            " JOIN checkin c ON c.entry_id = note_fts.rowid WHERE note_fts MATCH ? AND note_fts.rowid = ?"
        )
    row = conn.execute(sql, (_OPEN, _CLOSE, _ELLIPSIS, SNIPPET_TOKENS, match, rowid)).fetchone()
    if row is None:  # changed between the two queries
        return "", ()
    marked, source_text = row
    if source_text and (_OPEN in source_text or _CLOSE in source_text):
        plain, _ = split_marks(source_text[: _PLAIN_PREVIEW * 2], markers=False)
        if len(plain) > _PLAIN_PREVIEW:
            plain = plain[: _PLAIN_PREVIEW - 1] + _ELLIPSIS
        return plain, ()
    return split_marks(marked or "")


def split_marks(marked: str, *, markers: bool = True) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Snippet text with markers -> (one-line text, spans of the marked words).

    Runs of whitespace become one space and control characters are shown as
    ``\\x1b``-style escapes, so the spans stay right however the text is drawn."""
    out: list[str] = []
    length = 0
    marks: list[tuple[int, int]] = []
    start: int | None = None
    pending_space = False
    for ch in marked:
        if markers and ch == _OPEN:
            if pending_space and length:
                out.append(" ")
                length += 1
            pending_space = False
            start = length
            continue
        if markers and ch == _CLOSE:
            if start is not None and length > start:
                marks.append((start, length))
            start = None
            continue
        if ch.isspace():
            pending_space = True
            continue
        if pending_space and length:
            out.append(" ")
            length += 1
        pending_space = False
        piece = f"\\x{ord(ch):02x}" if ord(ch) in _CONTROL_CODES else ch
        out.append(piece)
        length += len(piece)
    return "".join(out), tuple(marks)
