"""The three tables as the workbook and the page lay them out: pure functions over ReportData.

Each table is a list of lines, one per printed cell in the order the report prints it (row by
row, left to right; the rows of both templates merged in their printed order), with the value of
every year side by side and the change from the year before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pipelines import spec

from .data import ReportData, YearCell
from .words import OUTCOME_GROUPS, col_label, outcome_group, outcome_group_label, row_label, total_label, word

Number = int | Decimal


def merged(*sequences: Sequence[str]) -> list[str]:
    """The codes of several sequences in one order that keeps each sequence's order: a code
    one sequence lacks goes right after the code it follows there."""
    out: list[str] = []
    for seq in sequences:
        previous: str | None = None
        for code in seq:
            if code not in out:
                out.insert(out.index(previous) + 1 if previous is not None else len(out), code)
            previous = code
    return out


_NEWEST_FIRST = tuple(reversed(spec.TEMPLATES))


def printed_rows(table: str) -> list[str]:
    if table == "active":
        return merged(*(list(spec.ACTIVE_ITEMS[t]) for t in _NEWEST_FIRST))
    if table == "applications":
        return merged(*(spec.APPLICATION_ROWS[t] for t in _NEWEST_FIRST))
    return list(spec.REVIEW_GROUPS)


def printed_cols(table: str, row: str) -> list[str]:
    if table == "active":
        return merged(*(spec.ACTIVE_ITEMS[t].get(row, ()) for t in _NEWEST_FIRST))
    if table == "applications":
        return list(spec.APPLICANTS)
    return list(spec.REVIEW_OUTCOMES)


def cell_order(table: str) -> dict[tuple[str, str], int]:
    """(row, column) → position in printed order, for every cell either template prints."""
    order: dict[tuple[str, str], int] = {}
    for row in printed_rows(table):
        for col in printed_cols(table, row):
            order[(row, col)] = len(order)
    return order


def in_printed_order(cells: list[dict]) -> list[dict]:
    """Listed cells (table_name, row_code, col_code, report_id) with each report's cells in the
    order it prints them, the reports kept in the order given."""
    orders = {t: cell_order(t) for t in spec.TABLES}
    first: dict[str, int] = {}
    for c in cells:
        first.setdefault(c["report_id"], len(first))

    def key(c: dict) -> tuple:
        table = c["table_name"]
        order = orders.get(table, {})
        return (first[c["report_id"]], spec.TABLES.index(table) if table in orders else len(orders),
                order.get((c["row_code"], c["col_code"]), len(order)), c["row_code"], c["col_code"])

    return sorted(cells, key=key)


def change(current: Number | None, previous: Number | None) -> tuple[Number | None, float | None]:
    """The change from the year before and its share of the year before (None where it has none)."""
    if current is None or previous is None:
        return None, None
    diff = current - previous
    return diff, (float(diff) / float(previous) if previous else None)


@dataclass
class Line:
    """One printed cell of a table, every year of the scope side by side."""

    table: str
    row: str
    col: str
    row_label: str
    col_label: str
    unit: str
    by_year: dict[int, YearCell] = field(default_factory=dict)

    def value(self, year: int) -> Number | None:
        cell = self.by_year.get(year)
        return cell.value if cell else None


def table_lines(data: ReportData, table: str) -> list[Line]:
    """The cells of one table printed by any report of the scope, in printed order; cells of a
    code no template has (a structure failure) come last, in code order."""
    order = cell_order(table)
    lines: dict[tuple[str, str], Line] = {}
    for c in data.cells:
        if c.table != table:
            continue
        key = (c.row, c.col)
        line = lines.get(key)
        if line is None:
            line = lines[key] = Line(table, c.row, c.col, row_label(table, c.row), col_label(table, c.col), c.unit)
        line.by_year[c.year] = c
    return sorted(lines.values(), key=lambda ln: (order.get((ln.row, ln.col), len(order)), ln.row, ln.col))


def table_reports(data: ReportData, table: str) -> dict[int, int]:
    """Reports printing the table, per year."""
    return {y["year"]: y[f"with_{table}"] for y in data.year_reports}


@dataclass
class Figure:
    """A headline number per year (the summary sheet and the page)."""

    key: str
    label: str
    by_year: dict[int, Number | None]
    share: bool = False  # a ratio shown as a percentage


def _total(cells: Iterable[YearCell]) -> Number | None:
    values = [c.value for c in cells if c.value is not None]
    return sum(values) if values else None


def key_figures(data: ReportData) -> list[Figure]:
    """Table 3's totals (总计 column): new, carried over, each outcome group, handled, carried
    forward, the share denied; table 4's totals per group."""
    apps: dict[int, dict[str, YearCell]] = {}
    review: dict[int, dict[str, YearCell]] = {}
    for c in data.cells:
        if c.table == "applications" and c.col == "total":
            apps.setdefault(c.year, {})[c.row] = c
        elif c.table == "review_litigation" and c.col == "total":
            review.setdefault(c.year, {})[c.row] = c
    years = data.years

    def row(code: str) -> Figure:
        return Figure(code, total_label(code),
                      {y: _total([apps[y][code]] if code in apps.get(y, {}) else []) for y in years})

    figures = [row("new"), row("carried_over")]
    groups: dict[str, Figure] = {}
    for group in OUTCOME_GROUPS:
        values = {y: _total(c for code, c in apps.get(y, {}).items()
                            if code not in ("new", "carried_over", "total_handled", "carried_forward")
                            and outcome_group(code) == group)
                  for y in years}
        groups[group] = Figure(group, outcome_group_label(group), values)
        figures.append(groups[group])
    handled = row("total_handled")
    figures += [handled, row("carried_forward")]
    denied = {y: (float(groups["denied"].by_year[y]) / float(handled.by_year[y])
                  if groups["denied"].by_year[y] is not None and handled.by_year[y] else None)
              for y in years}
    figures.append(Figure("denied_share", word("column", "denied_share"), denied, share=True))
    for group in spec.REVIEW_GROUPS:
        label = f"{row_label('review_litigation', group)} · {col_label('review_litigation', 'total')}"
        figures.append(Figure(f"{group}_total", label,
                              {y: _total([review[y][group]] if group in review.get(y, {}) else []) for y in years}))
    return figures
