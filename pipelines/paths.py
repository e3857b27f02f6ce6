"""Where the project's files are: the one place that knows the layout.

Two kinds of folder:

- What ships with the code: `sql/` (every SQL statement) and `expectations/` (the GX file context
  and the analyst's adjudications). In a checkout they sit at the repository's top level; an
  installed package (a wheel, `pip install .`) carries them inside it, as `pipelines/sql/` and
  `pipelines/expectations/` (pyproject.toml maps them in).
- The data: `raw/` (report files as they land) and `warehouse/` (the DuckDB file, its staging
  Parquet and Data Docs). They live under the project root: `XXGK_ROOT` when set, else the
  checkout this package runs from, else the current folder (an installed package has no checkout).
  `XXGK_RAW`, `XXGK_WAREHOUSE` and `XXGK_STAGING` name one folder or file directly.

Nothing else in the package computes a path from its own `__file__`.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent


def in_checkout() -> bool:
    """Whether the package runs from its repository (an editable install or the source tree)."""
    return (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "sql").is_dir()


def _shipped(name: str) -> Path:
    return _CHECKOUT / name if in_checkout() else PACKAGE_DIR / name


SQL_DIR = _shipped("sql")
EXPECTATIONS_DIR = _shipped("expectations")


def _env_path(name: str) -> Path | None:
    # a relative path in the environment is taken from where the command runs
    value = os.environ.get(name)
    return Path(value).resolve() if value else None


def root() -> Path:
    """The project root holding `raw/` and `warehouse/` (read at each call: tests set XXGK_ROOT)."""
    return _env_path("XXGK_ROOT") or (_CHECKOUT if in_checkout() else Path.cwd().resolve())


def raw_dir() -> Path:
    """The folder of raw report files: XXGK_RAW, else raw/ under the project root."""
    return _env_path("XXGK_RAW") or root() / "raw"


def warehouse_file() -> Path:
    """The published DuckDB file: XXGK_WAREHOUSE, else warehouse/xxgk.duckdb under the project root."""
    return _env_path("XXGK_WAREHOUSE") or root() / "warehouse" / "xxgk.duckdb"


def staging_dir(warehouse: Path | None = None) -> Path:
    """The parse step's Parquet, per partition: staging/ beside the given warehouse file; without
    one, XXGK_STAGING, else staging/ beside the configured warehouse file."""
    if warehouse is not None:
        return warehouse.parent / "staging"
    return _env_path("XXGK_STAGING") or warehouse_file().parent / "staging"


def docs_dir(warehouse: Path) -> Path:
    """GX Data Docs of a warehouse: docs/ beside its file."""
    return warehouse.parent / "docs"
