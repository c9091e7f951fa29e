"""Prompt templates: a prompt may quote an earlier answer.

``{find}`` is replaced by the answer given at step ``find``; ``{find|that voice}``
falls back to "that voice" when there is no answer (skipped, or never reached).
``{{`` and ``}}`` stand for literal braces. Anything else inside braces is an
error, so a typo in a flow file is caught when the flow is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

DEFAULT_FALLBACK = "…"
INLINE_LIMIT = 160

_NAME = re.compile(r"[a-z0-9_]+")
_SPACES = re.compile(r"\s+")


class TemplateError(ValueError):
    """A template that cannot be read; the message says what is wrong."""


@dataclass(frozen=True)
class Placeholder:
    name: str
    fallback: str | None = None


Piece = str | Placeholder


def parse(template: str) -> tuple[Piece, ...]:
    """Split a template into literal text and placeholders."""
    pieces: list[Piece] = []
    literal: list[str] = []
    i = 0
    while i < len(template):
        char = template[i]
        if char in "{}" and template[i + 1 : i + 2] == char:
            literal.append(char)
            i += 2
            continue
        if char == "}":
            raise TemplateError("a lone '}' (write '}}' for a brace)")
        if char == "{":
            close = template.find("}", i + 1)
            if close == -1:
                raise TemplateError("a '{' is never closed (write '{{' for a brace)")
            pieces.extend(_flush(literal))
            pieces.append(_placeholder(template[i + 1 : close]))
            i = close + 1
            continue
        literal.append(char)
        i += 1
    pieces.extend(_flush(literal))
    return tuple(pieces)


def placeholders(template: str) -> tuple[Placeholder, ...]:
    return tuple(piece for piece in parse(template) if isinstance(piece, Placeholder))


def render(template: str, lookup: Callable[[str], str | None]) -> str:
    """Fill the placeholders: ``lookup(name)`` gives the answer text or None."""
    out: list[str] = []
    for piece in parse(template):
        if isinstance(piece, str):
            out.append(piece)
            continue
        value = lookup(piece.name)
        if value is None or not value.strip():
            fallback = piece.fallback
            out.append(DEFAULT_FALLBACK if fallback is None else fallback)
        else:
            out.append(value)
    return "".join(out)


def inline(text: str, limit: int = INLINE_LIMIT) -> str:
    """An answer made fit to sit inside a sentence: one line, not too long."""
    flat = _SPACES.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut.rstrip(" ,.;:") + "…"


def _flush(literal: list[str]) -> list[str]:
    if not literal:
        return []
    text = "".join(literal)
    literal.clear()
    return [text]


def _placeholder(inner: str) -> Placeholder:
    name, bar, fallback = inner.partition("|")
    if "{" in inner or not _NAME.fullmatch(name):
        raise TemplateError(
            f"'{{{inner}}}' is not a placeholder; use a step id like '{{find}}' "
            "or '{find|fallback}' (write '{{' for a brace)"
        )
    return Placeholder(name, fallback if bar else None)
