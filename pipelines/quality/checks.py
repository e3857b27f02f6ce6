"""The check views in the warehouse: install `sql/checks/` with the spec's rules as rows, read frames.

I/O at the edge: everything here talks to a DuckDB connection; what the rules are comes from
`rules` (pure) and the SQL text from `sql/checks/`, whose placeholders are filled from the
templates (`pipelines.warehouse.sqlfiles`) and, for the rule rows, from `rules`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from pipelines.quality import rules
from pipelines.warehouse.sqlfiles import SQL_DIR, run_file, sql_files

CHECKS_DIR = SQL_DIR / "checks"
# the warehouse's own files the checks read: the codes and forms, and where results go
CHECK_DDL = (SQL_DIR / "ddl" / "05_dim_code.sql", SQL_DIR / "ddl" / "38_report_table_form.sql",
             SQL_DIR / "ddl" / "90_check_result.sql")


def run_sql_file(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Run a SQL file with its placeholders filled (the rule rows included)."""
    run_file(con, path, extra=_rule_rows())


def _rule_rows() -> dict[str, list[tuple[str, ...]]]:
    return {"rule_terms": rules.rule_terms(), "cell_codes": rules.cell_codes()}


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create (or refresh) the `checks` schema, its rule tables and views, and `check_result`;
    the codes and table forms are refreshed too, so a warehouse is checked by the templates of
    the process that checks it."""
    extra = _rule_rows()
    for path in (*CHECK_DDL, *sql_files(CHECKS_DIR)):
        run_file(con, path, extra=extra)


def materialise(con: duckdb.DuckDBPyConnection) -> None:
    """Compute the per-report check rows once (the checks share scans), for the frames to pivot."""
    con.execute("CREATE OR REPLACE TEMP TABLE check_frame AS SELECT * FROM checks.frame")


def fact_frame(con: duckdb.DuckDBPyConnection, table: str, keys: list[str]) -> pd.DataFrame:
    """One row per report that prints the spec table, with `<key>_observed` and `<key>_expected`
    for each check key (NaN where the check does not apply to the report, e.g. rule 6 without
    a neighbouring year)."""
    columns, params = [], []
    for key in keys:
        for side in ("observed", "expected"):
            columns.append(f'max({side}) FILTER (WHERE check_key = ?) AS "{key}_{side}"')
            params.append(key)
    return con.execute(
        f"SELECT report_id, {', '.join(columns)} FROM check_frame WHERE table_name = ? "
        "GROUP BY report_id ORDER BY report_id",
        [*params, table],
    ).df()


# cell check key -> (the view with one row per cell, the condition its failing cells meet); the
# equation checks (rules 1-4, 6) list their failing equations in the frame itself
CELL_DETAILS: dict[str, tuple[str, str]] = {
    "rule5_non_negative": ("checks.rule5", "observed < 0"),
    "rule5_integer": ("checks.rule5", "observed <> expected"),
    "structure_codes": ("checks.cells", "NOT known"),
    "structure_rows": ("checks.structure_rows", "observed <> expected"),
}


def failure_details(con: duckdb.DuckDBPyConnection, table: str, key: str,
                    report_ids: list[str]) -> list[tuple[str, str, float, float]]:
    """The failing equations or cells behind one check of some reports: (report, name, observed, expected)."""
    if not report_ids:
        return []
    if key not in CELL_DETAILS:
        return con.execute(
            "SELECT report_id, f.check_name, f.observed, f.expected FROM "
            "(SELECT report_id, unnest(failures) AS f FROM check_frame "
            " WHERE table_name = ? AND check_key = ? AND list_contains(?::VARCHAR[], report_id)) "
            "ORDER BY report_id, f.check_name",
            [table, key, report_ids],
        ).fetchall()
    view, condition = CELL_DETAILS[key]
    # list_contains is a plain filter on report_id, which DuckDB pushes through the views' joins
    # down to the fact scans (`IN (SELECT unnest(?))` would be a join it does not push)
    return con.execute(
        f"SELECT report_id, check_name, observed, expected FROM {view} "
        f"WHERE table_name = ? AND list_contains(?::VARCHAR[], report_id) AND {condition} "
        "ORDER BY report_id, check_name",
        [table, report_ids],
    ).fetchall()


def dim_frame(con: duckdb.DuckDBPyConnection, suite: str) -> pd.DataFrame:
    if suite == "dim_agency":
        return con.execute("SELECT agency_id, name FROM dim_agency ORDER BY agency_id").df()
    return con.execute(
        "SELECT report_id, agency_id, year, template, status, is_current "
        "FROM dim_report ORDER BY report_id"
    ).df()


def reports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The reports under check, with what adjudications match them by."""
    return con.execute(
        "SELECT c.report_id, c.agency_id, c.year, c.template, d.agency, d.sha256 "
        "FROM checks.report c JOIN dim_report d USING (report_id) ORDER BY c.report_id"
    ).df()


def report_cells(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> dict[str, dict[str, float]]:
    """The printed cells of tables 3 and 4 of some reports, as "table/row/col" -> value.

    Only the cells that are not 0 or blank: a cell left out reads as 0 (`rules.Equation.residual`,
    `suggest`), and most cells are 0.
    """
    out: dict[str, dict[str, float]] = {r: {} for r in report_ids}
    if not report_ids:
        return out
    rows = con.execute(
        "SELECT report_id, 'applications/' || row_code || '/' || applicant_type, count "
        "FROM fact_application WHERE list_contains(?, report_id) AND count <> 0 "
        "UNION ALL SELECT report_id, 'review_litigation/' || group_code || '/' || outcome, count "
        "FROM fact_review_litigation WHERE list_contains(?, report_id) AND count <> 0",
        [report_ids, report_ids],
    ).fetchall()
    for rid, key, value in rows:
        out[rid][key] = float(value)
    return out


def report_forms(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> dict[str, dict[str, str]]:
    """Per report, the tables it printed in another template's form: table -> that template."""
    out: dict[str, dict[str, str]] = {}
    if not report_ids:
        return out
    rows = con.execute(
        "SELECT report_id, table_name, form FROM checks.report_table "
        "WHERE form <> template AND list_contains(?::VARCHAR[], report_id)", [report_ids]).fetchall()
    for rid, table, form in rows:
        out.setdefault(rid, {})[table] = form
    return out


def continuity_terms(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> dict[str, dict[str, tuple[str, float]]]:
    """Per report, the rule-6 cells charged to it: column -> (its row, the neighbour year's value)."""
    out: dict[str, dict[str, tuple[str, float]]] = {}
    if not report_ids:
        return out
    rows = con.execute(
        "SELECT CASE WHEN blame_previous THEN prev_report_id ELSE cur_report_id END, col, "
        "CASE WHEN blame_previous THEN last_row ELSE this_row END, "
        "CASE WHEN blame_previous THEN this_value ELSE last_value END "
        "FROM checks.continuity WHERE (CASE WHEN blame_previous THEN prev_report_id ELSE cur_report_id END) "
        "IN (SELECT unnest(?))",
        [report_ids],
    ).fetchall()
    for rid, col, row, value in rows:
        out.setdefault(rid, {})[col] = (row, float(value))
    return out
