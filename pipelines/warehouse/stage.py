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
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa

from pipelines.parse.report import QUARANTINE_CODES, Cell, Report
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


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
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


def fact_columns(report: Report, rid: str) -> dict[str, dict[str, list[Any]]]:
    """The cells of the three tables as long rows, each with where it was read and the raw text —
    column by column (~300 cells a report: the frames are built without a dict per cell)."""
    out: dict[str, dict[str, list[Any]]] = {}
    provenance = report.provenance
    for key, (name, row_col, col_col) in FACT_TABLES.items():
        rows: list[str] = []
        cols: list[str] = []
        values: list[Any] = []
        cells: list[Cell | None] = []
        for row, printed in (getattr(report, key) or {}).items():
            if not printed:
                continue
            prefix = f"{key}/{row}/"
            rows += [row] * len(printed)
            cols += printed
            values += printed.values()
            cells += [provenance.get(prefix + c) for c in printed]
        out[name] = {"report_id": [rid] * len(rows), row_col: rows, col_col: cols, **_measure(name, cols, values),
                     "source_location": [None if c is None else c.where for c in cells],
                     "raw_text": [None if c is None else c.raw for c in cells]}
    return out


def _measure(name: str, cols: Sequence[str], values: list[Any]) -> dict[str, list[Any]]:
    if name == "active":
        return {"value": [_decimal(v) for v in values], "unit": [MONEY_METRICS.get(c, "count") for c in cols]}
    return {"count": [v if type(v) is int else _count(v) for v in values]}


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
    columns: dict[str, dict[str, list[Any]]] = {
        name: {c: [] for c in SCHEMAS[name]} for name, _, _ in FACT_TABLES.values()}
    for n, report in enumerate(reports):
        row = rows[n] if rows is not None else None
        if row is None:
            row = report_row(report)
        report_rows.append(row)
        for name, facts in fact_columns(report, row["report_id"]).items():
            for column, values in facts.items():
                columns[name][column].extend(values)
        issues.extend(issue_rows(report, row["report_id"]))
        if report.alternatives:
            alternatives.extend(alternative_rows(report, row["report_id"]))
    out = {"report": pl.DataFrame(report_rows, schema=SCHEMAS["report"])}
    for name, data in columns.items():
        out[name] = pl.DataFrame(data, schema=SCHEMAS[name])
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
