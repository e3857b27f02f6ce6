import pytest

from pipelines.quality import adjudications as adj


def test_committed_file_parses():
    for a in adj.load():
        assert a.decision in adj.DECISIONS


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
