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
    turn: Turn | None  # None for a safety-first choice, which is not a turn of the flow
    tier: str | None = None  # "clear" or "maybe" when the safety check noticed the answer
    event: object = None  # the CareEventRecord to answer, when a question is to be asked now
    reflections: tuple[str, ...] = ()  # the critic lens, offered after the Find step (never for noticed words)
    action: str | None = None  # after a safety-first choice: "breathe", "someone" or "stop"

    @property
    def needs_care(self) -> bool:
        """True when the crisis path opens now (a clear match)."""
        return self.tier == "clear" and self.event is not None

    @property
    def asks_gently(self) -> bool:
        """True when the gentle question comes now (a maybe match, first time at this step)."""
        return self.tier == "maybe" and self.event is not None


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
    def __init__(
        self, journal: Journal, flow: Flow, record: DialogueRecord, conversation: Conversation, care=None,
    ) -> None:
        from .dialogue_care import DialogueCare

        self.journal = journal
        self.flow = flow
        self.record = record
        self.conversation = conversation
        self.care = care if care is not None else DialogueCare(journal, record.id)
        conversation.withheld = self.care.withheld
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
        from .dialogue_care import DialogueCare

        care = DialogueCare.load(journal, record.id)  # which steps were noticed, from the journal
        conversation = Conversation.rebuild(
            flow, ((t.step_id, t.value, t.skipped) for t in record.turns), withheld=care.withheld
        )
        if record.status != "in_progress":
            journal.reopen_dialogue(record.id)
        return cls(journal, flow, record, conversation, care)

    # ---- state ---------------------------------------------------------------
    @property
    def dialogue_id(self) -> int:
        return self.record.id

    @property
    def current(self):
        """The step to answer now: the safety-first choices when they are offered."""
        if self.offering_safety_first:
            from .dialogue_care import safety_first_step

            return safety_first_step(again=self.care.offered_before)
        return self.conversation.current

    @property
    def offering_safety_first(self) -> bool:
        return self.care.offering and self.conversation.current is not None

    @property
    def finished(self) -> bool:
        return self.conversation.finished

    def prompt(self) -> str:
        if self.offering_safety_first:
            return self.current.prompt
        return self.conversation.prompt()

    # ---- moves (each one saved before it returns) -----------------------------
    def answer(self, value: object) -> AnswerOutcome:
        from .engine.conversation import AnswerError
        from .services import too_long

        if isinstance(value, str) and too_long(value):
            raise AnswerError(f"That answer is too long: {too_long(value)}.")
        if self.offering_safety_first:
            return self._safety_choice(value)
        step = self.conversation.current
        turn = self.conversation.answer(value)
        self._save(step, turn)
        tier = event = None
        reflections: tuple[str, ...] = ()
        if step.kind == "text" and turn.answer:
            from .engine.safety import check

            tier = check(turn.answer)
            if tier is not None:
                event = self.care.notice(step.id, tier)
            elif step.role == "critic_words":  # never a lens reflection on noticed words
                from .engine import lens

                reflections = tuple(lens.reflect(lens.read(turn.answer)))
        if step.role == "part_name":  # the answer is kept whole; the name drawn from it fits the rules
            from .limits import name_from_answer

            named = self.journal.name_part(self.dialogue_id, name_from_answer(turn.answer))
            self.part = named.name if named else None
        self._finish_if_done()
        return AnswerOutcome(turn=turn, tier=tier, event=event, reflections=reflections)

    def _safety_choice(self, value: object) -> AnswerOutcome:
        from .dialogue_care import SAFETY_CHOICES

        choice = value
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(SAFETY_CHOICES):
            choice = SAFETY_CHOICES[value - 1]
        elif isinstance(value, str) and value.strip().isdigit() and 1 <= int(value) <= len(SAFETY_CHOICES):
            choice = SAFETY_CHOICES[int(value) - 1]
        action = self.care.choose(str(choice).strip() if choice is not None else "")
        if action == "stop":
            self.stop()
        return AnswerOutcome(turn=None, action=action)

    # ---- care: the questions after the safety check noticed an answer ----------------
    def answer_gentle(self, event, answer: str) -> bool:
        """The answer to the gentle question; True when the crisis path opens now."""
        self.care.answer(event, gentle=answer)
        return answer in ("yes", "not_sure")

    def answer_safe(self, event, answer: str | None) -> None:
        """The answer to "are you safe at this moment?" (None: closed without answering)."""
        if answer is not None:
            self.care.answer(event, safe=answer)

    def after_crisis_path(self) -> None:
        """Back from the crisis path: the safety-first choices come before the next question."""
        self.care.offer_safety_first()

    def skip(self) -> Turn | None:
        if self.offering_safety_first:  # skipping the choices is carrying on
            self.care.choose("carry_on")
            return None
        step = self.conversation.current
        turn = self.conversation.skip()
        self._save(step, turn)
        self._finish_if_done()
        return turn

    def back(self) -> Turn | None:
        self.care.offering = False
        undone = self.conversation.back()
        if undone is not None:
            self.journal.forget_turns_from(self.dialogue_id, undone.position)
            if undone.answer:
                self.journal.save_draft(self.dialogue_id, undone.step_id, undone.answer)
        return undone

    def save_draft(self, text: str | None) -> None:
        step = self.conversation.current
        if step is not None and not self.offering_safety_first:
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

        def words(role: str) -> str | None:
            """The answer for a role, unless the safety check noticed it: never shown back."""
            step = self.flow.step_with_role(role)
            if step is None or step.id in self.care.withheld:
                return None
            return conv.answer_for_role(role)

        summary = Summary(
            critic_words=words("critic_words"),
            protects_from=words("protects_from"),
            fears=words("fears"),
            needs=words("needs"),
            compassion=words("compassion"),
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
    flagged: bool = False  # the crisis path was opened in this dialogue: the close shows the help lines


def view_of(session: DialogueSession) -> DialogueView:
    conv = session.conversation
    step = session.current
    prefill = None
    if step is not None and not session.offering_safety_first:
        prefill = session.draft if session.draft else conv.previous_value(step.id)
    return DialogueView(
        dialogue_id=session.dialogue_id,
        flow_title=session.flow.title,
        step=step,
        prompt=session.prompt() if step is not None else "",
        hint=(step.hint if session.offering_safety_first else conv.hint()) if step is not None else None,
        progress=tuple(conv.progress()),
        turns=tuple((turn, session.flow.step(turn.step_id).role) for turn in conv.turns),
        finished=conv.finished,
        stopped=conv.stopped,
        prefill=prefill,
        part=session.part,
        summary=tuple(summary_rows(session.summary())) if conv.finished else (),
        flagged=session.care.flagged,
    )
