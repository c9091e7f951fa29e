"""Dialogue flows, the model: the frozen objects a flow file becomes.

Files are read by flow_files.py and checked by flow_reader.py. A flow file is content,
written by people; any mistake in it raises ``FlowError``
with a message that names the file and, where there is one, the step:

    critic.toml: step 'unblend': branch goes to missing step 'nope'

Nothing here touches the disk until a function is called.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from innercritic.errors import InnerCriticError

END = "end"
KINDS = ("text", "choice", "multi", "scale", "info", "breathe")
ROLES = (
    "loudness_before",
    "loudness_after",
    "critic_words",
    "body",
    "part_name",
    "feel_toward",
    "fears",
    "protects_from",
    "needs",
    "compassion",
    "summary",
)
SCALE_MIN, SCALE_MAX = 0, 10
DEFAULT_SECONDS = 60
DEFAULT_PATTERN = "4-4-6"
MAX_FLOW_BYTES = 1024 * 1024  # a flow file is a page or two of text; anything past this is not one

_CHOICE_KINDS = ("choice", "multi")
_SILENT_KINDS = ("info", "breathe")  # steps that show something but take no answer
_FLOW_ID = re.compile(r"[a-z0-9-]+")


class FlowError(InnerCriticError):
    """A flow file that cannot be used. The message names the file and the step."""


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    reactive: bool = False


@dataclass(frozen=True)
class Branch:
    goto: str
    when_choice: tuple[str, ...] = ()
    when_at_least: int | None = None
    when_at_most: int | None = None

    def matches(self, value: object) -> bool:
        """Whether an answer (choice id, list of ids, or scale number) takes this branch."""
        if self.when_choice:
            chosen = [value] if isinstance(value, str) else list(value or ())
            return any(choice in self.when_choice for choice in chosen)
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        if self.when_at_least is not None and value < self.when_at_least:
            return False
        if self.when_at_most is not None and value > self.when_at_most:
            return False
        return True


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    prompt: str
    stage: str | None = None
    hint: str | None = None
    role: str | None = None
    optional: bool = True
    quote: bool = False
    choices: tuple[Choice, ...] = ()
    branches: tuple[Branch, ...] = ()
    next: str | None = None
    max_visits: int | None = None
    on_exhausted: str | None = None
    min_label: str | None = None
    max_label: str | None = None
    seconds: int = DEFAULT_SECONDS
    pattern: str = DEFAULT_PATTERN

    @property
    def answers(self) -> bool:
        """False for info and breathe steps, which are only acknowledged."""
        return self.kind not in _SILENT_KINDS

    def choice(self, choice_id: str) -> Choice:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise KeyError(choice_id)


SUMMARY_SHOWS = ("part", "loudness")  # what a [[summary]] row can show besides a step's answer


@dataclass(frozen=True)
class SummaryRow:
    """One line of a flow's closing summary: `label`, then the answer of `step` (or of the
    step with `role`), or with `show` the part's name or the loudness before → after."""

    label: str
    step: str | None = None
    role: str | None = None
    show: str | None = None


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    description: str
    default: bool
    steps: tuple[Step, ...]
    path: str
    summary: tuple[SummaryRow, ...] = ()
    _index: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {s.id: i for i, s in enumerate(self.steps)})

    def step(self, step_id: str) -> Step:
        """The step with this id; KeyError if there is none."""
        return self.steps[self._index[step_id]]

    def has_step(self, step_id: str) -> bool:
        return step_id in self._index

    @property
    def first(self) -> Step:
        return self.steps[0]

    @property
    def stages(self) -> tuple[str, ...]:
        """The distinct stage labels, in file order."""
        seen: dict[str, None] = {}
        for step in self.steps:
            if step.stage:
                seen.setdefault(step.stage, None)
        return tuple(seen)

    def stage_of(self, step_id: str) -> str | None:
        """The step's stage label, or the nearest one above it in the file."""
        for step in reversed(self.steps[: self._index[step_id] + 1]):
            if step.stage:
                return step.stage
        return None

    def step_with_role(self, role: str) -> Step | None:
        for step in self.steps:
            if step.role == role:
                return step
        return None

    def default_next(self, step_id: str) -> str:
        """Where a step leads when no branch applies: `next`, else the next step, else end."""
        step = self.step(step_id)
        if step.next:
            return step.next
        index = self._index[step_id] + 1
        return self.steps[index].id if index < len(self.steps) else END
