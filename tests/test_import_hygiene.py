"""The lower floors never pull in the faces' libraries, and the quick shell path stays light."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from journal_testing import insert_checkin_at, make_journal, rows

import innercritic.engine
import innercritic.store

FACES = ("textual", "rich", "typer")
HEAVY = ("typer", "sqlalchemy", "sqlmodel", "textual", "dateparser")


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
        " innercritic.store.queries, innercritic.store.connection, innercritic.services.entries, innercritic.entry",
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
        ["history", "--from", "7d", "--to", "2026/12/31", "-n", "3"],
        ["history", "--on", "yesterday"],
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
    ran = "innercritic.cli.nudge" if argv[0] == "nudge" else "innercritic.cli.actions"
    assert ran in modules  # it did run the command
    assert _loaded(modules, HEAVY) == []
    if argv[0] == "checkin":
        assert rows(db, "SELECT count(*) FROM entry") == [(1,)]


def _run_command_noting_imports(argv: list[str], tmp_path: Path) -> tuple[set[str], str]:
    """(every module the installed `innercritic` command imports for argv, read from
    -X importtime; what it printed)."""
    from conftest import INSTALLED

    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(INSTALLED), *argv],
        cwd=str(tmp_path), capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return modules, done.stdout


@pytest.mark.parametrize(
    "argv",
    [["history", "--search", "word"], ["history", "-n", "3"], ["nudge"]],
    ids=" ".join,
)
def test_plain_listing_and_search_load_no_regex_typing_or_json(tmp_path, argv):
    """The rare-word search has a budget of ~50 ms for the whole process; `re`,
    `typing` and `json` would take a fifth of it, so the listing path and the
    installed launcher avoid them (--json output loads json, which is fine)."""
    db = str(tmp_path / "journal.db")
    make_journal(db)
    insert_checkin_at(db, "2026-11-20T10:00:00.000+00:00", note="the word\x1b[31m that stung")
    modules, printed = _run_command_noting_imports(["--db", db, *argv], tmp_path)
    assert "innercritic.entry" in modules
    if argv[0] == "history":
        assert "the word\\x1b[31m that stung" in printed  # found, and its escape code shown, not sent
    assert {"re", "typing", "json"} & modules == set()
    assert _loaded(modules, (*HEAVY, "rich")) == []


def test_dates_in_words_load_dateparser_only_then(tmp_path):
    """The natural-language dates cost a tenth of a second to load; only a form that
    needs them pays it (the quick forms are checked above, with dateparser in HEAVY)."""
    db = str(tmp_path / "journal.db")
    make_journal(db)
    modules = _modules_after(
        "from innercritic.entry import main\n"
        f"rc = main({['--db', db, 'history', '--from', 'last monday']!r})\n"
        "assert rc == 0, rc\n",
        tmp_path,
    )
    assert "dateparser" in modules


def test_the_app_tells_a_journal_s_kind_before_loading_sqlite_or_the_home_screen(tmp_path):
    """`talk` draws its first prompt before the journal opens (tui/dialogue_routes.py): what it
    does before that (the app's modules, asking whether the journal is encrypted) stays off
    SQLite and off screens it does not show."""
    journal = str(tmp_path / "journal.db")
    make_journal(journal)
    modules = _modules_after(
        "import innercritic.tui.app\n"
        "from innercritic.services.unlocking import is_encrypted\n"
        f"assert not is_encrypted({journal!r})\n",
        tmp_path,
    )
    assert "innercritic.tui.app" in modules
    assert _loaded(modules, ("sqlite3", "sqlcipher3", "sqlalchemy", "sqlmodel")) == []
    assert "innercritic.screens.home" not in modules
