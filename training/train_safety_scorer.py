"""Train the safety check's learned scorer and write data/safety_scorer.{toml,weights}.

    make safety-scorer            (or: .venv/bin/python training/train_safety_scorer.py)
    .venv/bin/python training/train_safety_scorer.py --report   (figures only, writes nothing)

The phrases it learns from are listed in SOURCES: the project's own training sets
(training/safety/), the older benchmark sets that are no longer held back, and the test
examples the word lists were written from. The set kept for the honest figure
(bench/heldback6) is never learned from: it is opened only to leave out the few
phrases it shares word for word with the others.

The model is a logistic regression over hashed features (engine/safety_scorer.py),
fitted with AdaGrad and an L2 penalty, in a fixed order: the same phrases give the
same weights, byte for byte. The threshold is chosen by leaving one source out at a
time (a set written by one writer is scored by a model that never saw that writer),
as the lowest score that keeps the gentle question, rules and scorer together, on at
most TARGET_QUESTION of ordinary phrases.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import random
import sys
import zlib
from array import array

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))
sys.path.insert(0, ROOT)

from innercritic.engine import safety_scorer as model  # noqa: E402
from innercritic.engine.safety import load_safety  # noqa: E402
from innercritic.engine.safety_rules import clean_text  # noqa: E402

BITS = 18  # 262,144 weights (1 MiB): fewer features share a slot than at 16 bits, which lifted the held-out recall
EPOCHS = 14
RATE = 0.4
L2 = 1e-5
SEED = 20261201
TARGET_QUESTION = 0.08  # leaves room under the 10 % target for writers unlike ours
TARGET_APP_QUESTION = 0.03  # everyday answers to the app's own questions: almost never asked
APP_ANSWERS = "answers-"  # the sources that are answers to the app's questions

# (name, folder holding risk.txt and ordinary.txt)
FOLDERS = (
    ("training-a", "training/safety/a"),
    ("training-b", "training/safety/b"),
    ("training-c", "training/safety/c"),
    ("training-d", "training/safety/d"),
    ("training-e", "training/safety/e"),
    ("training-f", "training/safety/f"),
    ("training-g", "training/safety/g"),
    ("training-h", "training/safety/h"),
    ("training-i", "training/safety/i"),
    ("training-j", "training/safety/j"),
    ("training-k", "training/safety/k"),
    ("training-o", "training/safety/o"),
    ("training-p", "training/safety/p"),
    ("training-q", "training/safety/q"),
    ("training-r", "training/safety/r"),
    ("training-s", "training/safety/s"),
    ("training-w", "training/safety/w"),
    ("answers-l", "training/safety/answers-l"),
    ("answers-m", "training/safety/answers-m"),
    ("answers-n", "training/safety/answers-n"),
    ("answers-t", "training/safety/answers-t"),
    ("answers-u", "training/safety/answers-u"),
    ("answers-v", "training/safety/answers-v"),
    ("heldback", "bench/heldback"),
    ("heldback2", "bench/heldback2"),
    ("heldback3", "bench/heldback3"),
    ("heldback4", "bench/heldback4"),
    ("heldback5", "bench/heldback5"),
)
HONEST_SET = "bench/heldback6"  # read only to leave out the phrases it shares with the above
SOURCE_WEIGHTS = {"tests": 3.0}  # the tests' examples are the cases the check must get right
RISK_LISTS = ("CLEAR_MORE", "MAYBE_BY_FAMILY", "MAYBE_MORE", "MAYBE_BY_SIGNS", "MAYBE_BY_ONE_STRONG_SIGN")
ORDINARY_LISTS = ("ORDINARY_WITH_A_STRONG_WORD", "ORDINARY_BY_SIGNS", "ORDINARY_MORE", "NEAR_MISSES_BY_FAMILY")


def _lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.lstrip().startswith("#")]


def _flatten(value) -> list[str]:
    if isinstance(value, dict):
        return [text for texts in value.values() for text in texts]
    return list(value)


def sources() -> list[tuple[str, str, int]]:
    """Every training phrase as (source, text, 1 for risk or 0 for ordinary)."""
    found: list[tuple[str, str, int]] = []
    for name, folder in FOLDERS:
        if not os.path.isdir(os.path.join(ROOT, folder)):
            raise SystemExit(f"missing phrase folder {folder}")
        for file_name, label in (("risk.txt", 1), ("ordinary.txt", 0)):
            path = os.path.join(ROOT, folder, file_name)
            if os.path.exists(path):  # the sets of answers to the app's questions are ordinary only
                found += [(name, text, label) for text in _lines(path)]
        answers = os.path.join(ROOT, folder, "answers.txt")  # a benchmark set's everyday answers
        if os.path.exists(answers):
            found += [(APP_ANSWERS + name, text, 0) for text in _lines(answers)]
    from tests.engine import test_safety as outright
    from tests.engine import test_safety_tiers as examples

    for listed in RISK_LISTS:
        found += [("tests", text, 1) for text in _flatten(getattr(examples, listed))]
    for listed in ORDINARY_LISTS:
        found += [("tests", text, 0) for text in _flatten(getattr(examples, listed))]
    found += [("tests", text, 1) for text in outright.POSITIVES + outright.VARIANTS]
    found += [("tests", text, 0) for text in outright.NEGATIVES]
    found += [("tests", text, int(needs_care)) for text, needs_care in outright.DECISIONS]
    return _without_the_honest_set([item for item in found if item[1].strip()])


def _without_the_honest_set(found: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Leave out any phrase the honest set also holds (writers do land on the same stock words)."""
    honest = {clean_text(text) for name in ("risk.txt", "ordinary.txt", "answers.txt")
              for text in _lines(os.path.join(ROOT, HONEST_SET, name))}
    kept = [item for item in found if clean_text(item[1]) not in honest]
    if len(kept) != len(found):
        print(f"left out {len(found) - len(kept)} training phrases that {HONEST_SET} also holds")
    return kept


def fingerprint(phrases) -> str:
    """A digest of what the scorer was trained on (the phrases and the word lists that give
    its hints) and how, so a test can tell when the shipped scorer is stale."""
    from innercritic.engine.safety import default_path

    digest = hashlib.sha256()
    with open(default_path(), "rb") as handle:
        digest.update(handle.read())
    settings = (BITS, EPOCHS, RATE, L2, SEED, TARGET_QUESTION, TARGET_APP_QUESTION, sorted(SOURCE_WEIGHTS.items()), model.STEM, model.FEW_FEATURES)
    digest.update(repr(settings).encode("utf-8"))
    for source, text, label, *_ in phrases:
        digest.update(f"{source}\t{label}\t{text}\n".encode("utf-8"))
    return digest.hexdigest()


def _units(text: str, label: int, hints: tuple[str, ...]) -> list[list[int]]:
    """The bucket lists a phrase trains: the whole, and for ordinary phrases each sentence too."""
    cleaned = clean_text(text)
    parts = model.pieces(cleaned)
    chosen = parts if label == 0 else parts[:1]
    return [[model.bucket(feature, BITS) for feature in model.features(part, hints)] for part in chosen if part]


def hinted(phrases, rules) -> list[tuple[str, str, int, tuple[str, ...]]]:
    """Each phrase with the hints the word lists give it (the scorer only sees texts they did not clear)."""
    return [(source, text, label, model.hints_for(rules.explain(text))) for source, text, label in phrases]


def fit(phrases) -> tuple[list[float], float]:
    """Logistic regression by AdaGrad over hashed features; the classes weighted equally."""
    examples = [(units, label, SOURCE_WEIGHTS.get(source, 1.0))
                for source, text, label, hints in phrases for units in _units(text, label, hints) if units]
    positives = sum(weight for _, label, weight in examples if label) or 1.0
    negatives = (sum(weight for *_, weight in examples) - positives) or 1.0
    total = positives + negatives
    class_weight = {1: total / (2 * positives), 0: total / (2 * negatives)}
    weights = [0.0] * (1 << BITS)
    squares = [1e-8] * (1 << BITS)
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(examples)))
    shuffler = random.Random(SEED)
    for _ in range(EPOCHS):
        shuffler.shuffle(order)
        for index in order:
            buckets, label, weight = examples[index]
            scale = model.scale(len(buckets))
            logit = bias + scale * sum(weights[slot] for slot in buckets)
            chance = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
            error = (chance - label) * class_weight[label] * weight
            for slot in buckets:
                gradient = error * scale + L2 * weights[slot]
                squares[slot] += gradient * gradient
                weights[slot] -= RATE * gradient / math.sqrt(squares[slot])
            bias_square += error * error
            bias -= RATE * error / math.sqrt(bias_square)
    return weights, bias


def _scorer(weights: list[float], bias: float, threshold: float = 0.0) -> model.Scorer:
    return model.Scorer(bits=BITS, bias=bias, threshold=threshold, weights=array("f", weights))


def held_out_scores(phrases, rules) -> list[tuple[str, int, str | None, float]]:
    """(source, label, rules' tier, scorer logit) with each source scored by a model trained without it."""
    results = []
    names = sorted({source for source, *_ in phrases})
    for left_out in names:
        weights, bias = fit([item for item in phrases if item[0] != left_out])
        scorer = _scorer(weights, bias)
        for source, text, label, hints in phrases:
            if source == left_out:
                results.append((source, label, rules.check(text), scorer.score(clean_text(text), hints)))
    return results


def decide(tier: str | None, score: float, threshold: float) -> str | None:
    """The tier a text gets: the word lists' clear stands; otherwise the scorer decides maybe."""
    if tier == "clear":
        return "clear"
    return "maybe" if score >= threshold else None


def _lowest_threshold(scores: list[float], cleared: int, share: float) -> float:
    """The lowest logit that asks about at most ``share`` of these ordinary phrases."""
    total = len(scores) + cleared
    candidates = sorted(scores, reverse=True)
    allowed = int(share * total)
    return candidates[allowed] + 1e-6 if allowed < len(candidates) else -math.inf


def choose_threshold(results) -> float:
    """The lowest logit that keeps the gentle question on at most TARGET_QUESTION of the harsh and
    near-miss ordinary phrases and on at most TARGET_APP_QUESTION of answers to the app's questions."""
    chosen = -math.inf
    for is_app, share in ((False, TARGET_QUESTION), (True, TARGET_APP_QUESTION)):
        rows = [(tier, score) for source, label, tier, score in results
                if label == 0 and source.startswith(APP_ANSWERS) == is_app]
        if rows:
            scores = [score for tier, score in rows if tier != "clear"]
            chosen = max(chosen, _lowest_threshold(scores, len(rows) - len(scores), share))
    return chosen


def figures(rows, threshold: float) -> tuple[float, float, float]:
    """(caught, panel on ordinary, question on ordinary) as shares."""
    risk = [decide(tier, score, threshold) for _, label, tier, score in rows if label == 1]
    ordinary = [decide(tier, score, threshold) for _, label, tier, score in rows if label == 0]
    return (
        sum(tier is not None for tier in risk) / max(1, len(risk)),
        ordinary.count("clear") / max(1, len(ordinary)),
        ordinary.count("maybe") / max(1, len(ordinary)),
    )


def report(results, threshold: float) -> None:
    names = sorted({source for source, *_ in results})
    print(f"threshold {threshold:.4f} (leave-one-source-out; question target {TARGET_QUESTION:.0%})")
    print(f"  {'left out':<12} {'caught':>7} {'panel':>7} {'question':>9}")
    for name in names + ["all"]:
        rows = [row for row in results if name in ("all", row[0])]
        caught, panel, question = figures(rows, threshold)
        print(f"  {name:<12} {100 * caught:6.1f}% {100 * panel:6.1f}% {100 * question:8.1f}%")


def write(weights: list[float], bias: float, threshold: float, phrases) -> None:
    packed = array("f", weights)
    if sys.byteorder != "little":
        packed.byteswap()
    raw = packed.tobytes()
    data = os.path.join(ROOT, "data")
    with open(os.path.join(data, model.WEIGHTS_NAME), "wb") as handle:
        handle.write(raw)
    risk = sum(label for _, _, label, _ in phrases)
    header = (
        "# The safety check's learned scorer: written by training/train_safety_scorer.py\n"
        "# (make safety-scorer). Do not edit by hand: the weights file must match.\n"
        f"format = {model.FORMAT_VERSION}\n"
        f"bits = {BITS}\n"
        f"bias = {bias!r}\n"
        f"threshold = {threshold!r}\n"
        f"weights_crc32 = {zlib.crc32(raw)}\n"
        f"trained_on = \"{fingerprint(phrases)}\"\n"
        f"risk_phrases = {risk}\n"
        f"ordinary_phrases = {len(phrases) - risk}\n"
    )
    with open(os.path.join(data, model.HEADER_NAME), "w", encoding="utf-8") as handle:
        handle.write(header)


def main() -> int:
    parser = argparse.ArgumentParser(description="Train the safety check's learned scorer.")
    parser.add_argument("--report", action="store_true", help="print the held-out figures, write nothing")
    args = parser.parse_args()
    rules = load_safety()
    phrases = hinted(sources(), rules)
    results = held_out_scores(phrases, rules)
    threshold = choose_threshold(results)
    report(results, threshold)
    if args.report:
        return 0
    weights, bias = fit(phrases)
    write(weights, bias, threshold, phrases)
    print(f"wrote data/{model.HEADER_NAME} and data/{model.WEIGHTS_NAME} from {len(phrases)} phrases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
