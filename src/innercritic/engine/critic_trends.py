"""The critic lens over time: which kinds of critic language recur, and whether less lately.

``critic_patterns`` summarises any texts; ``lens_over_time`` counts the report's critic
answers in the window's earlier and recent halves. The lens itself (engine/lens.py) is
imported only when there are words to read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from .fears import APOSTROPHES
from .trend_report import PatternCount


class CriticPattern(NamedTuple):
    """One kind of critic language over many texts: ``(kind, count, top_words)``."""

    kind: str
    count: int
    top_words: list[tuple[str, int]]


def critic_patterns(texts: Iterable[str | None], top: int = 3) -> list[CriticPattern]:
    """The lens's kinds found in the critic's words, most frequent first.

    Each item is ``(kind, count, top_words)`` with ``top_words`` as
    ``[(words, count), ...]``; kinds never found are left out. Use
    ``lens_file.kind_name(kind)`` for the human name.
    """
    from . import lens
    from .lens_file import KINDS

    summary = lens.summarise(texts, top=top)
    order = {kind: i for i, kind in enumerate(KINDS)}
    found = [CriticPattern(k, n, list(summary.top[k])) for k, n in summary.counts.items() if n > 0]
    found.sort(key=lambda p: (-p.count, order[p.kind]))
    return found


def _word_key(words: str) -> str:
    return " ".join(words.translate(APOSTROPHES).split()).lower()


def lens_over_time(
    texts: Sequence[tuple[date, str]], midpoint: date, top: int = 3, overall_top: int = 8
) -> tuple[tuple[PatternCount, ...], tuple[tuple[str, int], ...], int, int]:
    from . import lens
    from .lens_file import KINDS, kind_name

    counts = Counter[str]()
    earlier = Counter[str]()
    recent = Counter[str]()
    texts_with = Counter[str]()
    words = {kind: Counter[str]() for kind in KINDS}
    overall = Counter[str]()
    read_earlier = read_recent = 0
    for day, text in texts:
        findings = lens.read(text)
        is_recent = day >= midpoint
        if is_recent:
            read_recent += 1
        else:
            read_earlier += 1
        seen_kinds: set[str] = set()
        seen_spans: set[tuple[int, int]] = set()
        for f in findings:
            counts[f.kind] += 1
            (recent if is_recent else earlier)[f.kind] += 1
            key = _word_key(f.text)
            words[f.kind][key] += 1
            seen_kinds.add(f.kind)
            if (f.start, f.end) not in seen_spans:  # one span found by two kinds counts once
                seen_spans.add((f.start, f.end))
                overall[key] += 1
        texts_with.update(seen_kinds)
    order = {kind: i for i, kind in enumerate(KINDS)}
    patterns = [
        PatternCount(
            kind=kind, name=kind_name(kind), count=n, texts=texts_with[kind],
            earlier=earlier[kind], recent=recent[kind], top_words=tuple(words[kind].most_common(top)),
        )
        for kind, n in counts.items()
    ]
    patterns.sort(key=lambda p: (-p.count, order[p.kind]))
    return tuple(patterns), tuple(overall.most_common(overall_top)), read_earlier, read_recent
