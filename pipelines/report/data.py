"""Read what a report shows from the warehouse (sql/report/*.sql), as plain values.

Numbers keep their exact type: counts come back as int, money as Decimal; a cell the parser could
not read stays None and is never added as 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from pipelines.paths import SQL_DIR
from pipelines.warehouse.queries import connect_read_only
from pipelines.warehouse.sqlfiles import run_file

from .scope import Scope, ScopeError
from .words import word

REPORT_SQL = SQL_DIR / "report"
# Excel holds 1 048 576 rows a sheet (the header takes one), but a listing that long takes the
# workbook library many minutes to write (about 30 000 cells a second) and is no way to look:
# each listing (reports, failing checks, issues) stops at LIST_ROWS and says so.
EXCEL_ROWS = 1_048_575
LIST_ROWS = 50_000
# Cells listed with their provenance: every cell of about 200 reports (an agency has at most a few
# hundred cells a year). A wider scope lists the first ones and says so; narrow it (--agency,
# --region, --years) to see the rest. Each cell is a row of a dozen columns, and the workbook
# library writes about 50 000 such rows in 5-10 s.
PROVENANCE_ROWS = 50_000


def number(value: Any) -> int | Decimal | None:
    """A warehouse number as the report printed it: an integral value as int, else Decimal."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    d = Decimal(value)
    return int(d) if d == d.to_integral_value() else d.normalize()


@dataclass
class YearCell:
    year: int
    table: str
    row: str
    col: str
    unit: str
    value: int | Decimal | None  # the sum of the cells read; None when none could be
    printed: int  # reports printing this cell
    read: int  # of those, cells that could be read
    raw_text: str | None = None  # one report only: the text printed there
    location: str | None = None  # one report only: where it was read


@dataclass
class ReportData:
    scope: Scope
    warehouse: Path
    years: list[int] = field(default_factory=list)
    year_reports: list[dict[str, Any]] = field(default_factory=list)
    cells: list[YearCell] = field(default_factory=list)
    rules_by_year: dict[int, dict[str, int]] = field(default_factory=dict)
    check_run: dict[str, Any] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
    provenance: list[dict[str, Any]] = field(default_factory=list)
    truncated: dict[str, bool] = field(default_factory=dict)
    unplaced: dict[str, int] = field(default_factory=dict)  # agencies and reports with no region
    # year → what became of the reports owed (COVERAGE keys → agencies); empty for a warehouse
    # without the roster's coverage view
    coverage: dict[int, dict[str, int]] = field(default_factory=dict)

    def region_notes(self) -> list[str]:
        """For a region: the agencies no region could be resolved for, which it cannot count."""
        if self.scope.region is not None and self.unplaced.get("agencies"):
            return [word("summary", "unplaced").format(**self.unplaced)]
        return []

    def notes(self) -> list[str]:
        """What the lists leave out: which reports' cells the provenance lists, and '<sheet>: only
        the first N rows …' per list cut short."""
        shown = {"checks": len(self.checks), "issues": len(self.issues), "reports": len(self.reports),
                 "provenance": len(self.provenance)}
        sheet = word("sheet", "provenance")
        out = [] if self.scope.agency_id else [f"{sheet}: {word('summary', 'provenance_failing')}"]
        out += self.region_notes()
        return out + [f"{word('sheet', what)}: {word('summary', 'truncated').format(shown=shown[what])}"
                      for what, cut in self.truncated.items() if cut]

    @property
    def n_reports(self) -> int:
        return sum(y["reports"] for y in self.year_reports)


# What became of a report an agency owes, in the order the page stacks them (v_coverage's status,
# a published one split by whether it came after its due date).
COVERAGE = ("on_time", "late", "quarantined", "fetch_failed", "not_found", "not_yet_due")


def coverage_key(status: str, late: bool) -> str:
    if status in ("ok", "issues"):
        return "late" if late else "on_time"
    return status


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    result = run_file(con, REPORT_SQL / f"{name}.sql", params)
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def resolve_agency(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, str]:
    """(agency_id, name) of the agency `name` means: its exact name, else the one agency whose
    name contains it; several candidates are a ScopeError that lists them."""
    found = _rows(con, "agencies_named", {"name": name.strip()})
    exact = [a for a in found if a["exact"]]
    if len(exact) == 1:
        return exact[0]["agency_id"], exact[0]["name"]
    if len(found) == 1:
        return found[0]["agency_id"], found[0]["name"]
    if not found:
        raise ScopeError(f"agency {name!r}: no agency in the warehouse has that name or a name containing it")
    listed = "、".join(f"{a['name']} ({a['reports']})" for a in found[:12])
    more = f" and {len(found) - 12} more" if len(found) > 12 else ""
    raise ScopeError(f"agency {name!r} fits {len(found)} agencies (current reports in brackets): "
                     f"{listed}{more}; give the full name")


def _limited(con: duckdb.DuckDBPyConnection, name: str, limit: int,
             **params: Any) -> tuple[list[dict[str, Any]], bool]:
    rows = _rows(con, name, {"limit": limit + 1, **params})
    return rows[:limit], len(rows) > limit


def read(warehouse: str | Path, scope_request: dict[str, Any], *, provenance_rows: int = PROVENANCE_ROWS,
         row_limit: int = LIST_ROWS) -> ReportData:
    """Everything the workbook and the page show for one scope.

    scope_request: agency (a name), region (a Region), year_from, year_to.
    """
    row_limit = min(row_limit, EXCEL_ROWS)
    con = connect_read_only(warehouse)
    try:
        agency_id = agency = None
        if scope_request.get("agency"):
            agency_id, agency = resolve_agency(con, scope_request["agency"])
        scope = Scope(agency_id=agency_id, agency=agency, region=scope_request.get("region"),
                      year_from=scope_request.get("year_from"), year_to=scope_request.get("year_to"))
        data = ReportData(scope=scope, warehouse=Path(warehouse))
        run_file(con, REPORT_SQL / "scope.sql", scope.params())
        data.year_reports = _rows(con, "year_reports")
        if scope.region is not None:
            data.unplaced = _rows(con, "unplaced", {"year_from": scope.year_from, "year_to": scope.year_to})[0]
        data.years = [y["year"] for y in data.year_reports]
        if data.years:
            try:
                owed = _rows(con, "coverage", {**scope.params(), "year_from": data.years[0],
                                               "year_to": data.years[-1]})
            except duckdb.CatalogException:  # a warehouse built before the roster and v_coverage
                owed = []
            for c in owed:
                by_year = data.coverage.setdefault(c["year"], dict.fromkeys(COVERAGE, 0))
                key = coverage_key(c["status"], c["late"])
                by_year[key] = by_year.get(key, 0) + c["agencies"]
        for c in _rows(con, "year_cells"):
            data.cells.append(YearCell(year=c["year"], table=c["table_name"], row=c["row_code"],
                                       col=c["col_code"], unit=c["unit"],
                                       value=number(c["value"]) if c["read"] else None,
                                       printed=c["printed"], read=c["read"], raw_text=c["raw_text"],
                                       location=c["source_location"]))
        for r in _rows(con, "rules_by_year"):
            data.rules_by_year.setdefault(r["year"], {})[r["rule"]] = r["reports"]
        data.check_run = _rows(con, "check_run")[0]
        data.checks, data.truncated["checks"] = _limited(con, "checks", row_limit)
        data.issues, data.truncated["issues"] = _limited(con, "issues", row_limit)
        data.reports, data.truncated["reports"] = _limited(con, "reports", row_limit)
        # one agency: every cell; more: the cells of the reports that break a rule
        data.provenance, data.truncated["provenance"] = _limited(con, "cells", min(provenance_rows, row_limit),
                                                                 failing_only=agency_id is None)
        for row in data.provenance:
            row["value"] = number(row["value"])
        return data
    finally:
        con.close()
