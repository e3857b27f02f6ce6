"""Where the crawler layout's run-together digits cannot be split back by the sums."""

from __future__ import annotations

import re
from typing import Any

from pipelines import spec

from .printing import active_value

_NUM = re.compile(r"^(0|[1-9]\d*)$")


def _pieces(run: str, k: int, limit: int, bound: int | None = None) -> list[tuple[int, ...]]:
    """Ways to cut a digit run into k integers without leading zeros (at most `limit`), their
    sum at most `bound` when given."""
    out: list[tuple[int, ...]] = []

    def walk(pos: int, left: int, acc: tuple[int, ...], total: int) -> None:
        if len(out) >= limit:
            return
        rest = len(run) - pos
        if left == 1:
            piece = run[pos:]
            if piece and (piece == "0" or piece[0] != "0"):
                value = int(piece)
                if bound is None or total + value <= bound:
                    out.append((*acc, value))
            return
        longest = 1 if run[pos] == "0" else rest - left + 1
        for size in range(1, longest + 1):
            value = int(run[pos:pos + size])
            if bound is not None and total + value > bound:
                break
            walk(pos + size, left - 1, (*acc, value), total + value)

    if 0 < k <= len(run):
        walk(0, k, (), 0)
    return out


def _splits(run: str, k: int, limit: int = 50) -> list[tuple[int, ...]]:
    return _pieces(run, k, limit)


def _row_splits(run: str) -> list[tuple[int, ...]]:
    """Splits of an applications row (six parts and their total) that satisfy rule 3."""
    out = []
    n = len(run)
    for tail in range(1, min(n - 6, 9) + 1):  # the total is the last few digits
        total = run[n - tail:]
        if not _NUM.match(total):
            continue
        out += [(*p, int(total)) for p in _pieces(run[:n - tail], 6, 50, bound=int(total))
                if sum(p) == int(total)]
    return out


def crawler_ambiguities(report: dict[str, Any], style: dict[str, Any] | None = None) -> list[str]:
    """Rows of the crawler layout whose run-together digits split more than one way under the
    spec's sums ("table/row"); empty when every run has a unique reading."""
    style = style or {"zero": "0", "fullwidth": False, "plus": False, "yuan_suffix": False}
    found = []
    for item, cells in (report.get("active") or {}).items():
        texts = [active_value(v, m, style) for m, v in cells.items()]
        if len(texts) > 1 and all(_NUM.match(t) for t in texts) and len(_splits("".join(texts), len(texts), 2)) > 1:
            found.append(f"active/{item}")
        elif len(texts) > 1 and not all(_NUM.match(t) for t in texts):
            found.append(f"active/{item}")  # signs, decimals, units: no rule to check a cut
    apps = report.get("applications")
    if apps:
        template = report["template"]
        cands = {row: _row_splits("".join(str(apps[row][c]) for c in spec.APPLICANTS)) for row in apps}
        loose = [row for row, c in cands.items() if len(c) != 1]
        forms = tuple(sorted((report.get("forms") or {}).items()))
        if loose and _count_table_solutions(cands, template, forms, limit=2) != 1:
            found += [f"applications/{row}" for row in loose]
    review = report.get("review_litigation")
    if review:
        run = "".join(str(review[g][o]) for g in spec.REVIEW_GROUPS for o in spec.REVIEW_OUTCOMES)
        if _count_review_solutions(run, 3, limit=2) != 1:
            found.append("review_litigation")
    return found


def _count_table_solutions(cands: dict[str, list[tuple[int, ...]]], template: str,
                           forms: tuple[tuple[str, str], ...], limit: int) -> int:
    rows = list(cands)
    rules = [r for r in spec.sum_rules(template, forms) if r.rule in ("rule1", "rule2")]
    cols = {c: i for i, c in enumerate(spec.APPLICANTS)}
    count = 0

    def ok(pick: dict[str, tuple[int, ...]]) -> bool:
        return all(sum(pick[r][cols[c]] for r, c in rule.left) == sum(pick[r][cols[c]] for r, c in rule.right)
                   for rule in rules)

    def walk(i: int, pick: dict[str, tuple[int, ...]]) -> None:
        nonlocal count
        if count >= limit:
            return
        if i == len(rows):
            count += ok(pick)
            return
        for cand in cands[rows[i]]:
            pick[rows[i]] = cand
            walk(i + 1, pick)

    space = 1
    for c in cands.values():
        space *= max(len(c), 1)
    if space == 0 or any(not c for c in cands.values()):
        return 0
    if space > 20000:
        return limit  # too many readings to check: call it ambiguous
    walk(0, {})
    return count


def _count_review_solutions(run: str, groups: int, limit: int) -> int:
    """Readings of the review/litigation run as `groups` groups of four parts and their total."""
    if groups == 0:
        return int(run == "")
    count = 0
    for end in range(4, len(run)):
        for parts in _pieces(run[:end], 4, 500):
            total = str(sum(parts))
            if run.startswith(total, end):
                count += _count_review_solutions(run[end + len(total):], groups - 1, limit)
                if count >= limit:
                    return count
    return count
