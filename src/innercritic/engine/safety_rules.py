"""The safety rules and the text mechanics they match with (normalising, readings,
sentences). Built from the data file by safety_file.py; loaded and used through safety.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from innercritic.errors import InnerCriticError

FILE_NAME = "safety.toml"
FORMAT_VERSION = 2
CLEAR = "clear"
MAYBE = "maybe"


class SafetyFileError(InnerCriticError, ValueError):
    """The safety file is missing or malformed. The message starts with its path."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


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


def clean_text(text: str) -> str:
    """Casefold, unify quotes, drop apostrophes and invisible characters, one space."""
    spaces = _helpers()[0]
    # Casefold first: full-width capitals become full-width small letters,
    # which the table then maps to plain ones.
    text = text.casefold().translate(_table())
    return spaces.sub(" ", text).strip()


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

# block kind -> the key that names each block in the file
_BLOCK_KINDS = {"clear": "theme", "maybe": "family", "exclude": "about", "ordinary": "about"}
_TOP_KEYS = {"version", "normalise", "shared", "signs", *_BLOCK_KINDS}


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

    def search(self, path: str, reading: str) -> bool:
        return any(pattern.search(reading) for pattern in self.compiled(path))


class SafetyRules:
    """A loaded safety file: :meth:`check` gives the tier, :meth:`needs_care` the clear one."""

    def __init__(
        self,
        path: str,
        blocks: dict[str, tuple[_Block, ...]],
        replace: dict[str, str],
        leet: dict[str, str],
        signs=None,
    ) -> None:
        self.path = path
        self._signs = signs  # engine.safety_signs.Signs, or None
        self._clear = blocks.get("clear", ())
        self._maybe = blocks.get("maybe", ())
        self._exclude = blocks.get("exclude", ())
        self._ordinary = blocks.get("ordinary", ())
        self._replace_map = replace
        self._leet_map = leet
        self._replace_re: re.Pattern[str] | None = None
        self._leet_re: re.Pattern[str] | None = None

    @property
    def themes(self) -> tuple[str, ...]:
        """The theme names of the clear blocks, in file order, without repeats."""
        return tuple(dict.fromkeys(block.name for block in self._clear))

    @property
    def families(self) -> tuple[str, ...]:
        """The family names of the maybe blocks, in file order, without repeats."""
        return tuple(dict.fromkeys(block.name for block in self._maybe))

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
        cleaned = clean_text(text)
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

    def check(self, text: str) -> str | None:
        """"clear", "maybe" or None for ``text``."""
        found = self.explain(text)
        return None if found is None else found[0]

    def needs_care(self, text: str) -> bool:
        """True when ``text`` says outright that the writer may be in danger (the clear tier)."""
        return self.check(text) == CLEAR

    def explain(self, text: str) -> tuple[str, str] | None:
        """(tier, the matching block's theme or family), or None. For tests and the bench only."""
        if not isinstance(text, str):
            raise TypeError(f"the safety check takes a string, not {type(text).__name__}")
        readings = self._readings(text)
        for reading in readings:
            name = self._first_match(self._clear, reading, self._exclude)
            if name is not None:
                return CLEAR, name
        for reading in readings:
            name = self._gentle_match(reading)
            if name is not None:
                return MAYBE, name
        if self._signs is not None:
            for reading in readings:
                for sentence in _sentences(reading):
                    name = self._signs.family(sentence, _helpers()[2])
                    if name is not None and not self._ordinary_context(sentence):
                        return MAYBE, name
        return None

    def _first_match(self, blocks: tuple[_Block, ...], reading: str, idioms: tuple[_Block, ...]) -> str | None:
        if not reading:
            return None
        gate_text = _gate_text(reading)
        opened = [block for block in blocks if block.opens_on(gate_text)]
        # Idioms are only blanked out once something matched: blanking only
        # removes words, so without a match first there is nothing to undo,
        # and the idiom patterns need not even be compiled.
        matched = [block for block in opened if block.search(self.path, reading)]
        if not matched:
            return None
        blanked = reading
        for block in idioms:
            if block.opens_on(gate_text):
                for pattern in block.compiled(self.path):
                    blanked = pattern.sub(" ~ ", blanked)
        if blanked == reading:
            return matched[0].name
        return next((block.name for block in matched if block.search(self.path, blanked)), None)

    def _gentle_match(self, reading: str) -> str | None:
        """The first maybe block with a match whose sentences give no ordinary reason."""
        gate_text = _gate_text(reading)
        for block in self._maybe:
            if not block.opens_on(gate_text):
                continue
            for pattern in block.compiled(self.path):
                for match in pattern.finditer(reading):
                    if not self._ordinary_context(_sentences_around(reading, match.start(), match.end())):
                        return block.name
        return None

    def _ordinary_context(self, sentence: str) -> bool:
        gate_text = _gate_text(sentence)
        return any(block.opens_on(gate_text) and block.search(self.path, sentence) for block in self._ordinary)

    def compile_all(self) -> None:
        """Compile every pattern now (each also on its own), so any mistake shows."""
        for block in self._all_blocks():
            block.compiled(self.path, strict=True)

    def _all_blocks(self) -> tuple[_Block, ...]:
        return self._clear + self._maybe + self._exclude + self._ordinary


def _sentences(text: str) -> list[str]:
    for stop in "!?;\n":
        text = text.replace(stop, ".")
    return [part for part in text.split(".") if part.strip()]


def _sentences_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` that hold text[start:end]."""
    stops = ".!?;\n"
    begin = max(text.rfind(stop, 0, start) for stop in stops) + 1
    ends = [found for found in (text.find(stop, end) for stop in stops) if found != -1]
    return text[begin:min(ends) if ends else len(text)]


def _gate_text(reading: str) -> str:
    return " " + _helpers()[2].sub(" ", reading) + " "
