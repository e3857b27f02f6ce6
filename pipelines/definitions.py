"""The Dagster code location: every asset, check, job, schedule and sensor, and the one resource."""

from __future__ import annotations

import dagster as dg

from pipelines.assets.automation import ingest_job, nightly_ingest, raw_files_sensor
from pipelines.assets.parsed import parsed_reports
from pipelines.assets.raw import raw_reports
from pipelines.assets.resources import XxgkPaths
from pipelines.assets.warehouse import warehouse

ASSETS = [raw_reports, parsed_reports, warehouse]


def build_defs(paths: XxgkPaths) -> dg.Definitions:
    """The code location over the given folders (the tests pass temporary ones)."""
    return dg.Definitions(
        assets=ASSETS,
        jobs=[ingest_job],
        schedules=[nightly_ingest],
        sensors=[raw_files_sensor],
        resources={"xxgk": paths},
    )


defs = build_defs(XxgkPaths.from_env())
