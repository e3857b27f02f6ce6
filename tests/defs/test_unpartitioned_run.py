"""The ingest job launched without choosing years (the UI's plain "Materialize" of the job)
parses every year instead of failing on a missing partition key."""

from __future__ import annotations

import dagster as dg

from pipelines.definitions import load
from pipelines.defs.resources import XxgkPaths
from pipelines.synth.corpus import write_sample_corpus

QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def test_the_ingest_job_without_a_partition_parses_every_year(tmp_path):
    paths = XxgkPaths(raw_dir=str(tmp_path / "raw"), warehouse_path=str(tmp_path / "warehouse" / "xxgk.duckdb"),
                      workers=1)
    write_sample_corpus(paths.raw, agencies=1, seed=3)
    job = load(paths).resolve_job_def("ingest")
    result = job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), run_config=QUIET)
    assert result.success
    assert paths.warehouse.is_file()
