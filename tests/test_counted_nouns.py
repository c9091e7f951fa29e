"""views/common.plural is the one pluraliser both faces use ("1 entry", "3 entries")."""

from innercritic.views.common import plural


def test_one_is_singular_and_every_other_count_is_plural() -> None:
    assert plural(1, "dialogue") == "1 dialogue"
    assert [plural(n, "check-in") for n in (0, 2, 11)] == ["0 check-ins", "2 check-ins", "11 check-ins"]


def test_a_noun_that_does_not_just_add_an_s_is_given_both_forms() -> None:
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(3, "entry", "entries") == "3 entries"
    assert plural(2, "entry was", "entries were") == "2 entries were"
