"""`show`, `where`, `--version` and `--help` on every command."""

from __future__ import annotations

import json
import os

import pytest
from journal_testing import CRITIC_TURNS, add_dialogue, insert_checkin_at, local_iso, make_journal

import innercritic
from innercritic.store.journal import Journal

TURN_KEYS = {"position", "step", "role", "prompt", "answer", "value", "skipped", "at"}


@pytest.fixture
def talk(db_path) -> int:
    with Journal(db_path) as journal:
        return add_dialogue(journal, part="Taskmaster", turns=CRITIC_TURNS, finish="completed")


@pytest.fixture
def checkin(db_path) -> int:
    make_journal(db_path)
    return insert_checkin_at(db_path, local_iso(2026, 11, 20, 14, 5), mood=2, critic=8, note="long day\nshort fuse")


# ---- show ---------------------------------------------------------------------------------------


def test_show_dialogue_json_has_turns(cli_db, talk):
    result = cli_db("show", str(talk), "--format", "json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["id"], shown["kind"], shown["flow"], shown["status"]) == (talk, "dialogue", "critic", "completed")
    assert len(shown["turns"]) == len(CRITIC_TURNS)
    for turn, (step, role, prompt, answer, value, skipped) in zip(shown["turns"], CRITIC_TURNS):
        assert set(turn) == TURN_KEYS
        assert (turn["step"], turn["role"], turn["prompt"], turn["answer"], turn["value"], turn["skipped"]) == (
            step, role, prompt, answer, value, skipped,
        )
        assert turn["at"].endswith("+00:00")


def test_show_dialogue_text(cli_db, talk):
    result = cli_db("show", f"#{talk}")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"#{talk} · dialogue · ")
    assert "Part: Taskmaster" in out
    assert "Critic loudness: 7 → 4" in out
    assert "What is the critic saying, in its own words?\n   ❝ You never finish anything." in out
    assert "Where do you notice it?\n   (skipped)" in out


def test_show_dialogue_markdown(cli_db, talk):
    result = cli_db("show", str(talk), "-f", "md")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"## Dialogue #{talk} — ")
    assert "- Flow: critic" in out and "- Part: Taskmaster" in out
    assert "**What is the critic saying, in its own words?**\n\n> You never finish anything." in out
    assert "*(skipped)*" in out


def test_show_checkin_in_each_format(cli_db, checkin):
    text = cli_db("show", str(checkin))
    assert text.exit_code == 0
    assert text.stdout == f"#{checkin} · checkin · Fri 20 Nov 2026 14:05\nMood: 2/5   Critic: 8/10\n\nlong day\nshort fuse\n"
    md = cli_db("show", str(checkin), "--format", "md").stdout
    assert md.startswith(f"## Check-in #{checkin} — Fri 20 Nov 2026 14:05")
    assert "- Mood: 2/5" in md and "- Critic loudness: 8/10" in md
    shown = json.loads(cli_db("show", str(checkin), "--format", "json").stdout)
    assert (shown["mood"], shown["critic"], shown["note"]) == (2, 8, "long day\nshort fuse")
    assert "turns" not in shown


@pytest.mark.parametrize("entry_id", ["999", "0", "abc", "1.0", "", "#", "１"])
def test_show_unknown_or_malformed_id(cli_db, checkin, entry_id):
    result = cli_db("show", entry_id)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_show_option_like_id_is_a_usage_error(cli_db, checkin):
    result = cli_db("show", "-3")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_show_unknown_format(cli_db, checkin):
    result = cli_db("show", str(checkin), "--format", "xml")
    assert result.exit_code == 2
    assert "--format must be text, md or json" in result.stderr


def test_show_on_a_missing_journal_creates_nothing(cli_db, db_path):
    result = cli_db("show", "1")
    assert result.exit_code == 2
    assert "no entry #1" in result.stderr
    assert not os.path.exists(db_path)


HOSTILE_NOTE = "[bold]x[/] [@click=app.quit]y[/]\n\x1b]0;pwned\x07 # *not* a heading"


@pytest.fixture
def hostile_talk(db_path) -> int:
    with Journal(db_path) as journal:
        return add_dialogue(
            journal,
            turns=(("find", "critic_words", "[i]What[/i] does it say?", HOSTILE_NOTE, None, False),
                   ("fears", "fears", "And?", "\x9b31mred\x1b[0m", None, False)),
        )


def test_show_text_keeps_markup_literal_and_escapes_controls(cli_db, hostile_talk):
    out = cli_db("show", str(hostile_talk)).stdout
    assert "[i]What[/i] does it say?" in out
    assert "[bold]x[/] [@click=app.quit]y[/]" in out
    assert "\\x1b]0;pwned\\x07" in out
    assert "\\x9b31mred\\x1b[0m" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")


def test_show_markdown_escapes_markup(cli_db, hostile_talk):
    out = cli_db("show", str(hostile_talk), "--format", "md").stdout
    assert "\\[bold\\]x\\[/\\]" in out
    assert "\\[@click=app.quit\\]" in out
    assert "\\# \\*not\\* a heading" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")


def test_show_json_escapes_controls_and_keeps_the_words(cli_db, hostile_talk):
    out = cli_db("show", str(hostile_talk), "--format", "json").stdout
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    answers = [turn["answer"] for turn in json.loads(out)["turns"]]
    assert answers == [HOSTILE_NOTE, "\x9b31mred\x1b[0m"]


def test_installed_show_sends_no_raw_control_bytes(run_cli, db_path, hostile_talk):
    for fmt in ("text", "md", "json"):
        rc, out, err = run_cli("--db", db_path, "show", str(hostile_talk), "--format", fmt)
        assert rc == 0, err
        assert not any(ch in out for ch in "\x1b\x07\x9b"), fmt
    assert "[bold]x[/]" in run_cli("--db", db_path, "show", str(hostile_talk))[1]


# ---- where ----------------------------------------------------------------------------------------


def test_where_default(cli, tmp_path):
    result = cli("where")
    assert result.exit_code == 0
    journal = tmp_path / "home" / ".local" / "share" / "innercritic" / "journal.db"
    config = tmp_path / "home" / ".config" / "innercritic" / "config.toml"
    from innercritic.store import driver

    assert result.stdout == (
        f"journal: {journal}  (not created yet)\nconfig:  {config}\n"
        f"sqlite:  {driver.sqlite_version()}\nencrypted: –\n"
    )
    assert not journal.parent.exists()


def test_where_json_follows_db_and_env(cli, tmp_path, monkeypatch, db_path):
    make_journal(db_path)
    info = json.loads(cli("--db", db_path, "where", "--json").stdout)
    assert info == {
        "database": db_path,
        "database_exists": True,
        "config": str(tmp_path / "home" / ".config" / "innercritic" / "config.toml"),
        "sqlite_version": info["sqlite_version"],
        "encryption_available": info["encryption_available"],
        "encrypted": False,
    }
    monkeypatch.setenv("INNERCRITIC_DB", str(tmp_path / "from-env.db"))
    assert json.loads(cli("where", "--json").stdout)["database"] == str(tmp_path / "from-env.db")
    assert json.loads(cli("--db", db_path, "where", "--json").stdout)["database"] == db_path


def test_where_makes_a_relative_db_absolute(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert json.loads(cli("--db", "rel.db", "where", "--json").stdout)["database"] == str(tmp_path / "rel.db")


def test_installed_where(run_cli, tmp_path):
    rc, out, err = run_cli("where")
    assert (rc, err) == (0, "")
    assert out.splitlines()[0] == f"journal: {tmp_path}/home/.local/share/innercritic/journal.db  (not created yet)"


# ---- --version and --help --------------------------------------------------------------------------


def test_version(cli, run_cli):
    result = cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"innercritic {innercritic.__version__}\n")
    assert run_cli("--version") == (0, f"innercritic {innercritic.__version__}\n", "")


def _command_paths() -> list[tuple[str, ...]]:
    import typer.main

    from innercritic.cli.app import app

    paths: list[tuple[str, ...]] = [()]

    def walk(command, prefix: tuple[str, ...]) -> None:
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            if getattr(sub, "hidden", False):
                continue
            paths.append((*prefix, name))
            walk(sub, (*prefix, name))

    walk(typer.main.get_command(app), ())
    return paths


def test_the_core_commands_are_there():
    top = {path[0] for path in _command_paths() if path}
    assert {"checkin", "history", "show", "where", "nudge", "help-now"} <= top


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "innercritic")
def test_help_on_every_command_has_examples(cli, path):
    result = cli(*path, "--help")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Usage: innercritic")
    assert "Example" in result.stdout, f"`innercritic {' '.join(path)} --help` shows no examples"


def test_short_help_flag(cli):
    assert cli("checkin", "-h").exit_code == 0
