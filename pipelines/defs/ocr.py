"""OCR of scanned report files as its own asset, one partition per file, so that only scanned
files pay for it (seconds a page) and each is read once: results are cached by the file's sha256
and the engine's version (`pipelines.ingest.ocr_cache`).

The `ocr` job runs on Dagster's Dask executor: each partition's run sends its step to a Dask
cluster, so a backfill of many files fans out over the cluster's workers. Without run config the
executor starts a local cluster; to use a running one (any number of machines), give its
scheduler's address:

    execution:
      config:
        cluster:
          existing:
            address: tcp://dask-scheduler:8786

The sensor adds a partition for every scanned file that lands in raw/ and asks for its run.
"""

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
    partitions_def=scanned_files,
    executor_def=dask_executor,
    description="OCR of scanned files, one run per file, each step on the Dask cluster.",
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


def dask_job() -> dg.JobDefinition:
    """The `ocr` job resolved with its asset and resource, loadable by name on any Dask worker
    (`dg.reconstructable(dask_job)`): what a worker runs to execute its step."""
    return dg.Definitions(assets=[ocr_documents], jobs=[ocr_job],
                          resources={"xxgk": XxgkPaths.from_env()}).resolve_job_def("ocr")


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions(assets=[ocr_documents], jobs=[ocr_job], sensors=[scanned_files_sensor])
