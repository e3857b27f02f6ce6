"""Reports that print a table in another template's form — a mixture the templates declare
(`spec.MIXTURES`) — are checked by the form they printed: no rule fails that the report keeps, and
the codes stay as printed. A mixture the templates do not declare is still a structure failure."""

from __future__ import annotations

import random

import duckdb
import pytest
from quality_fixtures import build_warehouse, clean_report

from pipelines import spec

DECLARED = [(t, table, form) for t, tables in spec.MIXTURES.items() for table, forms in tables.items()
            for form in forms]
# the same tables printed in a form the template does not declare (the other way round)
UNDECLARED = [(form, table, t) for t, table, form in DECLARED
              if t not in spec.MIXTURES.get(form, {}).get(table, ())]


def _mixed(rng: random.Random, rid: str, template: str, table: str, form: str) -> dict:
    report = clean_report(rng, rid, f"合成县{rid}局", max(spec.TEMPLATE_DATA[template].first_year, 2021), template)
    report[table] = clean_report(rng, rid, "", 2000, form)[table]
    return report


def _failures(db) -> list[tuple[str, str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT report_id, rule, check_name FROM check_result "
                           "WHERE status = 'failed' AND report_id IS NOT NULL ORDER BY ALL").fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    from pipelines.quality.validate import validate_warehouse

    if not DECLARED:
        pytest.skip("the templates declare no mixture")
    rng = random.Random(21)
    reports = [_mixed(rng, f"mix{i}", *m) for i, m in enumerate(DECLARED)]
    reports += [_mixed(rng, f"undeclared{i}", *m) for i, m in enumerate(UNDECLARED)]
    db = build_warehouse(tmp_path_factory.mktemp("mixed") / "m.duckdb", reports)
    summary = validate_warehouse(db, adjudications_path=None)
    return db, summary, reports


def test_a_declared_mixture_breaks_no_rule(mixed_run):
    db, summary, _ = mixed_run
    failing = {rid for rid, _, _ in _failures(db)}
    assert not {f"mix{i}" for i in range(len(DECLARED))} & failing, _failures(db)
    assert all(not rid.startswith("mix") for rid in summary.broken)


def test_the_checks_read_the_table_by_the_printed_form(mixed_run):
    db, _, reports = mixed_run
    con = duckdb.connect(str(db), read_only=True)
    try:
        forms = dict(((r, t), f) for r, t, f in con.execute(
            "SELECT report_id, table_name, form FROM report_table_form").fetchall())
        # the codes stay as printed: the facts hold the mixture's row codes under the report's template
        for i, (template, table, form) in enumerate(DECLARED):
            assert forms[(f"mix{i}", table)] == form
            assert all(forms[(f"mix{i}", other)] == template for other in spec.TABLES if other != table)
        printed = {r["report_id"]: r for r in reports}
        mix0_table = DECLARED[0][1]
        fact = {"active": ("fact_active_disclosure", "item"), "applications": ("fact_application", "row_code"),
                "review_litigation": ("fact_review_litigation", "group_code")}[mix0_table]
        rows = {r for (r,) in con.execute(
            f"SELECT DISTINCT {fact[1]} FROM {fact[0]} WHERE report_id = 'mix0'").fetchall()}
        assert rows == set(printed["mix0"][mix0_table])
    finally:
        con.close()


def test_an_undeclared_mixture_fails_structure(mixed_run):
    db, _, _ = mixed_run
    if not UNDECLARED:
        pytest.skip("every mixture is declared both ways")
    failing = {(rid, rule) for rid, rule, _ in _failures(db)}
    for i in range(len(UNDECLARED)):
        assert (f"undeclared{i}", "structure") in failing
