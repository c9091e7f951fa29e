"""Reading flow files: data/flows/*.toml (or the files a person names) into checked Flows.

The model is in flow.py, the checks of one file's TOML in flow_reader.py. Nothing here
touches the disk until a function is called.
"""

from __future__ import annotations

import os
import re
import tomllib
from typing import Iterable, Mapping

from innercritic.engine.flow import _FLOW_ID, MAX_FLOW_BYTES, Flow, FlowError

_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


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
