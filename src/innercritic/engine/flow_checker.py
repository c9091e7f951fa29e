"""Checking a whole flow once its steps have been read: the rules no one step can see.

Ids and roles used once, every branch, next and on_exhausted going to a step that
exists, every step reachable and able to reach the end, every loop bounded by a step
with max_visits, and templates quoting only steps answered earlier on every path.
Problems are raised through the reader's ``fail`` (a FlowError naming the file and
step). Used by flow_reader.py.
"""

from __future__ import annotations

import difflib
from collections import deque
from typing import Callable, Iterable, Mapping

from innercritic.engine import templating
from innercritic.engine.flow import END, FOLLOWUP_ROLE, RECALLED, Flow, FlowError


def check_flow(flow: Flow, fail: Callable[[str, str | None], FlowError]) -> None:
    """Raise ``fail(message, step id)`` at the first whole-flow problem of ``flow``."""
    _Checker(fail, flow).run()


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """A hint for a misspelt name, `` (did you mean 'x'?)``, or "" (the reader uses it too)."""
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Checker:
    """Whole-flow checks: ids, targets, reachability, loops, templates."""

    def __init__(self, fail: Callable[[str, str | None], FlowError], flow: Flow) -> None:
        self.fail = fail
        self.flow = flow
        self.steps = flow.steps

    def run(self) -> None:
        self.unique_ids()
        self.unique_roles()
        self.targets_exist()
        self.exhaustion_chains()
        graph = self.graph()
        self.all_reachable(graph)
        self.end_reachable(graph)  # before loops: a closed loop reads better as "no way out"
        self.loops_bounded(graph)
        self.templates(graph)

    def unique_ids(self) -> None:
        seen: set[str] = set()
        for step in self.steps:
            if step.id in seen:
                raise self.fail("this step id is used twice", step.id)
            seen.add(step.id)

    def unique_roles(self) -> None:
        owner: dict[str, str] = {}
        for step in self.steps:
            if step.role in owner:
                other = owner[step.role]
                raise self.fail(f"role '{step.role}' is already used by step '{other}'", step.id)
            if step.role:
                owner[step.role] = step.id

    def targets_exist(self) -> None:
        for step in self.steps:
            for branch in step.branches:
                self.target(branch.goto, step.id, "branch goes to")
                known = {choice.id for choice in step.choices}
                for choice_id in branch.when_choice:
                    if choice_id not in known:
                        raise self.fail(f"branch names unknown choice '{choice_id}'", step.id)
            if step.next is not None:
                self.target(step.next, step.id, "next goes to")
            if step.on_exhausted is not None:
                self.target(step.on_exhausted, step.id, "on_exhausted goes to")

    def target(self, target: str, step_id: str, what: str) -> None:
        if target != END and not self.flow.has_step(target):
            hint = did_you_mean(target, (step.id for step in self.steps))
            raise self.fail(f"{what} missing step '{target}'{hint}", step_id)

    def exhaustion_chains(self) -> None:
        """When a bounded step sends you on to another bounded step, that must not circle."""
        for step in self.steps:
            if step.max_visits is None:
                continue
            chain = [step.id]
            current = step
            while current.on_exhausted != END:
                current = self.flow.step(current.on_exhausted)
                if current.max_visits is None:
                    break
                if current.id in chain:
                    loop = " → ".join([*chain, current.id])
                    raise self.fail(f"on_exhausted goes round in a circle ({loop})", step.id)
                chain.append(current.id)

    def redirects(self, target: str) -> list[str]:
        """Where entering `target` may actually lead once it has been visited enough."""
        out: list[str] = []
        while target != END:
            step = self.flow.step(target)
            if step.max_visits is None:
                break
            target = step.on_exhausted
            out.append(target)
        return out

    def graph(self) -> dict[str, set[str]]:
        """Every step -> every step (or end) that can be entered right after it."""
        graph: dict[str, set[str]] = {}
        for step in self.steps:
            targets = {branch.goto for branch in step.branches}
            targets.add(self.flow.default_next(step.id))
            for target in list(targets):
                targets.update(self.redirects(target))
            graph[step.id] = targets
        return graph

    def all_reachable(self, graph: dict[str, set[str]]) -> None:
        seen = _reach(graph, [self.flow.first.id])
        for step in self.steps:
            if step.id not in seen:
                first = self.flow.first.id
                raise self.fail(f"can never be reached from the first step '{first}'", step.id)

    def loops_bounded(self, graph: dict[str, set[str]]) -> None:
        """Every loop must pass through a step with max_visits, or it could go on forever."""
        free = {s.id for s in self.steps if s.max_visits is None}
        sub = {node: {t for t in graph[node] if t in free} for node in free}
        cycle = _find_cycle(sub, [s.id for s in self.steps if s.id in free])
        if cycle:
            loop = " → ".join(cycle)
            raise self.fail(
                f"the loop {loop} has no limit; give one of its steps max_visits and on_exhausted",
                cycle[0],
            )

    def end_reachable(self, graph: dict[str, set[str]]) -> None:
        backwards: dict[str, set[str]] = {}
        for source, targets in graph.items():
            for target in targets:
                backwards.setdefault(target, set()).add(source)
        finishing = _reach(backwards, [END])
        for step in self.steps:
            if step.id not in finishing:
                raise self.fail("there is no way from here to the end of the flow", step.id)

    def templates(self, graph: dict[str, set[str]]) -> None:
        for step in self.steps:
            for field_name in ("prompt", "hint"):
                template = getattr(step, field_name)
                if template is None:
                    continue
                try:
                    names = [p.name for p in templating.placeholders(template)]
                except templating.TemplateError as error:
                    raise self.fail(f"{field_name}: {error}", step.id) from None
                for name in names:
                    self.quotable(name, step.id, field_name, graph)

    def quotable(self, name: str, step_id: str, field_name: str, graph: dict[str, set[str]]) -> None:
        if name in RECALLED and not self.flow.has_step(name):
            if self.flow.step(step_id).role != FOLLOWUP_ROLE:
                raise self.fail(f"{field_name}: '{{{name}}}' belongs on the step with role '{FOLLOWUP_ROLE}'", step_id)
            return
        if not self.flow.has_step(name):
            raise self.fail(f"{field_name} quotes missing step '{name}'", step_id)
        if not self.flow.step(name).answers:
            raise self.fail(f"{field_name} quotes step '{name}', which takes no answer", step_id)
        if step_id not in _reach(graph, graph[name]):
            raise self.fail(
                f"{field_name} quotes step '{name}', which cannot have been answered before this step",
                step_id,
            )


def _reach(graph: Mapping[str, Iterable[str]], start: Iterable[str]) -> set[str]:
    seen = set(start)
    queue = deque(seen)
    while queue:
        for target in graph.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _find_cycle(graph: Mapping[str, set[str]], order: list[str]) -> list[str] | None:
    """A cycle as [a, b, ..., a], or None. Iterative depth-first search."""
    done: set[str] = set()
    for root in order:
        if root in done:
            continue
        path: list[str] = [root]
        on_path = {root}
        stack = [iter(sorted(graph[root]))]
        while stack:
            target = next(stack[-1], None)
            if target is None:
                stack.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
            elif target in on_path:
                return path[path.index(target) :] + [target]
            elif target not in done:
                path.append(target)
                on_path.add(target)
                stack.append(iter(sorted(graph[target])))
    return None
