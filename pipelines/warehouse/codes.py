"""The templates' codes and labels as rows and lists for the warehouse's SQL (pure, from `spec`).

Everything in `sql/` that names a row code, a column code, a label or a section comes from here:
`sql_context()` is what a SQL file's `{{ … }}` placeholders see (`pipelines.warehouse.sqlfiles`
renders them), and `dim_code_rows()` are the rows of the analyst's `dim_code`. A new template file
(or one in `XXGK_TEMPLATE_DIRS`) changes these values and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from functools import cache
from typing import Any

from pipelines import spec

AXES = ("row", "column")


@dataclass(frozen=True)
class Code:
    """One row of `dim_code`: a row or column code of a table in one template's form."""

    template: str
    table_name: str
    section: str | None  # the numeral of the report's section that holds the table (三)
    section_title: str | None  # that section's title as the template prints it
    axis: str  # row | column
    code: str
    label: str  # as the template prints it
    variants: tuple[str, ...]  # other wordings reports are known to print
    display_order: int  # 1, 2, … along the axis, in printed order (table 3's headings included)
    numbering: str | None  # what precedes the label in table 3's outline: 一、 （三） 1.
    depth: int | None  # table 3's outline: 0 at the top, then 1 and 2 (numbered as `numbering` says)
    parent: str | None  # table 3: the code of the heading the row sits under
    parent_label: str | None  # the printed heading over the row or column (a clause of table 2, a column group …)
    is_heading: bool  # a heading row: prints a label, holds no cells
    is_outcome: bool  # table 3: an outcome row, counted in total_handled (rule 2)
    outcome_group: str | None  # table 3's outcome rows: the （一）…（六） entry they count under
    is_total: bool  # a total column or outcome, as printed
    kind: str | None  # table 2's metrics: count, signed or money
    unit: str | None  # the unit money is stored in


DIM_CODE_COLUMNS = tuple(f.name for f in fields(Code))


def merged_order(sequences: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """The codes of several templates in one printed order: each template's new codes go just before
    the next code the order already holds (v2021's other_* rows after v2019's other, before total_handled)."""
    order: list[str] = []
    for seq in sequences:
        pending: list[str] = []
        for code in seq:
            if code in order:
                at = order.index(code)
                order[at:at] = pending
                pending = []
            else:
                pending.append(code)
        order.extend(pending)
    return tuple(order)


def _sections(template: str) -> dict[str, tuple[str, str]]:
    """table -> (section numeral, title) as the template prints them."""
    return {s["table"]: (s["number"], s["labels"][0]) for s in spec.TEMPLATE_DATA[template].sections if s.get("table")}


def _labels(labels: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    first, *rest = labels
    return first, tuple(rest)


def _application_rows(template: str) -> list[dict[str, Any]]:
    """Table 3's outline: every row and heading with its depth, numbering, parent and outcome group."""
    counters: list[int] = []
    path: list[tuple[str, str]] = []  # (code, label) of the entry open at each depth
    out = []
    for row in spec.TEMPLATE_DATA[template].applications["rows"]:
        depth = int(row["depth"])
        counters = [*counters[:depth], (counters[depth] if depth < len(counters) else 0) + 1]
        code = row.get("code") or row["group"]
        label, variants = _labels(row["labels"])
        path = [*path[:depth], (code, label)]
        parent = path[depth - 1] if depth else (None, None)
        out.append({
            "code": code, "label": label, "variants": variants, "depth": depth,
            "numbering": spec.numbering(template, depth, counters[depth]),
            "parent": parent[0], "parent_label": parent[1], "is_heading": "group" in row,
            "is_outcome": bool(row.get("outcome")),
            # the entry at depth 1 the outcome counts under: itself, or the heading over it
            "outcome_group": path[1][0] if row.get("outcome") and len(path) > 1 else None,
        })
    return out


def _entries_of(template: str, table: str, axis: str, entries: list[dict[str, Any]]) -> list[Code]:
    number, title = _sections(template).get(table, (None, None))
    return [Code(
        template=template, table_name=table, section=number, section_title=title, axis=axis,
        code=e["code"], label=e["label"], variants=e["variants"], display_order=i,
        numbering=e.get("numbering"), depth=e.get("depth"), parent=e.get("parent"),
        parent_label=e.get("parent_label"), is_heading=e.get("is_heading", False),
        is_outcome=e.get("is_outcome", False), outcome_group=e.get("outcome_group"),
        is_total=e.get("is_total", False), kind=e.get("kind"), unit=e.get("unit"),
    ) for i, e in enumerate(entries, 1)]


@cache
def dim_code() -> tuple[Code, ...]:
    """Every row and column code of every template's three tables, in printed order."""
    out: list[Code] = []
    for template in spec.TEMPLATES:
        t = spec.TEMPLATE_DATA[template]

        def add(table: str, axis: str, entries: list[dict[str, Any]], template: str = template) -> None:
            out.extend(_entries_of(template, table, axis, entries))

        clause_of = {item: spec.TEMPLATE_DATA[template].active["clause"].format(cn=spec.cn_numeral(int(g["clause"])))
                     for g in t.active["groups"] for item in g["items"]}
        add("active", "row", [
            {"code": item, **dict(zip(("label", "variants"), _labels(d["labels"]), strict=True)),
             "parent_label": clause_of.get(item)}
            for item, d in t.active["items"].items()])
        used = merged_order(d["metrics"] for d in t.active["items"].values())
        metrics = t.active["metrics"]
        add("active", "column", [
            {"code": m, **dict(zip(("label", "variants"), _labels(metrics[m]["labels"]), strict=True)),
             "kind": "money" if metrics[m].get("unit") else "signed" if metrics[m].get("signed") else "count",
             "unit": metrics[m].get("unit")}
            for m in used])
        add("applications", "row", _application_rows(template))
        group = t.applications.get("column_group", {})
        add("applications", "column", [
            {"code": c["code"], **dict(zip(("label", "variants"), _labels(c["labels"]), strict=True)),
             "is_total": bool(c.get("total")),
             "parent_label": group["labels"][0] if c["code"] in group.get("columns", ()) else None}
            for c in t.applications["columns"]])
        add("review_litigation", "row", [
            {"code": g["code"], **dict(zip(("label", "variants"), _labels(g["labels"]), strict=True)),
             "parent_label": g.get("parent")}
            for g in t.review_litigation["groups"]])
        add("review_litigation", "column", [
            {"code": o["code"], **dict(zip(("label", "variants"), _labels(o["labels"]), strict=True)),
             "is_total": bool(o.get("total"))}
            for o in t.review_litigation["outcomes"]])
    return tuple(out)


def dim_code_rows() -> list[tuple[Any, ...]]:
    return [astuple(c) for c in dim_code()]


def _codes(template: str, table: str, axis: str, *, cells_only: bool = True) -> tuple[str, ...]:
    return tuple(c.code for c in dim_code()
                 if c.template == template and c.table_name == table and c.axis == axis
                 and not (cells_only and c.is_heading))


def codes(table: str, axis: str) -> tuple[str, ...]:
    """The codes of a table's axis over every template, in one printed order (headings left out)."""
    return merged_order(_codes(t, table, axis) for t in spec.TEMPLATES)


def _entries(table: str, axis: str, code: str) -> list[Code]:
    """The code's rows of dim_code, oldest template first; a row of cells before a heading of the
    same code (v2019's other row, v2021's other heading)."""
    found = [c for c in dim_code() if (c.table_name, c.axis, c.code) == (table, axis, code)]
    if not found:
        raise KeyError(f"no template has {axis} code {code!r} in table {table!r}")
    cells = [c for c in found if not c.is_heading]
    return cells or found


def newest(table: str, axis: str, code: str) -> Code:
    """The code as the newest template that has it prints it."""
    return _entries(table, axis, code)[-1]


def total_column(table: str) -> str:
    """The column that holds a table's printed totals (总计)."""
    (code,) = {c.code for c in dim_code() if c.table_name == table and c.axis == "column" and c.is_total}
    return code


def forms(template: str, table: str) -> tuple[str, ...]:
    """The templates whose form of a table a report of `template` may print: its own first."""
    return (template, *spec.MIXTURES.get(template, {}).get(table, ()))


@cache
def form_markers() -> tuple[tuple[str, str, str, int, str, str], ...]:
    """(template, table, form, preference, row, column): the cells that show a report of `template`
    printed `table` in another template's `form` (spec.MIXTURES) — the form has them, the
    template's own form does not. A report printing one of them printed that form."""
    cells = {t: {table: {(row, col) for row, cols in rows.items() for col in cols}
                 for table, rows in spec.empty_tables(t).items()} for t in spec.TEMPLATES}
    out = []
    for template in spec.TEMPLATES:
        for table in spec.TABLES:
            for preference, form in enumerate(forms(template, table)[1:], 1):
                for row, col in sorted(cells[form][table] - cells[template][table]):
                    out.append((template, table, form, preference, row, col))
    return tuple(out)


def continuity() -> dict[str, str]:
    """Rule 6: the table, this year's row and the row of last year it must equal."""
    table, this_year, last_year = spec.CONTINUITY
    return {"table": table, "this_year": this_year, "last_year": last_year}


def rule_rows(rule: str) -> tuple[str, ...]:
    """The rows a sum rule over columns adds up, left side then right (rule 1: the balance rows)."""
    seen = [row for t in spec.TEMPLATES for r in spec.sum_rules(t) if r.rule == rule for row, _ in (*r.left, *r.right)]
    return tuple(dict.fromkeys(seen))


def sql_context() -> dict[str, Any]:
    """What a SQL file's placeholders may name (sql/README.md lists them)."""
    return {
        "templates": spec.TEMPLATES,
        "tables": spec.TABLES,
        "first_year": {t: spec.TEMPLATE_DATA[t].first_year for t in spec.TEMPLATES},
        "rows": {table: codes(table, "row") for table in spec.TABLES},
        "columns": {table: codes(table, "column") for table in spec.TABLES},
        # per template: table -> axis -> its codes in printed order (headings left out)
        "codes_of": {t: {table: {axis: _codes(t, table, axis) for axis in AXES} for table in spec.TABLES}
                     for t in spec.TEMPLATES},
        "money": dict(spec.MONEY_METRICS),
        "total": {table: total_column(table) for table in ("applications", "review_litigation")},
        "label": lambda table, axis, code: newest(table, axis, code).label,
        "code": lambda table, axis, code: newest(table, axis, code),
        "templates_with": lambda table, axis, code: tuple(c.template for c in _entries(table, axis, code)),
        "section": {c.table_name: c.section_title for c in dim_code()},
        "section_no": {c.table_name: c.section for c in dim_code()},
        "outcomes": merged_order(spec.OUTCOMES[t] for t in spec.TEMPLATES),
        "outcome_groups": merged_order(
            dict.fromkeys(c.outcome_group for c in dim_code() if c.template == t and c.outcome_group)
            for t in spec.TEMPLATES),
        # outcome groups that are headings over several rows in some template, and their rows
        "group_rows": {g: tuple(dict.fromkeys(c.code for c in dim_code() if c.outcome_group == g))
                       for g in dict.fromkeys(c.code for c in dim_code()
                                              if c.table_name == "applications" and c.is_heading)
                       if any(c.outcome_group == g for c in dim_code())},
        "parts": {table: tuple(c for c in codes(table, "column") if c != total_column(table))
                  for table in ("applications", "review_litigation")},
        "balance_rows": rule_rows("rule1"),
        "continuity": continuity(),
        "dim_code_columns": DIM_CODE_COLUMNS,
        "dim_code_rows": dim_code_rows(),
        "form_markers": form_markers(),
        "rule_text": dict(spec.RULE_TEXT),
    }
