"""The ingest job, the nightly schedule and the new-files sensor.

Both ask the same question: which partitions hold a raw file that is new, changed or gone? The
schedule compares raw/ with what is already parsed into staging (so it ingests whatever landed
since the last run, whatever the sensor did); the sensor compares with its cursor, the files it
has seen with their mtime, size and sha256 (a file whose mtime and size are unchanged is not read
again). A run covers the range from the oldest to the newest changed partition: Dagster runs one
contiguous range per run, and re-parsing a year in between is harmless.
"""

import hashlib
import json
from collections.abc import Sequence

import dagster as dg

from pipelines.assets.parsed import parsed_reports
from pipelines.assets.raw import raw_reports
from pipelines.assets.resources import XxgkPaths
from pipelines.assets.staging import changed_partitions, scan, staged_files
from pipelines.assets.warehouse import warehouse
from pipelines.warehouse.build import BuildError

ingest_job = dg.define_asset_job(
    "ingest",
    # observing raw_reports records what the run saw in raw/ (a source asset is selected by key)
    selection=dg.AssetSelection.assets(raw_reports.key, parsed_reports, warehouse),
    description="Observe raw/, parse the files of the selected years to Parquet, then build, check "
                "and publish the warehouse.",
)

RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"


def range_tags(keys: Sequence[str]) -> dict[str, str]:
    """Run tags selecting the partitions from keys[0] to keys[-1] (keys in partition order)."""
    return {RANGE_START: keys[0], RANGE_END: keys[-1]}


def _run_key(prefix: str, keys: Sequence[str], fingerprint: str) -> str:
    return f"{prefix}:{keys[0]}..{keys[-1]}:{hashlib.sha256(fingerprint.encode()).hexdigest()[:12]}"


@dg.schedule(job=ingest_job, cron_schedule="0 2 * * *", execution_timezone="Asia/Shanghai",
             default_status=dg.DefaultScheduleStatus.RUNNING,
             description="Every night at 02:00 Beijing time: ingest what landed in raw/ since the last run.")
def nightly_ingest(context: dg.ScheduleEvaluationContext, xxgk: XxgkPaths) -> dg.RunRequest | dg.SkipReason:
    try:
        current = {p: v[2] for p, v in scan(xxgk.raw).items()}
    except BuildError as exc:
        return dg.SkipReason(str(exc))
    keys = changed_partitions(xxgk.raw, current, staged_files(xxgk.staging))
    if not keys:
        return dg.SkipReason("nothing new in raw/ since the last run")
    when = context.scheduled_execution_time
    stamp = when.strftime("%Y-%m-%d") if when else "manual"
    return dg.RunRequest(run_key=_run_key(f"nightly-{stamp}", keys, json.dumps(sorted(current.items()))),
                         tags=range_tags(keys))


@dg.sensor(job=ingest_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Starts an ingest run when files land in (or change in, or leave) raw/.")
def raw_files_sensor(context: dg.SensorEvaluationContext, xxgk: XxgkPaths) -> dg.SensorResult:
    seen = json.loads(context.cursor) if context.cursor else None
    try:
        files = scan(xxgk.raw, previous=seen)
    except BuildError as exc:
        return dg.SensorResult(skip_reason=dg.SkipReason(str(exc)), cursor=context.cursor)
    # no cursor yet (first tick): what is already parsed counts as seen
    known = {p: v[2] for p, v in seen.items()} if seen is not None else staged_files(xxgk.staging)
    keys = changed_partitions(xxgk.raw, {p: v[2] for p, v in files.items()}, known)
    cursor = json.dumps(files, separators=(",", ":"))
    if not keys:
        return dg.SensorResult(skip_reason=dg.SkipReason("no new or changed files in raw/"), cursor=cursor)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=_run_key("files", keys, cursor), tags=range_tags(keys))],
        cursor=cursor,
    )


__all__ = ["ingest_job", "nightly_ingest", "raw_files_sensor", "raw_reports"]
