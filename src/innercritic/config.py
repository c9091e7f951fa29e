"""The settings file, config.toml (`innercritic where` prints where it is).

Base layer: no UI, no database, nothing read at import. Each setting is one
entry in KEYS, with a check for its value; adding a setting is adding a line
there. A bad file never stops anything: `read()` keeps the defaults for what
it cannot use and returns one line per problem, naming the file and the key.
Writing changes only the line of the key being set, so comments and other
settings in the file stay as they were; the file is private (0600).
"""

from __future__ import annotations

import os
from collections import namedtuple

from .errors import UsageProblem


class Key(namedtuple("Key", "name help check example")):
    """name: str; help: str (one line); check(text) -> the value to store, or raises
    ValueError with a short reason; example: str, shown in `config list`."""

    __slots__ = ()


def _country(text: str) -> str:
    value = text.strip()
    if value.lower() == "general":
        return "general"
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise ValueError("a country is a two-letter code such as GB, US or IE (or 'general')")
    return value.upper()


def _yes_no(text: str) -> str:
    value = text.strip().lower()
    if value in ("true", "yes", "on", "1"):
        return "true"
    if value in ("false", "no", "off", "0"):
        return "false"
    raise ValueError("it is true or false")


KEYS: dict[str, Key] = {
    "country": Key(
        "country",
        "where the help lines are for (a two-letter code; unset: guessed from your language settings)",
        _country,
        "GB",
    ),
    "reduced_motion": Key(
        "reduced_motion",
        "true: the breathing guide counts in words, without the moving bar (unset: false)",
        _yes_no,
        "true",
    ),
}


class Settings(namedtuple("Settings", "values problems")):
    """values: dict of key -> stored value (only the keys set, and valid, in the file);
    problems: list of one-line messages about what in the file could not be used."""

    __slots__ = ()

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def is_on(self, key: str) -> bool:
        """For a true/false setting: whether it is set to true."""
        return self.values.get(key) in (True, "true")


def config_file() -> str:
    from .locations import config_path

    return config_path()


def read(path: str | None = None) -> Settings:
    """The settings in the file (none when there is no file); never raises for a bad file."""
    import tomllib

    path = path or config_file()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return Settings({}, [])
    except OSError as error:
        return Settings({}, [f"{path}: cannot be read ({error.strerror or error}); using the defaults"])
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return Settings({}, [f"{path}: not valid TOML ({_short(error)}); using the defaults"])
    values: dict[str, str] = {}
    problems: list[str] = []
    for name, key in KEYS.items():
        if name not in data:
            continue
        raw = data[name]
        if isinstance(raw, bool):  # reduced_motion = true, as TOML writes it
            raw = "true" if raw else "false"
        try:
            if not isinstance(raw, str):
                raise ValueError("it must be text in quotes")
            values[name] = key.check(raw)
        except ValueError as reason:
            problems.append(f"{path}: key '{name}': {reason}; using the default")
    return Settings(values, problems)


def check_value(key: str, text: str) -> str:
    """The value to store for `key`, or UsageProblem (exit 2) naming what is wrong."""
    known = KEYS.get(key)
    if known is None:
        raise UsageProblem(f"there is no setting '{_shown(key)}' (settings: {', '.join(KEYS)})")
    try:
        return known.check(text)
    except ValueError as reason:
        raise UsageProblem(f"{key}: {reason} (got '{_shown(text)}')") from None


def write(key: str, value: str | None, path: str | None = None) -> str:
    """Set `key` to an already checked `value` (None removes it); returns the file's path."""
    path = path or config_file()
    if key not in KEYS:
        raise UsageProblem(f"there is no setting '{_shown(key)}'")
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        lines = []
    except (OSError, UnicodeDecodeError) as error:
        raise UsageProblem(f"{path}: cannot be read ({_short(error)}); it was left as it was") from None
    new_line = None if value is None else f"{key} = {_toml_string(value)}"
    lines = _with_line(lines, key, new_line)
    _write_private(path, "\n".join(lines) + ("\n" if lines else ""))
    return path


def _with_line(lines: list[str], key: str, new_line: str | None) -> list[str]:
    """The file's lines with the top-level `key = ...` line replaced, added or removed."""
    out: list[str] = []
    done = False
    first_table = None
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("[") and first_table is None:
            first_table = len(out)
        if first_table is None and _is_key_line(stripped, key):
            if new_line is not None and not done:
                out.append(new_line)
            done = True
            continue
        out.append(line)
    if not done and new_line is not None:
        at = len(out) if first_table is None else first_table
        out.insert(at, new_line)
    return out


def _is_key_line(stripped: str, key: str) -> bool:
    name, equals, _ = stripped.partition("=")
    return bool(equals) and name.strip().strip('"').strip("'") == key


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def _write_private(path: str, text: str) -> None:
    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.chmod(temporary, 0o600)
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    except OSError as error:
        raise UsageProblem(f"{path}: cannot be written ({error.strerror or error}); nothing was changed") from None


def _short(error: BaseException) -> str:
    return str(error).splitlines()[0][:120] if str(error) else error.__class__.__name__


def _shown(text: str) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= 20 else clean[:19] + "…"
