"""The Journal's care methods: what the safety check noticed (care events, never words)
and the safety plan, over store/care_store.py.

A base class of Journal (store/journal.py), kept apart so each file has one job.
Uses from Journal: path, _conn and _run(work).
"""

from __future__ import annotations

from ..engine.dates import now_iso
from ..engine.records import CareEventRecord
from ..errors import UsageProblem
from .connection import write_transaction

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from ..engine.safety_plan import SafetyPlan  # loaded with the plan, not with every journal


class CareJournal:
    # ---- care: what the safety check noticed, and the safety plan (store/care_store) -------
    def add_care_event(self, entry_id: int, step_id: str | None, tier: str) -> CareEventRecord:
        """Note that the safety check noticed something in an entry (never the words)."""
        from . import care_store

        def work() -> CareEventRecord:
            with write_transaction(self._conn, self.path):
                event_id = care_store.add_event(self._conn, entry_id=entry_id, step_id=step_id, tier=tier, at=now_iso())
            return next(e for e in care_store.events(self._conn, entry_id) if e.id == event_id)

        return self._run(work)

    def answer_care_event(self, event_id: int, *, gentle: str | None = None, safe: str | None = None) -> None:
        from . import care_store

        for answer in (gentle, safe):
            if answer is not None and answer not in care_store.ANSWERS:
                raise ValueError(f"not an answer: {answer!r}")

        def work() -> None:
            with write_transaction(self._conn, self.path):
                care_store.answer_event(self._conn, event_id, gentle=gentle, safe=safe)

        self._run(work)

    def care_events(self, entry_id: int) -> list[CareEventRecord]:
        from . import care_store

        return self._run(lambda: care_store.events(self._conn, entry_id))

    def safety_plan(self) -> SafetyPlan:
        from . import care_store

        return self._run(lambda: care_store.read_plan(self._conn))

    def save_safety_plan(self, plan: SafetyPlan) -> SafetyPlan:
        """Replace the safety plan with `plan` (all six parts at once); returns it as saved."""
        from ..engine.safety_plan import check_plan
        from . import care_store

        problem = check_plan(plan)
        if problem:
            raise UsageProblem(f"{problem}; nothing was changed")

        def work() -> SafetyPlan:
            with write_transaction(self._conn, self.path):
                care_store.write_plan(self._conn, plan, now_iso())
            return care_store.read_plan(self._conn)

        return self._run(work)
