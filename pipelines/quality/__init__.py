"""Checks of the warehouse: the rules (GX suites), validation, suggestions and failures in words.

`failures_markdown(source, suite=None, limit=20)` is the Markdown table of the worst failing
reports, for the Dagster asset checks' metadata; source is a validated warehouse (connection or
path) or `ValidationSummary.failures`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    import duckdb

    from pipelines.quality.failures import Failure


def failures_markdown(source: duckdb.DuckDBPyConnection | str | Path | Iterable[Failure], suite: str | None = None,
                      limit: int = 20) -> str:
    """See `pipelines.quality.failures.failures_markdown` (imported lazily: the package stays light)."""
    from pipelines.quality.failures import failures_markdown as md

    return md(source, suite, limit)
