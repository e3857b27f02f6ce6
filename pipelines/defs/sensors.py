"""The new-files sensor: a run when files land in (or change in, or leave) raw/.

Its cursor holds the files it has seen with their mtime, size and sha256 (a file whose mtime and
size are unchanged is not read again); on its first tick, what is already parsed counts as seen.
"""

import json

import dagster as dg

from pipelines.defs.jobs import ingest_job, range_tags
from pipelines.defs.resources import XxgkPaths
from pipelines.ingest.files import RawFolderError, scan
from pipelines.warehouse.partitions import changed_partitions, run_key, staged_files


@dg.sensor(job=ingest_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Starts an ingest run when files land in (or change in, or leave) raw/.")
def raw_files_sensor(context: dg.SensorEvaluationContext, xxgk: XxgkPaths) -> dg.SensorResult:
    seen = json.loads(context.cursor) if context.cursor else None
    try:
        files = scan(xxgk.raw, previous=seen)
    except RawFolderError as exc:
        return dg.SensorResult(skip_reason=dg.SkipReason(str(exc)), cursor=context.cursor)
    known = {p: v[2] for p, v in seen.items()} if seen is not None else staged_files(xxgk.staging)
    keys = changed_partitions(xxgk.raw, {p: v[2] for p, v in files.items()}, known)
    cursor = json.dumps(files, separators=(",", ":"))
    if not keys:
        return dg.SensorResult(skip_reason=dg.SkipReason("no new or changed files in raw/"), cursor=cursor)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=run_key("files", keys, cursor), tags=range_tags(keys))],
        cursor=cursor,
    )
