"""`xxgk build` and the Dagster job run one build sequence (pipelines.flow): from the same raw
files they publish the same warehouse, and they publish — or keep the file as it was — on the
same occasions."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.cli import main
from pipelines.defs.resources import XxgkPaths

# columns (and warehouse_meta's rows) that say when or in which run a row was written, not what
# the warehouse holds
VOLATILE = {"run_id", "validation_run"}
WHERE = {"warehouse_meta": "WHERE key <> 'built_at'"}


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns of time and run."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        columns: dict[str, list[str]] = {}
        for table, column, kind in con.execute(
                "SELECT table_name, column_name, data_type FROM duckdb_columns() "
                "WHERE schema_name = 'main' AND NOT internal ORDER BY table_name, column_index").fetchall():
            if not kind.startswith("TIMESTAMP") and column not in VOLATILE:
                columns.setdefault(table, []).append(f'"{column}"')
        tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'")
                  .fetchall()}
        return {t: con.execute(f'SELECT {", ".join(cols)} FROM "{t}" {WHERE.get(t, "")} ORDER BY ALL').fetchall()
                for t, cols in columns.items() if t in tables}
    finally:
        con.close()


def cli_build(raw: Path, warehouse: Path) -> bool:
    """`xxgk build`; whether it published (the file replaced by a new one)."""
    before = warehouse.stat().st_ino if warehouse.exists() else None
    assert main(["build", "--raw", str(raw), "--warehouse", str(warehouse), "--workers", "1"]) == 0
    return warehouse.stat().st_ino != before


def job_build(paths: XxgkPaths, materialize) -> bool:
    """The Dagster ingest job over every partition; whether it published."""
    before = paths.warehouse.stat().st_ino if paths.warehouse.exists() else None
    result = materialize(paths, dg.DagsterInstance.ephemeral())
    assert result.success
    published = paths.warehouse.stat().st_ino != before
    # the job says what it did: tables materialised exactly when a new file was published
    tables = [e for e in result.get_asset_materialization_events() if e.partition is None]
    assert bool(tables) == published
    return published


def test_cli_and_job_publish_the_same_warehouse_by_the_same_rule(built, materialize, tmp_path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(built.paths.raw, raw)
    cli_wh = tmp_path / "cli" / "xxgk.duckdb"
    job = XxgkPaths(raw_dir=str(raw), warehouse_path=str(tmp_path / "job" / "xxgk.duckdb"), workers=1)

    # a first build: no warehouse yet, both publish the same tables and check results
    assert cli_build(raw, cli_wh) and job_build(job, materialize)
    first = dump(cli_wh)
    assert first == dump(job.warehouse)
    assert len(first["dim_report"]) == built.reports and first["check_result"]

    # nothing changed: neither publishes, both files stay as they were
    assert not cli_build(raw, cli_wh) and not job_build(job, materialize)

    # a report revised: both publish, and again the same warehouse (the old version kept as history)
    revised = next(p for p in sorted(raw.iterdir()) if "_2022." in p.name and not p.name.endswith(".json"))
    revised.write_bytes(revised.read_bytes() + b"\n")
    assert cli_build(raw, cli_wh) and job_build(job, materialize)
    second = dump(cli_wh)
    assert second == dump(job.warehouse)
    assert len(second["dim_report"]) == built.reports + 1


@pytest.mark.parametrize("fresh", [False, True])
def test_the_publishing_rule(fresh: bool, tmp_path) -> None:
    from pipelines.flow.build import should_publish
    from pipelines.warehouse.load import LoadSummary

    same = LoadSummary(db_path=tmp_path, reports_unchanged=3, schema_changed=False)
    assert should_publish(same, fresh=fresh, exists=True)[0] is fresh
    assert should_publish(same, fresh=False, exists=False)[0]
    for changed in (LoadSummary(db_path=tmp_path, reports_new=1, schema_changed=False),
                    LoadSummary(db_path=tmp_path, superseded=1, schema_changed=False),
                    LoadSummary(db_path=tmp_path, schema_changed=True)):
        assert should_publish(changed, fresh=fresh, exists=True)[0]
