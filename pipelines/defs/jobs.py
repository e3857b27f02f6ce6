"""The ingest job: observe raw/, parse the selected years, then build, check and publish."""

from collections.abc import Sequence

import dagster as dg

from pipelines.defs.parsed import parsed_reports
from pipelines.defs.raw import raw_reports
from pipelines.defs.warehouse import warehouse

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
