"""The warehouse tables and their GX checks: one step loads every staged partition into a new
DuckDB file, validates it, and publishes it by atomic swap.

The published file is never opened read-write (DuckDB admits one writer or many readers across
processes, never both), so an analyst's open read-only session never blocks a run and never sees
a half-built file. Validation runs on the new file before it is published, so what analysts see
always carries the check results of its own data.
"""

import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import dagster as dg

from pipelines.assets.metadata import markdown_table, query_markdown, row_counts
from pipelines.assets.parsed import parsed_reports
from pipelines.assets.resources import XxgkPaths
from pipelines.assets.staging import merge_for_load
from pipelines.quality.suites import SUITES
from pipelines.quality.validate import ValidationSummary, validate_warehouse
from pipelines.warehouse.build import BuildError, build_lock
from pipelines.warehouse.load import LoadSummary, load_staged
from pipelines.warehouse.publish import publish

LOCK_WAIT_SECONDS = 900

# warehouse table -> what it holds (sql/ddl/ says it in full)
TABLES = {
    "dim_agency": "Agencies that publish reports.",
    "dim_report": "One row per report version: agency, year, template, status, provenance.",
    "fact_active_disclosure": "Table 1 (active disclosure) as long rows.",
    "fact_application": "Table 2 (applications and how they were handled) as long rows.",
    "fact_review_litigation": "Table 3 (administrative review and litigation) as long rows.",
    "parse_issue": "What the parser found doubtful or broken, per report.",
    "quarantine": "Files kept out of the facts, and why.",
    "ingest_run": "One row per build: files seen, new, unchanged, duplicates.",
    "check_result": "The GX validation of the warehouse: one row per expectation and per failing equation.",
}

# which analyst query (sql/queries/) previews which table
PREVIEWS = {
    "dim_report": ("reports_by_status",),
    "parse_issue": ("issues_by_code", "rules_broken"),
    "fact_application": ("applications_yoy_national",),
}

SPECS = [
    dg.AssetSpec(name, description=text, deps=[parsed_reports], group_name="xxgk", kinds={"duckdb"})
    for name, text in TABLES.items()
]
CHECKS = [
    dg.AssetCheckSpec("gx_suite", asset=suite, description=f"The GX suite {suite} (expectations/gx/) "
                      "passes: no report breaks one of its rules, and every expectation could run.")
    for suite in SUITES
]


def _lock(stack: ExitStack, warehouse: Path, log: dg.DagsterLogManager) -> None:
    """Wait for the build lock (the nightly run, the sensor's and `xxgk build` take turns)."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            stack.enter_context(build_lock(warehouse))
            return
        except BuildError as exc:
            if time.monotonic() > deadline:
                raise
            log.info(f"waiting: {exc}")
            time.sleep(2)


def _rule_pass_rates(v: ValidationSummary) -> str:
    breaking = Counter(r for broken in v.broken.values() for r in broken)
    rows: list[tuple] = [(r, n, f"{100 * (1 - n / v.reports):.1f}%") for r, n in sorted(breaking.items())]
    rows.append(("every rule", v.reports - v.reports_passing,
                 f"{100 * v.reports_passing / v.reports:.1f}%" if v.reports else "n/a"))
    return markdown_table(["rule", "reports breaking it", "pass rate"], rows)


def _check(suite: str, v: ValidationSummary) -> dg.AssetCheckResult:
    s = next(x for x in v.suites if x.suite == suite)
    return dg.AssetCheckResult(
        asset_key=suite, check_name="gx_suite", passed=s.failed == 0,
        # a report that breaks a rule is data to look at (WARN); a check that cannot run is an ERROR
        severity=dg.AssetCheckSeverity.ERROR if s.errors else dg.AssetCheckSeverity.WARN,
        metadata={
            "expectations": s.evaluated,
            "expectations_failed": s.failed,
            "failing_reports": len(s.failing_report_ids),
            "failing_report_ids": dg.MetadataValue.md(
                markdown_table(["report_id", "rules broken"],
                               [(r, ", ".join(v.broken.get(r, []))) for r in s.failing_report_ids], limit=50)),
            "errors": dg.MetadataValue.text("\n".join(s.errors) or "none"),
            "validation_run": v.run_id,
        },
    )


def _load_metadata(load: LoadSummary, published: Path) -> dict[str, Any]:
    return {
        "warehouse": dg.MetadataValue.path(str(published)),
        "files_seen": load.files_seen, "reports_new": load.reports_new,
        "reports_unchanged": load.reports_unchanged, "duplicates": load.duplicates,
        "quarantined_new": load.quarantined_new, "superseded": load.superseded,
    }


@dg.multi_asset(specs=SPECS, check_specs=CHECKS, name="warehouse", can_subset=False)
def warehouse(context: dg.AssetExecutionContext, xxgk: XxgkPaths) -> Iterator[dg.MaterializeResult |
                                                                                 dg.AssetCheckResult]:
    target = xxgk.warehouse.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    new_path = target.with_name(f".{target.name}.new-{os.getpid()}")
    with ExitStack() as stack:
        _lock(stack, target, context.log)
        for stale in target.parent.glob(f".{target.name}.new-*"):
            stale.unlink()  # left by a build that crashed; we hold the lock, so nobody else's
        try:
            with tempfile.TemporaryDirectory(prefix=".load-", dir=target.parent) as merged:
                merge_for_load(xxgk.staging, Path(merged))
                load = load_staged(merged, new_path, base=target)
            validation = validate_warehouse(new_path, docs_dir=xxgk.docs, run_id=context.run.run_id)
            counts = row_counts(new_path, list(TABLES))
            previews = {t: query_markdown(new_path, names) for t, names in PREVIEWS.items()}
            publish(new_path, target)
        finally:
            for leftover in (new_path, new_path.with_name(new_path.name + ".wal")):
                leftover.unlink(missing_ok=True)
    context.log.info(validation.text())
    extra = {
        "dim_report": _load_metadata(load, target),
        "check_result": {
            "rule_pass_rates": dg.MetadataValue.md(_rule_pass_rates(validation)),
            "reports_checked": validation.reports, "reports_passing": validation.reports_passing,
            "validation_run": validation.run_id,
            **({"data_docs": dg.MetadataValue.path(validation.docs_index)} if validation.docs_index else {}),
        },
    }
    for table in TABLES:
        yield dg.MaterializeResult(asset_key=table, metadata={
            "dagster/row_count": counts[table], **previews.get(table, {}), **extra.get(table, {})})
    for suite in SUITES:
        yield _check(suite, validation)
