"""Write one report's files: read the scope from the warehouse, then the workbook and the page."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import data as report_data
from .page import write_page
from .scope import ScopeError, find_region, parse_years
from .words import word
from .workbook import write_workbook

# Characters no file name may hold on the systems analysts use.
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass
class ReportSummary:
    out_dir: Path
    workbook: Path
    page: Path
    scope: str  # the agency's name, the region's full name, or '' for the whole warehouse
    years: tuple[int, int] | None  # first and last year shown; None when no report is in scope
    reports: int
    agencies: int
    failing_checks: int
    checked: bool  # the warehouse holds a check run
    notes: list[str] = field(default_factory=list)


def file_stem(scope: str, years: tuple[int, int] | None) -> str:
    """A file name for the scope and years: the name, made safe, and the years."""
    name = _UNSAFE_NAME.sub("_", scope or word("scope_all")).strip(" ._") or "report"
    span = f"_{years[0]}-{years[1]}" if years else ""
    return f"{name[:80]}{span}"


def _write_atomic(path: Path, write) -> Path:
    """Write through a temporary file beside `path`, so a half-written file never carries its name."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as any file the analyst saves, not mkstemp's owner-only
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def write_report(
    warehouse_path: str | Path,
    out_dir: str | Path,
    agency: str | None = None,
    region: str | None = None,
    years: str | tuple[int | None, int | None] | None = None,
    *,
    provenance_rows: int = report_data.PROVENANCE_ROWS,
) -> ReportSummary:
    """Write the workbook (.xlsx) and the page (.html) for one agency (its name, or a part of it
    that only one agency's name holds), a region (河南, 河南省, 郑州市, 北京朝阳 …), or the whole
    warehouse, over `years` ('2019-2025', '2021', or (first, last)); returns what was written.

    Raises ScopeError when the agency or region cannot be told apart or is not there, and
    QueryError when there is no warehouse at `warehouse_path`.
    """
    if agency and region:
        raise ScopeError("give an agency or a region, not both")
    year_from, year_to = years if isinstance(years, tuple) else parse_years(years)
    request = {"agency": agency, "region": find_region(region) if region else None,
               "year_from": year_from, "year_to": year_to}
    data = report_data.read(warehouse_path, request, provenance_rows=provenance_rows)
    generated = datetime.now().replace(microsecond=0)
    span = (data.years[0], data.years[-1]) if data.years else None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = file_stem(data.scope.name, span)
    workbook = _write_atomic(out / f"{stem}.xlsx", lambda p: write_workbook(data, p, generated))
    page = _write_atomic(out / f"{stem}.html", lambda p: write_page(data, p, workbook.name, generated))
    return ReportSummary(
        out_dir=out, workbook=workbook, page=page, scope=data.scope.name, years=span,
        reports=data.n_reports, agencies=data.year_reports[0]["scope_agencies"] if data.year_reports else 0,
        failing_checks=sum(1 for c in data.checks if c["status"] in ("failed", "confirmed")),
        checked=bool((data.check_run or {}).get("run_id")), notes=data.notes(),
    )
