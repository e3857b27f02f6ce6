"""The analyst's queries run, bind their parameters as values, and explain bad input."""

from __future__ import annotations

import json

import duckdb
import pytest

from pipelines.cli import main
from pipelines.warehouse import queries

REQUIRED = [
    "applications_yoy_by_agency", "applications_yoy_by_region", "applications_yoy_national", "outcome_shares",
    "review_litigation_rates", "continuity_breaks", "top_agencies", "template_mix_by_year",
]


def test_every_query_is_documented_and_runs_with_its_defaults(corpus_warehouse):
    _, warehouse = corpus_warehouse
    catalogue = queries.catalogue()
    assert set(REQUIRED) <= set(catalogue)
    con = queries.connect_read_only(warehouse)
    for q in catalogue.values():
        assert len(q.description) > 40, f"{q.name} needs a leading comment saying what it answers"
        columns, _ = queries.run(q, q.bind({}), con)
        assert columns
    con.close()


def test_parameters_are_bound_not_pasted(corpus_warehouse):
    _, warehouse = corpus_warehouse
    con = queries.connect_read_only(warehouse)
    top = queries.get("top_agencies")
    _, rows = queries.run(top, top.bind({"limit": "1", "year": "2024"}), con)
    assert [r[1] for r in rows] == ["平潭综合实验区"]
    by_agency = queries.get("applications_yoy_by_agency")
    _, rows = queries.run(by_agency, by_agency.bind({"agency": "x' OR '1'='1"}), con)
    assert rows == []
    _, rows = queries.run(by_agency, by_agency.bind({"agency": "平潭"}), con)
    assert rows and all("平潭" in r[0] for r in rows)
    con.close()


def test_answers_match_the_facts(corpus_warehouse):
    _, warehouse = corpus_warehouse
    con = queries.connect_read_only(warehouse)
    national = queries.get("applications_yoy_national")
    columns, rows = queries.run(national, {}, con)
    by_year = {r[0]: dict(zip(columns, r, strict=True)) for r in rows}
    expected = con.execute(
        "SELECT r.year, sum(f.count) FROM fact_application f JOIN dim_report r USING (report_id) "
        "WHERE r.is_current AND f.row_code = 'new' AND f.applicant_type = 'total' GROUP BY r.year").fetchall()
    assert {y: by_year[y]["applications"] for y, _ in expected} == dict(expected)
    shares = queries.get("outcome_shares")
    columns, rows = queries.run(shares, shares.bind({"year": "2024"}), con)
    groups = [r for r in rows if r[2] == "(all)"]
    assert sum(r[4] for r in groups) == pytest.approx(100, abs=0.1)
    mix = queries.get("template_mix_by_year")
    _, rows = queries.run(mix, {}, con)
    assert {(r[0], r[1]) for r in rows} >= {(2019, "v2019"), (2024, "v2021")}
    con.close()


def test_unknown_query_parameter_or_value_gets_a_clear_message():
    with pytest.raises(queries.QueryError, match="no query named"):
        queries.get("nope")
    top = queries.get("top_agencies")
    with pytest.raises(queries.QueryError, match=r"no parameter limt.*year, limit"):
        top.bind({"limt": "3"})
    with pytest.raises(queries.QueryError, match="INTEGER"):
        top.bind({"limit": "three"})
    with pytest.raises(queries.QueryError, match="no warehouse"):
        queries.connect_read_only("/nonexistent/xxgk.duckdb")


def test_queries_open_the_warehouse_read_only(corpus_warehouse):
    _, warehouse = corpus_warehouse
    con = queries.connect_read_only(warehouse)
    with pytest.raises(duckdb.Error):
        con.execute("CREATE TABLE scribble (a INTEGER)")
    con.close()


def test_xxgk_query_cli(corpus_warehouse, capsys):
    _, warehouse = corpus_warehouse
    assert main(["query", "top_agencies", "--param", "limit=2", "--json", "--warehouse", str(warehouse)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 2 and rows[0]["rank"] == 1
    assert main(["query", "template_mix_by_year", "--csv", "--warehouse", str(warehouse)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "year,template,reports,share_pct"
    assert main(["query", "--list"]) == 0
    assert "continuity_breaks" in capsys.readouterr().out
    assert main(["query", "top_agencies", "-p", "bogus=1", "--warehouse", str(warehouse)]) == 2
    assert "no parameter bogus" in capsys.readouterr().err
    assert main(["query", "nope", "--warehouse", str(warehouse)]) == 2


def test_xxgk_build_cli(tmp_path, capsys):
    from warehouse_fixtures import copy_corpus

    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "w" / "xxgk.duckdb"
    assert main(["build", "--raw", str(raw), "--warehouse", str(warehouse), "--from-gold", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "reports by status" in out and "quarantined" in out and "published" in out
    assert warehouse.is_file()
    assert main(["build", "--raw", str(tmp_path / "missing"), "--warehouse", str(warehouse)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_year_over_year_like_for_like_matches_the_facts(tmp_path):
    """The national yoy query reads agg_application_totals; its figures equal those computed
    from fact_application directly (current reports, the same agency in consecutive years)."""
    from pipelines.synth.corpus import Options, write_corpus

    raw = tmp_path / "raw"
    write_corpus(raw, 12, Options(years=(2021, 2022, 2023), seed=4, junk_rate=0.0, missing_rate=0.0))
    warehouse = tmp_path / "xxgk.duckdb"
    assert main(["build", "--raw", str(raw), "--warehouse", str(warehouse), "--from-gold", "--no-validate"]) == 0
    con = queries.connect_read_only(warehouse)
    national = queries.get("applications_yoy_national")
    columns, rows = queries.run(national, {}, con)
    got = {r[0]: dict(zip(columns, r, strict=True)) for r in rows}
    expected = con.execute("""
        WITH a AS (
            SELECT r.agency_id, r.year, f.count AS new
            FROM fact_application f JOIN dim_report r USING (report_id)
            WHERE r.is_current AND f.row_code = 'new' AND f.applicant_type = 'total')
        SELECT c.year, count(*), round(100.0 * (sum(c.new) - sum(p.new)) / nullif(sum(p.new), 0), 1)
        FROM a c JOIN a p ON p.agency_id = c.agency_id AND p.year = c.year - 1
        GROUP BY c.year""").fetchall()
    con.close()
    assert expected and {2022, 2023} <= {y for y, _, _ in expected}
    for year, agencies, change in expected:
        assert got[year]["agencies_both_years"] == agencies
        assert got[year]["change_pct_like_for_like"] == change
    assert got[2021]["agencies_both_years"] is None
