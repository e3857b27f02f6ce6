"""Columns printed in another order than the template's, read by their headers.

No cross-sum rule tells table 3's five legal-person columns apart (each rule treats them alike),
nor table 4's outcome columns but for the total, nor table 2's columns (issued, repealed,
…): where a header prints them in another order, only the header says which number is which.
The order is taken from the header only where it prints each column's label once (table 4: once
per group); anything less keeps the template's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from pipelines import spec

from .labels import squash

# the columns whose printed order the header gives, in the template's order, and their labels
APPLICANT_COLUMNS = spec.APPLICANT_PARTS[1:]  # the legal persons' columns, under their group's heading
REVIEW_COLUMNS = spec.REVIEW_OUTCOMES
# header words that hold a column's label without being it (the legal persons' group heading holds 其他)
_NOT_COLUMNS = re.compile("|".join(map(re.escape, dict.fromkeys(
    label for t in spec.TEMPLATE_DATA.values() for label in t.applications["column_group"]["labels"]))))


@cache
def _pattern(columns: tuple[str, ...], vocabulary: str) -> tuple[re.Pattern[str], dict[str, str], int]:
    """The columns' labels as one alternation, the column of each label, and the length of the
    shortest label."""
    labels = getattr(spec, vocabulary)
    code_of = {squash(label): code for code in columns for label in labels[code]}
    alternation = "|".join(map(re.escape, sorted(code_of, key=len, reverse=True)))
    return re.compile(alternation), code_of, min(map(len, code_of))


def printed_order(header: str, columns: tuple[str, ...], vocabulary: str,
                  groups: int = 1) -> list[tuple[str, ...]] | None:
    """The columns in the order the header text prints their labels (`vocabulary`: the spec's
    labels of them), per group (table 4 prints its outcomes under each of its three groups); None
    where the header does not print each label so."""
    pattern, code_of, shortest = _pattern(columns, vocabulary)
    width = len(columns)
    if len(header) < width * shortest:
        return None  # (too short to print each label once: squashed, it is no longer)
    found = [code_of[m.group()] for m in pattern.finditer(_NOT_COLUMNS.sub("", squash(header)))]
    if len(found) == width and groups > 1:
        found *= groups  # printed once, over every group
    if len(found) != width * groups:
        return None
    chunks = [tuple(found[g * width:(g + 1) * width]) for g in range(groups)]
    if any(sorted(chunk) != sorted(columns) for chunk in chunks):
        return None
    return chunks


# table 4's section titles, squashed: they name a group before the header does
_REVIEW_HEADING = re.compile("|".join(map(re.escape, sorted(
    {squash(label) for label in spec.SECTION_LABELS["review_litigation"]}, key=len, reverse=True))))


def printed_groups(header: str) -> tuple[str, ...] | None:
    """Table 4's groups in the order its header prints them (three columns of five, or three rows
    of a table printed sideways), by where each group's label first appears; None where one is not."""
    text = _REVIEW_HEADING.sub("", squash(header))
    first = {}
    for group, labels in spec.REVIEW_GROUP_LABELS.items():
        at = [i for i in map(text.find, labels) if i >= 0]
        if not at:
            return None
        first[group] = min(at)
    return tuple(sorted(first, key=first.__getitem__))


def reorder(values: dict[str, dict[str, Any]], provenance: dict[str, Any], order: tuple[str, ...],
            columns: tuple[str, ...], rows: Iterable[str]) -> None:
    """Each row's values (and their places), read in the template's order, moved to the columns
    the header printed in their places."""
    pairs = list(zip(columns, order, strict=True))  # (read as, printed under)
    for row in rows:
        cells = values[row]
        cells.update({printed: cells[read] for read, printed in pairs})
        places = {printed: provenance.get(f"{row}/{read}") for read, printed in pairs}
        provenance.update({f"{row}/{printed}": place for printed, place in places.items() if place is not None})


def reordered_issue(table: str, order: tuple[str, ...], columns: tuple[str, ...]) -> tuple[str, str, str, str]:
    return ("columns_reordered", "warning", table,
            f"the header prints the columns {', '.join(columns)} in the order {', '.join(order)}: "
            f"their numbers are read by the header")
