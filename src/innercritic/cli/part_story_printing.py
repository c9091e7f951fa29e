"""How a part's story looks in the shell (`parts show`) and in its JSON.

The same StoryEntry fields, labels and order as the app's part screen
(engine/story.py). User text goes through textsafe.visible.
"""

from __future__ import annotations

from innercritic.engine import dates
from innercritic.engine.story import HELD_BACK, STORY_FIELDS, PartStory, StoryEntry, entry_heading
from innercritic.cli.journal_printing import _saying_json, part_patterns, part_profile_json
from innercritic.textsafe import one_line, visible
from innercritic.views.common import plural

LABELS = dict(STORY_FIELDS)


def story_entry_json(entry: StoryEntry) -> dict:
    item = {
        "entry": entry.entry_id, "at": entry.at, "flow": entry.flow_id, "status": entry.status,
        "critic_before": entry.before, "critic_after": entry.after,
    }
    item.update({field: entry.text(field) for field, _label in STORY_FIELDS})
    item["held_back"] = entry.held_back
    item["stepped_in_about"] = entry.reacted_to
    return item


def part_story_json(story: PartStory) -> dict:
    profile = story.profile
    item = part_profile_json(profile)
    item.update(reacted_to=list(story.reacted_to), reactions=list(story.reactions))
    item["patterns"] = [
        {"kind": kind, "name": name, "count": count, "words": words}
        for kind, name, count, words in part_patterns(profile)
    ]
    item["words"] = [_saying_json(s) for s in profile.words]
    item["fears"] = [_saying_json(s) for s in profile.fears]
    item["needs"] = [_saying_json(s) for s in profile.needs]
    item["story"] = [story_entry_json(entry) for entry in story.entries]
    return item




def part_story_text(story: PartStory) -> str:
    profile = story.profile
    part = profile.part
    lines = [one_line(part.name)]
    if part.description:
        lines.append("  " + visible(part.description).replace("\n", "\n  "))
    lines.append(
        f"Came up {plural(profile.times, 'time')} "
        f"({plural(profile.dialogues, 'dialogue')}, {plural(profile.checkins, 'check-in')})"
        f" · last seen {dates.friendly(profile.last_seen) if profile.last_seen else 'never'}"
    )
    if story.reacted_to:
        lines.append("Stepped in about " + ", ".join(one_line(name) for name in story.reacted_to))
    if story.reactions:
        lines.append("Parts that stepped in about it: " + ", ".join(one_line(name) for name in story.reactions))
    patterns = part_patterns(profile)
    if patterns:
        lines += ["", "How it tends to speak (the critic lens, over its latest words):"]
        for _kind, name, count, words in patterns:
            quoted = ", ".join(f"“{one_line(w, 30)}”" for w in words)
            lines.append(f"  {name} ×{count}" + (f": {quoted}" if quoted else ""))
    lines += ["", "Its story, newest first (`innercritic show ID` opens a dialogue):"]
    if not story.entries:
        lines.append("  (no dialogues with it yet)")
    for entry in story.entries:
        lines += ["", one_line(entry_heading(entry))]
        if not entry.fields and not entry.held_back:
            lines.append("  (nothing written about it here)")
        for field, text in entry.fields:
            lines.append(f"  {LABELS[field]}:")
            lines.append("    " + visible(text).replace("\n", "\n    "))
        if entry.held_back:
            lines.append("  " + HELD_BACK)
    return "\n".join(lines)
