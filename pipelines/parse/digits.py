"""Runs of digits from neighbouring cells (`行政规范性文件693665` = 69 / 3 / 665): every way to cut
them into the expected number of cells, so the sums can choose.

A cut never makes a number with a leading zero ("05"), since no report prints one; a signed run
("+1737") keeps its sign on its first piece.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

MAX_DIGITS = 9  # no count in these tables has more digits; money is never split
MAX_CANDIDATES = 50_000


def cuts(run: str, pieces: int) -> Iterator[tuple[int | Decimal, ...]]:
    """Every way to cut a digit string into `pieces` numbers without leading zeros. A run with a
    decimal point keeps it in its last piece (`156805947.43` = 15 | 6805947.43)."""
    if "." in run:
        whole, _, fraction = run.partition(".")
        for start in range(len(whole) - 1, -1, -1):
            last = whole[start:]
            if len(last) > 1 and last.startswith("0"):
                continue
            if pieces == 1:
                if start == 0:
                    yield (Decimal(run),)
                continue
            if start == 0:
                break
            for head in cuts(whole[:start], pieces - 1):
                yield (*head, Decimal(f"{last}.{fraction}"))
        return
    if pieces == 1:
        if len(run) <= MAX_DIGITS and (run == "0" or not run.startswith("0")):
            yield (int(run),)
        return
    if run.startswith("0"):
        for rest in cuts(run[1:], pieces - 1):
            yield (0, *rest)
        return
    for length in range(1, min(MAX_DIGITS, len(run) - pieces + 1) + 1):
        head = int(run[:length])
        for rest in cuts(run[length:], pieces - 1):
            yield (head, *rest)


MAX_STEPS = 200_000


def split_values(
    parts: Sequence[tuple[str, Decimal, bool]],
    n: int,
    accept: Callable[[tuple[Decimal, ...]], bool] | None = None,
    limit: int = MAX_CANDIDATES,
) -> list[tuple[tuple[Decimal, ...], tuple[int, ...]]]:
    """Cut the value parts of a row into exactly `n` numbers.

    `parts` are (digits, value, splittable) in order; an unsplittable part (a decimal, a number
    with a unit, a lone cell) stays whole. Returns every cut that `accept` admits (at most
    `limit`), each as (values, index of the part each value came from).
    """
    found: list[tuple[tuple[Decimal, ...], tuple[int, ...]]] = []
    steps = 0

    def walk(i: int, left: int, acc: tuple[Decimal, ...], origin: tuple[int, ...]) -> bool:
        nonlocal steps
        steps += 1
        if len(found) >= limit or steps > MAX_STEPS:
            return False
        if i == len(parts):
            if left == 0 and (accept is None or accept(acc)):
                found.append((acc, origin))
            return True
        digits, value, splittable = parts[i]
        remaining_parts = len(parts) - i - 1
        if not splittable:
            if left - 1 < remaining_parts:
                return True
            return walk(i + 1, left - 1, (*acc, value), (*origin, i))
        sign = -1 if value < 0 else 1
        max_here = min(len(digits), left - remaining_parts)
        for k in range(1, max_here + 1):
            for cut in cuts(digits, k):
                signed = (Decimal(sign * cut[0]), *(Decimal(c) for c in cut[1:]))
                if not walk(i + 1, left - k, (*acc, *signed), (*origin, *([i] * k))):
                    return False
        return True

    walk(0, n, (), ())
    return found
