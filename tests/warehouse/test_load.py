"""The loaded facts equal the gold files cell by cell; the schema explains itself."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.warehouse.gold import gold_path

FACTS = {
    "active": ("fact_active_disclosure", "item", "metric", "value"),
    "applications": ("fact_application", "row_code", "applicant_type", "count"),
    "review_litigation": ("fact_review_litigation", "group_code", "outcome", "count"),
}


def _as_number(v):
    return None if v is None else Decimal(str(v))


def test_facts_equal_gold_cell_by_cell(corpus_warehouse):
    raw, warehouse = corpus_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    reports = con.execute(
        "SELECT report_id, source_path, agency, year, template FROM dim_report WHERE status <> 'quarantined' "
        "AND layout IS DISTINCT FROM 'reconciled'"  # a file's own reading (copies reconciled: tests/reconcile)
    ).fetchall()
    labelled = [p for p in raw.iterdir() if gold_path(p).is_file() and not p.name.endswith(".gold.json")]
    assert len(reports) == len(labelled) >= 9
    for report_id, source_path, agency, year, template in reports:
        gold = json.loads(gold_path(source_path).read_text(encoding="utf-8"))
        assert (agency, year, template) == (gold["agency"], gold["year"], gold["template"])
        for key, (table, row_col, col_col, value_col) in FACTS.items():
            rows = con.execute(
                f"SELECT {row_col}, {col_col}, {value_col} FROM {table} WHERE report_id = $id", {"id": report_id}
            ).fetchall()
            loaded = {(r, c): _as_number(v) for r, c, v in rows}
            expected = {(r, c): _as_number(v) for r, cells in gold.get(key, {}).items() for c, v in cells.items()}
            assert loaded == expected, f"{source_path} {key}"
    con.close()


def test_every_table_and_column_is_commented(corpus_warehouse):
    _, warehouse = corpus_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    ours = ["dim_agency", "dim_report", "fact_active_disclosure", "fact_application", "fact_review_litigation",
            "parse_issue", "quarantine", "ingest_run", "warehouse_meta"]
    tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main'").fetchall())
    for t in ours:
        assert tables.get(t), f"table {t} has no comment"
    bare = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND table_name IN (SELECT unnest($t)) AND coalesce(comment, '') = ''",
        {"t": ours},
    ).fetchall()
    assert bare == []
    views = dict(con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    for v in ("v_report", "v_applications_wide", "v_review_litigation_wide", "v_application_outcome"):
        assert views.get(v), f"view {v} missing or without comment"
    con.close()


def test_wide_views_one_row_per_current_report(corpus_warehouse):
    _, warehouse = corpus_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    current = con.execute("SELECT count(*) FROM dim_report WHERE is_current AND has_applications").fetchone()[0]
    assert con.execute("SELECT count(*), count(DISTINCT report_id) FROM v_applications_wide").fetchone() == (
        current, current)
    # the wide columns are the printed cells
    wide_new, long_new = con.execute(
        "SELECT sum(new), (SELECT sum(count) FROM fact_application JOIN v_report USING (report_id) "
        "WHERE row_code = 'new' AND applicant_type = 'total') FROM v_applications_wide").fetchone()
    assert wide_new == long_new
    row = con.execute("SELECT review_total, litigation_direct_total FROM v_review_litigation_wide "
                      "WHERE agency = '上海市科学技术委员会' AND year = 2024").fetchone()
    assert row == (1, 0)
    con.close()


def test_one_version_current_per_agency_and_year(corpus_warehouse):
    _, warehouse = corpus_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    # the corpus holds the same report in two layouts (v2019_05.html / v2019_10.txt)
    dupes = con.execute(
        "SELECT report_key, count(*) FILTER (WHERE is_current), count(*) FROM dim_report "
        "WHERE status <> 'quarantined' GROUP BY report_key HAVING count(*) > 1").fetchall()
    assert dupes and all(current == 1 for _, current, _ in dupes)
    assert con.execute("SELECT count(*) FROM dim_report WHERE NOT is_current AND status <> 'quarantined' "
                       "AND superseded_by IS NULL").fetchone()[0] == 0
    con.close()


def test_duckdb_cli_opens_the_warehouse(corpus_warehouse):
    cli = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "duckdb"
    cli = cli if cli.exists() else shutil.which("duckdb")
    if not cli:
        pytest.skip("duckdb CLI not installed")
    _, warehouse = corpus_warehouse
    out = subprocess.run(
        [str(cli), "-readonly", "-csv", str(warehouse), "-c",
         "SELECT count(*) FROM dim_report; SELECT count(*) FROM v_applications_wide;"],
        capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[1].isdigit() and int(out.stdout.split()[1]) > 0


def test_fact_keys_are_unique(corpus_warehouse):
    # not declared as primary keys (see sql/ddl/30_facts.sql): the load guarantees it
    _, warehouse = corpus_warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    for table, a, b, _ in FACTS.values():
        dupes = con.execute(f"SELECT count(*) - count(DISTINCT (report_id, {a}, {b})) FROM {table}").fetchone()[0]
        assert dupes == 0, table
    assert con.execute("SELECT count(*) - count(DISTINCT (report_id, issue_no)) FROM parse_issue").fetchone()[0] == 0
    con.close()
