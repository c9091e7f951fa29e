"""A generated journal of several parts over months, for the part's-story tests.

Built through the Journal API (Journal.import_document, which keeps each entry's
time), never by hand SQL: three parts, dialogues every ten days or so over the
four months up to a fortnight ago, check-ins in between, one answer the safety check
noticed, and one dialogue whose part was never named.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

# Four months ago, whatever today is, so "the last 400 days" always holds all of it.
START = (datetime.now(timezone.utc) - timedelta(days=125)).replace(hour=19, minute=0, second=0, microsecond=0)

# part name -> what each of its dialogues says, oldest first; loudness falls over time
CLIPBOARD = "The Clipboard"
JUDGE = "Judge"
PUSHER = "Pusher"
STEPS = (  # (step id, role) as the critic flow names them
    ("loudness_before", "loudness_before"), ("find", "critic_words"), ("befriend", "job_length"),
    ("befriend_wants", "wants"), ("fears", "fears"), ("protects_from", "protects_from"),
    ("appreciate", "appreciation"), ("trust", "needs"), ("loudness_after", "loudness_after"),
)
NOTICED = "I do not want to be here anymore"  # words the safety check notices (a clear match)
NOTICED_FEAR = "that it all ends and nobody would miss me"  # noticed (tier maybe) in one Judge dialogue


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000+00:00")


def _answers(part: str, n: int) -> dict[str, str]:
    return {
        "find": f"{part} says: you are behind again ({n})",
        "befriend": f"since school, year {n}",
        "befriend_wants": f"for you to be safe from blame ({n})",
        "fears": f"that you will be laughed at in meeting {n}",
        "protects_from": f"being seen as lazy, time {n}",
        "appreciate": f"it keeps me on time ({n})",
        "trust": f"to hear that the work got done ({n})",
    }


def _dialogue(part_uid: str, at: datetime, before: int, after: int, answers: dict[str, str],
              care: list | None = None) -> dict:
    turns = []
    for position, (step, role) in enumerate(STEPS):
        when = _iso(at + timedelta(minutes=position))
        if role.startswith("loudness"):
            value = before if role == "loudness_before" else after
            turns.append(dict(position=position, step=step, role=role, prompt="How loud?", answer=str(value),
                              value=value, skipped=False, at=when))
        else:
            text = answers.get(step)
            turns.append(dict(position=position, step=step, role=role, prompt=f"({step})?", answer=text,
                              value=None, skipped=text is None, at=when))
    return dict(
        uid=uuid.uuid4().hex, kind="dialogue", at=_iso(at), part=part_uid, care=care or [],
        flow="critic", status="completed", ended_at=_iso(at + timedelta(minutes=20)),
        critic_before=before, critic_after=after, draft_step=None, draft=None, turns=turns,
    )


def months_document() -> dict:
    """The export document of the generated journal (docs/export-format.md, version 2)."""
    parts = {name: uuid.uuid4().hex for name in (CLIPBOARD, JUDGE, PUSHER)}
    entries = []
    for n in range(10):  # The Clipboard: ten dialogues, August to November, getting quieter
        at = START + timedelta(days=11 * n)
        answers = _answers("Clipboard", n)
        care = None
        if n == 6:  # the trust answer here was noticed by the safety check: never shown back
            answers["trust"] = NOTICED
            care = [dict(step="trust", tier="clear", gentle_answer=None, safe_answer="yes",
                         at=_iso(at + timedelta(minutes=8)))]
        entries.append(_dialogue(parts[CLIPBOARD], at, before=9 - n // 2, after=max(0, 7 - n), answers=answers,
                                 care=care))
        entries.append(dict(uid=uuid.uuid4().hex, kind="checkin", at=_iso(at + timedelta(days=4)), part=parts[CLIPBOARD],
                            care=[], mood=3, critic=6 - n // 3, note=None))
    for n in range(4):  # Judge: four dialogues in the autumn
        at = START + timedelta(days=40 + 14 * n, hours=2)
        answers, care = _answers("Judge", n), None
        if n == 2:  # a fear the safety check noticed: never quoted in stats or Insights
            answers["fears"] = NOTICED_FEAR
            care = [dict(step="fears", tier="maybe", gentle_answer="no", safe_answer=None,
                         at=_iso(at + timedelta(minutes=4)))]
        entries.append(_dialogue(parts[JUDGE], at, before=8, after=6 - n, answers=answers, care=care))
    # Pusher: one dialogue long ago, then silence
    entries.append(_dialogue(parts[PUSHER], START + timedelta(days=2), before=6, after=5,
                             answers={"find": "faster, faster", "fears": "exactly the same feeling of falling behind"}))
    # a dialogue whose part was never named
    entries.append(_dialogue(None, START + timedelta(days=100), before=5, after=3,
                             answers={"find": "who do you think you are"}))
    entries.sort(key=lambda e: e["at"])
    return dict(
        format="innercritic-export", version=2, exported_at=_iso(START + timedelta(days=120)),
        parts=[dict(uid=uid, name=name, description=None, created_at=_iso(START)) for name, uid in parts.items()],
        entries=entries, safety_plan=None,
    )


def make_months_journal(path: str) -> None:
    from innercritic.store.journal import Journal

    with Journal(path) as journal:
        journal.import_document(months_document(), "generated journal")


# ---- shared by the story tests ---------------------------------------------------------------
import pytest  # noqa: E402 (the fixture below is imported by name into the test modules)


@pytest.fixture
def months(db_path):
    """The generated journal, at the test's db_path."""
    make_months_journal(db_path)
    return db_path


async def open_part(app, pilot, name: str):
    """From home, the parts map, then this part's story (returns the story screen)."""
    from tui_helpers import settle

    from innercritic.screens.part_story import PartDetailScreen
    from innercritic.screens.parts import PartsScreen

    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    assert isinstance(app.screen, PartsScreen)
    names = [p.part.name for p in app.screen.profiles]
    for _ in range(names.index(name)):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, PartDetailScreen)
    return app.screen
