"""Reading a flow file's [[summary]] rows: what the close shows, in the flow's own words.

    [[summary]]
    label = "The critic said"
    step = "find"            # or role = "critic_words", or show = "part" / "loudness"

Each row names exactly one thing to show; a row whose answer is missing (skipped,
or on a path not taken) is left out of the summary. Used by flow_reader.py.
"""

from __future__ import annotations

from typing import Callable

from innercritic.engine.flow import SUMMARY_SHOWS, FlowError, Step, SummaryRow

_ROW_KEYS = ("label", "step", "role", "show")
_WHAT = ("step", "role", "show")


def read_summary(raw: object, steps: tuple[Step, ...], fail: Callable[[str], FlowError]) -> tuple[SummaryRow, ...]:
    """The checked rows of `raw` (the file's `summary` value; None when it has none)."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise fail("'summary' must be a list of [[summary]] tables")
    by_id = {step.id: step for step in steps}
    by_role = {step.role: step for step in steps if step.role}
    rows: list[SummaryRow] = []
    shown: set[str] = set()
    for number, item in enumerate(raw, start=1):
        where = f"summary row {number}"
        for key in item:
            if key not in _ROW_KEYS:
                raise fail(f"{where}: unknown key '{key}' (a row has a label and one of step, role or show)")
        label = item.get("label")
        if not isinstance(label, str) or not label.strip():
            raise fail(f"{where}: 'label' must be a non-empty string")
        named = [key for key in _WHAT if key in item]
        if len(named) != 1:
            raise fail(f"{where}: give exactly one of step, role or show (it has {len(named) or 'none'})")
        key = named[0]
        value = item[key]
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{where}: '{key}' must be a non-empty string")
        if key == "show":
            if value not in SUMMARY_SHOWS:
                raise fail(f"{where}: show must be one of {', '.join(SUMMARY_SHOWS)} (got '{value}')")
            if value == "loudness" and not {"loudness_before", "loudness_after"} & set(by_role):
                raise fail(f"{where}: show = \"loudness\" needs a step with role loudness_before or loudness_after")
            target = f"show:{value}"
        else:
            step = by_id.get(value) if key == "step" else by_role.get(value)
            if step is None:
                raise fail(f"{where}: there is no step with {'id' if key == 'step' else 'role'} '{value}'")
            if not step.answers:
                raise fail(f"{where}: step '{step.id}' takes no answer, so there is nothing to show")
            target = step.id
        if target in shown:
            raise fail(f"{where}: '{value}' is already shown by an earlier row")
        shown.add(target)
        rows.append(SummaryRow(label=label, **{key: value}))
    return tuple(rows)
