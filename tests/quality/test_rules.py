from collections import Counter

from pipelines import spec
from pipelines.quality import rules


def test_rule_terms_are_the_spec_sum_rules():
    terms = rules.rule_terms()
    for template in spec.TEMPLATES:
        expected = Counter()
        for r in spec.sum_rules(template):
            expected.update((r.rule, r.name, "left", row, col) for row, col in r.left)
            expected.update((r.rule, r.name, "right", row, col) for row, col in r.right)
        got = Counter((rule, eq, side, row, col)
                      for t, form, rule, eq, side, _, row, col in terms if t == template and form == template)
        assert got == expected


def test_rule_terms_of_a_mixed_form_are_the_spec_sum_rules_with_that_form():
    terms = rules.rule_terms()
    mixed = [(t, table, f) for t, tables in spec.MIXTURES.items() for table, forms in tables.items() for f in forms]
    assert mixed, "the templates declare no mixture to test"
    for template, table, form in mixed:
        expected = Counter()
        for r in spec.sum_rules(template, ((table, form),)):
            if r.table == table:
                expected.update((r.rule, r.name, "left", row, col) for row, col in r.left)
                expected.update((r.rule, r.name, "right", row, col) for row, col in r.right)
        got = Counter((rule, eq, side, row, col) for t, f, rule, eq, side, tb, row, col in terms
                      if (t, f, tb) == (template, form, table))
        assert got == expected


def test_every_sum_rule_and_rules_5_6_have_a_check_file():
    from pipelines.quality.checks import CHECKS_DIR

    text = " ".join(p.read_text(encoding="utf-8") for p in CHECKS_DIR.glob("*.sql"))
    for rule in spec.RULE_TEXT:
        assert f"checks.{rule}" in text
        assert list(CHECKS_DIR.glob(f"{rule}_*.sql")), rule


def test_cell_kinds_follow_the_spec():
    kinds = {(t, tb, r, c): k for t, tb, r, c, k in rules.cell_codes()}
    assert kinds[("v2019", "active", "licensing", "change")] == "signed"
    assert kinds[("v2021", "active", "fees", "amount_10k_yuan")] == "money"
    assert kinds[("v2021", "applications", "new", "total")] == "count"
    n_cells = sum(1 for t, tb, *_ in kinds if t == "v2021" and tb == "applications")
    assert n_cells == len(spec.APPLICATION_ROWS["v2021"]) * len(spec.APPLICANTS)


def test_equations_hold_on_a_clean_report(rng_report):
    def cells(report):
        return {f"{tb}/{r}/{c}": v for tb in ("applications", "review_litigation")
                for r, cols in report[tb].items() for c, v in cols.items()}

    eqs = rules.report_equations(rng_report["template"])
    assert all(e.residual(cells(rng_report)) == 0 for e in eqs)
    rng_report["applications"]["granted"]["total"] += 1
    assert {e.rule for e in eqs if e.residual(cells(rng_report))} == {"rule2", "rule3"}
