"""The crisis-language check, its clear tier (engine/safety.py, data/safety.toml).

The maybe tier has its own examples in test_safety_tiers.py."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from innercritic.engine import safety, safety_rules
from innercritic.engine.safety import SafetyFileError, load_safety, needs_care

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(scope="module")
def rules():
    """The shipped file, fully compiled (every pattern checked on its own too)."""
    return load_safety()


# ---------------------------------------------------------------------------
# What must show the panel
# ---------------------------------------------------------------------------

POSITIVES = [
    # wanting to die
    "I want to die",
    "i wanna die",
    "I just want to die.",
    "some days I really want to die",
    "I wanted to die after that meeting",
    "I wish I was dead",
    "i wish i were dead",
    "I hope I die in my sleep",
    "honestly I'd be better off dead",
    "I deserve to die",
    "I should just die",
    "death would be a relief",
    "I keep thinking about death",
    "I'm ready to die",
    # not wanting to live or exist
    "i dont want to be here anymore",
    "I don't want to live anymore",
    "I don't want to be alive",
    "I want to stop existing",
    "I wish I had never been born",
    "I wish I didn't exist",
    "there's no reason to live",
    "I have nothing left to live for",
    "life isn't worth living",
    "what's the point of living",
    "I'm so tired of being alive",
    "I can't go on like this",
    "I can't keep living like this",
    "I've lost the will to live",
    "I wish I could disappear forever and not wake up",
    "I just want to disappear",
    "I want to go to sleep and never wake up",
    "I hope I don't wake up tomorrow",
    "I want it all to be over",
    "I don't want to be in this world",
    # suicidal thoughts
    "suicidal",
    "I've been feeling suicidal again",
    "having suicidal thoughts",
    "I'm thinking about suicide",
    "kill myself",
    "I'm going to kill myself",
    "sometimes I think about killing myself",
    "thinking about ending it all",
    "I want to end it",
    "I want to end my life",
    "I keep thinking of taking my own life",
    "I tried to kill myself last year",
    "kms",
    "i want to unalive myself",
    # self-harm
    "I've been cutting again",
    "I want to hurt myself",
    "I hurt myself last night",
    "I cut myself",
    "the urge to self-harm is strong today",
    "I've started self harming",
    "I burned myself with a lighter on purpose",
    "I keep scratching until I bleed",
    "I've been starving myself",
    "I want to cut",
    # plans and means
    "I'm thinking of taking all my pills at once",
    "how many pills would it take",
    "I've been stockpiling my meds",
    "I took a whole bottle of pills",
    "I want to overdose",
    "I looked up how to tie a noose",
    "I want to jump off a bridge",
    "I could just step in front of a train",
    "I know exactly how I'd do it",
    # goodbyes and burden
    "everyone would be better off without me",
    "my family would be happier without me",
    "the world would be better without me in it",
    "I'm nothing but a burden",
    "I'm a burden to everyone",
    "I'm tired of being a burden",
    "no one would miss me",
    "nobody would even notice if I was gone",
    "nobody would care if I died",
    "this is goodbye",
    "I'm giving away all my things",
    "by the time you read this I'll be gone",
    # the critic's own words
    "you should kill yourself",
    "kys",
    "you'd be better off dead",
    "you don't deserve to live",
    "you should never have been born",
    "everyone would be better off without you",
    "do everyone a favour and disappear",
    "why don't you just die",
    "nobody would miss you",
    "my friend is suicidal and I'm scared",
    "I'm not safe right now",
    "I'm a danger to myself",
]

# The same meaning, typed differently.
VARIANTS = [
    "I WANT TO DIE",
    "i   want    to\tdie",
    "I want\nto die",
    "I don’t want to be here anymore",  # curly apostrophe
    "I dont wanna be alive",
    "I do not want to live anymore",
    "I’m suicidal",
    "“I want to die”",  # curly quotes around it
    "Every­one would be better off without me",  # soft hyphen inside a word
    "sui\u200bcidal",  # zero-width space inside a word
    "self-harm",
    "self–harm",  # en dash
    "selfharm",
    "k1ll mys3lf",
    "su1c1dal",
    "s u i c i d e",
    "s.u.i.c.i.d.e",
    "i want to dieeeee",
    "kiiiill myself",
    "su*cide",
    "k*ll myself",
    "I want to d*e",
    "ｉ ｗａｎｔ ｔｏ ｄｉｅ",  # full-width letters
    "sucidal",  # misspelt
    "I want 2 die",
    "im gonna kill my self",
    "Honestly?? I want to die!!!",
    "this deadline is killing me and honestly I want to die",
]

# ---------------------------------------------------------------------------
# What must not: harsh self-talk, idioms, accidents, ordinary life
# ---------------------------------------------------------------------------

NEGATIVES = [
    # harsh self-talk, the journal's everyday material
    "I'm so stupid",
    "I'm useless",
    "I'm a failure",
    "I'm worthless",
    "I'm such an idiot",
    "I hate myself for being late",
    "I hate myself",
    "I hate my life sometimes",
    "you're going to fail",
    "nobody likes you",
    "you'll never be good enough",
    "you always mess everything up",
    "you'll die alone",
    "you're a waste of space",
    "nobody cares about me",
    "I feel like a burden when I ask for help",
    "I can't do this anymore",
    "I give up",
    "what's the point of even trying",
    "I'm beating myself up about the meeting",
    "I could kick myself for forgetting",
    "I feel dead inside",
    "I wanted to disappear when I tripped on stage",
    # idioms
    "this deadline is killing me",
    "my feet are killing me",
    "you're killing me, that's hilarious",
    "my boss will kill me if I'm late",
    "I could kill for a coffee",
    "I could murder a pizza",
    "I'm dying to see it",
    "dying for a cup of tea",
    "I'm dead tired",
    "I was dead on my feet by noon",
    "I nearly died laughing",
    "I wanted to die of embarrassment",
    "I could die of boredom in these meetings",
    "killing it at work today",
    "just killing time before the bus",
    "my code is dying",
    "my phone is about to die",
    "I want to die my hair blue",
    "I'm not going to die on this hill",
    "cross my heart and hope to die",
    "it would be career suicide",
    "we watched Suicide Squad",
    "I shot myself in the foot there",
    "I'm killing myself with work this month",
    "don't kill yourself over it",
    "I'm burning myself out",
    "I need to cut myself some slack",
    "I've been cutting myself off from friends",
    "I overdosed on caffeine",
    "I'm drowning myself in work",
    "I've lost the thread",
    # accidents named as accidents
    "I cut myself shaving",
    "I burned myself on the stove",
    "I hurt myself at the gym",
    "I hit myself on the cupboard door",
    # ordinary life with words near the patterns
    "I've been cutting back on sugar",
    "cutting corners again at work",
    "I cut my hair",
    "I took all my pills today like the doctor said",
    "I could sleep forever, so tired",
    "I live with my parents",
    "I don't want to live in London",
    "I don't want to go on the trip",
    "I can't keep going to these meetings",
    "I don't want to be here at this party",
    "I need to disappear for a bit",
    "we should end it with a question",
    "I want to end things with him",
    "at the end of the day it was fine",
    "my grandmother died last year",
    "I felt better after the walk",
    "I care about doing well",
    "nobody would notice if I left the party early",
    "a quick way to go home",
    "I'm dying inside, this meeting is so boring",
    "the plant is dying",
    "I ran 10 kms today",
    "The critic is loud today, about a 7",
    "breathing helped",
    "",
    "   ",
]


# The ambiguous phrasings, and what was decided (the reasons are in data/safety.toml).
DECISIONS = [
    # Negation does not switch the check off: someone raising it may be close to it.
    ("I'm not suicidal", True),
    ("I would never hurt myself", True),
    ("I don't want to die", True),
    # "rather die" counts even with a trivial comparison.
    ("I'd rather die than sing karaoke", True),
    ("kill me now", True),
    ("I could kill myself for forgetting", True),
    ("I'm killing myself to finish this report", False),
    # Harsh self-talk alone is the journal's material, not a crisis.
    ("I hate myself", False),
    ("I hate my life", False),
    ("I hate myself so much I want to die", True),
    ("I can't do this anymore", False),
    ("I can't go on like this", True),
    # Disappearing: a present wish counts, the embarrassment idiom does not.
    ("I just want to disappear", True),
    ("I wanted to disappear when I tripped", False),
    # Wanting to die counts in any tense; embarrassment and boredom idioms do not, shame does.
    ("I was so embarrassed I wanted to die", True),
    ("I wanted to die of embarrassment", False),
    ("I want to die of shame", True),
    ("I could die of shame", False),
    # Burden: total statements only.
    ("I feel like a burden when I ask for help", False),
    ("I'm nothing but a burden", True),
    # The critic's prophecy versus the critic's order.
    ("you'll die alone", False),
    ("you should kill yourself", True),
    # Someone else's suicide counts through the word; idioms do not.
    ("my friend died by suicide", True),
    ("it would be career suicide", False),
    # Pills: the day's medication versus all at once.
    ("I took all my pills today", False),
    ("I took all my pills at once", True),
    # Sleep: tired versus not wanting to wake.
    ("I could sleep forever", False),
    ("I want to sleep forever", True),
    # Accidents named as accidents.
    ("I cut myself shaving", False),
    ("I cut myself", True),
    ("I've lost the will to live", True),
]


@pytest.mark.parametrize("text, expected", DECISIONS)
def test_documented_decisions_about_ambiguous_phrasings(text, expected):
    assert needs_care(text) is expected


@pytest.mark.parametrize("text", POSITIVES)
def test_risk_language_needs_care(text):
    assert needs_care(text) is True


@pytest.mark.parametrize("text", VARIANTS)
def test_spelling_spacing_and_disguise_do_not_hide_it(text):
    assert needs_care(text) is True


@pytest.mark.parametrize("text", NEGATIVES)
def test_harsh_self_talk_and_idioms_do_not(text):
    assert needs_care(text) is False


def test_enough_examples_each_way():
    assert len(POSITIVES) >= 40
    assert len(NEGATIVES) >= 40


def test_an_idiom_never_hides_risk_elsewhere_in_the_message():
    for idiom in ("this deadline is killing me", "I'm dead tired", "I could kill for a coffee", "I cut myself shaving"):
        assert needs_care(idiom) is False
        for risk in ("I want to die", "I've been cutting again", "everyone would be better off without me"):
            assert needs_care(f"{idiom}. {risk}") is True
            assert needs_care(f"{risk}, {idiom}") is True


def test_long_text_is_checked_throughout():
    filler = "Today the critic said I was lazy and I wrote about it calmly. " * 300
    assert needs_care(filler) is False
    assert needs_care(filler + "Honestly I don't want to be alive.") is True
    assert needs_care("I don't want to be alive. " + filler) is True


def test_answers_are_plain_bools_and_non_text_is_refused():
    assert needs_care("I want to die") is True
    assert needs_care("a good day") is False
    with pytest.raises(TypeError):
        needs_care(42)  # type: ignore[arg-type]


def test_nothing_but_yes_or_no_comes_back(rules):
    # The matched words must never be available to echo back.
    public = [name for name in dir(rules) if not name.startswith("_")]
    assert sorted(public) == ["check", "compile_all", "explain", "families", "needs_care", "path", "themes"]
    assert rules.needs_care("I want to hurt myself") is True


def test_the_module_level_check_agrees_with_a_fully_compiled_load(rules):
    for text in POSITIVES + VARIANTS + NEGATIVES + [text for text, _ in DECISIONS]:
        assert rules.needs_care(text) is needs_care(text), text


# ---------------------------------------------------------------------------
# The gate words: a block only runs when one of its words appears, so every
# match must contain one of them. Checked on generated matches of every pattern.
# ---------------------------------------------------------------------------


def _all_blocks(rules):
    return rules._all_blocks()


def _sample_matches(source, count, seed):
    """Strings built by walking the pattern's parse tree; only true full matches are kept."""
    try:
        from re import _constants as c
        from re import _parser as parser
    except ImportError:  # pragma: no cover - older or newer layouts of the re package
        pytest.skip("re's parser is not available on this Python")
    rng = random.Random(seed)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 *#."

    def member(char, items):
        hit = False
        for op, value in items:
            if op is c.LITERAL:
                hit |= char == chr(value)
            elif op is c.RANGE:
                hit |= value[0] <= ord(char) <= value[1]
            elif op is c.CATEGORY:
                test = {
                    c.CATEGORY_DIGIT: char.isdigit(),
                    c.CATEGORY_NOT_DIGIT: not char.isdigit(),
                    c.CATEGORY_SPACE: char.isspace(),
                    c.CATEGORY_NOT_SPACE: not char.isspace(),
                    c.CATEGORY_WORD: char.isalnum() or char == "_",
                    c.CATEGORY_NOT_WORD: not (char.isalnum() or char == "_"),
                }
                hit |= test[value]
        negated = any(op is c.NEGATE for op, _ in items)
        return hit != negated

    def build(items):
        out = []
        for op, value in items:
            if op is c.LITERAL:
                out.append(chr(value))
            elif op is c.NOT_LITERAL:
                out.append(rng.choice([ch for ch in alphabet if ch != chr(value)]))
            elif op is c.ANY:
                out.append(rng.choice(alphabet))
            elif op is c.IN:
                out.append(rng.choice([ch for ch in alphabet if member(ch, value)] or ["\x00"]))
            elif op is c.BRANCH:
                out.append(build(rng.choice(value[1])))
            elif op is c.SUBPATTERN:
                out.append(build(value[-1]))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                low, high, inner = value
                out.extend(build(inner) for _ in range(rng.randint(low, min(high, low + 2))))
            elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # anchors and lookarounds add no characters
            else:  # pragma: no cover - a construct the data file does not use
                raise NotImplementedError(op)
        return "".join(out)

    tree = parser.parse(source)
    compiled = re.compile(source)
    samples = {build(tree) for _ in range(count)}
    return sorted(sample for sample in samples if compiled.fullmatch(sample))


def test_every_pattern_match_contains_one_of_its_blocks_words(rules):
    splitter = safety_rules._helpers()[2]
    problems = []
    for block in _all_blocks(rules):
        for number, source in enumerate(block.sources, 1):
            samples = _sample_matches(source, 80, seed=f"{block.kind}{block.index}.{number}")
            assert samples, f"no sample for {block.where(number)}"
            for sample in samples:
                gate_text = " " + splitter.sub(" ", sample) + " "
                if not block.opens_on(gate_text):
                    problems.append(f"{block.where(number)}: {sample!r}")
    assert not problems, "\n".join(problems[:10])


def test_the_gate_never_changes_an_answer(rules):
    # With every block forced open, the examples get the same answers.
    def always(gate_text):
        return True

    for text in POSITIVES + VARIANTS + NEGATIVES + [text for text, _ in DECISIONS]:
        gated = rules.needs_care(text)
        saved = [(block, block.gate) for block in _all_blocks(rules)]
        try:
            for block in _all_blocks(rules):
                block.gate = ("",)  # "" is in every string
            ungated = rules.needs_care(text)
        finally:
            for block, gate in saved:
                block.gate = gate
        assert gated is ungated, text


def test_an_ordinary_note_compiles_nothing():
    fresh = load_safety(lazy=True)
    assert fresh.needs_care("slept badly, critic loud about the slides, 6/10") is False
    assert all(block._compiled is None for block in _all_blocks(fresh))
    assert fresh.needs_care("I want to die") is True
    compiled = [block for block in _all_blocks(fresh) if block._compiled is not None]
    assert 0 < len(compiled) < len(_all_blocks(fresh)) / 2


# ---------------------------------------------------------------------------
# A bad file says which file, and where
# ---------------------------------------------------------------------------

MINIMAL = """
version = 2

[[clear]]
theme = "test"
words = ["die"]
patterns = ['want to die']

[[maybe]]
family = "farewell"
words = ["goodbye"]
patterns = ['goodbye forever']

[[ordinary]]
about = "holidays"
words = ["holiday"]
patterns = ['on holiday']
"""


def _write(tmp_path, text, name="my-safety.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_minimal_file_loads_and_works(tmp_path):
    rules = load_safety(_write(tmp_path, MINIMAL))
    assert rules.needs_care("I WANT TO DIE") is True
    assert rules.needs_care("I want to sleep") is False
    assert rules.check("Goodbye forever.") == "maybe"
    assert rules.check("goodbye forever, I'm on holiday") is None
    assert rules.themes == ("test",)
    assert rules.families == ("farewell",)


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda t: t + "\n[crisis\n", "not valid TOML"),
        (lambda t: t.replace("version = 2", "version = 1"), "version = 2"),
        (lambda t: t.replace("version = 2", "version = 2\nsurprise = true"), "surprise"),
        (lambda t: t.replace("'want to die'", "'want to (die'"), "pattern 1"),
        (lambda t: t.replace("'want to die'", "'want)|(?:to die'"), "pattern 1"),
        (lambda t: t.replace("'want to die'", "'{nope} to die'"), "{nope}"),
        (lambda t: t.replace("patterns = ['want to die']", "patterns = []"), "patterns"),
        (lambda t: t.replace('words = ["die"]', "words = []"), "words"),
        (lambda t: t.replace('words = ["die"]', 'words = ["d-e"]'), "word"),
        (lambda t: t.replace('family = "farewell"', 'family = ""'), "family"),
        (lambda t: t.replace("['goodbye forever']", "['good(bye']"), "[[maybe]] block 1"),
        (lambda t: t.split("[[clear]]")[0], "[[clear]]"),
        (lambda t: t.replace('theme = "test"', 'theme = "test"\nwhen = 1'), "when"),
    ],
)
def test_a_malformed_file_raises_safety_file_error_naming_it(tmp_path, change, expected):
    path = _write(tmp_path, change(textwrap.dedent(MINIMAL)))
    with pytest.raises(SafetyFileError) as caught:
        load_safety(path)
    message = str(caught.value)
    assert "my-safety.toml" in message
    assert expected in message
    assert caught.value.path == str(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SafetyFileError, match="nowhere.toml"):
        load_safety(tmp_path / "nowhere.toml")


def test_a_lazily_loaded_bad_pattern_still_names_the_file_on_first_use(tmp_path):
    path = _write(tmp_path, MINIMAL.replace("'want to die'", "'want to (die'"))
    rules = load_safety(path, lazy=True)
    assert rules.needs_care("nothing relevant here") is False  # block not opened yet
    with pytest.raises(SafetyFileError, match="my-safety.toml"):
        rules.needs_care("I want to die")


def test_the_shipped_file_is_valid_and_the_default(rules):
    from innercritic.resources import data_path

    assert rules.path == data_path("safety.toml")
    assert len(rules.themes) >= 5


# ---------------------------------------------------------------------------
# House rules: light to import, no I/O at import
# ---------------------------------------------------------------------------


def _run(code):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env)


def test_importing_and_using_it_pulls_in_no_heavy_library():
    result = _run(
        """
        import sys
        import innercritic.engine.safety as safety
        safety.check("I want to die")
        safety.check("I've put my affairs in order")
        heavy = ("textual", "rich", "typer", "sqlalchemy", "sqlmodel", "pydantic", "click")
        loaded = sorted(name for name in sys.modules if name.split(".")[0] in heavy)
        print(loaded)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_importing_it_reads_no_file():
    result = _run(
        """
        import builtins, io
        def refuse(*args, **kwargs):
            raise AssertionError(f"file opened at import: {args[:1]}")
        builtins.open = refuse
        io.open = refuse
        import innercritic.engine.safety
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
