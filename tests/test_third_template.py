"""A made-up third template as a data file (tests/fixtures/templates/v2030.toml: v2021 with labels
reworded and one more outcome row) is taken up by every layer with no change to the code: each
layer's half runs in a subprocess that sees the file through `XXGK_TEMPLATE_DIRS` (tests/third_template.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures" / "templates"
NEW = "v2030"


def run_half(half: str, workdir: Path) -> dict:
    env = {**os.environ, "XXGK_TEMPLATE_DIRS": str(FIXTURES), "GX_ANALYTICS_ENABLED": "false",
           "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(TESTS / "third_template.py"), half, str(workdir)],
                          env=env, cwd=TESTS.parent, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def fixture_template() -> dict:
    with (FIXTURES / f"{NEW}.toml").open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def warehouse_half(tmp_path_factory) -> dict:
    return run_half("warehouse", tmp_path_factory.mktemp("third"))


def test_the_new_template_is_not_in_the_package(fixture_template):
    from pipelines import spec

    assert fixture_template["name"] == NEW and NEW not in spec.TEMPLATES


def test_the_warehouse_holds_the_new_template_codes_and_labels(warehouse_half, fixture_template):
    got = warehouse_half
    assert got["templates"][-1] == NEW and NEW in got["dim_code_templates"]
    assert got["new_rows"], "the fixture adds a row to table 3"
    printed = {r["code"]: r["labels"][0] for r in fixture_template["applications"]["rows"] if "code" in r}
    for code, label, numbering, group in got["dim_code_new_rows"]:
        assert label == printed[code] == got["new_row_labels"][code]
        assert numbering and group
    assert [r[0] for r in got["dim_code_new_rows"]] == got["new_rows"]
    for code in got["new_rows"]:
        assert code in got["wide_columns"]


def test_a_new_template_changes_the_schema_so_the_warehouse_is_republished(warehouse_half):
    from pipelines.warehouse.load import schema_fingerprint

    assert warehouse_half["schema_fingerprint"] != schema_fingerprint()


def test_the_views_show_the_new_rows_as_loaded(warehouse_half):
    got = warehouse_half
    facts = {(rid, row): n for rid, row, n in got["facts_new_rows"]}
    assert facts, "the new template's reports print the new rows"
    for rid, *values in got["wide_new_rows"]:
        assert values == [facts.get((rid, row)) for row in got["new_rows"]]
    assert {(rid, row): n for rid, row, _label, n in got["outcome_new_rows"]} == facts
    assert all(label == got["new_row_labels"][row] for _rid, row, label, _n in got["outcome_new_rows"])


def test_the_checks_accept_the_new_template_and_catch_its_rules(warehouse_half):
    got = warehouse_half
    assert NEW in got["suite_templates"]
    # every report passes but the one whose new outcome row is one too many: rules 2 and 3
    assert got["reports_passing"] == got["reports"] - 1
    assert got["broken"] == {got["broken_id"]: ["rule2", "rule3"]}
    assert {(rule, name.split("/")[0]) for rid, rule, name in got["failed_checks"]} == {
        ("rule2", "handled"), ("rule3", "applicants")}
