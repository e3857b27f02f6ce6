"""The self-contained HTML page: the headline numbers, the charts as inline SVG, the failing
checks named. Every text is escaped by the template engine (Jinja2, autoescape on); the charts'
SVG is the one thing put in as markup, and only after checking it can load nothing.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .charts import Chart, charts
from .data import COVERAGE, ReportData
from .tables import change, check_cells, key_figures
from .words import check_label, rule_label, word

# Failing checks listed on the page; the workbook lists them all.
PAGE_FAILURES = 500
# What an SVG made by vl-convert never holds and a page that must stay offline must not load.
_UNSAFE_SVG = re.compile(r"<script|<foreignObject|<iframe|\bon\w+\s*=|(?:href|src)\s*=\s*[\"'](?!#|data:)", re.I)


def _fmt(value: Any, share: bool = False, signed: bool = False) -> str:
    if value is None:
        return ""
    if share:
        return f"{value:+.1%}" if signed else f"{value:.1%}"
    if isinstance(value, Decimal):
        return f"{value:+,f}" if signed else f"{value:,f}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:+,}" if signed else f"{value:,}"


def _year_header(years: list[int]) -> list[str]:
    out: list[str] = []
    for i, y in enumerate(years):
        out.append(str(y))
        if i:
            out += [word("column", "change"), word("column", "change_pct")]
    return out


def _year_cells(years: list[int], values: dict[int, Any], share: bool) -> list[str]:
    out: list[str] = []
    previous = None
    for i, y in enumerate(years):
        v = values.get(y)
        out.append(_fmt(v, share))
        if i:
            if share:
                out += [_fmt(v - previous if v is not None and previous is not None else None, True, True), ""]
            else:
                diff, pct = change(v, previous)
                out += [_fmt(diff, signed=True), _fmt(pct, share=True, signed=True)]
        previous = v
    return out


def _safe_svg(chart: Chart) -> Markup:
    if _UNSAFE_SVG.search(chart.svg):
        raise ValueError(f"chart {chart.key}: the SVG holds a script, a handler or an outside link")
    return Markup(chart.svg)


def render_page(data: ReportData, workbook_name: str, generated: datetime) -> str:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(files("pipelines.report").joinpath("page.html.j2").read_text("utf-8"))
    run = data.check_run or {}
    scope = data.scope.name or word("scope_all")
    facts = [
        (word("summary", "scope"), scope),
        (word("summary", "years"), f"{data.years[0]}–{data.years[-1]}" if data.years else ""),
        (word("column", "reports"), str(data.n_reports)),
        (word("summary", "generated"), generated.isoformat(sep=" ", timespec="seconds")),
        (word("summary", "check_run"), run["run_id"] if run.get("run_id") else word("summary", "not_checked")),
    ]
    per_year = {y["year"]: y for y in data.year_reports}
    figure_rows = [{"label": word("column", key),
                    "cells": _year_cells(data.years, {y: per_year[y][key] for y in data.years}, False)}
                   for key in ("reports", "agencies", "missing", "passing", "failing", "unchecked")]
    figure_rows += [{"label": word("coverage", key),
                     "cells": _year_cells(data.years, {y: data.coverage.get(y, {}).get(key, 0) for y in data.years},
                                          False)}
                    for key in (COVERAGE if data.coverage else ())]
    figure_rows += [{"label": f.label, "cells": _year_cells(data.years, f.by_year, f.share)}
                    for f in key_figures(data)] if data.years else []
    printed = {(c["report_id"], c["table_name"], c["row_code"], c["col_code"]): c for c in data.provenance}
    failures = [
        (c["agency"], c["year"], rule_label(c["rule"]), check_label(c["check_name"]), check_cells(c, printed),
         c["observed"] if c["observed"] is None else _fmt(c["observed"]),
         c["expected"] if c["expected"] is None else _fmt(c["expected"]),
         word("status", c["status"]) if c["status"] in word("status") else c["status"],
         c["suggestion"])
        for c in data.checks[:PAGE_FAILURES]
    ]
    cut = ""
    if len(data.checks) > PAGE_FAILURES:
        cut = word("summary", "more_failures").format(shown=PAGE_FAILURES, total=len(data.checks))
    notes = ([word("summary", "sum_note")] if data.scope.agency_id is None and data.years else []) + data.region_notes()
    return template.render(
        heading=f"{word('summary', 'heading')} · {scope}",
        scope=scope,
        facts=facts,
        years=data.years,
        no_reports=word("summary", "no_reports"),
        key_figures_title=word("summary", "key_figures"),
        year_header=_year_header(data.years),
        figure_rows=figure_rows,
        notes=notes,
        charts=[{"key": c.key, "title": c.title, "svg": _safe_svg(c)} for c in (charts(data) if data.years else [])],
        failures_title=word("chart", "failures"),
        failure_header=[word("column", k) for k in ("agency", "year", "rule", "check", "printed_cells", "observed",
                                                    "expected", "check_status", "suggestion")],
        failures=failures,
        failures_cut=cut,
        no_failures=word("summary", "no_failures" if run.get("run_id") else "not_checked"),
        workbook_label=word("summary", "workbook"),
        workbook=workbook_name,
    )


def write_page(data: ReportData, path: Path, workbook_name: str, generated: datetime) -> Path:
    path.write_text(render_page(data, workbook_name, generated), encoding="utf-8")
    return path
