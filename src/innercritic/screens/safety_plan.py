"""The safety plan: read it, or write it in your own words. Every part optional.

Gets the plan passed in and dismisses with the edited SafetyPlan (to be saved
by the app) or None. Each part is a box with one thing per line; for people
and services a line is "name: how to reach them".
"""

from __future__ import annotations

from innercritic.widgets.key_hints import KeyHints
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from innercritic.engine.safety_plan import CONTACTS, SECTIONS, PlanEntry, SafetyPlan
from innercritic.textsafe import visible


from ..widgets.answer_area import SafeTextArea


def _lines(plan: SafetyPlan, section: str) -> str:
    out = []
    for entry in plan.sections.get(section, ()):
        out.append(f"{entry.text}: {entry.reach}" if section in CONTACTS and entry.reach else entry.text)
    return "\n".join(out)


def _entries(text: str, section: str) -> tuple[PlanEntry, ...]:
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if section in CONTACTS and ":" in line:
            name, _, reach = line.partition(":")
            entries.append(PlanEntry(name.strip(), reach.strip() or None))
        else:
            entries.append(PlanEntry(line))
    return tuple(entries)


class SafetyPlanScreen(ModalScreen["SafetyPlan | None"]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, plan: SafetyPlan, *, editing: bool = False) -> None:
        super().__init__()
        self.plan = plan
        self.editing = editing or plan.is_empty

    def _words(self):
        from innercritic.engine.care_words import words

        return words()

    def compose(self) -> ComposeResult:
        w = self._words()
        with VerticalScroll(id="plan-panel"):
            yield Static(visible(w.get("plan.title")), id="plan-title", markup=False)
            yield Static(visible(w.get("plan.intro")), classes="muted", markup=False)
            for section in SECTIONS:
                title = w.get(f"plan.{section}.title")
                hint = w.get(f"plan.{section}.hint")
                yield Static(visible(title), classes="section-title", markup=False)
                if self.editing:
                    yield Static(visible(hint), classes="muted", markup=False)
                    area = SafeTextArea(_lines(self.plan, section), id=f"part-{section}", soft_wrap=True,
                                        tab_behavior="focus", compact=True)
                    yield area
                else:
                    entries = self.plan.sections.get(section, ())
                    if not entries:
                        yield Static("–", classes="muted", markup=False)
                    for entry in entries:
                        reach = f" — {entry.reach}" if entry.reach else ""
                        yield Static(Content.assemble(("• ", "dim"), visible(entry.text), reach and visible(reach)))
            with Vertical(id="plan-foot"):  # docked: the buttons and keys stay on screen as the plan scrolls
                with Horizontal(id="plan-buttons"):
                    if self.editing:
                        yield Button(visible(w.get("plan.save")), id="save", compact=True)
                    else:
                        yield Button(visible(w.get("plan.edit")), id="edit", compact=True)
                    yield Button(visible(w.get("plan.back")), id="back", compact=True)
                yield KeyHints(visible(w.get("plan.keys" if self.editing else "plan.read_keys")))

    def on_mount(self) -> None:
        if self.editing:
            self.query_one(f"#part-{SECTIONS[0]}").focus()
        else:
            self.query_one("#edit").focus()

    def edited(self) -> SafetyPlan:
        return SafetyPlan.of({
            section: _entries(self.query_one(f"#part-{section}", SafeTextArea).text, section) for section in SECTIONS
        })

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "edit":
            self.editing = True
            self.refresh(recompose=True)
            self.call_after_refresh(lambda: self.query_one(f"#part-{SECTIONS[0]}").focus())
        else:
            self.action_back()

    def action_save(self) -> None:
        if self.editing:
            self.dismiss(self.edited())

    def action_back(self) -> None:
        self.dismiss(None)
