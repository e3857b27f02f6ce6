"""Where the pipeline reads and writes: one resource, injected into every asset, sensor and schedule."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipelines import paths


class XxgkPaths(dg.ConfigurableResource):
    """The raw folder, the published warehouse file and the Parquet staging folder."""

    raw_dir: str
    warehouse_path: str
    staging_dir: str = ""  # default: staging/ beside the warehouse file
    docs_dir: str = ""  # GX Data Docs; default: docs/ beside the warehouse file
    workers: int = 0  # parser processes; 0 = one per core
    roster_csv: str = ""  # an analyst's roster of agencies (`xxgk build --roster`); default XXGK_ROSTER

    @classmethod
    def from_env(cls) -> XxgkPaths:
        """The project's folders as `pipelines.paths` finds them (XXGK_ROOT, XXGK_RAW, XXGK_WAREHOUSE,
        XXGK_STAGING; by default raw/ and warehouse/xxgk.duckdb under the project root)."""
        return cls(raw_dir=str(paths.raw_dir()), warehouse_path=str(paths.warehouse_file()),
                   staging_dir=str(paths.staging_dir()), roster_csv=os.environ.get("XXGK_ROSTER", ""))

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def staging(self) -> Path:
        return Path(self.staging_dir) if self.staging_dir else paths.staging_dir(self.warehouse)

    @property
    def docs(self) -> Path:
        return Path(self.docs_dir) if self.docs_dir else paths.docs_dir(self.warehouse)

    @property
    def roster(self) -> Path | None:
        return Path(self.roster_csv) if self.roster_csv else None

    @property
    def worker_count(self) -> int | None:
        return self.workers or None


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources={"xxgk": XxgkPaths.from_env()})
