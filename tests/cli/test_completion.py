"""Issue 16, shell completion: bash, zsh and fish through Typer's own mechanism, offering
commands, options, part names, flow ids and setting names; the completion variable reaches
Typer (never the app); --show-completion and --install-completion work."""

from __future__ import annotations

import pytest

NO_DETECTION = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}


def _bash(run_cli, line: str, db: str | None = None) -> list[str]:
    words = line.split(" ")
    rc, out, err = run_cli(db=db, env={"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1),
                                       "_INNERCRITIC_COMPLETE": "complete_bash"})
    assert rc == 0 and err == "", err
    return out.split()


def test_bash_offers_commands_options_flows_parts_and_settings(run_cli, tmp_path):
    db = str(tmp_path / "j.db")
    assert run_cli("parts", "add", "Judge", db=db)[0] == 0
    assert run_cli("parts", "add", "Taskmaster", db=db)[0] == 0
    assert "history" in _bash(run_cli, "innercritic hi")
    assert "--part" in _bash(run_cli, "innercritic history --pa")
    assert _bash(run_cli, "innercritic talk --flow kind") == ["kind-eyes"]
    assert _bash(run_cli, "innercritic parts show J", db=db) == ["Judge"]
    assert _bash(run_cli, "innercritic checkin --part ", db=db) == ["Judge", "Taskmaster"]
    assert _bash(run_cli, "innercritic config set week") == ["week_start"]


def test_no_journal_or_an_encrypted_one_offers_no_parts_and_never_fails(run_cli, tmp_path):
    assert _bash(run_cli, "innercritic parts show ", db=str(tmp_path / "none.db")) == []
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x00not a journal" * 200)
    assert _bash(run_cli, "innercritic parts show ", db=str(garbage)) == []
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    "shell, env, expected",
    [
        ("zsh", {"_TYPER_COMPLETE_ARGS": "innercritic talk --flow kind", "_INNERCRITIC_COMPLETE": "complete_zsh"}, "kind-eyes"),
        ("fish", {"_TYPER_COMPLETE_ARGS": "innercritic talk --flow kind", "_INNERCRITIC_COMPLETE": "complete_fish",
                  "_TYPER_COMPLETE_FISH_ACTION": "get-args"}, "kind-eyes"),
    ],
)
def test_zsh_and_fish(run_cli, shell, env, expected):
    rc, out, err = run_cli(env=env)
    assert rc == 0 and err == "" and expected in out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script(run_cli, shell):
    rc, out, err = run_cli("--show-completion", shell, env=NO_DETECTION)
    assert rc == 0, err
    assert "_INNERCRITIC_COMPLETE" in out and "innercritic" in out


def test_install_completion_writes_into_the_shells_files(run_cli, tmp_path):
    rc, out, err = run_cli("--install-completion", "bash", env=NO_DETECTION)
    assert rc == 0, err
    assert "completion installed" in out
    assert "innercritic" in (tmp_path / "home" / ".bashrc").read_text()


def test_the_completion_variable_never_opens_the_app(run_cli):
    # Without a terminal the app refuses with exit 2; completion answers instead.
    rc, out, err = run_cli(env={"COMP_WORDS": "innercritic ", "COMP_CWORD": "1", "_INNERCRITIC_COMPLETE": "complete_bash"})
    assert rc == 0 and "talk" in out.split() and "terminal" not in err
