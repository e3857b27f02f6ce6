"""A small generated corpus, materialised once per session through the real Dagster assets."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import load
from pipelines.defs.jobs import range_tags
from pipelines.defs.resources import XxgkPaths
from pipelines.synth.corpus import write_sample_corpus
from pipelines.warehouse.partitions import partition_keys

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


@dataclass
class Built:
    paths: XxgkPaths
    result: dg.ExecuteInProcessResult
    reports: int  # report files in raw/ (gold labels aside)


def make_paths(root: Path) -> XxgkPaths:
    return XxgkPaths(raw_dir=str(root / "raw"), warehouse_path=str(root / "warehouse" / "xxgk.duckdb"), workers=1)


def materialize_all(paths: XxgkPaths, instance: dg.DagsterInstance | None = None,
                    keys: list[str] | None = None) -> dg.ExecuteInProcessResult:
    """Run the ingest job (what the schedule and sensor start) over a range of partitions."""
    keys = keys or partition_keys()
    job = load(paths).resolve_job_def("ingest")
    return job.execute_in_process(instance=instance or dg.DagsterInstance.ephemeral(), tags=range_tags(keys),
                                  run_config=QUIET)


@pytest.fixture(scope="session")
def materialize():
    """The helper that materialises every asset over a range of partitions."""
    return materialize_all


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("xxgk")
    paths = make_paths(root)
    write_sample_corpus(paths.raw, agencies=2, seed=7)
    reports = sum(1 for p in paths.raw.iterdir() if not p.name.endswith(".gold.json"))
    result = materialize_all(paths)
    assert result.success
    return Built(paths, result, reports)
