"""User text is data: make it harmless before it reaches a terminal or a document.

Stored text is never changed; these functions only shape what is shown.
"""

from __future__ import annotations

# C0 controls except tab and newline, DEL, and the C1 block (U+0080–U+009F,
# which some terminals read as CSI, OSC and friends). Translation tables, not
# regular expressions: the quick shell commands print through here, and
# loading `re` costs them more than the printing.
CONTROL_CODES = (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))
_PICTURES = {code: f"\\x{code:02x}" for code in CONTROL_CODES}
_DROPPED = dict.fromkeys(CONTROL_CODES)


def visible(text: str) -> str:
    """Show control characters as \\x1b-style escapes instead of sending them raw."""
    return text.translate(_PICTURES)


def without_controls(text: str) -> str:
    """Text for an editor: line breaks made \n, other control characters dropped.

    For what a person types or pastes into the app, where an ESC or a C1 byte could
    only have come from a mangled paste and would otherwise be drawn raw."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_DROPPED)


def one_line(text: str, width: int | None = None) -> str:
    flat = " ".join(visible(text).split())
    if width is not None and len(flat) > width:
        return flat[: max(width - 1, 0)] + "…"
    return flat


# json.dumps escapes C0 controls itself; these it would write raw.
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), 0x2028, 0x2029)}


def to_json(value: object, *, indent: int | None = 2) -> str:
    """JSON with real Unicode, but no raw C1 controls or line separators."""
    import json

    return json.dumps(value, ensure_ascii=False, indent=indent).translate(_JSON_ESCAPES)


_MD_SPECIAL = "\\`*_{}[]<>#|~!"
_MD_ESCAPES = {ord(ch): "\\" + ch for ch in _MD_SPECIAL}


def markdown_literal(text: str) -> str:
    """Escape Markdown syntax so the person's words read exactly as written."""
    import re

    escaped = visible(text).translate(_MD_ESCAPES)
    # A line starting with "1." or "-" or "+" would become a list.
    return re.sub(r"(?m)^(\s*)([-+]|\d+\.)(\s)", r"\1\\\2\3", escaped)
