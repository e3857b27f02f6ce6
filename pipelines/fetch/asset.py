"""The body of the Dagster asset upstream of the raw reports, without Dagster: the asset calls
`fetch_asset` and returns its metadata (a thin wrapper in the definitions).

The reporting season's schedule: every report is due by 31 January, and most appear in
January–March; `SEASON_CRONS` fetches daily then, weekly after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.fetch.client import FetchOptions
from pipelines.fetch.core import FetchSummary, fetch

# daily at 03:00 through January–March, Mondays at 03:00 from April to December
SEASON_CRONS = ("0 3 * 1-3 *", "0 3 * 4-12 1")


def fetch_asset(raw_dir: str | Path, urls_csv: str | Path | None = None, lists_csv: str | Path | None = None,
                options: FetchOptions | None = None, log: Any = None) -> tuple[FetchSummary, dict[str, Any]]:
    """Run a fetch and describe it for the asset: (summary, metadata) — counts as numbers and a
    Markdown table of the failures. `log` (a logger, e.g. `context.log`) gets the summary's lines."""
    summary = fetch(urls_csv, lists_csv, raw_dir, options)
    if log is not None:
        for line in summary.lines():
            (log.warning if line.lstrip().startswith("FAILED") else log.info)(line)
    metadata: dict[str, Any] = {
        "columns": summary.columns, "list_pages": summary.list_pages, "report_pages": summary.pages,
        "attachments": summary.attachments, "new": summary.new, "changed": summary.changed,
        "unchanged": summary.unchanged, "kept": summary.kept, "failed": summary.failed,
        "requests": summary.requests, "conditional_requests": summary.conditional_requests,
        "needs_conversion": len(summary.needs_conversion), "seconds": round(summary.seconds, 1),
    }
    rows = ["| what | URL | agency | year | reason |", "|---|---|---|---|---|"]
    for f in summary.failures[:50]:
        rows.append(f"| {f.role} | {f.url} | {f.agency or ''} | {f.year or ''} | {f.reason.replace('|', '/')} |")
    metadata["failures"] = "\n".join(rows) if summary.failures else "no failures"
    return summary, metadata
