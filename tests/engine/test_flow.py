"""Loading and checking flow files: the shipped ones, and one bad file per rule."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from innercritic.engine.flow import FlowError

from innercritic.engine.flow_files import check_files, default_flow_id, load_flow, load_flows
from innercritic.resources import data_path

SHIPPED = ("critic", "kind-eyes", "warm-up", "blocks", "reflect")

HEADER = 'id = "mini"\ntitle = "Mini"\n'


def write(tmp_path: Path, body: str, name: str = "mini.toml", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


def error_for(path: Path) -> str:
    with pytest.raises(FlowError) as caught:
        load_flow(path)
    return str(caught.value)


def text_step(step_id: str, extra: str = "") -> str:
    return f'[[steps]]\nid = "{step_id}"\nkind = "text"\nprompt = "Say something."\n{extra}\n'


TWO_CHOICES = """
  [[steps.choices]]
  id = "yes"
  label = "Yes"

  [[steps.choices]]
  id = "no"
  label = "No"
"""


def choice_step(step_id: str, extra: str = "") -> str:
    return f'[[steps]]\nid = "{step_id}"\nkind = "choice"\nprompt = "Pick one."\n{extra}\n{TWO_CHOICES}\n'


def scale_step(step_id: str, extra: str = "") -> str:
    return f'[[steps]]\nid = "{step_id}"\nkind = "scale"\nprompt = "How much?"\n{extra}\n'


# --------------------------------------------------------------------------- shipped flows


def test_every_shipped_flow_loads():
    flows = load_flows()
    assert sorted(flows) == sorted(SHIPPED)
    assert check_files([data_path("flows")]) == []


def test_critic_is_the_default_and_comes_first():
    flows = load_flows()
    assert default_flow_id(flows) == "critic"
    assert next(iter(flows)) == "critic"
    assert [f.id for f in flows.values() if f.default] == ["critic"]


def test_shipped_flows_are_loaded_once_and_copied():
    first = load_flows()
    first.pop("critic")
    again = load_flows()
    assert "critic" in again
    assert again["reflect"] is first["reflect"]


def test_critic_flow_has_every_role_and_stage():
    critic = load_flows()["critic"]
    assert critic.stages == (
        "Begin", "Find", "Focus", "Flesh out", "Feel toward", "beFriend", "Fears", "Close",
    )  # fmt: skip
    roles = {step.role for step in critic.steps if step.role}
    assert roles == {
        "loudness_before", "loudness_after", "critic_words", "body", "part_name",
        "feel_toward", "fears", "protects_from", "needs", "compassion", "summary",
    }  # fmt: skip
    assert critic.step_with_role("critic_words").quote is True
    assert critic.step_with_role("nothing") is None


def test_other_flows_use_several_kinds_and_between_them_a_breathe_and_a_scale():
    flows = load_flows()
    others = [flows[name] for name in SHIPPED if name != "critic"]
    kinds_used: set[str] = set()
    for flow in others:
        kinds = {step.kind for step in flow.steps}
        assert len(kinds) >= 3, flow.id
        assert flow.step_with_role("summary") is not None, flow.id
        kinds_used |= kinds
    assert {"breathe", "scale", "choice", "multi"} <= kinds_used


def test_loading_the_engine_imports_no_ui_or_database_library():
    code = (
        "import sys, innercritic.engine.flow, innercritic.engine.conversation;"
        "bad = {'textual', 'rich', 'typer', 'sqlalchemy', 'sqlmodel', 'pydantic'} & set(sys.modules);"
        "print(sorted(bad))"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": src}, check=True
    )
    assert result.stdout.strip() == "[]"


# --------------------------------------------------------------------------- a good small flow


def test_a_small_flow_loads_into_frozen_objects(tmp_path):
    path = write(
        tmp_path,
        choice_step("ask", '  [[steps.branches]]\n  when_choice = ["no"]\n  goto = "rate"\n')
        + text_step("words", 'stage = "Middle"')
        + scale_step("rate", 'hint = "Rate {words|it}"'),
    )
    flow = load_flow(path)
    assert flow.id == "mini" and flow.title == "Mini" and flow.description == ""
    assert flow.path == str(path)
    assert [s.id for s in flow.steps] == ["ask", "words", "rate"]
    assert flow.first.id == "ask"
    assert flow.stages == ("Middle",)
    assert flow.step("ask").choices[1].label == "No"
    assert flow.step("ask").branches[0].when_choice == ("no",)
    assert flow.default_next("words") == "rate" and flow.default_next("rate") == "end"
    with pytest.raises(AttributeError):
        flow.title = "changed"  # type: ignore[misc]
    with pytest.raises(KeyError):
        flow.step("missing")


def test_load_flows_reads_a_directory_sorted_with_the_default_first(tmp_path):
    write(tmp_path, text_step("a"), name="zeta.toml", header='id = "zeta"\ntitle = "Z"\ndefault = true\n')
    write(tmp_path, text_step("a"), name="alpha.toml", header='id = "alpha"\ntitle = "A"\n')
    flows = load_flows(tmp_path)
    assert list(flows) == ["zeta", "alpha"]
    assert default_flow_id(flows) == "zeta"


# --------------------------------------------------------------------------- one test per rule


def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, '[[steps]]\nid = "a"\nkind = \n')
    message = error_for(path)
    assert message.startswith("mini.toml: line 5:")


@pytest.mark.parametrize("missing", ["id", "title", "steps"])
def test_missing_top_level_key(tmp_path, missing):
    lines = {"id": 'id = "mini"\n', "title": 'title = "Mini"\n'}
    header = "".join(line for key, line in lines.items() if key != missing)
    body = "" if missing == "steps" else text_step("a")
    message = error_for(write(tmp_path, body, header=header))
    assert message == f"mini.toml: missing '{missing}'"


def test_id_must_match_file_name(tmp_path):
    message = error_for(write(tmp_path, text_step("a"), name="other.toml"))
    assert message == "other.toml: id 'mini' must match the file name 'other'"


def test_duplicate_step_ids(tmp_path):
    message = error_for(write(tmp_path, text_step("a") + text_step("a")))
    assert message == "mini.toml: step 'a': this step id is used twice"


def test_unknown_step_kind(tmp_path):
    body = '[[steps]]\nid = "a"\nkind = "essay"\nprompt = "Hi"\n'
    message = error_for(write(tmp_path, body))
    assert message.startswith("mini.toml: step 'a': unknown kind 'essay'")


def test_unknown_key_is_named_with_a_suggestion(tmp_path):
    body = '[[steps]]\nid = "a"\nkind = "text"\npromt = "Hi"\n'
    message = error_for(write(tmp_path, body))
    assert message == "mini.toml: step 'a': unknown key 'promt' (did you mean 'prompt'?)"


def test_unknown_key_at_the_top_and_in_choices(tmp_path):
    top = error_for(write(tmp_path, "titel = 'x'\n" + text_step("a")))
    assert top.startswith("mini.toml: unknown key 'titel'")
    choice = error_for(write(tmp_path, choice_step("a").replace('label = "No"', 'label = "No"\nreactiv = true')))
    assert choice.startswith("mini.toml: step 'a': unknown choice key 'reactiv'")


@pytest.mark.parametrize("choices", ["", '  [[steps.choices]]\n  id = "only"\n  label = "Only"\n'])
def test_choice_step_needs_two_choices(tmp_path, choices):
    body = f'[[steps]]\nid = "pick"\nkind = "multi"\nprompt = "Pick"\n{choices}'
    message = error_for(write(tmp_path, body))
    assert message == "mini.toml: step 'pick': a multi step needs at least two [[steps.choices]]"


def test_choices_on_a_text_step(tmp_path):
    message = error_for(write(tmp_path, text_step("a", TWO_CHOICES)))
    assert message == "mini.toml: step 'a': 'choices' only applies to choice and multi steps"


def test_branches_on_a_text_step(tmp_path):
    branch = '  [[steps.branches]]\n  when_choice = ["x"]\n  goto = "end"\n'
    message = error_for(write(tmp_path, text_step("a", branch)))
    assert message.startswith("mini.toml: step 'a': a text step cannot branch")


def test_when_choice_needs_a_choice_step(tmp_path):
    branch = '  [[steps.branches]]\n  when_choice = ["x"]\n  goto = "end"\n'
    message = error_for(write(tmp_path, scale_step("rate", branch)))
    assert message == "mini.toml: step 'rate': when_choice only works on choice and multi steps"


def test_when_at_least_needs_a_scale_step(tmp_path):
    branch = '  [[steps.branches]]\n  when_at_least = 7\n  goto = "end"\n'
    message = error_for(write(tmp_path, choice_step("ask", branch)))
    assert message == "mini.toml: step 'ask': when_at_least and when_at_most only work on scale steps"


def test_branch_to_a_missing_step(tmp_path):
    branch = '  [[steps.branches]]\n  when_choice = ["no"]\n  goto = "nope"\n'
    message = error_for(write(tmp_path, choice_step("unblend", branch)))
    assert message == "mini.toml: step 'unblend': branch goes to missing step 'nope'"


def test_next_to_a_missing_step(tmp_path):
    message = error_for(write(tmp_path, text_step("a", 'next = "bb"') + text_step("b")))
    assert message.startswith("mini.toml: step 'a': next goes to missing step 'bb'")


def test_on_exhausted_to_a_missing_step(tmp_path):
    body = text_step("a", 'max_visits = 2\non_exhausted = "gone"')
    message = error_for(write(tmp_path, body))
    assert message == "mini.toml: step 'a': on_exhausted goes to missing step 'gone'"


def test_unknown_choice_in_when_choice(tmp_path):
    branch = '  [[steps.branches]]\n  when_choice = ["maybe"]\n  goto = "end"\n'
    message = error_for(write(tmp_path, choice_step("ask", branch)))
    assert message == "mini.toml: step 'ask': branch names unknown choice 'maybe'"


def test_unreachable_step(tmp_path):
    body = text_step("a", 'next = "end"') + text_step("island")
    message = error_for(write(tmp_path, body))
    assert message == "mini.toml: step 'island': can never be reached from the first step 'a'"


def test_a_step_that_cannot_reach_the_end(tmp_path):
    body = text_step("a") + text_step("b", 'next = "a"')
    message = error_for(write(tmp_path, body))
    assert message == "mini.toml: step 'a': there is no way from here to the end of the flow"


def test_unbounded_loop(tmp_path):
    branch = '  [[steps.branches]]\n  when_choice = ["no"]\n  goto = "again"\n'
    body = choice_step("again", branch)
    message = error_for(write(tmp_path, body))
    assert message.startswith("mini.toml: step 'again': the loop again → again has no limit")


def test_a_bounded_loop_is_fine(tmp_path):
    branch = '  [[steps.branches]]\n  when_choice = ["no"]\n  goto = "again"\n'
    body = (
        '[[steps]]\nid = "again"\nkind = "choice"\nprompt = "Again?"\n'
        'max_visits = 3\non_exhausted = "end"\n' + TWO_CHOICES + branch
    )
    assert load_flow(write(tmp_path, body)).step("again").max_visits == 3


@pytest.mark.parametrize("visits", [0, 11])
def test_max_visits_out_of_range(tmp_path, visits):
    body = text_step("a", f'max_visits = {visits}\non_exhausted = "end"')
    message = error_for(write(tmp_path, body))
    assert message == "mini.toml: step 'a': max_visits must be between 1 and 10"


def test_max_visits_needs_on_exhausted(tmp_path):
    message = error_for(write(tmp_path, text_step("a", "max_visits = 2")))
    assert message == "mini.toml: step 'a': max_visits and on_exhausted go together; set both"


def test_on_exhausted_leading_back_into_the_loop_without_a_bound(tmp_path):
    # ask (bounded) -> back -> ask ...; once ask is used up, back -> back -> back forever.
    body = (
        '[[steps]]\nid = "ask"\nkind = "text"\nprompt = "Hi"\nmax_visits = 2\non_exhausted = "back"\n\n'
        '[[steps]]\nid = "back"\nkind = "choice"\nprompt = "Again?"\nnext = "ask"\n'
        + TWO_CHOICES
        + '  [[steps.branches]]\n  when_choice = ["no"]\n  goto = "end"\n'
    )
    message = error_for(write(tmp_path, body))
    assert message.startswith("mini.toml: step 'back': the loop back → back has no limit")


def test_on_exhausted_chain_going_round_in_a_circle(tmp_path):
    body = text_step("a", 'max_visits = 1\non_exhausted = "b"') + text_step(
        "b", 'max_visits = 1\non_exhausted = "a"'
    )
    message = error_for(write(tmp_path, body))
    assert message == "mini.toml: step 'a': on_exhausted goes round in a circle (a → b → a)"


def test_template_naming_a_missing_step(tmp_path):
    body = text_step("a", 'hint = "You said {nope|something}"')
    message = error_for(write(tmp_path, body))
    assert message == "mini.toml: step 'a': hint quotes missing step 'nope'"


def test_template_naming_a_later_step(tmp_path):
    body = '[[steps]]\nid = "a"\nkind = "text"\nprompt = "Earlier: {b}"\n' + text_step("b")
    message = error_for(write(tmp_path, body))
    assert message == (
        "mini.toml: step 'a': prompt quotes step 'b', which cannot have been answered before this step"
    )


def test_template_naming_an_info_step(tmp_path):
    body = (
        '[[steps]]\nid = "hello"\nkind = "info"\nprompt = "Hello."\n'
        '[[steps]]\nid = "a"\nkind = "text"\nprompt = "About {hello}"\n'
    )
    message = error_for(write(tmp_path, body))
    assert message == "mini.toml: step 'a': prompt quotes step 'hello', which takes no answer"


def test_template_with_a_broken_placeholder(tmp_path):
    body = '[[steps]]\nid = "a"\nkind = "text"\nprompt = "Hi {Find}"\n'
    message = error_for(write(tmp_path, body))
    assert message.startswith("mini.toml: step 'a': prompt: '{Find}' is not a placeholder")


def test_unknown_role_and_loudness_on_a_text_step(tmp_path):
    unknown = error_for(write(tmp_path, text_step("a", 'role = "fear"')))
    assert unknown == "mini.toml: step 'a': unknown role 'fear' (did you mean 'fears'?)"
    loud = error_for(write(tmp_path, text_step("a", 'role = "loudness_before"')))
    assert loud == "mini.toml: step 'a': role 'loudness_before' belongs on a scale step"


def test_a_role_used_twice(tmp_path):
    body = text_step("a", 'role = "fears"') + text_step("b", 'role = "fears"')
    message = error_for(write(tmp_path, body))
    assert message == "mini.toml: step 'b': role 'fears' is already used by step 'a'"


def test_two_default_flows_in_one_directory(tmp_path):
    for name in ("one", "two"):
        write(tmp_path, text_step("a"), name=f"{name}.toml", header=f'id = "{name}"\ntitle = "T"\ndefault = true\n')
    with pytest.raises(FlowError, match="one.toml, two.toml: only one flow may set default = true"):
        load_flows(tmp_path)
    assert check_files([tmp_path]) == ["one.toml, two.toml: only one flow may set default = true"]


def test_check_files_reports_each_bad_file(tmp_path):
    good = write(tmp_path, text_step("a"))
    bad = write(tmp_path, text_step("a") + text_step("a"), name="bad.toml", header='id = "bad"\ntitle = "B"\n')
    missing = tmp_path / "missing.toml"
    errors = check_files([good, bad, missing])
    assert errors[0] == "bad.toml: step 'a': this step id is used twice"
    assert errors[1].startswith("missing.toml: cannot read the file")
    assert len(errors) == 2
