"""How the app looks beyond its stylesheet: the high-contrast theme, registered with
the app so Ctrl+P's theme picker offers it and it can be chosen by name."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = "high-contrast"

# Pure black and white with one bright accent: every pair of text and background used
# in app.tcss keeps a contrast ratio far above WCAG's 7:1 (AAA).
_HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#1A1A1A",
    warning="#FFAA00",
    error="#FF6666",
    success="#66FF66",
    dark=True,
    variables={
        "text-muted": "#FFFFFF",  # muted text stays full white: dimming costs contrast
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#FFFF00 40%",
    },
)


def register_looks(app) -> None:
    app.register_theme(_HIGH_CONTRAST)
