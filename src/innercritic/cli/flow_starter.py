"""`innercritic flows new NAME`: a starter exercise in the person's flows folder.

The starter's words are content (data/flow-starter.toml); only its id changes, to the
name given, so `flows check` accepts it as written.
"""

from __future__ import annotations

import os
import re

from innercritic.errors import UsageProblem

_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_ID_LINE = re.compile(r'^id = "NAME".*$', re.MULTILINE)


def starter_text(name: str) -> str:
    from innercritic.resources import data_path

    with open(data_path("flow-starter.toml"), encoding="utf-8") as handle:
        template = handle.read()
    return _ID_LINE.sub(f'id = "{name}"  # the same as the file name, {name}.toml', template, count=1)


def write_starter(name: str) -> str:
    """The path of the new file; UsageProblem (exit 2) for a bad or taken name, never overwriting."""
    from innercritic.engine.flow_files import shipped_flow
    from innercritic.services.flow_catalog import user_flows_dir

    shown = "".join(ch if ch.isprintable() else "?" for ch in name)[:40]
    if not _NAME.fullmatch(name):
        raise UsageProblem(f"'{shown}' cannot be an exercise's name: use a-z, 0-9 and '-' (up to 40), such as evening")
    if shipped_flow(name) is not None:
        raise UsageProblem(f"'{name}' is a shipped exercise's id; choose another name")
    folder = user_flows_dir()
    path = os.path.join(folder, f"{name}.toml")
    if os.path.exists(path):
        raise UsageProblem(f"{path} already exists; it was left as it was")
    text = starter_text(name)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never over a file that appeared meanwhile
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageProblem(f"{path} already exists; it was left as it was") from None
    except OSError as error:
        raise UsageProblem(f"{path}: cannot be written ({error.strerror or error})") from None
    return path
