"""The critic lens: what it finds, what it leaves alone, and how it speaks."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innercritic.engine import lens_file
from innercritic.engine.lens import Finding, read, reflect, summarise
from innercritic.engine.lens_file import KINDS, LensError, kind_name, kinds
from innercritic.resources import data_path

L, S, A, C, P, W, M = (
    "label",
    "should",
    "absolute",
    "command",
    "comparison",
    "catastrophe",
    "mind_reading",
)


def found(text: str) -> set[tuple[str, str]]:
    return {(f.kind, f.text) for f in read(text)}


# Each row: what the critic said -> every (kind, marked words) the lens should find.
CASES: list[tuple[str, set[tuple[str, str]]]] = [
    # --- the example from the Find step
    (
        "You're lazy. Everyone else would have finished by now. You should have started weeks ago.",
        {(L, "lazy"), (A, "Everyone"), (P, "Everyone else"), (S, "should have")},
    ),
    # --- labels of the whole self
    ("I'm lazy", {(L, "lazy")}),
    ("you're a failure", {(L, "failure")}),
    ("Useless.", {(L, "Useless")}),
    ("pathetic", {(L, "pathetic")}),
    ("such an idiot", {(L, "idiot")}),
    ("Loser!", {(L, "Loser")}),
    ("worthless", {(L, "worthless")}),
    ("You idiot.", {(L, "idiot")}),
    ("you lazy slob", {(L, "lazy"), (L, "slob")}),
    ("What a failure you are.", {(L, "failure")}),
    ("You're a total failure and a complete waste of space", {(L, "failure"), (L, "waste of space")}),
    ("I'm such a burden", {(L, "burden")}),
    ("You are a joke", {(L, "joke")}),
    ("you're hopeless", {(L, "hopeless")}),
    ("You're a bad person", {(L, "bad person")}),
    ("you're too much", {(L, "too much")}),
    ("you're too sensitive", {(L, "too sensitive")}),
    ("Are you stupid?", {(L, "stupid")}),
    ("u r a failure", {(L, "failure")}),
    ("ur so dumb", {(L, "dumb")}),
    ("you're a nobody", {(L, "nobody")}),
    ("I'm lazy and stupid", {(L, "lazy"), (L, "stupid")}),
    ("you're lazy, selfish and stupid", {(L, "lazy"), (L, "selfish"), (L, "stupid")}),
    ("you'll always be a disappointment", {(L, "disappointment"), (A, "always")}),
    ("I'm not good enough for this job", {(L, "not good enough")}),
    ("You aren't good enough", {(L, "aren't good enough")}),
    ("I’m not enough", {(L, "not enough")}),
    ("you’ll never be good enough", {(L, "never be good enough"), (A, "never")}),
    # decision: both an all-or-nothing word and a label for the whole self
    ("I'm never going to be good enough", {(A, "never"), (L, "never going to be good enough")}),
    # --- apostrophes, spellings and case
    ("you’re lazy", {(L, "lazy")}),
    ("youre lazy", {(L, "lazy")}),
    ("you are lazy", {(L, "lazy")}),
    ("I am lazy", {(L, "lazy")}),
    ("Im lazy", {(L, "lazy")}),
    ("YOU'RE LAZY", {(L, "LAZY")}),
    ("you´re lazy", {(L, "lazy")}),
    ("you're\nlazy", {(L, "lazy")}),
    # --- quoted and reported speech still counts (decision)
    ('my teacher said "you\'re lazy"', {(L, "lazy")}),
    ("Mum used to say ‘you’re so lazy’", {(L, "lazy")}),
    ('She never said "you\'re lazy"', {(A, "never"), (L, "lazy")}),
    # --- negations: not labels
    ("I'm not lazy", set()),
    ("I'm not a failure", set()),
    ("you're not useless", set()),
    ("You are not a failure", set()),
    ("I'm not useless at all", set()),
    ("I don't think I'm lazy", set()),
    ("I’m not lazy, I’m tired", set()),
    ("I'm not lazy and stupid", set()),
    ("I'm no failure", set()),
    ("I'm lazy and not useless", {(L, "lazy")}),
    ("I'm not lazy, I'm useless", {(L, "useless")}),
    # ...but an order is not a denial
    ("Don't be so pathetic", {(C, "Don't be so pathetic"), (L, "pathetic")}),
    ("Don't be such an idiot", {(C, "Don't be such an idiot"), (L, "idiot")}),
    # --- shoulds and musts
    ("you should have", {(S, "should have")}),
    ("I must", {(S, "must")}),
    ("You ought to know by now", {(S, "ought to")}),
    ("You have to be perfect", {(S, "have to be")}),
    ("You shouldn't have said that", {(S, "shouldn't have")}),
    ("You should've known better", {(S, "should've")}),
    ("I shouldve", {(S, "shouldve")}),
    ("You need to do more", {(S, "need to")}),
    ("you'd better not mess this up", {(S, "you'd better")}),
    ("You're supposed to be the strong one", {(S, "supposed to")}),
    ("you must try harder", {(S, "must"), (C, "try harder")}),
    ("You don't have to be perfect", set()),
    ("I don't need to be perfect", set()),
    ("he must be annoyed", set()),
    # --- all-or-nothing words
    ("always, never, everyone, nobody, nothing, every time, no one",
     {(A, "always"), (A, "never"), (A, "everyone"), (A, "nobody"), (A, "nothing"),
      (A, "every time"), (A, "no one")}),  # fmt: skip
    ("You always mess it up", {(A, "always")}),
    ("You never listen", {(A, "never")}),
    ("Nobody cares", {(A, "Nobody")}),
    ("noone cares", {(A, "noone")}),
    ("Every single time", {(A, "Every single time")}),
    ("You're late all the time", {(A, "all the time")}),
    ("never mind", set()),
    ("Never  mind, it's fine", set()),
    ("You don't always have to be perfect", set()),
    ("Not everyone has to like me", set()),
    # --- commands
    ("Get it together", {(C, "Get it together")}),
    ("stop whining", {(C, "stop whining")}),
    ("Grow up.", {(C, "Grow up")}),
    ("Why don't you grow up", {(C, "grow up")}),
    ("pull yourself together", {(C, "pull yourself together")}),
    ("just do it already", {(C, "just do it already")}),
    ("Shut up", {(C, "Shut up")}),
    ("Man up", {(C, "Man up")}),
    ("Suck it up.", {(C, "Suck it up")}),
    ("Snap out of it", {(C, "Snap out of it")}),
    ("Stop being such a baby", {(C, "Stop being such a baby")}),
    ("Stop being so dramatic, you idiot", {(C, "Stop being so dramatic"), (L, "idiot")}),
    ("When I grow up I want to be a vet", set()),
    ("The kids grow up so fast", set()),
    # --- comparisons
    ("other people manage", {(P, "other people manage")}),
    ("Other people cope fine", {(P, "Other people cope")}),
    ("unlike Sam", {(P, "unlike Sam")}),
    ("She's better than you", {(P, "better than you")}),
    ("Why can't you be more like Sam", {(P, "Why can't you be more like Sam")}),
    ("why can’t you be like everyone else", {(P, "why can’t you be like everyone else"), (A, "everyone")}),
    ("everyone your age has a house", {(A, "everyone"), (P, "everyone your age")}),
    ("nobody else struggles like this", {(A, "nobody"), (P, "nobody else")}),
    ("Compared to your brother you're nothing",
     {(P, "Compared to your brother"), (L, "nothing"), (A, "nothing")}),  # fmt: skip
    ("Other people are nice", set()),
    ("Some days are harder than others.", set()),
    # --- worst-case predictions
    ("you'll end up alone", {(W, "you'll end up alone")}),
    ("You'll ruin everything", {(W, "You'll ruin everything"), (A, "everything")}),
    ("It's a disaster", {(W, "disaster")}),
    ("it's all over", {(W, "it's all over")}),
    ("you'll lose everything", {(W, "you'll lose everything"), (A, "everything")}),
    ("It's too late", {(W, "It's too late")}),
    ("you're going to fail", {(W, "you're going to fail")}),
    ("they'll leave you", {(W, "they'll leave you")}),
    ("it's the end of the world", {(W, "the end of the world")}),
    ("Nobody will ever love you", {(A, "Nobody"), (W, "Nobody will ever love you")}),
    ("everything is falling apart", {(A, "everything"), (W, "everything is falling apart")}),
    ("it's not the end of the world", set()),
    ("it's not a disaster", set()),
    ("It's over there, by the door", set()),
    # --- mind reading
    ("they think you're stupid", {(M, "they think"), (L, "stupid")}),
    ("everyone can see", {(M, "everyone can see"), (A, "everyone")}),
    ("they must hate you", {(M, "they must hate you")}),
    ("People are laughing at you", {(M, "People are laughing at you")}),
    ("they're judging you", {(M, "they're judging you")}),
    ("they’re only being polite", {(M, "they’re only being polite")}),
    ("nobody likes you", {(A, "nobody"), (M, "nobody likes you")}),
    ("your boss thinks you're incompetent", {(M, "your boss thinks"), (L, "incompetent")}),
    ("they'll find out you're a fraud", {(M, "they'll find out"), (L, "fraud")}),
    ("I think they like me", set()),
    ("I don't think they hate me", set()),
    # --- look-alike words and kind sentences: nothing to find
    ("I walked down the hallways", set()),
    ("My shoulder hurts", set()),
    ("Pass the mustard", set()),
    ("nevermind", set()),
    ("It was a joke", set()),
    ("I'm so tired today", set()),
    ("I'm bad at maths", set()),
    ("There's not enough time today", set()),
    ("I can rest when I need to.", set()),
    ("My heart failure appointment is on Monday", set()),
    ("Thank you for trying to keep me safe.", set()),
    ("I'm doing my best and that is enough.", set()),
    ("This is sadness. It's OK to feel this.", set()),
    ("I notice I'm struggling to be kind to myself right now, and that's OK.", set()),
    ("", set()),
    ("   \n\t ", set()),
]


def test_table_is_large_and_distinct():
    assert len(CASES) >= 80
    texts = [t for t, _ in CASES]
    assert len(texts) == len(set(texts))
    assert sum(1 for _, want in CASES if not want) >= 20


@pytest.mark.parametrize("text,want", CASES, ids=[repr(t)[:50] for t, _ in CASES])
def test_read_finds_exactly(text, want):
    assert found(text) == want


@pytest.mark.parametrize("text,_", CASES, ids=[repr(t)[:50] for t, _ in CASES])
def test_spans_index_the_original(text, _):
    for f in read(text):
        assert text[f.start : f.end] == f.text
        assert f.kind in KINDS


def test_findings_sorted_and_same_kind_never_overlaps():
    text = (
        "You're such a useless, pathetic idiot and you always, always will be. "
        "You should have, you must, you have to be better than everyone else."
    )
    fs = read(text)
    assert fs == sorted(fs, key=lambda f: f.start)
    for kind in KINDS:
        mine = [f for f in fs if f.kind == kind]
        for a, b in zip(mine, mine[1:]):
            assert a.end <= b.start


def test_overlapping_findings_of_one_kind_merge():
    # "why can't you be like" and "everyone else" are both comparisons and overlap.
    text = "Why can't you be like everyone else?"
    comparisons = [f for f in read(text) if f.kind == P]
    assert comparisons == [Finding(P, 0, 35, "Why can't you be like everyone else")]


def test_finding_is_frozen():
    f = read("I'm lazy")[0]
    with pytest.raises(AttributeError):
        f.start = 3  # type: ignore[misc]


def test_spans_survive_characters_whose_lower_case_is_longer():
    # "İ" lower-cases to two characters; indices must not drift.
    text = "İİİ you're lazy İ and useless"
    fs = read(text)
    assert {(f.kind, f.text) for f in fs} == {(L, "lazy"), (L, "useless")}
    for f in fs:
        assert text[f.start : f.end] == f.text


def test_read_tolerates_non_text():
    assert read(None) == []  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_read_never_raises_and_spans_are_valid(text):
    fs = read(text)
    for f in fs:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.kind in KINDS
    assert fs == sorted(fs, key=lambda f: f.start)


_WORDS = st.sampled_from(
    "you're I'm you’re not never always lazy useless a failure such an idiot should have "
    "must everyone else they think hate you get it together grow up it's all over "
    "\"  ‘ ’ , . ! \n don't be nobody likes İ ß".split(" ")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_spans_are_valid_on_critic_like_text(text):
    for f in read(text):
        assert text[f.start : f.end] == f.text


# --- reflect -------------------------------------------------------------------


def test_reflect_quotes_the_words():
    sentences = reflect(read("You're lazy."))
    assert sentences == ['The critic used a label about your whole self: "lazy".']


def test_reflect_respects_limit_and_orders_by_frequency():
    text = "You're lazy and useless. You should have known. Everyone else did."
    fs = read(text)
    assert len(reflect(fs)) == 2
    assert len(reflect(fs, limit=1)) == 1
    assert reflect(fs, limit=0) == []
    assert reflect(fs, limit=-3) == []
    first, second = reflect(fs, limit=2)
    assert '"lazy"' in first and '"useless"' in first  # labels were found most
    assert second.startswith("It also ")
    assert len(reflect(fs, limit=10)) == len({f.kind for f in fs})


def test_reflect_quotes_each_word_once_and_at_most_three():
    fs = read("You're lazy. you're LAZY. You’re lazy, useless, pathetic, worthless, an idiot.")
    (sentence,) = reflect(fs, limit=1)
    assert sentence == 'The critic used a label about your whole self: "lazy", "useless" and "pathetic".'


def test_reflect_nothing_found_says_nothing():
    assert reflect([]) == []
    assert reflect(read("I went for a walk.")) == []


def test_reflect_is_gentle():
    text = (
        "You're a useless failure. You should have tried harder. You always mess up. "
        "Grow up. Everyone else manages. You'll end up alone. They must hate you."
    )
    for sentence in reflect(read(text), limit=len(KINDS)):
        low = sentence.lower()
        for harsh in ("wrong", "disorder", "diagnos", "symptom", "you are ", "you need to", "!"):
            assert harsh not in low
        assert sentence.endswith(".")


# --- summarise -----------------------------------------------------------------


def test_summarise_counts_over_texts():
    summary = summarise(
        [
            "You're lazy. You should have finished.",
            "I'm lazy and stupid. Everyone else manages.",
            None,
            "",
            "You’re LAZY, and they must hate you.",
        ]
    )
    assert dict(summary) == {
        L: 4,
        S: 1,
        A: 1,
        C: 0,
        P: 1,
        W: 0,
        M: 1,
    }
    assert list(summary) == list(KINDS)
    assert summary.texts == 3
    assert summary.texts_with[L] == 3
    assert summary.texts_with[C] == 0
    assert summary.top[L][0] == ("lazy", 3)
    assert ("stupid", 1) in summary.top[L]
    assert summary.top[C] == []


def test_summarise_joins_spellings_of_one_word():
    summary = summarise(["you SHOULD HAVE", "you should  have", "you should have"])
    assert summary.top[S] == [("should have", 3)]


def test_summarise_top_limit():
    summary = summarise(["you're lazy, useless, pathetic, worthless, an idiot"], top=2)
    assert len(summary.top[L]) == 2
    assert summarise([]).texts == 0


# --- kinds and content -----------------------------------------------------------


def test_kinds_have_names_in_display_order():
    assert KINDS == ("label", "should", "absolute", "command", "comparison", "catastrophe", "mind_reading")
    infos = kinds()
    assert tuple(i.id for i in infos) == KINDS
    assert all(i.name and i.about for i in infos)
    assert kind_name("mind_reading") == "Mind reading"
    with pytest.raises(KeyError):
        kind_name("nope")


def _content() -> dict:
    with open(data_path("lens.toml"), "rb") as fh:
        return tomllib.load(fh)


def test_broken_content_is_reported_clearly():
    good = _content()
    lens_file._build(good)  # the shipped file is valid

    bad = _content()
    bad["kinds"]["label"]["unless_negated"].append("(unclosed")
    with pytest.raises(LensError, match=r"lens.toml.*label.*not valid"):
        lens_file._build(bad)

    bad = _content()
    bad["kinds"]["should"]["patterns"].append("{no_such_macro}")
    with pytest.raises(LensError, match="unknown macro"):
        lens_file._build(bad)

    bad = _content()
    bad["kinds"]["should"]["patterns"].append("Should")
    with pytest.raises(LensError, match="lower case"):
        lens_file._build(bad)

    bad = _content()
    del bad["kinds"]["command"]
    with pytest.raises(LensError, match="command"):
        lens_file._build(bad)

    bad = _content()
    bad["kinds"]["absolute"]["patterns"].append("x?")
    with pytest.raises(LensError, match="empty"):
        lens_file._build(bad)


@pytest.mark.slow
def test_import_does_no_io_and_uses_only_the_standard_library():
    code = (
        "import sys, builtins\n"
        "opened = []\n"
        "real = builtins.open\n"
        "builtins.open = lambda *a, **k: opened.append(a) or real(*a, **k)\n"
        "import innercritic.engine.lens, innercritic.engine.lens_file as lens_file\n"
        "assert lens_file.the_lens.cache_info().currsize == 0\n"
        "assert not [a for a in opened if 'lens' in str(a)], opened\n"
        "bad = {'textual', 'rich', 'typer', 'sqlalchemy', 'sqlmodel', 'pydantic'}\n"
        "assert not bad & {m.split('.')[0] for m in sys.modules}, sorted(sys.modules)\n"
    )
    src = os.path.join(os.path.dirname(__file__), "..", "..", "src")
    env = dict(os.environ, PYTHONPATH=os.path.abspath(src))
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
