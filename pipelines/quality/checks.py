"""The check views in the warehouse: install `sql/checks/` with the spec's rules as rows, read frames.

I/O at the edge: everything here talks to a DuckDB connection; what the rules are comes from
`rules` (pure) and the SQL text from `sql/checks/`, whose placeholders are filled from the
templates (`pipelines.warehouse.sqlfiles`) and, for the rule rows, from `rules`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipelines.quality import rules
from pipelines.warehouse.sqlfiles import SQL_DIR, run_file, sql_files

CHECKS_DIR = SQL_DIR / "checks"
READ_DIR = CHECKS_DIR / "read"  # the queries that read the checks' results back
# the warehouse's own files the checks read: the codes and forms, and where results go
CHECK_DDL = (SQL_DIR / "ddl" / "05_dim_code.sql", SQL_DIR / "ddl" / "38_report_table_form.sql",
             SQL_DIR / "ddl" / "90_check_result.sql")


def run_sql_file(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Run a SQL file with its placeholders filled (the rule rows included)."""
    run_file(con, path, extra=_rule_rows())


@cache
def _rule_rows() -> dict[str, list[tuple[str, ...]]]:
    return {"rule_terms": rules.rule_terms(), "cell_codes": rules.cell_codes()}


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create (or refresh) the `checks` schema, its rule tables and views, and `check_result`;
    the codes and table forms are refreshed too, so a warehouse is checked by the templates of
    the process that checks it."""
    extra = _rule_rows()
    for path in (*CHECK_DDL, *sql_files(CHECKS_DIR)):
        run_file(con, path, extra=extra)


def _read(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None,
          **extra: Any) -> duckdb.DuckDBPyConnection:
    """Run `sql/checks/read/<name>.sql` (placeholders filled with `extra`)."""
    return run_file(con, READ_DIR / f"{name}.sql", params, extra)


# reports whose check rows are computed in one query: past it, in parts of about this many (the
# aggregates of one query grow with the reports and spill to disk past the memory limit; parts keep
# each within it, but each part scans every fact row again, so parts start only where one query
# would spill much: at 600 000 reports it spills a quarter of a GB)
PART_REPORTS = 1_000_000


def materialise(con: duckdb.DuckDBPyConnection, part_reports: int = PART_REPORTS) -> None:
    """Compute the per-report check rows once (the checks share scans), for the frames to pivot:
    in one query, or part by part (whole agencies a part, `sql/checks/00_schema.sql`)."""
    reports = con.execute("SELECT count(*) FROM checks.report").fetchone()[0]
    parts = -(-reports // part_reports)
    if parts <= 1:
        _read(con, "check_frame")
        return
    try:
        for part in range(parts):
            con.execute(f"SET VARIABLE check_parts = {parts}::UBIGINT")
            con.execute(f"SET VARIABLE check_part = {part}::UBIGINT")
            run_sql_file(con, CHECKS_DIR / "00_schema.sql")  # checks.report_table of this part
            _read(con, "check_frame" if part == 0 else "check_frame_part")
    finally:
        con.execute("RESET VARIABLE check_parts")
        con.execute("RESET VARIABLE check_part")
        run_sql_file(con, CHECKS_DIR / "00_schema.sql")  # every report again, for the reads after


def fact_frame(con: duckdb.DuckDBPyConnection, table: str, keys: list[str]) -> pd.DataFrame:
    """One row per report that prints the spec table, with `<key>_observed` and `<key>_expected`
    for each check key (NaN where the check does not apply to the report, e.g. rule 6 without
    a neighbouring year)."""
    return _read(con, "fact_frame", {"table_name": table}, keys=keys).df()


# the cell checks: their failing cells are read from a view with one row per cell
# (read/failing_cells.sql); the equation checks (rules 1-4, 6) list their failing equations in the
# frame itself
CELL_CHECKS = frozenset({"rule5_non_negative", "rule5_integer", "structure_codes", "structure_rows"})


def failure_details(con: duckdb.DuckDBPyConnection, table: str, key: str,
                    report_ids: list[str]) -> list[tuple[str, str, float, float]]:
    """The failing equations or cells behind one check of some reports: (report, name, observed, expected)."""
    if not report_ids:
        return []
    if key not in CELL_CHECKS:
        return _read(con, "failing_equations",
                     {"table_name": table, "check_key": key, "report_ids": report_ids}).fetchall()
    return _read(con, "failing_cells", {"table_name": table, "report_ids": report_ids}, key=key).fetchall()


def dim_frame(con: duckdb.DuckDBPyConnection, suite: str) -> pd.DataFrame:
    return _read(con, suite).df()


def reports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The reports under check, with what adjudications match them by."""
    return _read(con, "reports").df()


def report_cells(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> dict[str, dict[str, float]]:
    """The printed cells of tables 3 and 4 of some reports, as "table/row/col" -> value.

    Only the cells that are not 0 or blank: a cell left out reads as 0 (`rules.Equation.residual`,
    `suggest`), and most cells are 0.
    """
    out: dict[str, dict[str, float]] = {r: {} for r in report_ids}
    if not report_ids:
        return out
    for rid, key, value in _read(con, "report_cells", {"report_ids": report_ids}).fetchall():
        out[rid][key] = float(value)
    return out


def report_forms(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> dict[str, dict[str, str]]:
    """Per report, the tables it printed in another template's form: table -> that template."""
    out: dict[str, dict[str, str]] = {}
    if not report_ids:
        return out
    for rid, table, form in _read(con, "report_forms", {"report_ids": report_ids}).fetchall():
        out.setdefault(rid, {})[table] = form
    return out


def doubted_cells(con: duckdb.DuckDBPyConnection, report_ids: list[str], code: str) -> dict[str, frozenset[str]]:
    """Per report, the cells ("table/row/col") that carry an issue of `code` (OCR's doubts)."""
    out: dict[str, set[str]] = {}
    if report_ids:
        for rid, cell in _read(con, "doubted_cells", {"report_ids": report_ids, "code": code}).fetchall():
            out.setdefault(rid, set()).add(cell)
    return {rid: frozenset(cells) for rid, cells in out.items()}


def continuity_terms(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> dict[str, dict[str, tuple[str, float]]]:
    """Per report, the rule-6 cells charged to it: column -> (its row, the neighbour year's value)."""
    out: dict[str, dict[str, tuple[str, float]]] = {}
    if not report_ids:
        return out
    for rid, col, row, value in _read(con, "continuity_terms", {"report_ids": report_ids}).fetchall():
        out.setdefault(rid, {})[col] = (row, float(value))
    return out
