"""The smallest correction of a report's printed cells that makes all its rules hold — proposed only.

A report's rules 1–4 (and 6, when the previous year is known) are linear equations over its cells
(`rules.report_equations`). A correction changes as few cells as it can, each to a non-negative
integer: first one cell (a digit misread, a cell left blank), then two, then — for the common case
of a total column left blank — every blank total filled with the sum it totals. Pure functions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from pipelines.quality.rules import Equation

MAX_PAIR_CANDIDATES = 40  # beyond this many suspect cells, a two-cell search is not worth its cost


@dataclass(frozen=True)
class Correction:
    changes: tuple[tuple[str, float, float], ...]  # (cell "table/row/col", printed, proposed)

    def text(self) -> str:
        parts = [f"{cell}: {_fmt(old)} → {_fmt(new)}" for cell, old, new in self.changes]
        n = len(self.changes)
        return f"change {n} cell{'s' if n > 1 else ''} ({'; '.join(parts)}) and every rule holds"


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _holds(eqs: list[Equation], cells: dict[str, float]) -> bool:
    return all(abs(e.residual(cells)) < 1e-9 for e in eqs)


def _ok_value(v: float) -> bool:
    return v >= 0 and float(v).is_integer()


def _one_cell(eqs: list[Equation], failing: list[Equation], cells: dict[str, float],
              by_cell: dict[str, list[tuple[Equation, int]]], residual: dict[int, float]) -> list[Correction]:
    found = []
    failing_ids = {id(e) for e in failing}
    for cell in {k for e in failing for k, _ in e.terms}:
        touched = by_cell[cell]
        if not failing_ids <= {id(e) for e, _ in touched}:
            continue
        # one change that zeroes every equation holding the cell; the others hold already (none fails)
        deltas = {-residual[id(e)] / coef for e, coef in touched}
        if len(deltas) != 1:
            continue
        new = cells.get(cell, 0) + deltas.pop()
        if _ok_value(new):
            found.append(Correction(((cell, cells.get(cell, 0), new),)))
    return found


def _two_cells(eqs: list[Equation], failing: list[Equation], cells: dict[str, float],
               by_cell: dict[str, list[tuple[Equation, int]]], residual: dict[int, float]) -> list[Correction]:
    suspects = sorted({k for e in failing for k, _ in e.terms})
    if len(suspects) > MAX_PAIR_CANDIDATES:
        return []
    found = []
    failing_ids = {id(e) for e in failing}
    for a, b in combinations(suspects, 2):
        ea, eb = {id(e) for e, _ in by_cell[a]}, {id(e) for e, _ in by_cell[b]}
        if not failing_ids <= ea | eb:
            continue
        # an equation that holds one of the two cells alone fixes that cell's change
        da = next((-residual[id(e)] / c for e, c in by_cell[a] if id(e) not in eb), None)
        db = next((-residual[id(e)] / c for e, c in by_cell[b] if id(e) not in ea), None)
        if da is None or db is None:
            continue
        new = {**cells, a: cells.get(a, 0) + da, b: cells.get(b, 0) + db}
        if da and db and _ok_value(new[a]) and _ok_value(new[b]) and _holds(eqs, new):
            found.append(Correction(((a, cells.get(a, 0), new[a]), (b, cells.get(b, 0), new[b]))))
    return found


def _fill_blank_totals(eqs: list[Equation], cells: dict[str, float]) -> Correction | None:
    """Fill every total printed blank (0) whose equation fails with the sum it totals, repeatedly."""
    new = dict(cells)
    changed: dict[str, float] = {}
    for _ in range(len(eqs)):
        progress = False
        for e in eqs:
            res = e.residual(new)
            right = [k for k, c in e.terms if c < 0]
            if abs(res) < 1e-9 or len(right) != 1 or new.get(right[0], 0) != 0 or res <= 0:
                continue
            new[right[0]] = res  # residual = left − 0
            changed[right[0]] = res
            progress = True
        if not progress:
            break
    if changed and _holds(eqs, new):
        return Correction(tuple((k, cells.get(k, 0), v) for k, v in sorted(changed.items())))
    return None


def smallest_correction(eqs: list[Equation], cells: dict[str, float]) -> Correction | None:
    """The correction touching the fewest cells, if exactly one of that size exists (else None).

    Two equally small corrections mean the sums cannot tell which cell is wrong: nothing is proposed.
    """
    return advise(eqs, cells)[0]


MAX_ALTERNATIVES_SHOWN = 3


def advise(eqs: list[Equation], cells: dict[str, float]) -> tuple[Correction | None, str | None]:
    """The smallest correction (as `smallest_correction`), or why none is proposed, in words."""
    residual = {id(e): e.residual(cells) for e in eqs}
    failing = [e for e in eqs if abs(residual[id(e)]) >= 1e-9]
    if not failing:
        return None, "every sum of the report holds: nothing to correct in its sums"
    by_cell: dict[str, list[tuple[Equation, int]]] = defaultdict(list)
    for e in eqs:
        for k, c in e.terms:
            by_cell[k].append((e, c))
    for size, search in ((1, _one_cell), (2, _two_cells)):
        found = search(eqs, failing, cells, by_cell, residual)
        if len(found) == 1:
            return found[0], None
        if found:
            shown = " | ".join("; ".join(f"{c}: {_fmt(old)} → {_fmt(new)}" for c, old, new in f.changes)
                               for f in sorted(found, key=lambda f: f.changes)[:MAX_ALTERNATIVES_SHOWN])
            more = f" | … {len(found) - MAX_ALTERNATIVES_SHOWN} more" if len(found) > MAX_ALTERNATIVES_SHOWN else ""
            return None, (f"{len(found)} different changes of {size} cell{'s' if size > 1 else ''} would each "
                          f"make every rule hold ({shown}{more}): the sums cannot tell which cell is wrong — "
                          "compare these cells with the printed report")
    fill = _fill_blank_totals(eqs, cells)
    if fill:
        return fill, None
    n = len({k for e in failing for k, _ in e.terms})
    return None, (f"no change of one or two cells to whole numbers ≥ 0, nor filling blank totals, makes every "
                  f"rule hold ({len(failing)} sum{'s' if len(failing) > 1 else ''} off, over {n} cells): "
                  "several cells are wrong, e.g. a row or column read out of place — re-read the table "
                  "from the printed report")
