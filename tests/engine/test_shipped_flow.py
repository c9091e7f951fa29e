"""`talk` loads only the flow it needs; the shortcut must agree with the full loader."""

from innercritic.engine.flow_files import DEFAULT_FLOW_ID, default_flow_id, load_flows, shipped_flow


def test_default_flow_id_matches_the_flow_marked_default():
    assert default_flow_id(load_flows()) == DEFAULT_FLOW_ID


def test_shipped_flow_loads_the_same_flow_as_the_directory_loader():
    flows = load_flows()
    for flow_id, flow in flows.items():
        assert shipped_flow(flow_id) == flow


def test_shipped_flow_reads_its_file_once_per_run():
    # `talk` checks the flow before Textual loads and the app asks again for its first prompt
    assert shipped_flow(DEFAULT_FLOW_ID) is shipped_flow(DEFAULT_FLOW_ID)


def test_unknown_or_odd_ids_give_none():
    for flow_id in ("nope", "../critic", "critic.toml", "", "CRITIC"):
        assert shipped_flow(flow_id) is None
