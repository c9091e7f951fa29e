"""Use-cases of the crisis path that read or change the journal: the safety plan, the
answers given on the path, the country the help lines are for. Each takes a journal
already open (the app's, on its database thread; the shell's, in its command).
"""

from __future__ import annotations


def safety_plan_in(journal):
    """The person's safety plan (engine.safety_plan.SafetyPlan), empty when none is written."""
    return journal.safety_plan()


def save_safety_plan_in(journal, plan):
    """Keep `plan` as the safety plan; returns it as saved."""
    return journal.save_safety_plan(plan)


def answer_care_event_in(journal, event_id: int, **answer) -> None:
    """Keep what was answered on the path (gentle= and/or safe=) with the moment that opened it."""
    journal.answer_care_event(event_id, **answer)


def choose_country(code: str) -> None:
    """Remember the country the help lines are for (the settings file, not the journal)."""
    from innercritic import config

    config.write("country", config.check_value("country", code))
