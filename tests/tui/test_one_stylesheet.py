"""The screens' looks live in the one stylesheet, tui/app.tcss, each rule scoped by its
screen's type (issue 14). A class in screens/ that brings its own CSS again fails here;
reusable widgets in widgets/ may keep their DEFAULT_CSS."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import innercritic.screens
from textual.dom import DOMNode

_OWN_CSS = ("DEFAULT_CSS", "CSS", "CSS_PATH")


def _classes_in_screens() -> dict[str, type]:
    found: dict[str, type] = {}
    for module_info in pkgutil.iter_modules(innercritic.screens.__path__):
        module = importlib.import_module(f"innercritic.screens.{module_info.name}")
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, DOMNode) and value.__module__ == module.__name__:
                found[f"{module_info.name}.{name}"] = value
    return found


def test_no_class_in_screens_defines_its_own_css() -> None:
    classes = _classes_in_screens()
    assert "home.HomeScreen" in classes and "crisis.CrisisScreen" in classes  # it looked at the screens
    own = sorted(f"{where}.{attr}" for where, cls in classes.items() for attr in _OWN_CSS if attr in vars(cls))
    assert own == [], "move these into tui/app.tcss, scoped by the screen's type: " + ", ".join(own)


def test_the_screens_rules_are_in_the_stylesheet() -> None:
    from innercritic.tui.app import InnerCriticApp
    from importlib.resources import files

    sheet = files("innercritic.tui").joinpath(InnerCriticApp.CSS_PATH).read_text(encoding="utf-8")
    for screen in ("HomeScreen", "HistoryScreen", "TranscriptScreen", "CrisisScreen", "CheckinScreen", "UnlockScreen"):
        assert f"\n{screen} " in sheet or f"\n{screen}." in sheet or f"\n{screen}," in sheet, screen
