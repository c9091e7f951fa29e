"""The journal-care commands through the Typer app (and a few through the installed
executable): history --search, parts, export, import, delete, forget."""

from __future__ import annotations

import json
import os
import stat

import pytest
from journal_testing import CRITIC_TURNS, add_dialogue, count_entries, journal_contents, make_journal, rows

from innercritic.store.journal import Journal


@pytest.fixture
def filled(db_path):
    """Taskmaster (a dialogue and a check-in), a check-in without a part, an unused part."""
    with Journal(db_path) as journal:
        talk = add_dialogue(journal, part="Taskmaster", turns=CRITIC_TURNS, finish="completed")
        note = journal.add_checkin(mood=2, critic=8, note="the critic says I never finish", part="taskmaster").id
        plain = journal.add_checkin(mood=4, critic=2, note="a calm evening", part=None).id
        journal.add_part("Quiet one", "never says much")
    return {"talk": talk, "note": note, "plain": plain}


def _one_line_error(result, code: int = 2) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("innercritic: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    return result.stderr


# ---- history --search ------------------------------------------------------------------------


def test_search_json_adds_a_snippet_and_orders_by_rank(cli_db, db_path, filled):
    with Journal(db_path) as journal:
        strong = journal.add_checkin(mood=3, critic=None, note="never never never", part=None).id
    result = cli_db("history", "--search", "NEVER", "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert [item["id"] for item in found][0] == strong
    assert {item["id"] for item in found} == {strong, filled["talk"], filled["note"]}
    for item in found:
        assert "never" in item["snippet"].lower()
        assert "\ufdd0" not in item["snippet"]
    by_id = {item["id"]: item for item in found}
    assert by_id[filled["talk"]]["snippet"] == "You never finish anything."
    assert by_id[filled["talk"]]["critic_words"] == "You never finish anything."


def test_search_keeps_every_filter(cli_db, filled):
    def ids(*args):
        result = cli_db("history", "--search", "never", "--json", *args)
        assert result.exit_code == 0, result.stderr
        return [item["id"] for item in json.loads(result.stdout)]

    assert ids("--kind", "checkin") == [filled["note"]]
    assert ids("--kind", "dialogue") == [filled["talk"]]
    assert sorted(ids("--part", "TASKMASTER")) == sorted([filled["talk"], filled["note"]])
    assert len(ids("-n", "1")) == 1
    assert sorted(ids("--from", "today", "--to", "today")) == sorted([filled["talk"], filled["note"]])
    assert ids("--to", "2000-01-01") == []


def test_search_without_json_prints_the_matching_passage(cli_db, filled):
    result = cli_db("history", "--search", "calm")
    assert result.exit_code == 0, result.stderr
    assert "a calm evening" in result.stdout
    assert str(filled["plain"]) in result.stdout
    nothing = cli_db("history", "--search", "zebra")
    assert nothing.exit_code == 0 and "Nothing matched" in nothing.stdout


@pytest.mark.parametrize("text", ['"', "*", "-", "NEAR(", "(", ")", "AND", "OR", "NOT", "^", ":", 'a:"b*'])
def test_search_syntax_is_never_an_error(cli_db, filled, text):
    result = cli_db("history", "--search", text, "--json")
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_search_with_an_unknown_part_is_one_line(cli_db, filled):
    _one_line_error(cli_db("history", "--search", "never", "--part", "Ghost"))


def test_history_help_documents_how_search_matches(cli):
    text = cli("history", "--help").stdout
    for phrase in ("accents", "cafe finds Café", "3 or more letters", "\"exact phrase\"", "-word", "OR (in capitals)", "snippet"):
        assert phrase in text


def test_installed_quick_route_searches_too(run_cli, db_path, filled):
    rc, out, err = run_cli("history", "--search", "calm", "--json", db=db_path)
    assert rc == 0, err
    (item,) = json.loads(out)
    assert (item["id"], item["snippet"]) == (filled["plain"], "a calm evening")


# ---- parts -----------------------------------------------------------------------------------


def test_parts_list_json_and_text(cli_db, filled):
    result = cli_db("parts", "list", "--json")
    assert result.exit_code == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [p["name"] for p in listed] == ["Quiet one", "Taskmaster"]
    task = listed[1]
    assert (task["times"], task["dialogues"], task["checkins"]) == (2, 1, 1)
    assert task["last_seen"] is not None
    assert set(task) == {"name", "uid", "description", "created_at", "times", "dialogues", "checkins", "last_seen"}
    assert listed[0]["last_seen"] is None and listed[0]["description"] == "never says much"
    text = cli_db("parts")  # bare `parts` lists too
    assert text.exit_code == 0 and "Taskmaster" in text.stdout and "never" in text.stdout
    assert cli_db("parts", "--json").stdout == result.stdout


def test_parts_list_without_a_journal_creates_nothing(cli_db, db_path):
    result = cli_db("parts", "list", "--json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])
    assert not os.path.exists(db_path)


def test_parts_show(cli_db, filled):
    result = cli_db("parts", "show", "taskmaster", "--json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["name"] == "Taskmaster"
    assert [s["text"] for s in shown["words"]] == ["You never finish anything."]
    assert [(s["role"], s["text"]) for s in shown["fears"]] == [("fears", "That I would be left out.")]
    assert shown["needs"] == []
    assert shown["words"][0]["entry"] == filled["talk"]
    text = cli_db("parts", "show", "Taskmaster")
    assert text.exit_code == 0
    assert "You never finish anything." in text.stdout and "That I would be left out." in text.stdout
    assert "Came up 2 times" in text.stdout


def test_parts_show_limit(cli_db, db_path, filled):
    with Journal(db_path) as journal:
        for i in range(3):
            add_dialogue(journal, part="Taskmaster", turns=[("find", "critic_words", "?", f"again {i}", None, False)])
    shown = json.loads(cli_db("parts", "show", "Taskmaster", "-n", "2", "--json").stdout)
    assert [s["text"] for s in shown["words"]] == ["again 2", "again 1"]
    _one_line_error(cli_db("parts", "show", "Taskmaster", "-n", "0"))


@pytest.mark.parametrize(
    "args",
    [
        ("parts", "show", "Ghost"),
        ("parts", "show", "Ghost", "--json"),
        ("parts", "rename", "Ghost", "Spirit"),
        ("parts", "merge", "Ghost", "Taskmaster"),
        ("parts", "merge", "Taskmaster", "Ghost"),
    ],
)
def test_unknown_part_exits_2_with_one_line(cli_db, filled, args):
    assert "no part called 'Ghost'" in _one_line_error(cli_db(*args))


def test_unknown_part_without_a_journal(cli_db, db_path):
    _one_line_error(cli_db("parts", "show", "Ghost"))
    assert not os.path.exists(db_path)


def test_parts_add_rename_merge(cli_db, db_path, filled):
    added = cli_db("parts", "add", "Pusher", "--description", "go go go", "--json")
    assert added.exit_code == 0, added.stderr
    assert json.loads(added.stdout)["description"] == "go go go"
    assert "already a part" in _one_line_error(cli_db("parts", "add", "PUSHER"))

    renamed = cli_db("parts", "rename", "pusher", "The Pusher")
    assert (renamed.exit_code, renamed.stdout) == (0, "Renamed 'pusher' to 'The Pusher'.\n")
    refused = _one_line_error(cli_db("parts", "rename", "the pusher", "TASKMASTER"))
    assert "already a part called 'Taskmaster'" in refused

    merged = cli_db("parts", "merge", "Taskmaster", "the pusher")
    assert merged.exit_code == 0, merged.stderr
    assert merged.stdout == "Merged 'Taskmaster' into 'The Pusher' (2 entries moved); 'Taskmaster' is gone.\n"
    assert rows(db_path, "SELECT p.name, count(*) FROM entry e JOIN part p ON p.id = e.part_id GROUP BY p.name") == [
        ("The Pusher", 2),
    ]
    assert [name for (name,) in rows(db_path, "SELECT name FROM part ORDER BY name")] == ["Quiet one", "The Pusher"]
    assert "same part" in _one_line_error(cli_db("parts", "merge", "quiet one", "QUIET ONE"))


def test_parts_add_creates_a_journal_but_a_bad_name_does_not(cli_db, db_path):
    _one_line_error(cli_db("parts", "add", "  "))
    assert not os.path.exists(db_path)
    assert cli_db("parts", "add", "Judge").stdout == "Added the part 'Judge'.\n"
    assert rows(db_path, "SELECT name FROM part") == [("Judge",)]


# ---- export ----------------------------------------------------------------------------------


def test_export_markdown_to_stdout(cli_db, filled):
    result = cli_db("export")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("# innercritic journal\n")
    assert "3 entries" in text
    assert text.count("\n## ") == 3
    assert text.index(f"## Dialogue #{filled['talk']}") < text.index(f"## Check-in #{filled['plain']}")
    assert "> You never finish anything." in text  # the critic's words as a quote
    assert "a calm evening" in text


def test_export_markdown_escapes_the_persons_text(cli_db, db_path):
    with Journal(db_path) as journal:
        journal.add_checkin(mood=3, critic=None, note="# not a heading\n<script>x</script> *star*", part=None)
    text = cli_db("export", "--format", "md").stdout
    assert "\n# not a heading" not in text
    assert "\\# not a heading" in text and "\\<script\\>" in text and "\\*star\\*" in text


def test_export_json_filters(cli_db, filled):
    result = cli_db("export", "--format", "json", "--part", "taskmaster", "--kind", "checkin")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["format"], document["version"]) == ("innercritic-export", 2)
    assert [e["note"] for e in document["entries"]] == ["the critic says I never finish"]
    assert [p["name"] for p in document["parts"]] == ["Taskmaster"]
    searched = json.loads(cli_db("export", "-f", "json", "--search", "calm").stdout)
    assert [e["note"] for e in searched["entries"]] == ["a calm evening"]
    newest = json.loads(cli_db("export", "-f", "json", "-n", "1").stdout)
    assert [e["note"] for e in newest["entries"]] == ["a calm evening"]


@pytest.mark.parametrize(
    "args",
    [("--format", "pdf"), ("-n", "0"), ("--kind", "dream"), ("--from", "someday"), ("--part", "Ghost")],
)
def test_export_bad_options_are_one_line(cli_db, filled, args):
    _one_line_error(cli_db("export", *args))


def test_export_out_file_is_private_and_not_overwritten(cli_db, filled, tmp_path, keep_umask):
    os.umask(0)
    target = tmp_path / "backup.json"
    result = cli_db("export", "--format", "json", "--out", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Exported 3 entries to {target} (readable by you only).\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_bytes()
    assert json.loads(first)["format"] == "innercritic-export"
    assert "already exists" in _one_line_error(cli_db("export", "--out", str(target)))
    assert target.read_bytes() == first
    forced = cli_db("export", "--format", "md", "--out", str(target), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("# innercritic journal")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".innercritic")) == []


def test_installed_export_is_private_under_an_open_umask(run_cli, db_path, filled, tmp_path):
    target = tmp_path / "out.md"
    rc, out, err = run_cli("export", "-o", str(target), db=db_path)
    assert rc == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# ---- import ----------------------------------------------------------------------------------


def test_export_then_import_round_trip(cli, cli_db, db_path, filled, tmp_path):
    backup = tmp_path / "backup.json"
    assert cli_db("export", "-f", "json", "-o", str(backup)).exit_code == 0
    other = str(tmp_path / "other.db")
    result = cli("--db", other, "import", str(backup))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Imported 3 entries and 2 new parts.\n"
    again = cli("--db", other, "import", str(backup))
    assert again.stdout == "Imported 0 entries and 0 new parts; 3 entries were already in the journal.\n"
    assert journal_contents(other) == journal_contents(db_path)
    first = json.loads(backup.read_text(encoding="utf-8"))
    second = json.loads(cli("--db", other, "export", "-f", "json").stdout)
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second


def test_import_from_standard_input(cli, cli_db, filled, tmp_path):
    document = cli_db("export", "-f", "json").stdout
    other = str(tmp_path / "other.db")
    result = cli("--db", other, "import", "-", input=document.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    assert count_entries(other) == 3


@pytest.mark.parametrize(
    "content, expected",
    [
        ("not json at all", "not valid JSON"),
        ('{"some": "other program"}', "not an innercritic export"),
        ('{"format": "innercritic-export", "version": 9, "parts": [], "entries": []}', "newer innercritic"),
        ('{"format": "innercritic-export", "version": 1, "parts": [], "entries": [{"uid": "x", "kind": "checkin",'
         ' "at": "2026-01-01T00:00:00+00:00", "part": null, "mood": 99}]}', "entries[0].mood"),
    ],
)
def test_import_refuses_bad_files_and_changes_nothing(cli_db, db_path, filled, tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    before = journal_contents(db_path)
    message = _one_line_error(cli_db("import", str(path)))
    assert expected in message and "nothing was imported" in message
    assert journal_contents(db_path) == before


def test_import_of_a_bad_file_creates_no_journal(cli_db, db_path, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("[]", encoding="utf-8")
    _one_line_error(cli_db("import", str(path)))
    _one_line_error(cli_db("import", str(tmp_path / "missing.json")))
    assert not os.path.exists(db_path)


# ---- delete and forget -----------------------------------------------------------------------


def test_delete_needs_yes_without_a_terminal(cli_db, db_path, filled):
    message = _one_line_error(cli_db("delete", str(filled["note"])))
    assert "--yes" in message
    assert count_entries(db_path) == 3


def test_delete_with_yes(cli_db, db_path, filled):
    result = cli_db("delete", f"#{filled['talk']}", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Deleted dialogue #{filled['talk']};")
    assert rows(db_path, "SELECT id FROM entry ORDER BY id") == [(filled["note"],), (filled["plain"],)]
    assert rows(db_path, "SELECT count(*) FROM turn") == [(0,)]
    assert "no entry" in _one_line_error(cli_db("delete", str(filled["talk"]), "--yes"))
    assert "id is a number" in _one_line_error(cli_db("delete", "twelve", "--yes"))


def test_delete_asks_in_a_terminal(cli_db, db_path, filled, monkeypatch):
    from innercritic.cli import journal_actions as journal_shell

    monkeypatch.setattr(journal_shell, "_can_ask", lambda: True)
    declined = cli_db("delete", str(filled["plain"]), input="n\n")
    assert declined.exit_code == 1
    assert "Delete this checkin for good?" in declined.stderr
    assert "a calm evening" in declined.stderr  # shows what would go
    assert "nothing was deleted" in declined.stderr
    assert count_entries(db_path) == 3
    accepted = cli_db("delete", str(filled["plain"]), input="y\n")
    assert accepted.exit_code == 0, accepted.stderr
    assert count_entries(db_path) == 2


def test_forget_needs_all_and_yes(cli_db, db_path, filled):
    assert "--all" in _one_line_error(cli_db("forget"))
    assert "--yes" in _one_line_error(cli_db("forget", "--all"))
    assert count_entries(db_path) == 3


def test_forget_all_yes_empties_the_journal(cli_db, db_path, filled):
    result = cli_db("forget", "--all", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Forgot 3 entries and 2 parts;")
    assert count_entries(db_path) == 0
    assert rows(db_path, "SELECT count(*) FROM part") == [(0,)]
    assert json.loads(cli_db("history", "--json").stdout) == []


def test_forget_asks_twice_in_a_terminal(cli_db, db_path, filled, monkeypatch):
    from innercritic.cli import journal_actions as journal_shell

    monkeypatch.setattr(journal_shell, "_can_ask", lambda: True)
    first_no = cli_db("forget", "--all", input="n\n")
    assert first_no.exit_code == 1 and count_entries(db_path) == 3
    second_no = cli_db("forget", "--all", input="y\nno\n")
    assert second_no.exit_code == 1 and count_entries(db_path) == 3
    assert "Type 'forget'" in second_no.stderr
    both = cli_db("forget", "--all", input="y\nforget\n")
    assert both.exit_code == 0, both.stderr
    assert count_entries(db_path) == 0


def test_forget_without_a_journal(cli_db, db_path):
    result = cli_db("forget", "--all", "--yes")
    assert result.exit_code == 0
    assert "nothing to forget" in result.stdout
    assert not os.path.exists(db_path)


# ---- help ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("export",), ("import",), ("delete",), ("forget",), ("parts",), ("parts", "list"), ("parts", "show"),
        ("parts", "add"), ("parts", "rename"), ("parts", "merge"), ("parts", "describe"), ("parts", "link"),
    ],
)
def test_every_command_has_examples(cli, args):
    result = cli(*args, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Example" in result.stdout
    assert "innercritic " + args[0] in result.stdout


def test_the_main_help_lists_the_new_commands(cli):
    text = cli("--help").stdout
    for name in ("export", "import", "delete", "forget", "parts"):
        assert name in text


def test_an_empty_journal_exports_cleanly(cli_db, db_path):
    make_journal(db_path)
    document = json.loads(cli_db("export", "-f", "json").stdout)
    assert (document["parts"], document["entries"]) == ([], [])
    assert "(no entries)" in cli_db("export").stdout
