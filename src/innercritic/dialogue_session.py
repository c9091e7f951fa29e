"""The guided dialogue as a use-case: one Conversation, saved turn by turn.

Shared by the TUI (which calls it from a worker thread) and `talk --plain`.
Every answer is committed before the method returns; going back keeps the
undone answer as a draft, so nothing a person wrote is ever silently lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .engine.conversation import Conversation, Turn
from .engine.flow import Flow
from .engine.records import DialogueRecord
from .errors import UsageProblem

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from .store.journal import Journal


@dataclass(frozen=True)
class AnswerOutcome:
    turn: Turn
    needs_care: bool = False
    reflections: tuple[str, ...] = ()  # the critic lens, offered after the Find step


@dataclass(frozen=True)
class Summary:
    critic_words: str | None
    protects_from: str | None
    fears: str | None
    needs: str | None
    compassion: str | None
    loudness_before: int | None
    loudness_after: int | None
    part: str | None
    flow_title: str
    rows: tuple[tuple[str, str], ...] = field(default=())


class DialogueSession:
    def __init__(self, journal: Journal, flow: Flow, record: DialogueRecord, conversation: Conversation) -> None:
        self.journal = journal
        self.flow = flow
        self.record = record
        self.conversation = conversation
        self.part = record.part
        self.draft = record.draft if record.draft_step and conversation.current and record.draft_step == conversation.current.id else None

    # ---- starting ------------------------------------------------------------
    @classmethod
    def start(cls, journal: Journal, flow: Flow, part: str | None = None) -> "DialogueSession":
        record = journal.start_dialogue(flow.id, part=part.strip() if part and part.strip() else None)
        return cls(journal, flow, record, Conversation(flow))

    @classmethod
    def resume(
        cls, journal: Journal, flows: dict[str, Flow], dialogue_id: int | None = None, *, take_over: bool = False,
    ) -> "DialogueSession":
        """Continue a dialogue. Refused (DialogueOpenElsewhere) while another innercritic
        has it open, unless `take_over`: one dialogue has one writer at a time."""
        found = journal.get_entry(dialogue_id) if dialogue_id is not None else journal.latest_unfinished()
        if found is None or found.kind != "dialogue":
            raise UsageProblem("there is no unfinished dialogue to resume; `innercritic talk` starts a new one")
        if found.flow_id not in flows:
            raise UsageProblem(f"dialogue #{found.id} used the flow '{found.flow_id}', which is not installed")
        journal.claim_dialogue(found.id, take_over=take_over)  # before reading: no one else changes it now
        record = journal.get_entry(found.id)  # with its turns
        flow = flows[record.flow_id]
        conversation = Conversation.rebuild(flow, ((t.step_id, t.value, t.skipped) for t in record.turns))
        if record.status != "in_progress":
            journal.reopen_dialogue(record.id)
        return cls(journal, flow, record, conversation)

    # ---- state ---------------------------------------------------------------
    @property
    def dialogue_id(self) -> int:
        return self.record.id

    @property
    def current(self):
        return self.conversation.current

    @property
    def finished(self) -> bool:
        return self.conversation.finished

    def prompt(self) -> str:
        return self.conversation.prompt()

    # ---- moves (each one saved before it returns) -----------------------------
    def answer(self, value: object) -> AnswerOutcome:
        from .engine.conversation import AnswerError
        from .services import too_long

        if isinstance(value, str) and too_long(value):
            raise AnswerError(f"That answer is too long: {too_long(value)}.")
        step = self.conversation.current
        turn = self.conversation.answer(value)
        self._save(step, turn)
        needs_care = False
        reflections: tuple[str, ...] = ()
        if step.kind == "text" and turn.answer:
            from .engine.safety import needs_care as check

            needs_care = check(turn.answer)
            if step.role == "critic_words":
                from .engine import lens

                reflections = tuple(lens.reflect(lens.read(turn.answer)))
        if step.role == "part_name":  # the answer is kept whole; the name drawn from it fits the rules
            from .limits import name_from_answer

            named = self.journal.name_part(self.dialogue_id, name_from_answer(turn.answer))
            self.part = named.name if named else None
        self._finish_if_done()
        return AnswerOutcome(turn=turn, needs_care=needs_care, reflections=reflections)

    def skip(self) -> Turn:
        step = self.conversation.current
        turn = self.conversation.skip()
        self._save(step, turn)
        self._finish_if_done()
        return turn

    def back(self) -> Turn | None:
        undone = self.conversation.back()
        if undone is not None:
            self.journal.forget_turns_from(self.dialogue_id, undone.position)
            if undone.answer:
                self.journal.save_draft(self.dialogue_id, undone.step_id, undone.answer)
        return undone

    def save_draft(self, text: str | None) -> None:
        step = self.conversation.current
        if step is not None:
            self.journal.save_draft(self.dialogue_id, step.id, text)

    def keep_draft(self, text: str | None) -> None:
        """Leaving (pausing): as save_draft, but without waiting long for a journal another
        innercritic has locked; the draft is then kept beside it (store/kept_aside.py)."""
        step = self.conversation.current
        if step is not None:
            self.journal.keep_draft(self.dialogue_id, step.id, text)

    def stop(self) -> None:
        self.conversation.stop()
        self.journal.finish_dialogue(self.dialogue_id, "stopped")

    def close(self) -> None:
        """Let go of the dialogue (paused, stopped or left): another innercritic may resume it."""
        self.journal.release_dialogue(self.dialogue_id)

    def _save(self, step, turn: Turn) -> None:
        self.journal.save_turn(
            self.dialogue_id, position=turn.position, step_id=turn.step_id, role=step.role,
            prompt=turn.prompt, answer=turn.answer, value=turn.value, skipped=turn.skipped,
        )

    def _finish_if_done(self) -> None:
        if self.conversation.finished:
            self.journal.finish_dialogue(self.dialogue_id, "completed")

    # ---- the close -------------------------------------------------------------
    def summary(self) -> Summary:
        conv = self.conversation

        def scale(role: str) -> int | None:
            value = conv.value_for_role(role)
            return value if isinstance(value, int) else None

        summary = Summary(
            critic_words=conv.answer_for_role("critic_words"),
            protects_from=conv.answer_for_role("protects_from"),
            fears=conv.answer_for_role("fears"),
            needs=conv.answer_for_role("needs"),
            compassion=conv.answer_for_role("compassion"),
            loudness_before=scale("loudness_before"),
            loudness_after=scale("loudness_after"),
            part=self.part,
            flow_title=self.flow.title,
        )
        return summary


def summary_rows(summary: Summary) -> list[tuple[str, str]]:
    """Label/value pairs for the closing screen; missing pieces are left out."""
    rows: list[tuple[str, str]] = []
    if summary.part:
        rows.append(("The part", summary.part))
    if summary.critic_words:
        rows.append(("The critic said", f"“{summary.critic_words}”"))
    if summary.protects_from:
        rows.append(("It protects you from", summary.protects_from))
    if summary.fears:
        rows.append(("It fears", summary.fears))
    if summary.needs:
        rows.append(("It needs", summary.needs))
    if summary.compassion:
        rows.append(("You told it", f"“{summary.compassion}”"))
    if summary.loudness_before is not None or summary.loudness_after is not None:
        before = "?" if summary.loudness_before is None else str(summary.loudness_before)
        after = "?" if summary.loudness_after is None else str(summary.loudness_after)
        rows.append(("Loudness", f"{before} → {after}"))
    return rows


@dataclass(frozen=True)
class DialogueView:
    """A snapshot of a session for the screen to draw (made on the database thread)."""

    dialogue_id: int
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


def view_of(session: DialogueSession) -> DialogueView:
    conv = session.conversation
    step = conv.current
    prefill = None
    if step is not None:
        prefill = session.draft if session.draft else conv.previous_value(step.id)
    return DialogueView(
        dialogue_id=session.dialogue_id,
        flow_title=session.flow.title,
        step=step,
        prompt=conv.prompt() if step is not None else "",
        hint=step.hint if step is not None else None,
        progress=tuple(conv.progress()),
        turns=tuple((turn, session.flow.step(turn.step_id).role) for turn in conv.turns),
        finished=conv.finished,
        stopped=conv.stopped,
        prefill=prefill,
        part=session.part,
        summary=tuple(summary_rows(session.summary())) if conv.finished else (),
    )
