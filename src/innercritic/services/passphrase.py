"""Where the shell gets an encrypted journal's passphrase.

In order: a file descriptor named by INNERCRITIC_PASSPHRASE_FD, a file named
by INNERCRITIC_PASSPHRASE_FILE, else a hidden prompt on the terminal (never
echoed). The passphrase itself is never taken from an environment variable
or the command line (other users' `ps`, shell history, /proc/PID/environ,
crash reports). Without a terminal and without either variable, the command
is refused in one line. One trailing newline is dropped from what a file or
descriptor holds; every other character, spaces included, is the passphrase.

The app never comes here: it asks on its own unlock screen.
"""

from __future__ import annotations

import os
import stat

from innercritic.errors import UsageProblem

FD_ENV = "INNERCRITIC_PASSPHRASE_FD"
FILE_ENV = "INNERCRITIC_PASSPHRASE_FILE"
NEW_FD_ENV = "INNERCRITIC_NEW_PASSPHRASE_FD"
NEW_FILE_ENV = "INNERCRITIC_NEW_PASSPHRASE_FILE"
REFUSED_ENV = "INNERCRITIC_PASSPHRASE"
PROMPT_TRIES = 3

_read: dict[str, str] = {}  # a descriptor can be read once; keep what it held for this process


def _without_newline(data: bytes, where: str) -> str:
    if data.endswith(b"\r\n"):
        data = data[:-2]
    elif data.endswith(b"\n"):
        data = data[:-1]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageProblem(f"the passphrase in {where} is not valid UTF-8 text") from None


def _from_fd(name: str, value: str) -> str:
    if not value.isdigit():
        raise UsageProblem(f"{name} must be the number of an open file descriptor (got '{value[:12]}')")
    fd = int(value)
    chunks = []
    try:
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    except OSError as exc:
        raise UsageProblem(f"{name}={fd}: cannot read the passphrase from it ({exc.strerror})") from None
    return _without_newline(b"".join(chunks), f"file descriptor {fd}")


def _from_file(name: str, path: str) -> str:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise UsageProblem(f"{name}: cannot read {path} ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
            raise UsageProblem(
                f"{name}: {path} can be read by other users (mode {stat.S_IMODE(info.st_mode):o}); "
                f"make it private first: chmod 600 {path}"
            )
        data = os.read(fd, 1 << 20)
    finally:
        os.close(fd)
    return _without_newline(data, path)


def from_script(fd_env: str = FD_ENV, file_env: str = FILE_ENV) -> str | None:
    """The passphrase a script supplied through the environment, or None."""
    if os.environ.get(REFUSED_ENV) is not None:
        raise UsageProblem(
            f"innercritic never reads a passphrase from an environment variable ({REFUSED_ENV}); "
            f"put it in a private file named by {FILE_ENV}, or pass it on the descriptor named by {FD_ENV}"
        )
    for name, reader in ((fd_env, _from_fd), (file_env, _from_file)):
        value = os.environ.get(name)
        if value:
            if name not in _read:
                _read[name] = reader(name, value)
            return _read[name]
    return None


def has_terminal() -> bool:
    try:
        fd = os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    os.close(fd)
    return True


def ask_hidden(prompt: str) -> str:
    """Read a line from the terminal without echoing it. EOF (Ctrl+D) means no passphrase."""
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise UsageProblem("no passphrase was given; nothing was changed") from None


def no_terminal(why: str) -> UsageProblem:
    return UsageProblem(
        f"{why}, and there is no terminal to ask for its passphrase; "
        f"set {FILE_ENV} (a private file) or {FD_ENV} (a file descriptor) for scripts"
    )


class ShellPassphrase:
    """passphrase(again) for store.connection.connect: the script's, else asked (up to 3 tries)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.tries = 1

    def __call__(self, again: bool) -> str:
        supplied = from_script()
        if supplied is not None:
            return supplied
        if not has_terminal():
            raise no_terminal(f"{self.path}: this journal is encrypted (or this file is not an innercritic journal)")
        self.tries = PROMPT_TRIES
        if again:
            return ask_hidden("That passphrase did not open the journal. Try again: ")
        from innercritic.textsafe import one_line  # a path can hold escape codes; never sent raw to the terminal

        return ask_hidden(f"Passphrase for {one_line(self.path, 60)}: ")

    def __repr__(self) -> str:
        return "ShellPassphrase(<hidden>)"


def choose_new(fd_env: str = FD_ENV, file_env: str = FILE_ENV) -> str:
    """A new passphrase: from the script's variables, else typed twice at the terminal."""
    supplied = from_script(fd_env, file_env)
    if supplied is not None:
        return supplied
    if not has_terminal():
        raise UsageProblem(
            f"there is no terminal to type the new passphrase; set {file_env} or {fd_env} for scripts"
        )
    first = ask_hidden("New passphrase: ")
    if first == "":
        raise UsageProblem("the passphrase is empty; nothing was changed")
    if ask_hidden("The same passphrase again: ") != first:
        raise UsageProblem("the two passphrases were not the same; nothing was changed")
    return first


class Given:
    """passphrase(again) for a passphrase already typed (the app's unlock screen): tried once."""

    tries = 1

    def __init__(self, text: str) -> None:
        self._text = text

    def __call__(self, again: bool) -> str:
        return self._text

    def __repr__(self) -> str:
        return "Given(<hidden>)"
