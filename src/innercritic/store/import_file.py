"""Import, first step: read an export file (or standard input) and parse it as JSON.

Every way the file can fail to be read (missing, unreadable, too large, not UTF-8,
not JSON) ends in one UsageProblem line saying nothing was imported. Checking the
parsed document is import_check.py's job.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import UsageProblem
from ..files import NotReadable, read_bounded

MAX_IMPORT_BYTES = 512 * 1024 * 1024


def read_document(path: str) -> dict[str, Any]:
    """Read and parse a file (or '-' for standard input) into JSON, with one-line errors."""
    label = "standard input" if path == "-" else path
    try:
        if path == "-":
            import sys

            stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
            data = stream.read(MAX_IMPORT_BYTES + 1) if stream else sys.stdin.read().encode("utf-8")
        else:
            data = read_bounded(path, MAX_IMPORT_BYTES)
    except NotReadable as refused:
        if str(refused) == "too large":
            raise UsageProblem(f"{label}: too large for an innercritic export; nothing was imported") from None
        raise UsageProblem(f"{label}: {refused}; give import a JSON export file — nothing was imported") from None
    except FileNotFoundError:
        raise UsageProblem(f"{label}: no such file") from None
    except PermissionError:
        raise UsageProblem(f"{label}: cannot read this file (permission denied)") from None
    except OSError as exc:
        raise UsageProblem(f"{label}: cannot read this file ({exc.strerror or exc.__class__.__name__})") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise UsageProblem(f"{label}: too large for an innercritic export; nothing was imported")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageProblem(f"{label}: not an innercritic export (not UTF-8 text); nothing was imported") from None

    def no_constants(name: str) -> None:
        raise ValueError(name)

    try:
        return json.loads(text, parse_constant=no_constants)
    except (ValueError, RecursionError):
        raise UsageProblem(f"{label}: not an innercritic export (not valid JSON); nothing was imported") from None
