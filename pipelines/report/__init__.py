"""Exports for people (`xxgk report`): an Excel workbook and an offline HTML page with charts, for
one agency, a region or the whole warehouse, over a range of years.

`write_report(warehouse_path, out_dir, agency=None, region=None, years=None) -> ReportSummary`
"""

from __future__ import annotations

from .build import ReportSummary, write_report
from .scope import ScopeError, find_region, find_regions, parse_years

__all__ = ["ReportSummary", "ScopeError", "find_region", "find_regions", "parse_years", "write_report"]
