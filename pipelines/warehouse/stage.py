"""Reports → staging frames (pure), and staging frames ↔ Parquet.

The staging frames are the warehouse's tables before keys are reconciled with what is already
loaded: one frame per table, schemas fixed here as data so an empty batch still has its columns.
The parse step writes one Parquet file per table per batch (`<dir>/<table>/<batch>.parquet`);
the load step reads each table's files back as one Arrow table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa

from pipelines.parse.report import QUARANTINE_CODES, Report
from pipelines.spec import MONEY_METRICS

REGION_FIELDS = ("province", "city", "county", "adcode", "kind", "level")

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "report": {
        "report_id": pl.String, "agency_id": pl.String, "agency": pl.String, "year": pl.Int32,
        "template": pl.String, "source_path": pl.String, "sha256": pl.String,
        "parser_version": pl.String, "status": pl.String, "report_key": pl.String,
        "title": pl.String, "layout": pl.String, "encoding": pl.String,
        "n_errors": pl.Int32, "n_warnings": pl.Int32, "n_infos": pl.Int32,
        "has_active": pl.Boolean, "has_applications": pl.Boolean, "has_review_litigation": pl.Boolean,
        **dict.fromkeys(REGION_FIELDS, pl.String),
        "quarantine_reason": pl.String, "quarantine_codes": pl.List(pl.String),
    },
    "active": {
        "report_id": pl.String, "item": pl.String, "metric": pl.String,
        "value": pl.Decimal(20, 6), "unit": pl.String,
        "source_location": pl.String, "raw_text": pl.String,
    },
    "application": {
        "report_id": pl.String, "row_code": pl.String, "applicant_type": pl.String,
        "count": pl.Int64, "source_location": pl.String, "raw_text": pl.String,
    },
    "review_litigation": {
        "report_id": pl.String, "group_code": pl.String, "outcome": pl.String,
        "count": pl.Int64, "source_location": pl.String, "raw_text": pl.String,
    },
    "issue": {
        "report_id": pl.String, "issue_no": pl.Int32, "code": pl.String, "severity": pl.String,
        "location": pl.String, "message": pl.String,
    },
    # the other cuts of a row whose run-together digits several cuts fit (Report.alternatives):
    # one row per alternative and column, alternative_no 0 being the cut the facts hold
    "alternative": {
        "report_id": pl.String, "table_name": pl.String, "row_code": pl.String, "alternative_no": pl.Int32,
        "col_code": pl.String, "value": pl.Decimal(20, 6),
    },
    # entries of the raw folder that were not read, and why (hidden, not a regular file …)
    "skipped": {"source_path": pl.String, "reason": pl.String},
}
STAGED_TABLES = tuple(SCHEMAS)

# table key in the Report -> (staging table, names of its row and column codes)
FACT_TABLES = {
    "active": ("active", "item", "metric"),
    "applications": ("application", "row_code", "applicant_type"),
    "review_litigation": ("review_litigation", "group_code", "outcome"),
}


def _hex16(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def agency_id(name: str) -> str:
    """Stable agency key: the same name gives the same id in every build."""
    return _hex16(name.strip())


def report_id(sha256: str, parser_version: str) -> str:
    """One id per raw content and parser version: loading the same file twice changes nothing."""
    return _hex16(f"{sha256}:{parser_version}")


def _count(value: Any) -> int | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return int(number) if value is not None and number == number.to_integral_value() else None


_QUANTUM = Decimal("0.000001")


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value)).quantize(_QUANTUM)
    except (InvalidOperation, ValueError):
        return None


def report_row(report: Report) -> dict[str, Any]:
    """The staging row of dim_report (plus the agency's region and, if any, why it is quarantined)."""
    if not report.sha256:
        raise ValueError(f"{report.path}: a Report needs the sha256 of its raw bytes to be loaded")
    status = report.status
    agency = (report.agency or "").strip() or None
    aid = agency_id(agency) if agency else None
    errors = [i for i in report.issues if i.severity == "error"]
    blocking = [i for i in errors if i.code in QUARANTINE_CODES]
    region = {k: None if report.region.get(k) in (None, "") else str(report.region[k])
              for k in REGION_FIELDS}
    return {
        "report_id": report_id(report.sha256, report.parser_version),
        "agency_id": aid,
        "agency": agency,
        "year": report.year,
        "template": report.template,
        "source_path": str(report.path),
        "sha256": report.sha256,
        "parser_version": report.parser_version,
        "status": status,
        "report_key": f"{aid}/{report.year}" if aid and report.year else f"path:{report.path}",
        "title": report.title,
        "layout": report.layout,
        "encoding": report.encoding,
        "n_errors": len(errors),
        "n_warnings": sum(i.severity == "warning" for i in report.issues),
        "n_infos": sum(i.severity == "info" for i in report.issues),
        "has_active": bool(report.active),
        "has_applications": bool(report.applications),
        "has_review_litigation": bool(report.review_litigation),
        **region,
        "quarantine_reason": "; ".join(i.message for i in blocking) if status == "quarantined" else None,
        "quarantine_codes": sorted({i.code for i in blocking}) if status == "quarantined" else None,
    }


_NO_CELL = (None, None)  # a cell without provenance: no place, no raw text
_INT_OR_NONE = frozenset({int, type(None)})
_DECIMAL_DIGITS = 10 ** 14  # an integer below this fits Decimal(20, 6) as it is


class _FactBatch:
    """The cells of a batch's reports, gathered table by table into whole-batch columns: a report
    adds its codes, values and provenance cells list by list (no row or dict per cell), and its
    report id once per table with the number of cells it added."""

    tables = tuple(name for name, _, _ in FACT_TABLES.values())

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.counts: dict[str, list[int]] = {name: [] for name in self.tables}
        self.rows: dict[str, list[str]] = {name: [] for name in self.tables}
        self.cols: dict[str, list[str]] = {name: [] for name in self.tables}
        self.values: dict[str, list[Any]] = {name: [] for name in self.tables}
        self.cells: dict[str, list[Any]] = {name: [] for name in self.tables}

    def add(self, report: Report, rid: str) -> None:
        self.ids.append(rid)
        get = report.provenance.get
        for key, (name, _, _) in FACT_TABLES.items():
            rows, cols, values, cells = self.rows[name], self.cols[name], self.values[name], self.cells[name]
            before = len(cols)
            for row, printed in (getattr(report, key) or {}).items():
                if printed:
                    rows += repeat(row, len(printed))
                    cols += printed
                    values += printed.values()
                    cells += map(get, map(f"{key}/{row}/".__add__, printed), repeat(_NO_CELL))
            self.counts[name].append(len(cols) - before)

    def columns(self, name: str) -> dict[str, Any]:
        """One table's columns, in the order of its schema: lists, or Series where built whole."""
        _, row_col, col_col = next(v for v in FACT_TABLES.values() if v[0] == name)
        wheres, raws = zip(*self.cells[name], strict=True) if self.cells[name] else ((), ())
        ids = pl.Series(self.ids, dtype=pl.String).gather(
            np.repeat(np.arange(len(self.ids)), self.counts[name]))
        return {"report_id": ids, row_col: self.rows[name], col_col: self.cols[name],
                **_measure(name, self.cols[name], self.values[name]),
                "source_location": wheres, "raw_text": raws}

    def frame(self, name: str) -> pl.DataFrame:
        return pl.DataFrame(self.columns(name), schema=SCHEMAS[name])


def _measure(name: str, cols: Sequence[str], values: list[Any]) -> dict[str, Any]:
    if name == "active":
        return {"value": _decimals(values), "unit": [MONEY_METRICS.get(c, "count") for c in cols]}
    if _INT_OR_NONE.issuperset(map(type, values)):  # nearly every batch: the values as they are
        return {"count": values}
    return {"count": [v if type(v) is int else _count(v) for v in values]}


def _decimals(values: list[Any]) -> pl.Series:
    """`_decimal` of every value as one Decimal(20, 6) column: the integers (nearly all values)
    cast in one step, the others converted one by one as `_decimal` does."""
    small = [v if type(v) is int and -_DECIMAL_DIGITS < v < _DECIMAL_DIGITS else None for v in values]
    column = pl.Series(small, dtype=pl.Int64).cast(SCHEMAS["active"]["value"])
    others = [n for n, v in enumerate(values) if v is not None and small[n] is None]
    if others:
        column = column.scatter(others, pl.Series([_decimal(values[n]) for n in others],
                                                  dtype=SCHEMAS["active"]["value"]))
    return column


def issue_rows(report: Report, rid: str) -> list[dict[str, Any]]:
    return [
        {"report_id": rid, "issue_no": n, "code": i.code, "severity": i.severity,
         "location": i.where, "message": i.message}
        for n, i in enumerate(report.issues, start=1)
    ]


def alternative_rows(report: Report, rid: str) -> list[dict[str, Any]]:
    return [
        {"report_id": rid, "table_name": key.split("/", 1)[0], "row_code": key.split("/", 1)[1],
         "alternative_no": n, "col_code": col, "value": _decimal(value)}
        for key, readings in report.alternatives.items() if "/" in key
        for n, reading in enumerate(readings) for col, value in reading.items()
    ]


def frames(reports: Iterable[Report], rows: Sequence[dict[str, Any] | None] | None = None
           ) -> dict[str, pl.DataFrame]:
    """Reports → one Polars frame per staging table (pure). `rows`, where given, are the reports'
    `report_row`s in the same order, None where one is still to be worked out."""
    report_rows: list[dict[str, Any]] = []
    issues: list[dict[str, Any]] = []
    alternatives: list[dict[str, Any]] = []
    facts = _FactBatch()
    for n, report in enumerate(reports):
        row = rows[n] if rows is not None else None
        if row is None:
            row = report_row(report)
        report_rows.append(row)
        facts.add(report, row["report_id"])
        if report.issues:
            issues.extend(issue_rows(report, row["report_id"]))
        if report.alternatives:
            alternatives.extend(alternative_rows(report, row["report_id"]))
    out = {"report": pl.DataFrame(report_rows, schema=SCHEMAS["report"])}
    for name in facts.tables:
        out[name] = facts.frame(name)
    out["issue"] = pl.DataFrame(issues, schema=SCHEMAS["issue"])
    out["alternative"] = pl.DataFrame(alternatives, schema=SCHEMAS["alternative"])
    out["skipped"] = pl.DataFrame(schema=SCHEMAS["skipped"])
    return {name: out[name] for name in STAGED_TABLES}


def skipped_frame(entries: Iterable[tuple[str, str]]) -> pl.DataFrame:
    """The raw folder's entries passed over, as (path text, reason) rows."""
    rows = list(entries)
    return pl.DataFrame({"source_path": [p for p, _ in rows], "reason": [r for _, r in rows]},
                        schema=SCHEMAS["skipped"])


def write_parquet(staged: dict[str, pl.DataFrame], out_dir: str | Path, part: str) -> None:
    """Write one batch: `<out_dir>/<table>/<part>.parquet` for every staging table."""
    for name, frame in staged.items():
        folder = Path(out_dir) / name
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{part}.parquet.tmp"
        frame.write_parquet(tmp)
        tmp.replace(folder / f"{part}.parquet")  # a killed worker leaves no half-written part


def empty_arrow(name: str) -> pa.Table:
    return pl.DataFrame(schema=SCHEMAS[name]).to_arrow()


def read_parquet(staging_dir: str | Path) -> dict[str, pa.Table]:
    """All batches of a staging folder, one Arrow table per staging table."""
    out = {}
    for name in STAGED_TABLES:
        files = sorted((Path(staging_dir) / name).glob("*.parquet"))
        schema = pl.DataFrame(schema=SCHEMAS[name])
        frame = pl.concat([pl.read_parquet(f) for f in files], how="vertical") if files else schema
        out[name] = frame.to_arrow()
    return out
