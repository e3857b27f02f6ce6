"""Checks of the warehouse: the rules (GX suites), validation, suggestions and failures in words.

`failures_markdown(con_or_path, suite=None, limit=20)` is the Markdown table of the worst failing
reports, for the Dagster asset checks' metadata.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import duckdb


def failures_markdown(con_or_path: duckdb.DuckDBPyConnection | str | Path, suite: str | None = None,
                      limit: int = 20) -> str:
    """See `pipelines.quality.failures.failures_markdown` (imported lazily: the package stays light)."""
    from pipelines.quality.failures import failures_markdown as md

    return md(con_or_path, suite, limit)
