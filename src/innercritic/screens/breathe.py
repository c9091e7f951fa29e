"""A minute of paced breathing: in, hold, out, with a quiet count and a slow bar.

Nothing flashes or blinks. The bar fills while breathing in, stays full while
holding and empties while breathing out. With reduced motion (config.toml's
reduced_motion = true) there is no bar: the count says where you are in words,
"2 of 4", and changes once a second. The timing rules live in
engine/pacer.py; this screen only shows them.
"""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Static

from innercritic.engine import pacer

TICK = 0.25  # seconds between updates; small enough that the bar moves smoothly

PHASE_WORDS = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out"}


class BreathBar(Widget):
    """A one-line bar. Filled cells use a heavier line than empty ones, so the
    shape reads without colour."""

    fraction: reactive[float] = reactive(0.0)

    def render(self) -> Content:
        width = self.size.width
        filled = max(0, min(width, round(self.fraction * width)))
        return Content.assemble(
            ("━" * filled, "$accent"),
            ("─" * (width - filled), "$text-muted"),
        )


def _clock(seconds: float) -> str:
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


class BreatheScreen(Screen[None]):
    """Paced breathing. Dismisses with None, whether finished or stopped early."""

    BINDINGS = [
        Binding("escape", "stop", "Stop"),
        Binding("space", "pause", "Pause"),
        Binding("enter", "finish", "Return"),
    ]

    def __init__(
        self, pattern: tuple[int, int, int] = pacer.DEFAULT, seconds: int = 60, *, reduced_motion: bool = False
    ) -> None:
        pacer.check_pattern(pattern)
        super().__init__(classes="-still" if reduced_motion else "")
        self.reduced_motion = reduced_motion
        self.pattern = pattern
        self.total = pacer.session_length(pattern, seconds)
        self.elapsed = 0.0
        self.done = False
        self.paused = False
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        breathe_in, hold, breathe_out = self.pattern
        rhythm = f"in {breathe_in} · hold {hold} · out {breathe_out}" if hold else (
            f"in {breathe_in} · out {breathe_out}"
        )
        with Vertical(id="breathe-body"):
            yield Static("", id="phase", markup=False)
            yield Static("", id="count", markup=False)
            with Center(id="bar-row"):
                yield BreathBar(id="bar")
            yield Static(rhythm, id="pattern", markup=False)
            yield Static("", id="remaining", markup=False)
            yield Static(
                "Notice how you feel now. Maybe a little softer somewhere, maybe not. "
                "Either is fine.",
                id="closing",
                markup=False,
            )
            yield Static("enter to return", id="closing-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self._timer = self.set_interval(TICK, self._tick)

    # -- time ---------------------------------------------------------------

    def _tick(self) -> None:
        self.advance(TICK)

    def advance(self, seconds: float) -> None:
        """Move the guide on by this many seconds (the timer calls this; tests may too)."""
        if self.done or self.paused:
            return
        self.elapsed = min(self.total, self.elapsed + seconds)
        if self.elapsed >= self.total:
            self._finish()
        else:
            self._show()

    @property
    def phase(self) -> tuple[str, int]:
        return pacer.phase_at(self.pattern, self.elapsed)

    def _show(self) -> None:
        name, left = self.phase
        fraction = pacer.phase_fraction(self.pattern, self.elapsed)
        if name == "in":
            fill = fraction
        elif name == "hold":
            fill = 1.0
        else:
            fill = 1.0 - fraction
        self.query_one("#phase", Static).update(PHASE_WORDS[name])
        if self.reduced_motion:
            length = dict(zip(("in", "hold", "out"), self.pattern))[name]
            self.query_one("#count", Static).update(f"{length - left + 1} of {length}")
        else:
            self.query_one("#count", Static).update(str(left))
            self.query_one(BreathBar).fraction = fill
        remaining = f"{_clock(self.total - self.elapsed)} left"
        if self.paused:
            remaining += " · paused, space to carry on"
        self.query_one("#remaining", Static).update(remaining)

    def _finish(self) -> None:
        self.done = True
        if self._timer is not None:
            self._timer.stop()
        self.query_one("#phase", Static).update("That's it for now")
        self.add_class("-done")
        self.refresh_bindings()

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pause":
            return not self.done
        if action == "finish":
            return self.done
        return True

    def action_pause(self) -> None:
        self.paused = not self.paused
        if self._timer is not None:
            if self.paused:
                self._timer.pause()
            else:
                self._timer.resume()
        self._show()

    def action_stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(None)

    def action_finish(self) -> None:
        self.dismiss(None)
