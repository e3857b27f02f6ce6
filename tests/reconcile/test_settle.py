"""Copies of one report reconciled cell by cell, and the previous year as evidence."""

from __future__ import annotations

import copy

import pytest
from copies_data import gold_cells, real_pairs

from pipelines import spec
from pipelines.parse import parse_file
from pipelines.parse.report import Cell, Issue, Report
from pipelines.reconcile import are_copies, cells, reconcile, same

PAIRS = real_pairs()
needs_pairs = pytest.mark.skipif(not PAIRS, reason="../shared/corpus is absent")


def _equal(reading: dict, gold: dict) -> list[str]:
    return [k for k, v in gold.items() if k not in reading or not same(reading[k], v)] + \
        [k for k in reading if k not in gold]


@needs_pairs
@pytest.mark.parametrize("text, page, gold", PAIRS, ids=[p[0].name for p in PAIRS])
def test_a_crawler_text_beside_its_page_reads_as_the_gold_with_evidence(text, page, gold):
    alone, beside = parse_file(text), parse_file(page)
    assert are_copies(alone, beside)
    result = reconcile([alone, beside])
    assert _equal(cells(result.report), gold_cells(gold)) == []
    ambiguous = [i.where for i in alone.issues if i.code == "digits_ambiguous"]
    assert ambiguous
    for where in ambiguous:
        named = [e for k, e in result.evidence.items() if k.startswith(where + "/")]
        assert named and all(e.kind == "settled_by_copy" for e in named)
        for e in named:  # the page's place and the crawler text's run, each named
            assert {s.path for s in e.sources} == {str(text), str(page)}
            assert any(s.certain and s.path == str(page) and s.where for s in e.sources)
    assert not [i for i in result.report.issues if i.code == "digits_ambiguous"]
    settled = {i.where for i in result.report.issues if i.code == "settled_by_copy"}
    assert settled == set(ambiguous) and all(str(page) in i.message for i in result.report.issues
                                             if i.code == "settled_by_copy")
    others = {k: e.kind for k, e in result.evidence.items() if not any(k.startswith(w + "/") for w in ambiguous)}
    assert set(others.values()) == {"confirmed"}


@needs_pairs
@pytest.mark.parametrize("text, page, gold", PAIRS, ids=[p[0].name for p in PAIRS])
def test_each_copy_alone_reads_as_before(text, page, gold):
    for path in (text, page):
        report = parse_file(path)
        result = reconcile([report])
        assert cells(result.report) == cells(report) and not result.changed


def _wrong_cut(report: Report) -> tuple[str, dict, dict]:
    """The report with its first ambiguous row read by another cut the issue names (as a parser
    might have chosen), the alternatives recorded; returns (row, chosen, wrong)."""
    issue = next(i for i in report.issues if i.code == "digits_ambiguous")
    table, row = issue.where.split("/")
    chosen = dict(getattr(report, table)[row])
    others = issue.message.split("others: ")[1].split("; ")
    wrong = dict(zip(chosen, (float(v) if "." in v else int(v) for v in others[0].split("|")), strict=True))
    getattr(report, table)[row] = dict(wrong)
    report.alternatives[issue.where] = [dict(wrong), dict(chosen)]
    return issue.where, chosen, wrong


@needs_pairs
@pytest.mark.parametrize("text, page, gold", PAIRS, ids=[p[0].name for p in PAIRS])
def test_a_wrong_cut_is_settled_by_the_certain_copy(text, page, gold):
    doubtful, certain = parse_file(text), parse_file(page)
    where, chosen, wrong = _wrong_cut(doubtful)
    result = reconcile([doubtful, certain])
    table, row = where.split("/")
    assert getattr(result.report, table)[row] == chosen != wrong
    assert all(result.evidence[f"{where}/{c}"].kind == "settled_by_copy" for c in chosen)
    assert _equal(cells(result.report), gold_cells(gold)) == []


@needs_pairs
@pytest.mark.parametrize("text, page, gold", PAIRS, ids=[p[0].name for p in PAIRS])
def test_a_certain_reading_the_doubtful_digits_do_not_allow_settles_nothing(text, page, gold):
    doubtful, certain = parse_file(text), parse_file(page)
    where = next(i.where for i in doubtful.issues if i.code == "digits_ambiguous")
    table, row = where.split("/")
    col = list(getattr(certain, table)[row])[-1]
    getattr(certain, table)[row][col] += 1000  # digits the crawler's run does not hold
    key = f"{where}/{col}"
    certain.provenance[key] = Cell(certain.provenance[key].where, str(getattr(certain, table)[row][col]))
    result = reconcile([doubtful, certain])
    run = doubtful.provenance[key]  # the cells cut from the same digits as `col`
    kinds = {c: result.evidence[f"{where}/{c}"].kind for c in getattr(doubtful, table)[row]
             if doubtful.provenance[f"{where}/{c}"] == run}
    assert len(kinds) > 1 and "settled_by_copy" not in kinds.values() and kinds[col] == "copies_disagree"
    assert any(i.code == "copies_disagree" and i.where == f"{where}/{col}" for i in result.report.issues)


def test_a_file_replaced_at_its_own_path_is_a_revision_not_a_copy():
    a = Report(path="raw/a.html", agency="X", year=2022, applications={"new": {"total": 3}})
    b = Report(path="raw/a.html", agency="X", year=2022, applications={"new": {"total": 3}})
    c = Report(path="raw/b.txt", agency="X", year=2022, applications={"new": {"total": 3}})
    d = Report(path="raw/c.txt", agency="X", year=2022, applications={"new": {"total": 4}})
    assert not are_copies(a, b) and are_copies(a, c) and not are_copies(a, d)
    assert are_copies(a, d, linked=True)  # a page and the attachment it links to
    assert not are_copies(a, Report(path="raw/e.txt", agency="X", year=2022))  # nothing read by both


def test_two_certain_copies_that_differ_are_both_kept_and_flagged():
    a = Report(path="raw/a.html", agency="X", year=2022, template="v2021", applications={"new": {"total": 3}},
               provenance={"applications/new/total": Cell("table 1 row 2 col 8", "3")})
    b = Report(path="raw/a.pdf", agency="X", year=2022, template="v2021", applications={"new": {"total": 4}},
               provenance={"applications/new/total": Cell("page 1 line 9", "4")})
    result = reconcile([a, b])
    e = result.evidence["applications/new/total"]
    assert e.kind == "copies_disagree" and {s.value for s in e.sources} == {3, 4}
    assert any(i.code == "copies_disagree" and "raw/a.pdf" in i.message for i in result.report.issues)


# ---------------------------------------------------------------- the previous year

TABLE, THIS_ROW, LAST_ROW = spec.CONTINUITY


def _ambiguous_year(alternatives: list[dict]) -> Report:
    where = f"{TABLE}/{THIS_ROW}"
    digits = "".join(str(v) for v in alternatives[0].values())
    report = Report(path="raw/2023.txt", agency="X局", year=2023, template="v2021",
                    **{TABLE: {THIS_ROW: dict(alternatives[0])}},
                    issues=[Issue("digits_ambiguous", "warning", where, "several cuts fit")],
                    alternatives={where: [dict(a) for a in alternatives]})
    report.provenance = {f"{where}/{c}": Cell("line 10 col 1", digits) for c in alternatives[0]}
    return report


def _prior(row: dict) -> Report:
    return Report(path="raw/2022.html", agency="X局", year=2022, template="v2021", **{TABLE: {LAST_ROW: dict(row)}},
                  provenance={f"{TABLE}/{LAST_ROW}/{c}": Cell(f"table 1 row 20 col {n}", str(v))
                              for n, (c, v) in enumerate(row.items())})


CUTS = [{"natural_person": 12, "total": 3}, {"natural_person": 1, "total": 23}]


def test_the_previous_year_settles_an_ambiguous_continuity_row():
    result = reconcile([_ambiguous_year(CUTS)], prior=_prior(CUTS[1]))
    assert getattr(result.report, TABLE)[THIS_ROW] == CUTS[1] and result.prior is not None and result.changed
    evidence = [result.evidence[f"{TABLE}/{THIS_ROW}/{c}"] for c in CUTS[1]]
    assert all(e.kind == "settled_by_prior_year" for e in evidence)
    assert all(any(s.role == "prior_year" and s.path == "raw/2022.html" for s in e.sources) for e in evidence)
    issue = next(i for i in result.report.issues if i.code == "settled_by_prior_year")
    assert "raw/2022.html" in issue.message and issue.where == f"{TABLE}/{THIS_ROW}"
    assert not any(i.code == "digits_ambiguous" for i in result.report.issues)


def test_the_previous_year_settles_nothing_that_no_cut_allows():
    for last in ({"natural_person": 5, "total": 5}, {"natural_person": 12}):
        report = _ambiguous_year(CUTS)
        result = reconcile([report], prior=_prior(last))
        assert getattr(result.report, TABLE)[THIS_ROW] == CUTS[0] and result.prior is None and not result.changed
        assert all(e.kind == "doubtful" for k, e in result.evidence.items())


def test_only_the_year_before_counts():
    prior = _prior(CUTS[1])
    prior.year = 2021
    result = reconcile([_ambiguous_year(CUTS)], prior=prior)
    assert result.prior is None and getattr(result.report, TABLE)[THIS_ROW] == CUTS[0]


def test_the_raw_digits_alone_let_the_previous_year_settle_without_alternatives():
    report = _ambiguous_year(CUTS)
    report.alternatives = {}
    result = reconcile([report], prior=_prior(CUTS[1]))  # "123" = "1" + "23"
    assert getattr(result.report, TABLE)[THIS_ROW] == CUTS[1]
    other = copy.deepcopy(report)
    result = reconcile([other], prior=_prior({"natural_person": 1, "total": 24}))  # "124" is not "123"
    assert getattr(result.report, TABLE)[THIS_ROW] == CUTS[0] and result.prior is None
