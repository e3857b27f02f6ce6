"""Where the pipeline reads and writes: one resource, injected into every asset, sensor and schedule."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

REPO = Path(__file__).resolve().parents[2]


def _from_env(name: str, default: str) -> str:
    # a relative path in the environment is taken from where the command runs; the defaults
    # from the repository root, so `dagster dev` finds raw/ whichever folder it starts in
    value = os.environ.get(name)
    return str(Path(value).resolve()) if value else str(REPO / default)


class XxgkPaths(dg.ConfigurableResource):
    """The raw folder, the published warehouse file and the Parquet staging folder."""

    raw_dir: str
    warehouse_path: str
    staging_dir: str = ""  # default: staging/ beside the warehouse file
    docs_dir: str = ""  # GX Data Docs; default: docs/ beside the warehouse file
    workers: int = 0  # parser processes; 0 = one per core

    @classmethod
    def from_env(cls) -> XxgkPaths:
        """XXGK_RAW, XXGK_WAREHOUSE and XXGK_STAGING, defaulting to raw/ and warehouse/xxgk.duckdb."""
        return cls(raw_dir=_from_env("XXGK_RAW", "raw"),
                   warehouse_path=_from_env("XXGK_WAREHOUSE", "warehouse/xxgk.duckdb"),
                   staging_dir=str(Path(os.environ["XXGK_STAGING"]).resolve()) if os.environ.get("XXGK_STAGING")
                   else "")

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def staging(self) -> Path:
        return Path(self.staging_dir) if self.staging_dir else self.warehouse.parent / "staging"

    @property
    def docs(self) -> Path:
        return Path(self.docs_dir) if self.docs_dir else self.warehouse.parent / "docs"

    @property
    def worker_count(self) -> int | None:
        return self.workers or None
