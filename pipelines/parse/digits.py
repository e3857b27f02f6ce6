"""Runs of digits from neighbouring cells (a label, then `693665` = 69 / 3 / 665): every way to cut
them into the expected number of cells, so the sums can choose.

A cut never makes a number with a leading zero ("05"), since no report prints one; a signed run
("+1737") keeps its sign on its first piece; a run with a decimal point keeps it in its last piece
(`156805947.43` = 15 | 6805947.43). Enumeration is one number at a time, and rows that carry a sum
rule in groups (table 3: seven cells, the last the total; table 4: three groups of five) are pruned
as soon as a group is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

MAX_DIGITS = 9  # no count in these tables has more digits
MAX_CANDIDATES = 50_000
MAX_STEPS = 200_000

Values = tuple[Decimal, ...]


def cuts(run: str, pieces: int) -> Iterator[Values]:
    """Every way to cut one run into `pieces` numbers."""
    for values, _ in split_values([(run, Decimal(run), True)], pieces):
        yield values


def split_values(
    parts: Sequence[tuple[str, Decimal, bool]],
    n: int,
    accept: Callable[[Values], bool] | None = None,
    limit: int = MAX_CANDIDATES,
    group: int | None = None,
) -> list[tuple[Values, tuple[int, ...]]]:
    """Cut the value parts of a row into exactly `n` numbers.

    `parts` are (digits, value, splittable) in order; an unsplittable part stays whole. With
    `group`, every complete group of that many values must have its last value equal the sum of
    the others (checked as soon as the group is complete). Returns every cut that `accept` admits
    (at most `limit`), each as (values, index of the part each value came from).
    """
    if accept is None and len(parts) == 1 and (group is None or n % group == 0):
        digits, value, splittable = parts[0]
        if len(digits) == n and splittable and digits.isascii() and digits.isdigit() and value >= 0:
            return _digit_per_cell(digits, n, group)
    if accept is None and all(splittable and value >= 0 and digits.isascii() and digits.isdigit()
                              for digits, value, splittable in parts):
        # the common case (crawler text: unsigned runs of digits), in ints
        return [(tuple(map(Decimal, values)), origin)
                for values, origin in _split_digit_runs(tuple(p[0] for p in parts), n, limit, group)]
    found: list[tuple[Values, tuple[int, ...]]] = []
    digits_left = [0] * (len(parts) + 1)
    for i in range(len(parts) - 1, -1, -1):
        d = parts[i][0].replace(".", "")
        digits_left[i] = digits_left[i + 1] + (len(d) if parts[i][2] else 1)
    steps = 0
    values: list[Decimal] = []
    origin: list[int] = []

    def group_ok(next_part: int, next_pos: int) -> bool:
        if group is None:
            return True
        k = len(values) % group
        if k == 0:
            chunk = values[-group:]
            return sum(chunk[:-1]) == chunk[-1]
        # mid-group: the cells so far cannot add up to more than the longest total still possible
        left = digits_left[next_part] - next_pos  # digits not yet used (a decimal point aside)
        cells_after_group = n - len(values) - (group - k)
        longest = min(MAX_DIGITS, left - (group - k - 1) - cells_after_group)
        return longest > 0 and sum(values[-k:]) < 10 ** longest

    def take(value: Decimal, part: int, next_part: int, next_pos: int) -> bool:
        values.append(value)
        origin.append(part)
        ok = group_ok(next_part, next_pos) and walk(next_part, next_pos)
        values.pop()
        origin.pop()
        return ok or (len(found) < limit and steps <= MAX_STEPS)

    def walk(i: int, pos: int) -> bool:
        nonlocal steps
        steps += 1
        if len(found) >= limit or steps > MAX_STEPS:
            return False
        slots = n - len(values)
        if i == len(parts):
            if slots == 0 and (accept is None or accept(tuple(values))):
                found.append((tuple(values), tuple(origin)))
            return True
        digits, value, splittable = parts[i]
        if slots < len(parts) - i:
            return True  # every remaining part needs at least one cell
        if not splittable:
            return take(value, i, i + 1, 0)
        rest = digits[pos:]
        left_here = len(rest.replace(".", ""))
        if slots > digits_left[i + 1] + left_here:
            return True  # not enough digits left for the cells
        if left_here + digits_left[i + 1] > slots * MAX_DIGITS:
            return True  # too many digits for the cells left
        if slots == len(parts) - i:  # one cell per part from here: this part's rest is one number
            if len(rest) > 1 and rest.startswith("0") and not rest.startswith("0."):
                return True
            return take((-1 if (pos == 0 and value < 0) else 1) * Decimal(rest), i, i + 1, 0)
        sign = -1 if (pos == 0 and value < 0) else 1
        if "." in rest:
            # the rest of the part as one number keeps the decimal point
            whole = rest.split(".")[0]
            if whole and (len(whole) == 1 or not whole.startswith("0")):
                if not take(sign * Decimal(rest), i, i + 1, 0):
                    return False
            limit_len = len(whole) - 1  # an integer piece must leave a digit before the point
        else:
            limit_len = len(rest)
        if rest.startswith("0"):
            lengths: range | tuple[int, ...] = (1,) if limit_len >= 1 else ()
        else:
            lengths = range(1, min(MAX_DIGITS, limit_len) + 1)
        for length in lengths:
            piece = sign * Decimal(rest[:length])
            if length == len(rest):
                ok = take(piece, i, i + 1, 0)
            else:
                ok = take(piece, i, i, pos + length)
            if not ok:
                return False
        return True

    walk(0, 0)
    return found


_DIGIT = {str(d): Decimal(d) for d in range(10)}  # each digit character's value


def _digit_per_cell(run: str, n: int, group: int | None) -> list[tuple[Values, tuple[int, ...]]]:
    """`split_values` of one run of plain digits with as many digits as cells (a crawler's
    "0000000"): the one cut there is, a digit to a cell, kept where every group adds up."""
    if group is not None:
        ints = tuple(map(int, run))
        for g in range(group - 1, n, group):
            if sum(ints[g - group + 1:g]) != ints[g]:
                return []
    return [(tuple(map(_DIGIT.__getitem__, run)), (0,) * n)]


def _split_digit_runs(runs: tuple[str, ...], n: int, limit: int, group: int | None
                      ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """`split_values` for runs of plain digits, every one splittable: the same cuts in the same
    order, on ints, with the open group's sum carried along, and without trying pieces the group's
    rule already rules out (a group's last cell can only be the sum of the others; a longer piece
    fails a bound a shorter one failed). Tests hold the two to the same answers."""
    if sum(map(len, runs)) == n and (group is None or n % group == 0):
        # a digit to a cell (a crawler's "0000000"): the one cut there is, kept where every group adds up
        values = tuple(map(int, "".join(runs)))
        if group is not None and any(sum(values[g:g + group - 1]) != values[g + group - 1] for g in range(0, n, group)):
            return []
        return [(values, tuple(i for i, run in enumerate(runs) for _ in run))]
    found: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    m = len(runs)
    digits_left = [0] * (m + 1)
    for i in range(m - 1, -1, -1):
        digits_left[i] = digits_left[i + 1] + len(runs[i])
    last = runs[-1] if runs else ""
    last_ends = [0, *(int(last[-length:]) for length in range(1, min(MAX_DIGITS, len(last)) + 1))]
    steps = 0
    values: list[int] = []
    origin: list[int] = []

    def take(value: int, part: int, next_part: int, next_pos: int, partial: int) -> bool:
        values.append(value)
        origin.append(part)
        ok = walk(next_part, next_pos, partial)
        values.pop()
        origin.pop()
        return ok or (len(found) < limit and steps <= MAX_STEPS)

    def group_sum(value: int, partial: int, left: int) -> int | None:
        """The open group's sum once `value` joins it (0 when it closes the group), or None where
        the group's rule can no longer hold; `left`: the digits after `value`."""
        if group is None:
            return 0
        k = (len(values) + 1) % group
        if k == 0:
            return 0 if value == partial else None
        partial += value
        cells_after_group = n - len(values) - 1 - (group - k)
        longest = min(MAX_DIGITS, left - (group - k - 1) - cells_after_group)
        if longest <= 0:
            return None
        if cells_after_group == 0:
            # the last group: its total is the end of the last run, at most `longest` digits of it
            return partial if partial <= last_ends[min(longest, len(last_ends) - 1)] else None
        return partial if partial < 10 ** longest else None

    def walk(i: int, pos: int, partial: int) -> bool:
        nonlocal steps
        steps += 1
        if len(found) >= limit or steps > MAX_STEPS:
            return False
        slots = n - len(values)
        if i == m:
            if slots == 0:
                found.append((tuple(values), tuple(origin)))
            return True
        if slots < m - i:
            return True
        rest = runs[i][pos:]
        here, after = len(rest), digits_left[i + 1]
        if slots > after + here or here + after > slots * MAX_DIGITS:
            return True
        if slots == m - i:  # one cell per part from here: this part's rest is one number
            if here > 1 and rest[0] == "0":
                return True
            value = int(rest)
            total = group_sum(value, partial, after)
            return True if total is None else take(value, i, i + 1, 0, total)
        lengths: range | tuple[int, ...]
        if group is not None and len(values) % group == group - 1:
            need = str(partial)  # the group's last cell
            lengths = (len(need),) if len(need) <= min(MAX_DIGITS, here) and rest.startswith(need) else ()
        else:
            lengths = (1,) if rest[0] == "0" else range(1, min(MAX_DIGITS, here) + 1)
        for length in lengths:
            value = int(rest[:length])
            total = group_sum(value, partial, after + here - length)
            if total is None:
                break  # and so would every longer piece
            if length == here:
                ok = take(value, i, i + 1, 0, total)
            else:
                ok = take(value, i, i, pos + length, total)
            if not ok:
                return False
        return True

    walk(0, 0, 0)
    return found
