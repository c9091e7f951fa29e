"""Issue 17, item 2: the part that reacted in the unblending branch can be named; it becomes
a part on the map, linked to the part it reacted to (schema 7, table part_reaction)."""

from __future__ import annotations

import json

from journal_testing import rows
from typer.testing import CliRunner

from innercritic.cli.app import app
from innercritic.store.journal import Journal

# the critic named, three reactive feelings, then getting to know the part that reacted
REACTING = [
    "7", "you are lazy", "jaw", "sharp", "Clipboard",
    "angry", "", "angry", "", "angry", "", "know_other",
    "It is fed up with being ignored", "That I will believe it", "The Defender", "5",
]


def run(db, *args, input=None):
    return CliRunner().invoke(app, ["--db", str(db), *args], input=input)


def test_the_reacting_part_is_named_and_linked_to_the_part_it_reacted_to(db_path):
    talked = run(db_path, "talk", "--plain", input="\n".join(REACTING) + "\n")
    assert talked.exit_code == 0, talked.output
    assert rows(db_path, "SELECT p.name FROM part_reaction r JOIN part p ON p.id = r.part_id") == [("The Defender",)]
    listed = {p["name"]: p for p in json.loads(run(db_path, "parts", "--json").stdout)}
    assert set(listed) == {"Clipboard", "The Defender"}
    assert listed["The Defender"]["dialogues"] == 1  # it came up in that dialogue
    defender = json.loads(run(db_path, "parts", "show", "the defender", "--json").stdout)
    assert defender["reacted_to"] == ["Clipboard"]
    [entry] = defender["story"]
    assert entry["stepped_in_about"] == "Clipboard"
    assert (entry["says"], entry["fears"]) == ("It is fed up with being ignored", "That I will believe it")
    clipboard = json.loads(run(db_path, "parts", "show", "Clipboard", "--json").stdout)
    assert clipboard["reactions"] == ["The Defender"]
    assert clipboard["story"][0]["says"] == "you are lazy"  # its own story is not the reacting part's words
    assert "Stepped in about Clipboard" in run(db_path, "parts", "show", "The Defender").stdout


def test_the_link_survives_export_and_import_and_merge(db_path, tmp_path):
    run(db_path, "talk", "--plain", input="\n".join(REACTING) + "\n")
    exported = run(db_path, "export", "--format", "json").stdout
    document = json.loads(exported)
    [dialogue] = [e for e in document["entries"] if e["kind"] == "dialogue"]
    defender_uid = next(p["uid"] for p in document["parts"] if p["name"] == "The Defender")
    assert dialogue["reacting_part"]["part"] == defender_uid
    other = tmp_path / "other.db"
    assert run(other, "import", "-", input=exported).exit_code == 0
    assert json.loads(run(other, "parts", "show", "The Defender", "--json").stdout)["reacted_to"] == ["Clipboard"]
    assert json.loads(run(other, "export", "--format", "json").stdout)["entries"] == document["entries"]
    # merged into another part, the reaction goes with it; merged into the part it reacted to, it is gone
    run(other, "parts", "add", "Guard")
    assert run(other, "parts", "merge", "The Defender", "Guard").exit_code == 0
    assert json.loads(run(other, "parts", "show", "Guard", "--json").stdout)["reacted_to"] == ["Clipboard"]
    assert run(other, "parts", "merge", "Guard", "Clipboard").exit_code == 0
    assert rows(str(other), "SELECT count(*) FROM part_reaction") == [(0,)]
    assert json.loads(run(other, "parts", "show", "Clipboard", "--json").stdout)["reactions"] == []


def test_a_journal_at_schema_6_is_upgraded_with_nothing_lost(db_path):
    from innercritic.store.driver import dbapi as sqlite3

    with Journal(db_path) as journal:
        journal.add_part("Clipboard")
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE part_reaction")  # as a version 6 journal was
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    with Journal(db_path) as journal:
        assert [p.name for p in journal.list_parts()] == ["Clipboard"]
    assert rows(db_path, "PRAGMA user_version") == [(7,)]
    assert rows(db_path, "SELECT count(*) FROM part_reaction") == [(0,)]
