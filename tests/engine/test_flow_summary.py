"""A flow's [[summary]] rows: what its close shows, in its own words (issue 11, item 9).
Every shipped flow declares them; a bad row is refused with the file and the row named."""

from __future__ import annotations

import pytest

from innercritic.engine.flow import SummaryRow

from innercritic.engine.flow_files import load_flow, load_flows

from test_flow import error_for, scale_step, text_step, write

STEPS = (
    scale_step("loud_before", 'role = "loudness_before"')
    + text_step("says", 'role = "critic_words"\nquote = true')
    + text_step("keep")
    + '[[steps]]\nid = "done"\nkind = "info"\nprompt = "Thanks."\n\n'
)


def summary(*rows: str) -> str:
    return STEPS + "".join(f"[[summary]]\n{row}\n\n" for row in rows)


def test_every_shipped_flow_says_what_its_summary_shows():
    for flow_id, flow in load_flows().items():
        assert flow.summary, flow_id
        labels = [row.label for row in flow.summary]
        assert len(labels) == len(set(labels)), flow_id
        assert "You told it" not in labels, flow_id
        for row in flow.summary:
            if row.step:
                assert flow.step(row.step).answers, (flow_id, row)


def test_rows_are_read_in_order(tmp_path):
    flow = load_flow(write(tmp_path, summary(
        'label = "It said"\nrole = "critic_words"', 'label = "To keep"\nstep = "keep"', 'label = "Loud"\nshow = "loudness"',
    )))
    assert flow.summary == (
        SummaryRow("It said", role="critic_words"), SummaryRow("To keep", step="keep"), SummaryRow("Loud", show="loudness"),
    )


@pytest.mark.parametrize(("row", "message"), [
    ('step = "keep"', "summary row 1: 'label' must be a non-empty string"),
    ('label = "X"', "summary row 1: give exactly one of step, role or show (it has none)"),
    ('label = "X"\nstep = "keep"\nrole = "critic_words"', "summary row 1: give exactly one of step, role or show (it has 2)"),
    ('label = "X"\nstep = "nope"', "summary row 1: there is no step with id 'nope'"),
    ('label = "X"\nrole = "fears"', "summary row 1: there is no step with role 'fears'"),
    ('label = "X"\nstep = "done"', "summary row 1: step 'done' takes no answer, so there is nothing to show"),
    ('label = "X"\nshow = "mood"', "summary row 1: show must be one of part, loudness (got 'mood')"),
    ('label = "X"\nstep = "keep"\nquote = true', "summary row 1: unknown key 'quote'"),
])
def test_a_bad_row_is_refused_naming_the_file_and_row(tmp_path, row, message):
    assert error_for(write(tmp_path, summary(row))).startswith(f"mini.toml: {message}")


def test_the_same_answer_twice_and_loudness_without_a_scale_are_refused(tmp_path):
    twice = summary('label = "A"\nstep = "says"', 'label = "B"\nrole = "critic_words"')
    assert "summary row 2: 'critic_words' is already shown by an earlier row" in error_for(write(tmp_path, twice))
    bare = text_step("only") + '[[summary]]\nlabel = "Loud"\nshow = "loudness"\n'
    assert "needs a step with role loudness_before or loudness_after" in error_for(write(tmp_path, bare, "bare.toml",
                                                                                          header='id = "bare"\ntitle = "B"\n'))
    not_a_list = write(tmp_path, STEPS, "odd.toml", header='id = "odd"\ntitle = "O"\nsummary = "all"\n')
    assert error_for(not_a_list) == "odd.toml: 'summary' must be a list of [[summary]] tables"
