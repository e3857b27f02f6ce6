"""OCR of scanned report files as its own asset, one partition per file, so that only scanned
files pay for it (seconds a page) and each is read once: results are cached by the file's sha256
and the engine's version (`pipelines.ingest.ocr_cache`). The sensor adds a partition for every
scanned file that lands in raw/ and asks for its run.

At volume, the `ocr_fanout` job reads every scanned file in raw/ in one run whose steps (one per
shard of the files, `XXGK_OCR_SHARDS`, default 8) are spread over a Dask cluster by Dagster's
Dask executor; the per-file runs that follow find their results in the cache. Without run config
the executor starts a local cluster; to use a running one (any number of machines), give its
scheduler's address:

    execution:
      config:
        cluster:
          existing:
            address: tcp://dask-scheduler:8786

(The per-file runs use the ordinary executor: the Dask executor names a step's task after the job
and the step alone, so two runs of one job on one cluster would share a task.)
"""

import hashlib
import os
from pathlib import Path

import dagster as dg
from dagster_dask import dask_executor

from pipelines.defs.resources import XxgkPaths
from pipelines.ingest.ocr_cache import cache_dir, needs_ocr, ocr_cached

scanned_files = dg.DynamicPartitionsDefinition(name="scanned_files")


def _worker() -> str:
    """The Dask worker running this step, if any (shown in the run's metadata)."""
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return "(not on Dask)"


@dg.asset(
    partitions_def=scanned_files,
    group_name="xxgk",
    kinds={"ocr"},
    description="The text of a scanned report file (an image-only PDF, or a PNG/JPEG/TIFF) as "
                "recognised by OCR, cells with their place on the page and the doubtful ones marked; "
                "cached by the file's sha256 and the engine's version.",
)
def ocr_documents(context: dg.AssetExecutionContext, xxgk: XxgkPaths) -> dg.MaterializeResult:
    relative = context.partition_key
    path = xxgk.raw / relative
    data = path.read_bytes()
    doc, cached = ocr_cached(data, str(path))
    doubtful = doc.doubtful()
    return dg.MaterializeResult(metadata={
        "file": relative,
        "pages": doc.pages,
        "engine": doc.engine,
        "cached": cached,
        "seconds": doc.seconds,
        "cells": len(doc.cells),
        "doubtful_cells": len(doubtful),
        "problems": dg.MetadataValue.json([list(p) for p in doc.problems]),
        "dask_worker": _worker(),
        "cache": dg.MetadataValue.path(str(cache_dir())),
    })


ocr_job = dg.define_asset_job(
    "ocr",
    selection=[ocr_documents],
    description="OCR of scanned files, one run per file (a cache hit after `ocr_fanout`).",
)


def scanned_paths(raw: Path) -> list[str]:
    """Files under raw/ that need OCR, as partition keys (their paths relative to raw/)."""
    found = []
    for path in sorted(raw.rglob("*")):
        if path.is_file() and not path.name.endswith(".json") and path.suffix.lower() in SCAN_SUFFIXES:
            if needs_ocr(path.read_bytes()):
                found.append(path.relative_to(raw).as_posix())
    return found


SCAN_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


@dg.sensor(job=ocr_job, minimum_interval_seconds=300, default_status=dg.DefaultSensorStatus.STOPPED,
           description="Adds a partition for each new scanned file in raw/ and asks for its OCR run.")
def scanned_files_sensor(context: dg.SensorEvaluationContext, xxgk: XxgkPaths) -> dg.SensorResult:
    known = set(context.instance.get_dynamic_partitions(scanned_files.name))
    new = [key for key in scanned_paths(xxgk.raw) if key not in known]
    return dg.SensorResult(
        run_requests=[dg.RunRequest(partition_key=key, run_key=key) for key in new],
        dynamic_partitions_requests=[scanned_files.build_add_request(new)] if new else [],
    )


def shard_of(key: str, shards: int) -> int:
    """The shard a file (its partition key) belongs to: the same on every machine and run."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % shards


def _shard_op(index: int, shards: int) -> dg.OpDefinition:
    @dg.op(name=f"ocr_shard_{index}", description=f"OCR of the scanned files of shard {index} of {shards}.")
    def shard(context: dg.OpExecutionContext, xxgk: XxgkPaths) -> dict:
        keys = [k for k in scanned_paths(xxgk.raw) if shard_of(k, shards) == index]
        worker, files = _worker(), {}
        for key in keys:
            path = xxgk.raw / key
            doc, cached = ocr_cached(path.read_bytes(), str(path))
            files[key] = {"pages": doc.pages, "seconds": doc.seconds, "cached": cached,
                          "doubtful_cells": len(doc.doubtful()), "worker": worker}
            context.log.info(f"{key}: {doc.pages} pages, {'cached' if cached else f'{doc.seconds:.1f}s'}")
        context.add_output_metadata({
            "files": len(files),
            "pages": sum(v["pages"] for v in files.values()),
            "cached": sum(v["cached"] for v in files.values()),
            "seconds": round(sum(v["seconds"] for v in files.values() if not v["cached"]), 1),
            "dask_worker": worker,
        })
        return files

    return shard


def fanout_job(shards: int | None = None) -> dg.JobDefinition:
    """The `ocr_fanout` job: one step per shard, run by the Dask executor."""
    shards = shards or int(os.environ.get("XXGK_OCR_SHARDS", "8"))
    ops = [_shard_op(i, shards) for i in range(shards)]

    # (no step gathers the shards' outputs: the Dask executor plans a run's steps before any has
    # run, and a step gathering several outputs would find none of them; each shard's metadata
    # says what it read, and the cache holds the results)
    @dg.graph(name="ocr_fanout")
    def fanout():
        for op in ops:
            op()

    return fanout.to_job(executor_def=dask_executor, resource_defs={"xxgk": XxgkPaths.from_env()},
                         description="OCR of every scanned file in raw/, its shards spread over a Dask cluster.")


def dask_job() -> dg.JobDefinition:
    """`fanout_job` as a Dask worker loads it (`dg.reconstructable(dask_job)`): the shard count
    and the folders come from the environment, the same on every machine."""
    return fanout_job()


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions(assets=[ocr_documents], jobs=[ocr_job, fanout_job()], sensors=[scanned_files_sensor])
