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
from .tuples import named_tuple

from .errors import UsageProblem


class Key(named_tuple("Key", "name help check example default kind")):
    """name: str; help: str (one line); check(text) -> the value to store, or raises
    ValueError with a short reason; example: str, shown in `config list`; default: the
    value used when the key is not set; kind: "text" (a TOML string) or "bool" (true/false)."""

    __slots__ = ()


def _country(text: str) -> str:
    value = text.strip()
    if value.lower() == "general":
        return "general"
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise ValueError("a country is a two-letter code such as GB, US or IE (or 'general')")
    return value.upper()


def _name(what: str):
    """A lower-case name of letters, digits and dashes (a theme's, a flow's id)."""

    def check(text: str) -> str:
        value = text.strip().lower()
        if not 0 < len(value) <= 40 or not all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in value):
            raise ValueError(f"{what} is a name of letters, digits and dashes, such as {'nord' if what == 'a theme' else 'kind-eyes'}")
        return value

    return check


def _one_of(*choices: str):
    def check(text: str) -> str:
        value = text.strip().lower()
        if value not in choices:
            raise ValueError(f"it is one of: {', '.join(choices)}")
        return value

    return check


def _date_format(text: str) -> str:
    from datetime import datetime

    if not 0 < len(text) <= 40 or "%" not in text or not text.isprintable():
        raise ValueError("a date format is a strftime pattern of up to 40 characters, such as '%Y-%m-%d %H:%M'")
    try:
        datetime(2026, 11, 20, 14, 5).strftime(text)
    except ValueError:
        raise ValueError("that strftime pattern cannot be used, try '%Y-%m-%d %H:%M'") from None
    return text


def _yes_no(text: str) -> bool:
    value = text.strip().lower()
    if value in ("true", "yes", "on", "1"):
        return True
    if value in ("false", "no", "off", "0"):
        return False
    raise ValueError("it is true or false")


def _on_off(text: str) -> str:
    value = text.strip().lower()
    if value in ("on", "yes", "true"):
        return "on"
    if value in ("off", "no", "false"):
        return "off"
    raise ValueError("use on or off")


DEFAULT_DATE_FORMAT = "%a %d %b %Y %H:%M"

KEYS: dict[str, Key] = {
    "theme": Key(
        "theme", "the app's colours (a theme name from Ctrl+P's Change theme; the app saves the one you pick)",
        _name("a theme"), "nord", "textual-dark", "text",
    ),
    "country": Key(
        "country",
        "where the help lines are for (a two-letter code; unset: guessed from your language settings)",
        _country, "GB", None, "text",
    ),
    "default_flow": Key(
        "default_flow", "the exercise `talk` and the app's t open when none is named (an id from `innercritic flows`)",
        _name("a flow"), "kind-eyes", "critic", "text",
    ),
    "home_labels": Key(
        "home_labels", "the home menu's words: gentle (\"Talk with the critic\") or short (\"Talk\")",
        _one_of("gentle", "short"), "short", "gentle", "text",
    ),
    "week_start": Key(
        "week_start", "the first day of a week in weekly averages (stats, insights): monday or sunday",
        _one_of("monday", "sunday"), "sunday", "monday", "text",
    ),
    "date_format": Key(
        "date_format", "how times are shown in history, show and the app's lists (a strftime pattern)",
        _date_format, "%Y-%m-%d %H:%M", DEFAULT_DATE_FORMAT, "text",
    ),
    "reduced_motion": Key(
        "reduced_motion", "true: the breathing guide counts without a moving bar, and the app animates less",
        _yes_no, "true", False, "bool",
    ),
    "part_reminder": Key(
        "part_reminder",
        "on: the home screen and `nudge` say how many days since you last checked in with a named part (off unless set)",
        _on_off,
        "on",
        "off",
        "text",
    ),
    "streaks": Key(
        "streaks",
        "on: `stats` and Insights count days in a row with an entry (off unless set: a broken streak is one more thing for the critic)",
        _on_off,
        "on",
        "off",
        "text",
    ),
}


def is_on(key: str, settings: Settings | None = None) -> bool:
    """Whether an on/off setting is turned on (never, unless the file says "on")."""
    return (settings or read()).get(key) == "on"


class Settings(named_tuple("Settings", "values problems")):
    """values: dict of key -> stored value (only the keys set, and valid, in the file);
    problems: list of one-line messages about what in the file could not be used."""

    __slots__ = ()

    def get(self, key: str):
        """The value set in the file, or None."""
        return self.values.get(key)

    def is_on(self, key: str) -> bool:
        """For a true/false setting: whether it is set to true."""
        return self.values.get(key) in (True, "true")

    def value(self, key: str):
        """The value set in the file, else the key's default."""
        found = self.values.get(key)
        return KEYS[key].default if found is None else found


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
    values: dict[str, object] = {}
    problems: list[str] = []
    for name, key in KEYS.items():
        if name not in data:
            continue
        raw = data[name]
        try:
            if key.kind == "bool":
                if not isinstance(raw, bool):
                    raise ValueError("it must be true or false, without quotes")
                values[name] = raw
                continue
            if not isinstance(raw, str):
                raise ValueError("it must be text in quotes")
            values[name] = key.check(raw)
        except ValueError as reason:
            problems.append(f"{path}: key '{name}': {reason}; using the default")
    return Settings(values, problems)


def check_value(key: str, text: str):
    """The value to store for `key`, or UsageProblem (exit 2) naming what is wrong."""
    known = KEYS.get(key)
    if known is None:
        raise UsageProblem(f"there is no setting '{_shown(key)}' (settings: {', '.join(KEYS)})")
    try:
        return known.check(text)
    except ValueError as reason:
        raise UsageProblem(f"{key}: {reason} (got '{_shown(text)}')") from None


def write(key: str, value, path: str | None = None) -> str:
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
    new_line = None if value is None else f"{key} = {_toml_value(value)}"
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


def shown_value(value) -> str:
    """A value as `config get` prints it (true/false for a switch)."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
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
