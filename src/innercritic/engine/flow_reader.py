"""Reading a flow file's TOML into a checked Flow (used by flow_files.load_flow).

This module reads the flow and each step, choice and branch, checking keys, kinds,
roles and values as it goes; flow_checker.py then checks the flow as a whole. Every
mistake becomes a FlowError naming the file and, where there is one, the step.
"""

from __future__ import annotations

import os
import re

from innercritic.engine.flow import (
    _CHOICE_KINDS,
    _FLOW_ID,
    _SILENT_KINDS,
    DEFAULT_PATTERN,
    DEFAULT_SECONDS,
    END,
    FOLLOWUP_ROLE,
    KINDS,
    ROLES,
    SCALE_MAX,
    SCALE_MIN,
    Branch,
    Choice,
    Flow,
    FlowError,
    Step,
)
from innercritic.engine.flow_checker import check_flow, did_you_mean

MAX_VISITS_LIMIT = 10
SECONDS_RANGE = (10, 600)
_STEP_ID = re.compile(r"[a-z0-9_]+")
_CHOICE_ID = re.compile(r"[a-z0-9_-]+")
_PATTERN = re.compile(r"\d{1,2}(-\d{1,2}){1,3}")

_FLOW_KEYS = ("id", "title", "description", "default", "steps", "summary")
_STEP_KEYS = (
    "id", "kind", "stage", "prompt", "hint", "role", "optional", "quote",
    "min_label", "max_label", "seconds", "pattern", "next", "max_visits",
    "on_exhausted", "choices", "branches",
)  # fmt: skip
_CHOICE_KEYS = ("id", "label", "reactive")
_BRANCH_KEYS = ("goto", "when_choice", "when_at_least", "when_at_most")
_KIND_ONLY = {
    "quote": ("text",),
    "min_label": ("scale",),
    "max_label": ("scale",),
    "seconds": ("breathe",),
    "pattern": ("breathe",),
    "choices": _CHOICE_KINDS,
}


def read_flow(name: str, path: str, data: dict) -> Flow:
    """The Flow in parsed TOML `data` from file `name`, fully checked."""
    return _Reader(name, path).flow(data)


# --------------------------------------------------------------------------- reading


class _Reader:
    """Turns parsed TOML into a Flow, raising FlowError at the first problem."""

    def __init__(self, name: str, path: str) -> None:
        self.name = name
        self.path = path

    def fail(self, message: str, step: str | None = None) -> FlowError:
        where = f"{self.name}: step '{step}': " if step else f"{self.name}: "
        return FlowError(where + message)

    def flow(self, data: dict) -> Flow:
        self.unknown_keys(data, _FLOW_KEYS, "key", None)
        for key in ("id", "title", "steps"):
            if key not in data:
                raise self.fail(f"missing '{key}'")
        flow_id = self.text(data, "id", None, required=True)
        if not _FLOW_ID.fullmatch(flow_id):
            raise self.fail(f"id '{flow_id}' may only use a-z, 0-9 and '-'")
        stem = os.path.splitext(self.name)[0]
        if flow_id != stem:
            raise self.fail(f"id '{flow_id}' must match the file name '{stem}'")
        raw_steps = data["steps"]
        if not isinstance(raw_steps, list) or not raw_steps:
            raise self.fail("'steps' must be a list of [[steps]] tables, with at least one")
        steps = tuple(self.step(raw, n) for n, raw in enumerate(raw_steps, start=1))
        from innercritic.engine.flow_summary import read_summary

        flow = Flow(
            id=flow_id,
            title=self.text(data, "title", None, required=True),
            description=self.text(data, "description", None) or "",
            default=self.flag(data, "default", None, False),
            steps=steps,
            path=self.path,
            summary=read_summary(data.get("summary"), steps, self.fail),
        )
        check_flow(flow, self.fail)
        return flow

    def step(self, raw: object, number: int) -> Step:
        if not isinstance(raw, dict):
            raise self.fail(f"step #{number} must be a [[steps]] table")
        if "id" not in raw:
            raise self.fail(f"step #{number} has no 'id'")
        step_id = raw["id"]
        if not isinstance(step_id, str) or not _STEP_ID.fullmatch(step_id):
            raise self.fail(f"step #{number}: id {step_id!r} may only use a-z, 0-9 and '_'")
        if step_id == END:
            raise self.fail("'end' is reserved for finishing the flow; pick another id", step_id)
        self.unknown_keys(raw, _STEP_KEYS, "key", step_id)
        kind = raw.get("kind")
        if kind not in KINDS:
            raise self.fail(f"unknown kind {kind!r} (use one of: {', '.join(KINDS)})", step_id)
        for key, kinds in _KIND_ONLY.items():
            if key in raw and kind not in kinds:
                raise self.fail(f"'{key}' only applies to {' and '.join(kinds)} steps", step_id)
        role = self.text(raw, "role", step_id)
        self.check_role(role, kind, step_id)
        optional = self.flag(raw, "optional", step_id, True)
        if not optional and kind in _SILENT_KINDS:
            raise self.fail(f"{kind} steps can always be skipped; drop 'optional'", step_id)
        max_visits = self.integer(raw, "max_visits", step_id)
        on_exhausted = self.text(raw, "on_exhausted", step_id)
        if max_visits is not None and not 1 <= max_visits <= MAX_VISITS_LIMIT:
            raise self.fail(f"max_visits must be between 1 and {MAX_VISITS_LIMIT}", step_id)
        if (max_visits is None) != (on_exhausted is None):
            raise self.fail("max_visits and on_exhausted go together; set both", step_id)
        seconds = self.integer(raw, "seconds", step_id)
        if seconds is not None and not SECONDS_RANGE[0] <= seconds <= SECONDS_RANGE[1]:
            low, high = SECONDS_RANGE
            raise self.fail(f"seconds must be between {low} and {high}", step_id)
        pattern = self.text(raw, "pattern", step_id)
        if pattern is not None and not _PATTERN.fullmatch(pattern):
            raise self.fail(f"pattern {pattern!r} should look like \"4-4-6\"", step_id)
        return Step(
            id=step_id,
            kind=kind,
            prompt=self.text(raw, "prompt", step_id, required=True),
            stage=self.text(raw, "stage", step_id),
            hint=self.text(raw, "hint", step_id),
            role=role,
            optional=optional,
            quote=self.flag(raw, "quote", step_id, False),
            choices=self.choices(raw, kind, step_id),
            branches=self.branches(raw, kind, step_id),
            next=self.text(raw, "next", step_id),
            max_visits=max_visits,
            on_exhausted=on_exhausted,
            min_label=self.text(raw, "min_label", step_id),
            max_label=self.text(raw, "max_label", step_id),
            seconds=DEFAULT_SECONDS if seconds is None else seconds,
            pattern=pattern or DEFAULT_PATTERN,
        )

    def check_role(self, role: str | None, kind: str, step_id: str) -> None:
        if role is None:
            return
        if role not in ROLES:
            raise self.fail(f"unknown role '{role}'{did_you_mean(role, ROLES)}", step_id)
        if role.startswith("loudness_") and kind != "scale":
            raise self.fail(f"role '{role}' belongs on a scale step", step_id)
        if role == "summary" and kind != "info":
            raise self.fail("role 'summary' belongs on an info step", step_id)
        if role == FOLLOWUP_ROLE and kind != "text":
            raise self.fail(f"role '{FOLLOWUP_ROLE}' belongs on a text step", step_id)
        if role != "summary" and kind in _SILENT_KINDS:
            raise self.fail(f"role '{role}' needs a step that takes an answer", step_id)

    def choices(self, raw: dict, kind: str, step_id: str) -> tuple[Choice, ...]:
        if kind not in _CHOICE_KINDS:
            return ()
        items = raw.get("choices")
        if not isinstance(items, list) or len(items) < 2:
            raise self.fail(f"a {kind} step needs at least two [[steps.choices]]", step_id)
        choices: list[Choice] = []
        for item in items:
            if not isinstance(item, dict):
                raise self.fail("each choice must be a [[steps.choices]] table", step_id)
            self.unknown_keys(item, _CHOICE_KEYS, "choice key", step_id)
            choice_id = self.text(item, "id", step_id, required=True, what="choice id")
            if not _CHOICE_ID.fullmatch(choice_id):
                raise self.fail(f"choice id '{choice_id}' may only use a-z, 0-9, '_' and '-'", step_id)
            if any(c.id == choice_id for c in choices):
                raise self.fail(f"choice id '{choice_id}' is used twice", step_id)
            label = self.text(item, "label", step_id, required=True, what="choice label")
            reactive = self.flag(item, "reactive", step_id, False)
            choices.append(Choice(choice_id, label, reactive))
        return tuple(choices)

    def branches(self, raw: dict, kind: str, step_id: str) -> tuple[Branch, ...]:
        items = raw.get("branches", [])
        if not isinstance(items, list):
            raise self.fail("'branches' must be a list of [[steps.branches]] tables", step_id)
        if items and kind not in (*_CHOICE_KINDS, "scale"):
            raise self.fail(f"a {kind} step cannot branch (only choice, multi and scale can)", step_id)
        return tuple(self.branch(item, kind, step_id) for item in items)

    def branch(self, item: object, kind: str, step_id: str) -> Branch:
        if not isinstance(item, dict):
            raise self.fail("each branch must be a [[steps.branches]] table", step_id)
        self.unknown_keys(item, _BRANCH_KEYS, "branch key", step_id)
        goto = self.text(item, "goto", step_id, required=True, what="branch 'goto'")
        when_choice = item.get("when_choice")
        at_least = self.integer(item, "when_at_least", step_id)
        at_most = self.integer(item, "when_at_most", step_id)
        if when_choice is None and at_least is None and at_most is None:
            raise self.fail(
                f"branch to '{goto}' has no condition (when_choice, when_at_least or when_at_most)",
                step_id,
            )
        if when_choice is not None:
            if kind not in _CHOICE_KINDS:
                raise self.fail("when_choice only works on choice and multi steps", step_id)
            if at_least is not None or at_most is not None:
                raise self.fail("a branch uses either when_choice or when_at_least/when_at_most", step_id)
            if not _string_list(when_choice):
                raise self.fail("when_choice must be a list of choice ids", step_id)
            return Branch(goto, when_choice=tuple(when_choice))
        if kind != "scale":
            raise self.fail("when_at_least and when_at_most only work on scale steps", step_id)
        for bound in (at_least, at_most):
            if bound is not None and not SCALE_MIN <= bound <= SCALE_MAX:
                raise self.fail(f"branch bounds must be between {SCALE_MIN} and {SCALE_MAX}", step_id)
        if at_least is not None and at_most is not None and at_least > at_most:
            never = f"at least {at_least}, at most {at_most}"
            raise self.fail(f"branch to '{goto}' can never match ({never})", step_id)
        return Branch(goto, when_at_least=at_least, when_at_most=at_most)

    # typed getters ----------------------------------------------------------

    def unknown_keys(self, table: dict, allowed: tuple[str, ...], what: str, step: str | None) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(f"unknown {what} '{key}'{did_you_mean(key, allowed)}", step)

    def text(
        self,
        table: dict,
        key: str,
        step: str | None,
        required: bool = False,
        what: str | None = None,
    ) -> str | None:
        value = table.get(key)
        label = what or f"'{key}'"
        if value is None:
            if required:
                raise self.fail(f"missing {label}", step)
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{label} must be a non-empty string", step)
        return value

    def flag(self, table: dict, key: str, step: str | None, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"'{key}' must be true or false", step)
        return value

    def integer(self, table: dict, key: str, step: str | None) -> int | None:
        value = table.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise self.fail(f"'{key}' must be a whole number", step)
        return value


def _string_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)
