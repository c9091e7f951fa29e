"""Typer commands for encryption at rest: encrypt, decrypt, passphrase.

Thin: each parses, then calls cli/encryption_actions.py. Only Typer is imported here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

_SCRIPTS = (
    "Scripts: INNERCRITIC_PASSPHRASE_FILE=FILE (a file only you can read) or\n"
    "INNERCRITIC_PASSPHRASE_FD=N (an open file descriptor) gives the passphrase;\n"
    "never put the passphrase itself in a variable or on the command line.\n"
)


def _shell():
    from innercritic.cli import encryption_actions as encryption_shell

    return encryption_shell


def register(app: typer.Typer, settings_of: Callable) -> None:
    """Add this module's commands to the app."""

    @app.command(
        epilog=(
            "\b\nThe whole journal, its search index included, is copied into an encrypted file\n"
            "(SQLCipher 4: AES-256, the key from your passphrase by PBKDF2-HMAC-SHA512 with\n"
            "256,000 iterations), checked, and put in the journal's place in one step; the\n"
            "unencrypted file and its -wal are overwritten, then removed. With no journal yet,\n"
            "a new one starts encrypted. It asks for the passphrase twice. A lost passphrase\n"
            "means a lost journal: nobody can open it without the passphrase.\n"
            + _SCRIPTS +
            "Examples:\n"
            "  innercritic encrypt\n"
            "  INNERCRITIC_PASSPHRASE_FILE=~/.secret innercritic encrypt"
        )
    )
    def encrypt(ctx: typer.Context) -> None:
        """Encrypt the journal with a passphrase (or start a new one encrypted)."""
        _shell().run_encrypt(settings_of(ctx))

    @app.command(
        epilog=(
            "\b\nAsks for the passphrase, then writes the journal back as an ordinary SQLite file\n"
            "(in one step, like encrypt). It asks before it starts; --yes for scripts.\n"
            + _SCRIPTS +
            "Examples:\n"
            "  innercritic decrypt\n"
            "  INNERCRITIC_PASSPHRASE_FD=3 innercritic decrypt --yes 3< ~/.secret"
        )
    )
    def decrypt(
        ctx: typer.Context,
        yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    ) -> None:
        """Remove the encryption: the journal becomes an ordinary file again."""
        _shell().run_decrypt(settings_of(ctx), yes=yes)

    @app.command(
        epilog=(
            "\b\nAsks for the current passphrase, then twice for the new one, and re-encrypts the\n"
            "journal under it in one step. Scripts give the new one with\n"
            "INNERCRITIC_NEW_PASSPHRASE_FILE or INNERCRITIC_NEW_PASSPHRASE_FD.\n"
            + _SCRIPTS +
            "Example:\n"
            "  innercritic passphrase"
        )
    )
    def passphrase(ctx: typer.Context) -> None:
        """Change the passphrase of an encrypted journal."""
        _shell().run_passphrase(settings_of(ctx))
