"""One walk through a Flow: the current step, the answers so far, where to go next.

Pure state, no I/O: the faces ask it for the prompt, hand it what the user typed,
and save the Turn it returns. Every answerable step can be skipped (unless the flow
says otherwise), and back() undoes the last turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from innercritic.engine import templating
from innercritic.engine.flow import END, FOLLOWUP_ROLE, RECALLED, SCALE_MAX, SCALE_MIN, Flow, Step


class AnswerError(ValueError):
    """An answer the current step cannot take. The message is fit to show the user."""


@dataclass(frozen=True)
class Turn:
    position: int
    step_id: str
    prompt: str
    answer: str | None
    value: object
    skipped: bool


_SKIP = object()  # what an empty answer turns into


class Conversation:
    def __init__(self, flow: Flow, recalled: dict[str, str] | None = None) -> None:
        self.flow = flow
        # What is recalled from earlier dialogues ({last_promise}); a step with the
        # promise_followup role is walked only when there is a promise to recall.
        self.recalled: dict[str, str] = dict(recalled or {})
        self._turns: list[Turn] = []
        self._current: Step | None = None
        self._finished = False
        self._stopped = False
        self._last_values: dict[str, object] = {}
        # Steps whose answers the safety check noticed: never quoted back in a prompt
        # (the fallback words are used instead). The session keeps this up to date.
        self.withheld: set[str] = set()
        self._enter(flow.first.id)

    @classmethod
    def rebuild(
        cls, flow: Flow, turns: Iterable[tuple[str, object, bool]], withheld: Iterable[str] = (),
        recalled: dict[str, str] | None = None,
    ) -> Conversation:
        """Replay saved (step_id, value, skipped) turns; stop quietly where they no longer fit."""
        conversation = cls(flow, recalled)
        conversation.withheld.update(withheld)
        for step_id, value, skipped in turns:
            current = conversation.current
            if current is None or current.id != step_id:
                break
            try:
                if skipped:
                    conversation.skip()
                else:
                    conversation.answer(value)
            except AnswerError:
                break
        return conversation

    # ------------------------------------------------------------------ state

    @property
    def current(self) -> Step | None:
        return self._current

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns)

    def prompt(self) -> str:
        """The current prompt, with earlier answers filled in ("" when there is no step)."""
        if self._current is None:
            return ""
        return templating.render(self._current.prompt, self._quoted_answer)

    def hint(self) -> str | None:
        if self._current is None or self._current.hint is None:
            return None
        return templating.render(self._current.hint, self._quoted_answer)

    def visits(self, step_id: str) -> int:
        """How many times the step has been entered on the current path (including now)."""
        here = self._current is not None and self._current.id == step_id
        return sum(turn.step_id == step_id for turn in self._turns) + here

    def previous_value(self, step_id: str) -> object:
        """The last value given at this step, even one undone by back(); None if never."""
        return self._last_values.get(step_id)

    def value_for_role(self, role: str) -> object:
        turn = self._role_turn(role)
        return None if turn is None else turn.value

    def answer_for_role(self, role: str) -> str | None:
        turn = self._role_turn(role)
        return None if turn is None else turn.answer

    def answer_for_step(self, step_id: str) -> str | None:
        """The readable answer last given at this step on the current path, or None."""
        turn = self._latest_answer(step_id)
        return None if turn is None else turn.answer

    def progress(self) -> list[tuple[str, str]]:
        """Each stage of the flow as done, current or todo."""
        stages = self.flow.stages
        if self._finished:
            return [(stage, "done") for stage in stages]
        if self._current is not None:
            here, state = self.flow.stage_of(self._current.id), "current"
        elif self._turns:
            here, state = self.flow.stage_of(self._turns[-1].step_id), "done"
        else:
            here, state = None, "todo"
        position = stages.index(here) if here in stages else -1
        return [
            (stage, "done" if i < position else state if i == position else "todo")
            for i, stage in enumerate(stages)
        ]

    # ---------------------------------------------------------------- actions

    def answer(self, value: object) -> Turn:
        step = self._require_step()
        parsed = _PARSERS[step.kind](step, value)
        if parsed is _SKIP:
            return self.skip()
        machine, readable = parsed
        turn = self._record(step, readable, machine, skipped=False)
        if step.answers:
            self._last_values[step.id] = machine
        target = next((b.goto for b in step.branches if b.matches(machine)), None)
        self._enter(target or self.flow.default_next(step.id))
        return turn

    def skip(self) -> Turn:
        step = self._require_step()
        if not step.optional:
            raise AnswerError("This one needs an answer before going on.")
        turn = self._record(step, None, None, skipped=True)
        self._enter(self.flow.default_next(step.id))
        return turn

    def back(self) -> Turn | None:
        """Undo the last turn and return to its step; None if there is nothing to undo."""
        if not self._turns:
            return None
        turn = self._turns.pop()
        self._current = self.flow.step(turn.step_id)
        self._finished = self._stopped = False
        return turn

    def stop(self) -> None:
        self._current = None
        self._stopped = True

    # ---------------------------------------------------------------- helpers

    def _require_step(self) -> Step:
        if self._current is None:
            raise AnswerError("This conversation has already ended.")
        return self._current

    def _record(self, step: Step, readable: str | None, value: object, skipped: bool) -> Turn:
        turn = Turn(len(self._turns), step.id, self.prompt(), readable, value, skipped)
        self._turns.append(turn)
        return turn

    def _enter(self, target: str) -> None:
        """Move to `target`, or on to its on_exhausted if it has had all its visits."""
        tried: set[str] = set()
        while target != END and target not in tried:
            step = self.flow.step(target)
            if step.role == FOLLOWUP_ROLE and not self.recalled.get("last_promise"):
                tried.add(target)  # nothing to follow up: walk on as if it were not there
                target = self.flow.default_next(target)
                continue
            if step.max_visits is None or self.visits(target) < step.max_visits:
                self._current = step
                return
            tried.add(target)
            target = step.on_exhausted or END
        self._current = None
        self._finished = True

    def _latest_answer(self, step_id: str) -> Turn | None:
        for turn in reversed(self._turns):
            if turn.step_id == step_id and not turn.skipped and turn.answer is not None:
                return turn
        return None

    def _role_turn(self, role: str) -> Turn | None:
        step = self.flow.step_with_role(role)
        return None if step is None else self._latest_answer(step.id)

    def recall(self, name: str, text: str | None) -> None:
        """Set (or, with None, forget) something recalled from an earlier dialogue."""
        if text and text.strip():
            self.recalled[name] = text
        else:
            self.recalled.pop(name, None)

    def _quoted_answer(self, step_id: str) -> str | None:
        if step_id in RECALLED and not self.flow.has_step(step_id):
            text = self.recalled.get(step_id)
            return f"“{templating.inline(text)}”" if text else None
        if step_id in self.withheld:
            return None
        turn = self._latest_answer(step_id)
        if turn is None or not self.flow.has_step(step_id):
            return None
        text = templating.inline(turn.answer)
        return f"“{text}”" if self.flow.step(step_id).quote else text


# ------------------------------------------------------------------ answer parsing
# Each parser returns (machine value, readable text), or _SKIP for an empty answer.


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_text(step: Step, value: object) -> object:
    if _blank(value):
        return _SKIP
    if not isinstance(value, str):
        raise AnswerError("Please write your answer as text.")
    text = value.rstrip()
    return text, text


def _parse_choice(step: Step, value: object) -> object:
    if _blank(value) or value == []:
        return _SKIP
    choice_id = _choice_id(step, value)
    return choice_id, step.choice(choice_id).label


def _parse_multi(step: Step, value: object) -> object:
    if _blank(value):
        return _SKIP
    items = _split_labels(step, value) if isinstance(value, str) else value
    if not isinstance(items, (list, tuple, set, frozenset)):
        raise AnswerError("Please pick one or more of the options.")
    wanted = {_choice_id(step, item) for item in items if not _blank(item)}
    if not wanted:
        return _SKIP
    ids = [choice.id for choice in step.choices if choice.id in wanted]
    return ids, ", ".join(step.choice(choice_id).label for choice_id in ids)


def _split_labels(step: Step, text: str) -> list[str]:
    """"1, 3" or "calm, curious"; a whole label that itself has a comma also works."""
    try:
        return [_choice_id(step, text)]
    except AnswerError:
        return text.split(",")


def _choice_id(step: Step, value: object) -> str:
    if isinstance(value, str):
        wanted = value.strip()
        for choice in step.choices:
            if wanted == choice.id or wanted.casefold() == choice.label.casefold():
                return choice.id
        if wanted.isdigit():
            value = int(wanted)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(step.choices):
        return step.choices[value - 1].id
    count = len(step.choices)
    raise AnswerError(f"That isn't one of the options. Pick a number from 1 to {count}, or skip.")


def _parse_scale(step: Step, value: object) -> object:
    if _blank(value):
        return _SKIP
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if number is None or not SCALE_MIN <= number <= SCALE_MAX:
        raise AnswerError(f"Please choose a whole number from {SCALE_MIN} to {SCALE_MAX}.")
    return number, str(number)


def _parse_acknowledge(step: Step, value: object) -> object:
    if not _blank(value):
        raise AnswerError("Nothing to answer here; just carry on when you're ready.")
    return None, None


_PARSERS = {
    "text": _parse_text,
    "choice": _parse_choice,
    "multi": _parse_multi,
    "scale": _parse_scale,
    "info": _parse_acknowledge,
    "breathe": _parse_acknowledge,
}
