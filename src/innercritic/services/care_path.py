"""The crisis path's content, shared by every way in (the app's panel, F1, `talk --plain`,
the shell's `checkin` and `help-now`): which country's lines, and what to show, most
urgent first.

Face-neutral: no Textual, no Rich. The app draws a CrisisView in screens/crisis.py;
the shell prints `crisis_lines(view)`. The order is always the same: the local
emergency number, then the person's own safety-plan people and steps, then the
help lines for their country, then findahelpline.com.
"""

from __future__ import annotations

from innercritic.tuples import named_tuple

CONTEXTS = ("dialogue", "checkin", "request")


class Where(named_tuple("Where", "place chosen asked problems")):
    """place: engine.helplines.Place; chosen: "flag", "config", "locale" or "none";
    asked: str | None (the code asked for, also when it has no lines listed);
    problems: list[str] (empty: preferences.current() has already said any problem with the config file)."""

    __slots__ = ()


class HelpRow(named_tuple("HelpRow", "kind label detail")):
    """kind: "emergency" | "person" | "step" | "line" | "find"; label, detail: str."""

    __slots__ = ()


class CrisisView(named_tuple("CrisisView", "context title intro rows country_note has_plan not_therapy code")):
    """What the crisis path shows, for one context ("dialogue", "checkin" or "request")."""

    __slots__ = ()

    def rows_of(self, *kinds: str) -> tuple[HelpRow, ...]:
        return tuple(row for row in self.rows if row.kind in kinds)


def where_for_help(country: str | None = None, environ: dict[str, str] | None = None) -> Where:
    """The lines to show: --country, else config.toml's country, else the locale's, else general."""
    from innercritic.engine.helplines import country_from_locale, shipped

    helplines = shipped()
    problems: list[str] = []
    if country:
        return Where(helplines.find(country), "flag", country.upper(), problems)
    from innercritic.services import preferences

    settings = preferences.current()  # says any problem with the file, once per run
    configured = settings.get("country")
    if configured:
        return Where(helplines.find(configured), "config", configured, problems)
    guessed = country_from_locale(environ)
    if guessed:
        return Where(helplines.find(guessed), "locale", guessed, problems)
    return Where(helplines.general, "none", None, problems)


def crisis_view(context: str, where: Where, plan=None) -> CrisisView:
    """The view for one context; `plan` is the person's SafetyPlan (or None)."""
    from innercritic.engine.care_words import fill, words

    w = words()
    place = where.place
    rows: list[HelpRow] = []
    if place.is_general:
        rows.append(HelpRow("emergency", w.get("panel.emergency_general"), ""))
    else:
        rows.append(HelpRow("emergency", fill(w.get("panel.emergency"), number=place.emergency.number), ""))
    has_plan = plan is not None and not plan.is_empty
    if has_plan:
        rows += [HelpRow("person", entry.text, entry.reach or "") for entry in plan.people]
        rows += [HelpRow("step", entry.text, "") for entry in plan.steps]
    for line in place.lines:
        detail = line.how + (f" ({line.when})" if line.when else "")
        rows.append(HelpRow("find" if place.is_general else "line", line.name, detail))
    if not place.is_general:
        from innercritic.engine.helplines import shipped

        for line in shipped().general.lines:
            rows.append(HelpRow("find", line.name, line.how))
    title = w.get("panel.title_request") if context == "request" else w.get("panel.title")
    return CrisisView(
        context=context, title=title, intro=w.for_context("panel.intro", context), rows=tuple(rows),
        country_note=country_note(where), has_plan=has_plan, not_therapy=w.get("panel.not_therapy"),
        code=place.code,
    )


def country_note(where: Where) -> str:
    from innercritic.engine.care_words import fill, words

    w = words()
    place = where.place
    if place.is_general:
        if where.asked and where.asked.lower() != "general":
            return fill(w.get("panel.country_unknown"), code=where.asked)
        return w.get("panel.country_none")
    if where.chosen == "locale":
        return fill(w.get("panel.country_guessed"), name=place.name)
    return fill(w.get("panel.country_set"), name=place.name)


def crisis_lines(view: CrisisView, *, with_intro: bool = True) -> list[str]:
    """The view as plain lines for a shell, most urgent first (no markup)."""
    from innercritic.engine.care_words import words

    lines = [view.title, ""]
    if with_intro:
        lines += [view.intro, ""]
    people_label = words().get("panel.your_people")
    steps_label = words().get("panel.your_steps")
    for row in view.rows:
        if row.kind == "emergency":
            lines.append(f"  {row.label}")
        elif row.kind == "person":
            lines.append(f"  {people_label}: {row.label}" + (f", {row.detail}" if row.detail else ""))
        elif row.kind == "step":
            lines.append(f"  {steps_label}: {row.label}")
        else:
            lines.append(f"  {row.label}: {row.detail}")
    lines += ["", view.country_note]
    return lines


def answer_word(text: str) -> str | None:
    """A typed answer to a yes / no / not sure question, as stored ("yes", "no", "not_sure")."""
    reply = " ".join(text.strip().casefold().replace("'", "").split())
    if reply in ("y", "yes", "yeah", "yep", "i am", "im safe", "safe"):
        return "yes"
    if reply in ("n", "no", "nope", "not safe", "im not", "i am not"):
        return "no"
    if reply in ("not sure", "unsure", "dont know", "i dont know", "maybe", "?", "ns", "not really sure"):
        return "not_sure"
    return None
