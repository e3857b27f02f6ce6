import random

from quality_fixtures import clean_report

from pipelines.quality.rules import report_equations
from pipelines.quality.suggest import smallest_correction


def _cells(report):
    return {f"{tb}/{r}/{c}": float(v) for tb in ("applications", "review_litigation")
            for r, cols in report[tb].items() for c, v in cols.items()}


def _report(seed=1, template="v2021"):
    return clean_report(random.Random(seed), "r", "某县人民政府", 2021, template)


def test_nothing_to_suggest_when_every_rule_holds():
    r = _report()
    assert smallest_correction(report_equations(r["template"]), _cells(r)) is None


def test_one_cell_off_is_put_back():
    for seed in range(20):
        r = _report(seed, "v2019" if seed % 2 else "v2021")
        rng = random.Random(seed)
        table = "applications"  # every cell of table 3 sits in a row and a column equation
        row = rng.choice(list(r[table]))
        col = rng.choice(list(r[table][row]))
        true = r[table][row][col]
        r[table][row][col] = true + rng.choice((1, 10, 100))
        fix = smallest_correction(report_equations(r["template"]), _cells(r))
        assert fix is not None, (table, row, col)
        assert fix.changes == ((f"{table}/{row}/{col}", r[table][row][col], true),)


def test_blank_total_column_is_filled():
    r = _report(3, "v2019")
    blanked = {}
    for row in ("granted", "unable_not_held", "partial"):
        if r["applications"][row]["total"]:
            blanked[f"applications/{row}/total"] = r["applications"][row]["total"]
            r["applications"][row]["total"] = 0
    assert len(blanked) >= 2
    fix = smallest_correction(report_equations("v2019"), _cells(r))
    assert fix is not None
    assert {cell: new for cell, _, new in fix.changes} == blanked
    assert "every rule holds" in fix.text()


def test_continuity_is_part_of_the_rules():
    r = _report(5)
    co = r["applications"]["carried_over"]
    # the previous year carried forward one more natural person than this year carries over
    continuity = {"natural_person": ("carried_over", co["natural_person"] + 1)}
    eqs = report_equations("v2021", continuity)
    fix = smallest_correction(eqs, _cells(r))
    # no single cell can fix it: carried_over feeds the balance and the row total as well
    assert fix is None or all(new >= 0 for _, _, new in fix.changes)
    assert any(e.rule == "rule6" and e.residual(_cells(r)) for e in eqs)


def test_no_guess_when_the_sums_cannot_tell_which_cell():
    r = _report(2)
    r["review_litigation"]["review"]["upheld"] += 1  # table 4: one equation, five cells could be wrong
    assert smallest_correction(report_equations("v2021"), _cells(r)) is None


def test_advice_says_why_no_correction_is_proposed():
    from pipelines.quality.suggest import advise

    r = _report(2)
    r["review_litigation"]["review"]["upheld"] += 1
    fix, why = advise(report_equations("v2021"), _cells(r))
    assert fix is None
    # the total one more, or any part that is not 0 one less
    parts = [o for o, v in r["review_litigation"]["review"].items() if o != "total" and v > 0]
    assert why.startswith(f"{len(parts) + 1} different changes of 1 cell would each make every rule hold")
    assert "the sums cannot tell which cell is wrong" in why and "review/upheld" in why

    r = _report(3)
    for col in ("natural_person", "commercial", "research"):  # many cells off in one row and column
        r["applications"]["granted"][col] += 7
        r["applications"]["new"][col] += 3
    fix, why = advise(report_equations("v2021"), _cells(r))
    assert fix is None and why.startswith("no change of one or two cells")

    fix, why = advise(report_equations("v2021"), _cells(_report()))
    assert fix is None and "nothing to correct" in why
