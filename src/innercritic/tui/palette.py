"""The command palette (Ctrl+P) offers the app's own ways in, by the names home uses,
beside Textual's stock commands (the theme, the keys, quit). The stock Screenshot is
left out: it would write an SVG of the person's words to ~/Downloads."""

from __future__ import annotations

from collections.abc import Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from innercritic.views.home_menu import MENU

# What each of home's ways in does, said under its name in the palette.
_HELP = {
    "talk": "start the guided dialogue",
    "resume": "continue the last unfinished dialogue",
    "exercises": "choose another guided exercise",
    "checkin": "mood, how loud the critic is, a note",
    "breathe": "a minute of paced breathing",
    "history": "browse and search what you wrote",
    "parts": "the parts map",
    "insights": "trends over the last weeks",
    "plan": "your plan, in your own words",
    "help": "the lines to call, and your safety plan's people (F1)",
}
# (what the palette says, what it does, the home choice it runs: see InnerCriticApp.home_choice),
# by the names home uses
ACTIONS = tuple((label, _HELP[key], key) for key, label, _shortcut in MENU)

LEFT_OUT = {"Screenshot"}  # stock commands the app does not offer


class AppCommands(Provider):
    """innercritic's own commands. While the journal is locked (its passphrase screen),
    only Help now is offered: nothing else can open before the passphrase."""

    def _actions(self) -> Iterable[tuple[str, str, str]]:
        locked = getattr(self.app, "locked", False)
        return (action for action in ACTIONS if not locked or action[2] == "help")

    def _run(self, key: str):
        def run() -> None:
            self.app.home_choice(key)

        return run

    async def discover(self) -> Hits:
        for label, help_text, key in self._actions():
            yield DiscoveryHit(label, self._run(key), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, key in self._actions():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), self._run(key), text=label, help=help_text)


def keys_note(screen) -> str:
    """The keys that work on this screen, as one line: its bindings that are on (shown
    in the footer or not), then the app's (F1, F2, Ctrl+P, Ctrl+Q)."""
    seen: set[str] = set()
    bits: list[str] = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if active.node is not screen and active.node is not screen.app:
            continue  # the focused widget's own keys (arrows in a list) go without saying
        if not active.enabled or not binding.description or binding.description in seen:
            continue
        seen.add(binding.description)
        bits.append(f"{screen.app.get_key_display(binding)} {binding.description.lower()}")
    bits.append("ctrl+p commands")
    return " · ".join(bits)
