"""Each exercise's closing summary shows what the person wrote, labelled in that exercise's
own words (its [[summary]] rows), the same in `talk --plain` and in the app (issue 11, item 9;
the app's side is in tests/tui/test_words_kept.py)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from innercritic.cli.app import app

# Answers for `talk --plain`, one line per question (info and breathe steps take none; the "1"
# before a memory question says yes to looking at it).
ANSWERS = {
    "kind-eyes": ["8", "You're pathetic", "My gran", "A kind person trying their best", "You're doing your best, love",
                  "1", "That I am allowed to rest", "5"],
    "blocks": ["6", "You're getting soft", "2", "I'd think they were wrong", "1", "My father's rules", "2",
               "That I can be kind to myself", "4"],
    "reflect": ["7", "Nobody showed me how", "Harshly, mostly", "1", "At school", "Tea in the evening", "1,3"],
    "warm-up": ["7", "My sister, going through a lot", "Sit with her", "1", "Work", "You're allowed to be tired",
                "3", "5"],
}

EXPECTED = {
    "kind-eyes": [
        ("The critic said", "“You're pathetic”"), ("Someone who cares", "My gran"),
        ("What they see", "A kind person trying their best"), ("What they might say", "You're doing your best, love"),
        ("What you noticed", "Some warmth"), ("One thing to keep", "That I am allowed to rest"), ("Loudness", "8 → 5"),
    ],
    "blocks": [
        ("The inner voice said", "“You're getting soft”"), ("The block", "I don't deserve kindness"),
        ("To a friend, you'd think", "I'd think they were wrong"), ("Where it came from", "My father's rules"),
        ("Whose belief it is", "Something I was handed"),
        ("What you'd like to believe instead", "That I can be kind to myself"), ("Loudness", "6 → 4"),
    ],
    "reflect": [
        ("How hard kindness feels (0–10)", "7"), ("Why it might be hard", "Nobody showed me how"),
        ("How you treat yourself", "Harshly, mostly"), ("Where you learned that", "At school"),
        ("What you already do", "Tea in the evening"),
        ("Something to try this week", "A short break when I'm tired, A hand on my heart"),
    ],
    "warm-up": [
        ("Someone you care about", "My sister, going through a lot"), ("What you'd say or do for them", "Sit with her"),
        ("What you noticed in yourself", "Warmth"), ("What is hard for you", "Work"),
        ("What you said to yourself", "You're allowed to be tired"), ("How that was", "Hard"), ("Loudness", "7 → 5"),
    ],
}


def summary_lines(output: str) -> list[str]:
    """The lines under "What you found today", without their alignment."""
    lines = output.splitlines()
    start = lines.index("What you found today") + 1
    return [" ".join(line.split()) for line in lines[start:] if line.strip()]


@pytest.mark.parametrize("flow", sorted(ANSWERS))
def test_plain_talk_summary_shows_each_answer_in_the_flows_own_words(tmp_path, flow):
    db = tmp_path / "j.db"
    typed = "\n".join(ANSWERS[flow]) + "\n"
    result = CliRunner().invoke(app, ["--db", str(db), "talk", "--plain", "--flow", flow], input=typed)
    assert result.exit_code == 0, result.output
    assert "What you found today" in result.output, result.output
    assert summary_lines(result.output) == [" ".join(f"{label} {text}".split()) for label, text in EXPECTED[flow]]
    assert "You told it" not in result.output


def test_the_critic_summary_calls_the_words_for_a_friend_what_they_are(tmp_path):
    db = tmp_path / "j.db"
    typed = "\n".join([
        "8", "You're lazy.", "Tight chest", "Sharp", "Taskmaster", "1", "Since school", "Me safe", "Yes",
        "Being left behind", "Being seen as not enough", "Thank you", "To know I won't drop everything",
        "You've worked so hard", "5",
    ]) + "\n"
    result = CliRunner().invoke(app, ["--db", str(db), "talk", "--plain"], input=typed)
    assert result.exit_code == 0, result.output
    shown = summary_lines(result.output)
    assert "What you'd say to a friend You've worked so hard" in shown
    assert "The part Taskmaster" in shown and "Loudness 8 → 5" in shown
    assert "You told it" not in result.output
