"""A run with as many digits as cells has one cut, a digit to a cell: the shortcut for it gives
what the general enumeration gives (`accept` that admits every cut takes the general path)."""

import itertools
import random
from decimal import Decimal

from pipelines.parse.digits import split_values


def _general(parts, n, group):
    return split_values(parts, n, accept=lambda values: True, group=group)


def test_digit_per_cell_matches_the_general_cut():
    rng = random.Random(7)
    runs = ["0000000", "1001012", "1001013", "9000009", "0123456", "000000000000000", "123"]
    runs += ["".join(rng.choice("0123") for _ in range(k)) for k in (3, 5, 7, 14, 15) for _ in range(40)]
    for run, group in itertools.product(runs, (None, 3, 5, 7)):
        parts = ((run, Decimal(run), True),)
        fast = split_values(parts, len(run), group=group)
        slow = _general(parts, len(run), group)
        assert [(tuple(map(str, v)), o) for v, o in fast] == [(tuple(map(str, v)), o) for v, o in slow], (run, group)


def test_digit_per_cell_keeps_a_zero_a_cell():
    parts = (("0000000", Decimal(0), True),)
    assert split_values(parts, 7, group=7) == [((Decimal(0),) * 7, (0,) * 7)]
