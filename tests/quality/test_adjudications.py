import pytest

from pipelines.quality import adjudications as adj


def test_committed_file_decides_nothing_and_its_examples_are_valid():
    """A fresh checkout adjudicates nothing (no "match no failure here" on every run); the
    commented examples parse, once uncommented, as a real decision by sha256 and one by agency/year."""
    assert adj.load() == []
    examples = adj.examples()
    assert {a.decision for a in examples} == set(adj.DECISIONS)
    assert any(a.sha256 and a.year is None for a in examples)
    assert any(not a.sha256 and a.agency and a.year for a in examples)


def test_comments_are_skipped_and_errors_name_the_file_line(tmp_path):
    path = tmp_path / "adj.csv"
    path.write_text("# a comment\nsha256,agency,year,rule,decision,reason\n# another\n\n"
                    ",某局,2020,rule1,confirmed,\n,某局,2021,rule1,dismissed,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 6: a dismissal needs a reason"):
        adj.load(path)
    path.write_text("# only a comment\nsha256,agency,year,rule,decision,reason\n# ,某局,2020,*,confirmed,\n",
                    encoding="utf-8")
    assert adj.load(path) == []


def test_rule_specific_decision_wins_and_agency_year_matches():
    rows = [
        {"sha256": "", "agency": "某局", "year": "2020", "rule": "*", "decision": "confirmed", "reason": ""},
        {"sha256": "", "agency": "某局", "year": "2020", "rule": "rule3", "decision": "dismissed",
         "reason": "misread"},
    ]
    decisions = adj.parse_rows(rows)
    assert adj.decide(decisions, "x", "某局", 2020, "rule3").decision == "dismissed"
    assert adj.decide(decisions, "x", "某局", 2020, "rule1").decision == "confirmed"
    assert adj.decide(decisions, "x", "某局", 2021, "rule1") is None


def test_dismissal_needs_a_reason():
    with pytest.raises(ValueError, match="line 2"):
        adj.parse_rows([{"sha256": "ab", "rule": "rule1", "decision": "dismissed", "reason": ""}])
