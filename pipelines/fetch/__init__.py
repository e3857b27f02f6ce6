"""Fetch reports from agency sites' annual-report columns into `raw/`, politely and resumably.

    from pipelines.fetch import fetch, FetchOptions
    summary = fetch(urls_csv="reports.csv", lists_csv="columns.csv", raw_dir="raw")
    print("\\n".join(summary.lines()))

Layers: `pages` (pure: decoding, links, dates, checks), `store` (paths and sidecar records
under raw/), `client` (polite HTTP), `core` (the run), `asset` (the Dagster asset's body),
`command` (`xxgk fetch`).
"""

from pipelines.fetch.client import FetchOptions, user_agent
from pipelines.fetch.core import (
    ColumnTask,
    Failure,
    FetchInputError,
    FetchSummary,
    ReportTask,
    fetch,
    read_list_csv,
    read_url_csv,
)
from pipelines.fetch.store import FETCH_DIR, FetchRecord, load_records, relpath_for

__all__ = [
    "FETCH_DIR", "ColumnTask", "Failure", "FetchInputError", "FetchOptions", "FetchRecord", "FetchSummary",
    "ReportTask", "fetch", "load_records", "read_list_csv", "read_url_csv", "relpath_for", "user_agent",
]
