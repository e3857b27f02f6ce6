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


def _equation(template: str | None, rule: str | None, name: str | None) -> spec.SumRule | None:
    if template not in spec.TEMPLATES or not name:
        return None
    return next((e for e in spec.sum_rules(template) if e.rule == rule and e.name == name), None)


def check_cells(check: dict, printed: dict[tuple[str, str, str, str], dict]) -> str:
    """The cells a failing check reads, each with its label, its value, the text printed there
    and where it was read: '<row>·<column> 12［<printed text> · line 10 cell 7］ + … = …'. `printed`: the
    listed cells by (report_id, table, row, column). '' when the report's cells are not listed
    (a wide scope lists the first ones only) or the check names no cells of its own (rule 6)."""
    rid = check.get("report_id")
    name = check.get("check_name") or ""

    def one(table: str, row: str, col: str) -> str | None:
        cell = printed.get((rid, table, row, col))
        if cell is None:
            return None
        value = word("summary", "unread_cell") if cell["value"] is None else str(cell["value"])
        place = " · ".join(str(x) for x in (cell.get("raw_text"), cell.get("source_location")) if x)
        return f"{row_label(table, row)}·{col_label(table, col)} {value}" + (f"［{place}］" if place else "")

    any_cell = next((c for k, c in printed.items() if k[0] == rid), None)
    if any_cell is None:
        return ""
    parts = name.split("/")
    if len(parts) == 4 and parts[1] in spec.TABLES:  # a cell check: template/table/row/column
        return one(*parts[1:]) or ""
    eq = _equation(any_cell.get("template"), check.get("rule"), name)
    if eq is None:
        return ""
    # the cells that add something are named; the 0s and blanks of a long side are counted
    left = [(r, c) for r, c in eq.left if printed.get((rid, eq.table, r, c), {}).get("value", 0) != 0]
    zeros = len(eq.left) - len(left)
    shown = [x for x in (one(eq.table, r, c) for r, c in left) if x]
    if zeros:
        shown.append(word("summary", "zero_cells").format(n=zeros))
    right = [x for x in (one(eq.table, r, c) for r, c in eq.right) if x]
    return f"{' + '.join(shown)} = {' + '.join(right) or '0'}"


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
