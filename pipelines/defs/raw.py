"""The raw report files in raw/, observed: a data version over every file's sha256."""

import dagster as dg

from pipelines.defs.metadata import markdown_table
from pipelines.defs.resources import XxgkPaths
from pipelines.warehouse.partitions import raw_overview


@dg.observable_source_asset(
    group_name="xxgk",
    description="Report files as they land in raw/ (text, HTML, Markdown, PDF, Word; any encoding). Observing "
                "hashes every file; the data version changes when any file is added, changed or removed.",
)
def raw_reports(xxgk: XxgkPaths) -> dg.ObserveResult:
    seen = raw_overview(xxgk.raw)
    return dg.ObserveResult(
        data_version=dg.DataVersion(seen.version),
        metadata={
            "files": seen.files,
            "megabytes": round(seen.size / 1e6, 2),
            "raw_dir": dg.MetadataValue.path(str(xxgk.raw)),
            "files_by_year_hint": dg.MetadataValue.md(markdown_table(["partition", "files"],
                                                                     list(seen.per_partition.items()))),
        },
    )
