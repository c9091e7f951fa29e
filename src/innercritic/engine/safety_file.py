"""Checking a safety file's contents and building its rules (used by safety.load_safety).

Every mistake raises SafetyFileError naming the file and, where there is one, the
block and pattern: a broken safety file must never fail quietly.
"""

from __future__ import annotations

import re

from innercritic.engine.safety_rules import (
    _BLOCK_KINDS, _TOP_KEYS, FORMAT_VERSION, SafetyFileError, SafetyRules, _Block, clean_text,
)


def build(path: str, data: dict) -> SafetyRules:
    def fail(problem: str) -> SafetyFileError:
        return SafetyFileError(path, problem)

    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise fail(f"unknown top-level key {unknown[0]!r}")
    if data.get("version") != FORMAT_VERSION:
        raise fail(f"needs `version = {FORMAT_VERSION}` at the top")

    replace, leet = _normalise_section(data.get("normalise", {}), fail)
    shared = _table_of_strings(data.get("shared", {}), "[shared]", fail)
    blocks = {
        kind: _blocks(data.get(kind), kind, name_key, shared, fail, required=kind == "clear")
        for kind, name_key in _BLOCK_KINDS.items()
    }
    from innercritic.engine.safety_signs import read_signs

    signs = read_signs(data.get("signs"), fail, clean_text)
    return SafetyRules(path, blocks, replace, leet, signs)


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
        cleaned_key, cleaned_item = clean_text(key), clean_text(item)
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
