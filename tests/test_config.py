"""config.toml: known keys with checks, a bad file never stops anything, writes keep the rest."""

from __future__ import annotations

import os
import stat

import pytest

from innercritic import config
from innercritic.errors import UsageProblem


def test_no_file_means_defaults(tmp_path):
    settings = config.read(str(tmp_path / "none.toml"))
    assert settings.values == {} and settings.problems == []


def test_set_checks_the_value_and_writes_a_private_file(tmp_path):
    path = str(tmp_path / "sub" / "config.toml")
    assert config.check_value("country", " gb ") == "GB"
    config.write("country", "GB", path)
    assert config.read(path).get("country") == "GB"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with pytest.raises(UsageProblem, match="two-letter"):
        config.check_value("country", "Britain")
    with pytest.raises(UsageProblem, match="no setting 'colour'"):
        config.check_value("colour", "blue")


def test_writing_keeps_comments_and_other_settings(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "calm"\ncountry = "US"\n\n[later]\ncountry = "x"\n')
    config.write("country", "IE", str(path))
    assert path.read_text() == '# mine\ntheme = "calm"\ncountry = "IE"\n\n[later]\ncountry = "x"\n'
    config.write("country", None, str(path))
    assert path.read_text() == '# mine\ntheme = "calm"\n\n[later]\ncountry = "x"\n'
    config.write("country", "NZ", str(path))
    assert 'country = "NZ"\n[later]' in path.read_text()  # at the top level, before the first table


def test_a_bad_file_gives_one_line_naming_the_file_and_key(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("country = 42\n")
    settings = config.read(str(path))
    assert settings.values == {}
    assert settings.problems == [f"{path}: key 'country': it must be text in quotes; using the default"]
    path.write_text("country = [\n")
    (problem,) = config.read(str(path)).problems
    assert problem.startswith(f"{path}: not valid TOML") and problem.endswith("using the defaults")


def test_the_cli_get_set_list_unset(cli):
    assert cli("config", "get", "country").exit_code == 1
    done = cli("config", "set", "country", "au")
    assert done.exit_code == 0 and "country = AU" in done.output
    assert cli("config", "get", "country").output == "AU\n"
    listed = cli("config", "list").output
    assert "country = AU" in listed and "help lines" in listed
    bad = cli("config", "set", "country", "Oz!")
    assert bad.exit_code == 2 and "two-letter" in bad.output
    assert cli("config", "get", "country").output == "AU\n"  # unchanged
    assert cli("config", "set", "country", "FR").output.endswith("findahelpline.com.\n")
    assert cli("config", "unset", "country").exit_code == 0
    assert cli("config", "get", "country").exit_code == 1
    assert cli("config", "get", "nope").exit_code == 2
