"""What the third-template test runs in a process that sees the made-up template
`tests/fixtures/templates/v2030.toml` (through `XXGK_TEMPLATE_DIRS`): each "half" takes a work
folder and returns a JSON-able dict of what it found, which `tests/test_third_template.py` checks.

    python tests/third_template.py HALF WORKDIR      # prints the half's findings as JSON

A half for another layer (the generator renders a report in v2030, the parser reads it back) is
one more function in HALVES.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

NEW = "v2030"


def _new_rows() -> tuple[str, ...]:
    """Table 3's rows the new template has and no other."""
    from pipelines import spec

    others = {r for t in spec.TEMPLATES if t != NEW for r in spec.APPLICATION_ROWS[t]}
    return tuple(r for r in spec.APPLICATION_ROWS[NEW] if r not in others)


def warehouse_half(workdir: Path) -> dict[str, Any]:
    """Reports of the new template go through the normal load path into a warehouse, and the
    checks (SQL views and the GX suites built from the spec) validate it."""
    import duckdb
    from report_warehouse import build, report_dict

    from pipelines import spec
    from pipelines.quality.suites import build_suites
    from pipelines.quality.validate import validate_warehouse
    from pipelines.warehouse.load import schema_fingerprint

    rng = random.Random(2030)
    first = spec.TEMPLATE_DATA[NEW].first_year
    reports, carried = [], None
    for year in range(first - 1, first + 2):  # the year before is the previous template's
        r = report_dict(rng, f"chain{year}", "合成县试点局", year, spec.template_by_year(year), carried)
        carried = {c: v for c, v in r["applications"][spec.CONTINUITY[2]].items() if c in spec.APPLICANT_PARTS}
        reports.append(r)
    new_rows = _new_rows()
    # a report of the new template whose new outcome row is one too many: rule 2 must catch it
    broken = report_dict(rng, "broken", "合成县错误局", first, NEW)
    broken["applications"][new_rows[0]][spec.APPLICANT_PARTS[0]] += 1
    reports.append(broken)
    db = build(reports, workdir / "third.duckdb")
    summary = validate_warehouse(db, adjudications_path=None)

    con = duckdb.connect(str(db), read_only=True)
    try:
        def rows(sql: str, params: list[Any] | None = None) -> list[list[Any]]:
            return [list(r) for r in con.execute(sql, params or []).fetchall()]

        ids = dict(rows("SELECT agency || '/' || year, report_id FROM dim_report"))
        return {
            "templates": list(spec.TEMPLATES),
            "schema_fingerprint": schema_fingerprint(),
            "new_rows": list(new_rows),
            "new_row_labels": {r: spec.APPLICATION_LABELS[r][0] for r in new_rows},
            "dim_code_new_rows": rows(
                "SELECT code, label, numbering, outcome_group FROM dim_code WHERE template = ? "
                "AND table_name = 'applications' AND list_contains(?, code) ORDER BY display_order",
                [NEW, list(new_rows)]),
            "dim_code_templates": [r[0] for r in rows("SELECT DISTINCT template FROM dim_code ORDER BY 1")],
            "wide_columns": [d[0] for d in con.execute("SELECT * FROM v_applications_wide LIMIT 0").description],
            "wide_new_rows": rows(
                "SELECT report_id, " + ", ".join(f'"{r}"' for r in new_rows) + " FROM v_applications_wide "
                "WHERE template = ? ORDER BY report_id", [NEW]),
            "facts_new_rows": rows(
                "SELECT report_id, row_code, count FROM fact_application WHERE applicant_type = 'total' "
                "AND list_contains(?, row_code) ORDER BY ALL", [list(new_rows)]),
            "outcome_new_rows": rows(
                "SELECT report_id, outcome, outcome_label, count FROM v_application_outcome "
                "WHERE list_contains(?, outcome) ORDER BY ALL", [list(new_rows)]),
            "reports": summary.reports,
            "reports_passing": summary.reports_passing,
            "broken": summary.broken,
            "broken_id": ids[f"合成县错误局/{first}"],
            "failed_checks": rows("SELECT report_id, rule, check_name FROM check_result "
                                  "WHERE status = 'failed' AND report_id IS NOT NULL ORDER BY ALL"),
            "suite_templates": next(e["kwargs"]["value_set"] for e in build_suites()["dim_report"]["expectations"]
                                    if e["meta"]["name"] == "template known"),
        }
    finally:
        con.close()


HALVES: dict[str, Callable[[Path], dict[str, Any]]] = {"warehouse": warehouse_half}


if __name__ == "__main__":
    half, workdir = sys.argv[1], Path(sys.argv[2])
    print(json.dumps(HALVES[half](workdir), ensure_ascii=False, default=str))
