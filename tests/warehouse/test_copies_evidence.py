"""The warehouse's evidence from outside a file, on Reports made here: the previous year settling an
ambiguous continuity row, and a page and its attachment (linked by the fetch records) that
disagree kept as copies with both readings."""

from __future__ import annotations

from datetime import datetime

import duckdb

from pipelines import spec
from pipelines.parse.report import Cell, Issue, Report
from pipelines.warehouse import stage
from pipelines.warehouse.load import connect, load_staged, settle_copies

TABLE, THIS_ROW, LAST_ROW = spec.CONTINUITY
CUTS = [{"natural_person": 12, "total": 3}, {"natural_person": 1, "total": 23}]


def _load(tmp_path, reports, name="batch", base=None, when="2031-02-01 03:00"):
    folder = tmp_path / f"staging-{name}"
    stage.write_parquet(stage.frames(reports), folder, name)
    db = tmp_path / f"{name}.duckdb"
    return db, load_staged(folder, db, base=base, ingested_at=datetime.fromisoformat(when))


def _years() -> list[Report]:
    where = f"{TABLE}/{THIS_ROW}"
    last = Report(path="raw/x_2022.html", agency="某县统计局", year=2022, template="v2021", sha256="a" * 64,
                  **{TABLE: {LAST_ROW: dict(CUTS[1])}},
                  provenance={f"{TABLE}/{LAST_ROW}/{c}": Cell(f"table 2 row 20 col {n}", str(v))
                              for n, (c, v) in enumerate(CUTS[1].items(), start=2)})
    this = Report(path="raw/x_2023.txt", agency="某县统计局", year=2023, template="v2021", sha256="b" * 64,
                  **{TABLE: {THIS_ROW: dict(CUTS[0])}},
                  issues=[Issue("digits_ambiguous", "warning", where, "2 cuts fit")],
                  alternatives={where: [dict(c) for c in CUTS]},
                  provenance={f"{where}/{c}": Cell("line 10 col 1", "123") for c in CUTS[0]})
    return [last, this]


def test_the_previous_year_settles_an_ambiguous_continuity_row_in_the_warehouse(tmp_path):
    db, _ = _load(tmp_path, _years())
    con = duckdb.connect(str(db), read_only=True)
    try:
        alternatives = con.execute("SELECT alternative_no, col_code, value FROM row_alternative "
                                   "ORDER BY 1, 2").fetchall()
        assert [(n, c, int(v)) for n, c, v in alternatives] == [
            (0, "natural_person", 12), (0, "total", 3), (1, "natural_person", 1), (1, "total", 23)]
        rid, layout = con.execute("SELECT report_id, layout FROM dim_report WHERE is_current AND year = 2023"
                                  ).fetchone()
        assert layout == "reconciled"
        cells = dict(con.execute("SELECT applicant_type, count FROM fact_application WHERE report_id = $id "
                                 "AND row_code = $row", {"id": rid, "row": THIS_ROW}).fetchall())
        assert cells == CUTS[1]
        prior = con.execute("SELECT d.source_path FROM report_copy c JOIN dim_report d ON d.report_id = c.member_id "
                            "WHERE c.report_id = $id AND c.role = 'prior_year'", {"id": rid}).fetchall()
        assert prior == [("raw/x_2022.html",)]
        kinds = {e for (e,) in con.execute("SELECT evidence FROM cell_evidence WHERE report_id = $id", {"id": rid}
                                           ).fetchall()}
        assert kinds == {"settled_by_prior_year"}
        [(message,)] = con.execute("SELECT message FROM parse_issue WHERE report_id = $id "
                                   "AND code = 'settled_by_prior_year'", {"id": rid}).fetchall()
        assert "raw/x_2022.html" in message
        plain = con.execute("SELECT is_current, superseded_by FROM dim_report WHERE sha256 = $s",
                            {"s": "b" * 64}).fetchone()
        assert plain == (False, rid)
    finally:
        con.close()
    # the same files again, on top: nothing new, nothing superseded
    _, again = _load(tmp_path, _years(), name="again", base=db, when="2031-03-01 03:00")
    assert again.reports_new == 0 and again.superseded == 0 and not again.changed


def _page_and_attachment() -> list[Report]:
    def reading(path: str, sha: str, total: int, where: str) -> Report:
        return Report(path=path, agency="某市教育局", year=2022, template="v2021", sha256=sha,
                      applications={"new": {"natural_person": 3, "total": total}},
                      provenance={"applications/new/natural_person": Cell(f"{where} a", "3"),
                                  "applications/new/total": Cell(f"{where} b", str(total))})
    return [reading("raw/y.html", "c" * 64, 3, "table 2 row 3"), reading("raw/y.pdf", "d" * 64, 4, "page 2 line 7")]


def test_a_page_and_its_attachment_that_disagree_are_copies_with_both_readings(tmp_path):
    db, _ = _load(tmp_path, _page_and_attachment())
    con = connect(db)
    try:  # alone, the certain cells differ: a revision, no reconciled version
        assert con.execute("SELECT count(*) FROM dim_report WHERE layout = 'reconciled'").fetchone()[0] == 0
        con.execute("INSERT INTO fetch_record (url, role, parent_url, sha256) VALUES "
                    "('http://x/y.html', 'page', NULL, $p), ('http://x/y.pdf', 'attachment', 'http://x/y.html', $a)",
                    {"p": "c" * 64, "a": "d" * 64})
        assert settle_copies(con, datetime(2031, 2, 1, 3, 0)) == 1
        rid, = con.execute("SELECT report_id FROM dim_report WHERE is_current AND layout = 'reconciled'").fetchone()
        evidence = dict(((c, (e, len(s))) for c, e, s in con.execute(
            "SELECT col_code, evidence, sources FROM cell_evidence WHERE report_id = $id", {"id": rid}).fetchall()))
        assert evidence == {"natural_person": ("confirmed", 2), "total": ("copies_disagree", 2)}
        issue = con.execute("SELECT location, message FROM parse_issue WHERE report_id = $id "
                            "AND code = 'copies_disagree'", {"id": rid}).fetchall()
        assert issue and issue[0][0] == "applications/new/total" and "raw/y.pdf" in issue[0][1]
        assert settle_copies(con, datetime(2031, 2, 1, 3, 0)) == 0  # the same readings: the same version
    finally:
        con.close()
