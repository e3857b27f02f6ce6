"""Validate a warehouse with the GX suites: `validate_warehouse(db_path) -> ValidationSummary`.

The checks are computed in SQL (`sql/checks/`) as counts per report — per rule, the equations that
hold vs the equations there are; per table, the count cells that are non-negative integers, the
cells with a known code, the cells of the template found — read into one pandas frame per table
(one row per report, so memory grows with reports, not cells) and validated by GX's pandas
datasource (GX's SQL datasource cannot run on DuckDB). GX names the failing reports (COMPLETE
result format, `unexpected_index_column_names`); their failing equations come with the frame and
their failing cells are read from SQL for those reports only. The results are written to the
warehouse's `check_result` table — with the analyst's adjudications and a suggested correction per
broken report — and, when asked, as GX Data Docs. Nothing is dropped or changed in the facts.

Validation writes into the database file it is given: the build calls it on the new file before
publishing it (pipelines/warehouse/publish.py swaps files atomically). To re-check a warehouse
that is already published, `validate_published` checks a copy and swaps it in the same way.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipelines import spec
from pipelines.quality import adjudications as adj
from pipelines.quality import checks, failures, rules, suggest
from pipelines.quality.suites import SUITES, fact_checks, load_suites

SUM_RULES = ("rule1", "rule2", "rule3", "rule4", "rule6")
# The check SQL's working memory: at 600 000 reports the check rows' query spills a quarter of a GB
# past it; the limit stays under the pipeline's peak (the load's).
DUCKDB_MEMORY_LIMIT = "1536MB"
RESULT_COLUMNS = (
    "run_id", "checked_at", "suite", "expectation", "expectation_type", "rule", "report_id", "check_name",
    "cells", "observed", "expected", "status", "element_count", "suggestion", "adjudication",
    "adjudication_reason", "message",
)


@dataclass
class SuiteSummary:
    suite: str
    evaluated: int = 0  # expectations run
    failed: int = 0  # expectations with a failure that is not dismissed, or that could not run
    failing_report_ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class ValidationSummary:
    run_id: str
    db_path: str
    reports: int  # current, not quarantined reports checked
    reports_passing: int  # of those, how many break no rule (dismissed failures aside)
    suites: list[SuiteSummary]
    broken: dict[str, list[str]]  # report_id -> rules it breaks (failed or confirmed)
    suggestions: dict[str, str]  # report_id -> proposed correction
    unused_adjudications: list[adj.Adjudication]
    docs_index: str | None
    seconds: float
    failures: list[failures.Failure] = field(default_factory=list)  # per (report, rule), worst first
    names: dict[str, str] = field(default_factory=dict)  # report_id -> "agency year"

    @property
    def success(self) -> bool:
        return all(s.failed == 0 for s in self.suites)

    def listing(self) -> str:
        """Every report's failure of a rule, one a line: agency, year, region, the rule in words,
        what fails, the cells as printed and where, and the fix or why none is proposed."""
        return "\n".join(f.line() for f in self.failures)

    def name(self, report_id: str) -> str:
        return self.names.get(report_id, report_id)

    def text(self) -> str:
        lines = [f"validation {self.run_id} of {self.db_path}: {self.reports_passing} of {self.reports} "
                 f"reports pass every rule ({self.seconds:.1f} s)"]
        for s in self.suites:
            ids = ", ".join(self.name(r) for r in s.failing_report_ids[:5]) + (
                f" … ({len(s.failing_report_ids)} in all)" if len(s.failing_report_ids) > 5 else "")
            lines.append(f"  {s.suite}: {s.evaluated} expectations, {s.failed} failed"
                         + (f"; reports {ids}" if ids else "") + "".join(f"\n    error: {e}" for e in s.errors))
        if self.unused_adjudications:
            names = sorted({f"{a.sha256[:12] if a.sha256 else f'{a.agency} {a.year}'} {a.rule}"
                            for a in self.unused_adjudications})
            lines.append(f"  {len(names)} adjudication(s) match no failure here: {', '.join(names[:5])}"
                         + (" …" if len(names) > 5 else ""))
        if self.docs_index:
            lines.append(f"  Data Docs: {self.docs_index}")
            lines.append(f"  failing reports by name: {Path(self.docs_index).with_name('failures.html')}")
        return "\n".join(lines)


def prepare() -> None:
    """Import GX (seconds of one core, whatever the warehouse's size): a build calls this in a
    thread of its own while its workers parse, so that validating does not start with it."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations  # noqa: F401


def _context(docs_dir: Path | None) -> Any:
    """An in-memory GX context (the committed project stays untouched), with Data Docs at docs_dir."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx  # lazily: importing GX costs seconds
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    sites = {}
    if docs_dir is not None:
        sites["warehouse"] = {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        data_docs_sites=sites,
        progress_bars=ProgressBarsConfig(globally=False),
        analytics_enabled=False,
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _frames(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    checks.materialise(con)
    return {
        suite: checks.fact_frame(con, table, [c.key for c in fact_checks(table)]) if table
        else checks.dim_frame(con, suite)
        for suite, (table, _) in SUITES.items()
    }


def _run_suites(ctx: Any, suites: dict[str, dict[str, Any]], frames: dict[str, pd.DataFrame],
                run_name: str) -> dict[str, Any]:
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier

    source = ctx.data_sources.add_pandas("warehouse")
    run_id = RunIdentifier(run_name=run_name, run_time=dt.datetime.now(dt.UTC))
    results = {}
    for name, (_, index_columns) in SUITES.items():
        suite = ctx.suites.add(gx.ExpectationSuite(**suites[name]))
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("whole table")
        vd = ctx.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
        results[name] = vd.run(
            batch_parameters={"dataframe": frames[name]},
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": list(index_columns)},
            run_id=run_id,
        )
    return results


def _exception_messages(info: dict[str, Any] | None) -> list[str]:
    """GX reports an exception flat, or per metric (metric id -> {raised_exception, …})."""
    if not info:
        return []
    parts = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    return sorted({str(p.get("exception_message")) for p in parts if p.get("raised_exception")})


def _result_rows(con: duckdb.DuckDBPyConnection, name: str, result: Any,
                 frame: pd.DataFrame) -> list[dict[str, Any]]:
    """One summary row per expectation and one row per failing equation, cell or code.

    A fact suite flags reports (its frame has a row per report); what each flagged report fails —
    its equations or cells, with their two sides — is read from SQL for those reports only.
    """
    table = SUITES[name][0]
    rows = []
    for r in result.results:
        cfg = r.expectation_config
        base = {"suite": name, "expectation": cfg.meta.get("name", cfg.type), "expectation_type": cfg.type,
                "rule": cfg.meta.get("rule", "structure")}
        errors = _exception_messages(r.exception_info)
        if errors:
            rows.append({**base, "status": "error", "check_name": None, "message": "; ".join(errors)[:2000]})
            continue
        res = r.result or {}
        unexpected = res.get("unexpected_index_list") or []
        rows.append({**base, "status": "passed" if r.success else "failed", "observed": float(len(unexpected)),
                     "expected": 0.0, "element_count": res.get("element_count")})
        key = cfg.meta.get("check")
        if table and key:
            rows += _failure_rows(con, base, table, key, [str(u["report_id"]) for u in unexpected], frame)
            continue
        for u in unexpected:
            rid = u.get("report_id")
            what = ", ".join(f"{k}={v}" for k, v in u.items() if k != "report_id")
            rows.append({**base, "status": "failed", "report_id": None if rid is None else str(rid),
                         "check_name": what or None})
    return rows


def _failure_rows(con: duckdb.DuckDBPyConnection, base: dict[str, Any], table: str, key: str,
                  report_ids: list[str], frame: pd.DataFrame) -> list[dict[str, Any]]:
    rows = [{**base, "status": "failed", "report_id": rid, "check_name": check_name,
             "observed": _number(obs), "expected": _number(exp)}
            for rid, check_name, obs, exp in checks.failure_details(con, table, key, report_ids)]
    # a report flagged with nothing to show for it is still listed, with the counts GX compared
    for rid in sorted(set(report_ids) - {r["report_id"] for r in rows}):
        counts = frame.loc[frame["report_id"] == rid].iloc[0]
        rows.append({**base, "status": "failed", "report_id": rid, "check_name": key,
                     "observed": _number(counts[f"{key}_observed"]),
                     "expected": _number(counts[f"{key}_expected"])})
    return rows


def _number(x: Any) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def _suggestions(con: duckdb.DuckDBPyConnection, report_rows: pd.DataFrame,
                 rows: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, str]]:
    """Per report that breaks a sum rule: the smallest correction, or why none is proposed."""
    broken = sorted({r["report_id"] for r in rows
                     if r.get("report_id") and r["status"] == "failed" and r["rule"] in SUM_RULES})
    cells = checks.report_cells(con, broken)
    continuity = checks.continuity_terms(con, broken)
    templates = _templates(report_rows, set(broken))
    forms = checks.report_forms(con, broken)
    doubted = checks.doubted_cells(con, broken, suggest.OCR_DOUBT)
    out, why = {}, {}
    for rid in broken:
        if templates.get(rid) not in spec.TEMPLATES:
            why[rid] = "the report's template is not known, so its sums cannot be set up"
            continue
        eqs = rules.report_equations(templates[rid], continuity.get(rid), forms.get(rid))
        fix, reason = suggest.advise(eqs, cells[rid], doubted.get(rid, frozenset()))
        if fix:
            out[rid] = fix.text()
        else:
            why[rid] = reason or ""
    return out, why


def _explain(rows: list[dict[str, Any]], fixes: dict[str, str], why: dict[str, str]) -> None:
    """Each failing row gets the report's correction, or says why there is none (`message`)."""
    _, this_year, last_year = spec.CONTINUITY
    for row in rows:
        if row["status"] != "failed" or not row.get("report_id"):
            continue
        rid = row["report_id"]
        if row["rule"] in SUM_RULES:
            if rid in fixes:
                row["suggestion"] = fixes[rid]
            else:
                reason = why.get(rid) or "no correction of the report's cells was found"
                if row["rule"] == "rule6":
                    reason += (f"; the break may also be the previous year's report, whose {last_year} "
                               f"this year's {this_year} must equal")
                row["message"] = reason
        else:
            row["message"] = failures.advice(row)


def _templates(report_rows: pd.DataFrame, report_ids: set[str]) -> dict[str, str]:
    """report id -> template, for some reports (a dict of every report costs more than the lookups)."""
    some = report_rows[report_rows["report_id"].isin(report_ids)]
    return dict(zip(some["report_id"].astype(str), some["template"], strict=True))


def _name_cells(rows: list[dict[str, Any]], report_rows: pd.DataFrame, forms: dict[str, dict[str, str]]) -> None:
    """Write out the cells each failing equation or cell check reads (in the form each table was printed in)."""
    templates = _templates(report_rows, {r["report_id"] for r in rows if r.get("report_id")})
    keys = {rid: (t, tuple(sorted(forms.get(rid, {}).items()))) for rid, t in templates.items() if t in spec.TEMPLATES}
    written = {k: rules.equation_cells(k[0], dict(k[1])) for k in set(keys.values())}
    for row in rows:
        rid, name = row.get("report_id"), row.get("check_name")
        if rid is None or name is None or row["suite"].startswith("dim_"):
            continue
        if row["rule"] == "rule5":
            row["cells"] = name
        elif rid in keys:
            row["cells"] = written[keys[rid]].get((row["rule"], name))


def _adjudicate(rows: list[dict[str, Any]], report_rows: pd.DataFrame,
                decisions: list[adj.Adjudication]) -> list[adj.Adjudication]:
    """Mark failures an analyst decided on; return the decisions that matched nothing."""
    if not decisions:
        return []
    failing = {row["report_id"] for row in rows if row["status"] == "failed" and row.get("report_id")}
    meta = {str(r.report_id): r for r in report_rows[report_rows["report_id"].isin(failing)].itertuples()}
    used = set()
    for row in rows:
        rid = row.get("report_id")
        if row["status"] != "failed" or rid is None or rid not in meta:
            continue
        m = meta[rid]
        a = adj.decide(decisions, m.sha256, m.agency, None if pd.isna(m.year) else int(m.year), row["rule"])
        if a:
            used.add(a)
            row.update(status=a.decision, adjudication=a.decision, adjudication_reason=a.reason)
    return [a for a in decisions if a not in used]


def _write(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    df = pd.DataFrame([{c: r.get(c) for c in RESULT_COLUMNS} for r in rows], columns=list(RESULT_COLUMNS))
    df = df.astype({"observed": "float64", "expected": "float64", "element_count": "Int64"})
    con.execute("BEGIN")
    con.execute("DELETE FROM check_result")
    con.register("new_check_result", df)
    con.execute(f"INSERT INTO check_result ({', '.join(RESULT_COLUMNS)}) "
                f"SELECT {', '.join(RESULT_COLUMNS)} FROM new_check_result")
    con.unregister("new_check_result")
    con.execute("COMMIT")


def validate_warehouse(
    db_path: str | Path,
    *,
    docs_dir: str | Path | None = None,
    run_id: str | None = None,
    adjudications_path: str | Path | None = adj.ADJUDICATIONS_CSV,
    suites_dir: str | Path | None = None,
) -> ValidationSummary:
    """Run every suite on the warehouse at db_path; write `check_result` there, and Data Docs to docs_dir."""
    started = time.perf_counter()
    run_id = run_id or f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    checked_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    decisions = adj.load(Path(adjudications_path) if adjudications_path else None)
    suites = load_suites(Path(suites_dir) if suites_dir else None)  # None: built from the spec
    con = duckdb.connect(str(db_path))
    try:
        # the check queries aggregate every cell: bounded, DuckDB spills to disk instead of growing
        con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
        checks.install(con)
        frames = _frames(con)
        report_rows = checks.reports(con)
        docs = Path(docs_dir).resolve() if docs_dir is not None else None
        ctx = _context(docs)
        results = _run_suites(ctx, suites, frames, run_id)
        rows = [row for name, res in results.items() for row in _result_rows(con, name, res, frames[name])]
        fixes, why = _suggestions(con, report_rows, rows)
        _explain(rows, fixes, why)
        _name_cells(rows, report_rows, checks.report_forms(con, sorted({r["report_id"] for r in rows
                                                                         if r.get("report_id")})))
        unused = _adjudicate(rows, report_rows, decisions)
        for row in rows:
            row.update(run_id=run_id, checked_at=checked_at)
        _write(con, rows)
        failing = failures.failures(con)
        names = _names(con, report_rows, {r["report_id"] for r in rows
                                          if r.get("report_id") and r["status"] in ("failed", "confirmed")})
    finally:
        con.close()
    docs_index = None
    if docs is not None:
        ctx.build_data_docs()
        from pipelines.quality.docs import finish

        finish(docs, failing, names)  # offline (vendored assets) and with names, not only report ids
        docs_index = str(docs / "index.html")
    summary = _summarise(run_id, str(db_path), report_rows, rows, fixes, unused, docs_index,
                         time.perf_counter() - started)
    summary.failures, summary.names = failing, names
    return summary


def _names(con: duckdb.DuckDBPyConnection, report_rows: pd.DataFrame, report_ids: set[str]) -> dict[str, str]:
    """report id -> "agency year" (the id itself where the report has no agency)."""
    some = report_rows[report_rows["report_id"].isin(report_ids)]
    out = {}
    for r in some.itertuples():
        year = "" if pd.isna(r.year) else f" {int(r.year)}"
        out[str(r.report_id)] = f"{r.agency}{year}" if isinstance(r.agency, str) and r.agency else str(r.report_id)
    return out


def _summarise(run_id: str, db_path: str, report_rows: pd.DataFrame, rows: list[dict[str, Any]],
               fixes: dict[str, str], unused: list[adj.Adjudication], docs_index: str | None,
               seconds: float) -> ValidationSummary:
    checked = set(report_rows["report_id"].astype(str).tolist())  # tolist: iterating an Arrow column is slow
    broken: dict[str, set[str]] = defaultdict(set)
    per_suite = {name: SuiteSummary(name) for name in SUITES}
    failed_expectations: dict[str, set[str]] = defaultdict(set)
    failing_reports: dict[str, set[str]] = defaultdict(set)  # a set: thousands of failing reports
    for row in rows:
        s = per_suite[row["suite"]]
        if row.get("check_name") is None and row.get("report_id") is None:
            s.evaluated += 1
            if row["status"] == "error":
                s.errors.append(f"{row['expectation']}: {row.get('message')}")
                failed_expectations[row["suite"]].add(row["expectation"])
            continue
        if row["status"] in ("failed", "confirmed"):
            failed_expectations[row["suite"]].add(row["expectation"])
            if row.get("report_id"):
                broken[row["report_id"]].add(row["rule"])
                failing_reports[row["suite"]].add(row["report_id"])
    for name, s in per_suite.items():
        s.failed = len(failed_expectations[name])
        s.failing_report_ids = sorted(failing_reports[name])
    return ValidationSummary(
        run_id=run_id, db_path=db_path, reports=len(checked),
        reports_passing=len(checked - set(broken)), suites=list(per_suite.values()),
        broken={k: sorted(v) for k, v in sorted(broken.items())},
        suggestions=fixes, unused_adjudications=unused, docs_index=docs_index, seconds=seconds,
    )


def validate_published(path: str | Path, **kwargs: Any) -> ValidationSummary:
    """Validate a published warehouse: check a copy, then publish the copy with its check_result.

    Readers of the published file are never disturbed (it is not opened read-write), and a build
    running at the same time is excluded by the warehouse's build lock.
    """
    from pipelines.warehouse.build import build_lock
    from pipelines.warehouse.publish import publish

    path = Path(path).resolve()
    with build_lock(path):
        copy = path.with_name(f".{path.name}.validate-{os.getpid()}")
        try:
            shutil.copyfile(path, copy)
            summary = validate_warehouse(copy, **kwargs)
            publish(copy, path)
        finally:
            copy.unlink(missing_ok=True)
    summary.db_path = str(path)
    return summary
