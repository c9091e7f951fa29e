"""The words of the crisis path, from data/care.toml, checked once on first use.

Pure Python (tomllib). ``words().get("gentle.ask")`` gives one text;
``fill(text, number=..., name=...)`` puts the emergency number or the
country's name into it. Every key the faces use is listed in REQUIRED, so a
missing one stops with a line naming the file and the key, not later on screen.
"""

from __future__ import annotations

import os
from functools import lru_cache

from innercritic.errors import InnerCriticError

FILE_NAME = "care.toml"
FORMAT_VERSION = 1
PLAN_SECTIONS = ("warning_signs", "on_my_own", "distractions", "people", "professionals", "safer")
CONTEXTS = ("dialogue", "checkin", "request")

REQUIRED = (
    "first_talk.note", "panel.choose_country",
    "panel.title", "panel.title_request", "panel.not_therapy", "panel.emergency", "panel.emergency_general",
    "panel.your_people", "panel.your_steps", "panel.country_set", "panel.country_guessed", "panel.country_none",
    "panel.country_unknown", "panel.change_country",
    "panel.intro.dialogue", "panel.intro.checkin", "panel.intro.request",
    "question.ask", "question.yes", "question.no", "question.not_sure", "question.keys", "question.plain",
    "safe.text", "safe.breathe", "safe.stop", "safe.carry_on.dialogue", "safe.carry_on.checkin",
    "unsafe.title", "unsafe.reach", "unsafe.hope", "unsafe.breathe", "unsafe.plan", "unsafe.plan_make",
    "unsafe.stop", "unsafe.keys",
    "request.breathe", "request.plan", "request.plan_make", "request.back", "request.keys",
    "gentle.ask", "gentle.yes", "gentle.not_sure", "gentle.no", "gentle.keys", "gentle.plain", "gentle.no_reply",
    "gentle.shell_line", "gentle.shell_offer",
    "safety_first.prompt", "safety_first.again", "safety_first.hint", "safety_first.ground",
    "safety_first.someone", "safety_first.carry_on", "safety_first.stop", "safety_first.stopped",
    "safety_first.breathe_plain",
    "someone.title", "someone.intro", "someone.none", "someone.add", "someone.back", "someone.keys",
    "summary.resources",
    "plan.title", "plan.intro", "plan.empty", "plan.saved", "plan.name", "plan.reach", "plan.edit", "plan.save",
    "plan.back", "plan.keys", "plan.read_keys",
    *(f"plan.{section}.{part}" for section in PLAN_SECTIONS for part in ("title", "hint")),
)


class CareWordsError(InnerCriticError, ValueError):
    """data/care.toml is missing or lacks a key; the message names the file and key."""


class CareWords:
    def __init__(self, path: str, texts: dict[str, str]) -> None:
        self.path = path
        self._texts = texts

    def get(self, key: str) -> str:
        return self._texts[key]

    def for_context(self, key: str, context: str) -> str:
        """`key.context` when the file words it per context ("panel.intro.checkin"), else `key`."""
        return self._texts.get(f"{key}.{context}", self._texts.get(key, ""))


def fill(text: str, **values: str) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _flatten(table: dict, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def load_care_words(path: str | os.PathLike[str] | None = None) -> CareWords:
    import tomllib

    if path is None:
        from innercritic.resources import data_path

        path = data_path(FILE_NAME)
    path = str(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise CareWordsError(f"{path}: cannot be read ({error.strerror or error})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CareWordsError(f"{path}: is not valid TOML ({error})") from None
    if data.get("version") != FORMAT_VERSION:
        raise CareWordsError(f"{path}: needs `version = {FORMAT_VERSION}` at the top")
    flat = _flatten({key: value for key, value in data.items() if key != "version"})
    for key in REQUIRED:
        value = flat.get(key)
        if not isinstance(value, str) or not value.strip():
            raise CareWordsError(f"{path}: key '{key}' is missing or empty")
    return CareWords(path, {key: value.strip() for key, value in flat.items() if isinstance(value, str)})


@lru_cache(maxsize=1)
def words() -> CareWords:
    """The shipped words, read once per process."""
    return load_care_words()
