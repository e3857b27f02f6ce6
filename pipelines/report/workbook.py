"""The analyst's Excel workbook (xlsxwriter): a summary, one sheet per table with the years side
by side, the failing checks named, the parser's issues, the reports, and where each number was read.

Text taken from a report is always written as text (never as a formula or a link), so a title
that starts with '=' stays a title.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from pipelines import spec

from .data import COVERAGE, ReportData
from .tables import Figure, change, check_cells, in_printed_order, key_figures, table_lines, table_reports
from .words import check_label, col_label, outcome_group_label, row_label, rule_label, table_label, total_label, word

MAX_TEXT = 32_767  # Excel's longest cell text


def _w(key: str) -> str:
    return word("column", key)


class _Book:
    def __init__(self, path: Path) -> None:
        # constant_memory: each row goes to disk once the next begins (every sheet here is written
        # top to bottom), so a long listing does not hold the whole workbook in memory
        self.wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                                  "strings_to_numbers": False, "nan_inf_to_errors": True,
                                                  "constant_memory": True, "tmpdir": str(path.parent)})
        self.title = self.wb.add_format({"bold": True, "font_size": 14})
        self.bold = self.wb.add_format({"bold": True})
        self.header = self.wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                          "valign": "top"})
        self.int = self.wb.add_format({"num_format": "#,##0"})
        self.plain = self.wb.add_format({"num_format": "0"})
        self.dec = self.wb.add_format({"num_format": "#,##0.00####"})
        self.pct = self.wb.add_format({"num_format": "0.0%"})
        self.signed = self.wb.add_format({"num_format": "+#,##0;-#,##0;0"})
        self.signed_dec = self.wb.add_format({"num_format": "+#,##0.00####;-#,##0.00####;0"})
        self.note = self.wb.add_format({"italic": True, "font_color": "#7F6000"})
        self.flag = self.wb.add_format({"num_format": "#,##0.00####", "bg_color": "#FFF2CC"})

    def text(self, ws: Worksheet, r: int, c: int, value: Any, fmt: Any = None) -> None:
        if value is None:
            return
        s = value if isinstance(value, str) else str(value)
        ws.write_string(r, c, s[:MAX_TEXT], fmt)

    def num(self, ws: Worksheet, r: int, c: int, value: Any, fmt: Any = None, signed: bool = False) -> None:
        if value is None:
            return
        if fmt is None:
            integral = isinstance(value, int)
            fmt = (self.signed if integral else self.signed_dec) if signed else (self.int if integral else self.dec)
        ws.write_number(r, c, float(value) if isinstance(value, Decimal) else value, fmt)

    def cell(self, ws: Worksheet, r: int, c: int, value: Any, plain: bool = False) -> None:
        """A value of a listing: numbers as numbers (a year plain), anything else as text."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if plain and isinstance(value, int):
            self.num(ws, r, c, value, self.plain)
        elif isinstance(value, bool):
            self.text(ws, r, c, "✓" if value else "✗")
        elif isinstance(value, int | float | Decimal):
            self.num(ws, r, c, value)
        elif isinstance(value, list | tuple):
            self.text(ws, r, c, "、".join(str(v) for v in value))
        elif isinstance(value, datetime):
            self.text(ws, r, c, value.isoformat(sep=" ", timespec="seconds"))
        else:
            self.text(ws, r, c, value)

    def headers(self, ws: Worksheet, r: int, names: Sequence[str], first_col: int = 0) -> None:
        for i, name in enumerate(names):
            ws.write_string(r, first_col + i, name, self.header)

    def listing(self, name: str, columns: Sequence[tuple[str, str]], rows: list[dict[str, Any]],
                truncated: bool, widths: dict[str, int] | None = None) -> Worksheet:
        """A sheet of one header and one line per row; `columns`: (row key, header)."""
        ws = self.wb.add_worksheet(name)
        self.headers(ws, 0, [h for _, h in columns])
        for r, row in enumerate(rows, start=1):
            for c, (key, _) in enumerate(columns):
                self.cell(ws, r, c, row.get(key), plain=key == "year")
        if truncated:
            self.text(ws, len(rows) + 1, 0, word("summary", "truncated").format(shown=len(rows)), self.note)
        ws.freeze_panes(1, 0)
        if rows:
            ws.autofilter(0, 0, len(rows), len(columns) - 1)
        for c, (key, _) in enumerate(columns):
            ws.set_column(c, c, (widths or {}).get(key, 12))
        return ws


def _year_header(years: list[int]) -> list[str]:
    out: list[str] = []
    for i, y in enumerate(years):
        out.append(str(y))
        if i:
            out += [f"{y} {_w('change')}", f"{y} {_w('change_pct')}"]
    return out


def _year_values(book: _Book, ws: Worksheet, r: int, c: int, years: list[int], values: dict[int, Any],
                 share: bool = False, notes: dict[int, str] | None = None) -> None:
    """Each year's value, and after every year but the first its change and percentage."""
    previous = None
    for i, y in enumerate(years):
        v = values.get(y)
        if share:
            if v is not None:
                book.num(ws, r, c, v, book.pct)
        elif notes and y in notes:
            book.num(ws, r, c, v, book.flag)
            ws.write_comment(r, c, notes[y], {"x_scale": 2})
        else:
            book.num(ws, r, c, v)
        c += 1
        if i:
            if share:
                diff = v - previous if v is not None and previous is not None else None
                book.num(ws, r, c, diff, book.pct)
            else:
                diff, pct = change(v, previous)
                book.num(ws, r, c, diff, signed=True)
                book.num(ws, r, c + 1, pct, book.pct)
            c += 2
        previous = v


def _summary(book: _Book, data: ReportData, generated: datetime) -> None:
    ws = book.wb.add_worksheet(word("sheet", "summary"))
    ws.set_column(0, 0, 34)
    ws.set_column(1, 40, 12)
    scope = data.scope
    r = 0
    book.text(ws, r, 0, word("summary", "heading"), book.title)
    r += 2
    years = f"{data.years[0]}–{data.years[-1]}" if data.years else ""
    run = data.check_run or {}
    facts = [
        ("scope", scope.name or word("scope_all")),
        ("years", years),
        ("warehouse", str(data.warehouse)),
        ("generated", generated.isoformat(sep=" ", timespec="seconds")),
        ("check_run", (f"{run['run_id']} ({run['checked_at']:%Y-%m-%d %H:%M})" if run.get("run_id")
                       else word("summary", "not_checked"))),
    ]
    for key, value in facts:
        book.text(ws, r, 0, word("summary", key), book.bold)
        book.text(ws, r, 1, value)
        r += 1
    if not data.years:
        book.text(ws, r + 1, 0, word("summary", "no_reports"), book.note)
        return
    r += 1
    book.text(ws, r, 0, word("summary", "coverage"), book.bold)
    r += 1
    book.headers(ws, r, ["", *_year_header(data.years)])
    r += 1
    per_year = {y["year"]: y for y in data.year_reports}
    for key in ("reports", "agencies", "missing", "passing", "failing", "unchecked"):
        book.text(ws, r, 0, _w(key))
        _year_values(book, ws, r, 1, data.years, {y: per_year[y][key] for y in data.years})
        r += 1
    for key in COVERAGE if data.coverage else ():
        book.text(ws, r, 0, word("coverage", key))
        _year_values(book, ws, r, 1, data.years, {y: data.coverage.get(y, {}).get(key, 0) for y in data.years})
        r += 1
    for rule in sorted({rule for rules in data.rules_by_year.values() for rule in rules}):
        book.text(ws, r, 0, rule_label(rule))
        _year_values(book, ws, r, 1, data.years, {y: data.rules_by_year.get(y, {}).get(rule, 0) for y in data.years})
        r += 1
    r += 1
    book.text(ws, r, 0, word("summary", "key_figures"), book.bold)
    r += 1
    book.headers(ws, r, ["", *_year_header(data.years)])
    r += 1
    figures: list[Figure] = key_figures(data)
    for f in figures:
        book.text(ws, r, 0, f.label)
        _year_values(book, ws, r, 1, data.years, f.by_year, share=f.share)
        r += 1
    notes = ([word("summary", "sum_note")] if scope.agency_id is None else []) + data.notes()
    if notes:
        book.text(ws, r + 1, 0, word("summary", "notes"), book.bold)
        for i, note in enumerate(notes, start=r + 2):
            book.text(ws, i, 0, note, book.note)


def _table_sheet(book: _Book, data: ReportData, table: str) -> None:
    ws = book.wb.add_worksheet(word("sheet", table))
    book.text(ws, 0, 0, f"{table_label(table)} · {data.scope.name or word('scope_all')}", book.title)
    unit = table == "active"
    head = [_w("row"), _w("col"), *([_w("unit")] if unit else [])]
    first = len(head)
    book.headers(ws, 2, [*head, *_year_header(data.years)])
    book.text(ws, 3, 0, _w("reports"), book.bold)
    _year_values(book, ws, 3, first, data.years, table_reports(data, table))
    reports = table_reports(data, table)
    r = 4
    for line in table_lines(data, table):
        book.text(ws, r, 0, line.row_label)
        book.text(ws, r, 1, line.col_label)
        if unit:
            book.text(ws, r, 2, "" if line.unit == "count" else line.unit)
        notes: dict[int, str] = {}
        for y, cell in line.by_year.items():
            parts = []
            if cell.printed < reports.get(y, 0):
                parts.append(f"{word('summary', 'partial_note')}（{cell.printed}/{reports[y]}）")
            if cell.read < cell.printed:
                parts.append(f"{cell.printed - cell.read} {word('summary', 'unread_note')}")
            if parts:
                notes[y] = "；".join(parts)
        _year_values(book, ws, r, first, data.years, {y: line.value(y) for y in data.years}, notes=notes)
        r += 1
    ws.freeze_panes(3, first)
    ws.autofilter(2, 0, max(r - 1, 3), first + len(_year_header(data.years)) - 1)
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 24)
    ws.set_column(first, first + 3 * len(data.years), 11)


def _labelled(data: ReportData) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    printed = {(c["report_id"], c["table_name"], c["row_code"], c["col_code"]): c for c in data.provenance}
    checks = [{**c, "rule_text": rule_label(c["rule"]), "check": check_label(c["check_name"]),
               "printed_cells": check_cells(c, printed),
               "difference": (c["observed"] - c["expected"]
                              if c["observed"] is not None and c["expected"] is not None else None),
               "status": word("status", c["status"]) if c["status"] in word("status") else c["status"],
               "adjudication": (word("status", c["adjudication"]) if c["adjudication"] in word("status")
                                else c["adjudication"])}
              for c in data.checks]
    issues = [{**i, "severity": word("severity", i["severity"]) if i["severity"] in word("severity")
               else i["severity"]} for i in data.issues]
    cells = [{**c, "table": table_label(c["table_name"]) if c["table_name"] in spec.TABLES else c["table_name"],
              "row": row_label(c["table_name"], c["row_code"]), "col": col_label(c["table_name"], c["col_code"]),
              "unit": "" if c["unit"] == "count" else c["unit"]}
             for c in in_printed_order(data.provenance)]
    return checks, issues, cells


def write_workbook(data: ReportData, path: Path, generated: datetime) -> Path:
    book = _Book(path)
    _summary(book, data, generated)
    for table in spec.TABLES:
        _table_sheet(book, data, table)
    checks, issues, cells = _labelled(data)
    region = [("province", _w("province")), ("city", _w("city")), ("county", _w("county"))]
    book.listing(word("sheet", "checks"), [
        ("agency", _w("agency")), *region, ("year", _w("year")), ("rule_text", _w("rule")),
        ("check", _w("check")), ("printed_cells", _w("printed_cells")), ("observed", _w("observed")),
        ("expected", _w("expected")), ("difference", _w("difference")), ("status", _w("check_status")),
        ("suggestion", _w("suggestion")), ("adjudication", _w("adjudication")),
        ("adjudication_reason", _w("adjudication_reason")), ("cells", _w("cells")), ("check_name", _w("check")),
        ("report_id", _w("report_id")), ("source_path", _w("file")),
    ], checks, data.truncated.get("checks", False),
        {"agency": 28, "rule_text": 40, "check": 30, "printed_cells": 60, "cells": 50, "suggestion": 50,
         "source_path": 30})
    book.listing(word("sheet", "issues"), [
        ("agency", _w("agency")), ("year", _w("year")), ("code", _w("issue_code")),
        ("severity", _w("severity")), ("location", _w("location")), ("message", _w("message")),
        ("report_id", _w("report_id")), ("source_path", _w("file")),
    ], issues, data.truncated.get("issues", False), {"agency": 28, "message": 60, "source_path": 30})
    book.listing(word("sheet", "reports"), [
        ("agency", _w("agency")), *region, ("year", _w("year")), ("template", _w("template")),
        ("status", _w("status")),
        *((code, total_label(code)) for code in ("new", "total_handled", "granted", "partial")),
        *((f"{g}_all", outcome_group_label(g)) for g in ("denied", "unable", "rejected", "other")),
        ("carried_forward", row_label("applications", "carried_forward")),
        *((f"{g}_total", f"{row_label('review_litigation', g)} · {col_label('review_litigation', 'total')}")
          for g in spec.REVIEW_GROUPS),
        ("rules_broken", _w("rules_broken")), ("suggestion", _w("suggestion")), ("title", _w("title")),
        ("source_path", _w("file")), ("report_id", _w("report_id")),
    ], data.reports, data.truncated.get("reports", False),
        {"agency": 28, "suggestion": 50, "title": 40, "source_path": 30})
    book.listing(word("sheet", "provenance"), [
        ("agency", _w("agency")), ("year", _w("year")), ("template", _w("template")), ("table", _w("table")),
        ("row", _w("row")), ("col", _w("col")), ("value", _w("value")), ("unit", _w("unit")),
        ("raw_text", _w("printed")), ("source_location", _w("location")), ("source_path", _w("file")),
        ("report_id", _w("report_id")),
    ], cells, data.truncated.get("provenance", False),
        {"agency": 28, "table": 24, "row": 36, "col": 20, "source_location": 30, "source_path": 30})
    book.wb.close()
    return path
