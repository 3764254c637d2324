"""The depth limit of a JSON export: the document is at depth 1, each container's values one deeper."""

import pytest

from robots.reading.online.sources import within_depth


def _nested(levels, leaf):
    value = leaf
    for n in range(levels):
        value = [value] if n % 2 else {"k": value}
    return value


CASES = [
    (1, 1, True),
    ([], 1, True),
    ({}, 1, True),
    ([1], 1, False),
    ([1], 2, True),
    (_nested(3, 1), 4, True),    # three containers and a number: depth 4
    (_nested(3, 1), 3, False),
    (_nested(3, []), 4, True),   # an empty list is a leaf
    (_nested(3, [1]), 4, False),
    ({"a": 1, "b": [[[]]]}, 4, True),
    ({"a": 1, "b": [[[2]]]}, 4, False),
]


@pytest.mark.parametrize(("value", "limit", "within"), CASES)
def test_depth(value, limit, within):
    assert within_depth(value, limit) is within
