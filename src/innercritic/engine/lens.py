"""The critic lens: an offline, explainable reading of the inner critic's words.

``read(text)`` finds the kinds of words a harsh inner voice tends to use
(labels, shoulds, all-or-nothing words, commands, comparisons, worst-case
predictions, mind reading) and says exactly where they are. ``reflect`` turns
what was found into one or two plain sentences that quote the critic's own
words back; ``summarise`` counts kinds and words over many dialogues.

Everything it knows lives in ``data/lens.toml`` (patterns, negation words,
wording; see the notes at the top of that file), which lens_file.py reads, checks
and compiles once, the first time a function here is called; the kinds' human
names (``kinds``, ``kind_name``) come from there too.

Decisions worth knowing:

* Spans always index the original string: nothing is rewritten before
  matching. Case is ignored and every apostrophe in a pattern also accepts the
  curly and look-alike ones, so "you're", "you’re", "youre" and "you are" all
  work.
* Negation is checked in the few words before a match, within the same clause:
  "I'm not lazy", "you're not useless", "I don't think they hate me" and "not
  always" find nothing. "Don't be so pathetic" is an order, not a denial, so
  "pathetic" is still a label there. "never" is not a negation word: the critic
  says "you'll never be anything but a failure".
* "I'm never going to be good enough" is an all-or-nothing word ("never") and
  a label ("never going to be good enough"): feeling not good enough is one of
  the critic's most common verdicts on the whole self.
* Quoted or reported speech counts: in ``my teacher said "you're lazy"`` the
  words are still the ones the critic repeats. An opening quote starts a new
  clause, so a "not" outside the quote does not cancel the words inside it.
* Labels mark only the label ("lazy", "failure"), with the subject and
  intensifiers as context; the other kinds mark their whole phrase ("should
  have", "get it together", "you'll end up alone", "they must hate you").
* Overlapping findings of one kind are merged; different kinds may overlap
  ("everyone else" is a comparison and an all-or-nothing word).
* This is a reading of words, never of a person: it diagnoses nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping

from .lens_file import APOS_TABLE, APOSTROPHES, KINDS, Lens, the_lens

# Where a clause starts, for the negation look-back. Not ' or ’: they are apostrophes.
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n\r\"“”‘«»„()\[\]{}—–…]|\s-\s")
_TOKEN = re.compile(r"[\w" + APOSTROPHES + r"]+")
_SPACES = re.compile(r"\s+")
_LOOKBACK_CHARS = 120


@dataclass(frozen=True)
class Finding:
    """One thing the lens noticed. ``text == source[start:end]`` exactly."""

    kind: str
    start: int
    end: int
    text: str


class Summary(Mapping[str, int]):
    """Counts over many texts. Reads as ``{kind: findings}`` for every kind.

    ``top[kind]`` lists the most frequent matched words for that kind as
    ``(word, count)``, most frequent first; words are compared lower-cased with
    straight apostrophes and single spaces. ``texts`` is how many texts were
    read and ``texts_with[kind]`` how many of them had that kind at least once.
    """

    def __init__(
        self,
        counts: dict[str, int],
        top: dict[str, list[tuple[str, int]]],
        texts: int,
        texts_with: dict[str, int],
    ) -> None:
        self.counts = counts
        self.top = top
        self.texts = texts
        self.texts_with = texts_with

    def __getitem__(self, kind: str) -> int:
        return self.counts[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self.counts)

    def __len__(self) -> int:
        return len(self.counts)

    def __repr__(self) -> str:
        return f"Summary({self.counts!r}, texts={self.texts})"


# --- reading -------------------------------------------------------------------


def _negated(text: str, pos: int, lens: Lens) -> bool:
    before = text[max(0, pos - _LOOKBACK_CHARS) : pos]
    clause = _CLAUSE_BREAK.split(before)[-1]
    if lens.not_negation is not None:
        clause = lens.not_negation.sub(" ", clause)
    tokens = _TOKEN.findall(clause)[-lens.window :]
    for token in tokens:
        word = token.lower().translate(APOS_TABLE).strip("'")
        if word in lens.negators:
            return True
        if lens.ending and (word.endswith(lens.ending) or _bare_nt(word, lens.ending)):
            return True
    return False


# Contractions written without the apostrophe: dont, isnt, cant, wont, ...
_BARE_NT = frozenset(
    "dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt shouldnt "
    "hasnt havent hadnt aint mustnt neednt".split()
)


def _bare_nt(word: str, ending: str) -> bool:
    return ending == "n't" and word in _BARE_NT


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # the same test as the regex \\w


def _lower(text: str) -> str:
    """Lower-case without moving any index: a letter whose lower case is longer
    than one character (e.g. "İ") is left as it is."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(lo := ch.lower()) != 1 else lo for ch in text)


def read(text: str) -> list[Finding]:
    """Find the critic's patterns in ``text``, sorted by where they start.

    Overlapping findings of one kind are merged into one; each finding's
    ``text`` is exactly ``text[start:end]`` of the string given.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    lens = the_lens()
    low = _lower(text)
    spans: dict[str, list[tuple[int, int]]] = {}
    negated: dict[int, bool] = {}
    for pattern in lens.patterns:
        search = pattern.regex.search
        pos = 0
        while (m := search(low, pos)) is not None:
            at = m.start()
            if at > 0 and _is_word(low[at - 1]):
                # Began inside a word ("always" in "hallways"): look again one on.
                pos = at + 1
                continue
            pos = m.end() if m.end() > at else at + 1
            start, end = m.span("w") if pattern.marked else m.span()
            if start < 0 or start == end:
                continue
            if pattern.guarded:
                if at not in negated:
                    negated[at] = _negated(text, at, lens)
                if negated[at]:
                    continue
            spans.setdefault(pattern.kind, []).append((start, end))

    findings: list[Finding] = []
    for kind, found in spans.items():
        found.sort()
        cur_start, cur_end = found[0]
        for start, end in found[1:]:
            if start < cur_end:
                cur_end = max(cur_end, end)
            else:
                findings.append(Finding(kind, cur_start, cur_end, text[cur_start:cur_end]))
                cur_start, cur_end = start, end
        findings.append(Finding(kind, cur_start, cur_end, text[cur_start:cur_end]))
    order = {k: i for i, k in enumerate(KINDS)}
    findings.sort(key=lambda f: (f.start, order[f.kind], f.end))
    return findings


def _key(words: str) -> str:
    return _SPACES.sub(" ", words.translate(APOS_TABLE)).strip().lower()


# --- reflecting --------------------------------------------------------------


def reflect(findings: Iterable[Finding], limit: int = 2) -> list[str]:
    """At most ``limit`` gentle sentences, each quoting the critic's words.

    The kinds found most often come first; ties follow the display order of
    ``KINDS``. Each sentence quotes up to ``max_words`` different words of
    its kind, in the order they were written. Nothing found gives ``[]``.
    """
    if limit <= 0:
        return []
    lens = the_lens()
    words: dict[str, dict[str, str]] = {}
    counts: Counter[str] = Counter()
    for f in sorted(findings, key=lambda f: f.start):
        if f.kind not in lens.phrases:
            continue
        counts[f.kind] += 1
        shown = _SPACES.sub(" ", f.text).strip()
        if shown:
            words.setdefault(f.kind, {}).setdefault(_key(shown), shown)

    ref = lens.reflect
    order = sorted(
        (k for k in KINDS if words.get(k)), key=lambda k: (-counts[k], KINDS.index(k))
    )
    sentences: list[str] = []
    for kind in order[:limit]:
        chosen = list(words[kind].values())[: ref["max_words"]]
        quoted = [f"{ref['open_quote']}{w}{ref['close_quote']}" for w in chosen]
        if len(quoted) == 1:
            listed = quoted[0]
        else:
            listed = ref["list_comma"].join(quoted[:-1]) + ref["list_and"] + quoted[-1]
        phrase = lens.phrases[kind].replace("{words}", listed)
        template = ref["first"] if not sentences else ref["then"]
        sentences.append(template.replace("{phrase}", phrase))
    return sentences


# --- statistics --------------------------------------------------------------


def summarise(texts: Iterable[str | None], top: int = 3) -> Summary:
    """Count what the lens finds over many texts (e.g. every "Find" answer).

    Empty or missing texts are skipped. Every kind appears in the counts,
    with 0 when it was never found.
    """
    counts = {k: 0 for k in KINDS}
    texts_with = {k: 0 for k in KINDS}
    words: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    read_count = 0
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            continue
        read_count += 1
        seen: set[str] = set()
        for f in read(text):
            counts[f.kind] += 1
            words[f.kind][_key(f.text)] += 1
            seen.add(f.kind)
        for kind in seen:
            texts_with[kind] += 1
    top_words = {k: words[k].most_common(max(top, 0)) for k in KINDS}
    return Summary(counts, top_words, read_count, texts_with)
