"""What is on the screen, as a person sees it: the rendered strips, not the widget tree."""

from __future__ import annotations


def visible_text(app) -> str:
    """What is actually on the screen (not what is scrolled out of view)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def visible_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def on_screen(app, needle: str) -> bool:
    return needle in visible_text(app).replace("\n", " ")


def styled_text(app, test) -> str:
    """The characters on screen drawn in a style for which test(style) is true."""
    out = []
    for strip in app.screen._compositor.render_strips():
        out.append("".join(seg.text for seg in strip if seg.style is not None and test(seg.style)))
    return "\n".join(out)


SIZES = [(60, 18), (80, 24), (160, 45)]
