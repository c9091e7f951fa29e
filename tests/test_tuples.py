"""innercritic/tuples.py's records behave as collections.namedtuple's do, wherever the
project relies on it: every way of building one, _replace, equality, copies, pickling."""

from __future__ import annotations

import copy
import pickle
from collections import namedtuple

import pytest

from innercritic.engine.records import DialogueRecord, HistoryQuery, TurnRecord
from innercritic.tuples import named_tuple


class Step(named_tuple("Step", "id prompt answer skipped", defaults=(None, False))):
    __slots__ = ()


Reference = namedtuple("Reference", "id prompt answer skipped", defaults=(None, False))


@pytest.mark.parametrize(
    "args, kwargs",
    [
        (("a", "What?", "yes", True), {}),
        (("a", "What?"), {}),
        (("a",), {"prompt": "What?", "skipped": True}),
        ((), {"id": "a", "prompt": "What?", "answer": "no"}),
    ],
)
def test_built_every_way_it_holds_what_namedtuple_would(args, kwargs):
    step, reference = Step(*args, **kwargs), Reference(*args, **kwargs)
    assert tuple(step) == tuple(reference)
    assert step == reference and hash(step) == hash(reference)
    assert (step.id, step.prompt, step.answer, step.skipped) == tuple(reference)
    assert step._asdict() == reference._asdict()
    assert repr(step) == repr(reference).replace("Reference", "Step")


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: Step(), "missing a value for 'id'"),
        (lambda: Step("a"), "missing a value for 'prompt'"),
        (lambda: Step("a", "b", "c", False, "e"), "takes 4 values but 5 were given"),
        (lambda: Step("a", "b", id="c"), "two values for 'id'"),
        (lambda: Step("a", "b", colour="red"), "'colour', which it does not have"),
        (lambda: Step._make(["a"]), "expects 4 values, got 1"),
        (lambda: Step("a", "b")._replace(colour="red"), "no field 'colour'"),
    ],
)
def test_a_wrong_record_is_refused_as_namedtuple_refuses_it(build, message):
    with pytest.raises(TypeError, match=message):
        build()


def test_records_are_immutable_and_survive_replace_copy_and_pickle():
    turn = TurnRecord(1, "find", "critic", "What does it say?", "you are behind", None, False, "2026-12-01T10:00:00+00:00")
    dialogue = DialogueRecord(7, "uid", "2026-12-01T10:00:00+00:00", "critic", "completed", None, 6, 3, "Judge", None, (turn,))
    with pytest.raises(AttributeError):
        dialogue.status = "paused"
    assert not hasattr(dialogue, "__dict__")  # __slots__ kept: no per-record dictionary
    paused = dialogue._replace(status="paused")
    assert (paused.status, dialogue.status, type(paused)) == ("paused", "completed", DialogueRecord)
    assert turn.superseded is False and dialogue.kind == "dialogue"  # the defaults
    for again in (copy.copy(dialogue), copy.deepcopy(dialogue), pickle.loads(pickle.dumps(dialogue))):
        assert again == dialogue and type(again) is DialogueRecord
    assert HistoryQuery(limit=5) == HistoryQuery(5, None, None, None, None, None, 0)
    assert DialogueRecord._fields[:3] == ("id", "uid", "at")
    match turn:
        case TurnRecord(position, step_id):
            assert (position, step_id) == (1, "find")
