"""Exports for people (`xxgk report`): an Excel workbook and an offline HTML page with charts, for
one agency, a region or the whole warehouse, over a range of years.

`write_report(warehouse_path, out_dir, agency=None, region=None, years=None) -> ReportSummary`

The names are imported when first used: the CLI looks this package up for every command, and the
chart and workbook libraries take about a second to import.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "ReportSummary": "build", "write_report": "build",
    "ScopeError": "scope", "find_region": "scope", "find_regions": "scope", "parse_years": "scope",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
