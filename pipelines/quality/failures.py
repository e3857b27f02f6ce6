"""Failures as a person reads them: who (agency, year, region), which rule in words, the cells
involved as printed and where (page/line/cell), and the smallest fix — or why none is proposed.

Read from a validated warehouse (`check_result` joined with the reports, agencies, codes and the
facts' `raw_text`/`source_location`), so `xxgk validate --list`, the Dagster check metadata
(`failures_markdown`) and the validation pages show the same thing. Also here: the advice for
the checks that no change of numbers can fix (rule 5, structure), written into `check_result`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipelines import spec
from pipelines.quality.rules import FACT_TABLES, RULES

FAILING = ("failed", "confirmed")  # statuses that still count against a report
MAX_CELLS_SHOWN = 4
MAX_CHECKS_SHOWN = 3
_FIX_CELL = re.compile(r"(\w+)/(\w+)/(\w+): ")


@dataclass(frozen=True)
class Cell:
    """One printed cell: its code ("table/row/col"), labels, value read, text printed and place."""

    key: str
    label: str = ""
    value: float | None = None
    raw_text: str | None = None
    place: str | None = None

    def text(self) -> str:
        if self.raw_text and self.raw_text.strip():
            printed = f'"{self.raw_text}"'
        else:  # a cell printed empty, or one the warehouse does not hold
            printed = "blank" if self.raw_text is not None or self.value is None else _fmt(self.value)
        where = f" at {self.place}" if self.place else ""
        label = f"{self.label} " if self.label else ""
        return f"{label}({self.key}) printed {printed}{where}"


@dataclass
class Failure:
    """One report's failure of one rule (every failing equation or cell of that rule)."""

    report_id: str
    agency: str | None
    year: int | None
    region: str
    source_path: str | None
    suite: str
    rule: str
    status: str
    checks: list[str] = field(default_factory=list)  # "name: observed ≠ expected"
    cells: list[Cell] = field(default_factory=list)
    fix: str | None = None
    why_no_fix: str | None = None

    @property
    def who(self) -> str:
        year = "" if self.year is None else f" {self.year}"
        return f"{self.agency or '(agency unknown)'}{year}"

    @property
    def rule_text(self) -> str:
        return RULES.get(self.rule, self.rule)

    @property
    def action(self) -> str:
        if self.fix:
            return f"fix: {self.fix}"
        return f"no fix proposed: {self.why_no_fix or 'no correction of printed cells applies to this check'}"

    def cells_text(self) -> str:
        shown = "; ".join(c.text() for c in self.cells[:MAX_CELLS_SHOWN])
        return shown + (" …" if len(self.cells) > MAX_CELLS_SHOWN else "")

    def checks_text(self) -> str:
        shown = "; ".join(self.checks[:MAX_CHECKS_SHOWN])
        return shown + (f" … ({len(self.checks)} in all)" if len(self.checks) > MAX_CHECKS_SHOWN else "")

    def line(self) -> str:
        """One line of `xxgk validate --list`."""
        region = f" [{self.region}]" if self.region else ""
        status = " (confirmed by the analyst)" if self.status == "confirmed" else ""
        parts = [f"{self.who}{region} — {self.rule}{status}: {self.rule_text}"]
        if self.checks:
            parts.append(self.checks_text())
        if self.cells:
            parts.append(f"cells: {self.cells_text()}")
        parts.append(self.action)
        parts.append(f"report {self.report_id}" + (f" ({self.source_path})" if self.source_path else ""))
        return " — ".join(parts)


def _fmt(x: float | None) -> str:
    if x is None:
        return "blank"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# --- advice for the checks no change of the sums can fix -------------------------------------------

def cell_key(check_name: str | None) -> str | None:
    """A cell check's name "form/table/row/col" → "table/row/col"."""
    parts = (check_name or "").split("/")
    return "/".join(parts[1:]) if len(parts) == 4 else None


def advice(row: dict[str, Any]) -> str | None:
    """What to do about a failing rule-5 or structure row of check_result (None for other rules)."""
    name, expectation = row.get("check_name"), row.get("expectation") or ""
    obs, exp = row.get("observed"), row.get("expected")
    cell = cell_key(name) or name
    if row["rule"] == "rule5":
        if "integer" in expectation:
            return (f"a count is a whole number ≥ 0: re-read {cell} from the printed report (read as {_fmt(obs)}; "
                    f"the nearest whole number ≥ 0 is {_fmt(exp)}); the sums cannot choose the value for it")
        return (f"a count cannot be below 0: re-read {cell} from the printed report (read as {_fmt(obs)}); "
                "if the report prints it so, adjudicate it as confirmed — no value can be derived from the sums")
    if row["rule"] != "structure":
        return None
    if expectation.startswith("structure known codes"):
        form = (name or "?").split("/")[0]
        return (f"the cell {cell} is not a cell of the {form} template: its label was not recognised — add the "
                f"printed label as a variant in pipelines/templates/{form}.toml, or check how the table was read")
    if expectation.startswith("structure rows"):
        return (f"{_fmt(obs)} of the template's {_fmt(exp)} cells of {cell.removeprefix('rows/')} were read: "
                "the table was read incompletely — compare it with the printed report (`xxgk parse FILE` shows "
                "what was read); no number can be proposed for cells never read")
    if expectation == "one current report":
        return ("two current reports for one agency and year: keep the one that is right (remove or replace "
                "the other file and rebuild)")
    if expectation.startswith("template"):
        return "the report's template was not recognised: check that the file is an annual report of a known form"
    return f"{expectation}: fix the report's entry in the raw folder and rebuild; no cell correction applies"


# --- reading failures back from a validated warehouse ----------------------------------------------

def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def _involved(rule: str, check_name: str | None, cells_text: str | None) -> list[str]:
    """The cells a failing row is about: the cell itself, or an equation's total (right side);
    for rule 6, this year's cell charged with the break."""
    key = cell_key(check_name)
    if key:
        return [key]
    if not cells_text or ":" not in cells_text:
        return []
    table, eq = cells_text.split(":", 1)
    left, _, right = eq.partition("=")
    side = left if rule == "rule6" else right
    return [f"{table.strip()}/{m.group(1)}/{m.group(2)}" for m in re.finditer(r"(\w+)/(\w+)", side)
            if m.group(1) in _row_codes(table.strip())]


def _row_codes(table: str) -> set[str]:
    return {row for t in spec.TEMPLATES for row in spec.empty_tables(t).get(table, {})}


def _cells(con: duckdb.DuckDBPyConnection, wanted: dict[str, set[str]], templates: dict[str, str],
           have: set[str]) -> dict[tuple[str, str], Cell]:
    """(report, "table/row/col") → the cell as printed, with its labels where the warehouse has them."""
    labels: dict[tuple[str, str, str, str], str] = {}
    if "dim_code" in have:
        for t, table, axis, code, label in con.execute(
                "SELECT template, table_name, axis, code, label FROM dim_code").fetchall():
            labels[(t, table, axis, code)] = label
    out: dict[tuple[str, str], Cell] = {}
    by_table: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for rid, keys in wanted.items():
        for key in keys:
            table, row, col = key.split("/")
            by_table[table].append((rid, row, col))
    for table, triples in by_table.items():
        fact, row_col, col_col, value_col = FACT_TABLES[table]
        cols = {r[0] for r in con.execute(f"DESCRIBE {fact}").fetchall()}
        extra = ", ".join(f"f.{c}" if c in cols else f"NULL AS {c}" for c in ("raw_text", "source_location"))
        found = {}
        # a join on the cells wanted (thousands of failing reports in a large warehouse), not a filter list
        con.register("xxgk_wanted_cells", pd.DataFrame(triples, columns=["report_id", "r", "c"]))
        try:
            for rid, row, col, value, raw, place in con.execute(
                    f"SELECT f.report_id, f.{row_col}, f.{col_col}, f.{value_col}, {extra} FROM {fact} f "
                    f"JOIN xxgk_wanted_cells w ON w.report_id = f.report_id AND w.r = f.{row_col} "
                    f"AND w.c = f.{col_col}").fetchall():
                found[(rid, row, col)] = (value, raw, place)
        finally:
            con.unregister("xxgk_wanted_cells")
        for rid, row, col in triples:
            t = templates.get(rid, "")
            label = "·".join(x for x in (labels.get((t, table, "row", row)), labels.get((t, table, "column", col)))
                             if x)
            value, raw, place = found.get((rid, row, col), (None, None, None))
            out[(rid, f"{table}/{row}/{col}")] = Cell(f"{table}/{row}/{col}", label,
                                                      None if value is None else float(value), raw, place)
    return out


def failures(con: duckdb.DuckDBPyConnection, suite: str | None = None,
             report_ids: Iterable[str] | None = None) -> list[Failure]:
    """Every (report, rule) that fails in the warehouse's latest check_result, worst first
    (most failing checks), then by agency and year."""
    have = _tables(con)
    if "check_result" not in have:
        return []
    agency_cols = {r[0] for r in con.execute("DESCRIBE dim_agency").fetchall()} if "dim_agency" in have else set()
    region = " || ".join(f"coalesce(a.{c}, '')" for c in ("province", "city", "county") if c in agency_cols) or "''"
    join = "LEFT JOIN dim_agency a ON a.agency_id = d.agency_id" if "dim_agency" in have else ""
    sql = f"""
        SELECT c.report_id, d.agency, d.year, {region} AS region, d.source_path, d.template,
               c.suite, c.rule, c.expectation, c.check_name, c.observed, c.expected, c.status,
               c.suggestion, c.message, c.cells
        FROM check_result c
        LEFT JOIN dim_report d USING (report_id)
        {join}
        WHERE c.report_id IS NOT NULL AND c.status IN ('failed', 'confirmed')
          AND ($suite IS NULL OR c.suite = $suite)
          AND ($ids IS NULL OR list_contains($ids::VARCHAR[], c.report_id))
        ORDER BY c.report_id, c.rule, c.check_name"""
    ids = None if report_ids is None else sorted(set(report_ids))
    rows = con.execute(sql, {"suite": suite, "ids": ids}).fetchall()
    groups: dict[tuple[str, str, str], Failure] = {}
    wanted: dict[str, set[str]] = defaultdict(set)
    order: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    templates: dict[str, str] = {}
    for (rid, agency, year, reg, path, template, s, rule, _expectation, name, obs, exp, status,
         suggestion, message, cells_text) in rows:
        templates[rid] = template or ""
        key = (rid, s, rule)
        f = groups.get(key)
        if f is None:
            f = groups[key] = Failure(rid, agency, year, reg or "", path, s, rule, status)
        if status == "failed":
            f.status = "failed"
        if name:
            f.checks.append(f"{name}: {_fmt(obs)}" + ("" if obs == exp else f" ≠ {_fmt(exp)}"))
        f.fix = f.fix or suggestion
        if not suggestion and message and message not in (f.why_no_fix or ""):
            f.why_no_fix = f"{f.why_no_fix}; {message}" if f.why_no_fix else message
        involved = [m.group(1) + "/" + m.group(2) + "/" + m.group(3) for m in _FIX_CELL.finditer(suggestion or "")]
        involved += _involved(rule, name, cells_text)
        for k in involved:
            if k.split("/")[0] in FACT_TABLES and k not in order[key]:
                order[key].append(k)
                wanted[rid].add(k)
    printed = _cells(con, wanted, templates, have)
    for key, f in groups.items():
        f.cells = [printed[(f.report_id, k)] for k in order[key] if (f.report_id, k) in printed]
    per_report: dict[str, int] = defaultdict(int)
    for f in groups.values():
        per_report[f.report_id] += max(len(f.checks), 1)
    # the worst reports first (most failing checks), a report's rules together
    return sorted(groups.values(), key=lambda f: (-per_report[f.report_id], f.agency or "", f.year or 0,
                                                  f.report_id, f.rule))


def _connect(con_or_path: duckdb.DuckDBPyConnection | str | Path) -> tuple[duckdb.DuckDBPyConnection, bool]:
    if isinstance(con_or_path, duckdb.DuckDBPyConnection):
        return con_or_path, False
    return duckdb.connect(str(con_or_path), read_only=True), True


def _md(text: Any) -> str:
    """A Markdown table cell: pipes escaped, lines joined, markup characters shown as text."""
    s = "" if text is None else str(text)
    return (s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", " ").replace("\n", " "))


def failures_markdown(source: duckdb.DuckDBPyConnection | str | Path | Iterable[Failure],
                      suite: str | None = None, limit: int = 20) -> str:
    """A Markdown table of the worst failing reports (most failing checks first) — agency, year,
    region, rule in words, the cells as printed with their place, and the fix or why none is
    proposed — for the Dagster asset checks' metadata. `source`: a validated warehouse (an open
    connection or its path), or failures already read (`ValidationSummary.failures`)."""
    if isinstance(source, duckdb.DuckDBPyConnection | str | Path):
        con, close = _connect(source)
        try:
            found = failures(con, suite)
        finally:
            if close:
                con.close()
    else:
        found = [f for f in source if suite is None or f.suite == suite]
    if not found:
        return f"No failing report{f' in {suite}' if suite else ''}."
    head = ["| agency | year | region | rule | what fails | cells (printed, place) | fix or why none | report |",
            "|---|---|---|---|---|---|---|---|"]
    body = [
        "| " + " | ".join(_md(x) for x in (
            f.agency, f.year, f.region, f"{f.rule}: {f.rule_text}", f.checks_text(), f.cells_text(),
            f.action, f.report_id)) + " |"
        for f in found[:limit]]
    more = [f"\n… and {len(found) - limit} more (report, rule) failures."] if len(found) > limit else []
    return "\n".join(head + body + more)
