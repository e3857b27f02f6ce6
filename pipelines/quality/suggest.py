"""The smallest correction of a report's printed cells that makes all its rules hold — proposed only.

A report's rules 1–4 (and 6, when the previous year is known) are linear equations over its cells
(`rules.report_equations`). A correction changes as few cells as it can, each to a non-negative
integer: first one cell (a digit misread, a cell left blank), then two, then — for the common case
of a total column left blank — every blank total filled with the sum it totals. Among changes of
the same size, one of cells OCR doubted (`ocr_uncertain`) is preferred: a scan's misread digit is
the likeliest wrong cell, where the sums alone cannot tell. Pure functions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from pipelines.quality.rules import Equation

MAX_PAIR_CANDIDATES = 40  # beyond this many suspect cells, a two-cell search is not worth its cost
OCR_DOUBT = "ocr_uncertain"  # the parse issue of a cell whose characters OCR was unsure of


@dataclass(frozen=True)
class Correction:
    changes: tuple[tuple[str, float, float], ...]  # (cell "table/row/col", printed, proposed)
    doubted: tuple[str, ...] = ()  # the changed cells OCR was unsure of
    rivals: int = 0  # other changes of as many cells that would make every rule hold too
    rivals_doubted: int = 0  # the most cells OCR doubted that any of those changes

    def text(self) -> str:
        parts = [f"{cell}: {_fmt(old)} → {_fmt(new)}" for cell, old, new in self.changes]
        n = len(self.changes)
        words = f"change {n} cell{'s' if n > 1 else ''} ({'; '.join(parts)}) and every rule holds"
        if not self.doubted:
            return words
        if len(self.doubted) == n:
            doubt = "OCR was unsure of this cell" if n == 1 else "OCR was unsure of these cells"
        else:
            doubt = f"OCR was unsure of {', '.join(self.doubted)}"
        if self.rivals:
            among = f"of the {self.rivals + 1} changes of {n} cell{'s' if n > 1 else ''} that would"
            doubt += (f" ({among}, the only one of a cell OCR doubted)" if not self.rivals_doubted
                      else f" ({among}, the one of most cells OCR doubted)")
        return f"{words}; {doubt}"


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


def smallest_correction(eqs: list[Equation], cells: dict[str, float],
                        doubted: frozenset[str] = frozenset()) -> Correction | None:
    """The correction touching the fewest cells, if exactly one of that size exists (else None).

    Two equally small corrections mean the sums cannot tell which cell is wrong: nothing is proposed,
    unless exactly one of them changes the most cells OCR doubted (`doubted`, "table/row/col" keys).
    """
    return advise(eqs, cells, doubted)[0]


def _with_doubts(found: list[Correction], doubted: frozenset[str]) -> list[Correction]:
    return [Correction(f.changes, tuple(c for c, _, _ in f.changes if c in doubted)) for f in found]


def _prefer_doubted(found: list[Correction]) -> Correction | None:
    """The one change among equally small ones with the most cells OCR doubted, if one alone has most."""
    most = max(len(f.doubted) for f in found)
    best = [f for f in found if len(f.doubted) == most]
    if most == 0 or len(best) > 1:
        return None
    rivals_doubted = max((len(f.doubted) for f in found if f is not best[0]), default=0)
    return Correction(best[0].changes, best[0].doubted, len(found) - 1, rivals_doubted)


MAX_ALTERNATIVES_SHOWN = 3


def advise(eqs: list[Equation], cells: dict[str, float],
           doubted: frozenset[str] = frozenset()) -> tuple[Correction | None, str | None]:
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
        found = _with_doubts(search(eqs, failing, cells, by_cell, residual), doubted)
        if len(found) == 1:
            return found[0], None
        if found:
            preferred = _prefer_doubted(found)
            if preferred:
                return preferred, None
            # the changes of cells OCR doubted first: the likeliest ones to compare with the print
            ranked = sorted(found, key=lambda f: (-len(f.doubted), f.changes))
            shown = " | ".join("; ".join(f"{c}: {_fmt(old)} → {_fmt(new)}" for c, old, new in f.changes)
                               for f in ranked[:MAX_ALTERNATIVES_SHOWN])
            more = f" | … {len(found) - MAX_ALTERNATIVES_SHOWN} more" if len(found) > MAX_ALTERNATIVES_SHOWN else ""
            unsure = sorted({c for f in found for c in f.doubted})
            also = f"; OCR was unsure of {', '.join(unsure)}" if unsure else ""
            return None, (f"{len(found)} different changes of {size} cell{'s' if size > 1 else ''} would each "
                          f"make every rule hold ({shown}{more}): the sums cannot tell which cell is wrong{also} — "
                          "compare these cells with the printed report")
    fill = _fill_blank_totals(eqs, cells)
    if fill:
        return _with_doubts([fill], doubted)[0], None
    n = len({k for e in failing for k, _ in e.terms})
    return None, (f"no change of one or two cells to whole numbers ≥ 0, nor filling blank totals, makes every "
                  f"rule hold ({len(failing)} sum{'s' if len(failing) > 1 else ''} off, over {n} cells): "
                  "several cells are wrong, e.g. a row or column read out of place — re-read the table "
                  "from the printed report")
