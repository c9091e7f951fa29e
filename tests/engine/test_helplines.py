"""The help lines are data with a source and a date, for the countries people use most."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from innercritic.engine.helplines import (
    HelplinesFileError, country_from_locale, load_helplines, shipped,
)


def test_every_entry_has_a_source_and_was_verified_in_the_last_18_months():
    assert shipped().problems(date.today()) == []


def test_an_entry_older_than_18_months_or_without_a_source_is_caught(tmp_path):
    path = tmp_path / "h.toml"
    path.write_text(textwrap.dedent("""
        version = 1
        fallback = "general"
        [[country]]
        code = "general"
        name = "anywhere"
          [country.emergency]
          number = "your local emergency number"
          source = "nowhere"
          verified = 2020-01-01
          [[country.line]]
          name = "A line"
          how = "call 1"
          source = "https://example.org"
          verified = 2026-11-01
    """))
    problems = load_helplines(path).problems(date(2026, 12, 1))
    assert problems == [
        "general emergency: no source",
        "general emergency: last verified 2020-01-01, more than 18 months ago",
    ]
    assert load_helplines(path).problems(date(2028, 6, 1))[-1].startswith("general A line: last verified")


def test_the_countries_covered():
    codes = [place.code for place in shipped().countries()]
    for code in ("US", "CA", "GB", "IE", "AU", "NZ"):
        assert code in codes
    assert codes[-1] == "general"
    general = shipped().general
    assert "findahelpline.com" in general.lines[0].how
    assert general.emergency.number == "your local emergency number"


def test_lookup_takes_aliases_and_falls_back():
    lines = shipped()
    assert lines.find("uk").code == "GB" and lines.find("gb").name == "the UK"
    assert lines.find("FR").is_general and lines.find(None).is_general
    assert lines.known("IE") and not lines.known("FR")


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, "CA"),
        ({"LC_MESSAGES": "en_IE@euro"}, "IE"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, None),
        ({}, None),
    ],
)
def test_the_country_from_the_locale(env, expected):
    assert country_from_locale(env) == expected


def test_a_broken_file_names_itself(tmp_path):
    path = tmp_path / "h.toml"
    path.write_text('version = 1\nfallback = "XX"\n[[country]]\ncode = "gb"\n')
    with pytest.raises(HelplinesFileError, match="h.toml"):
        load_helplines(path)
