"""#11 item 11: a terminal whose locale is not UTF-8 (LANG=C with UTF-8 mode off, or a
Latin-1 locale) never crashes output: characters it cannot show become replacements, and a
command that saved says so — so nobody retries a check-in that had in fact been saved."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from journal_testing import rows

NOTE = "café — “the critic” → 先生 🙂"


def _latin1_locale(tmp_path) -> dict[str, str] | None:
    """An ISO-8859-1 locale built for the test (LOCPATH), when localedef can build one."""
    if shutil.which("localedef") is None:
        return None
    target = tmp_path / "locales"
    target.mkdir()
    done = subprocess.run(["localedef", "-i", "en_US", "-f", "ISO-8859-1", str(target / "en_US.ISO-8859-1")],
                          capture_output=True)
    if not (target / "en_US.ISO-8859-1").exists():
        return None
    return {"LOCPATH": str(target), "LC_ALL": "en_US.ISO-8859-1", "LANG": "en_US.ISO-8859-1"}


LOCALES = ["C, UTF-8 mode off", "ISO-8859-1"]


@pytest.fixture(params=LOCALES)
def narrow_locale(request, tmp_path):
    if request.param == "ISO-8859-1":
        env = _latin1_locale(tmp_path)
        if env is None:
            pytest.skip("cannot build an ISO-8859-1 locale here (no localedef or locale sources)")
        return env
    return {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}


@pytest.mark.slow
def test_reading_commands_never_crash_on_the_encoding(run_cli, db_path, narrow_locale):
    assert run_cli("checkin", "--mood", "3", "--note", NOTE, db=db_path)[0] == 0  # written in a UTF-8 locale
    assert run_cli("talk", "--plain", db=db_path, input=f"7\n{NOTE}\n")[0] == 0
    for args in (["history"], ["history", "--search", "critic"], ["show", "1"], ["show", "2"], ["stats"],
                 ["parts"], ["export"]):
        rc, out, err = run_cli(*args, db=db_path, env=narrow_locale)
        assert rc == 0, (args, err)
        assert "UnicodeEncodeError" not in err and "went wrong" not in err, (args, err)
        assert out.strip(), args


def test_talk_plain_and_checkin_never_crash_on_the_encoding(run_cli, db_path, narrow_locale):
    rc, out, err = run_cli("talk", "--plain", db=db_path, env=narrow_locale, input="6\nyou again\n")
    assert rc == 0, err
    rc, out, err = run_cli("checkin", "--critic", "4", "--note", "ascii only", db=db_path, env=narrow_locale)
    assert rc == 0, err
    assert out.startswith("Saved check-in #2"), out  # "mood –" has a dash the locale may lack
    assert "went wrong" not in err
    assert rows(db_path, "SELECT count(*) FROM checkin") == [(1,)]  # saved once, said so once


def test_a_checkin_that_saved_says_so_even_when_its_line_cannot_be_printed(tmp_path, db_path):
    """Output to a full device (/dev/full: every write fails with 'no space'): the check-in is
    saved once, and standard error says it was, with its number, so it is not retried (the exit
    status is still 1, as for any output that could not be written)."""
    from conftest import INSTALLED, clean_env

    if not __import__("os").path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        done = subprocess.run([str(INSTALLED), "--db", db_path, "checkin", "--mood", "3", "--note", "kept"],
                              stdout=full, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              env=clean_env(tmp_path), timeout=60)
    err = done.stderr.decode()
    assert rows(db_path, "SELECT count(*) FROM checkin") == [(1,)]
    assert err.count("\n") == 1 and "saved check-in #1" in err, err
    assert "no need to check in again" in err
    assert done.returncode == 1, err
