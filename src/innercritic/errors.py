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


class DialogueUnavailable(InnerCriticError):
    """A dialogue this process was writing is no longer its to write: deleted elsewhere,
    or taken over by another innercritic. Whatever was being saved is kept elsewhere
    (see store/leases.py); the message says where."""

    def kept_as(self, checkin_id: int | None, text: str | None) -> "DialogueUnavailable":
        """The same problem, saying where the words that were being saved went."""
        if not text or not text.strip():
            return self
        if checkin_id is None:
            ending = "what you typed could not be saved just now; it is kept beside the journal and added back next time"
        else:
            ending = f"what you typed is kept as check-in #{checkin_id} (`innercritic show {checkin_id}`)"
        return type(self)(f"{self}; {ending}")


class DialogueGone(DialogueUnavailable):
    """The dialogue was deleted (delete, forget --all) by another innercritic."""


class DialogueTakenOver(DialogueUnavailable):
    """Another innercritic took the dialogue over (talk --resume --take-over)."""


class DialogueOpenElsewhere(InnerCriticError):
    """Another live innercritic is writing this dialogue; reading it is fine, taking it over is explicit."""

    def __init__(self, message: str, dialogue_id: int, holder: str = "") -> None:
        super().__init__(message)
        self.dialogue_id = dialogue_id
        self.holder = holder  # "process 4242 on this computer"
