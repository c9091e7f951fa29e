"""Locate the project's content files (flows, safety phrases, lens patterns).

A wheel carries them inside the package as ``innercritic/data``; an editable
install runs from the source tree, where they sit in the top-level ``data/``.
"""

from __future__ import annotations

import os

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_CANDIDATES = (
    os.path.join(_PACKAGE_DIR, "data"),
    os.path.join(os.path.dirname(os.path.dirname(_PACKAGE_DIR)), "data"),
)


def data_dir() -> str:
    """The directory holding the shipped content, wherever it was installed."""
    for candidate in _CANDIDATES:
        if os.path.isdir(os.path.join(candidate, "flows")):
            return candidate
    raise FileNotFoundError(
        "innercritic's content files are missing; reinstall the package"
    )


def data_path(*parts: str) -> str:
    return os.path.join(data_dir(), *parts)
