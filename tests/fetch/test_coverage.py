"""Who has not published: `xxgk fetch` over the local Pingtan site, then a build, then the
roster step (`pipelines.warehouse.roster.load_roster`, the build's hook) — every fetched report
lands with its source URL and publication date, and coverage says published / late / missing."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pytest
from shared_data import SHARED
from site_helpers import Site, serve
from test_fetch import COLUMN, _column, add_pingtan

from pipelines.fetch import fetch, load_records
from pipelines.warehouse import queries, roster
from pipelines.warehouse.sqlfiles import run_folder


@pytest.fixture(scope="module")
def covered(tmp_path_factory):
    """(connection to a built warehouse with the roster loaded, raw folder, fetch summary,
    roster summary), built once for the module."""
    from pipelines.fetch import FetchOptions
    from pipelines.flow.build import build

    pingtan = Site()
    server, _ = serve(pingtan)
    add_pingtan(pingtan)
    tmp_path = tmp_path_factory.mktemp("coverage")
    opts = FetchOptions(delay=0.0, retries=0, trust_env=False, sleep=lambda _: None)
    raw = tmp_path / "raw"
    summary = fetch(raw_dir=raw, options=opts, columns=[_column(pingtan)])
    (raw / "by-hand").mkdir()
    shutil.copy(SHARED / "corpus" / "v2019_05.html", raw / "by-hand" / "v2019_05.html")
    roster_csv = tmp_path / "roster.csv"
    roster_csv.write_text(
        "agency,region,list_url,since\n"
        f"平潭综合实验区,福建省福州市平潭县,{pingtan.url(COLUMN)},2016\n"
        "平湖市统计局,浙江省嘉兴市平湖市,,2020\n", encoding="utf-8")
    warehouse = tmp_path / "wh" / "xxgk.duckdb"
    build(raw, warehouse, workers=1, validate=False)
    # the hook runs inside the build on the unpublished file; here, on a copy of the published one
    copy = warehouse.with_name("copy.duckdb")
    shutil.copy(warehouse, copy)
    con = duckdb.connect(str(copy))
    result = roster.load_roster(con, raw_dir=raw, roster_csv=roster_csv)
    run_folder(con, "views")
    yield con, raw, summary, result
    con.close()
    server.shutdown()
    server.server_close()


def _coverage(con, agency_like: str) -> dict[int, dict]:
    cur = con.execute("SELECT * FROM v_coverage WHERE agency LIKE $a ORDER BY year", {"a": agency_like})
    names = [d[0] for d in cur.description]
    return {row[names.index("year")]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}


def test_fetched_reports_carry_their_source_url_and_dates(covered):
    con, raw, _, result = covered
    assert result.problems == [] and result.from_csv == 2 and result.from_gazetteer > 3000
    saved = {r.sha256: r for r in load_records(raw, saved_only=True)}
    rows = con.execute("SELECT sha256, source_url, published_at, fetched_at, source_path FROM dim_report").fetchall()
    assert rows
    for sha, url, published, fetched, path in rows:
        if "by-hand" in path:
            assert (url, published, fetched) == (None, None, None)  # put in raw/ by hand
            continue
        record = saved[sha]
        assert url == record.url and published == date.fromisoformat(record.published_at)
        assert fetched is not None
    assert result.reports_with_source == len([r for r in rows if "by-hand" not in r[4]])


def test_coverage_says_published_late_quarantined_and_missing(covered):
    con, _, summary, _ = covered
    years = _coverage(con, "平潭综合实验区")
    assert min(years) == 2016  # the roster's since; the column lists 2016-2025
    # 2024: the corpus's report, printed as published 2025-03-10, 38 days after 31 January
    y2024 = years[2024]
    assert y2024["published"] and y2024["status"] in ("ok", "issues")
    assert (y2024["published_at"], y2024["due_date"], y2024["days_late"], y2024["late"]) == \
        (date(2025, 3, 10), date(2025, 1, 31), 38, True)
    # 2017: under the 2008 Regulations, due 31 March 2018; published 23 January: on time
    y2017 = years[2017]
    assert (y2017["due_date"], y2017["days_late"], y2017["late"]) == (date(2018, 3, 31), 0, False)
    assert y2017["status"] in ("ok", "issues", "quarantined")
    # 2025 and 2016: listed on the column, not on the site: fetch_failed with the reason
    for y in (2016, 2025):
        assert years[y]["status"] == "fetch_failed" and years[y]["fetch_reason"] == "HTTP 404 not found"
    assert years[2025]["published_at"] == date(2026, 3, 10)  # the date printed on the list
    failed_years = {f.year for f in summary.failures}
    assert {y for y, row in years.items() if row["status"] == "fetch_failed"} == failed_years
    # an agency of the roster CSV with no report at all: not found from its since year on
    pinghu = _coverage(con, "平湖市统计局")
    assert min(pinghu) == 2020 and {r["status"] for r in pinghu.values()} <= {"not_found", "not_yet_due"}
    # a people's government of the gazetteer: expected every year, none found
    gov = _coverage(con, "江苏省宿迁市沭阳县人民政府")
    assert set(gov) == set(years) and {r["status"] for r in gov.values()} <= {"not_found", "not_yet_due"}


def test_the_coverage_queries_answer_by_region_and_kind(covered):
    con, *_ = covered
    cov = queries.get("coverage")
    cols, rows = queries.run(cov, cov.bind({"year": "2024", "province": "福建省"}), con)
    by_city = {r[cols.index("region")]: dict(zip(cols, r, strict=True)) for r in rows}
    fuzhou = by_city["福州市"]
    expected = con.execute("SELECT count(*) FROM v_coverage WHERE year = 2024 AND city = '福州市'").fetchall()[0][0]
    assert fuzhou["expected"] == expected and fuzhou["published"] >= 1 and fuzhou["late"] >= 1
    late = queries.get("late_reports")
    cols, rows = queries.run(late, late.bind({"province": "福建省"}), con)
    assert ("平潭综合实验区", 2024, 38) in [(r[cols.index("agency")], r[cols.index("year")], r[cols.index("days_late")])
                                        for r in rows]
    missing = queries.get("missing_reports")
    cols, rows = queries.run(missing, missing.bind({"kind": "special_zone", "province": "福建省"}), con)
    statuses = {(r[cols.index("year")], r[cols.index("status")]) for r in rows}
    assert (2025, "fetch_failed") in statuses and all(s != "ok" for _, s in statuses)
    assert rows[0][cols.index("list_url")] is not None  # agencies with a known column first
    assert "| year | expected |" in roster.coverage_markdown(con)


def test_the_gazetteer_roster_names_each_government_once():
    govs = roster.gazetteer_governments()
    keys = [g.roster_key for g in govs]
    assert len(keys) == len(set(keys))
    # a government is its region's code; a prefecture's 行政公署 reads as an office, by its name
    assert all(g.roster_key == f"gov:{g.adcode}" for g in govs if g.kind == "government")
    assert len([g for g in govs if g.kind != "government"]) == 10
    names = {g.name for g in govs}
    assert "江苏省宿迁市沭阳县人民政府" in names and not any("香港" in n or "台湾" in n for n in names)
    # two spellings of one government are one agency
    short = roster.entry_for("沭阳县人民政府", "roster")
    assert short.roster_key == "gov:321322" == roster.entry_for("江苏省宿迁市沭阳县人民政府", "roster").roster_key
    analyst = roster.entry_for(govs[0].name, "roster")
    analyst.list_url = "http://example.org/col/"
    merged = {m.roster_key: m for m in roster.merge([*govs[:5], analyst])}
    assert len(merged) == 5
    assert merged[govs[0].roster_key].sources == ["gazetteer", "roster"]
    assert merged[govs[0].roster_key].list_url == "http://example.org/col/"


def test_a_roster_csv_with_problems_names_them(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("agency,region,since\n,福建省,\n某某局,火星省,\n平湖市统计局,,20x\n", encoding="utf-8")
    entries, problems = roster.read_roster_csv(path)
    assert [e.name for e in entries] == ["某某局", "平湖市统计局"]
    assert len(problems) == 3 and all(str(path) in p for p in problems)
    assert entries[1].province == "浙江省" and entries[1].since_year is None
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nx\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no 'agency' column"):
        roster.read_roster_csv(bad)
