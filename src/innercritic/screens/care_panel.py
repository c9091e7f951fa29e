"""The look shared by the screens of the crisis path: one calm, centred panel."""

from __future__ import annotations


def panel_css(screen: str, panel_id: str, width: int, padding: str = "0 1") -> str:
    """CSS for a modal `screen` whose content sits in `#panel_id`, at most `width` wide."""
    return f"""
    {screen} {{
        align: center middle;
    }}
    {screen} #{panel_id} {{
        width: {width};
        max-width: 100%;
        height: auto;
        max-height: 100%;
        background: $panel;
        border: round $accent;
        padding: {padding};
    }}
    {screen} .muted {{
        color: $text-muted;
    }}
    """
