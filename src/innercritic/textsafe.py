"""User text is data: make it harmless before it reaches a terminal or a document.

Stored text is never changed; these functions only shape what is shown.
"""

from __future__ import annotations

import json
import re

# C0 controls except tab and newline, DEL, and the C1 block (U+0080–U+009F,
# which some terminals read as CSI, OSC and friends).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}"


def visible(text: str) -> str:
    """Show control characters as \\x1b-style escapes instead of sending them raw."""
    return _CONTROLS.sub(_picture, text)


def without_controls(text: str) -> str:
    """Text for an editor: line breaks made \n, other control characters dropped.

    For what a person types or pastes into the app, where an ESC or a C1 byte could
    only have come from a mangled paste and would otherwise be drawn raw."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str, width: int | None = None) -> str:
    flat = " ".join(visible(text).split())
    if width is not None and len(flat) > width:
        return flat[: max(width - 1, 0)] + "…"
    return flat


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def to_json(value: object, *, indent: int | None = 2) -> str:
    """JSON with real Unicode, but no raw C1 controls or line separators."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")


def markdown_literal(text: str) -> str:
    """Escape Markdown syntax so the person's words read exactly as written."""
    escaped = _MD_SPECIAL.sub(r"\\\1", visible(text))
    # A line starting with "1." or "-" or "+" would become a list.
    return re.sub(r"(?m)^(\s*)([-+]|\d+\.)(\s)", r"\1\\\2\3", escaped)
