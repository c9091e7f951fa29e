"""The safety check's learned scorer: shipped fresh, read safely, deciding only the gentle question."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from innercritic.engine import safety_scorer
from innercritic.engine.safety import CLEAR, MAYBE, SCORER_FAMILY, check, explain, load_safety
from innercritic.engine.safety_rules import SafetyFileError, clean_text
from innercritic.resources import data_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trainer():
    spec = importlib.util.spec_from_file_location("train_safety_scorer", ROOT / "training" / "train_safety_scorer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def phrases(trainer):
    return trainer.sources()


def _header() -> dict:
    import tomllib

    with open(data_path(safety_scorer.HEADER_NAME), "rb") as handle:
        return tomllib.load(handle)


def test_the_shipped_scorer_was_trained_on_todays_phrases_and_word_lists(trainer, phrases):
    # Editing a phrase file, the word lists or a training setting without
    # `make safety-scorer` leaves a stale scorer: this fails until it is retrained.
    assert _header()["trained_on"] == trainer.fingerprint(phrases)


def test_the_honest_set_is_never_trained_on(trainer, phrases):
    assert trainer.HONEST_SET == "bench/heldback6"
    assert not any(folder == trainer.HONEST_SET for _, folder in trainer.FOLDERS)
    honest = set()
    for name in ("risk.txt", "ordinary.txt", "answers.txt"):
        lines = (ROOT / trainer.HONEST_SET / name).read_text(encoding="utf-8").splitlines()
        honest |= {clean_text(line) for line in lines if line.strip() and not line.lstrip().startswith("#")}
    shared = sum(clean_text(text) in honest for _, text, _ in phrases)
    # Only the count is reported: the honest set's lines are never printed.
    assert shared == 0, f"{shared} training phrases are also in the honest set"


def test_training_is_repeatable_to_the_byte(trainer, phrases):
    sample = trainer.hinted(phrases[::40], load_safety())
    assert trainer.fit(sample) == trainer.fit(sample)


def test_the_scorer_catches_much_that_the_word_lists_miss_and_only_ever_asks(phrases):
    rules = load_safety()
    missed = [text for _, text, label in phrases[::3] if label == 1 and rules.explain(text) is None]
    assert len(missed) > 150
    asked = [text for text in missed if check(text) is not None]
    assert {check(text) for text in asked} == {MAYBE}
    assert {explain(text) for text in asked} == {(MAYBE, SCORER_FAMILY)}
    assert len(asked) > 0.8 * len(missed)


def test_the_scorer_can_quiet_a_word_list_match_in_an_ordinary_context(phrases):
    rules = load_safety()
    flagged = [text for _, text, label in phrases[::2] if label == 0 and rules.check(text) == MAYBE]
    assert flagged, "the word lists' maybe tier fires on some ordinary training phrases"
    assert sum(check(text) is None for text in flagged) > 0.5 * len(flagged)


def test_clear_words_never_go_through_the_scorer():
    # The panel is the word lists' decision alone, whatever the scorer thinks.
    assert check("I want to kill myself") == CLEAR
    assert explain("I want to kill myself")[0] == CLEAR


def test_long_text_is_scored_sentence_by_sentence(phrases):
    rules = load_safety()
    risky = next(text for _, text, label in phrases
                 if label == 1 and rules.explain(text) is None and check(text) == MAYBE and "." not in text)
    ordinary_day = "Work was long and the bus was late. I made soup and watched the rain for a while."
    assert check(ordinary_day) is None
    assert check(f"{ordinary_day} {risky}.") == MAYBE


def _copies(tmp_path: Path) -> tuple[Path, Path]:
    header = tmp_path / safety_scorer.HEADER_NAME
    weights = tmp_path / safety_scorer.WEIGHTS_NAME
    shutil.copyfile(data_path(safety_scorer.HEADER_NAME), header)
    shutil.copyfile(data_path(safety_scorer.WEIGHTS_NAME), weights)
    return header, weights


def test_a_copy_of_the_shipped_files_reads_back_the_same_scores(tmp_path):
    header, weights = _copies(tmp_path)
    copy = safety_scorer.read_scorer(str(header), str(weights))
    text = clean_text("I keep thinking everyone would manage fine without me")
    assert copy.score(text) == safety_scorer.shipped_scorer().score(text)


@pytest.mark.parametrize(
    "damage",
    [
        lambda header, weights: weights.write_bytes(weights.read_bytes()[:-4]),
        lambda header, weights: weights.write_bytes(bytes([weights.read_bytes()[0] ^ 0xFF]) + weights.read_bytes()[1:]),
        lambda header, weights: header.write_text("format = 1\nbits = 16\n", encoding="utf-8"),
        lambda header, weights: header.write_text("format = [", encoding="utf-8"),
        lambda header, weights: weights.unlink(),
    ],
    ids=["short weights", "changed weights", "incomplete header", "broken toml", "missing weights"],
)
def test_damaged_scorer_files_are_refused_in_one_line_naming_the_file(tmp_path, damage):
    header, weights = _copies(tmp_path)
    damage(header, weights)
    with pytest.raises(SafetyFileError) as caught:
        safety_scorer.read_scorer(str(header), str(weights))
    message = str(caught.value)
    assert "\n" not in message
    assert str(tmp_path) in message


# Everyday answers the tests type. The scorer still asks about a few such answers (a few in
# 100 in the benchmark's answers.txt sets, e.g. some "tired of ..." phrasings): the bench counts them.
EVERYDAY_ANSWERS = [
    "Pusher", "The Judge", "Clipboard", "Taskmaster", "Mum's voice", "my gran", "parts", "name",
    "tired", "not sure", "I don't know", "nothing really", "chest", "my throat", "a bit calmer",
    "That I can be kind to myself", "It is fed up with being ignored", "A kind person trying their best",
    "I told it twice this week. It went quiet for a bit.", "It wants me to be safe from being laughed at",
    "you're lazy and everyone can see it", "that I'll be found out at work",
]


@pytest.mark.parametrize("text", EVERYDAY_ANSWERS)
def test_everyday_answers_bring_no_question(text):
    assert check(text) is None
