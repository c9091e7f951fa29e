"""The guided dialogue as a use-case: one Conversation, saved turn by turn.

Shared by the TUI (which calls it from its database thread) and `talk --plain`.
Every answer is committed before the method returns, and nothing a person
wrote is thrown away:

- going back sets the later answers aside (kept in the journal, shown as set
  aside) and walking the same path again offers each one back;
- text in the box when a step is skipped or gone back from is kept the same way,
  and text in the box when the dialogue is stopped is kept as its draft;
- a draft belongs to one step of one session (a StepKey): text typed for a step
  that is no longer current is never saved as another step's draft.

A dialogue is saved with its first answer or draft, so one opened and left at
once leaves no entry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from innercritic.engine.conversation import Conversation, Turn
from innercritic.engine.flow import Flow, Step
from innercritic.engine.records import DialogueRecord, NewDialogue
from innercritic.errors import UsageProblem
from innercritic.services.dialogue_summary import summary_rows
from innercritic.services.dialogue_view import DialogueView, StepKey  # noqa: F401 (part of this module's API)
from innercritic.store.leases import LEASE_RENEW_SECONDS  # noqa: F401 (how often an open dialogue says so)

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from innercritic.store.journal import Journal


def new_token() -> str:
    """An identity for one DialogueSession, made before it exists (the screen needs it first)."""
    return os.urandom(8).hex()


@dataclass(frozen=True)
class AnswerOutcome:
    turn: Turn | None  # None for a safety-first choice, which is not a turn of the flow
    tier: str | None = None  # "clear" or "maybe" when the safety check noticed the answer
    event: object = None  # the CareEventRecord to answer, when a question is to be asked now
    reflections: tuple[str, ...] = ()  # the critic lens, after the critic's words (never for noticed words)
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
class _Draft:
    position: int
    step_id: str
    text: str


def _words(text: str | None) -> str | None:
    """Text worth keeping: anything but blank."""
    return text if text and text.strip() else None


class DialogueSession:
    def __init__(
        self, journal: Journal, flow: Flow, conversation: Conversation, *,
        record: DialogueRecord | None = None, part: str | None = None, token: str | None = None, care=None,
    ) -> None:
        from innercritic.services.dialogue_care import DialogueCare

        self.journal = journal
        self.flow = flow
        self.conversation = conversation
        self.care = care if care is not None else DialogueCare(journal)
        conversation.withheld = self.care.withheld  # noticed answers are never quoted back
        self.token = token or new_token()
        self.dialogue_id: int | None = record.id if record is not None else None  # None until first saved
        self.part = record.part if record is not None else part
        self._draft: _Draft | None = None
        self._kept: dict[tuple[int, str], object] = {}  # (position, step id) -> the value set aside there
        if record is not None:
            self._remember(record)

    def _remember(self, record: DialogueRecord) -> None:
        for turn in record.turns:  # in position then writing order: the latest one kept wins
            if turn.superseded and not turn.skipped:
                value = turn.value if turn.value is not None else turn.answer
                if value is not None:
                    self._kept[(turn.position, turn.step_id)] = value
        step = self.conversation.current
        if record.draft and step is not None and record.draft_step == step.id:
            self._draft = _Draft(self.position, step.id, record.draft)

    # ---- starting ------------------------------------------------------------
    @classmethod
    def start(cls, journal: Journal, flow: Flow, part: str | None = None, token: str | None = None) -> "DialogueSession":
        """A new dialogue. Nothing is written until the first answer or draft, but a journal
        that cannot take one (read-only, busy) is refused now, before anyone writes."""
        journal.check_writable()
        clean = part.strip() if part and part.strip() else None
        return cls(journal, flow, Conversation(flow, _recalled(journal, flow, clean)), part=clean, token=token)

    @classmethod
    def resume(
        cls, journal: Journal, flows: dict[str, Flow], dialogue_id: int | None = None, *,
        take_over: bool = False, token: str | None = None,
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
        from innercritic.services.dialogue_care import DialogueCare

        care = DialogueCare.load(journal, record.id)  # which steps were noticed, from the journal
        current = (t for t in record.turns if not t.superseded)  # set-aside answers are not the path
        conversation = Conversation.rebuild(
            flow, ((t.step_id, t.value, t.skipped) for t in current), withheld=care.withheld,
            recalled=_recalled(journal, flow, record.part, record.id),
        )
        if record.status != "in_progress":
            journal.reopen_dialogue(record.id)
        return cls(journal, flow, conversation, record=record, token=token, care=care)

    # ---- state ---------------------------------------------------------------
    @property
    def current(self) -> Step | None:
        """The step to answer now: the safety-first choices when they are offered."""
        if self.offering_safety_first:
            from innercritic.services.dialogue_care import safety_first_step

            return safety_first_step(again=self.care.offered_before)
        return self.conversation.current

    @property
    def offering_safety_first(self) -> bool:
        return self.care.offering and self.conversation.current is not None

    @property
    def position(self) -> int:
        """Where the current step's answer will go."""
        return len(self.conversation.turns)

    @property
    def finished(self) -> bool:
        return self.conversation.finished

    def key(self) -> StepKey | None:
        step = self.current
        return None if step is None else StepKey(self.token, self.position, step.id)

    def prompt(self) -> str:
        if self.offering_safety_first:
            return self.current.prompt
        return self.conversation.prompt()

    def prefill(self) -> object:
        """What the current step's box starts with: its draft, else what was written here
        before going back, else the last value given at this step (a loop comes round)."""
        step = self.current
        if step is None:
            return None
        if self._draft is not None and (self._draft.position, self._draft.step_id) == (self.position, step.id):
            return self._draft.text
        kept = self._kept.get((self.position, step.id))
        return kept if kept is not None else self.conversation.previous_value(step.id)

    # ---- moves (each one saved before it returns) -----------------------------
    def answer(self, value: object) -> AnswerOutcome:
        from innercritic.engine.conversation import AnswerError
        from innercritic.services.entries import too_long

        if isinstance(value, str) and too_long(value):
            raise AnswerError(f"That answer is too long: {too_long(value)}.")
        if self.offering_safety_first:
            return self._safety_choice(value)
        step = self.conversation.current
        if step.role == "part_name":  # the promise to follow up is this part's, known before moving on
            from innercritic.limits import name_from_answer

            named = name_from_answer(value) if isinstance(value, str) else None
            recalled = _recalled(self.journal, self.flow, named or self.part, self.dialogue_id)
            self.conversation.recall("last_promise", recalled.get("last_promise"))
        turn = self.conversation.answer(value)
        self._save(step, turn)
        tier = event = None
        reflections: tuple[str, ...] = ()
        if step.kind == "text" and turn.answer:
            from innercritic.engine.safety import check

            tier = check(turn.answer)
            if tier is not None:
                event = self.care.notice(self.dialogue_id, step.id, tier)
            elif step.role == "critic_words":  # never a lens reflection on noticed words
                from innercritic.engine import lens

                reflections = tuple(lens.reflect(lens.read(turn.answer)))
        if step.role == "part_name":  # the answer is kept whole; the name drawn from it fits the rules
            from innercritic.limits import name_from_answer

            named = self.journal.name_part(self.dialogue_id, name_from_answer(turn.answer))
            self.part = named.name if named else None
        elif step.role == "reacting_part_name":  # a part of its own, linked to the part it reacted to
            from innercritic.limits import name_from_answer

            self.journal.name_reacting_part(self.dialogue_id, name_from_answer(turn.answer))
        self._finish_if_done()
        return AnswerOutcome(turn=turn, tier=tier, event=event, reflections=reflections)

    def _safety_choice(self, value: object) -> AnswerOutcome:
        from innercritic.services.dialogue_care import SAFETY_CHOICES

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

    def skip(self, unsent: str | None = None) -> Turn | None:
        """Skip the current step; `unsent` (what was in its box) is kept, set aside.
        While the safety-first choices are offered, skipping them is carrying on."""
        if self.offering_safety_first:
            self.care.choose("carry_on")
            return None
        step = self.conversation.current
        turn = self.conversation.skip()
        text = _words(unsent) if step.kind == "text" else None
        self._save(step, turn, unsent=text)
        if text:
            self._kept[(turn.position, step.id)] = text
        self._finish_if_done()
        return turn

    def back(self, unsent: str | None = None) -> Turn | None:
        """Go back one step. Nothing is deleted: the undone answer, and `unsent` (what was in
        the current box), are set aside and offered back if this path is walked again."""
        self.care.offering = False
        step, position, prompt = self.current, self.position, self.conversation.prompt()
        undone = self.conversation.back()
        if undone is None:
            return None
        text = _words(unsent) if step is not None and step.kind == "text" else None
        kept = (position, step.id, step.role, prompt, text) if text else None
        self.journal.set_aside_turns_from(self.dialogue_id, undone.position, kept)
        if not undone.skipped and undone.value is not None:
            self._kept[(undone.position, undone.step_id)] = undone.value
        if text:
            self._kept[(position, step.id)] = text
        self._draft = None
        return undone

    def save_draft(self, key: StepKey | None, text: str | None) -> bool:
        """Keep what is being typed, only while `key` is still the current step of this
        session (else False: the text was for a step already answered, skipped or left)."""
        return self._draft_for(key, text, self.journal.save_draft)

    def keep_draft(self, key: StepKey | None, text: str | None) -> bool:
        """Leaving (pausing, closing): as save_draft, but without waiting long for a journal
        another innercritic has locked; the draft is then kept beside it (store/kept_aside.py)."""
        return self._draft_for(key, text, self.journal.keep_draft)

    def draft_aside(self, key: StepKey, text: str) -> None:
        """Closing while the database thread is stuck: keep `text` beside the journal at once
        (store/kept_aside.py), from whichever thread, without waiting for the journal's lock."""
        self.journal.draft_aside(self.dialogue_id, key.step_id, text)

    def _draft_for(self, key: StepKey | None, text: str | None, write) -> bool:
        if key is None or key != self.key() or self.offering_safety_first:
            return False
        text = _words(text)
        if self.dialogue_id is not None or text is not None:  # nothing written yet: nothing to save
            self._saved(write(self._target(), key.step_id, text))
        self._draft = _Draft(key.position, key.step_id, text) if text else None
        return True

    def stop(self, key: StepKey | None = None, unsent: str | None = None) -> None:
        """End the dialogue here. What was in the box (typed for `key`) is kept as its draft."""
        step = self.current
        text = _words(unsent) if key is not None and key == self.key() else None
        self.conversation.stop()
        self._draft = None
        if self.dialogue_id is not None or text:
            self._saved(self.journal.finish_dialogue(
                self._target(), "stopped", step.id if text else None, text,
            ))

    def close(self) -> None:
        """Let go of the dialogue (paused, stopped or left): another innercritic may resume it."""
        if self.dialogue_id is not None:
            self.journal.release_dialogue(self.dialogue_id)

    @property
    def saved(self) -> bool:
        """Whether anything of this dialogue is in the journal yet."""
        return self.dialogue_id is not None

    def _target(self) -> int | NewDialogue:
        return self.dialogue_id if self.dialogue_id is not None else NewDialogue(self.flow.id, self.part)

    def _saved(self, dialogue_id: int | None) -> None:
        if dialogue_id is not None:
            self.dialogue_id = dialogue_id

    def _save(self, step: Step, turn: Turn, unsent: str | None = None) -> None:
        self._draft = None
        self._saved(self.journal.save_turn(
            self._target(), position=turn.position, step_id=turn.step_id, role=step.role,
            prompt=turn.prompt, answer=turn.answer, value=turn.value, skipped=turn.skipped, unsent=unsent,
        ))

    def _finish_if_done(self) -> None:
        if self.conversation.finished:
            self.journal.finish_dialogue(self.dialogue_id, "completed")


def _recalled(journal: Journal, flow: Flow, part: str | None, dialogue_id: int | None = None) -> dict[str, str]:
    """What a flow with a promise_followup step recalls from this part's earlier dialogues."""
    from innercritic.engine.flow import FOLLOWUP_ROLE

    if not part or flow.step_with_role(FOLLOWUP_ROLE) is None:
        return {}
    promise = journal.last_promise(part, dialogue_id)
    return {"last_promise": promise} if promise else {}


def view_of(session: DialogueSession) -> DialogueView:
    conv = session.conversation
    step = session.current  # the safety-first choices, when they are offered
    offering = session.offering_safety_first
    return DialogueView(
        dialogue_id=session.dialogue_id,
        flow_title=session.flow.title,
        step=step,
        prompt=session.prompt() if step is not None else "",
        hint=(step.hint if offering else conv.hint()) if step is not None else None,
        progress=tuple(conv.progress()),
        turns=tuple((turn, session.flow.step(turn.step_id).role) for turn in conv.turns),
        finished=conv.finished,
        stopped=conv.stopped,
        prefill=None if offering else session.prefill(),
        part=session.part,
        summary=tuple(summary_rows(session)) if conv.finished else (),
        key=session.key(),
        flagged=session.care.flagged,
    )
