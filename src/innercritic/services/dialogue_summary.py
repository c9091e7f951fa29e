"""The closing summary of a dialogue: the rows a flow's [[summary]] declares, filled in.

From the answers on the current path (not those set aside), the part's name and the
critic's loudness before → after; a row with nothing to show is left out, and an
answer the safety check noticed is never shown back. Used by dialogue.view_of (the
app's closing screen) and by `talk --plain`.
"""

from __future__ import annotations


def summary_rows(session) -> list[tuple[str, str]]:
    """(label, text) pairs for the close, as the flow's [[summary]] rows declare them,
    from the answers on the current path; rows with nothing to show are left out.
    The one place a summary is made: the app's closing screen and `talk --plain` use it.
    `session` is a DialogueSession, not imported here: services/dialogue.py imports this."""
    conv = session.conversation
    flow = session.flow
    rows: list[tuple[str, str]] = []
    for row in flow.summary:
        if row.show == "part":
            text = session.part
        elif row.show == "loudness":
            text = _loudness(conv.value_for_role("loudness_before"), conv.value_for_role("loudness_after"))
        else:
            step = flow.step(row.step) if row.step else flow.step_with_role(row.role)
            if step.id in session.care.withheld:
                continue  # what the safety check noticed is never shown back
            text = conv.answer_for_step(step.id)
            if text and step.quote:
                text = f"“{text}”"
        if text:
            rows.append((row.label, text))
    return rows


def _loudness(before: object, after: object) -> str | None:
    shown = [str(value) if isinstance(value, int) else "?" for value in (before, after)]
    return None if shown == ["?", "?"] else " → ".join(shown)
