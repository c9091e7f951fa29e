"""Export and import (store/export.py, store/import_*.py, services/upkeep.py): the versioned
JSON shape, a lossless round trip, idempotent imports, refusals that leave the journal untouched, and
the private, atomic export file."""

from __future__ import annotations

import copy
import json
import os
import stat

import pytest
from journal_testing import CRITIC_TURNS, add_dialogue, days_ago_iso, insert_checkin_at, journal_contents, rows

from innercritic.services import upkeep as care
from innercritic.engine.records import HistoryQuery, ImportResult
from innercritic.errors import JournalError, UsageProblem
from innercritic.services.entries import Settings, history_query
from innercritic.store import export
from innercritic.store.journal import Journal

ENTRY_KEYS = {"uid", "kind", "at", "part", "care"}  # care: version 2
CHECKIN_KEYS = ENTRY_KEYS | {"mood", "critic", "note"}
DIALOGUE_KEYS = ENTRY_KEYS | {
    "flow", "status", "ended_at", "critic_before", "critic_after", "draft_step", "draft", "turns",
}
TURN_KEYS = {"position", "step", "role", "prompt", "answer", "value", "skipped", "at"}
PART_KEYS = {"uid", "name", "description", "created_at"}


def _settings(path: str) -> Settings:
    return Settings(db_path=path, db_is_default=False)


def _fill(path: str) -> None:
    """A journal with every kind of thing an export has to carry."""
    with Journal(path) as journal:
        journal.add_part("Quiet one", "never says much\nbut watches")  # referenced by nothing
        add_dialogue(journal, part="Taskmaster", turns=CRITIC_TURNS, finish="completed")
        journal.add_checkin(mood=2, critic=8, note="rough day ✨\n\"quoted\" and <b>", part="taskmaster")
        journal.add_checkin(mood=None, critic=3, note=None, part=None)
        choice = add_dialogue(journal, flow="kind-eyes", turns=[
            ("who", "who", "Who cares about you?", "my sister", ["sister", "friend"], False),
            ("scale", "loudness_before", "How loud?", "5", 5, False),
            ("skip", None, "Skipped step", None, None, True),
            ("read", None, "Just read this.", None, None, False),
        ], finish="stopped")
        unfinished = add_dialogue(journal, part="Judge", turns=CRITIC_TURNS[:2])
        journal.save_draft(unfinished, "focus", "half a thought")
        assert choice


def _export(path: str, query: HistoryQuery | None = None) -> dict:
    return care.export_document(_settings(path), query or HistoryQuery())


def _import(path: str, document: dict) -> ImportResult:
    with Journal(path) as journal:
        return journal.import_document(copy.deepcopy(document), "test.json")


def _without_time(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


# ---- the shape ---------------------------------------------------------------------------------


def test_export_is_a_versioned_document_with_everything(db_path):
    _fill(db_path)
    document = _export(db_path)
    assert document["format"] == "innercritic-export"
    assert document["version"] == 2
    assert set(document) == {"format", "version", "exported_at", "parts", "entries", "safety_plan"}
    assert document["safety_plan"] is None  # none was written
    assert [p["name"] for p in document["parts"]] == ["Judge", "Quiet one", "Taskmaster"]
    assert all(set(p) == PART_KEYS for p in document["parts"])
    quiet = next(p for p in document["parts"] if p["name"] == "Quiet one")
    assert quiet["description"] == "never says much\nbut watches"
    entries = document["entries"]
    assert [e["kind"] for e in entries] == ["dialogue", "checkin", "checkin", "dialogue", "dialogue"]
    assert [e["at"] for e in entries] == sorted(e["at"] for e in entries)  # oldest first
    assert [e["uid"] for e in entries] == [uid for (uid,) in rows(db_path, "SELECT uid FROM entry ORDER BY at, id")]
    for entry in entries:
        assert set(entry) == (CHECKIN_KEYS if entry["kind"] == "checkin" else DIALOGUE_KEYS)
        for turn in entry.get("turns", []):
            assert set(turn) == TURN_KEYS
    part_uids = {p["name"]: p["uid"] for p in document["parts"]}
    critic, note, bare, choice, unfinished = entries
    assert critic["part"] == part_uids["Taskmaster"] and note["part"] == part_uids["Taskmaster"]
    assert bare["part"] is None
    assert (critic["status"], critic["critic_before"], critic["critic_after"]) == ("completed", 7, 4)
    assert critic["ended_at"] is not None
    assert [t["position"] for t in critic["turns"]] == [0, 1, 2, 3, 4]
    assert critic["turns"][1]["role"] == "critic_words"
    assert critic["turns"][2]["skipped"] is True and critic["turns"][2]["answer"] is None
    assert (note["mood"], note["critic"], note["note"]) == (2, 8, "rough day ✨\n\"quoted\" and <b>")
    assert choice["turns"][0]["value"] == ["sister", "friend"]
    assert choice["turns"][1]["value"] == 5
    assert choice["status"] == "stopped"
    assert (unfinished["status"], unfinished["draft_step"], unfinished["draft"]) == (
        "in_progress", "focus", "half a thought",
    )
    assert "id" not in critic  # local ids are not portable


def test_no_journal_exports_an_empty_document_and_creates_nothing(db_path):
    document = _export(db_path)
    assert (document["parts"], document["entries"]) == ([], [])
    assert not os.path.exists(db_path)


# ---- the round trip --------------------------------------------------------------------------


def test_round_trip_gives_the_same_json(tmp_path, db_path):
    _fill(db_path)
    first = _export(db_path)
    other = str(tmp_path / "restored.db")
    result = _import(other, first)
    assert result == ImportResult(entries_added=5, entries_already_there=0, parts_added=3, parts_matched=0)
    second = _export(other)
    assert _without_time(second) == _without_time(first)
    assert journal_contents(other) == journal_contents(db_path)
    # the full-text index was filled by the import too
    with Journal(other) as journal:
        assert [h.entry.kind for h in journal.search(HistoryQuery(search="rough"))] == ["checkin"]
        assert journal.latest_unfinished().draft == "half a thought"


def test_importing_the_same_file_twice_adds_nothing(tmp_path, db_path):
    _fill(db_path)
    document = _export(db_path)
    other = str(tmp_path / "restored.db")
    _import(other, document)
    before = journal_contents(other)
    again = _import(other, document)
    assert again == ImportResult(entries_added=0, entries_already_there=5, parts_added=0, parts_matched=3)
    assert journal_contents(other) == before
    # and into the journal it came from
    assert _import(db_path, document).entries_added == 0
    assert rows(db_path, "SELECT count(*) FROM entry") == [(5,)]


def test_imported_entries_get_new_local_ids_and_keep_their_uids(tmp_path, db_path):
    _fill(db_path)
    document = _export(db_path)
    other = str(tmp_path / "busy.db")
    with Journal(other) as journal:
        for _ in range(3):
            journal.add_checkin(mood=3, critic=None, note="already here", part=None)
        gone = journal.add_checkin(mood=3, critic=None, note=None, part=None).id
        journal.delete_entry(gone)  # autoincrement never reuses an id
    _import(other, document)
    imported = rows(other, "SELECT id, uid FROM entry WHERE id > 3 ORDER BY id")
    assert [i for i, _ in imported] == [5, 6, 7, 8, 9]
    assert [uid for _, uid in imported] == [e["uid"] for e in document["entries"]]


def test_parts_are_matched_by_uid_else_by_name(tmp_path, db_path):
    _fill(db_path)
    document = _export(db_path)
    other = str(tmp_path / "other.db")
    with Journal(other) as journal:
        local = journal.add_part("TASKMASTER", "my own words")  # same name, another uid
    result = _import(other, document)
    assert (result.parts_added, result.parts_matched) == (2, 1)
    assert rows(other, "SELECT uid, name, description FROM part WHERE name_key = 'taskmaster'") == [
        (local.uid, "TASKMASTER", "my own words"),
    ]
    assert rows(other, "SELECT count(*) FROM entry WHERE part_id = (SELECT id FROM part WHERE uid = ?)", (local.uid,)) == [(2,)]
    # a part renamed locally is still found by its uid
    with Journal(other) as journal:
        journal.rename_part("Judge", "The Judge")
    assert _import(other, document).parts_added == 0
    assert rows(other, "SELECT count(*) FROM part") == [(3,)]


# ---- filtered exports ------------------------------------------------------------------------


def test_filters_choose_entries_and_only_their_parts(db_path):
    with Journal(db_path) as journal:
        journal.add_part("Taskmaster")
        journal.add_part("Judge")
    old = insert_checkin_at(db_path, days_ago_iso(20), note="tired long ago", part="Judge")
    mid = insert_checkin_at(db_path, days_ago_iso(5), note="tired", part="Taskmaster")
    new = insert_checkin_at(db_path, days_ago_iso(1), note="fine")
    uids = dict(rows(db_path, "SELECT id, uid FROM entry"))

    def exported(**filters) -> list[str]:
        return [e["uid"] for e in _export(db_path, history_query(**filters))["entries"]]

    everything = _export(db_path)
    assert len(everything["entries"]) == 3 and len(everything["parts"]) == 2
    assert exported(limit="2") == [uids[mid], uids[new]]  # the newest two, oldest first
    assert exported(since="7d", kind="checkin") == [uids[mid], uids[new]]
    assert exported(search="tired") == [uids[old], uids[mid]]  # by date, not by rank
    assert exported(search="tire", limit="1") == [uids[mid]]
    by_part = _export(db_path, history_query(part="judge"))
    assert [e["uid"] for e in by_part["entries"]] == [uids[old]]
    assert [p["name"] for p in by_part["parts"]] == ["Judge"]
    with pytest.raises(UsageProblem, match="no part called 'Ghost'"):
        _export(db_path, history_query(part="Ghost"))


def test_markdown_entries_come_with_their_turns_oldest_first(db_path):
    _fill(db_path)
    entries = care.export_entries(_settings(db_path), HistoryQuery())
    assert [e.kind for e in entries] == ["dialogue", "checkin", "checkin", "dialogue", "dialogue"]
    assert len(entries[0].turns) == 5
    assert care.export_entries(_settings(db_path), history_query(limit="1"))[0].status == "in_progress"


# ---- refusals --------------------------------------------------------------------------------


def _valid() -> dict:
    return {
        "format": "innercritic-export", "version": 1, "exported_at": "2026-01-01T00:00:00.000+00:00",
        "parts": [{"uid": "p1", "name": "Judge", "description": None, "created_at": "2026-01-01T00:00:00.000+00:00"}],
        "entries": [
            {"uid": "e1", "kind": "checkin", "at": "2026-01-02T00:00:00.000+00:00", "part": "p1",
             "mood": 3, "critic": 4, "note": "ok"},
            {"uid": "e2", "kind": "dialogue", "at": "2026-01-03T00:00:00.000+00:00", "part": None,
             "flow": "critic", "status": "completed", "ended_at": "2026-01-03T00:10:00.000+00:00",
             "critic_before": 7, "critic_after": 3, "draft_step": None, "draft": None,
             "turns": [{"position": 0, "step": "find", "role": "critic_words", "prompt": "?",
                        "answer": "words", "value": None, "skipped": False,
                        "at": "2026-01-03T00:01:00.000+00:00"}]},
        ],
    }


def _broken(change) -> dict:
    document = _valid()
    change(document)
    return document


BROKEN = {
    "not an object": lambda d: d.clear() or d.update({"entries": []}),
    "no format": lambda d: d.pop("format"),
    "foreign format": lambda d: d.update(format="jrnl"),
    "version as text": lambda d: d.update(version="1"),
    "version zero": lambda d: d.update(version=0),
    "version true": lambda d: d.update(version=True),
    "no entries": lambda d: d.pop("entries"),
    "parts not a list": lambda d: d.update(parts={}),
    "part without uid": lambda d: d["parts"][0].pop("uid"),
    "part without name": lambda d: d["parts"][0].update(name="  "),
    "two parts one name": lambda d: d["parts"].append({**d["parts"][0], "uid": "p2", "name": "JUDGE"}),
    "part bad time": lambda d: d["parts"][0].update(created_at="yesterday"),
    "entry unknown kind": lambda d: d["entries"][0].update(kind="dream"),
    "entry duplicate uid": lambda d: d["entries"][1].update(uid="e1"),
    "entry unknown part": lambda d: d["entries"][0].update(part="p9"),
    "entry naive time": lambda d: d["entries"][0].update(at="2026-01-02T00:00:00"),
    "mood out of range": lambda d: d["entries"][0].update(mood=6),
    "mood as float": lambda d: d["entries"][0].update(mood=3.0),
    "mood as bool": lambda d: d["entries"][0].update(mood=True),
    "note not text": lambda d: d["entries"][0].update(note=["x"]),
    "bad status": lambda d: d["entries"][1].update(status="done"),
    "loudness out of range": lambda d: d["entries"][1].update(critic_after=11),
    "turns missing": lambda d: d["entries"][1].pop("turns"),
    "turn position repeated": lambda d: d["entries"][1]["turns"].append(dict(d["entries"][1]["turns"][0])),
    "turn negative position": lambda d: d["entries"][1]["turns"][0].update(position=-1),
    "turn skipped not bool": lambda d: d["entries"][1]["turns"][0].update(skipped=0),
    "turn without prompt": lambda d: d["entries"][1]["turns"][0].pop("prompt"),
    "turn without step": lambda d: d["entries"][1]["turns"][0].pop("step"),
    "NUL in answer": lambda d: d["entries"][1]["turns"][0].update(answer="a\x00b"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_malformed_document_is_refused_and_nothing_is_imported(db_path, name):
    _fill(db_path)
    before = journal_contents(db_path)
    document = _broken(BROKEN[name])
    if name == "not an object":
        document = ["entries"]
    with pytest.raises(UsageProblem) as caught:
        _import(db_path, document)
    message = str(caught.value)
    assert "\n" not in message and "nothing was imported" in message
    assert "words" not in message and "ok" not in message.split(":")[-1]  # never the person's text
    assert journal_contents(db_path) == before


def test_a_problem_in_the_last_entry_still_stops_the_whole_import(db_path):
    _fill(db_path)
    before = journal_contents(db_path)
    document = _valid()
    document["entries"].append({**document["entries"][0], "uid": "e3", "critic": 99})
    with pytest.raises(UsageProblem, match=r"entries\[2\]\.critic"):
        _import(db_path, document)
    assert journal_contents(db_path) == before


def test_a_newer_version_is_refused_with_its_own_message(db_path):
    document = _valid()
    document["version"] = 3
    with pytest.raises(UsageProblem, match="newer innercritic") as caught:
        _import(db_path, document)
    assert "version 3" in str(caught.value)


def test_a_write_failing_halfway_leaves_nothing_behind(db_path):
    _fill(db_path)
    before = journal_contents(db_path)
    sequence = rows(db_path, "SELECT name, seq FROM sqlite_sequence ORDER BY name")
    with Journal(db_path) as journal:
        # the first entry and the part go in, then the dialogue's turn fails
        journal._conn.execute(
            "CREATE TEMP TRIGGER refuse_turn BEFORE INSERT ON turn BEGIN SELECT RAISE(ABORT, 'no'); END"
        )
        with pytest.raises(JournalError):
            journal.import_document(_valid(), "test.json")
    assert journal_contents(db_path) == before
    assert rows(db_path, "SELECT count(*) FROM part WHERE uid = 'p1'") == [(0,)]
    assert rows(db_path, "SELECT name, seq FROM sqlite_sequence ORDER BY name") == sequence


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"{\"format\": ", "not valid JSON"),
        (b"", "not valid JSON"),
        (b'{"format": "innercritic-export", "version": 1, "parts": [], "entries": [], "x": NaN}', "not valid JSON"),
        (b"[" * 100000 + b"]" * 100000, "not valid JSON"),
        (b'{"hello": "world"}', "not an innercritic export"),
    ],
)
def test_unreadable_files_are_refused_before_a_journal_is_created(tmp_path, db_path, content, expected):
    path = tmp_path / "in.json"
    path.write_bytes(content)
    with pytest.raises(UsageProblem, match=expected) as caught:
        care.import_file(_settings(db_path), str(path))
    assert "\n" not in str(caught.value)
    assert not os.path.exists(db_path)


def test_missing_file_and_folder(tmp_path, db_path):
    with pytest.raises(UsageProblem, match="no such file"):
        care.import_file(_settings(db_path), str(tmp_path / "nope.json"))
    with pytest.raises(UsageProblem, match="folder"):
        care.import_file(_settings(db_path), str(tmp_path))
    assert not os.path.exists(db_path)


def test_import_file_restores_into_a_new_journal(tmp_path, db_path):
    _fill(db_path)
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(_export(db_path), ensure_ascii=False), encoding="utf-8")
    other = str(tmp_path / "new" / "journal.db")
    os.makedirs(os.path.dirname(other))
    assert care.import_file(_settings(other), str(path)).entries_added == 5
    assert journal_contents(other) == journal_contents(db_path)


# ---- the export file -------------------------------------------------------------------------


@pytest.fixture
def open_umask():
    saved = os.umask(0)
    yield
    os.umask(saved)


def test_export_file_is_private_whatever_the_umask(tmp_path, open_umask):
    target = tmp_path / "export.json"
    care.write_private_file(str(target), b"{}\n")
    assert target.read_bytes() == b"{}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]  # no temporary file left


def test_export_file_never_replaces_a_file_without_force(tmp_path, open_umask):
    target = tmp_path / "export.md"
    target.write_bytes(b"precious")
    os.chmod(target, 0o644)
    with pytest.raises(UsageProblem, match="already exists; pass --force"):
        care.write_private_file(str(target), b"new")
    assert target.read_bytes() == b"precious"
    care.write_private_file(str(target), b"new", force=True)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.md"]


def test_export_file_problems_are_one_line(tmp_path):
    with pytest.raises(UsageProblem, match="does not exist"):
        care.write_private_file(str(tmp_path / "no" / "such" / "x.json"), b"")
    with pytest.raises(UsageProblem, match="is a folder"):
        care.write_private_file(str(tmp_path), b"", force=True)


def test_a_failed_write_leaves_no_file(tmp_path, monkeypatch):
    target = tmp_path / "export.json"

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(UsageProblem, match="No space left"):
        care.write_private_file(str(target), b"data")
    assert list(tmp_path.iterdir()) == []


def test_is_everything_only_without_filters():
    assert export.is_everything(HistoryQuery())
    assert not export.is_everything(HistoryQuery(limit=3))
    assert not export.is_everything(HistoryQuery(search="x"))


# ---- version 2: the safety plan and the care events -----------------------------------------


def _with_care(path: str) -> None:
    from innercritic.engine.safety_plan import PlanEntry, SafetyPlan

    with Journal(path) as journal:
        talk = add_dialogue(journal, turns=CRITIC_TURNS, finish="completed")
        event = journal.add_care_event(talk, "find", "maybe")
        journal.answer_care_event(event.id, gentle="no")
        note = journal.add_checkin(mood=1, critic=9, note="a heavy note", part=None)
        journal.add_care_event(note.id, None, "clear")
        journal.save_safety_plan(SafetyPlan.of({
            "people": [PlanEntry("Sam", "07700 900123")], "on_my_own": ["walk by the river"],
        }))


def test_version_2_carries_the_plan_and_the_care_events_and_round_trips(db_path, tmp_path):
    _with_care(db_path)
    document = _export(db_path)
    assert document["safety_plan"]["people"] == [{"name": "Sam", "reach": "07700 900123"}]
    assert document["safety_plan"]["on_my_own"] == ["walk by the river"]
    talk, note = document["entries"]
    assert [(c["step"], c["tier"], c["gentle_answer"], c["safe_answer"]) for c in talk["care"]] == [("find", "maybe", "no", None)]
    assert [(c["step"], c["tier"]) for c in note["care"]] == [(None, "clear")]
    other = str(tmp_path / "other.db")
    result = _import(other, document)
    assert result.plan == "added"
    again = _export(other)
    assert _without_time(again) == _without_time(document) | {"safety_plan": {**document["safety_plan"], "updated_at": again["safety_plan"]["updated_at"]}}
    assert _import(other, document).plan == "same"  # and nothing added twice
    assert rows(other, "SELECT count(*) FROM care_event") == [(2,)]


def test_an_imported_plan_never_replaces_this_journals_own(db_path, tmp_path):
    from innercritic.engine.safety_plan import PlanEntry, SafetyPlan

    _with_care(db_path)
    document = _export(db_path)
    other = str(tmp_path / "other.db")
    with Journal(other) as journal:
        journal.save_safety_plan(SafetyPlan.of({"people": [PlanEntry("Ana", "text her")]}))
    assert _import(other, document).plan == "kept"
    with Journal(other) as journal:
        assert journal.safety_plan().people == (PlanEntry("Ana", "text her"),)


def test_a_filtered_export_leaves_the_plan_out(db_path):
    from innercritic.engine.records import HistoryQuery

    _with_care(db_path)
    with Journal(db_path) as journal:
        assert journal.export_document(HistoryQuery(kind="checkin"))["safety_plan"] is None


def test_version_1_files_still_import(db_path):
    document = _valid()
    assert document["version"] == 1 and "safety_plan" not in document
    result = _import(db_path, document)
    assert result.entries_added == 2 and result.plan is None


@pytest.mark.parametrize(
    "change, place",
    [
        (lambda d: d.update(safety_plan=[]), "safety_plan must be an object"),
        (lambda d: d.update(safety_plan={"people": [{"reach": "x"}]}), r"safety_plan\.people\[0\]"),
        (lambda d: d.update(safety_plan={"on_my_own": [3]}), r"safety_plan\.on_my_own\[0\]"),
        (lambda d: d["entries"][0].update(care=[{"tier": "loud", "at": "2026-01-01T00:00:00+00:00"}]), r"entries\[0\]\.care\[0\]\.tier"),
        (lambda d: d["entries"][0].update(care=[{"tier": "clear", "safe_answer": "ok", "at": "2026-01-01T00:00:00+00:00"}]), "safe_answer"),
    ],
)
def test_bad_version_2_parts_are_refused_and_nothing_is_imported(db_path, change, place):
    document = _valid()
    document["version"] = 2
    change(document)
    with pytest.raises(UsageProblem, match=place):
        _import(db_path, document)
    assert rows(db_path, "SELECT count(*) FROM entry") == [(0,)] if os.path.exists(db_path) else True
