"""User text that looks like markup, carries terminal control sequences, is enormous, or is
just unusual Unicode: shown literally, never acted on, never sent raw to a terminal, and
stored and returned byte for byte (or refused whole, with a message)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability_helpers import PYTHON, Terminal, child_env, query, settle, app_for

MARKUP = "[/] [bold]b[/bold] [@click=app.quit]q[/] [link=https://x]y[/link]"
CONTROLS = "\x1b[2J \x1b]0;TITLE\x07 \x1b]8;;https://evil\x1b\\L\x1b]8;;\x1b\\ \x1b]52;c;ZXZpbA==\x07 \x9b31m \x90q\x9c \x07 \x08\x7f"
UNICODE = "\u202eevil\u202c 👩\u200d👩\u200d👧 e\u0301 日本語 🙂 ﷺ"
MD = "# not a heading\n- not a list\n<script>alert(1)</script> ](javascript:x) `code` *em* |t|"
HOSTILE = f"{MARKUP} {CONTROLS} {UNICODE}"

# C0 controls other than tab and newline, DEL and the C1 block: none may reach a terminal raw.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def assert_no_raw_controls(data: bytes, what: str) -> str:
    text = data.decode("utf-8")  # strict: nothing half-encoded either
    found = RAW_CONTROL.search(text)
    assert found is None, f"{what}: raw {found.group()!r} at {found.start()}: {text[max(found.start() - 40, 0):found.start() + 40]!r}"
    return text


@pytest.fixture
def hostile_journal(tmp_path):
    """A journal whose part name, check-in note and dialogue answers are all hostile."""
    from innercritic.services import entries as services
    from innercritic.store import queries
    from innercritic.store.journal import Journal

    db = tmp_path / "journal.db"
    name = f"Part {MARKUP} {CONTROLS}"
    with Journal(str(db)) as journal:
        # New part names may not hold control characters any more, but a journal written
        # before that rule may: the readers must still show such a name harmlessly.
        journal._conn.execute(
            "INSERT INTO part (uid, name, name_key, created_at) VALUES ('old-part', ?, ?, ?)",
            (name, queries.name_key(name), "2026-01-01T00:00:00.000+00:00"),
        )
        part = journal.start_dialogue("critic", part=name)
        journal.finish_dialogue(part.id, "stopped")
        note = services.check_in(journal, mood=2, critic=7, note=f"{HOSTILE}\n{MD}", part=f"Part {MARKUP} {CONTROLS}")
        dialogue = journal.start_dialogue("critic")
        turns = [  # (step, role, prompt, answer, value): a text step's value is its text
            ("loudness_before", "loudness_before", "How loud?", "7", 7),
            ("find", "critic_words", "What is the critic saying?", f"{HOSTILE}\n{MD}", f"{HOSTILE}\n{MD}"),
            ("focus", "body", "Where?", HOSTILE, HOSTILE),
        ]
        for position, (step, role, prompt, answer, value) in enumerate(turns):
            journal.save_turn(dialogue.id, position=position, step_id=step, role=role, prompt=prompt,
                              answer=answer, value=value, skipped=False)
    return db, note.record.id, dialogue.id


def _cli(db, *args: str, stdin: bytes | None = None, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "innercritic", "--db", str(db), *args], input=stdin, capture_output=True, timeout=60,
        env=child_env(db.parent, **(env_extra or {})), stdin=None if stdin is not None else subprocess.DEVNULL,
    )


# ---- the shell -------------------------------------------------------------------------


def test_shell_output_shows_markup_literally_and_no_raw_controls(hostile_journal):
    db, checkin_id, dialogue_id = hostile_journal
    for args in (["history"], ["history", "-n", "5", "--kind", "checkin"], ["show", str(checkin_id)],
                 ["show", str(dialogue_id)], ["help-now"]):
        done = _cli(db, *args)
        assert done.returncode == 0, done.stderr
        out = assert_no_raw_controls(done.stdout, " ".join(args))
        assert_no_raw_controls(done.stderr, " ".join(args))
        if args[0] == "show":
            assert "[bold]b[/bold]" in out and "[@click=app.quit]q[/]" in out and "[link=https://x]y[/link]" in out
            assert "\\x1b[2J" in out and "\\x9b" in out  # shown as visible escapes
            assert UNICODE in out
    # The history table (Rich) too, forced to colour: Rich's own styling is SGR only.
    done = _cli(db, "history", env_extra={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    text = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout.decode())
    assert_no_raw_controls(text.encode(), "history in colour")
    assert "[bold]b" in text or "[/]" in text


def test_markdown_export_escapes_everything(hostile_journal):
    db, checkin_id, dialogue_id = hostile_journal
    for entry_id in (checkin_id, dialogue_id):
        done = _cli(db, "show", str(entry_id), "--format", "md")
        assert done.returncode == 0
        md = assert_no_raw_controls(done.stdout, "markdown")
        assert "\\[bold\\]b\\[/bold\\]" in md and "\\[link=https://x\\]y\\[/link\\]" in md
        assert "<script>" not in md and "\\<script\\>" in md
        assert "\n# not a heading" not in md and "\n- not a list" not in md.replace("\n- Mood", "").replace("\n- Critic", "")
        assert "\\](javascript:x)" in md  # the bracket is escaped: no link can form


def test_json_returns_every_character_exactly(hostile_journal):
    db, checkin_id, dialogue_id = hostile_journal
    done = _cli(db, "show", str(checkin_id), "--format", "json")
    assert_no_raw_controls(done.stdout, "json")  # escapes in JSON, not raw bytes
    assert json.loads(done.stdout)["note"] == f"{HOSTILE}\n{MD}"
    assert json.loads(done.stdout)["part"] == f"Part {MARKUP} {CONTROLS}"
    turns = json.loads(_cli(db, "show", str(dialogue_id), "--format", "json").stdout)["turns"]
    assert [t["answer"] for t in turns[1:]] == [f"{HOSTILE}\n{MD}", HOSTILE]
    listed = json.loads(_cli(db, "history", "--json").stdout)
    assert {e["id"]: e.get("note") for e in listed}[checkin_id] == f"{HOSTILE}\n{MD}"


def test_error_lines_never_carry_raw_controls(hostile_journal, tmp_path):
    db, _, _ = hostile_journal
    cases = [
        ["checkin", "--mood", "3", "--part", MARKUP + CONTROLS],  # an unknown part, named back
        ["talk", "--plain", "--flow", f"x{CONTROLS}"],          # an unknown flow, named back
        ["show", CONTROLS],                                    # not an id
        ["checkin", "--mood", f"{CONTROLS}"],                   # not a number
        ["history", "--from", CONTROLS],                       # not a date
        ["history", "--kind", CONTROLS],
    ]
    for args in cases:
        done = _cli(db, *args)
        assert done.returncode == 2, (args, done.stderr)
        err = assert_no_raw_controls(done.stderr, " ".join(args))
        assert err.count("\n") == 1 and err.startswith("innercritic: "), err
        if MARKUP in args[-1]:
            assert MARKUP in err  # plain text on stderr: brackets shown as typed
    # A journal path with controls in it, in an error about that path.
    weird = tmp_path / f"no{CONTROLS[:20].replace('/', '')}dir" / "j.db"
    done = subprocess.run([PYTHON, "-m", "innercritic", "--db", str(weird), "checkin", "--mood", "3"],
                          capture_output=True, timeout=60, env=child_env(tmp_path))
    assert done.returncode == 1
    assert_no_raw_controls(done.stderr, "path error")


def test_plain_talk_echoes_nothing_raw(tmp_path):
    db = tmp_path / "journal.db"
    lines = ["7", f"{HOSTILE} you always fail", HOSTILE, HOSTILE, f"Name {MARKUP}{CONTROLS}", ""]
    done = _cli(db, "talk", "--plain", stdin=("\n".join(lines) + "\n").encode())
    assert done.returncode == 0, done.stderr
    out = assert_no_raw_controls(done.stdout, "talk --plain")
    assert "[@click=app.quit]q[/]" in out  # the part's name, templated into a later prompt
    dialogue_id = query(db, "SELECT entry_id FROM dialogue")[0][0]
    answers = [a for (a,) in query(db, "SELECT answer FROM turn WHERE dialogue_id = ? ORDER BY position", (dialogue_id,))]
    assert answers[1:4] == [f"{HOSTILE} you always fail", HOSTILE, HOSTILE]  # stored as given


# ---- the app ---------------------------------------------------------------------------


def _rendered(screen) -> list[str]:
    from textual.widgets import DataTable, Static

    shown = []
    for widget in screen.query("*"):
        if isinstance(widget, Static):
            shown.append(str(widget.render()))
        elif isinstance(widget, DataTable):
            for row in range(widget.row_count):
                shown.extend(str(cell) for cell in widget.get_row_at(row))
    return shown


async def test_the_app_draws_hostile_text_literally_and_never_acts_on_it(hostile_journal):
    from innercritic.store.journal import Journal
    from innercritic.widgets.bubbles import AnswerLine, CriticQuote

    db, checkin_id, dialogue_id = hostile_journal
    app = app_for(db, start="resume")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        quotes, answers = list(app.screen.query(CriticQuote)), list(app.screen.query(AnswerLine))
        assert quotes and answers
        for widget in quotes + answers:
            shown = str(widget.render())
            if shown == "7":  # the loudness answer
                continue
            assert "[@click=app.quit]q[/]" in shown and "[bold]b[/bold]" in shown
            assert RAW_CONTROL.search(shown) is None, repr(shown)
            await pilot.click(widget)  # a live [@click] would quit the app here
            await pilot.pause()
        assert app.is_running and app.return_code is None

        with Journal(str(db)) as journal:
            entries = [journal.get_entry(checkin_id), journal.get_entry(dialogue_id)]
        from innercritic.screens.transcript import TranscriptScreen

        for entry in entries:
            await app.push_screen(TranscriptScreen(entry))
            await pilot.pause()
            shown = "\n".join(_rendered(app.screen))
            assert "[@click=app.quit]q[/]" in shown, shown[:400]
            assert RAW_CONTROL.search(shown.replace("\n", "")) is None
            for widget in app.screen.query("Static"):
                if "@click" in str(widget.render()):
                    await pilot.click(widget)
            assert app.is_running
            app.pop_screen()
            await pilot.pause()

        app.browsing.open_history()
        await settle(pilot)
        shown = "".join(_rendered(app.screen))
        assert RAW_CONTROL.search(shown) is None
        assert app.is_running
    assert app._exception is None


async def test_reflections_quoting_the_critic_are_not_markup(tmp_path):
    """The critic lens quotes the person's words in a notification; [/] in them must not crash it."""
    from textual.widgets._toast import Toast

    app = app_for(tmp_path / "journal.db", start="talk")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("7", "enter")
        await settle(pilot)
        app.screen.query(".answer-input").first().insert("You [/]always[/] fail, you should [b]never[/b] rest")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        assert app.is_running
        toasts = [str(t.render()) for t in app.screen.query(Toast)]
    assert app._exception is None
    assert query(tmp_path / "journal.db", "SELECT answer FROM turn WHERE step_id = 'find'") == [
        ("You [/]always[/] fail, you should [b]never[/b] rest",)
    ]
    assert toasts is not None


def test_pasted_control_sequences_never_reach_the_terminal(tmp_path):
    """In a real terminal: bracketed-paste hostile text into the answer box, send it, look at every
    byte the app writes afterwards. Textual's own output is cursor moves, SGR colour and mode
    switches; anything else starting with ESC, and any BEL or C1 byte, came from the paste."""
    db = tmp_path / "journal.db"
    term = Terminal(["-m", "innercritic", "--db", str(db), "talk"], child_env(tmp_path), tmp_path)
    try:
        term.wait_for("how loud is the critic")
        term.send("5\r")
        term.wait_for("What is the critic saying")
        term.settle()
        mark, text_mark = len(term.raw), term.mark()
        term.send("\x1b[200~" + HOSTILE + "\x1b[201~")
        term.wait_for("[link=https://x]y[/link]", text_mark)
        term.settle(quiet=0.5)
        term.send("\r")
        term.wait_for("Turn your attention", 0)
        term.settle()
        written = term.raw[mark:].decode("utf-8")
        term.send("\x11")
        assert term.wait_exit() == 0
    finally:
        term.close()
    own = re.compile(r"\x1b\[[0-9;]*[mHABCDGKX]|\x1b\[\?[0-9;]*[hl]|\x1b\[<u|\x1b\[>[0-9;]*u|\x1b\[=[0-9;]*u|\x1b\[[0-9]* q")
    leftover = own.sub("", written)
    found = RAW_CONTROL.search(leftover.replace("\r", "").replace("\n", ""))
    assert found is None, repr(leftover[max(found.start() - 60, 0):found.start() + 60])
    stored = query(db, "SELECT answer FROM turn WHERE step_id = 'find'")[0][0]
    assert "[bold]b[/bold]" in stored and "[@click=app.quit]q[/]" in stored and RAW_CONTROL.search(stored) is None


# ---- very long text ------------------------------------------------------------------------

FIVE_MB = ("the critic goes on and on, 日本語 🙂 " * 200_000)[: 5 * 1024 * 1024]


def test_a_5mb_note_from_stdin_is_refused_whole_with_one_line(tmp_path):
    db = tmp_path / "journal.db"
    assert _cli(db, "checkin", "--mood", "2", "--note", "kept").returncode == 0
    done = _cli(db, "checkin", "--note", "-", stdin=FIVE_MB.encode())
    assert done.returncode == 2
    err = done.stderr.decode()
    assert err.count("\n") == 1 and "too long" in err and "nothing was saved" in err and "critic goes" not in err
    assert query(db, "SELECT note FROM checkin") == [("kept",)]


def test_a_note_at_the_limit_is_stored_whole(tmp_path):
    from innercritic.services.entries import MAX_TEXT_CHARS

    db = tmp_path / "journal.db"
    note = ("é👩\u200d👩\u200d👧 word " * MAX_TEXT_CHARS)[:MAX_TEXT_CHARS - 1] + "x"
    done = _cli(db, "checkin", "--note", "-", "--json", stdin=note.encode())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["note"] == note
    assert query(db, "SELECT note FROM checkin") == [(note,)]


async def test_a_5mb_paste_in_the_app_is_refused_and_the_app_stays_responsive(tmp_path):
    import asyncio

    db = tmp_path / "journal.db"
    app = app_for(db, start="talk")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("6", "enter")
        await settle(pilot)
        area = app.screen.query(".answer-input").first()
        area.insert("what I had typed")
        area.insert(FIVE_MB)  # refused, not appended
        assert area.text == "what I had typed"
        await pilot.pause()
        assert any("too long" in n.message for n in app._notifications)
        # Still answering keys promptly enough to finish well inside a generous ceiling.
        await asyncio.wait_for(pilot.press("!", "enter"), timeout=30)
        await asyncio.wait_for(settle(pilot), timeout=30)
    assert query(db, "SELECT step_id, answer FROM turn ORDER BY position") == [
        ("loudness_before", "6"), ("find", "what I had typed!"),
    ]


def test_a_5mb_line_in_plain_talk_is_refused_and_the_rest_is_kept(tmp_path):
    db = tmp_path / "journal.db"
    done = _cli(db, "talk", "--plain", stdin=("5\n" + FIVE_MB.replace("\n", " ") + "\nmy shoulders\n").encode())
    assert done.returncode == 0, done.stderr
    assert "too long" in done.stdout.decode()
    assert query(db, "SELECT step_id, answer, skipped FROM turn ORDER BY position") == [
        ("loudness_before", "5", 0), ("find", None, 1), ("focus", "my shoulders", 0),
    ]


# ---- bad values on the command line --------------------------------------------------------

BAD_VALUES = [
    ["checkin", "--mood", "0"], ["checkin", "--mood", "6"], ["checkin", "--mood", "nan"], ["checkin", "--mood", "３"],
    ["checkin", "--mood", "3.0"], ["checkin", "--mood", "-1"], ["checkin", "--critic", "11"], ["checkin", "--critic", "1e1"],
    ["history", "--from", "2026-13-40"], ["history", "--to", "2026-02-30"], ["history", "--from", "tomorrowish"],
    ["history", "-n", "0"], ["history", "-n", "lots"], ["history", "--kind", "dream"],
    ["history", "--part", "Nobody I know"], ["checkin", "--mood", "3", "--part", "Nobody\x1b[2J I know"],
    ["checkin", "--mood", "3", "--part", "N" * 61],  # (a new part's name is created, when it could be a name)
    ["show", "999"], ["show", "abc"], ["show", "-5"], ["show", "1", "--format", "xml"],
    ["talk", "--plain", "--flow", "no-such-flow"], ["breathe", "--minutes", "0"], ["breathe", "--pattern", "4-x-6"],
]


@pytest.mark.parametrize("args", BAD_VALUES, ids=lambda a: " ".join(a))
def test_a_bad_value_exits_2_with_one_line(tmp_path, args, monkeypatch, capsys, keep_umask):
    from innercritic import entry
    from innercritic.store.journal import Journal

    db = tmp_path / "journal.db"
    Journal(str(db)).close()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    rc = entry.main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    assert rc == 2, (out, err)
    lines = err.splitlines()
    assert len(lines) == 1 or (lines[0].startswith("Usage:") and lines[-1].startswith("Error:")), err
    assert "Traceback" not in err
    assert query(db, "SELECT count(*) FROM entry") == [(0,)]


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"caf\xe9", b"\xed\xa0\x80"])
def test_invalid_utf8_in_arguments_exits_2_with_one_line(tmp_path, raw):
    db = tmp_path / "journal.db"
    for args in ([b"checkin", b"--note", raw], [b"checkin", b"--mood", b"3", b"--part", raw], [b"history", b"--search", raw]):
        done = subprocess.run([PYTHON.encode(), b"-m", b"innercritic", b"--db", str(db).encode(), *args],
                              capture_output=True, timeout=60, env=child_env(tmp_path))
        assert done.returncode == 2
        assert done.stderr == b"innercritic: arguments must be valid UTF-8 text\n"
    assert not db.exists()


# ---- any Unicode text, there and back ------------------------------------------------------

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200)


@pytest.fixture(scope="module")
def roundtrip_db(tmp_path_factory):
    from innercritic.store.journal import Journal

    path = tmp_path_factory.mktemp("roundtrip") / "journal.db"
    Journal(str(path)).close()
    return path


def _show_json(db, entry_id: int) -> dict:
    from typer.testing import CliRunner

    from innercritic.cli.app import app

    result = CliRunner().invoke(app, ["--db", str(db), "show", str(entry_id), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_any_note_comes_back_exactly(roundtrip_db, text):
    from innercritic.services import entries as services
    from innercritic.store.journal import Journal

    with Journal(str(roundtrip_db)) as journal:
        outcome = services.check_in(journal, mood=3, critic=None, note=text, part=None)
    expected = services.clean_note(text)  # the one documented change: surrounding blank lines and trailing spaces
    assert outcome.record.note == expected
    assert _show_json(roundtrip_db, outcome.record.id)["note"] == expected
    assert query(roundtrip_db, "SELECT note FROM checkin WHERE entry_id = ?", (outcome.record.id,)) == [(expected,)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_any_answer_comes_back_exactly(roundtrip_db, text):
    from innercritic.services.dialogue import DialogueSession
    from innercritic.engine.flow_files import load_flows
    from innercritic.store.journal import Journal

    with Journal(str(roundtrip_db)) as journal:
        session = DialogueSession.start(journal, load_flows()["critic"])
        session.skip()  # loudness
        session.answer(text)  # the critic's words
        dialogue_id = session.dialogue_id
    turns = _show_json(roundtrip_db, dialogue_id)["turns"]
    if text.strip():
        assert turns[1]["answer"] == text.rstrip() and not turns[1]["skipped"]
    else:
        assert turns[1]["skipped"] and turns[1]["answer"] is None
