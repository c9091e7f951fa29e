"""A part's story as a use-case both faces call (the shell's `parts show` and the
app's part screen), so the two always tell the same story.

What each answer means comes from its turn's role, or, for an answer saved before
its step had a role, from the step's role in the flow file today. Answers the safety
check noticed are never shown back: they are counted, not quoted.
"""

from __future__ import annotations

from innercritic.engine.story import REACTION_FIELDS, ROLE_FIELDS, STORY_FIELDS, PartStory, StoryEntry

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from innercritic.services.entries import Settings
    from innercritic.store.journal import Journal

_ORDER = {field: index for index, (field, _label) in enumerate(STORY_FIELDS)}


def _roles_of_flows() -> dict[tuple[str, str], str]:
    from innercritic.engine.flow_files import load_flows

    try:
        flows = load_flows()
    except Exception:  # a broken flow file must not hide the journal: roles saved with turns still count
        return {}
    return {(flow.id, step.id): step.role for flow in flows.values() for step in flow.steps if step.role}


def story_entry(row, flow_roles: dict[tuple[str, str], str], reacted_to: str | None = None) -> StoryEntry:
    """One store StoryRow as the story shows it (`reacted_to`: in a dialogue where this part
    stepped in, the name of the part it stepped in about, "" for one never named)."""
    found: dict[str, str] = {}
    held_back = 0
    meaning = REACTION_FIELDS if row.reacted else ROLE_FIELDS
    for step_id, role, answer in row.answers:
        field = meaning.get(role or flow_roles.get((row.flow_id, step_id), ""))
        if field is None:
            continue
        if step_id in row.noticed:
            held_back += 1
            continue
        found[field] = answer  # a step walked twice (a loop): the last answer is the one that stands
    fields = tuple(sorted(found.items(), key=lambda item: _ORDER[item[0]]))
    return StoryEntry(
        entry_id=row.entry_id, at=row.at, flow_id=row.flow_id, status=row.status,
        before=row.critic_before, after=row.critic_after, fields=fields, held_back=held_back,
        reacted_to=reacted_to if row.reacted else None,
    )


def part_story(journal: Journal, name: str, limit: int | None = None) -> PartStory:
    profile, rows, (reacted_to, reactions) = journal.part_story(name, limit)
    roles = _roles_of_flows()
    return PartStory(
        profile=profile, entries=tuple(story_entry(row, roles, row.part_name or "") for row in rows),
        reacted_to=reacted_to, reactions=reactions,
    )


def read_part_story(settings: Settings, name: str, limit: int | None = None) -> PartStory:
    """For the shell: the story, or a usage problem naming the part when there is none."""
    from innercritic.services.upkeep import _unknown_part
    from innercritic.services.entries import read_journal

    journal = read_journal(settings)
    if journal is None:
        raise _unknown_part(name)
    with journal:
        return part_story(journal, name, limit)


def part_reminder(journal: Journal) -> str | None:
    """The home screen's part reminder, only when config.toml turned it on (part_reminder.py)."""
    from innercritic.services.part_reminder import reminder_line, turned_on

    if not turned_on():
        return None
    met = journal.most_met_part()
    return reminder_line(*met) if met else None


# ---- changing parts (both faces) ------------------------------------------------------------


def describe_part(journal: Journal, name: str, description: str | None):
    """Set a part's description; a blank one clears it. The part, as saved."""
    return journal.describe_part(name, description)


def unnamed_dialogue_choices(journal: Journal, limit: int = 30) -> list[tuple[str, str]]:
    """(entry id, label) for each dialogue with no part, newest first: its date and
    exercise, never its words."""
    from innercritic.engine import dates
    from innercritic.engine.flow_files import load_flows

    try:
        titles = {flow_id: flow.title for flow_id, flow in load_flows().items()}
    except Exception:  # a broken flow file: the ids say enough
        titles = {}
    return [
        (str(entry_id), f"#{entry_id} · {dates.friendly(at)} · {titles.get(flow_id, flow_id)}")
        for entry_id, at, flow_id in journal.unnamed_dialogues(limit)
    ]


def link_dialogue(journal: Journal, entry_id: int, name: str):
    """Give a dialogue that was never named a part (made if new): (the part, made?)."""
    from innercritic.limits import clean_name

    return journal.link_dialogue(entry_id, clean_name(name))


def _writable(settings: Settings) -> Journal:
    from innercritic.services.entries import open_journal

    return open_journal(settings, create=False)


def run_describe(settings: Settings, name: str, description: str | None):
    from innercritic.errors import NoJournalYet
    from innercritic.services.upkeep import _unknown_part

    try:
        journal = _writable(settings)
    except NoJournalYet:
        raise _unknown_part(name) from None
    with journal:
        return describe_part(journal, name, description)


def run_link(settings: Settings, entry_id: int, name: str):
    from innercritic.errors import NoJournalYet, UsageProblem

    try:
        journal = _writable(settings)
    except NoJournalYet:
        raise UsageProblem(f"there is no dialogue #{entry_id}") from None
    with journal:
        return link_dialogue(journal, entry_id, name)
