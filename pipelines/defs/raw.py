"""The raw report files in raw/, observed: a data version over every file's sha256."""

import hashlib
from pathlib import Path

import dagster as dg

from pipelines.defs.metadata import markdown_table
from pipelines.defs.resources import XxgkPaths
from pipelines.ingest.files import scan
from pipelines.warehouse.partitions import partition_key, partition_keys


@dg.observable_source_asset(
    group_name="xxgk",
    description="Report files as they land in raw/ (text, HTML, Markdown; any encoding). Observing "
                "hashes every file; the data version changes when any file is added, changed or removed.",
)
def raw_reports(xxgk: XxgkPaths) -> dg.ObserveResult:
    files = scan(xxgk.raw)
    digest = hashlib.sha256("".join(f"{p}\0{v[2]}\n" for p, v in sorted(files.items())).encode())
    keys = partition_keys()
    per_key: dict[str, int] = {}
    for p in files:
        k = partition_key(Path(p), xxgk.raw.resolve(), keys)
        per_key[k] = per_key.get(k, 0) + 1
    rows = sorted(per_key.items(), key=lambda kv: keys.index(kv[0]))
    return dg.ObserveResult(
        data_version=dg.DataVersion(digest.hexdigest()[:16]),
        metadata={
            "files": len(files),
            "megabytes": round(sum(v[1] for v in files.values()) / 1e6, 2),
            "raw_dir": dg.MetadataValue.path(str(xxgk.raw)),
            "files_by_year_hint": dg.MetadataValue.md(markdown_table(["partition", "files"], rows)),
        },
    )
