"""The GX expectation suites, one per warehouse table, built from the spec as plain JSON.

The suites are data: `build_suites()` makes them from `pipelines.spec` (through `rules`), and
`python -m pipelines.quality.suites` writes them into the GX project (`expectations/gx/expectations/`),
where they are committed; validation reads them back from there. A test keeps the two in step.

Each fact table's suite validates one frame (`checks.frame` restricted to the table): one row per
equation, cell or code of each report, with the rule it belongs to; each expectation picks its
rows with a `row_condition`, so a suite holds every rule that concerns its table.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

from pipelines import spec
from pipelines.quality import rules

PROJECT_DIR = Path(__file__).resolve().parents[2] / "expectations"
SUITES_DIR = PROJECT_DIR / "gx" / "expectations"

# suite -> (spec table or None, the frame's columns that name a failing row)
SUITES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "dim_agency": (None, ("agency_id",)),
    "dim_report": (None, ("report_id",)),
    "fact_active_disclosure": ("active", ("report_id", "check_name", "row_id")),
    "fact_application": ("applications", ("report_id", "check_name", "row_id")),
    "fact_review_litigation": ("review_litigation", ("report_id", "check_name", "row_id")),
}

_SUM_RULE_NAMES = {"rule1": "balance", "rule2": "handled", "rule3": "applicants", "rule4": "review totals",
                   "rule6": "continuity"}


def _expectation(suite: str, type_: str, name: str, rule: str, description: str,
                 kwargs: dict[str, Any], condition: tuple[str, str, Any] | None = None) -> dict[str, Any]:
    if condition:  # (column, operator, value): GX's Condition object, as JSON
        column, operator, value = condition
        kwargs = {**kwargs, "row_condition": {"column": {"name": column}, "operator": operator,
                                              "parameter": value, "type": "comparison"}}
    return {
        # stable ids, so that regenerating the suites leaves the committed files unchanged
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"xxgk/{suite}/{name}")),
        "type": type_,
        "kwargs": kwargs,
        "meta": {"name": name, "rule": rule},
        "description": description,
        "severity": "critical",
    }


def _pair(suite: str, name: str, rule: str, description: str, condition: tuple[str, str, Any]) -> dict[str, Any]:
    return _expectation(suite, "expect_column_pair_values_to_be_equal", name, rule, description,
                        {"column_A": "observed", "column_B": "expected"}, condition)


def _fact_expectations(suite: str, table: str) -> list[dict[str, Any]]:
    exps = [_expectation(suite, "expect_column_values_to_not_be_null", "report id present", "structure",
                         "every row belongs to a report", {"column": "report_id"})]
    for rule in sorted({r.rule for t in spec.TEMPLATES for r in spec.sum_rules(t) if r.table == table}):
        exps.append(_pair(suite, f"{rule} {_SUM_RULE_NAMES[rule]}", rule,
                          f"{rule}: {spec.RULE_TEXT[rule]}; the rule's left side (observed) equals its right "
                          "side (expected)", ("rule", "==", rule)))
    if table == "applications":
        exps.append(_pair(suite, "rule6 continuity", "rule6",
                          f"rule6: {spec.RULE_TEXT['rule6']} (observed: carried_over; expected: the previous "
                          "year's carried_forward)", ("rule", "==", "rule6")))
    exps += [
        _expectation(suite, "expect_column_values_to_be_between", "rule5 non-negative", "rule5",
                     f"rule5: {spec.RULE_TEXT['rule5']} — no count is below 0",
                     {"column": "observed", "min_value": 0}, ("rule", "==", "rule5")),
        _pair(suite, "rule5 integer", "rule5",
              f"rule5: {spec.RULE_TEXT['rule5']} — each count equals the nearest non-negative integer",
              ("rule", "==", "rule5")),
        _pair(suite, "structure rows complete", "structure",
              "a report with status ok has every cell of its template's table, once (observed: cells "
              "found; expected: cells of the template)", ("check_kind", "==", "rows")),
        _expectation(suite, "expect_column_values_to_be_in_set", "structure known codes", "structure",
                     "every cell is named by a code of its template (template/table/row/column)",
                     {"column": "check_name", "value_set": rules.known_codes(table)}, ("check_kind", "==", "cell")),
    ]
    return exps


def _dim_expectations(suite: str) -> list[dict[str, Any]]:
    if suite == "dim_agency":
        return [
            _expectation(suite, "expect_column_values_to_be_unique", "agency id unique", "structure",
                         "one row per agency", {"column": "agency_id"}),
            _expectation(suite, "expect_column_values_to_not_be_null", "agency name present", "structure",
                         "every agency has a name", {"column": "name"}),
        ]
    return [
        _expectation(suite, "expect_column_values_to_be_unique", "report id unique", "structure",
                     "one row per report", {"column": "report_id"}),
        _expectation(suite, "expect_column_values_to_be_in_set", "status known", "structure",
                     "status is ok, issues or quarantined",
                     {"column": "status", "value_set": ["issues", "ok", "quarantined"]}),
        _expectation(suite, "expect_column_values_to_be_in_set", "template known", "structure",
                     "every report that is not quarantined has a template of the spec",
                     {"column": "template", "value_set": list(spec.TEMPLATES)}, ("status", "!=", "quarantined")),
        _expectation(suite, "expect_column_values_to_not_be_null", "template present", "structure",
                     "every report that is not quarantined has a template",
                     {"column": "template"}, ("status", "!=", "quarantined")),
        _expectation(suite, "expect_compound_columns_to_be_unique", "one current report", "structure",
                     "one current report per agency and year",
                     {"column_list": ["agency_id", "year"]}, ("is_current", "==", True)),
    ]


def build_suites() -> dict[str, dict[str, Any]]:
    """Every suite as GX's JSON shape, keyed by suite (= warehouse table) name."""
    out = {}
    for suite, (table, _) in SUITES.items():
        exps = _fact_expectations(suite, table) if table else _dim_expectations(suite)
        out[suite] = {
            "expectations": exps,
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"xxgk/{suite}")),
            "meta": {"great_expectations_version": "1.24.1", "warehouse_table": suite,
                     "spec_table": table},
            "name": suite,
            "notes": f"Checks of {suite}; generated by pipelines/quality/suites.py from pipelines/spec.py.",
        }
    return out


def suite_json(suite: dict[str, Any]) -> str:
    return json.dumps(suite, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def load_suites(directory: Path = SUITES_DIR) -> dict[str, dict[str, Any]]:
    """The committed suites, as JSON dicts."""
    return {name: json.loads((directory / f"{name}.json").read_text(encoding="utf-8")) for name in SUITES}


def write_suites(directory: Path = SUITES_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, suite in build_suites().items():
        path = directory / f"{name}.json"
        path.write_text(suite_json(suite), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write_suites():
        print(p, file=sys.stderr)
