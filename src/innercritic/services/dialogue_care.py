"""What a dialogue remembers about care: which steps the safety check noticed, which
questions were asked and answered, and whether the safety-first choices come before
the next question of the exercise.

Kept with the session (services/dialogue.py), saved as care events in the journal
(never the words), and rebuilt from them when a dialogue is resumed. The choices
themselves are worded in data/care.toml ([safety_first]); docs/care-path.md says
how they plug into the conversation.
"""

from __future__ import annotations

SAFETY_FIRST_ID = "safety_first"  # not a flow step: never saved as a turn
SAFETY_CHOICES = ("ground", "someone", "carry_on", "stop")


class DialogueCare:
    def __init__(self, journal, events=()) -> None:
        self.journal = journal
        self.events = list(events)
        self.withheld: set[str] = {event.step_id for event in self.events if event.step_id}
        # A flagged dialogue, picked up again, offers the safety-first choices first.
        self.offering = any(event.opened_the_path for event in self.events)
        self.offered_before = False

    @classmethod
    def load(cls, journal, dialogue_id: int) -> "DialogueCare":
        return cls(journal, journal.care_events(dialogue_id))

    @property
    def flagged(self) -> bool:
        """True once the crisis path has been opened in this dialogue (or is to be)."""
        return any(event.opened_the_path for event in self.events)

    def notice(self, dialogue_id: int, step_id: str, tier: str):
        """The check noticed an answer (already saved in dialogue `dialogue_id`): remember
        the step, and note it in the journal.

        Returns the new event when a question is to be asked now: always for a
        clear match, and for a maybe only the first time at this step."""
        self.withheld.add(step_id)
        if tier == "maybe" and any(e.step_id == step_id and e.tier == "maybe" for e in self.events):
            return None
        event = self.journal.add_care_event(dialogue_id, step_id, tier)
        self.events.append(event)
        return event

    def answer(self, event, *, gentle: str | None = None, safe: str | None = None):
        """Keep an answer; returns the event as it now stands."""
        self.journal.answer_care_event(event.id, gentle=gentle, safe=safe)
        updated = event._replace(
            gentle_answer=gentle if gentle is not None else event.gentle_answer,
            safe_answer=safe if safe is not None else event.safe_answer,
        )
        self.events = [updated if e.id == event.id else e for e in self.events]
        return updated

    def offer_safety_first(self) -> None:
        """After the crisis path: the choices come before the next question."""
        self.offering = True

    def choose(self, choice: str) -> str | None:
        """Take one of the safety-first choices; returns what the face should do next:
        "breathe", "someone", "stop", or None (back to the exercise)."""
        if choice not in SAFETY_CHOICES:
            from innercritic.engine.conversation import AnswerError

            raise AnswerError("That isn't one of the options. Pick a number from 1 to 4.")
        self.offered_before = True
        if choice == "carry_on":
            self.offering = False
            return None
        return {"ground": "breathe", "someone": "someone", "stop": "stop"}[choice]


def safety_first_step(again: bool = False):
    """The safety-first choices as a choice step the faces can draw like any other."""
    from innercritic.engine.care_words import words
    from innercritic.engine.flow import Choice, Step

    w = words()
    return Step(
        id=SAFETY_FIRST_ID, kind="choice",
        prompt=w.get("safety_first.again" if again else "safety_first.prompt"),
        hint=w.get("safety_first.hint"),
        choices=tuple(Choice(choice, w.get(f"safety_first.{choice}")) for choice in SAFETY_CHOICES),
    )
