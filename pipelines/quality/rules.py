"""The spec's rules as rows: what the SQL check views join against, and what the GX suites name.

Everything here is derived from `pipelines.spec`, so the rules stay written in one place: the
sum rules (1–4) become one row per term of each equation — per template and per form its reports
may print a table in (`spec.MIXTURES`) —, the codes of each template become one row per cell, and
rule 6 is the pairing of a year's row with the year before's row it must equal (`spec.CONTINUITY`),
per column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from pipelines import spec

# The warehouse fact table holding each table of the report, and its (row, column) key columns.
FACT_TABLES: dict[str, tuple[str, str, str, str]] = {
    # spec table -> (fact table, row column, column column, value column)
    "active": ("fact_active_disclosure", "item", "metric", "value"),
    "applications": ("fact_application", "row_code", "applicant_type", "count"),
    "review_litigation": ("fact_review_litigation", "group_code", "outcome", "count"),
}

RULES: dict[str, str] = {
    **spec.RULE_TEXT,
    "structure": "every ok report has all rows of its template, known codes only, "
    "one current report per agency and year",
}


def forms(template: str, table: str) -> tuple[str, ...]:
    """The templates whose form of a table a report of `template` may print: its own first."""
    return (template, *spec.MIXTURES.get(template, {}).get(table, ()))


def _form_pairs(template: str, forms_: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    """`spec.sum_rules`' forms argument: only the tables printed in another template's form."""
    return tuple(sorted((t, f) for t, f in (forms_ or {}).items() if f != template))


def rule_terms() -> list[tuple[str, str, str, str, str, str, str, str]]:
    """Rows of `checks.rule_term`: template, form, rule, equation, side, table, row, column."""
    rows = []
    for template in spec.TEMPLATES:
        for table in spec.TABLES:
            for form in forms(template, table):
                for r in spec.sum_rules(template, _form_pairs(template, {table: form})):
                    if r.table != table:
                        continue
                    for side, cells in (("left", r.left), ("right", r.right)):
                        rows.extend((template, form, r.rule, r.name, side, r.table, row, col) for row, col in cells)
    return rows


def cell_kind(table: str, metric: str) -> str:
    """count (rule 5 applies), signed (`change`) or money (a decimal amount)."""
    if table == "active" and metric in spec.MONEY_METRICS:
        return "money"
    if table == "active" and metric in spec.SIGNED_METRICS:
        return "signed"
    return "count"


def template_cells(template: str) -> list[tuple[str, str, str]]:
    """Every (table, row, column) cell of a template, in printed order."""
    return [
        (table, row, col)
        for table, rows in spec.empty_tables(template).items()
        for row, cols in rows.items()
        for col in cols
    ]


def cell_codes() -> list[tuple[str, str, str, str, str]]:
    """Rows of `checks.cell_code`: template, table, row, column, kind."""
    return [
        (template, table, row, col, cell_kind(table, col))
        for template in spec.TEMPLATES
        for table, row, col in template_cells(template)
    ]


@dataclass(frozen=True)
class Equation:
    """sum(coef * cell) + constant == 0, over the cells "table/row/col" of one report."""

    rule: str
    name: str
    terms: tuple[tuple[str, int], ...]
    constant: float = 0.0

    def residual(self, cells: dict[str, float]) -> float:
        get, total = cells.get, self.constant
        for k, c in self.terms:  # (a loop, not sum() of a generator: called for every equation of every broken report)
            total += c * get(k, 0)
        return total


@cache
def _sum_rule_equations(template: str, forms_: tuple[tuple[str, str], ...]) -> tuple[Equation, ...]:
    return tuple(
        Equation(
            r.rule, r.name,
            tuple((f"{r.table}/{row}/{col}", 1) for row, col in r.left)
            + tuple((f"{r.table}/{row}/{col}", -1) for row, col in r.right),
        )
        for r in spec.sum_rules(template, forms_)
    )


def report_equations(template: str, continuity: dict[str, tuple[str, float]] | None = None,
                     forms: Mapping[str, str] | None = None) -> list[Equation]:
    """Rules 1–4 as linear equations over a report's cells, and rule 6 for the cells it is charged
    with: continuity maps a column to (this year's or last year's row of rule 6, the value the
    neighbouring year's report prints for it). `forms`: table -> the template whose form of the
    table the report printed, where it is not the report's own (`checks.report_forms`)."""
    eqs = list(_sum_rule_equations(template, _form_pairs(template, forms)))
    table = spec.CONTINUITY[0]
    for col, (row, value) in (continuity or {}).items():
        eqs.append(Equation("rule6", f"continuity/{col}", ((f"{table}/{row}/{col}", 1),), -value))
    return eqs


def equation_cells(template: str, forms: Mapping[str, str] | None = None) -> dict[tuple[str, str], str]:
    """(rule, equation) -> the cells it adds up, written out: "a/x + b/x = c/x" (table-relative)."""
    out = {}
    for r in spec.sum_rules(template, _form_pairs(template, forms)):
        left = " + ".join(f"{row}/{col}" for row, col in r.left)
        right = " + ".join(f"{row}/{col}" for row, col in r.right)
        out[(r.rule, r.name)] = f"{r.table}: {left} = {right}"
    table, this_year, last_year = spec.CONTINUITY
    for col in spec.APPLICANTS:
        out[("rule6", f"continuity/{col}")] = (
            f"{table}: {this_year}/{col} = the previous year's {last_year}/{col}")
    return out
