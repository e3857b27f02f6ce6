"""The nightly schedule: ingest whatever landed in raw/ since the last run.

It compares raw/ with what is already parsed into staging, so it ingests whatever the sensor did
not. A run covers the range from the oldest to the newest changed partition: Dagster runs one
contiguous range per run, and re-parsing a year in between is harmless. A file still being
written (its size or mtime moving between two looks) waits for the sensor or the next night.
"""

import json

import dagster as dg

from pipelines.defs.jobs import ingest_job, range_tags
from pipelines.defs.resources import XxgkPaths
from pipelines.defs.sensors import settled_state
from pipelines.ingest.files import RawFolderError, settled_scan
from pipelines.warehouse.partitions import changed_partitions, run_key, staged_files


@dg.schedule(job=ingest_job, cron_schedule="0 2 * * *", execution_timezone="Asia/Shanghai",
             default_status=dg.DefaultScheduleStatus.RUNNING,
             description="Every night at 02:00 Beijing time: ingest what landed in raw/ since the last run.")
def nightly_ingest(context: dg.ScheduleEvaluationContext, xxgk: XxgkPaths) -> dg.RunRequest | dg.SkipReason:
    try:
        ready, waiting = settled_scan(xxgk.raw)
    except RawFolderError as exc:
        return dg.SkipReason(str(exc))
    known = staged_files(xxgk.staging)
    current = settled_state(ready, waiting, known)
    keys = changed_partitions(xxgk.raw, current, known)
    if not keys:
        return dg.SkipReason("nothing new in raw/ since the last run"
                             + (f" ({len(waiting)} file(s) still being written)" if waiting else ""))
    when = context.scheduled_execution_time
    stamp = when.strftime("%Y-%m-%d") if when else "manual"
    return dg.RunRequest(run_key=run_key(f"nightly-{stamp}", keys, json.dumps(sorted(current.items()))),
                         tags=range_tags(keys))
