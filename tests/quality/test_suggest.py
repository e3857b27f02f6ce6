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


UPHELD = "review_litigation/review/upheld"


def _upheld_one_more(seed=2):
    """Table 4's review row one off in `upheld`: the total one more, or any part not 0 one less,
    would each make the sums hold."""
    r = _report(seed)
    r["review_litigation"]["review"]["upheld"] += 1
    return r


def test_among_equal_fixes_the_cell_ocr_doubted_is_proposed():
    from pipelines.quality.suggest import advise

    r = _upheld_one_more()
    printed = r["review_litigation"]["review"]["upheld"]
    eqs, cells = report_equations("v2021"), _cells(r)
    assert advise(eqs, cells)[0] is None  # without a doubt the sums cannot tell
    fix, why = advise(eqs, cells, frozenset({UPHELD, "applications/new/total"}))  # a doubt elsewhere too
    assert why is None
    assert fix.changes == ((UPHELD, printed, printed - 1),)
    parts = [o for o, v in r["review_litigation"]["review"].items() if o != "total" and v > 0]
    assert fix.text() == (f"change 1 cell ({UPHELD}: {printed} → {printed - 1}) and every rule holds; "
                          f"OCR was unsure of this cell (of the {len(parts) + 1} changes of 1 cell that would, "
                          "the only one of a cell OCR doubted)")


def test_two_doubted_alternatives_are_named_not_chosen():
    from pipelines.quality.suggest import advise

    r = _upheld_one_more()
    doubted = frozenset({UPHELD, "review_litigation/review/total"})
    fix, why = advise(report_equations("v2021"), _cells(r), doubted)
    assert fix is None
    assert "the sums cannot tell which cell is wrong; OCR was unsure of " + ", ".join(sorted(doubted)) in why
    # the doubted changes are the ones shown first
    shown = why.split("(", 1)[1].split(")")[0].split(" | ")
    assert {s.split(":")[0] for s in shown[:2]} == set(doubted)


def test_a_single_fix_says_when_ocr_doubted_its_cell():
    r = _report(4)
    r["applications"]["new"]["natural_person"] += 10
    key = "applications/new/natural_person"
    fix = smallest_correction(report_equations("v2021"), _cells(r), frozenset({key}))
    assert fix.changes[0][0] == key
    assert fix.text().endswith("and every rule holds; OCR was unsure of this cell")
    assert "OCR" not in smallest_correction(report_equations("v2021"), _cells(r)).text()


def test_validation_prefers_the_cell_a_scan_doubted(tmp_path):
    """Through a warehouse loaded the way the build loads one: the `ocr_uncertain` issue of a
    parsed scan reaches the suggestion; the same break with no doubt gets none."""
    import duckdb
    from report_warehouse import build

    from pipelines.quality.validate import validate_warehouse

    scanned, typed = _upheld_one_more(2), _upheld_one_more(2)
    printed = scanned["review_litigation"]["review"]["upheld"]
    scanned.update(report_id="scan", path="raw/scan.pdf", agency="某县扫描局", sha256="a" * 64)
    typed.update(report_id="typed", path="raw/typed.html", agency="某县文本局", sha256="b" * 64)
    scanned["issues"] = [{"code": "ocr_uncertain", "severity": "warning", "where": UPHELD,
                          "message": f"page 2 x 400 y 900: read 'l{printed % 10}' as '{printed}'"}]
    db = build([scanned, typed], tmp_path / "w.duckdb")
    validate_warehouse(db, adjudications_path=None)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT d.agency, c.rule, c.suggestion, c.message FROM check_result c "
                           "JOIN dim_report d USING (report_id) WHERE c.status = 'failed'").fetchall()
    finally:
        con.close()
    by_agency = {}
    for agency, rule, suggestion, message in rows:
        by_agency.setdefault(agency, set()).add((rule, suggestion, message))
    assert {rule for rule, _, _ in by_agency["某县扫描局"]} == {"rule4"}
    (_, suggestion, _), = by_agency["某县扫描局"]
    assert suggestion.startswith(f"change 1 cell ({UPHELD}: {printed} → {printed - 1}) and every rule holds; "
                                 "OCR was unsure of this cell")
    (_, suggestion, message), = by_agency["某县文本局"]
    assert suggestion is None and "the sums cannot tell which cell is wrong" in message and "OCR" not in message
