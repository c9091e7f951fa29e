"""Notice words suggesting someone may be in danger, and say where help is.

Every free-text answer and check-in note goes through :func:`needs_care`. It
answers only yes or no: the matched words are never handed back, so nothing
the person wrote about methods is ever repeated to them. On a yes, the caller
pauses and shows :func:`crisis_info` first.

The phrases, the idioms that must not count, and the help lines all live in
``data/safety.toml``; its header explains the matching and the decisions made
about ambiguous phrasings.

This runs in a shell check-in's short process, so it stays lean: ``re`` and
``tomllib`` only, nothing read or compiled at import. Patterns come in blocks,
each with a few cheap gate words, and a block is compiled only the first time a
text contains one of its words. An ordinary note compiles nothing at all.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from innercritic.errors import InnerCriticError

__all__ = [
    "CrisisInfo",
    "HelpResource",
    "SafetyFileError",
    "SafetyRules",
    "crisis_info",
    "default_path",
    "load_safety",
    "needs_care",
]

FILE_NAME = "safety.toml"
FORMAT_VERSION = 1


class SafetyFileError(InnerCriticError, ValueError):
    """The safety file is missing or malformed. The message starts with its path."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class HelpResource:
    label: str  # e.g. "In the US"
    detail: str  # e.g. "Call or text 988 ..."


@dataclass(frozen=True)
class CrisisInfo:
    title: str
    intro: str
    resources: tuple[HelpResource, ...]
    safe_question: str
    closing: str
    not_therapy: str
    # Wording for when someone asks for help themselves (a key, `help-now`),
    # rather than after something they wrote.
    intro_on_request: str = ""
    question_on_request: str = ""


# ---------------------------------------------------------------------------
# Text normalisation (mechanics only; the word lists are in the data file)
# ---------------------------------------------------------------------------

_ZERO_WIDTH = "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_APOSTROPHES = "'`\u00b4\u02b9\u02bb\u02bc\u02bd\u2018\u2019\u201a\u201b\u2032\u2035\uff07"
_DOUBLE_QUOTES = "\u00ab\u00bb\u201c\u201d\u201e\u201f\u2033\u2036\uff02"
_SEPARATORS = (
    "-_/\\|~\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


@lru_cache(maxsize=1)
def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Full-width ASCII (as typed by some phone keyboards) to plain ASCII.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table.update(dict.fromkeys(map(ord, _ZERO_WIDTH + _APOSTROPHES), None))
    table.update(dict.fromkeys(map(ord, _DOUBLE_QUOTES), '"'))
    table.update(dict.fromkeys(map(ord, _SEPARATORS), " "))
    return table


@lru_cache(maxsize=1)
def _helpers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(r"\s+"),
        re.compile(r"(.)\1{2,}", re.DOTALL),  # three or more of the same character
        re.compile(r"[^\w*]+"),  # what separates words for the gate
        re.compile(r"(?<!\w)[a-z](?:[ .][a-z](?!\w)){3,}"),  # s u i c i d e
    )


def _clean(text: str) -> str:
    """Casefold, unify quotes, drop apostrophes and invisible characters, one space."""
    spaces = _helpers()[0]
    # Casefold first: full-width capitals become full-width small letters,
    # which the table then maps to plain ones.
    text = text.casefold().translate(_table())
    return spaces.sub(" ", text).strip()


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

_TOP_KEYS = {"version", "normalise", "shared", "risk", "exclude", "crisis"}
_CRISIS_TEXT_KEYS = (
    "title", "intro", "safe_question", "closing", "not_therapy", "intro_on_request", "question_on_request",
)


class _Block:
    """Patterns that are only compiled and tried when one of their words shows up."""

    __slots__ = ("kind", "index", "name", "gate", "sources", "_compiled")

    def __init__(self, kind: str, index: int, name: str, words: tuple[str, ...], sources: tuple[str, ...]):
        self.kind = kind
        self.index = index
        self.name = name
        self.gate = tuple(" " + word for word in words)
        self.sources = sources
        self._compiled: tuple[re.Pattern[str], ...] | None = None

    def where(self, number: int | None = None) -> str:
        place = f"[[{self.kind}]] block {self.index} ({self.name!r})"
        return place if number is None else f"{place}, pattern {number}"

    def opens_on(self, gate_text: str) -> bool:
        return any(word in gate_text for word in self.gate)

    def compiled(self, path: str, *, strict: bool = False) -> tuple[re.Pattern[str], ...]:
        if self._compiled is None:
            patterns = []
            for number, source in enumerate(self.sources, 1):
                try:
                    if strict:
                        # On its own too, so an unbalanced bracket cannot hide
                        # behind the wrapper below.
                        re.compile(source)
                    patterns.append(re.compile(rf"(?<!\w)(?:{source})(?!\w)"))
                except re.error as error:
                    raise SafetyFileError(path, f"{self.where(number)} is not a valid pattern: {error}") from None
            self._compiled = tuple(patterns)
        return self._compiled


class SafetyRules:
    """A loaded safety file: the check (:meth:`needs_care`) and the panel (:attr:`crisis`)."""

    def __init__(
        self,
        path: str,
        crisis: CrisisInfo,
        risk: tuple[_Block, ...],
        exclude: tuple[_Block, ...],
        replace: dict[str, str],
        leet: dict[str, str],
    ) -> None:
        self.path = path
        self.crisis = crisis
        self._risk = risk
        self._exclude = exclude
        self._replace_map = replace
        self._leet_map = leet
        self._replace_re: re.Pattern[str] | None = None
        self._leet_re: re.Pattern[str] | None = None

    @property
    def themes(self) -> tuple[str, ...]:
        """The theme names of the risk blocks, in file order, without repeats."""
        return tuple(dict.fromkeys(block.name for block in self._risk))

    # -- normalising ------------------------------------------------------

    def _replace(self, text: str) -> str:
        if not self._replace_map:
            return text
        if self._replace_re is None:
            keys = sorted(self._replace_map, key=len, reverse=True)
            self._replace_re = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(map(re.escape, keys)))
        return self._replace_re.sub(lambda m: self._replace_map[m.group()], text)

    def _unleet(self, text: str) -> str:
        if not self._leet_map:
            return text
        if self._leet_re is None:
            chars = re.escape("".join(self._leet_map))
            # A stand-in character inside a word, or starting one, before a letter.
            self._leet_re = re.compile(rf"(?:(?<=[a-z])|(?<![\w{chars}]))[{chars}](?=[a-z])")
        return self._leet_re.sub(lambda m: self._leet_map[m.group()], text)

    def _readings(self, text: str) -> tuple[str, ...]:
        """The normalised forms of ``text`` that the patterns are tried on."""
        _, repeats, _, spaced = _helpers()
        cleaned = _clean(text)
        if not cleaned:
            return ()
        plain = self._replace(repeats.sub(r"\1\1", cleaned))
        # The second reading, for disguised words: only when something looks disguised.
        disguised = repeats.sub(r"\1", cleaned)
        disguised = spaced.sub(lambda m: m.group().replace(" ", "").replace(".", ""), disguised)
        if any(char in disguised for char in self._leet_map):
            disguised = self._unleet(disguised)
        if disguised == cleaned:
            return (plain,)
        disguised = self._replace(disguised)
        return (plain,) if disguised == plain else (plain, disguised)

    # -- checking ----------------------------------------------------------

    def needs_care(self, text: str) -> bool:
        """True when ``text`` suggests the writer may be in danger."""
        if not isinstance(text, str):
            raise TypeError(f"needs_care() takes a string, not {type(text).__name__}")
        splitter = _helpers()[2]
        for reading in self._readings(text):
            gate_text = " " + splitter.sub(" ", reading) + " "
            risky = [block for block in self._risk if block.opens_on(gate_text)]
            # Idioms are only blanked out once something matched: blanking only
            # removes words, so without a match first there is nothing to undo,
            # and the idiom patterns need not even be compiled.
            if not risky or not self._matches(risky, reading):
                continue
            blanked = reading
            for block in self._exclude:
                if block.opens_on(gate_text):
                    for pattern in block.compiled(self.path):
                        blanked = pattern.sub(" ~ ", blanked)
            if blanked == reading or self._matches(risky, blanked):
                return True
        return False

    def _matches(self, blocks: list[_Block], reading: str) -> bool:
        return any(pattern.search(reading) for block in blocks for pattern in block.compiled(self.path))

    def compile_all(self) -> None:
        """Compile every pattern now (each also on its own), so any mistake shows."""
        for block in self._risk + self._exclude:
            block.compiled(self.path, strict=True)


# ---------------------------------------------------------------------------
# Loading and validating the file
# ---------------------------------------------------------------------------


def default_path() -> str:
    from innercritic.resources import data_path

    return data_path(FILE_NAME)


def load_safety(path: str | os.PathLike[str] | None = None, *, lazy: bool = False) -> SafetyRules:
    """Read and check a safety file (the shipped one by default).

    Every problem raises :class:`SafetyFileError` naming the file. With
    ``lazy=True`` the patterns are compiled only when first needed (the quick
    path :func:`needs_care` uses); a broken pattern then surfaces on first use.
    """
    import tomllib

    path = str(path) if path is not None else default_path()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise SafetyFileError(path, f"cannot be read ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise SafetyFileError(path, f"is not valid TOML: {error}") from None
    except UnicodeDecodeError:
        raise SafetyFileError(path, "is not valid UTF-8") from None

    rules = _build(path, data)
    if not lazy:
        rules.compile_all()
    return rules


def _build(path: str, data: dict) -> SafetyRules:
    def fail(problem: str) -> SafetyFileError:
        return SafetyFileError(path, problem)

    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise fail(f"unknown top-level key {unknown[0]!r}")
    if data.get("version") != FORMAT_VERSION:
        raise fail(f"needs `version = {FORMAT_VERSION}` at the top")

    replace, leet = _normalise_section(data.get("normalise", {}), fail)
    shared = _table_of_strings(data.get("shared", {}), "[shared]", fail)
    risk = _blocks(data.get("risk"), "risk", "theme", shared, fail)
    exclude = _blocks(data.get("exclude", []), "exclude", "about", shared, fail, required=False)
    crisis = _crisis_section(data.get("crisis"), fail)
    return SafetyRules(path, crisis, risk, exclude, replace, leet)


def _text(value: object, where: str, fail) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{where} must be a non-empty string")
    return value.strip()


def _table_of_strings(value: object, where: str, fail) -> dict[str, str]:
    if not isinstance(value, dict):
        raise fail(f"{where} must be a table")
    return {key: _text(item, f"{where} {key!r}", fail) for key, item in value.items()}


def _normalise_section(value: object, fail) -> tuple[dict[str, str], dict[str, str]]:
    if not isinstance(value, dict):
        raise fail("[normalise] must be a table")
    unknown = sorted(set(value) - {"replace", "leet"})
    if unknown:
        raise fail(f"[normalise] has an unknown key {unknown[0]!r}")
    replace = {}
    for key, item in _table_of_strings(value.get("replace", {}), "[normalise.replace]", fail).items():
        # Keys and values are read the way the text will be: "can't" means "cant".
        cleaned_key, cleaned_item = _clean(key), _clean(item)
        if not cleaned_key:
            raise fail(f"[normalise.replace] has an empty key {key!r}")
        replace[cleaned_key] = cleaned_item
    leet = {}
    for key, item in _table_of_strings(value.get("leet", {}), "[normalise.leet]", fail).items():
        if len(key) != 1 or key.isalpha() or key.isspace():
            raise fail(f"[normalise.leet] key {key!r} must be one character that is not a letter")
        if len(item) != 1 or not ("a" <= item <= "z"):
            raise fail(f"[normalise.leet] {key!r} must map to one letter a-z")
        leet[key] = item
    return replace, leet


def _blocks(value, kind, name_key, shared, fail, *, required=True) -> tuple[_Block, ...]:
    if value is None or (isinstance(value, list) and not value):
        if required:
            raise fail(f"needs at least one [[{kind}]] block")
        return ()
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise fail(f"[[{kind}]] must be an array of tables")
    macro = re.compile(r"\{([a-z_]+)\}")
    word_ok = re.compile(r"[\w*]+(?: [\w*]+)*")
    blocks = []
    for index, raw in enumerate(value, 1):
        place = f"[[{kind}]] block {index}"
        unknown = sorted(set(raw) - {name_key, "words", "patterns"})
        if unknown:
            raise fail(f"{place} has an unknown key {unknown[0]!r}")
        name = _text(raw.get(name_key), f"{place} {name_key}", fail)
        place = f"{place} ({name!r})"

        words = raw.get("words")
        if not isinstance(words, list) or not words:
            raise fail(f"{place} needs `words`: a non-empty list of strings")
        gate = []
        for word in words:
            if not isinstance(word, str) or not word_ok.fullmatch(word.casefold()):
                raise fail(f"{place} word {word!r} must be letters, digits or '*', single-spaced")
            gate.append(word.casefold())

        patterns = raw.get("patterns")
        if not isinstance(patterns, list) or not patterns:
            raise fail(f"{place} needs `patterns`: a non-empty list of strings")
        sources = []
        for number, pattern in enumerate(patterns, 1):
            if not isinstance(pattern, str) or not pattern.strip():
                raise fail(f"{place}, pattern {number} must be a non-empty string")

            def expand(match: re.Match[str], number: int = number) -> str:
                name = match.group(1)
                if name not in shared:
                    raise fail(f"{place}, pattern {number} uses {{{name}}}, which [shared] does not define")
                return shared[name]

            sources.append(macro.sub(expand, pattern.strip()))
        blocks.append(_Block(kind, index, name, tuple(gate), tuple(sources)))
    return tuple(blocks)


def _crisis_section(value: object, fail) -> CrisisInfo:
    if not isinstance(value, dict):
        raise fail("needs a [crisis] table")
    unknown = sorted(set(value) - set(_CRISIS_TEXT_KEYS) - {"resources"})
    if unknown:
        raise fail(f"[crisis] has an unknown key {unknown[0]!r}")
    texts = {key: _text(value.get(key), f"[crisis] {key}", fail) for key in _CRISIS_TEXT_KEYS}
    raw_resources = value.get("resources")
    if not isinstance(raw_resources, list) or not raw_resources:
        raise fail("[crisis] needs at least one [[crisis.resources]] entry")
    resources = []
    for index, raw in enumerate(raw_resources, 1):
        place = f"[[crisis.resources]] entry {index}"
        if not isinstance(raw, dict):
            raise fail(f"{place} must be a table")
        unknown = sorted(set(raw) - {"label", "detail"})
        if unknown:
            raise fail(f"{place} has an unknown key {unknown[0]!r}")
        resources.append(
            HelpResource(_text(raw.get("label"), f"{place} label", fail), _text(raw.get("detail"), f"{place} detail", fail))
        )
    return CrisisInfo(resources=tuple(resources), **texts)


# ---------------------------------------------------------------------------
# The shipped file, loaded once per process on first use
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _shipped() -> SafetyRules:
    return load_safety(lazy=True)


def needs_care(text: str) -> bool:
    """True if ``text`` suggests the writer may be in danger (suicidal thoughts, self-harm).

    Only a yes or no comes back: never the words that matched.
    Raises :class:`SafetyFileError` if the shipped safety file is broken.
    """
    if not text:
        return False
    return _shipped().needs_care(text)


def crisis_info() -> CrisisInfo:
    """The calm panel's words and the help lines, from the shipped safety file."""
    return _shipped().crisis
