"""Where sqlcipher3 has no wheel, the standard library's sqlite3 opens plain journals: the
erase guarantees and the journal's behaviour hold there too (their tests, run on the fallback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


@pytest.mark.slow
def test_erase_and_journal_tests_pass_on_the_standard_librarys_sqlite(tmp_path):
    env = {**os.environ, "INNERCRITIC_SQLITE": "stdlib"}
    check = subprocess.run(
        [sys.executable, "-c", "from innercritic.store import driver; print(driver.ENCRYPTION, driver.sqlite_version())"],
        env=env, capture_output=True, text=True, check=True,
    )
    assert check.stdout.startswith("False ")  # the fallback really is in use
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
         str(TESTS / "test_erase.py"), str(TESTS / "test_journal.py")],
        env=env, capture_output=True, text=True, cwd=str(tmp_path), timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout
