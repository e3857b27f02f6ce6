"""The warehouse tables and their GX checks: one step loads every staged partition into a new
DuckDB file, validates it and publishes it — `pipelines.flow.load_and_publish`, the same sequence
and publishing rule as `xxgk build`. A run that changes nothing publishes nothing: its tables are
then not materialised again, and an observation on dim_report says what the run saw.
"""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dagster as dg

from pipelines.defs.metadata import markdown_table, query_markdown, row_counts
from pipelines.defs.parsed import parsed_reports
from pipelines.defs.resources import XxgkPaths
from pipelines.flow.build import load_and_publish
from pipelines.quality import failures_markdown
from pipelines.quality.suites import SUITES
from pipelines.quality.validate import ValidationSummary
from pipelines.warehouse.load import LoadSummary, connect
from pipelines.warehouse.partitions import partition_dirs
from pipelines.warehouse.roster import coverage_markdown

# a run waits this long for another build of the warehouse (the sensor's, the nightly one, `xxgk build`)
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

def _specs() -> list[dg.AssetSpec]:
    # built by a function: a module-level list of specs would be loaded as assets of its own
    return [dg.AssetSpec(name, description=text, deps=[parsed_reports], group_name="xxgk", kinds={"duckdb"})
            for name, text in TABLES.items()]


def _checks() -> list[dg.AssetCheckSpec]:
    return [dg.AssetCheckSpec("gx_suite", asset=suite, description=f"The GX suite {suite} (expectations/gx/) "
                              "passes: no report breaks one of its rules, and every expectation could run.")
            for suite in SUITES]


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
            "failures": dg.MetadataValue.md(failures_markdown(v.failures, suite=suite)),
            "errors": dg.MetadataValue.text("\n".join(s.errors) or "none"),
            "validation_run": v.run_id,
        },
    )


def coverage(warehouse: Path) -> str:
    """Who published, per reporting year (`roster.coverage_markdown`), from the published file."""
    con = connect(warehouse, read_only=True)
    try:
        return coverage_markdown(con)
    finally:
        con.close()


def _load_metadata(load: LoadSummary, published: Path) -> dict[str, Any]:
    return {
        "warehouse": dg.MetadataValue.path(str(published)),
        "files_seen": load.files_seen, "reports_new": load.reports_new,
        "reports_unchanged": load.reports_unchanged, "duplicates": load.duplicates,
        "quarantined_new": load.quarantined_new, "superseded": load.superseded,
        "files_skipped": load.files_skipped,
    }


# can_subset: every output is optional, so a build that publishes nothing yields nothing; a run
# selecting some tables builds the whole file all the same (one file holds them all) and reports those
@dg.multi_asset(specs=_specs(), check_specs=_checks(), name="warehouse", can_subset=True)
def warehouse(context: dg.AssetExecutionContext, xxgk: XxgkPaths) -> Iterator[dg.MaterializeResult |
                                                                                 dg.AssetCheckResult]:
    result = load_and_publish(partition_dirs(xxgk.staging), xxgk.warehouse, docs_dir=xxgk.docs,
                              run_id=context.run.run_id, lock_wait=LOCK_WAIT_SECONDS, log=context.log.info,
                              raw_dir=xxgk.raw, roster_csv=xxgk.roster)
    load_metadata = _load_metadata(result.load, result.warehouse)
    if not result.published:
        context.log.info(f"not published: {result.reason}")
        context.log_event(dg.AssetObservation(asset_key="dim_report", metadata={
            **load_metadata, "published": False, "reason": result.reason}))
        return
    validation = result.validation
    assert validation is not None  # the job always validates
    context.log.info(validation.text())
    counts = row_counts(result.warehouse, list(TABLES))
    previews = {t: query_markdown(result.warehouse, names) for t, names in PREVIEWS.items()}
    extra = {
        "dim_report": {**load_metadata, "published": True, "reason": result.reason,
                       "coverage": dg.MetadataValue.md(coverage(result.warehouse))},
        "check_result": {
            "rule_pass_rates": dg.MetadataValue.md(_rule_pass_rates(validation)),
            "reports_checked": validation.reports, "reports_passing": validation.reports_passing,
            "validation_run": validation.run_id,
            **({"data_docs": dg.MetadataValue.path(validation.docs_index)} if validation.docs_index else {}),
        },
    }
    selected = {key.to_user_string() for key in context.selected_asset_keys}
    for table in TABLES:
        if table in selected:
            yield dg.MaterializeResult(asset_key=table, metadata={
                "dagster/row_count": counts[table], **previews.get(table, {}), **extra.get(table, {})})
    checked = {key.asset_key.to_user_string() for key in context.selected_asset_check_keys}
    for suite in SUITES:
        if suite in checked:
            yield _check(suite, validation)
