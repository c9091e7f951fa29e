"""Where the journal lives: the quick Linux XDG rule agrees with platformdirs; --db > env > default."""

from __future__ import annotations

import os
import sys

import platformdirs
import pytest

from innercritic import locations
from innercritic.locations import config_path, default_db_path, resolve_db_path, user_config_dir, user_data_dir

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fast XDG rule is Linux-only")


XDG_SETTINGS = {
    "unset": None,
    "absolute": "/srv/people/ada/{kind}",
    "trailing slash": "/srv/people/ada/{kind}/",
    "relative (ignored)": "relative/{kind}",
    "empty": "",
    "blank": "   ",
    "leading space (not absolute)": " /srv/people/ada/{kind}",
    "dot": ".",
    "trailing space": "/srv/people/ada/{kind} ",
}


@linux_only
@pytest.mark.parametrize("setting", list(XDG_SETTINGS), ids=list(XDG_SETTINGS))
def test_fast_xdg_rule_matches_platformdirs(monkeypatch, tmp_path, setting):
    template = XDG_SETTINGS[setting]
    for var, kind in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
        if template is None:
            monkeypatch.delenv(var, raising=False)
        else:
            monkeypatch.setenv(var, template.format(kind=kind))
    assert user_data_dir() == platformdirs.user_data_dir("innercritic", appauthor=False)
    assert user_config_dir() == platformdirs.user_config_dir("innercritic", appauthor=False)


@linux_only
def test_home_is_the_fallback(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "ada"))
    assert default_db_path() == str(tmp_path / "ada" / ".local" / "share" / "innercritic" / "journal.db")
    assert config_path() == str(tmp_path / "ada" / ".config" / "innercritic" / "config.toml")


def test_asking_where_creates_nothing(tmp_path):
    default_db_path()
    config_path()
    resolve_db_path(None)
    assert not (tmp_path / "home").exists()


def test_db_flag_beats_env_beats_default(monkeypatch, tmp_path):
    default = os.path.join(user_data_dir(), "journal.db")
    assert resolve_db_path(None) == (default, True)
    monkeypatch.setenv("INNERCRITIC_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(None) == (str(tmp_path / "env.db"), False)
    assert resolve_db_path(str(tmp_path / "flag.db")) == (str(tmp_path / "flag.db"), False)
    monkeypatch.setenv("INNERCRITIC_DB", "   ")
    assert resolve_db_path(None) == (default, True)


def test_db_paths_are_expanded_and_made_absolute(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert resolve_db_path("notes/j.db") == (str(tmp_path / "notes" / "j.db"), False)
    assert resolve_db_path("~/j.db") == (os.path.join(os.environ["HOME"], "j.db"), False)
    monkeypatch.setenv("INNERCRITIC_DB", "~/from-env.db")
    assert resolve_db_path(None) == (os.path.join(os.environ["HOME"], "from-env.db"), False)


def test_cli_follows_the_same_order(cli, monkeypatch, tmp_path):
    import json

    def where(*args: str) -> str:
        return json.loads(cli(*args, "where", "--json").stdout)["database"]

    assert where() == locations.default_db_path()
    monkeypatch.setenv("INNERCRITIC_DB", str(tmp_path / "env.db"))
    assert where() == str(tmp_path / "env.db")
    assert where("--db", str(tmp_path / "flag.db")) == str(tmp_path / "flag.db")


def test_locations_does_not_import_platformdirs_on_linux(tmp_path):
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c",
         "import sys, innercritic.locations as l; l.default_db_path(); l.config_path();"
         " print('platformdirs' in sys.modules, 'pathlib' in sys.modules)"],
        capture_output=True, text=True, cwd=str(tmp_path), timeout=60,
    )
    if sys.platform.startswith("linux"):
        assert done.stdout.split()[0] == "False", done.stderr
