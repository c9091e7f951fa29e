"""Errors a user can cause. Each carries one plain line and an exit code.

The faces (CLI, TUI) show ``str(error)`` and nothing else: no traceback, and
never the user's own journal text.
"""

from __future__ import annotations


class InnerCriticError(Exception):
    exit_code = 1


class UsageProblem(InnerCriticError):
    """Bad input on the command line: a value out of range, an unknown id."""

    exit_code = 2


class JournalError(InnerCriticError):
    """The journal file cannot be used as it is (wrong kind of file, too new, unreadable)."""


class JournalBusy(JournalError):
    """Another innercritic held the write lock for longer than we wait."""


class NoJournalYet(JournalError):
    """A read found no journal file; callers usually treat this as empty."""
