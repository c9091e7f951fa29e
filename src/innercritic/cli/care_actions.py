"""The crisis path in the shell: `help-now`, what `checkin` says after a worrying
note, and the shared question-and-answer used by `talk --plain`.

Plain text on standard output (standard error after `--json`), never a prompt
when standard input is not a terminal. What the person answers is saved with
the entry (a care event), never their words.
"""

from __future__ import annotations

import sys

from innercritic.services import care, care_path


def _say(text: str = "", *, err: bool = False) -> None:
    from innercritic.textsafe import visible

    stream = sys.stderr if err else sys.stdout
    stream.write(visible(text) + "\n")
    stream.flush()


def _plan_or_none(settings):
    """The person's safety plan, or None (no journal yet, or one that cannot be read)."""
    from innercritic.services import entries as services
    from innercritic.errors import InnerCriticError

    try:
        journal = services.read_journal(settings)
    except InnerCriticError:
        return None
    if journal is None:
        return None
    with journal:
        try:
            return care.safety_plan_in(journal)
        except InnerCriticError:
            return None


def _problems(where) -> None:
    for problem in where.problems:
        _say(f"innercritic: {problem}", err=True)


def run_help_now(
    settings, *, country: str | None = None, list_all: bool = False, err: bool = False, as_json: bool = False,
) -> None:
    if list_all:
        _list_countries()
        return
    if country is not None:
        _check_country(country)
    where = care_path.where_for_help(country)
    _problems(where)
    view = care_path.crisis_view("request", where, _plan_or_none(settings))
    if as_json:
        from innercritic.textsafe import to_json

        _say(to_json({
            "version": 1, "country": where.place.code, "chosen_by": where.chosen, "title": view.title,
            "rows": [{"kind": row.kind, "label": row.label, "detail": row.detail} for row in view.rows],
            "country_note": view.country_note, "not_therapy": view.not_therapy,
        }), err=err)
        return
    lines = care_path.crisis_lines(view)
    lines += ["", "innercritic help-now --list shows every country; `innercritic config set country GB` sets yours.",
              view.not_therapy]
    for line in lines:
        _say(line, err=err)


def _check_country(country: str) -> None:
    from innercritic.config import check_value

    check_value("country", country)  # a bad code: one line, exit 2


def _list_countries() -> None:
    from innercritic.engine.helplines import shipped

    for place in shipped().countries():
        label = "general" if place.is_general else place.code
        _say(f"{label:<8} {place.name}")
        emergency = place.emergency.number
        _say(f"         in danger: {emergency}")
        for line in place.lines:
            _say(f"         {line.name}: {line.how}" + (f" ({line.when})" if line.when else ""))
        verified = max(line.verified for line in place.lines)
        _say(f"         checked {verified.isoformat()}")


# ---- after a worrying check-in note -------------------------------------------------------


def after_checkin(settings, journal, outcome, *, err: bool, interactive: bool) -> None:
    """What follows a check-in whose note the safety check noticed."""
    if outcome.tier == "clear":
        _after_clear_checkin(settings, journal, outcome, err=err, interactive=interactive)
    elif outcome.tier == "maybe":
        _after_maybe_checkin(settings, journal, err=err, interactive=interactive)


def _after_clear_checkin(settings, journal, outcome, *, err: bool, interactive: bool) -> None:
    from innercritic.engine.care_words import words

    w = words()
    where = care_path.where_for_help()
    _problems(where)
    plan = care.safety_plan_in(journal)
    view = care_path.crisis_view("checkin", where, plan)
    for line in care_path.crisis_lines(view):
        _say(line, err=err)
    _say("", err=err)
    if not interactive:
        _say(w.get("unsafe.reach"), err=err)
        _say(view.not_therapy, err=err)
        return
    answer = ask(w.get("question.plain"), out=sys.stderr if err else sys.stdout)
    if answer is not None and outcome.event is not None:
        care.answer_care_event_in(journal, outcome.event.id, safe=answer)
    if answer == "yes":
        _say(w.get("safe.text"), err=err)
        _say("`innercritic breathe` is a minute of slow breathing, whenever you want it.", err=err)
    else:
        unsafe_words(plan, err=err)
    _say(view.not_therapy, err=err)


def unsafe_words(plan, *, err: bool = False) -> None:
    """The calm words after "no" or "not sure": reach someone now, the plan, and hope."""
    from innercritic.engine.care_words import words

    w = words()
    _say(w.get("unsafe.reach"), err=err)
    _say(w.get("unsafe.hope"), err=err)
    if plan is not None and not plan.is_empty:
        _say("`innercritic plan` shows your safety plan.", err=err)
    _say("`innercritic breathe` is a minute of slow breathing.", err=err)


def _after_maybe_checkin(settings, journal, *, err: bool, interactive: bool) -> None:
    from innercritic.engine.care_words import words

    w = words()
    _say(w.get("gentle.shell_line"), err=err)
    if not interactive:
        return
    out = sys.stderr if err else sys.stdout  # after --json, standard output holds only the JSON
    out.write(w.get("gentle.shell_offer"))
    out.flush()
    reply = sys.stdin.readline()
    if reply.strip().casefold() in ("y", "yes"):
        _say(err=err)
        run_help_now(settings, err=err)


def ask(question: str, read=None, out=None) -> str | None:
    """Ask a yes / no / not sure question until it is answered (None at end of input)."""
    read = read or sys.stdin.readline
    out = out or sys.stdout
    while True:
        out.write(question + " ")
        out.flush()
        line = read()
        if line == "":
            return None
        answer = care_path.answer_word(line)
        if answer is not None:
            return answer
        if not line.strip():
            return "not_sure"  # an empty answer is not a yes
        out.write("Please answer yes, no or not sure.\n")
