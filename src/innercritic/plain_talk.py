"""`innercritic talk --plain`: the same guided dialogue, line by line.

For screen readers, pipes and tests. One answer per line: an empty line skips,
choices are answered by number or by their words, a scale by its number.
End of input leaves the dialogue unfinished and resumable.

What survives an interruption: every answer is committed before the next
prompt is printed. A line still being typed in a terminal is held by the
terminal itself until Enter, so Ctrl-C (exit status 130, quietly) or a closed
terminal loses only that unfinished line; the dialogue stays in progress and
`talk --plain --resume` asks that question again. Unlike the full-screen app,
plain mode cannot keep such a line as a draft. A last line without a newline
at the end of piped input is taken as an answer.
"""

from __future__ import annotations

import sys

from .dialogue_session import DialogueSession, summary_rows
from .engine.conversation import AnswerError
from .limits import MAX_TEXT_CHARS
from .textsafe import visible


LONGEST_LINE = MAX_TEXT_CHARS + 1  # one character more than an answer may hold, so it is refused
ENDLESS_LINE = 64 * MAX_TEXT_CHARS  # a "line" this long is not being typed: treated as the end of input


class PlainTalk:
    def __init__(self, session: DialogueSession, *, stdin=None, interactive: bool | None = None) -> None:
        from rich.console import Console

        self.session = session
        self.stdin = stdin or sys.stdin
        self.interactive = self.stdin.isatty() if interactive is None else interactive
        self.console = Console(highlight=False, soft_wrap=True)

    def say(self, text: str, style: str | None = None) -> None:
        from rich.text import Text

        self.console.print(Text(visible(text), style=style or ""))

    def read_line(self) -> str | None:
        if self.interactive:
            self.console.print("› ", end="")
        line = self.stdin.readline(LONGEST_LINE + 1)
        if len(line) > LONGEST_LINE and not line.endswith("\n"):
            # Longer than any answer may be (it will be refused as too long): skip the rest
            # of it a bounded piece at a time, and give up on input that never ends a line.
            for _ in range(ENDLESS_LINE // LONGEST_LINE):
                rest = self.stdin.readline(LONGEST_LINE)
                if rest == "" or rest.endswith("\n"):
                    break
            else:
                return None
        if line == "":
            return None
        return line.rstrip("\r\n")

    def run(self) -> int:
        session = self.session
        self.say(f"{session.flow.title}", style="bold")
        self.say("Every question can be skipped with an empty line. This is a self-help journal, not therapy.", style="dim")
        if session.conversation.turns:
            self.say("Picking up where you left off.", style="dim")
        while session.current is not None:
            if not self._step():
                if session.saved:
                    self.say("\nPaused. Everything so far is saved; `innercritic talk --resume` continues.", style="dim")
                else:
                    self.say("\nNothing was written, so nothing was saved.", style="dim")
                return 0
        if session.finished:
            self._show_summary()
        return 0

    def _step(self) -> bool:
        session = self.session
        step = session.current
        self.say("")
        self.say(session.prompt(), style="bold")
        if step.hint:
            self.say(step.hint, style="dim")
        if step.kind in ("info", "breathe"):
            if step.kind == "breathe":
                self.say(f"Breathe at your own pace: in, hold, out ({step.pattern}) for about {step.seconds} seconds.", style="dim")
            if self.interactive and self.read_line() is None:
                return False
            session.answer(None)
            return True
        if step.kind in ("choice", "multi"):
            for number, choice in enumerate(step.choices, start=1):
                self.say(f"  {number}. {choice.label}")
            if step.kind == "multi":
                self.say("  (several are fine: separate them with commas)", style="dim")
        elif step.kind == "scale":
            low = f" — 0 {step.min_label}" if step.min_label else ""
            high = f", 10 {step.max_label}" if step.max_label else ""
            self.say(f"  0 to 10{low}{high}", style="dim")
        while True:
            line = self.read_line()
            if line is None:
                return False
            if line.strip() == "":
                session.skip()
                return True
            value: object = line
            if step.kind == "multi":
                value = [part.strip() for part in line.split(",") if part.strip()]
            try:
                outcome = session.answer(value)
            except AnswerError as problem:
                self.say(str(problem), style="dim")
                if not self.interactive:
                    session.skip()
                    return True
                continue
            for reflection in outcome.reflections:
                self.say(reflection, style="italic")
            if outcome.needs_care:
                from .shell import crisis_text

                self.say(crisis_text())
                if self.interactive:
                    self.say("Press Enter to go on, or type stop to stop for now.", style="dim")
                    reply = self.read_line()
                    if reply is None:
                        return False
                    if reply.strip().lower() == "stop":
                        session.stop()
                        return True
            return True

    def _show_summary(self) -> None:
        rows = summary_rows(self.session)
        if not rows:
            return
        self.say("")
        self.say("What you found today", style="bold")
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            self.say(f"  {label.ljust(width)}  {value}")
