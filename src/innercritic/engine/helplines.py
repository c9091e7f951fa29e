"""Help lines per country, from data/helplines.toml, and a country guessed from the locale.

Pure Python (tomllib only), read on first use. Every entry carries the source
it was checked against and the date; ``problems(today)`` lists entries
without a source or older than 18 months, so a test can fail on them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from innercritic.errors import InnerCriticError

FILE_NAME = "helplines.toml"
FORMAT_VERSION = 1
MAX_AGE_MONTHS = 18
GENERAL = "general"


class HelplinesFileError(InnerCriticError, ValueError):
    """The help lines file is missing or malformed; the message names it."""


@dataclass(frozen=True)
class Line:
    name: str
    how: str
    when: str
    source: str
    verified: date
    checked_against: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Emergency:
    number: str
    source: str
    verified: date
    note: str = ""


@dataclass(frozen=True)
class Place:
    """Where the lines are for: a known country, or the general fallback."""

    code: str  # "GB", or "general"
    name: str  # "the UK", "anywhere"
    emergency: Emergency
    lines: tuple[Line, ...]
    aliases: tuple[str, ...] = ()

    @property
    def is_general(self) -> bool:
        return self.code == GENERAL


class Helplines:
    def __init__(self, path: str, places: dict[str, Place], fallback: str) -> None:
        self.path = path
        self._places = places
        self.fallback = places[fallback]
        self.general = places.get(GENERAL, self.fallback)
        self._aliases = {alias: place.code for place in places.values() for alias in (place.code, *place.aliases)}

    def countries(self) -> list[Place]:
        """Every country with lines of its own, in file order (the general fallback last)."""
        known = [place for place in self._places.values() if not place.is_general]
        return known + [self.general]

    def known(self, code: str | None) -> bool:
        return code is not None and normalise_code(code) in self._aliases and not self.find(code).is_general

    def find(self, code: str | None) -> Place:
        """The place for a country code (or an alias such as UK); the fallback when unknown."""
        if code is None:
            return self.fallback
        return self._places.get(self._aliases.get(normalise_code(code), ""), self.fallback)

    def problems(self, today: date) -> list[str]:
        """Entries without a source or verified more than 18 months before ``today``."""
        found = []
        for place in self._places.values():
            entries = [(f"{place.code} emergency", place.emergency.source, place.emergency.verified)]
            entries += [(f"{place.code} {line.name}", line.source, line.verified) for line in place.lines]
            for label, source, verified in entries:
                if not source.startswith("https://") and not source.startswith("http://"):
                    found.append(f"{label}: no source")
                if _months_between(verified, today) > MAX_AGE_MONTHS:
                    found.append(f"{label}: last verified {verified.isoformat()}, more than {MAX_AGE_MONTHS} months ago")
        return found


def normalise_code(code: str) -> str:
    code = code.strip()
    return GENERAL if code.lower() == GENERAL else code.upper()


def _months_between(earlier: date, later: date) -> float:
    return (later.year - earlier.year) * 12 + (later.month - earlier.month) + (later.day - earlier.day) / 31


def country_from_locale(environ: dict[str, str] | None = None) -> str | None:
    """The country part of LC_ALL, LC_MESSAGES or LANG (en_GB.UTF-8 -> GB), else None."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        language = value.split(".")[0].split("@")[0]
        _, underscore, country = language.partition("_")
        if underscore and len(country) == 2 and country.isalpha() and country.isascii():
            return country.upper()
        return None  # the first one set decides, as the C library does
    return None


# ---- loading -------------------------------------------------------------------------------


def default_path() -> str:
    from innercritic.resources import data_path

    return data_path(FILE_NAME)


def load_helplines(path: str | os.PathLike[str] | None = None) -> Helplines:
    import tomllib

    path = str(path) if path is not None else default_path()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise HelplinesFileError(f"{path}: cannot be read ({error.strerror or error})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise HelplinesFileError(f"{path}: is not valid TOML ({error})") from None
    return _build(path, data)


def _build(path: str, data: dict) -> Helplines:
    def fail(problem: str) -> HelplinesFileError:
        return HelplinesFileError(f"{path}: {problem}")

    if data.get("version") != FORMAT_VERSION:
        raise fail(f"needs `version = {FORMAT_VERSION}` at the top")
    unknown = sorted(set(data) - {"version", "fallback", "country"})
    if unknown:
        raise fail(f"unknown top-level key {unknown[0]!r}")
    raw_places = data.get("country")
    if not isinstance(raw_places, list) or not raw_places:
        raise fail("needs at least one [[country]]")
    places: dict[str, Place] = {}
    for index, raw in enumerate(raw_places, 1):
        place = _place(raw, f"[[country]] {index}", fail)
        if place.code in places:
            raise fail(f"[[country]] {index}: {place.code} appears twice")
        places[place.code] = place
    fallback = data.get("fallback")
    if fallback not in places:
        raise fail("`fallback` must name one of the [[country]] codes")
    return Helplines(path, places, fallback)


def _place(raw: object, where: str, fail) -> Place:
    if not isinstance(raw, dict):
        raise fail(f"{where} must be a table")
    unknown = sorted(set(raw) - {"code", "name", "aliases", "emergency", "line"})
    if unknown:
        raise fail(f"{where} has an unknown key {unknown[0]!r}")
    code = _text(raw, "code", where, fail)
    if code != GENERAL and not (len(code) == 2 and code.isalpha() and code.isupper()):
        raise fail(f"{where}: code {code!r} must be two capital letters (or {GENERAL!r})")
    where = f"[[country]] {code}"
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise fail(f"{where}: aliases must be a list of strings")
    emergency = raw.get("emergency")
    if not isinstance(emergency, dict):
        raise fail(f"{where} needs a [country.emergency] table")
    lines = raw.get("line")
    if not isinstance(lines, list) or not lines:
        raise fail(f"{where} needs at least one [[country.line]]")
    return Place(
        code=code,
        name=_text(raw, "name", where, fail),
        emergency=Emergency(
            number=_text(emergency, "number", f"{where} emergency", fail),
            source=_text(emergency, "source", f"{where} emergency", fail),
            verified=_date(emergency, f"{where} emergency", fail),
            note=str(emergency.get("note", "")),
        ),
        lines=tuple(_line(line, f"{where} line {n}", fail) for n, line in enumerate(lines, 1)),
        aliases=tuple(normalise_code(a) for a in aliases),
    )


def _line(raw: object, where: str, fail) -> Line:
    if not isinstance(raw, dict):
        raise fail(f"{where} must be a table")
    unknown = sorted(set(raw) - {"name", "how", "when", "source", "checked_against", "verified", "note"})
    if unknown:
        raise fail(f"{where} has an unknown key {unknown[0]!r}")
    checked = raw.get("checked_against", [])
    if not isinstance(checked, list) or not all(isinstance(c, str) for c in checked):
        raise fail(f"{where}: checked_against must be a list of addresses")
    return Line(
        name=_text(raw, "name", where, fail),
        how=_text(raw, "how", where, fail),
        when=str(raw.get("when", "")).strip(),
        source=_text(raw, "source", where, fail),
        verified=_date(raw, where, fail),
        checked_against=tuple(checked),
        note=str(raw.get("note", "")),
    )


def _text(raw: dict, key: str, where: str, fail) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{where} needs `{key}` (text)")
    return value.strip()


def _date(raw: dict, where: str, fail) -> date:
    value = raw.get("verified")
    if not isinstance(value, date):
        raise fail(f"{where} needs `verified`, a date such as 2026-12-01")
    return value


@lru_cache(maxsize=1)
def shipped() -> Helplines:
    """The shipped help lines, read once per process."""
    return load_helplines()
