from .conftest import open_node_names


def test_full_route_reaches_closure(route):
    route.advance_to("follow_up")
    route.do("follow_up")
    assert open_node_names(route.process) == set()
