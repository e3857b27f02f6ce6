"""The GX expectation suites, one per warehouse table, built from the spec as plain JSON.

The suites are data: `build_suites()` makes them from `pipelines.spec` — the rules, their names
and texts, the templates — and validation builds them at run time, so a template added to the
spec (a file in `pipelines/templates` or `XXGK_TEMPLATE_DIRS`) is checked with no other change.
`python -m pipelines.quality.suites` writes them into the GX project (`expectations/gx/expectations/`),
where the package templates' rendering is committed for review; a test keeps it in step.

Each fact table's suite validates one frame with one row per report that prints the table (the
per-report counts of `checks.frame`, one column pair per check): for each check, what holds
(`<check>_observed`) against what should (`<check>_expected`) — e.g. for rule 3 the equations of
the rule that hold vs the equations of the report's template. A report passes a check when the
two are equal. What a failing report fails — its equations, with both sides, or its cells — is
then read from SQL for the failing reports only (`checks.failure_details`), so the frames stay
O(reports), not O(cells).
"""

from __future__ import annotations

import json
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines import spec
from pipelines.paths import EXPECTATIONS_DIR

PROJECT_DIR = EXPECTATIONS_DIR
SUITES_DIR = PROJECT_DIR / "gx" / "expectations"

# suite -> (spec table or None, the frame's columns that name a failing row)
SUITES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "dim_agency": (None, ("agency_id",)),
    "dim_report": (None, ("report_id",)),
    "fact_active_disclosure": ("active", ("report_id",)),
    "fact_application": ("applications", ("report_id",)),
    "fact_review_litigation": ("review_litigation", ("report_id",)),
}



def _rule_names(table: str) -> dict[str, str]:
    """The sum rules over a table (any template, any form) -> their names in the templates."""
    names = {r.rule: r.name.split("/", 1)[0]
             for t in spec.TEMPLATES for r in spec.sum_rules(t) if r.table == table}
    return dict(sorted(names.items()))


def _expectation(suite: str, type_: str, name: str, rule: str, description: str,
                 kwargs: dict[str, Any], condition: tuple[str, str, Any] | None = None,
                 check: str | None = None) -> dict[str, Any]:
    if condition:  # (column, operator, value): GX's Condition object, as JSON
        column, operator, value = condition
        kwargs = {**kwargs, "row_condition": {"column": {"name": column}, "operator": operator,
                                              "parameter": value, "type": "comparison"}}
    return {
        # stable ids, so that regenerating the suites leaves the committed files unchanged
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"xxgk/{suite}/{name}")),
        "type": type_,
        "kwargs": kwargs,
        "meta": {"name": name, "rule": rule, **({"check": check} if check else {})},
        "description": description,
        "severity": "critical",
    }


@dataclass(frozen=True)
class FactCheck:
    """One check of a fact table's frame: the column pair `<key>_observed` / `<key>_expected`."""

    key: str  # checks.frame.check_key
    name: str  # the expectation's name (check_result.expectation)
    rule: str
    description: str

    @property
    def columns(self) -> tuple[str, str]:
        return f"{self.key}_observed", f"{self.key}_expected"


def fact_checks(table: str) -> list[FactCheck]:
    """The checks of one spec table, in the order of its suite."""
    out = [FactCheck(rule, f"{rule} {name}", rule,
                     f"{rule}: {spec.RULE_TEXT[rule]}; per report, the equations of the rule that hold "
                     "(observed: left side equals right side) vs the equations of its template and the "
                     "form its table was printed in (expected)")
           for rule, name in _rule_names(table).items()]
    continuity_table, this_year, last_year = spec.CONTINUITY
    if table == continuity_table:
        out.append(FactCheck("rule6", "rule6 continuity", "rule6",
                             f"rule6: {spec.RULE_TEXT['rule6']}; per report, the columns charged to it "
                             f"whose {this_year} equals the previous year's {last_year} (observed) vs the "
                             "columns charged to it (expected)"))
    out += [
        FactCheck("rule5_non_negative", "rule5 non-negative", "rule5",
                  f"rule5: {spec.RULE_TEXT['rule5']} — no count is below 0; per report, the count cells "
                  ">= 0 (observed) vs its count cells (expected)"),
        FactCheck("rule5_integer", "rule5 integer", "rule5",
                  f"rule5: {spec.RULE_TEXT['rule5']} — each count equals the nearest non-negative integer; "
                  "per report, the count cells that do (observed) vs its count cells (expected)"),
        FactCheck("structure_rows", "structure rows complete", "structure",
                  "a report with status ok has every cell of its template's table, once, in the form it "
                  "printed the table in (observed: cells found; expected: cells of that form)"),
        FactCheck("structure_codes", "structure known codes", "structure",
                  "every cell is named by a code of its template's table, in the form it printed the "
                  "table in (template/table/row/column); per report, the cells with a known code "
                  "(observed) vs the cells printed (expected)"),
    ]
    return out


def _fact_expectations(suite: str, table: str) -> list[dict[str, Any]]:
    exps = [_expectation(suite, "expect_column_values_to_not_be_null", "report id present", "structure",
                         "every row belongs to a report", {"column": "report_id"})]
    for check in fact_checks(table):
        observed, expected = check.columns
        exps.append(_expectation(suite, "expect_column_pair_values_to_be_equal", check.name, check.rule,
                                 check.description, {"column_A": observed, "column_B": expected},
                                 check=check.key))
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


def load_suites(directory: Path | None = None) -> dict[str, dict[str, Any]]:
    """The suites as JSON dicts: built from the spec, or read from a folder of suite files."""
    if directory is None:
        return build_suites()
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
