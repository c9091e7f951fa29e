"""What the dialogue screen is given to draw: a DialogueView (a snapshot of the session,
made on the database thread) and the StepKey that names the step a move was made on.

A module of its own so that screens can hold these without importing the session
(services/dialogue.py), which opens and changes the journal.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from innercritic.engine.conversation import Turn


@dataclass(frozen=True)
class StepKey:
    """Which step of which session some typed text was typed for."""

    session: str
    position: int
    step_id: str


@dataclass(frozen=True)
class DialogueView:
    """A snapshot of a session for the screen to draw (made on the database thread)."""

    dialogue_id: int | None
    flow_title: str
    step: object  # engine.flow.Step | None
    prompt: str
    hint: str | None
    progress: tuple[tuple[str, str], ...]
    turns: tuple[tuple[Turn, str | None], ...]  # each with its step's role
    finished: bool
    stopped: bool
    prefill: object
    part: str | None
    summary: tuple[tuple[str, str], ...]
    key: StepKey | None = None  # the step being answered, for drafts typed in it
    flagged: bool = False  # the crisis path was opened in this dialogue: the close shows the help lines
