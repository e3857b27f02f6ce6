"""Parsed reports as Parquet, one partition per reporting-year hint (see staging.py for why)."""

import tempfile
from pathlib import Path

import dagster as dg
import polars as pl

from pipelines.assets.metadata import markdown_table
from pipelines.assets.raw import raw_reports
from pipelines.assets.resources import XxgkPaths
from pipelines.assets.staging import (
    files_by_partition,
    partition_issue_frame,
    partition_keys,
    partition_report_frame,
    publish_partitions,
)
from pipelines.warehouse.build import parse_to_parquet

year_partitions = dg.StaticPartitionsDefinition(partition_keys())


def _counts(frame: pl.DataFrame, *columns: str) -> str:
    if frame.is_empty():
        return "_(none)_"
    grouped = frame.group_by(list(columns)).len().sort("len", descending=True)
    return markdown_table([*columns, "count"], grouped.rows())


@dg.asset(
    partitions_def=year_partitions,
    # one run parses any range of years with one parser pool (a pool costs seconds to start)
    backfill_policy=dg.BackfillPolicy.single_run(),
    deps=[raw_reports],
    group_name="xxgk",
    kinds={"parquet", "polars"},
    description="Every raw file parsed into the warehouse's staging tables (Parquet under "
                "warehouse/staging/<year>/), partitioned by the year in the file's path or name.",
)
def parsed_reports(context: dg.AssetExecutionContext, xxgk: XxgkPaths) -> dg.MaterializeResult:
    found = files_by_partition(xxgk.raw)
    files = {key: found.get(key, []) for key in context.partition_keys}
    todo = [p for paths in files.values() for p in paths]
    context.log.info(f"parsing {len(todo)} files of {len(files)} partition(s)")
    xxgk.staging.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".parse-", dir=xxgk.staging) as tmp:
        summary = parse_to_parquet(todo, tmp, workers=xxgk.worker_count)
        publish_partitions(Path(tmp), xxgk.staging, files)
    key_of = {str(p): key for key, paths in files.items() for p in paths}
    reports = pl.concat([partition_report_frame(xxgk.staging, k) for k in files])
    issues = pl.concat([partition_issue_frame(xxgk.staging, k) for k in files])
    return dg.MaterializeResult(metadata={
        "files_parsed": summary.files,
        "parse_seconds": round(summary.seconds, 1),
        "reports_by_status": dg.MetadataValue.md(_counts(reports, "status")),
        # a hint is only a hint: this shows where the parsed year differs from the partition
        "parsed_year_by_partition": dg.MetadataValue.md(_counts(reports.with_columns(
            pl.col("source_path").replace_strict(key_of, default="?").alias("partition")), "partition", "year")),
        "issues_by_code": dg.MetadataValue.md(_counts(issues, "code", "severity")),
        "staging_dir": dg.MetadataValue.path(str(xxgk.staging)),
    })
