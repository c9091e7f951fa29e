"""A small learned scorer for words that only might mean danger: the maybe tier's second opinion.

The word lists in data/safety.toml catch what they were written for; phrasing they have
never seen slips past them. This scorer is a logistic regression over the words, word
pairs and word stems of each sentence, trained on the project's own example phrases
(``training/safety/``, regenerated with ``make safety-scorer``). It only ever adds the
*maybe* tier (one gentle question), never the crisis panel: the panel stays with the
rules, which say why they matched.

The weights are one float32 per hashed feature in ``data/safety_scorer.weights``, with a
small header in ``data/safety_scorer.toml`` (bucket count, bias, threshold, the training
summary). Both are read once, on the first text checked, with the standard library only
(``zlib``, ``array``, ``tomllib``): a check-in's short process pays about a millisecond.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from functools import lru_cache

from innercritic.engine.safety_rules import SafetyFileError

HEADER_NAME = "safety_scorer.toml"
WEIGHTS_NAME = "safety_scorer.weights"
FORMAT_VERSION = 1
FEW_FEATURES = 8
STEM = 5  # longer words also count by their first five letters (hurting, hurts, hurtful)

_WORD = re.compile(r"[^\W\d_]+|\d+")
_SENTENCE_STOPS = re.compile(r"[.!?;\n]+")


def pieces(cleaned: str) -> list[str]:
    """What is scored in an already cleaned text: the whole, and each sentence if there are several."""
    parts = [part for part in _SENTENCE_STOPS.split(cleaned) if part.strip()]
    return [cleaned, *parts] if len(parts) > 1 else parts


def features(sentence: str, hints: tuple[str, ...] = ()) -> list[str]:
    """The distinct features of one cleaned sentence: words, word pairs, word stems.

    ``hints`` name what the word lists made of the whole text (e.g. "maybe",
    "maybe:farewell"), so the scorer can weigh a list's match by its context.
    """
    words = _WORD.findall(sentence)
    found = ["r:" + hint for hint in hints]
    found += ["w:" + word for word in words]
    found += ["p:" + first + " " + second for first, second in zip(words, words[1:])]
    found += ["s:" + word[:STEM] for word in words if len(word) > STEM]
    return list(dict.fromkeys(found))


def bucket(feature: str, bits: int) -> int:
    """The weight slot of a feature: a stable hash (never Python's salted ``hash``)."""
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


def scale(count: int) -> float:
    """How much each feature counts: 1/sqrt(count), but a text shorter than FEW_FEATURES counts
    as that long, so a lone word (a part's name, "tired") is never weighed like a sentence."""
    return max(count, FEW_FEATURES) ** -0.5


def hints_for(found: tuple[str, str] | None) -> tuple[str, ...]:
    """The hints for a word-list result (tier, family) on the maybe tier; none otherwise."""
    if found is None or found[0] != "maybe":
        return ()
    return (found[0], found[0] + ":" + found[1])


def sentence_score(weights: "array[float]", bias: float, bits: int, sentence: str, hints: tuple[str, ...] = ()) -> float:
    """The scorer's logit for one sentence (features scaled by 1/sqrt(count), see scale())."""
    found = features(sentence, hints)
    if not found:
        return float("-inf")
    return bias + scale(len(found)) * sum(weights[bucket(feature, bits)] for feature in found)


class Scorer:
    """Trained weights with the threshold above which a sentence brings the gentle question."""

    __slots__ = ("bits", "bias", "threshold", "weights")

    def __init__(self, *, bits: int, bias: float, threshold: float, weights: "array[float]") -> None:
        self.bits, self.bias, self.threshold, self.weights = bits, bias, threshold, weights

    def score(self, cleaned: str, hints: tuple[str, ...] = ()) -> float:
        """The highest logit over the text and its sentences (an already cleaned text)."""
        return max(
            (sentence_score(self.weights, self.bias, self.bits, part, hints) for part in pieces(cleaned)),
            default=float("-inf"),
        )

    def worried(self, cleaned: str, hints: tuple[str, ...] = ()) -> bool:
        return self.score(cleaned, hints) >= self.threshold


def read_scorer(header_path: str, weights_path: str) -> Scorer:
    """Read and check the header and the weights; any problem raises SafetyFileError."""
    import tomllib

    try:
        with open(header_path, "rb") as handle:
            header = tomllib.load(handle)
        with open(weights_path, "rb") as handle:
            raw = handle.read()
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SafetyFileError(header_path, f"the learned scorer cannot be read ({error})") from None
    try:
        if header["format"] != FORMAT_VERSION:
            raise SafetyFileError(header_path, f"format {header['format']} is not {FORMAT_VERSION}")
        bits = int(header["bits"])
        bias = float(header["bias"])
        threshold = float(header["threshold"])
        crc = int(header["weights_crc32"])
    except (KeyError, TypeError, ValueError) as error:
        raise SafetyFileError(header_path, f"incomplete header ({error})") from None
    weights = array("f")
    if len(raw) != 4 * (1 << bits) or zlib.crc32(raw) != crc:
        raise SafetyFileError(weights_path, f"does not match {header_path}; retrain with `make safety-scorer`")
    weights.frombytes(raw)
    if sys.byteorder != "little":
        weights.byteswap()
    return Scorer(bits=bits, bias=bias, threshold=threshold, weights=weights)


@lru_cache(maxsize=1)
def shipped_scorer() -> Scorer:
    from innercritic.resources import data_path

    return read_scorer(data_path(HEADER_NAME), data_path(WEIGHTS_NAME))
