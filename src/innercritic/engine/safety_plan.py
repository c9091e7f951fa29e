"""The safety plan as a value: six optional parts, in the person's own words.

The widely used six-part shape (Stanley & Brown): warning signs; things I can
do on my own; people and places that take my mind off it; people I can ask for
help (name and how to reach them); professionals or services; making my
surroundings safer. Pure: the store keeps it, the faces draw it, and the text
form here is what `innercritic plan edit` opens in $EDITOR.
"""

from __future__ import annotations

from ..tuples import named_tuple

SECTIONS = ("warning_signs", "on_my_own", "distractions", "people", "professionals", "safer")
CONTACTS = ("people", "professionals")  # sections whose lines are a name and how to reach them
MAX_ITEMS = 30  # per section: a plan is short
MAX_CHARS = 500  # per line


class PlanEntry(named_tuple("PlanEntry", "text reach", defaults=(None,))):
    """text: str (for people and professionals, the name); reach: str | None."""

    __slots__ = ()


class SafetyPlan(named_tuple("SafetyPlan", "sections updated_at", defaults=(None,))):
    """sections: dict of section -> tuple[PlanEntry, ...] (every section present);
    updated_at: str | None (UTC ISO), when it was last saved."""

    __slots__ = ()

    @classmethod
    def empty(cls) -> "SafetyPlan":
        return cls({section: () for section in SECTIONS})

    @classmethod
    def of(cls, sections: dict, updated_at: str | None = None) -> "SafetyPlan":
        """A plan from loose parts: missing sections are empty, blank lines are dropped."""
        clean = {}
        for section in SECTIONS:
            entries = []
            for item in sections.get(section, ()):
                entry = item if isinstance(item, PlanEntry) else PlanEntry(*item) if isinstance(item, (tuple, list)) else PlanEntry(item)
                text = " ".join(str(entry.text or "").split())
                reach = " ".join(str(entry.reach or "").split()) or None
                if text or reach:
                    entries.append(PlanEntry(text or reach or "", reach if text else None))
            clean[section] = tuple(entries)
        return cls(clean, updated_at)

    @property
    def is_empty(self) -> bool:
        return not any(self.sections.values())

    @property
    def people(self) -> tuple[PlanEntry, ...]:
        return self.sections.get("people", ())

    @property
    def steps(self) -> tuple[PlanEntry, ...]:
        """The things the person can do on their own."""
        return self.sections.get("on_my_own", ())

    def same_words(self, other: "SafetyPlan") -> bool:
        return self.sections == other.sections


def check_plan(plan: SafetyPlan) -> str | None:
    """Why this plan cannot be kept (too long), or None."""
    for section in SECTIONS:
        entries = plan.sections.get(section, ())
        if len(entries) > MAX_ITEMS:
            return f"a part of the plan holds up to {MAX_ITEMS} lines"
        for entry in entries:
            if len(entry.text) > MAX_CHARS or len(entry.reach or "") > MAX_CHARS:
                return f"one line of the plan is over {MAX_CHARS} characters"
    return None


# ---- the text form ($EDITOR) ------------------------------------------------------------


def plan_text(plan: SafetyPlan, titles: dict[str, str], intro: str) -> str:
    """The plan as plain text with a heading per part; read back by :func:`read_plan_text`."""
    lines = [f"# {line}" for line in (
        intro,
        "One thing per line. For people and services, write: name: how to reach them.",
        "Lines starting with # are ignored. Save and close the editor to keep it.",
    )]
    for section in SECTIONS:
        lines += ["", f"## {titles.get(section, section)}  [{section}]"]
        for entry in plan.sections.get(section, ()):
            if section in CONTACTS and entry.reach:
                lines.append(f"{entry.text}: {entry.reach}")
            else:
                lines.append(entry.text)
    return "\n".join(lines) + "\n"


def read_plan_text(text: str) -> SafetyPlan:
    """A plan from its text form. Headings end in [section]; unknown headings are ignored."""
    sections: dict[str, list[PlanEntry]] = {section: [] for section in SECTIONS}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("##"):
            marker = line.rsplit("[", 1)[-1].rstrip("]").strip() if line.endswith("]") else ""
            current = marker if marker in sections else None
            continue
        if not line or line.startswith("#") or current is None:
            continue
        if current in CONTACTS and ":" in line:
            name, _, reach = line.partition(":")
            sections[current].append(PlanEntry(name.strip(), reach.strip() or None))
        else:
            sections[current].append(PlanEntry(line))
    return SafetyPlan.of(sections)


def plan_json(plan: SafetyPlan) -> dict:
    """The plan as plain JSON values (`plan --json`, the export)."""
    out: dict = {"updated_at": plan.updated_at}
    for section in SECTIONS:
        entries = plan.sections.get(section, ())
        if section in CONTACTS:
            out[section] = [{"name": entry.text, "reach": entry.reach} for entry in entries]
        else:
            out[section] = [entry.text for entry in entries]
    return out
