"""`talk --plain` killed at random points: nothing committed is lost, the file stays sound,
and --resume asks exactly the next unanswered question.

The oracle for "committed" is the process's own output: the next prompt is printed only
after the previous answer's transaction has committed, so an answer counts as given once
the next prompt has been seen. An answer sent but not yet confirmed may or may not be
there when the process dies; if it is, it must be whole and exactly what was sent.
"""

from __future__ import annotations

import random
import signal
import time

import pytest

from innercritic.engine.conversation import Conversation

from reliability_helpers import (
    PipedProcess, child_env, conversation_from_db, integrity, latest_dialogue, query, turns_of,
)

ITERATIONS = 10
# None of them (with any tag) is a text the safety check asks about: its gentle question
# would be one more line in the conversation than this test expects.
TEXTS = (
    "It says I am lazy", "Tight [bold]chest[/]", "Like an old teacher 🙂", "Since school, 学校",
    "שלום, \u202eevil\u202c", "e\u0301 with 👩\u200d👩\u200d👧", "For me to be safe", "Being left behind",
)


def test_none_of_the_answers_typed_here_brings_the_safety_question():
    from innercritic.engine.safety import check

    asked = [text for text in TEXTS for tag in range(ITERATIONS * 40) if check(f"{text} #{tag // 40}.{tag % 40}")]
    assert asked == [], "a retrained safety check asks about a test answer: pick another"


def _plain(db, home, *extra: str) -> PipedProcess:
    return PipedProcess(["-m", "innercritic", "--db", str(db), "talk", "--plain", *extra], child_env(home), home)


def _answer_for(step, rng: random.Random, tag: str) -> str:
    if rng.random() < 0.1:
        return ""  # an empty line skips
    if step.kind == "scale":
        return str(rng.randint(0, 10))
    if step.kind in ("choice", "multi"):
        return str(rng.randint(1, len(step.choices)))
    return f"{rng.choice(TEXTS)} #{tag}"


def _first_prompt_after_header(out: str) -> str:
    """The first question a (re)started plain dialogue prints, after its two or three header lines."""
    lines = out.splitlines()
    body = lines[2:]  # title, "Every question can be skipped…"
    if body and body[0] == "Picking up where you left off.":
        body = body[1:]
    return next(line for line in body if line.strip())


def _advance_over_reading_steps(conv) -> None:
    """Piped --plain passes info and breathe steps on by itself (each a committed turn)."""
    while conv.current is not None and conv.current.kind in ("info", "breathe"):
        conv.answer(None)


def test_sigkill_at_random_points_loses_no_committed_answer(tmp_path):
    rng = random.Random(20261123)
    db, home = tmp_path / "journal.db", tmp_path
    from innercritic.engine.flow_files import load_flows

    flow = load_flows()["critic"]
    kills = 0
    for iteration in range(ITERATIONS):
        existing = latest_dialogue(db) if db.exists() else None
        resuming = existing is not None and existing[1] == "in_progress"
        if resuming:
            expected_first = conversation_from_db(db, existing[0]).prompt()
            proc = _plain(db, home, "--resume")
        else:
            expected_first = Conversation(flow).prompt()
            proc = _plain(db, home)
        try:
            proc.wait_for(expected_first)
            assert _first_prompt_after_header(proc.out) == expected_first, (
                f"iteration {iteration}: resume did not start at the next unanswered step"
            )
            if resuming:
                dialogue_id = existing[0]
                mirror = conversation_from_db(db, dialogue_id)
            else:  # a new dialogue is saved with its first answer: nothing of it is in the file yet
                assert latest_dialogue(db) == existing, f"iteration {iteration}: an empty dialogue was saved"
                dialogue_id = None
                mirror = Conversation(flow)
            committed_before = len(mirror.turns)
            confirmed = committed_before  # turns known to be committed
            # Picked up at a reading step (the critic flow's close has one mid-way): the process
            # passes it on by itself, whether or not that turn was committed when the mirror read.
            _advance_over_reading_steps(mirror)
            wanted = rng.randint(1, 4)
            for k in range(wanted):
                step = mirror.current
                line = _answer_for(step, rng, f"{iteration}.{k}")
                mark = len(proc.out)
                proc.send_line(line)
                if line == "":
                    mirror.skip()
                else:
                    mirror.answer(line)
                _advance_over_reading_steps(mirror)
                last = k == wanted - 1
                if last and rng.random() < 0.5:
                    # Kill at a random moment while this answer may still be on its way.
                    time.sleep(rng.uniform(0, 0.05))
                    break
                if mirror.current is None:  # the dialogue ended with this answer: it exits by itself
                    rc, _out, err = proc.finish()
                    assert rc == 0, err
                    confirmed = len(mirror.turns)
                    break
                proc.wait_for(mirror.prompt(), mark)
                confirmed = len(mirror.turns)
            proc.kill()
            kills += 1
        finally:
            proc.close()
            if proc.proc.poll() is None:
                proc.proc.kill()
                proc.proc.wait()

        assert integrity(db) == "ok", f"iteration {iteration}"
        if dialogue_id is None:  # the new dialogue, if its first answer was committed before the kill
            newest = latest_dialogue(db)
            dialogue_id = newest[0] if newest is not None and newest != existing else None
        stored = [] if dialogue_id is None else [
            (pos, step, answer, skipped) for pos, step, answer, _value, skipped in turns_of(db, dialogue_id)
        ]
        sent = [(t.position, t.step_id, t.answer, t.skipped) for t in mirror.turns]
        assert len(stored) >= confirmed, f"iteration {iteration}: a confirmed answer is missing"
        assert stored == sent[: len(stored)], f"iteration {iteration}: stored turns differ from what was sent"
        if dialogue_id is not None and (len(stored) < len(sent) or mirror.current is not None):
            assert latest_dialogue(db)[1] == "in_progress"

    assert kills == ITERATIONS
    # The last kill is resumed too: the first question asked is the next unanswered one.
    last = latest_dialogue(db)
    if last[1] == "in_progress":
        expected = conversation_from_db(db, last[0]).prompt()
        rc, out, err = _plain(db, home, "--resume").finish()
        assert rc == 0, err
        assert _first_prompt_after_header(out) == expected
    assert query(db, "SELECT count(*) FROM dialogue WHERE status NOT IN ('in_progress', 'completed', 'stopped')") == [(0,)]


def test_ctrl_c_exits_130_quietly_and_the_dialogue_stays_resumable(tmp_path):
    db, home = tmp_path / "journal.db", tmp_path
    proc = _plain(db, home)
    try:
        proc.wait_for("how loud is the critic")
        proc.send_line("6")
        proc.wait_for("What is the critic saying")
        proc.proc.send_signal(signal.SIGINT)
        rc = proc.proc.wait(timeout=30)
        err = proc.proc.stderr.read().decode()
    finally:
        proc.close()
    assert rc == 130
    assert "Traceback" not in err and "Aborted" not in err
    assert err.strip() == ""
    dialogue_id, status, _, _ = latest_dialogue(db)
    assert status == "in_progress"
    assert [(step, value) for _, step, _, value, _ in turns_of(db, dialogue_id)] == [("loudness_before", 6)]
    assert conversation_from_db(db, dialogue_id).current.id == "find"  # what --resume asks next


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_hang_up_or_terminate_keeps_what_was_sent(tmp_path, signum):
    """A closed terminal or `kill` in plain mode: the half-typed line never reached us
    (the terminal holds it until Enter), everything sent is kept, resume goes on."""
    db, home = tmp_path / "journal.db", tmp_path
    proc = _plain(db, home)
    try:
        proc.wait_for("how loud is the critic")
        proc.send_line("3")
        proc.wait_for("What is the critic saying")
        proc.proc.stdin.write(b"half a thought with no newl")
        proc.proc.stdin.flush()
        proc.proc.send_signal(signum)
        proc.proc.wait(timeout=30)
    finally:
        proc.close()
    assert integrity(db) == "ok"
    dialogue_id, status, _, _ = latest_dialogue(db)
    assert status == "in_progress"
    assert [step for _, step, *_ in turns_of(db, dialogue_id)] == ["loudness_before"]


def test_end_of_input_mid_line_takes_the_last_line_as_an_answer(tmp_path):
    db, home = tmp_path / "journal.db", tmp_path
    proc = _plain(db, home)
    proc.wait_for("how loud is the critic")
    proc.proc.stdin.write("4\nno newline at the end".encode())
    rc, out, err = proc.finish()
    assert rc == 0, err
    dialogue_id, status, _, _ = latest_dialogue(db)
    assert status == "in_progress"
    assert [(step, answer) for _, step, answer, _, _ in turns_of(db, dialogue_id)] == [
        ("loudness_before", "4"), ("find", "no newline at the end"),
    ]
    assert "talk --resume" in out
