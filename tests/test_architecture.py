"""The house rules hold: import-linter checks the contracts in pyproject.toml.

Layers (entry > cli > tui > screens > widgets > services | views > store > engine > base),
screens and widgets kept from the database, use-case internals and the shell face,
the full-screen face reaching the journal only through services, engine/ and store/ free of UI libraries, and no import circles anywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.fail(f"{lint} is missing: install the test extra (make test does)")
    result = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout
    assert "5 kept, 0 broken" in result.stdout, result.stdout[-2000:]


def test_every_house_rule_is_a_contract():
    """Dropping a contract from pyproject.toml (rather than keeping it) fails here."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert {c["id"] for c in contracts} == {"layers", "screens-draw", "tui-through-services", "core-has-no-ui", "no-circles"}
    tui = next(c for c in contracts if c["id"] == "tui-through-services")
    assert tui["source_modules"] == ["innercritic.tui"] and "innercritic.store" in tui["forbidden_modules"]
