"""The parser on the real reports in ../shared: every cell of every gold file, exactly."""

from __future__ import annotations

import pytest
from shared_data import gold_pairs

from pipelines.parse import parse_file
from pipelines.spec import TABLES

PAIRS = gold_pairs("seeds") + gold_pairs("corpus")


def _cells(d: dict) -> dict[tuple[str, str, str], object]:
    return {(t, r, c): v for t in TABLES for r, cols in (d.get(t) or {}).items() for c, v in cols.items()}


@pytest.mark.skipif(not PAIRS, reason="../shared is not present")
@pytest.mark.parametrize("raw,gold", PAIRS, ids=[p.name for p, _ in PAIRS])
def test_every_cell_matches_gold(raw, gold):
    report = parse_file(raw).to_dict()
    want, got = _cells(gold), _cells(report)
    wrong = {k: (got.get(k), v) for k, v in want.items() if got.get(k) is None or abs(got[k] - v) > 1e-9}
    assert not wrong
    assert report["template"] == gold["template"]
    extra = {k for k, v in got.items() if k not in want and v not in (0, None)}
    assert not extra


@pytest.mark.skipif(not PAIRS, reason="../shared is not present")
@pytest.mark.parametrize("raw,gold", PAIRS, ids=[p.name for p, _ in PAIRS])
def test_agency_and_year(raw, gold):
    report = parse_file(raw)
    assert (report.agency, report.year) == (gold["agency"], gold["year"])


def _rules_broken(report) -> set[str]:
    return {i.message.split(" ")[0] for i in report.issues if i.code == "rule_broken"}


@pytest.mark.skipif(not PAIRS, reason="../shared is not present")
def test_rules_the_reports_break_are_flagged():
    by_name = {raw.name: raw for raw, _ in PAIRS}
    assert _rules_broken(parse_file(by_name["v2019_01.html"])) == {"rule2", "rule3"}
    assert _rules_broken(parse_file(by_name["v2021_02.md"])) == {"rule1", "rule3"}
    for name in ("v2019_05.html", "v2021_04.html", "v2021_08.txt", "v2019_10.txt", "v2021_13.txt"):
        assert _rules_broken(parse_file(by_name[name])) == set(), name


@pytest.mark.skipif(not PAIRS, reason="../shared is not present")
def test_prose_contradiction_is_flagged():
    raw = next(p for p, _ in PAIRS if p.name == "v2019_01.html")
    # the prose says 共受理政府信息公开申请859件, as the table does
    assert "prose_mismatch" not in {i.code for i in parse_file(raw).issues}
    altered = raw.read_bytes().replace("共受理政府信息公开申请859件".encode(), "共受理政府信息公开申请869件".encode())
    from pipelines.parse import parse_bytes

    issues = [i for i in parse_bytes(altered, "altered.html").issues if i.code == "prose_mismatch"]
    assert issues and "869" in issues[0].message


@pytest.mark.skipif(not PAIRS, reason="../shared is not present")
def test_run_together_digits_are_split_and_ambiguity_reported():
    raw = next(p for p, _ in PAIRS if p.name == "v2021_08.txt")
    report = parse_file(raw)
    assert report.applications["granted"]["natural_person"] == 27  # only the column sums exclude 2|7|0|0|20|1|30
    ambiguous = [i for i in report.issues if i.code == "digits_ambiguous"]
    assert [i.where for i in ambiguous] == ["active/normative_docs"]  # no sum rule decides table 2


@pytest.mark.skipif(not PAIRS, reason="../shared is not present")
def test_rows_placed_by_position_are_reported():
    raw = next(p for p, _ in PAIRS if p.name == "v2021_02.md")
    report = parse_file(raw)
    inferred = {i.where for i in report.issues if i.code == "row_inferred"}
    assert "applications/partial" in inferred
    assert any(i.code == "stray_value" for i in report.issues)


@pytest.mark.skipif(not PAIRS, reason="../shared is not present")
def test_provenance_points_at_the_source():
    raw = next(p for p, _ in PAIRS if p.name == "v2019_01.html")
    report = parse_file(raw)
    cell = report.provenance["applications/new/total"]
    assert cell.raw == "859" and cell.where.startswith("table 2 row")
    seed = next(p for p, _ in PAIRS if p.name.startswith("000_"))
    cell = parse_file(seed).provenance["active/punishment/decisions"]
    assert cell.raw == "12" and cell.where.startswith("line ")
