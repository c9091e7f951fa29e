"""Issue 16, your own exercises: flows in the config folder's flows/ run like the shipped
ones, `--flow` takes a path, a clash or a broken file is said in one line and stops nothing,
and the documented example and `flows new` both pass `flows check`."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from tui_helpers import app_for, settle

from innercritic.engine.flow_files import load_flow
from innercritic.services.flow_catalog import user_flows_dir
from innercritic.cli.flow_starter import starter_text

DOCS = Path(__file__).resolve().parents[2] / "docs" / "flows.md"
SHIPPED = Path(__file__).resolve().parents[2] / "data" / "flows"


def _mine(name: str, text: str | None = None) -> Path:
    folder = Path(user_flows_dir())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text if text is not None else starter_text(name), encoding="utf-8")
    return path


def test_the_documented_example_is_a_valid_flow(tmp_path):
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert blocks, "docs/flows.md has a complete example"
    example = blocks[-1]
    flow_id = re.search(r'^id = "([a-z0-9-]+)"', example, re.M).group(1)
    path = tmp_path / f"{flow_id}.toml"
    path.write_text(example, encoding="utf-8")
    flow = load_flow(path)
    kinds = {step.kind for step in flow.steps}
    assert {"text", "choice", "scale", "info", "breathe"} <= kinds and flow.summary


def test_flows_new_writes_a_starter_that_check_accepts(cli):
    done = cli("flows", "new", "evening")
    assert done.exit_code == 0, done.output
    path = Path(user_flows_dir()) / "evening.toml"
    assert path.is_file() and oct(path.stat().st_mode & 0o777) == "0o600"
    checked = cli("flows", "check", str(path))
    assert checked.exit_code == 0 and "1 flow file(s) OK" in checked.output
    assert cli("flows", "check").exit_code == 0  # the shipped ones and yours
    again = cli("flows", "new", "evening")
    assert again.exit_code == 2 and "already exists" in again.output
    assert cli("flows", "new", "critic").exit_code == 2  # a shipped id
    assert cli("flows", "new", "Bad Name!").exit_code == 2


def test_your_flows_are_listed_and_marked(run_cli):
    _mine("evening")
    rc, out, err = run_cli("flows")
    assert rc == 0 and err == ""
    assert re.search(r"^evening\s+An evening look back \(yours\)$", out, re.M)
    rc, out, _ = run_cli("flows", "--json")
    listed = {f["id"]: f for f in json.loads(out)}
    assert listed["evening"]["yours"] is True and listed["evening"]["path"].endswith("evening.toml")
    assert listed["critic"]["yours"] is False and listed["critic"]["default"] is True


def test_talk_runs_your_flow_by_id_and_a_flow_file_by_path(run_cli, tmp_path):
    _mine("evening")
    db = str(tmp_path / "j.db")
    rc, out, err = run_cli("talk", "--plain", "--flow", "evening", db=db, input="4\n")
    assert rc == 0, err
    assert out.startswith("An evening look back")
    elsewhere = tmp_path / "draft" / "night-notes.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(starter_text("night-notes"), encoding="utf-8")
    rc, out, err = run_cli("talk", "--plain", "--flow", str(elsewhere), db=db, input="4\n")
    assert rc == 0, err
    assert out.startswith("An evening look back")
    rc, out, err = run_cli("talk", "--plain", "--flow", str(tmp_path / "none.toml"), db=db, input="")
    assert rc == 2 and err.count("\n") == 1 and "none.toml" in err


def test_a_file_with_a_shipped_id_is_left_out_and_says_so(run_cli):
    mine = _mine("critic", (SHIPPED / "reflect.toml").read_text().replace('id = "reflect"', 'id = "critic"'))
    rc, out, err = run_cli("flows")
    assert rc == 0
    assert err.count("\n") == 1 and str(mine) in err and "shipped exercise" in err
    assert re.search(r"^critic\s+Talk with the critic \(default\)$", out, re.M)  # the shipped one kept its id


def test_a_broken_file_of_yours_is_one_line_and_the_rest_runs(run_cli, tmp_path):
    broken = _mine("broken", 'id = "broken"\ntitle = "x"\n[[steps]]\nid = "a"\nkind = "nope"\nprompt = "?"\n')
    _mine("evening")
    rc, out, err = run_cli("flows")
    assert rc == 0 and err.count("\n") == 1 and str(broken) in err and "left out" in err
    assert "evening" in out
    rc, out, err = run_cli("talk", "--plain", "--flow", "kind-eyes", db=str(tmp_path / "j.db"), input="3\n")
    assert rc == 0, err


async def test_the_exercise_picker_shows_yours(tmp_path):
    _mine("evening")
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "FlowPicker"
        shown = " ".join(title for _, title, _ in app.screen.flows)
        assert "An evening look back (yours)" in shown and "Talk with the critic" in shown


async def test_a_broken_file_of_yours_never_stops_the_app(tmp_path):
    _mine("broken", "this is = = not toml")
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HomeScreen"
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "FlowPicker"
        notes = [str(n.message) for n in app._notifications]
        assert any("broken.toml" in note and "left out" in note for note in notes), notes
