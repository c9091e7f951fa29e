"""Every exercise a person can run: the shipped flows, then their own.

Their own are the `*.toml` files in the flows folder beside config.toml
(`innercritic where` prints it). The rule for a clash: a shipped exercise keeps its
id, so a file of yours with a shipped id (say `critic.toml`) is not used, and says
so; rename it (its file name and its `id`) to run it. A broken file of yours never
stops anything: it is left out, with one line naming it. `--flow` also takes a path
to a flow file anywhere, checked the same way.
"""

from __future__ import annotations

import os
from innercritic.tuples import named_tuple

from innercritic.engine.flow import FlowError
from innercritic.engine.flow_files import DEFAULT_FLOW_ID, load_flow, load_flows, shipped_flow

FLOWS_FOLDER = "flows"
MAX_USER_FLOWS = 200  # a folder of more than this is not a person's own exercises


class Catalog(named_tuple("Catalog", "flows yours problems")):
    """flows: dict id -> Flow (the default first, shipped, then yours by id); yours:
    frozenset of the ids that are the person's; problems: one line per file left out."""

    __slots__ = ()


def user_flows_dir() -> str:
    from innercritic.locations import user_config_dir

    return os.path.join(user_config_dir(), FLOWS_FOLDER)


def catalog() -> Catalog:
    """The shipped flows and the person's (FlowError only if a shipped one is broken)."""
    shipped = load_flows()
    flows = dict(shipped)
    yours: set[str] = set()
    problems: list[str] = []
    for path in _user_files():
        try:
            flow = load_flow(path)
        except FlowError as problem:
            problems.append(f"{path}: {_without_name(str(problem), path)}; it was left out")
            continue
        if flow.id in shipped:
            problems.append(_clash(path, flow.id))
            continue
        flows[flow.id] = flow
        yours.add(flow.id)
    return Catalog(flows, frozenset(yours), problems)


def looks_like_path(text: str) -> bool:
    return text.endswith(".toml") or os.sep in text or (os.altsep is not None and os.altsep in text)


def find(name: str):
    """The flow a person named on the command line or in config: an id (shipped first,
    then the flows folder) or a path to a flow file. None when there is no such id;
    FlowError (naming the file) for a path that is not a usable flow."""
    if looks_like_path(name):
        path = os.path.abspath(os.path.expanduser(name))
        if not os.path.isfile(path):
            raise FlowError(f"{name}: there is no such flow file")
        flow = load_flow(path)
        if shipped_flow(flow.id) is not None:
            raise FlowError(_clash(path, flow.id))
        return flow
    found = shipped_flow(name)
    if found is not None:
        return found
    path = os.path.join(user_flows_dir(), f"{name}.toml")
    if _is_flow_id(name) and os.path.isfile(path):
        return load_flow(path)
    return None


def default_name() -> str:
    """The exercise `talk` opens when none is named: config's default_flow, else the critic."""
    from innercritic.services import preferences

    return preferences.value("default_flow") or DEFAULT_FLOW_ID


def _user_files() -> list[str]:
    folder = user_flows_dir()
    try:
        names = sorted(name for name in os.listdir(folder) if name.endswith(".toml"))
    except OSError:  # no folder yet (the usual case), or one that cannot be read
        return []
    return [os.path.join(folder, name) for name in names[:MAX_USER_FLOWS]]


def _is_flow_id(text: str) -> bool:
    return 0 < len(text) <= 40 and all(ch.isascii() and (ch.islower() or ch.isdigit() or ch == "-") for ch in text)


def _clash(path: str, flow_id: str) -> str:
    return (
        f"{path}: has the id '{flow_id}' of a shipped exercise, which keeps it; "
        "give your file another name and the same id inside to use it"
    )


def _without_name(message: str, path: str) -> str:
    """FlowError messages start with the file's name; the line here starts with its whole path."""
    prefix = os.path.basename(path) + ": "
    return message[len(prefix):] if message.startswith(prefix) else message
