"""Build or refresh the warehouse: lock → parse → load → validate → publish.

Two entry points share one sequence and one publishing rule:

    build(raw_dir, warehouse)            `xxgk build`: parse every raw file into a temporary
                                         staging folder, then load, validate and publish
    load_and_publish(staged, warehouse)  the Dagster job's warehouse step: the parse step is the
                                         `parsed_reports` asset, which keeps staging per partition

A build starts from the rows of the current warehouse (attached read-only and copied into a file
created from today's DDL), so history is kept and the published file is never opened read-write.
Validation runs on the new file before it is published, so what analysts see always carries the
check results of its own data. A build that changes nothing publishes nothing (`should_publish`).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipelines import paths
from pipelines.ingest.files import raw_files
from pipelines.quality.validate import ValidationSummary, validate_warehouse
from pipelines.warehouse.build import BuildError, Parser, Progress, StageSummary, build_lock, parse_to_parquet
from pipelines.warehouse.load import LoadSummary, load_staged
from pipelines.warehouse.publish import publish

__all__ = ["BuildError", "BuildResult", "build", "load_and_publish", "should_publish"]

Log = Callable[[str], None]  # hears each step as it starts ("loading", "validating" …) and lock waits


@dataclass
class BuildResult:
    warehouse: Path
    load: LoadSummary
    published: bool
    reason: str  # why the build published, or why not
    stage: StageSummary | None = None  # the parse step, when this call ran it
    validation: ValidationSummary | None = None  # None when nothing was published or checks were off
    publish_seconds: float = 0.0
    seconds: float = 0.0


def should_publish(load: LoadSummary, *, fresh: bool, exists: bool) -> tuple[bool, str]:
    """Whether a loaded build replaces the published warehouse, and why: only when analysts would
    see something new — a new or superseded report, other DDL or views, a fresh start, or no
    warehouse yet. Same files and same SQL publish nothing (and are not validated again)."""
    if not exists:
        return True, "no warehouse yet"
    if fresh:
        return True, "a fresh build, history dropped"
    if load.reports_new or load.superseded:
        return True, f"{load.reports_new} new reports, {load.superseded} versions superseded"
    if load.schema_changed:
        return True, "the warehouse's SQL (DDL or views) changed"
    return False, "nothing changed, the warehouse is as it was"


def build(
    raw_dir: str | Path,
    warehouse: str | Path,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    parser: Parser | None = None,
    fresh: bool = False,
    validate: bool = True,
    docs_dir: str | Path | None = None,
    run_id: str | None = None,
    ingested_at: datetime | None = None,
    lock_wait: float = 0,
    log: Log | None = None,
) -> BuildResult:
    """Parse every raw file under `raw_dir` and publish a warehouse holding them (`xxgk build`).

    `fresh` starts from an empty warehouse instead of the current one (history is then lost);
    `validate=False` publishes without the GX checks (check_result stays empty).
    """
    started = time.perf_counter()
    warehouse = Path(warehouse).resolve()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    files = raw_files(raw_dir)
    with build_lock(warehouse, wait=lock_wait, on_wait=log):
        with tempfile.TemporaryDirectory(prefix=".staging-", dir=warehouse.parent) as staging:
            _say(log, "parsing")
            stage = parse_to_parquet(files, staging, workers=workers, progress=progress, parser=parser)
            result = _load_validate_publish([Path(staging)], warehouse, fresh=fresh, validate=validate,
                                            docs_dir=docs_dir, run_id=run_id, ingested_at=ingested_at, log=log)
    result.stage = stage
    result.seconds = time.perf_counter() - started
    return result


def load_and_publish(
    staged: Sequence[str | Path],
    warehouse: str | Path,
    *,
    fresh: bool = False,
    validate: bool = True,
    docs_dir: str | Path | None = None,
    run_id: str | None = None,
    ingested_at: datetime | None = None,
    lock_wait: float = 0,
    log: Log | None = None,
) -> BuildResult:
    """The build's steps after parsing, on staging folders already written (the Dagster job's
    partitions): lock → load → validate → publish, by the same rule as `build`."""
    started = time.perf_counter()
    warehouse = Path(warehouse).resolve()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(warehouse, wait=lock_wait, on_wait=log):
        result = _load_validate_publish([Path(s) for s in staged], warehouse, fresh=fresh, validate=validate,
                                        docs_dir=docs_dir, run_id=run_id, ingested_at=ingested_at, log=log)
    result.seconds = time.perf_counter() - started
    return result


def _say(log: Log | None, step: str) -> None:
    if log:
        log(step)


def _load_validate_publish(
    staged: list[Path],
    warehouse: Path,
    *,
    fresh: bool,
    validate: bool,
    docs_dir: str | Path | None,
    run_id: str | None,
    ingested_at: datetime | None,
    log: Log | None,
) -> BuildResult:
    """Load, validate and publish, the lock held by the caller."""
    for stale in warehouse.parent.glob(f".{warehouse.name}.new-*"):
        stale.unlink()  # left by a build that crashed; the caller holds the lock, so nobody else's
    new_path = warehouse.with_name(f".{warehouse.name}.new-{os.getpid()}")
    try:
        _say(log, "loading")
        load = load_staged(staged, new_path, base=None if fresh else warehouse, ingested_at=ingested_at)
        publishing, reason = should_publish(load, fresh=fresh, exists=warehouse.exists())
        result = BuildResult(warehouse=warehouse, load=load, published=publishing, reason=reason)
        if not publishing:
            return result
        if validate:
            _say(log, "validating")
            docs = Path(docs_dir) if docs_dir is not None else paths.docs_dir(warehouse)
            result.validation = validate_warehouse(new_path, docs_dir=docs, run_id=run_id)
        _say(log, "publishing")
        t = time.perf_counter()
        publish(new_path, warehouse)
        result.publish_seconds = time.perf_counter() - t
        return result
    finally:
        for leftover in (new_path, new_path.with_name(new_path.name + ".wal")):
            leftover.unlink(missing_ok=True)
