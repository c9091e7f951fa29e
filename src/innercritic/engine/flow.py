"""Dialogue flows: load data/flows/*.toml into frozen objects, checking them first.

The checks themselves are in flow_reader.py. A flow file is content, written by
people; any mistake in it raises ``FlowError``
with a message that names the file and, where there is one, the step:

    critic.toml: step 'unblend': branch goes to missing step 'nope'

Nothing here touches the disk until a function is called.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from typing import Iterable, Mapping

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
    "job_length",  # how long the part has had its job (a part's story)
    "wants",  # what it wants for the person
    "appreciation",  # what the person appreciated about it
    "promise_followup",  # how what the part asked for last time went (shown only when there is one)
    "reacting_part_name",  # a name for the part that stepped in (unblending): a part of its own
    "reacting_part_says",  # what that part would like the person to know
    "reacting_part_fears",  # what it worries might happen
    "compassion",
    "summary",
)
# Placeholders a prompt may use besides step ids: what the conversation recalls from
# earlier dialogues. {last_promise} is what the part said last time it needed to trust
# the person a little more (never an answer the safety check noticed).
RECALLED = ("last_promise",)
FOLLOWUP_ROLE = "promise_followup"
SCALE_MIN, SCALE_MAX = 0, 10
DEFAULT_SECONDS = 60
DEFAULT_PATTERN = "4-4-6"
MAX_FLOW_BYTES = 1024 * 1024  # a flow file is a page or two of text; anything past this is not one

_CHOICE_KINDS = ("choice", "multi")
_SILENT_KINDS = ("info", "breathe")  # steps that show something but take no answer
_FLOW_ID = re.compile(r"[a-z0-9-]+")
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


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


# --------------------------------------------------------------------------- loading


def load_flow(path: str | os.PathLike[str]) -> Flow:
    """Read and check one flow file."""
    from innercritic.files import NotReadable, read_bounded

    path = os.fspath(path)
    name = os.path.basename(path)
    try:
        raw = read_bounded(path, MAX_FLOW_BYTES)
    except NotReadable as refused:
        reason = f"too large for a flow file (over {MAX_FLOW_BYTES // 1024} KB)" if str(refused) == "too large" else refused
        raise FlowError(f"{name}: {reason}") from None
    except OSError as error:
        raise FlowError(f"{name}: cannot read the file ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FlowError(f"{name}: the file is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FlowError(f"{name}: {_toml_message(str(error))}") from None
    except RecursionError:
        raise FlowError(f"{name}: not a usable flow file (its tables or lists are nested too deeply)") from None
    from innercritic.engine.flow_reader import read_flow  # the checks load only when a file is read

    return read_flow(name, path, data)


def load_flows(directory: str | os.PathLike[str] | None = None) -> dict[str, Flow]:
    """Every flow in a directory (default: the shipped ones), default flow first."""
    if directory is None:
        global _shipped
        if _shipped is None:
            _shipped = _load_directory(_shipped_dir())
        return dict(_shipped)
    return _load_directory(os.fspath(directory))


DEFAULT_FLOW_ID = "critic"  # the shipped flow marked default = true; a test keeps the two in step


def shipped_flow(flow_id: str) -> Flow | None:
    """One shipped flow, loading only its own file (so `talk` shows its first
    prompt sooner), and only once per run; None when there is no such flow."""
    if flow_id in _shipped_one:
        return _shipped_one[flow_id]
    if not _FLOW_ID.fullmatch(flow_id):
        return None
    path = os.path.join(_shipped_dir(), f"{flow_id}.toml")
    if not os.path.isfile(path):
        return None
    _shipped_one[flow_id] = flow = load_flow(path)
    return flow


def default_flow_id(flows: Mapping[str, Flow]) -> str:
    """The flow marked default, else the first one."""
    if not flows:
        raise FlowError("no flows found")
    for flow_id, flow in flows.items():
        if flow.default:
            return flow_id
    return next(iter(flows))


def check_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """One message per problem across these files (directories: their *.toml); [] if all good."""
    errors: list[str] = []
    defaults: list[str] = []
    for path in _expand(paths):
        try:
            flow = load_flow(path)
        except FlowError as error:
            errors.append(str(error))
            continue
        if flow.default:
            defaults.append(os.path.basename(path))
    if len(defaults) > 1:
        errors.append(_too_many_defaults(defaults))
    return errors


_shipped: dict[str, Flow] | None = None  # every shipped flow, once load_flows() has read them
_shipped_one: dict[str, Flow] = {}  # single shipped flows read by shipped_flow()


def _shipped_dir() -> str:
    from innercritic.resources import data_path

    return data_path("flows")


def _load_directory(directory: str) -> dict[str, Flow]:
    flows = [load_flow(path) for path in _expand([directory])]
    defaults = [os.path.basename(flow.path) for flow in flows if flow.default]
    if len(defaults) > 1:
        raise FlowError(_too_many_defaults(defaults))
    flows.sort(key=lambda flow: (not flow.default, flow.id))
    return {flow.id: flow for flow in flows}


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    files: list[str] = []
    for path in map(os.fspath, paths):
        if os.path.isdir(path):
            names = sorted(n for n in os.listdir(path) if n.endswith(".toml"))
            files.extend(os.path.join(path, n) for n in names)
        else:
            files.append(path)
    return files


def _too_many_defaults(names: list[str]) -> str:
    return f"{', '.join(names)}: only one flow may set default = true"


def _toml_message(message: str) -> str:
    where = _TOML_WHERE.search(message)
    if not where:
        return f"not valid TOML: {message}"
    line, column = where.groups()
    return f"line {line}: not valid TOML: {message[: where.start()]} (column {column})"
