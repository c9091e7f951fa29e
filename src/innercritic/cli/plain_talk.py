"""`innercritic talk --plain`: the same guided dialogue, line by line.

For screen readers, pipes and tests. One answer per line: an empty line skips,
choices are answered by number or by their words, a scale by its number.
End of input leaves the dialogue unfinished and resumable.

When the safety check notices an answer, the same crisis path as the app's
follows, as lines: after words said outright, the help (most urgent first) and
"are you safe at this moment?"; after words that only might mean danger, one
calm question. Then, before the next question, the safety-first choices.
Questions are only asked in a terminal: with piped input the help is printed
and the dialogue goes on, so no answer line is taken for something else.

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

from innercritic.services.care import safety_plan_in
from innercritic.services.dialogue import DialogueSession
from innercritic.services.dialogue_summary import summary_rows
from innercritic.engine.conversation import AnswerError
from innercritic.limits import MAX_TEXT_CHARS
from innercritic.textsafe import visible


LONGEST_LINE = MAX_TEXT_CHARS + 1  # one character more than an answer may hold, so it is refused
ENDLESS_LINE = 64 * MAX_TEXT_CHARS  # a "line" this long is not being typed: treated as the end of input


class PlainTalk:
    def __init__(self, session: DialogueSession, *, stdin=None, interactive: bool | None = None) -> None:
        from innercritic.views.consoles import shell_console

        self.session = session
        self.stdin = stdin or sys.stdin
        self.interactive = self.stdin.isatty() if interactive is None else interactive
        self.console = shell_console(highlight=False, soft_wrap=True)

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
        if not self.interactive:
            session.care.offering = False  # never take a piped answer as a safety-first choice
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
        if session.offering_safety_first:
            return self._safety_first(step)
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
                return self._crisis_path(outcome.event)
            if outcome.asks_gently:
                return self._gentle_question(outcome.event)
            return True

    # ---- the crisis path, as lines ---------------------------------------------------
    def _help(self):
        from innercritic.services.care_path import crisis_view, where_for_help

        view = crisis_view("dialogue", where_for_help(), safety_plan_in(self.session.journal))
        from innercritic.services.care_path import crisis_lines

        self.say("")
        for line in crisis_lines(view):
            self.say(line)
        return view

    def _crisis_path(self, event) -> bool:
        from innercritic.cli.care_actions import ask
        from innercritic.engine.care_words import words

        w = words()
        view = self._help()
        if not self.interactive:
            self.say(w.get("unsafe.reach"))
            self.say(view.not_therapy, style="dim")
            return True
        self.say("")
        answer = ask(w.get("question.plain"), read=self.stdin.readline)
        if answer is None:
            return False
        self.session.answer_safe(event, answer)
        if answer != "yes":
            self.say("")
            self.say(w.get("unsafe.reach"))
            self.say(w.get("unsafe.hope"))
        else:
            self.say(w.get("safe.text"))
        self.session.after_crisis_path()
        return True

    def _gentle_question(self, event) -> bool:
        from innercritic.cli.care_actions import ask
        from innercritic.engine.care_words import words

        w = words()
        if not self.interactive:
            self.say(w.get("gentle.shell_line"), style="dim")
            return True
        self.say("")
        self.say(w.get("gentle.ask"))
        answer = ask(w.get("gentle.plain"), read=self.stdin.readline)
        if answer is None:
            return False
        if self.session.answer_gentle(event, answer):
            return self._crisis_path(event)
        self.say(w.get("gentle.no_reply"), style="dim")
        return True

    def _safety_first(self, step) -> bool:
        from innercritic.engine.care_words import words
        from innercritic.engine.conversation import AnswerError

        self.say("")
        self.say(step.prompt, style="bold")
        self.say(step.hint, style="dim")
        for number, choice in enumerate(step.choices, start=1):
            self.say(f"  {number}. {choice.label}")
        while True:
            line = self.read_line()
            if line is None:
                return False
            try:
                outcome = self.session.answer(line.strip() or "carry_on")
            except AnswerError as problem:
                self.say(str(problem), style="dim")
                continue
            break
        if outcome.action == "breathe":
            self.say(words().get("safety_first.breathe_plain"), style="dim")
            if self.read_line() is None:
                return False
        elif outcome.action == "someone":
            self._someone()
        elif outcome.action == "stop":
            self.say(words().get("safety_first.stopped"))
        return True

    def _someone(self) -> None:
        from innercritic.engine.care_words import words

        w = words()
        plan = safety_plan_in(self.session.journal)
        self.say("")
        self.say(w.get("someone.title"), style="bold")
        self.say(w.get("someone.intro"))
        if plan.people:
            for person in plan.people:
                self.say(f"  {person.text}" + (f": {person.reach}" if person.reach else ""))
        else:
            self.say(w.get("someone.none"))
            self._help()

    def _show_summary(self) -> None:
        rows = summary_rows(self.session)
        if rows:
            self.say("")
            self.say("What you found today", style="bold")
            width = max(len(label) for label, _ in rows)
            for label, value in rows:
                self.say(f"  {label.ljust(width)}  {value}")
        if self.session.care.flagged:
            from innercritic.engine.care_words import words

            self.say("")
            self.say(words().get("summary.resources"))
            self._help()
