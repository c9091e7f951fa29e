"""The safety check on phrases it was not written from: three figures.

    .venv/bin/python bench/safety_bench.py

Reads the held-back phrase sets (bench/heldback … heldback6; the
README in bench/heldback says how each was kept apart) and prints, for each

- caught: risk phrases that bring the panel (clear) or the gentle question (maybe);
- panel false alarms: ordinary phrases that would open the full panel;
- gentle question on ordinary talk: ordinary phrases that would bring the question;
- and, where a set has answers.txt (everyday answers to the app's own questions), how many
  of those would bring the panel or the question (the project's own target: at most 3%).

Targets (issues #12 and #18): caught >= 95%, panel <= 5%, question <= 10%.
Only the figures are printed, never which lines missed, so the set stays
held back. Exit status 0 whenever it ran: a missed target says FAIL.
"""

from __future__ import annotations

import os
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(BENCH), "src"))

from innercritic.engine.safety import check  # noqa: E402


SETS = (
    ("heldback6", "written by people who saw no rules, no training phrases and no other set; never trained on: the honest figure"),
    ("heldback5", "the honest set before heldback6, measured three times; now part of the scorer's training, so seen"),
    ("heldback4", "the honest set for the word lists alone; the learned scorer is trained on it, so seen"),
    ("heldback3", "the strong signs came from its misses and the scorer is trained on it, so seen"),
    ("heldback2", "the sign counts came after it and the scorer is trained on it, so seen"),
    ("heldback", "later patterns were shaped by memory of it and the scorer is trained on it, so seen"),
)


def _phrases(folder: str, name: str) -> list[str]:
    with open(os.path.join(BENCH, folder, name), encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.lstrip().startswith("#")]


def _row(label: str, count: int, total: int, target: str, ok: bool) -> str:
    share = 100.0 * count / total if total else 0.0
    return f"  {label:<36} {count:>4} of {total:<4} {share:5.1f}%   target {target:<7} {'PASS' if ok else 'FAIL'}"


def main() -> int:
    for folder, about in SETS:
        risk = _phrases(folder, "risk.txt")
        ordinary = _phrases(folder, "ordinary.txt")
        caught = sum(check(text) is not None for text in risk)
        panel = sum(check(text) == "clear" for text in ordinary)
        question = sum(check(text) == "maybe" for text in ordinary)
        print(f"Safety check on bench/{folder} ({about})")
        print(_row("caught (clear or maybe)", caught, len(risk), ">= 95%", caught >= 0.95 * len(risk)))
        print(_row("full panel on ordinary talk", panel, len(ordinary), "<= 5%", panel <= 0.05 * len(ordinary)))
        print(_row("gentle question on ordinary talk", question, len(ordinary), "<= 10%", question <= 0.10 * len(ordinary)))
        if os.path.exists(os.path.join(BENCH, folder, "answers.txt")):
            answers = _phrases(folder, "answers.txt")
            asked = sum(check(text) is not None for text in answers)
            print(_row("asked on everyday answers to the app", asked, len(answers), "<= 3%", asked <= 0.03 * len(answers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
