"""`innercritic plan`: show the safety plan, edit it ($EDITOR, prompts, or the text on
standard input), or print it as JSON. The plan lives in the journal."""

from __future__ import annotations

import os
import sys

from innercritic.services import care, entries as services
from innercritic.engine.safety_plan import CONTACTS, SECTIONS, PlanEntry, SafetyPlan, plan_json, plan_text, read_plan_text
from innercritic.errors import InnerCriticError, UsageProblem


def _say(text: str = "") -> None:
    from innercritic.textsafe import visible

    sys.stdout.write(visible(text) + "\n")


def _titles() -> dict[str, str]:
    from innercritic.engine.care_words import words

    w = words()
    return {section: w.get(f"plan.{section}.title") for section in SECTIONS}


def _read_plan(settings) -> SafetyPlan:
    journal = services.read_journal(settings)
    if journal is None:
        return SafetyPlan.empty()
    with journal:
        return care.safety_plan_in(journal)


def run_plan_show(settings, *, as_json: bool) -> None:
    from innercritic.engine.care_words import words
    from innercritic.textsafe import to_json

    plan = _read_plan(settings)
    if as_json:
        sys.stdout.write(to_json(plan_json(plan)) + "\n")
        return
    w = words()
    saved = f"  (saved {plan.updated_at[:10]})" if plan.updated_at else ""
    _say(w.get("plan.title") + saved)
    if plan.is_empty:
        _say()
        _say(w.get("plan.empty"))
        return
    for line in plan_lines(plan, _titles()):
        _say(line)


def plan_lines(plan: SafetyPlan, titles: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for section in SECTIONS:
        entries = plan.sections.get(section, ())
        if not entries:
            continue
        lines += ["", titles[section]]
        for entry in entries:
            reach = f": {entry.reach}" if section in CONTACTS and entry.reach else ""
            lines.append(f"  - {entry.text}{reach}")
    return lines


def run_plan_edit(settings) -> None:
    from innercritic.engine.care_words import words

    with services.open_journal(settings) as journal:
        current = care.safety_plan_in(journal)
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if editor:
            new = _edit_in_editor(editor, current)
        elif sys.stdin.isatty():
            new = _edit_by_prompts(current)
        else:
            new = read_plan_text(sys.stdin.read())
        if new is None or new.same_words(current):
            _say("Nothing changed.")
            return
        care.save_safety_plan_in(journal, new)
    _say(words().get("plan.saved") + " `innercritic plan` shows it.")


def _edit_in_editor(editor: str, current: SafetyPlan) -> SafetyPlan | None:
    import shlex
    import subprocess
    import tempfile

    from innercritic.engine.care_words import words

    folder = tempfile.mkdtemp(prefix="innercritic-plan-")  # 0700
    path = os.path.join(folder, "safety-plan.txt")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(plan_text(current, _titles(), words().get("plan.intro")))
        try:
            done = subprocess.run([*shlex.split(editor), path])
        except (OSError, ValueError) as error:
            raise InnerCriticError(f"could not start the editor '{editor}' ({error}); nothing was changed") from None
        if done.returncode != 0:
            raise InnerCriticError(f"the editor exited with status {done.returncode}; nothing was changed")
        with open(path, encoding="utf-8", errors="replace") as handle:
            return read_plan_text(handle.read())
    finally:
        _scrub(path)
        for name in os.listdir(folder) if os.path.isdir(folder) else ():
            _scrub(os.path.join(folder, name))  # an editor's swap or backup file
        try:
            os.rmdir(folder)
        except OSError:
            pass


def _scrub(path: str) -> None:
    """Overwrite a temporary copy of the plan before removing it."""
    try:
        size = os.path.getsize(path)
        with open(path, "r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        os.unlink(path)
    except OSError:
        pass


def _edit_by_prompts(current: SafetyPlan) -> SafetyPlan:
    from innercritic.engine.care_words import words

    w = words()
    _say(w.get("plan.intro"))
    _say("For each part: type one line at a time and an empty line when done. Just Enter keeps what is")
    _say("there; a single '-' clears it.")
    sections: dict[str, tuple[PlanEntry, ...]] = {}
    for section in SECTIONS:
        _say()
        _say(w.get(f"plan.{section}.title"))
        _say(f"  ({w.get(f'plan.{section}.hint')})")
        for entry in current.sections.get(section, ()):
            reach = f": {entry.reach}" if entry.reach else ""
            _say(f"  now: {entry.text}{reach}")
        typed = _read_lines(section in CONTACTS)
        if typed is None:
            sections[section] = current.sections.get(section, ())
        else:
            sections[section] = typed
    return SafetyPlan.of(sections)


def _read_lines(contacts: bool) -> tuple[PlanEntry, ...] | None:
    entries: list[PlanEntry] = []
    first = True
    while True:
        sys.stdout.write("  › ")
        sys.stdout.flush()
        line = sys.stdin.readline()
        if line == "":
            raise UsageProblem("the plan was not finished; nothing was changed")
        text = line.strip()
        if not text:
            return None if first else tuple(entries)
        if first and text == "-":
            return ()
        first = False
        if contacts and ":" in text:
            name, _, reach = text.partition(":")
            entries.append(PlanEntry(name.strip(), reach.strip() or None))
        else:
            entries.append(PlanEntry(text))
