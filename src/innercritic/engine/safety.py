"""Notice words suggesting someone may be in danger, in two tiers.

Every free-text answer and check-in note goes through :func:`check`, which
answers ``"clear"`` (words said outright: the faces pause and open the crisis
path), ``"maybe"`` (words that only might mean danger: the faces ask one calm
question instead) or ``None``. The matched words are never handed back, so
nothing the person wrote is ever repeated to them. :func:`explain` also names
the block that matched (a theme or family such as "farewell"), for tests and
the benchmark only: it is never shown to anyone.

The word lists decide the clear tier. Below it, a small learned scorer
(engine/safety_scorer.py) decides the gentle question from the words of the
text and the family the lists found, if any; it never opens the panel.

The phrases, the idioms that must not count and the ordinary contexts that
keep the gentle question away all live in ``data/safety.toml``; its header
explains the matching and the decisions made about ambiguous phrasings. The
words of the crisis path and the help lines are elsewhere (engine/care_words.py,
engine/helplines.py).

This runs in a shell check-in's short process, so it stays lean: ``re``,
``tomllib``, ``zlib`` and ``array`` only, nothing read or compiled at import. Patterns come in blocks,
each with a few cheap gate words, and a block is compiled only the first time a
text contains one of its words. An ordinary note compiles nothing at all.
"""

from __future__ import annotations

import os
from functools import lru_cache

from innercritic.engine.safety_rules import CLEAR, FILE_NAME, MAYBE, SafetyFileError, SafetyRules, clean_text
from innercritic.engine.safety_scorer import hints_for, shipped_scorer

SCORER_FAMILY = "scorer"

__all__ = [
    "CLEAR",
    "MAYBE",
    "SafetyFileError",
    "SafetyRules",
    "check",
    "default_path",
    "explain",
    "load_safety",
    "needs_care",
]


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
    path :func:`check` uses); a broken pattern then surfaces on first use.
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

    from innercritic.engine.safety_file import build

    rules = build(path, data)
    if not lazy:
        rules.compile_all()
    return rules


# ---------------------------------------------------------------------------
# The shipped file, loaded once per process on first use
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _shipped() -> SafetyRules:
    return load_safety(lazy=True)


def check(text: str | None) -> str | None:
    """"clear", "maybe" or None: how much ``text`` suggests the writer may be in danger.

    Only the tier comes back: never the words that matched.
    Raises :class:`SafetyFileError` if the shipped safety file is broken.
    """
    found = explain(text)
    return None if found is None else found[0]


def needs_care(text: str | None) -> bool:
    """True if ``text`` says outright that the writer may be in danger (the clear tier)."""
    return check(text) == CLEAR


def explain(text: str) -> tuple[str, str] | None:
    """(tier, theme or family) for ``text``: for tests and the benchmark, never shown to anyone.

    The word lists' clear tier stands on its own. Below it the learned scorer
    decides the gentle question, weighing the text's words together with any
    maybe-family the lists found (that family names the reason; "scorer" when
    only the scorer saw it). The scorer never opens the panel.
    """
    if not text:
        return None
    found = _shipped().explain(text)
    if found is not None and found[0] == CLEAR:
        return found
    if not shipped_scorer().worried(clean_text(text), hints_for(found)):
        return None
    return found if found is not None else (MAYBE, SCORER_FAMILY)
