"""The widest net of the gentle question: signs counted in one sentence.

The ``[[maybe]]`` patterns catch what they were written for and little else;
people say these things in endless ways. So, after them, each sentence is
also scored: every ``[[signs.group]]`` (a family of words: places up high,
means, farewells, finality, relief, ...) whose words appear adds its weight
once, every ``[[signs.against]]`` group (everyday contexts: work, holidays,
cooking, sport) takes its weight away, and a sentence with enough weight from
enough different groups (or one sign that weighs enough alone), written about oneself (or to oneself, as the critic
does), brings the gentle question. Never the panel: that stays with the clear
patterns.

Words are matched whole, on the normalised text; a word ending in ``*``
matches any word it starts ("relaps*": relapse, relapsed). Plain string work,
no regular expressions, so it costs a shell check-in almost nothing.
"""

from __future__ import annotations

_PERSONAL = frozenset(
    "i im ive id ill me my myself mine you youre your yours yourself youd youll youve".split()
)


class SignGroup:
    __slots__ = ("name", "weight", "words", "prefixes", "phrases")

    def __init__(self, name: str, weight: int, words: tuple[str, ...]) -> None:
        self.name = name
        self.weight = weight
        self.words = frozenset(w for w in words if " " not in w and not w.endswith("*"))
        self.prefixes = tuple(w[:-1] for w in words if w.endswith("*"))
        self.phrases = tuple(f" {w} " for w in words if " " in w and not w.endswith("*"))

    def found_in(self, tokens: frozenset[str], padded: str) -> bool:
        if self.words & tokens:
            return True
        if self.prefixes and any(token.startswith(self.prefixes) for token in tokens):
            return True
        return any(phrase in padded for phrase in self.phrases)


class Signs:
    """Loaded from the ``[signs]`` table of the safety file."""

    def __init__(self, threshold: int, min_groups: int, groups: tuple[SignGroup, ...],
                 against: tuple[SignGroup, ...]) -> None:
        self.threshold = threshold
        self.min_groups = min_groups
        self.groups = groups
        self.against = against

    def family(self, sentence: str, splitter) -> str | None:
        """The family with the most weight when the sentence reaches the threshold, else None."""
        words = splitter.sub(" ", sentence).split()
        if not words:
            return None
        tokens = frozenset(words)
        if not tokens & _PERSONAL:
            return None
        padded = " " + " ".join(words) + " "
        found = [group for group in self.groups if group.found_in(tokens, padded)]
        if not found:
            return None
        # A sign strong enough on its own (its weight reaches the threshold) needs no second group.
        if len({group.name for group in found}) < self.min_groups and max(g.weight for g in found) < self.threshold:
            return None
        score = sum(group.weight for group in found)
        score -= sum(group.weight for group in self.against if group.found_in(tokens, padded))
        if score < self.threshold:
            return None
        return max(found, key=lambda group: group.weight).name


def read_signs(value: object, fail, clean) -> Signs | None:
    """The ``[signs]`` table checked, or None when the file has none."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise fail("[signs] must be a table")
    unknown = sorted(set(value) - {"threshold", "min_groups", "group", "against"})
    if unknown:
        raise fail(f"[signs] has an unknown key {unknown[0]!r}")
    threshold = _whole(value.get("threshold"), "[signs] threshold", fail)
    min_groups = _whole(value.get("min_groups", 2), "[signs] min_groups", fail)
    groups = _groups(value.get("group"), "[[signs.group]]", "family", fail, clean)
    against = _groups(value.get("against", []), "[[signs.against]]", "about", fail, clean, required=False)
    return Signs(threshold, min_groups, groups, against)


def _whole(value: object, where: str, fail) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise fail(f"{where} must be a whole number from 1")
    return value


def _groups(value, where, name_key, fail, clean, *, required=True) -> tuple[SignGroup, ...]:
    if not value:
        if required:
            raise fail(f"needs at least one {where} entry")
        return ()
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise fail(f"{where} must be an array of tables")
    groups = []
    for index, raw in enumerate(value, 1):
        place = f"{where} entry {index}"
        unknown = sorted(set(raw) - {name_key, "weight", "words"})
        if unknown:
            raise fail(f"{place} has an unknown key {unknown[0]!r}")
        name = raw.get(name_key)
        if not isinstance(name, str) or not name.strip():
            raise fail(f"{place} needs a {name_key}")
        weight = _whole(raw.get("weight"), f"{place} weight", fail)
        words = raw.get("words")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and clean(w) for w in words):
            raise fail(f"{place} needs `words`: a non-empty list of strings")
        groups.append(SignGroup(name.strip(), weight, tuple(clean(w) for w in words)))
    return tuple(groups)
