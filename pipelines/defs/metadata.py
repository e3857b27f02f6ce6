"""Dagster metadata from the warehouse's own queries (sql/queries/), as Markdown tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import dagster as dg

from pipelines.warehouse import queries


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], limit: int = 30) -> str:
    if not rows:
        return "_(none)_"
    cell = lambda v: "" if v is None else str(v).replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"\n… {len(rows) - limit} more rows")
    return "\n".join(lines)


def query_markdown(warehouse: Path, names: Sequence[str]) -> dict[str, dg.MetadataValue]:
    """Run named analyst queries on a warehouse file (read-only) and render each as Markdown."""
    con = queries.connect_read_only(warehouse)
    try:
        out = {}
        for name in names:
            q = queries.get(name)
            columns, rows = queries.run(q, q.bind({}), con)
            out[name] = dg.MetadataValue.md(markdown_table(columns, rows))
        return out
    finally:
        con.close()


def row_counts(warehouse: Path, tables: Sequence[str]) -> dict[str, int]:
    con = queries.connect_read_only(warehouse)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()
