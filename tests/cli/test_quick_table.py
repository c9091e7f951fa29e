"""The quick route's option table (cli/quick.py) agrees with the Typer declarations.

Derived from the Typer commands themselves, in both directions: every option of a
quick-routed command is in the table (or named there as left to Typer), every option in
the table is declared by Typer with the same kind (a value or a flag), and every keyword
the table passes on is a parameter of the shell action that receives it. Renaming an
option in either place, or an action's keyword, fails here.
"""

from __future__ import annotations

import inspect

import pytest
import typer.main
from typer.core import TyperGroup, TyperOption

from innercritic.cli import actions, quick
from innercritic.cli.app import app

ACTIONS = {"checkin": actions.run_checkin, "history": actions.run_history, "talk": actions.run_talk}


def _declared(command) -> dict[str, bool]:
    """option string -> takes a value, for every option Typer declares (--help aside)."""
    declared: dict[str, bool] = {}
    for param in command.params:
        if isinstance(param, TyperOption) and "--help" not in param.opts:
            for opt in (*param.opts, *param.secondary_opts):
                declared[opt] = not param.is_flag
    return declared


@pytest.fixture(scope="module")
def root() -> TyperGroup:
    return typer.main.get_command(app)


def test_the_table_covers_exactly_the_quick_commands(root):
    assert set(quick.QUICK) == set(quick.TYPER_ONLY)
    assert set(quick.QUICK) <= set(root.commands), sorted(set(quick.QUICK) - set(root.commands))


@pytest.mark.parametrize("name", sorted(quick.QUICK))
def test_each_option_agrees_in_both_directions(root, name):
    declared = _declared(root.commands[name])
    valued, flags = quick.QUICK[name]
    table = {**{opt: True for opt in valued}, **{opt: False for opt in flags}}
    left_to_typer = quick.TYPER_ONLY[name]
    assert not set(table) & left_to_typer, f"{name}: an option is both quick and Typer-only"
    unknown_to_typer = sorted(set(table) - set(declared))
    assert not unknown_to_typer, f"{name}: the quick table has {unknown_to_typer}, which Typer does not declare"
    missing = sorted(set(declared) - set(table) - left_to_typer)
    assert not missing, f"{name}: Typer declares {missing}, which the quick table neither takes nor leaves to Typer"
    stale = sorted(left_to_typer - set(declared))
    assert not stale, f"{name}: TYPER_ONLY names {stale}, which Typer does not declare"
    wrong_kind = sorted(opt for opt, takes_value in table.items() if declared[opt] != takes_value)
    assert not wrong_kind, f"{name}: {wrong_kind} take a value on one route and are flags on the other"


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_each_keyword_is_a_parameter_of_its_action(name):
    valued, flags = quick.QUICK[name]
    accepted = set(inspect.signature(ACTIONS[name]).parameters)
    passed = set(valued.values()) | set(flags.values())
    assert passed <= accepted, f"{name}: {sorted(passed - accepted)} are not parameters of {ACTIONS[name].__name__}"


def test_the_root_db_option_takes_a_value(root):
    assert _declared(root).get("--db") is True  # parse_quick reads `--db PATH` / `--db=PATH` before the command
