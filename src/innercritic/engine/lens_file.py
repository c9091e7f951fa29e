"""The critic lens's data: reading, checking and compiling data/lens.toml, once.

The kinds (``KINDS``, in display order) with their human names, the patterns with
their macros turned into regular expressions, the negation words and the wording
reflections use. Every mistake raises LensError naming the file and the place;
nothing is read until first asked for, and then only once. Reading text with it is
lens.py's job.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from innercritic.errors import InnerCriticError

# Stable display order. The human names and wording come from lens.toml.
KINDS: tuple[str, ...] = (
    "label",
    "should",
    "absolute",
    "command",
    "comparison",
    "catastrophe",
    "mind_reading",
)

_FILE = "lens.toml"
APOSTROPHES = "'’‘ʼ`´"
APOS_CLASS = "[" + APOSTROPHES + "]"
APOS_TABLE = str.maketrans({c: "'" for c in APOSTROPHES})
_MACRO = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# A space in a pattern, with what follows it: " ?" and " *" may be left out.
_SPACE_RUN = re.compile(r" +([?*+]?)")
_UPPER = re.compile(r"[A-Z]")
_ESCAPES = re.compile(r"\\.|\(\?P[<=]")
_KIND_KEYS = ("name", "about", "reflect", "patterns", "unless_negated")


class LensError(InnerCriticError):
    """lens.toml cannot be used. The message names the file and the place."""


@dataclass(frozen=True)
class KindInfo:
    """A kind's id with the human wording from lens.toml."""

    id: str
    name: str
    about: str


# --- loading -----------------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    kind: str
    regex: re.Pattern[str]  # matched against the lower-cased text; see read()
    guarded: bool  # skipped when a negation comes just before
    marked: bool  # has a (?P<w>...) group that gives the span


@dataclass(frozen=True)
class Lens:
    kinds: tuple[KindInfo, ...]
    phrases: dict[str, str]
    patterns: tuple[_Pattern, ...]
    window: int
    negators: frozenset[str]
    ending: str
    not_negation: re.Pattern[str] | None
    reflect: dict[str, object]


def _where(section: str) -> str:
    return f"{_FILE}: {section}"


def _expand(source: str, macros: dict[str, str], where: str, depth: int = 0) -> str:
    if depth > 10:
        raise LensError(f"{where}: macros refer to each other in a loop")

    def swap(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise LensError(f"{where}: unknown macro {{{name}}}")
        return _expand(macros[name], macros, where, depth + 1)

    return _MACRO.sub(swap, source)


def _translate(source: str) -> str:
    """Spaces become \\s+ and a plain apostrophe accepts its look-alikes."""
    out = _SPACE_RUN.sub(lambda m: r"\s*" if m.group(1) in ("?", "*") else r"\s+", source)
    return out.replace("'", APOS_CLASS)


def _compile(source: str, macros: dict[str, str], where: str) -> re.Pattern[str]:
    body = _translate(_expand(source, macros, where))
    if _UPPER.search(_ESCAPES.sub("", body)):
        raise LensError(f"{where}: write patterns in lower case: {source!r}")
    try:
        # Checked with word edges on both sides. read() uses the second form,
        # without the leading edge, and checks that edge itself: a regex that
        # starts with a plain letter lets the engine skip ahead quickly.
        checked = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        regex = re.compile(rf"(?:{body})(?!\w)")
    except re.error as exc:
        raise LensError(f"{where}: pattern {source!r} is not valid: {exc}") from None
    if checked.match(""):
        raise LensError(f"{where}: pattern {source!r} matches empty text")
    if regex.groupindex.keys() - {"w"}:
        raise LensError(f"{where}: the only named group allowed is w, in {source!r}")
    return regex


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LensError(f"{where}: expected a list of strings")
    return value


def _text(table: Mapping[str, object], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LensError(f"{where}: '{key}' must be some text")
    return value


def _build(data: Mapping[str, object]) -> Lens:
    macros_raw = data.get("macros", {})
    if not isinstance(macros_raw, dict) or not all(
        isinstance(v, str) for v in macros_raw.values()
    ):
        raise LensError(_where("[macros] must map names to pattern text"))
    macros: dict[str, str] = dict(macros_raw)

    kinds_raw = data.get("kinds")
    if not isinstance(kinds_raw, dict):
        raise LensError(_where("missing [kinds.*] tables"))
    missing = [k for k in KINDS if k not in kinds_raw]
    extra = [k for k in kinds_raw if k not in KINDS]
    if missing or extra:
        raise LensError(
            _where(f"kinds must be exactly {', '.join(KINDS)}; missing {missing}, unknown {extra}")
        )

    infos: list[KindInfo] = []
    phrases: dict[str, str] = {}
    patterns: list[_Pattern] = []
    for kind in KINDS:
        table = kinds_raw[kind]
        where = _where(f"[kinds.{kind}]")
        if not isinstance(table, dict):
            raise LensError(f"{where}: must be a table")
        unknown = set(table) - set(_KIND_KEYS)
        if unknown:
            raise LensError(f"{where}: unknown keys {sorted(unknown)}")
        infos.append(KindInfo(kind, _text(table, "name", where), _text(table, "about", where)))
        phrase = _text(table, "reflect", where)
        if "{words}" not in phrase:
            raise LensError(f"{where}: 'reflect' must contain {{words}}")
        phrases[kind] = phrase
        for key, guarded in (("patterns", False), ("unless_negated", True)):
            for source in _strings(table.get(key, []), f"{where} {key}"):
                regex = _compile(source, macros, where)
                patterns.append(_Pattern(kind, regex, guarded, "w" in regex.groupindex))
        if not any(p.kind == kind for p in patterns):
            raise LensError(f"{where}: has no patterns")

    neg = data.get("negation", {})
    if not isinstance(neg, dict):
        raise LensError(_where("[negation] must be a table"))
    window = neg.get("window", 3)
    if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 10:
        raise LensError(_where("[negation] window must be a whole number from 1 to 10"))
    negators = frozenset(
        w.lower().translate(APOS_TABLE) for w in _strings(neg.get("words", []), "[negation] words")
    )
    ending = neg.get("ending", "n't")
    if not isinstance(ending, str):
        raise LensError(_where("[negation] ending must be text"))
    phrases_not = _strings(neg.get("not_negation", []), _where("[negation] not_negation"))
    not_negation = None
    if phrases_not:
        alts = "|".join(
            _translate(re.escape(p).replace("\\ ", " ")) for p in sorted(phrases_not, key=len, reverse=True)
        )
        not_negation = re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)

    ref = data.get("reflect", {})
    if not isinstance(ref, dict):
        raise LensError(_where("[reflect] must be a table"))
    reflect = {
        "first": ref.get("first", "The critic {phrase}."),
        "then": ref.get("then", "It also {phrase}."),
        "open_quote": ref.get("open_quote", '"'),
        "close_quote": ref.get("close_quote", '"'),
        "max_words": ref.get("max_words", 3),
        "list_comma": ref.get("list_comma", ", "),
        "list_and": ref.get("list_and", " and "),
    }
    for key in ("first", "then"):
        if not isinstance(reflect[key], str) or "{phrase}" not in reflect[key]:
            raise LensError(_where(f"[reflect] {key} must be text containing {{phrase}}"))
    for key in ("open_quote", "close_quote", "list_comma", "list_and"):
        if not isinstance(reflect[key], str):
            raise LensError(_where(f"[reflect] {key} must be text"))
    mw = reflect["max_words"]
    if not isinstance(mw, int) or isinstance(mw, bool) or mw < 1:
        raise LensError(_where("[reflect] max_words must be a whole number, 1 or more"))

    return Lens(
        kinds=tuple(infos),
        phrases=phrases,
        patterns=tuple(patterns),
        window=window,
        negators=negators,
        ending=ending.lower().translate(APOS_TABLE),
        not_negation=not_negation,
        reflect=reflect,
    )


@lru_cache(maxsize=1)
def the_lens() -> Lens:
    from innercritic.resources import data_path

    path = data_path(_FILE)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise LensError(f"{_FILE}: {exc}") from None
    return _build(data)


def kinds() -> tuple[KindInfo, ...]:
    """Every kind, in display order, with its human name and a short note."""
    return the_lens().kinds


def kind_name(kind: str) -> str:
    """The human name of a kind ("mind_reading" -> "Mind reading")."""
    for info in the_lens().kinds:
        if info.id == kind:
            return info.name
    raise KeyError(kind)

