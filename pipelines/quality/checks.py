"""The check views in the warehouse: install `sql/checks/` with the spec's rules as rows, read frames.

I/O at the edge: everything here talks to a DuckDB connection; what the rules are comes from
`rules` (pure) and the SQL text from `sql/checks/`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from pipelines.quality import rules

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"
CHECKS_DIR = SQL_DIR / "checks"
CHECK_RESULT_DDL = SQL_DIR / "ddl" / "90_check_result.sql"


def run_sql_file(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    for statement in con.extract_statements(path.read_text(encoding="utf-8")):
        con.execute(statement)


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create (or refresh) the `checks` schema, its rule tables and views, and `check_result`."""
    run_sql_file(con, CHECK_RESULT_DDL)
    files = sorted(CHECKS_DIR.glob("*.sql"))
    run_sql_file(con, files[0])  # 00_schema.sql: the tables the views join
    # one bulk insert each (executemany runs a statement per row)
    for table, rows in (("rule_term", rules.rule_terms()), ("cell_code", rules.cell_codes())):
        con.register("new_rows", pd.DataFrame(rows))
        con.execute(f"INSERT INTO checks.{table} SELECT * FROM new_rows")
        con.unregister("new_rows")
    for path in files[1:]:
        run_sql_file(con, path)


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


def continuity_terms(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> dict[str, dict[str, tuple[str, float]]]:
    """Per report, the rule-6 cells charged to it: column -> (its row, the neighbour year's value)."""
    out: dict[str, dict[str, tuple[str, float]]] = {}
    if not report_ids:
        return out
    rows = con.execute(
        "SELECT CASE WHEN blame_previous THEN prev_report_id ELSE cur_report_id END, col, "
        "CASE WHEN blame_previous THEN 'carried_forward' ELSE 'carried_over' END, "
        "CASE WHEN blame_previous THEN carried_over ELSE carried_forward END "
        "FROM checks.continuity WHERE (CASE WHEN blame_previous THEN prev_report_id ELSE cur_report_id END) "
        "IN (SELECT unnest(?))",
        [report_ids],
    ).fetchall()
    for rid, col, row, value in rows:
        out.setdefault(rid, {})[col] = (row, float(value))
    return out
