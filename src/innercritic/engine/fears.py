"""Which fears come up most in a person's answers: the counting behind the
"what the critic fears" part of `innercritic stats` and the Insights screen.

Pure text work, stdlib only. An answer is cut into phrases at punctuation and
joining words ("and", "but"); single meaningful words and short phrases are
counted once per answer, plurals folded into singulars, and a phrase that
only ever appears inside a longer kept one is not repeated.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# Curly and look-alike apostrophes read as a plain one ("I’d" is "I'd").
APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼ`´"})
# Hard breaks between phrases: punctuation, dashes between words, line breaks.
_BREAKS = re.compile(r"[.!?;:,\n\r\"“”«»()\[\]{}/…]|\s[-–—]+\s|[–—]")
_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Words joining two separate fears ("being alone and useless"): phrase boundaries.
_JOINERS = frozenset("and or but so because then nor yet".split())
# Words that carry little on their own. Includes the words of the Fears prompts
# themselves ("afraid", "happen", "stopped", "protecting"), which answers echo.
STOP_WORDS = frozenset(
    """
    a about above after again against all almost also am an any anyone anything are aren't around as at
    away back be became because become been before being below between both but by can can't cannot
    could couldn't did didn't do does doesn't doing don't dont done down during each either even ever
    every few for from further get gets getting go goes going gone gonna got had hadn't has hasn't have
    haven't having he he'd he'll he's her here hers herself him himself his how however i i'd i'll i'm
    i've id if ill im in into is isn't it it'd it'll it's its itself ive just keep kind last least less
    let let's like lot lots made make makes making many may maybe me might mine more most much must
    mustn't my myself need needs never no nobody none nor not nothing now of off often oh ok okay on
    once one only onto or other others otherwise our ours ourselves out over own perhaps put quite
    rather really same say says see seem seems she she'd she'll she's should shouldn't since so some
    somebody someone something sometimes still such sure take than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've thing things think this
    those though through thus till to too toward towards under until up upon us very via want wanted
    wants was wasn't way we we'd we'll we're we've well were weren't what what's whatever when where
    whether which while who who's whom whose why will with within without won't would wouldn't yeah
    yes yet you you'd you'll you're you've your yours yourself yourselves youd youll youre youve
    afraid scared worried worry fear fears feared happen happens happened happening stop stops stopped
    stopping protect protects protected protecting protection guess probably actually basically
    somehow anymore start started everything everyone everybody always else something
    exactly feeling feelings feel feels felt totally completely literally sort honestly simply
    """.split()
)
# May open a phrase though not a word by themselves: "not enough", "too much", "no one".
_PHRASE_OPENERS = frozenset("not no never too".split())
# May close a phrase though not a word by themselves: "left out", "giving up", "too much".
_PHRASE_CLOSERS = frozenset("out up down off away over behind much one else".split())
FEAR_LIMIT = 8


def _segments(text: str) -> list[list[str]]:
    """Runs of lower-case words between hard breaks and joining words."""
    segments: list[list[str]] = []
    for piece in _BREAKS.split(text.lower().translate(APOSTROPHES)):
        current: list[str] = []
        for word in _WORDS.findall(piece):
            if word in _JOINERS:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append(word)
        if current:
            segments.append(current)
    return segments


def _is_content(word: str) -> bool:
    return word not in STOP_WORDS and len(word) >= 3 and not word.isdigit()


def _candidates(segments: list[list[str]]) -> set[tuple[str, ...]]:
    """Each content word and each 2-3 word phrase that starts and ends on a meaningful word."""
    found: set[tuple[str, ...]] = set()
    for words in segments:
        for i, word in enumerate(words):
            if _is_content(word):
                found.add((word,))
            for n in (2, 3):
                gram = tuple(words[i : i + n])
                if len(gram) < n:
                    break
                first, last = gram[0], gram[-1]
                if not (_is_content(first) or first in _PHRASE_OPENERS):
                    continue
                if not (_is_content(last) or last in _PHRASE_CLOSERS):
                    continue
                if not any(_is_content(w) for w in gram):
                    continue
                found.add(gram)
    return found


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return n < len(longer) and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def count_fears(texts: Iterable[str | None], limit: int = FEAR_LIMIT) -> tuple[tuple[str, int], ...]:
    """The fears named most often, as (words, answers naming them), most often first.

    Single words (stop words left out) and short phrases ("left out", "not good
    enough") are both considered; a phrase is kept when it recurs or when it
    begins with not/no/never/too or ends on a particle ("left out", "giving
    up"), and a word or phrase that only ever appears inside a kept phrase is
    not repeated.
    A plural is counted with its singular when both are used ("mistakes",
    "mistake").
    """
    per_text: list[set[tuple[str, ...]]] = []
    vocabulary: set[str] = set()
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            continue
        segments = _segments(text)
        per_text.append(_candidates(segments))
        vocabulary.update(w for seg in segments for w in seg)

    def fold(word: str) -> str:
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word[:-1] in vocabulary:
            return word[:-1]
        return word

    counts: Counter[tuple[str, ...]] = Counter()
    for found in per_text:
        folded = {tuple(fold(w) for w in gram) for gram in found}
        counts.update(gram for gram in folded if len(gram) > 1 or _is_content(gram[0]))
    def keep(gram: tuple[str, ...]) -> bool:
        # A phrase counts when it recurs, or when it only means something whole
        # ("not good enough", "left out"); single words always count.
        return len(gram) == 1 or counts[gram] >= 2 or gram[0] in _PHRASE_OPENERS or gram[-1] in _PHRASE_CLOSERS

    ranked = sorted(
        (gram for gram in counts if keep(gram)),
        key=lambda gram: (-counts[gram], -len(gram), " ".join(gram)),
    )
    chosen: list[tuple[str, ...]] = []
    for gram in ranked:
        if any(_contains(kept, gram) and counts[kept] >= counts[gram] for kept in chosen):
            continue
        chosen.append(gram)
        if len(chosen) >= limit:
            break
    return tuple((" ".join(gram), counts[gram]) for gram in chosen)
