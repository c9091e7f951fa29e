"""Where innercritic keeps its files.

The default journal lives in the platform's user data directory for
``innercritic``. ``--db PATH`` beats ``INNERCRITIC_DB`` which beats the default.

This module is on the start-up path of every command, so it avoids importing
platformdirs (and pathlib) on Linux, where the XDG rule is short enough to
follow directly; a test keeps the two in agreement. Nothing here touches the
disk at import time.
"""

from __future__ import annotations

import os
import sys

APP_NAME = "innercritic"
DB_ENV = "INNERCRITIC_DB"
DB_FILENAME = "journal.db"
CONFIG_FILENAME = "config.toml"


def _xdg_dir(env_name: str, fallback: str) -> str:
    base = os.environ.get(env_name, "")  # as platformdirs: used verbatim if absolute, else ignored
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), fallback)
    return os.path.join(base, APP_NAME)


def user_data_dir() -> str:
    if sys.platform.startswith("linux"):
        return _xdg_dir("XDG_DATA_HOME", os.path.join(".local", "share"))
    import platformdirs

    return platformdirs.user_data_dir(APP_NAME, appauthor=False)


def user_config_dir() -> str:
    if sys.platform.startswith("linux"):
        return _xdg_dir("XDG_CONFIG_HOME", ".config")
    import platformdirs

    return platformdirs.user_config_dir(APP_NAME, appauthor=False)


def default_db_path() -> str:
    return os.path.join(user_data_dir(), DB_FILENAME)


def config_path() -> str:
    return os.path.join(user_config_dir(), CONFIG_FILENAME)


def resolve_db_path(flag_value: str | None = None) -> tuple[str, bool]:
    """Return (path, is_default). Only the default location's folder is created for the user."""
    chosen = flag_value or os.environ.get(DB_ENV, "").strip()
    if chosen:
        return os.path.abspath(os.path.expanduser(chosen)), False
    return default_db_path(), True
