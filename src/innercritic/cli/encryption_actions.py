"""What `innercritic encrypt`, `decrypt` and `passphrase` do in the shell: the
warnings, asking twice, and the lines they print. cli/encryption_commands.py calls these."""

from __future__ import annotations

import sys

from innercritic.services import encryption as crypt
from innercritic.services import passphrase as sources
from innercritic.errors import InnerCriticError, UsageProblem
from innercritic.services.entries import Settings
from innercritic.textsafe import visible

LOST_MEANS_LOST = (
    "If you lose this passphrase, the journal is lost: nobody, including you and the people\n"
    "who make innercritic, can open it without the passphrase. Write it down somewhere safe."
)


class Declined(InnerCriticError):
    exit_code = 1


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _write(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _confirm(question: str) -> None:
    """Ask on the terminal; anything but y/yes declines."""
    with open("/dev/tty", "r+", encoding="utf-8", errors="replace") as tty:
        tty.write(question + " [y/N] ")
        tty.flush()
        answer = tty.readline().strip().lower()
    if answer not in ("y", "yes"):
        raise Declined("nothing was changed")


def run_encrypt(settings: Settings) -> None:
    path = visible(settings.db_path)
    if not crypt.available():
        from innercritic.store.driver import NO_ENCRYPTION

        raise UsageProblem(NO_ENCRYPTION)
    if crypt.state(settings) == "encrypted":
        raise UsageProblem("the journal is already encrypted; `innercritic passphrase` changes its passphrase")
    supplied = sources.from_script()
    if supplied is None:
        if not sources.has_terminal():
            raise UsageProblem(
                f"there is no terminal to type the new passphrase; set {sources.FILE_ENV} or {sources.FD_ENV} for scripts"
            )
        _say(LOST_MEANS_LOST)
        supplied = sources.choose_new()
    how = crypt.encrypt(settings, supplied)
    if how == "created":
        _write(f"Created a new encrypted journal at {path}.")
    else:
        _write(f"Encrypted the journal at {path}; the unencrypted file was overwritten and removed.")
    _write("innercritic will ask for the passphrase each time it opens the journal.")


def run_decrypt(settings: Settings, *, yes: bool) -> None:
    path = visible(settings.db_path)
    if not yes:
        if not sources.has_terminal():
            raise UsageProblem("decrypting needs confirmation; pass --yes to decrypt without asking")
        _say("After this, anyone who can use your account, or read this disk, can read the journal.")
        _confirm(f"Decrypt {path}?")
    crypt.decrypt(settings)
    _write(f"Decrypted the journal at {path}; it is an ordinary, unencrypted file now.")


def run_passphrase(settings: Settings) -> None:
    path = visible(settings.db_path)

    def choose_new() -> str:
        supplied = sources.from_script(sources.NEW_FD_ENV, sources.NEW_FILE_ENV)
        if supplied is not None:
            return supplied
        if sources.has_terminal():
            _say(LOST_MEANS_LOST)
        return sources.choose_new(sources.NEW_FD_ENV, sources.NEW_FILE_ENV)

    crypt.change_passphrase(settings, choose_new)
    _write(f"Changed the passphrase of {path}; the old one no longer opens it.")
