"""The lower floors never pull in the faces' libraries, and the quick shell path stays light."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from journal_testing import make_journal, rows

import innercritic.engine
import innercritic.store

FACES = ("textual", "rich", "typer")
HEAVY = ("typer", "sqlalchemy", "sqlmodel", "textual")


def _modules_after(code: str, tmp_path: Path) -> set[str]:
    """Run `code` in a fresh interpreter and return the names in sys.modules afterwards."""
    out = tmp_path / "modules.json"
    script = f"{code}\nimport json, sys\nopen({str(out)!r}, 'w').write(json.dumps(sorted(sys.modules)))\n"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=str(tmp_path), env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(out.read_text()))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in names)


def test_core_modules_do_not_import_the_faces(tmp_path):
    modules = _modules_after(
        "import innercritic.engine.records, innercritic.engine.dates, innercritic.store.journal,"
        " innercritic.store.queries, innercritic.store.connection, innercritic.services, innercritic.entry",
        tmp_path,
    )
    assert "innercritic.store.journal" in modules
    assert _loaded(modules, FACES) == []


def _package_modules(package) -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."))


@pytest.mark.parametrize("package", [innercritic.engine, innercritic.store], ids=lambda p: p.__name__)
def test_every_engine_and_store_module_stays_free_of_the_faces(tmp_path, package):
    names = _package_modules(package)
    assert names
    modules = _modules_after("\n".join(f"import {name}" for name in names), tmp_path)
    assert _loaded(modules, FACES) == [], names


def test_entry_and_parse_quick_load_nothing_heavy(tmp_path):
    modules = _modules_after(
        "from innercritic.entry import parse_quick\n"
        "assert parse_quick(['--db', 'x.db', 'checkin', '--mood', '3', '--json']) is not None\n"
        "assert parse_quick(['history', '-n', '2', '--json']) is not None\n",
        tmp_path,
    )
    assert _loaded(modules, (*HEAVY, "rich")) == []
    assert not any(m.startswith("innercritic.store") for m in modules)


@pytest.mark.parametrize(
    "argv",
    [
        ["checkin", "--mood", "3"],
        ["checkin", "--critic", "4", "--json"],
        ["nudge"],
        ["history", "-n", "2", "--json"],
        ["history", "--search", "word", "--json"],
    ],
    ids=" ".join,
)
def test_quick_shell_path_loads_no_heavy_library(tmp_path, argv):
    db = str(tmp_path / "journal.db")
    make_journal(db)  # at the current schema, so nothing needs upgrading
    modules = _modules_after(
        "from innercritic.entry import main\n"
        f"rc = main({['--db', db, *argv]!r})\n"
        "assert rc == 0, rc\n",
        tmp_path,
    )
    ran = "innercritic.nudge" if argv[0] == "nudge" else "innercritic.shell"
    assert ran in modules  # it did run the command
    assert _loaded(modules, HEAVY) == []
    if argv[0] == "checkin":
        assert rows(db, "SELECT count(*) FROM entry") == [(1,)]
