"""Issue 16, one JSON shape: --json wherever there is output (show and export too, with
--format json still working), the documented fields are the ones printed, and -n means the
same with and without --json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from journal_testing import insert_checkin_at, make_journal

DOCS = Path(__file__).resolve().parents[2] / "docs" / "json.md"
WITH_OUTPUT = [
    ["checkin", "--mood", "3"], ["history"], ["show", "1"], ["export"], ["parts", "list"], ["parts", "show", "Judge"],
    ["stats"], ["flows"], ["where"], ["plan"], ["help-now"], ["config", "list"],
]


@pytest.fixture
def journal(tmp_path):
    db = str(tmp_path / "j.db")
    make_journal(db)
    for day in range(1, 8):
        insert_checkin_at(db, f"2026-11-{day:02d}T10:00:00.000+00:00", note=f"a word on day {day}")
    return db


@pytest.mark.parametrize("args", WITH_OUTPUT, ids=" ".join)
def test_every_command_with_output_takes_json(run_cli, journal, args):
    run_cli("parts", "add", "Judge", db=journal)
    rc, out, err = run_cli(*args, "--json", db=journal)
    assert rc == 0, err
    json.loads(out)


def test_show_and_export_json_is_format_json(run_cli, journal):
    for command in (["show", "1"], ["export"]):
        rc, as_flag, _ = run_cli(*command, "--json", db=journal)
        rc2, as_format, _ = run_cli(*command, "--format", "json", db=journal)
        assert rc == rc2 == 0
        strip = (lambda text: re.sub(r'"exported_at": "[^"]+"', "", text))
        assert strip(as_flag) == strip(as_format)
        rc, out, err = run_cli(*command, "--json", "--format", "md", db=journal)
        assert rc == 2 and out == "" and err.count("\n") == 1


@pytest.mark.parametrize(
    "args", [["history"], ["history", "--kind", "checkin"], ["history", "--search", "word"], ["history", "--from", "2026-11-03"]],
    ids=" ".join,
)
def test_n_means_the_same_with_and_without_json(run_cli, journal, args):
    rc, listed, _ = run_cli(*args, "-n", "3", db=journal)
    shown = [int(line.split()[0]) for line in listed.splitlines()[1:]]
    rc2, out, _ = run_cli(*args, "-n", "3", "--json", db=journal)
    assert rc == rc2 == 0
    assert [entry["id"] for entry in json.loads(out)] == shown and len(shown) == 3


def test_the_documented_entry_fields_are_the_ones_printed(run_cli, journal):
    docs = DOCS.read_text(encoding="utf-8")
    assert "version 1" in docs
    rc, out, _ = run_cli("history", "-n", "1", "--json", db=journal)
    for field in json.loads(out)[0]:
        assert f"`{field}`" in docs, field
    for args in (["help-now"], ["config", "list"]):
        rc, out, _ = run_cli(*args, "--json", db=journal)
        document = json.loads(out)
        assert document["version"] == 1
        for field in document:
            assert f"`{field}`" in docs, (args, field)
