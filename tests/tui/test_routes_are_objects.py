"""The app is one base class and its jobs are route objects, not mixins (issue 14).

InnerCriticApp subclasses only CarefulApp; each route is an object of its own class
holding the app, and reaches it only through the interface tui/route_context.py
declares; no route reads another object's private attributes or imports another
route; the app's handlers for the screens' messages hand each one on in one line.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from textual.message_pump import MessagePump

from innercritic.tui import route_context
from innercritic.tui.app import InnerCriticApp
from innercritic.tui.base import CarefulApp
from innercritic.tui.browsing_routes import BrowsingRoute
from innercritic.tui.care_routes import CareRoute
from innercritic.tui.dialogue_routes import DialogueRoute
from innercritic.tui.home_routes import HomeRoute
from innercritic.tui.parts_routes import PartsRoute
from innercritic.tui.unlock_routes import UnlockRoute

from tui_helpers import app_for, settle

TUI = Path(inspect.getfile(InnerCriticApp)).parent
ROUTES = {
    "unlocking": UnlockRoute, "home": HomeRoute, "dialogue": DialogueRoute,
    "care": CareRoute, "browsing": BrowsingRoute, "parts": PartsRoute,
}
OFFERS = {
    "home": route_context.Home, "dialogue": route_context.Dialogue,
    "care": route_context.Care, "browsing": route_context.Browsing,
}


def test_the_app_has_one_base_and_no_mixins():
    own = [cls for cls in InnerCriticApp.__mro__ if cls.__module__.startswith("innercritic")]
    assert own == [InnerCriticApp, CarefulApp]
    others = [cls for cls in InnerCriticApp.__mro__ if cls not in own]
    assert all(cls.__module__.split(".")[0] in ("textual", "typing", "builtins") for cls in others), others


async def test_each_route_is_an_object_holding_the_app_through_the_declared_interface(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app, route_context.RouteContext)  # the app has all the interface declares
        for name, cls in ROUTES.items():
            route = getattr(app, name)
            assert type(route) is cls and route.app is app
            assert not isinstance(route, MessagePump)  # a plain object, not a Textual node of any kind
        for name, offer in OFFERS.items():
            missing = [m for m in _protocol_methods(offer) if not callable(getattr(getattr(app, name), m, None))]
            assert not missing, f"{name} does not offer {missing}"


def _protocol_methods(protocol) -> list[str]:
    return [name for name, value in vars(protocol).items() if callable(value) and not name.startswith("_")]


def _route_modules() -> list[Path]:
    found = sorted(TUI.glob("*_routes.py"))
    assert {path.stem for path in found} >= {"unlock_routes", "home_routes", "dialogue_routes", "care_routes",
                                              "browsing_routes", "parts_routes"}
    return found


def test_no_route_reads_another_objects_private_attributes():
    """`self._x` is a route's own; `self.app._x` or `other._x` would be reaching into someone else."""
    public = {"_replace"}  # a NamedTuple's own public method (Settings._replace)
    reaching = []
    for path in _route_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and node.attr not in public \
                    and not node.attr.startswith("__"):
                if not (isinstance(node.value, ast.Name) and node.value.id == "self"):
                    reaching.append(f"{path.name}:{node.lineno} .{node.attr}")
    assert not reaching


def test_routes_import_only_the_interface_of_the_rest_of_tui():
    imported = []
    for path in _route_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("innercritic.tui"):
                if node.module != "innercritic.tui.route_context":
                    imported.append(f"{path.name}:{node.lineno} {node.module}")
    assert not imported


def test_the_apps_message_handlers_hand_each_message_on_in_one_line():
    tree = ast.parse((TUI / "app.py").read_text())
    app_class = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "InnerCriticApp")
    handlers = [node for node in app_class.body if isinstance(node, ast.FunctionDef) and "_screen_" in node.name]
    assert len(handlers) > 20
    long = [handler.name for handler in handlers if len(handler.body) != 1]
    assert not long
