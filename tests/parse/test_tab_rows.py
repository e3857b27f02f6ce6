"""A tab line's cells worked out a list at a time (`_tab_row`) read as its fields read one by one."""

from __future__ import annotations

import random
from itertools import accumulate

from pipelines.ingest import text as T
from pipelines.ingest.cells import RawCell


def _field_by_field(line: str, place: str) -> list[RawCell]:
    fields = line.split("\t")
    parts = [f.strip() for f in fields]
    first = 0
    if not parts[0] and not T._values_only(parts):
        while first < len(parts) and not parts[first]:
            first += 1
    if parts == fields:
        starts = [0, *accumulate([len(f) + 1 for f in fields])]
        row = [RawCell(cell, place + str(at + 1), False, i, True)
               for i, (cell, at) in enumerate(zip(parts[first:], starts[first:-1], strict=True), start=1)]
    else:
        row = []
        at = sum(map(len, fields[:first])) + first
        for field, cell in zip(fields[first:], parts[first:], strict=True):
            if cell:
                column = at + len(field) - len(field.lstrip()) + 1
            elif not row:
                column = 1
            else:
                column = at + len(field) - len(field.lstrip(" \u3000")) + 1
            row.append(RawCell(cell, place + str(column), False, len(row) + 1, True))
            at += len(field) + 1
    if len(row) == 1:
        return [RawCell(row[0].text, row[0].where)]
    return row


def test_tab_rows_read_as_field_by_field():
    rng = random.Random(9)
    values = ["", "", "1", "0", "12", "—", "－", "无", "a b", "行政许可", "２", "-1"]
    pads = ["", "", " ", "  ", "\u3000", "\u3000\u3000", "\xa0", " \xa0", "\u2002"]
    for _ in range(40_000):
        count = rng.choice([1, 2, 3, 5, 8, 15, 16])
        fields = [rng.choice(pads) + rng.choice(values) + rng.choice(pads) for _ in range(count)]
        line = "\t".join(fields)
        if "\t" not in line:
            continue
        got = T._tab_row(line, "line 4 col ")
        assert [tuple(c) for c in got] == [tuple(c) for c in _field_by_field(line, "line 4 col ")], repr(line)
        assert all(type(c) is RawCell for c in got)
