"""Parsed reports as Parquet, one partition per reporting-year hint (pipelines/warehouse/partitions.py
says why)."""

import dagster as dg
import polars as pl

from pipelines.defs.fetch import fetched_reports
from pipelines.defs.metadata import markdown_table
from pipelines.defs.raw import raw_reports
from pipelines.defs.resources import XxgkPaths
from pipelines.ingest.files import path_text
from pipelines.warehouse.partitions import (
    partition_issue_frame,
    partition_keys,
    partition_report_frame,
    stage_partitions,
)

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
    deps=[raw_reports, fetched_reports],
    group_name="xxgk",
    kinds={"parquet", "polars"},
    description="Every raw file parsed into the warehouse's staging tables (Parquet under "
                "warehouse/staging/<year>/), partitioned by the year in the file's path or name.",
)
def parsed_reports(context: dg.AssetExecutionContext, xxgk: XxgkPaths) -> dg.MaterializeResult:
    if context.has_partition_key or context.has_partition_key_range:
        keys = context.partition_keys
    else:  # the job launched without choosing years: every year, as a full backfill would
        keys = year_partitions.get_partition_keys()
        context.log.info("no partition chosen: parsing every year's files")
    context.log.info(f"parsing the files of {len(keys)} partition(s)")
    summary, files = stage_partitions(xxgk.raw, xxgk.staging, keys, workers=xxgk.worker_count)
    key_of = {path_text(p): key for key, paths in files.items() for p in paths}
    reports = pl.concat([partition_report_frame(xxgk.staging, k) for k in files])
    issues = pl.concat([partition_issue_frame(xxgk.staging, k) for k in files])
    return dg.MaterializeResult(metadata={
        "files_parsed": summary.files,
        "entries_skipped": summary.skipped,
        "parse_seconds": round(summary.seconds, 1),
        "reports_by_status": dg.MetadataValue.md(_counts(reports, "status")),
        # a hint is only a hint: this shows where the parsed year differs from the partition
        "parsed_year_by_partition": dg.MetadataValue.md(_counts(reports.with_columns(
            pl.col("source_path").replace_strict(key_of, default="?").alias("partition")), "partition", "year")),
        "issues_by_code": dg.MetadataValue.md(_counts(issues, "code", "severity")),
        "staging_dir": dg.MetadataValue.path(str(xxgk.staging)),
    })
