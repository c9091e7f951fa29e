"""The rules for what a person's text may be, in one place for every way in.

`parts add`, `checkin --part`, `talk --part`, the dialogue's "give this part a
name" answer and `import` all name parts through clean_name (or, for a free
answer, name_from_answer); every note, answer and draft, typed, piped or
imported, is held to MAX_TEXT_CHARS. Stdlib only and no regular expressions:
the quick check-in path loads this.
"""

from __future__ import annotations

from .errors import UsageProblem

# One note or answer: about 20,000 words. Far longer text (a 5 MB paste) would take the
# full-screen editor many seconds per key press, so every face refuses it, with these words.
MAX_TEXT_CHARS = 100_000
MAX_NAME = 60
MAX_DESCRIPTION = 500

# C0 and C1 controls, DEL and the two Unicode line separators: a name is one line of plain text.
_NAME_CONTROLS = frozenset((*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029))


def too_long(text: str | None) -> str | None:
    """The refusal for a note or answer over MAX_TEXT_CHARS, else None."""
    if text is None or len(text) <= MAX_TEXT_CHARS:
        return None
    return (
        f"{len(text):,} characters is more than innercritic keeps in one note or answer "
        f"(up to {MAX_TEXT_CHARS:,}); nothing was saved — please split it up"
    )


def _has_control(text: str) -> bool:
    return any(ord(ch) in _NAME_CONTROLS for ch in text)


def clean_name(name: str) -> str:
    """A part name: one line of text, spaces collapsed, 1..MAX_NAME characters (else UsageProblem)."""
    if _has_control(name.strip()):
        raise UsageProblem(
            f"a part name must be one line of plain text, without control characters (got '{_echo(name)}')"
        )
    clean = " ".join(name.split())
    if not clean:
        raise UsageProblem("a part name cannot be empty")
    if len(clean) > MAX_NAME:
        raise UsageProblem(f"a part name can be at most {MAX_NAME} characters (got {len(clean):,})")
    return clean


def _echo(text: str, width: int = 80) -> str:
    """A refused name, said back harmlessly: control characters as \x1b-style codes, cut short."""
    from .textsafe import visible

    shown = visible(text)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def name_from_answer(text: str | None) -> str | None:
    """The part name an answer to "give this part a name" gives, or None for no name.

    The answer itself is saved whole, as typed; only the name drawn from it is
    made to fit: control characters and line breaks become spaces, spaces are
    collapsed, and a name longer than MAX_NAME is cut at the last word that fits."""
    if text is None:
        return None
    flat = " ".join("".join(" " if ord(ch) in _NAME_CONTROLS else ch for ch in text).split())
    if len(flat) > MAX_NAME:
        cut = flat[: MAX_NAME + 1].rsplit(" ", 1)[0] if " " in flat[: MAX_NAME + 1] else ""
        flat = (cut or flat[:MAX_NAME]).rstrip()
    return flat or None


def clean_description(text: str | None) -> str | None:
    if text is None:
        return None
    clean = text.strip()
    if len(clean) > MAX_DESCRIPTION:
        raise UsageProblem(f"a description can be at most {MAX_DESCRIPTION} characters (got {len(clean)})")
    return clean or None


# A new part name this close to an existing one is probably that part, mistyped:
# names of CLOSE_FROM letters or more, up to CLOSE_EDITS letters apart.
CLOSE_FROM = 5
CLOSE_EDITS = 2


def likely_same_part(name: str, known: list[str]) -> str | None:
    """The known part name a new `name` most likely meant (a letter or two different), else None.
    A difference of case or spacing alone is not a new name at all (see queries.name_key)."""
    key = " ".join(name.split()).casefold()
    if len(key) < CLOSE_FROM:
        return None
    best: tuple[int, str] | None = None
    for other in known:
        other_key = " ".join(other.split()).casefold()
        if other_key == key or abs(len(other_key) - len(key)) > CLOSE_EDITS:
            continue
        distance = _edits(key, other_key, CLOSE_EDITS)
        if distance <= CLOSE_EDITS and (best is None or (distance, other) < best):
            best = (distance, other)
    return None if best is None else best[1]


def _edits(a: str, b: str, most: int) -> int:
    """Insertions, deletions, substitutions and swaps of neighbours turning a into b (most + 1 once past most)."""
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > most:
            return most + 1
        before, previous = previous, current
    return previous[-1]


def shell_word(text: str) -> str:
    """`text` as one word for a POSIX shell (for a command line shown to copy)."""
    if text and all(ch.isalnum() or ch in "-_.,@%+=:/" for ch in text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"
