from casework.selectors import cases_visible_to


def test_creator_sees_their_case(org, case):
    assert list(cases_visible_to(org.lawyer)) == [case]


def test_case_reference_is_allocated_in_sequence(org, case):
    assert case.reference == "KIBHR-2026-0001"
