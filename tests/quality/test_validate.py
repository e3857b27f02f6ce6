"""One validation run over a warehouse of known reports: the real corpus, the seeds, and
synthetic agencies with injected errors (each recorded with its report and rule)."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from quality_fixtures import agency_chain, build_warehouse

from pipelines import spec
from pipelines.quality.adjudications import ADJUDICATIONS_CSV

CORPUS_BROKEN = {"v2019_01": ["rule2", "rule3"], "v2021_02": ["rule1", "rule3"]}


def _by_id(reports):
    return {r["report_id"]: r for r in reports}


def _injected(rng: random.Random) -> tuple[list[dict], dict[str, set[str]]]:
    """Synthetic agencies 2019–2024 with one kind of error each; returns reports and what is broken."""
    reports, broken = [], {}
    chains = {name: agency_chain(rng, name, f"合成县{name}局", range(2019, 2025))
              for name in ("A", "B", "C", "D", "E", "F", "G", "H", "I", "clean1", "clean2")}
    for chain in chains.values():
        reports += chain
    r = _by_id(reports)

    r["A-2020"]["applications"]["granted"]["natural_person"] += 10  # a digit off
    broken["A-2020"] = {"rule2", "rule3"}

    # a carried_forward total printed blank: breaks the report's balance and row sum, and the
    # continuity with the next year, which is charged to it (its own balance fails too)
    rid = next(x["report_id"] for x in chains["B"][:-1] if x["applications"]["carried_forward"]["total"])
    r[rid]["applications"]["carried_forward"]["total"] = 0
    broken[rid] = {"rule1", "rule3", "rule6"}

    # carried over one more, received one fewer: table 3 still adds up, continuity breaks
    rid, col = next((x["report_id"], c) for x in chains["C"][1:] for c in spec.APPLICANT_PARTS
                    if x["applications"]["new"][c])
    for row, d in (("carried_over", 1), ("new", -1)):
        r[rid]["applications"][row][col] += d
        r[rid]["applications"][row]["total"] += d
    broken[rid] = {"rule6"}

    twin = {**r["D-2023"], "report_id": "D-2023-copy"}  # a second current report for one year
    reports.append(twin)
    broken["D-2023"] = broken["D-2023-copy"] = {"structure"}

    apps = r["E-2022"]["applications"]
    for c, v in apps["rejected_mass"].items():  # move the row's counts, then lose the row
        apps["granted"][c] += v
    del apps["rejected_mass"]
    broken["E-2022"] = {"structure"}

    r["F-2021"]["active"]["bogus_item"] = {"issued": 1}  # a code the spec does not know
    broken["F-2021"] = {"structure"}

    rev = r["H-2020"]["review_litigation"]["review"]  # a negative count that still sums
    rev["upheld"] -= rev["upheld"] + 1
    rev["total"] = sum(rev[o] for o in spec.REVIEW_PARTS)
    broken["H-2020"] = {"rule5"}

    r["I-2022"]["active"]["licensing"]["decisions"] = -2  # table 2 counts too (negative `change` is fine)
    broken["I-2022"] = {"rule5"}

    r["G-2022"]["applications"]["granted"]["total"] += 1  # flagged, then dismissed by the analyst
    return reports, broken


@pytest.fixture(scope="module")
def run(tmp_path_factory, corpus_reports, seed_reports):
    from pipelines.quality.validate import validate_warehouse

    tmp = tmp_path_factory.mktemp("quality")
    synthetic, broken = _injected(random.Random(20240501))
    corpus = [dict(r) for r in corpus_reports]
    for r in corpus:  # the same report saved twice: the warehouse keeps one current
        r["is_current"] = r["report_id"] not in ("v2019_10", "v2021_13")
    reports = corpus + list(seed_reports) + synthetic
    db = build_warehouse(tmp / "w.duckdb", reports)
    adjudications = tmp / "adjudications.csv"
    shutil.copy(ADJUDICATIONS_CSV, adjudications)  # the committed header and commented examples
    v2019_01 = next(r["sha256"] for r in corpus if r["report_id"] == "v2019_01")
    with open(adjudications, "a", encoding="utf-8") as f:
        f.write(f"{v2019_01},,,rule2,confirmed,as published\n{v2019_01},,,rule3,confirmed,as published\n"
                ",合成县G局,2022,*,dismissed,the total cell was misread from a smudged scan\n")
    con = duckdb.connect(str(db))
    facts_before = con.execute("SELECT count(*), sum(count) FROM fact_application").fetchone()
    con.close()
    summary = validate_warehouse(db, docs_dir=tmp / "docs", run_id="test-run", adjudications_path=adjudications)
    return {"summary": summary, "db": db, "broken": broken, "reports": reports, "facts": facts_before,
            "docs": tmp / "docs"}


def _rows(db: Path, sql: str, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_corpus_reports_break_the_rules_their_gold_notes_say(run):
    broken = run["summary"].broken
    for rid in ("v2019_01", "v2019_05", "v2021_02", "v2021_04", "v2021_08", "v2019_10", "v2021_13"):
        assert broken.get(rid, []) == CORPUS_BROKEN.get(rid, []), rid


def test_every_injected_error_is_found_and_no_clean_report_is_flagged(run):
    expected = {rid: sorted(rules) for rid, rules in run["broken"].items() if rid != "G-2022"}
    expected.update(CORPUS_BROKEN)
    assert run["summary"].broken == expected


def test_summary_counts_reports_passing_every_rule(run):
    s = run["summary"]
    current = [r for r in run["reports"] if r.get("is_current", True)]
    assert s.reports == len(current)
    assert s.reports_passing == len(current) - len(s.broken)
    by_suite = {x.suite: x for x in s.suites}
    assert by_suite["fact_application"].failed >= 4
    assert "A-2020" in by_suite["fact_application"].failing_report_ids
    assert by_suite["fact_review_litigation"].failing_report_ids == ["H-2020"]
    assert by_suite["dim_report"].failing_report_ids == ["D-2023", "D-2023-copy"]
    assert by_suite["fact_active_disclosure"].failing_report_ids == ["F-2021", "I-2022"]
    assert not any(x.errors for x in s.suites)
    assert not s.unused_adjudications


def test_check_result_names_report_rule_and_cells(run):
    rows = _rows(run["db"], "SELECT rule, check_name, observed, expected, status FROM check_result "
                 "WHERE report_id = 'A-2020' ORDER BY rule")
    assert [r[:2] for r in rows] == [("rule2", "handled/natural_person"), ("rule3", "applicants/granted")]
    assert all(r[4] == "failed" and r[2] != r[3] for r in rows)
    cells = _rows(run["db"], "SELECT cells FROM check_result WHERE report_id = 'A-2020' AND rule = 'rule3'")
    assert cells == [("applications: granted/natural_person + granted/commercial + granted/research + "
                      "granted/social_org + granted/legal_service + granted/other = granted/total",)]
    # one summary row per expectation of every suite
    n_expectations = sum(x.evaluated for x in run["summary"].suites)
    assert _rows(run["db"], "SELECT count(*) FROM check_result WHERE report_id IS NULL AND check_name IS NULL"
                 )[0][0] == n_expectations


def test_suggestions_propose_the_smallest_correction(run):
    sugg = run["summary"].suggestions
    true = run["reports"][[r["report_id"] for r in run["reports"]].index("A-2020")]
    assert sugg["v2021_02"].startswith("change 1 cell (applications/carried_forward/total: 0 → 1)")
    printed = true["applications"]["granted"]["natural_person"]
    assert f"applications/granted/natural_person: {printed} → {printed - 10})" in sugg["A-2020"]
    assert sugg["v2019_01"].startswith("change 11 cells")
    stored = _rows(run["db"], "SELECT DISTINCT suggestion FROM check_result WHERE report_id = 'A-2020'")
    assert stored == [(sugg["A-2020"],)]


def test_adjudications_are_honoured_and_shown(run):
    statuses = _rows(run["db"], "SELECT DISTINCT report_id, rule, status, adjudication FROM check_result "
                     "WHERE report_id IN ('v2019_01', 'G-2022') ORDER BY ALL")
    assert statuses == [
        ("G-2022", "rule2", "dismissed", "dismissed"), ("G-2022", "rule3", "dismissed", "dismissed"),
        ("v2019_01", "rule2", "confirmed", "confirmed"), ("v2019_01", "rule3", "confirmed", "confirmed"),
    ]
    quality = dict(_rows(run["db"], "SELECT report_id, passes_all_rules FROM report_quality"))
    assert quality["G-2022"] is True
    assert quality["v2019_01"] is False
    assert quality["A-2019"] is True
    assert "v2019_10" not in quality  # superseded versions are not checked


def test_failures_keep_the_data(run):
    assert _rows(run["db"], "SELECT count(*), sum(count) FROM fact_application")[0] == run["facts"]


def test_data_docs_are_built(run):
    index = run["docs"] / "index.html"
    assert index.is_file()
    html = index.read_text(encoding="utf-8")
    assert "fact_application" in html and "dim_report" in html
    assert list((run["docs"] / "validations").rglob("*.html"))


def test_cli_validates_a_warehouse(tmp_path, corpus_reports, capsys):
    from pipelines.cli import main

    reports = [dict(r) for r in corpus_reports if r["report_id"] in ("v2019_01", "v2021_04")]
    db = build_warehouse(tmp_path / "c.duckdb", reports)
    # --strict: exit 1, since v2019_01 breaks rules 2 and 3
    assert main(["validate", "--warehouse", str(db), "--no-docs", "--strict", "--list",
                 "--adjudications", str(tmp_path / "none.csv")]) == 1
    out = capsys.readouterr().out
    assert "1 of 2 reports pass every rule" in out
    agency = next(r["agency"] for r in reports if r["report_id"] == "v2019_01")
    listed = [line for line in out.splitlines() if line.startswith(agency)]
    assert [line.split(" — ")[1].split(":")[0] for line in listed] == ["rule2", "rule3"]
    assert all("fix: change 11 cells" in line and "report v2019_01" in line for line in listed)
    # the published file was checked as a copy and swapped in: results inside, nothing left over
    assert _rows(db, "SELECT DISTINCT report_id FROM check_result WHERE status = 'failed' "
                 "AND report_id IS NOT NULL") == [("v2019_01",)]
    assert {p.name for p in tmp_path.iterdir()} <= {"c.duckdb", "c.duckdb.lock"}


def test_an_expectation_that_cannot_run_is_recorded_not_raised(tmp_path, corpus_reports):
    from pipelines.quality.suites import SUITES_DIR
    from pipelines.quality.validate import validate_warehouse

    suites = tmp_path / "suites"
    shutil.copytree(SUITES_DIR, suites)
    path = suites / "dim_agency.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["expectations"].append({"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "nope"},
                                 "meta": {"name": "broken expectation", "rule": "structure"}})
    path.write_text(json.dumps(data), encoding="utf-8")
    db = build_warehouse(tmp_path / "e.duckdb", [dict(r) for r in corpus_reports[:1]])
    summary = validate_warehouse(db, suites_dir=suites, adjudications_path=None)
    by_suite = {s.suite: s for s in summary.suites}
    assert by_suite["dim_agency"].errors and by_suite["dim_agency"].failed == 1
    assert _rows(db, "SELECT status, message IS NOT NULL FROM check_result WHERE expectation = "
                 "'broken expectation'") == [("error", True)]


def test_cell_failures_name_each_cell_with_both_sides(run):
    rows = _rows(run["db"], "SELECT report_id, expectation, check_name, cells, observed, expected FROM check_result "
                 "WHERE report_id IN ('H-2020', 'I-2022', 'F-2021', 'E-2022') ORDER BY ALL")
    h = [r for r in rows if r[0] == "H-2020"]
    name = next(r[2] for r in h)
    assert name.endswith("/review_litigation/review/upheld")
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in h] == [
        ("rule5 integer", name, name, -1.0, 0.0), ("rule5 non-negative", name, name, -1.0, 0.0)]
    assert ("I-2022", "rule5 non-negative", "v2021/active/licensing/decisions", "v2021/active/licensing/decisions",
            -2.0, 0.0) in rows
    f = [r for r in rows if r[0] == "F-2021" and r[1] == "structure known codes"]
    assert [(r[2], r[4]) for r in f] == [("v2021/active/bogus_item/issued", 1.0)]
    e = [r for r in rows if r[0] == "E-2022" and r[1] == "structure rows complete"]
    assert [(r[2], r[5] - r[4]) for r in e] == [("rows/applications", len(spec.APPLICANTS))]


def test_fact_suites_validate_one_row_per_report(run):
    from pipelines.quality import checks
    from pipelines.quality.suites import fact_checks

    con = duckdb.connect(str(run["db"]))
    try:
        checks.materialise(con)
        frame = checks.fact_frame(con, "applications", [c.key for c in fact_checks("applications")])
        printing = con.execute("SELECT count(DISTINCT report_id) FROM fact_application JOIN checks.report "
                               "USING (report_id)").fetchone()[0]
    finally:
        con.close()
    assert len(frame) == printing and frame["report_id"].is_unique
    a = frame.set_index("report_id").loc["A-2020"]
    assert (a["rule3_observed"], a["rule3_expected"]) == (a["rule3_expected"] - 1, a["rule3_expected"])
    assert a["rule5_integer_observed"] == a["rule5_integer_expected"] > 0
    summary = _rows(run["db"], "SELECT element_count FROM check_result WHERE suite = 'fact_application' "
                    "AND expectation = 'rule3 applicants' AND report_id IS NULL")
    assert summary == [(printing,)]


def _listing(run) -> dict[tuple[str, str], str]:
    """(report id, rule) -> its line of `xxgk validate --list`."""
    out = {}
    for line in run["summary"].listing().splitlines():
        rid = line.rsplit("— report ", 1)[1].split()[0]
        rule = line.split(" — ")[1].split(":")[0].split()[0]
        out[(rid, rule)] = line
    return out


def test_every_failure_is_listed_with_names_and_a_fix_or_a_reason(run):
    by_id = _by_id(run["reports"])
    listing = _listing(run)
    assert set(listing) == {(rid, rule) for rid, rules in run["summary"].broken.items() for rule in rules}
    for (rid, rule), line in listing.items():
        assert line.startswith(f"{by_id[rid]['agency']} {by_id[rid]['year']}"), line
        assert rules_text(rule) in line
        head, _, why = line.partition("no fix proposed: ")
        assert "fix: change" in head or len(why.split(" — report ")[0]) > 20, line


def rules_text(rule: str) -> str:
    from pipelines.quality.rules import RULES

    return RULES[rule]


def test_the_listing_shows_the_cells_as_printed_and_where(run):
    line = _listing(run)[("A-2020", "rule2")]
    printed = _by_id(run["reports"])["A-2020"]["applications"]["granted"]["natural_person"]
    # the cell of the fix, with its labels from dim_code, the text printed and its place
    assert f'(applications/granted/natural_person) printed "{printed}" at line ' in line
    assert f"fix: change 1 cell (applications/granted/natural_person: {printed} → {printed - 10})" in line


def test_rules_without_a_correction_say_why(run):
    listing = _listing(run)
    assert "a count cannot be below 0" in listing[("H-2020", "rule5")]
    assert "two current reports for one agency and year" in listing[("D-2023", "structure")]
    assert "pipelines/templates/" in listing[("F-2021", "structure")]
    rule6 = [line for (rid, rule), line in listing.items() if rule == "rule6"]
    assert rule6 and all("fix: change" in x or "previous year's report" in x for x in rule6)
    # the reason is stored with the failure, for the pages and the workbook
    messages = _rows(run["db"], "SELECT DISTINCT message FROM check_result WHERE report_id = 'H-2020' "
                     "AND status = 'failed'")
    assert messages and all(m[0] and "re-read" in m[0] for m in messages)


def test_summary_lines_name_agencies_not_ids(run):
    text = run["summary"].text()
    line = next(x for x in text.splitlines() if x.strip().startswith("fact_review_litigation"))
    assert "合成县H局 2020" in line and "H-2020" not in line


def test_failures_markdown_table_of_the_worst_reports(run):
    from pipelines.quality import failures_markdown

    md = failures_markdown(run["db"], limit=3)
    lines = md.splitlines()
    assert lines[0].startswith("| agency | year | region | rule |")
    rows = [x for x in lines[2:] if x.startswith("| ")]
    assert len(rows) == 3 and "more (report, rule) failures" in md
    assert all(x.count(" | ") == 7 for x in rows)  # eight columns, no stray pipe
    md = failures_markdown(run["db"], suite="fact_review_litigation")
    assert "合成县H局 | 2020" in md and "rule5: every count is a non-negative integer" in md
    assert failures_markdown(run["db"], suite="dim_agency") == "No failing report in dim_agency."


def _pages(docs: Path) -> list[Path]:
    return sorted(docs.rglob("*.html"))


def test_data_docs_load_no_script_or_stylesheet_from_the_network(run):
    import re

    pages = _pages(run["docs"])
    assert len(pages) > 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>|<link\b[^>]*>", text, re.I):
            url = re.search(r"(?:src|href)=[\"']([^\"']*)[\"']", tag)
            if url is None or not (tag.lower().startswith("<script") or "stylesheet" in tag.lower()):
                continue
            assert not re.match(r"(https?:)?//", url.group(1)), f"{page.name} loads {url.group(1)}"
            assert (page.parent / url.group(1)).resolve().is_file(), f"{page.name}: {url.group(1)} not there"
        assert "bootstrap-table" not in text or "static/vendor/bootstrap-table.min.js" in text


def test_data_docs_name_the_failing_reports(run):
    [page] = (run["docs"] / "validations" / "fact_review_litigation").rglob("*.html")
    text = page.read_text(encoding="utf-8")
    assert "<b>合成县H局 2020</b><br>H-2020" in text  # the report id, named
    assert "Failing reports of fact_review_litigation" in text
    assert "<td>合成县H局</td><td>2020</td>" in text and "a count cannot be below 0" in text
    assert not re.search(r"\('[\d.]+', '[\d.]+'\)", text) and re.search(r">\d+ of \d+ hold<", text)
    listing = (run["docs"] / "failures.html").read_text(encoding="utf-8")
    assert "合成县A局" in listing and "fix: change 1 cell" in listing
    assert "failing reports by name" in run["summary"].text()


@pytest.mark.slow
def test_data_docs_render_in_a_browser_with_the_network_off(run, tmp_path):
    """Headless Chromium, every request outside the machine refused: the index's table of
    validations is drawn by bootstrap-table (vendored), so the page is not bare text."""
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium not installed (Debian package: chromium)")
    out = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--proxy-server=127.0.0.1:9",
         "--proxy-bypass-list=<-loopback>", f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
         "--dump-dom", (run["docs"] / "index.html").as_uri()],
        capture_output=True, text=True, timeout=120, check=True).stdout
    assert 'class="bootstrap-table bootstrap4"' in out  # the library ran and built its table
    assert "fact_application" in out and "合成县A局" in out


def test_check_rows_computed_in_parts_are_those_of_one_query(run):
    """Past `checks.PART_REPORTS` the check rows are computed agency by agency in parts: the same
    rows as one query over every report (rule 6's pairs of years included), and the reads after
    see every report again."""
    from pipelines.quality import checks

    con = duckdb.connect(str(run["db"]))
    columns = "report_id, table_name, check_key, observed, expected, failures::VARCHAR"
    try:
        checks.materialise(con)
        whole = sorted(con.execute(f"SELECT {columns} FROM check_frame").fetchall(), key=repr)
        reports = con.execute("SELECT count(*) FROM checks.report_table").fetchone()[0]
        checks.materialise(con, part_reports=3)
        parts = sorted(con.execute(f"SELECT {columns} FROM check_frame").fetchall(), key=repr)
        after = con.execute("SELECT count(*) FROM checks.report_table").fetchone()[0]
    finally:
        con.close()
    assert any(r[2] == "rule6" for r in whole)
    assert parts == whole
    assert after == reports
