"""The assets materialised in-process on a small generated corpus: warehouse, checks, metadata."""

from __future__ import annotations

import shutil

import dagster as dg
import duckdb

from pipelines.defs.resources import XxgkPaths
from pipelines.defs.warehouse import TABLES
from pipelines.quality.suites import SUITES
from pipelines.warehouse.partitions import partition_key


def _scalar(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_warehouse_holds_every_raw_file(built) -> None:
    wh = built.paths.warehouse
    assert wh.is_file()
    assert _scalar(wh, "SELECT count(*) FROM dim_report") == built.reports
    assert _scalar(wh, "SELECT count(*) FROM fact_application") > 0
    assert _scalar(wh, "SELECT count(*) FROM check_result WHERE report_id IS NULL") > 0
    # nothing left behind by the build: no unpublished file, no write-ahead log
    assert sorted(p.name for p in wh.parent.iterdir() if p.name.startswith(".xxgk")) == []


def test_staging_is_partitioned_by_year_hint(built) -> None:
    raw = built.paths.raw.resolve()
    hints = {partition_key(p, raw) for p in raw.iterdir() if not p.name.endswith(".gold.json")}
    staged = {p.name for p in built.paths.staging.iterdir() if not p.name.startswith(".")}
    assert staged == hints
    assert {"2019", "2025"} <= staged


def test_the_run_observes_raw_files(built) -> None:
    [observation] = [e.asset_observation_data.asset_observation for e in built.result.all_events
                     if e.event_type_value == "ASSET_OBSERVATION"]
    assert observation.metadata["files"].value == built.reports
    assert observation.data_version


def test_every_table_is_materialised_with_row_counts(built) -> None:
    events = {e.asset_key.path[-1]: e.materialization.metadata
              for e in built.result.get_asset_materialization_events() if e.partition is None}
    assert set(events) == set(TABLES)
    assert events["dim_report"]["dagster/row_count"].value == built.reports
    assert events["dim_report"]["files_seen"].value == built.reports
    assert "| 2019 |" in events["fact_application"]["applications_yoy_national"].value
    assert "pass rate" in events["check_result"]["rule_pass_rates"].value


def test_checks_surface_the_gx_results(built) -> None:
    evaluations = {e.asset_key.path[-1]: e for e in built.result.get_asset_check_evaluations()}
    assert set(evaluations) == set(SUITES)
    con = duckdb.connect(str(built.paths.warehouse), read_only=True)
    try:
        for suite, e in evaluations.items():
            failing = {r for (r,) in con.execute(
                "SELECT DISTINCT report_id FROM check_result WHERE suite = ? AND report_id IS NOT NULL "
                "AND status IN ('failed', 'confirmed')", [suite]).fetchall()}
            assert e.metadata["failing_reports"].value == len(failing)
            assert e.passed == (not failing and e.metadata["errors"].value == "none")
            for rid in failing:
                assert rid in e.metadata["failing_report_ids"].value
    finally:
        con.close()


def test_rerunning_one_year_changes_only_that_year(built, materialize, tmp_path) -> None:
    staging = built.paths.staging
    before = {p.name: p.stat().st_ino for p in staging.iterdir() if not p.name.startswith(".")}
    published_inode = built.paths.warehouse.stat().st_ino
    instance = dg.DagsterInstance.ephemeral()
    paths = XxgkPaths(**{**built.paths.model_dump(), "docs_dir": str(tmp_path / "docs")})
    result = materialize(paths, instance, keys=["2021"])
    assert result.success
    after = {p.name: p.stat().st_ino for p in staging.iterdir() if not p.name.startswith(".")}
    assert after.keys() == before.keys()
    assert [k for k in after if after[k] != before[k]] == ["2021"]
    parsed = [e.partition for e in result.get_asset_materialization_events()
              if e.asset_key.path[-1] == "parsed_reports"]
    assert parsed == ["2021"]
    # the same bytes parsed again: every file already in the warehouse, nothing new, so nothing is
    # published (the rule of `xxgk build`) and no table is materialised; an observation says why
    assert [e for e in result.get_asset_materialization_events() if e.partition is None] == []
    [seen] = [e.asset_observation_data.asset_observation.metadata for e in result.all_events
              if e.event_type_value == "ASSET_OBSERVATION" and e.asset_key.path[-1] == "dim_report"]
    assert seen["published"].value is False
    assert seen["reports_new"].value == 0
    assert seen["reports_unchanged"].value == built.reports
    assert built.paths.warehouse.stat().st_ino == published_inode


def test_a_year_whose_files_are_gone_leaves_staging_but_not_the_warehouse(built, materialize, tmp_path) -> None:
    paths = XxgkPaths(raw_dir=str(tmp_path / "raw"), warehouse_path=str(tmp_path / "wh" / "xxgk.duckdb"), workers=1)
    shutil.copytree(built.paths.raw, paths.raw)
    shutil.copytree(built.paths.staging, paths.staging)
    shutil.copy(built.paths.warehouse, paths.warehouse)
    gone = [p for p in paths.raw.iterdir() if "_2023." in p.name]
    assert gone
    for p in gone:
        p.unlink()
    result = materialize(paths, dg.DagsterInstance.ephemeral(), keys=["2023"])
    assert result.success
    assert not (paths.staging / "2023").exists()
    assert (paths.staging / "2022").is_dir()
    # the warehouse keeps its history: reports once loaded are not dropped because a file went away
    assert _scalar(paths.warehouse, "SELECT count(*) FROM dim_report") == built.reports
