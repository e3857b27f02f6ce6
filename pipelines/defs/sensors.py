"""The new-files sensor: a run when files land in (or change in, or leave) raw/.

Its cursor holds the files it has seen with their mtime, size and sha256 (a file whose mtime and
size are unchanged is not read again); on its first tick, what is already parsed counts as seen.
A file still being written (its size or mtime moving between two looks) is not news yet: it is
left out of the cursor and looked at again on the next tick, so a half-copied file never starts
a run.
"""

import json

import dagster as dg

from pipelines.defs.jobs import ingest_job, range_tags
from pipelines.defs.resources import XxgkPaths
from pipelines.ingest.files import RawFolderError, settled_scan
from pipelines.warehouse.partitions import changed_partitions, run_key, staged_files


def settled_state(ready: dict[str, list], waiting: list[str], known: dict[str, str]) -> dict[str, str]:
    """path -> sha256 of what raw/ holds for a run to see: the settled files, and for a file still
    being written what was known of it before (if anything), so it counts as neither changed nor
    removed until it settles."""
    state = {p: v[2] for p, v in ready.items()}
    state.update({p: known[p] for p in waiting if p in known})
    return state


@dg.sensor(job=ingest_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Starts an ingest run when files land in (or change in, or leave) raw/, once "
                       "they are written in full.")
def raw_files_sensor(context: dg.SensorEvaluationContext, xxgk: XxgkPaths) -> dg.SensorResult:
    seen = json.loads(context.cursor) if context.cursor else None
    try:
        ready, waiting = settled_scan(xxgk.raw, previous=seen)
    except RawFolderError as exc:
        return dg.SensorResult(skip_reason=dg.SkipReason(str(exc)), cursor=context.cursor)
    known = {p: v[2] for p, v in seen.items()} if seen is not None else staged_files(xxgk.staging)
    keys = changed_partitions(xxgk.raw, settled_state(ready, waiting, known), known)
    # a file still being written keeps what the cursor knew of it (nothing, if it is new)
    files = {**ready, **{p: seen[p] for p in waiting if seen is not None and p in seen}}
    cursor = json.dumps(files, separators=(",", ":"))
    if waiting:
        context.log.info(f"{len(waiting)} file(s) still being written, looked at again next tick")
    if not keys:
        return dg.SensorResult(skip_reason=dg.SkipReason("no new or changed files in raw/"), cursor=cursor)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=run_key("files", keys, cursor), tags=range_tags(keys))],
        cursor=cursor,
    )
