"""`xxgk report` on a small real warehouse: the workbook read back with openpyxl holds the
warehouse's numbers exactly, for an agency, a province named without its suffix, and the whole
warehouse; the page loads nothing from the network and escapes what the reports say."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from report_fixtures import HOSTILE_AGENCY, Sample, query

from pipelines import gazetteer, spec
from pipelines.report import ScopeError, write_report

SHEETS = {"active": "表二 主动公开", "applications": "表三 申请处理", "review_litigation": "表四 复议诉讼"}


def _labels(table: str) -> tuple[dict[str, str], dict[str, str]]:
    """Printed label → code, rows and columns, straight from the spec."""
    rows, cols = {
        "active": (spec.ACTIVE_LABELS, spec.METRIC_LABELS),
        "applications": (spec.APPLICATION_LABELS, spec.APPLICANT_LABELS),
        "review_litigation": (spec.REVIEW_GROUP_LABELS, spec.REVIEW_OUTCOME_LABELS),
    }[table]
    return {v[0]: k for k, v in rows.items()}, {v[0]: k for k, v in cols.items()}


def _row_code(table: str, label: str) -> str:
    rows, _ = _labels(table)
    if table == "review_litigation":  # 行政诉讼·未经复议直接起诉: the group's own words come last
        return next(code for words, code in rows.items() if label.endswith(words))
    return rows[label]


def read_table(path: Path, table: str):
    """(years, reports per year, {(row, col): {year: value}}, [(row, col) in sheet order], sheet)."""
    ws = openpyxl.load_workbook(path)[SHEETS[table]]
    header = [c.value for c in ws[3]]
    year_cols = {int(h): i for i, h in enumerate(header) if isinstance(h, str) and h.isdigit()}
    first = 3 if table == "active" else 2
    reports = {y: ws.cell(4, i + 1).value for y, i in year_cols.items()}
    values: dict[tuple[str, str], dict[int, object]] = {}
    order = []
    _, cols = _labels(table)
    for r in range(5, ws.max_row + 1):
        row_label, col_label = ws.cell(r, 1).value, ws.cell(r, 2).value
        if row_label is None:
            continue
        key = (_row_code(table, row_label), cols[col_label])
        order.append(key)
        values[key] = {y: ws.cell(r, i + 1).value for y, i in year_cols.items()}
    assert header[:first] == (["行", "列", "单位"] if table == "active" else ["行", "列"])
    return sorted(year_cols), reports, values, order, ws


FACTS = """
SELECT r.year, 'active', f.item, f.metric, f.value FROM fact_active_disclosure f
  JOIN dim_report r USING (report_id) LEFT JOIN dim_agency a USING (agency_id) WHERE r.is_current AND {w}
UNION ALL
SELECT r.year, 'applications', f.row_code, f.applicant_type, f.count FROM fact_application f
  JOIN dim_report r USING (report_id) LEFT JOIN dim_agency a USING (agency_id) WHERE r.is_current AND {w}
UNION ALL
SELECT r.year, 'review_litigation', f.group_code, f.outcome, f.count FROM fact_review_litigation f
  JOIN dim_report r USING (report_id) LEFT JOIN dim_agency a USING (agency_id) WHERE r.is_current AND {w}
"""


def expected_cells(warehouse: Path, where: str, params: list) -> dict[str, dict[tuple[str, str], dict[int, object]]]:
    """table → (row, col) → year → the sum of the cells read (None when none could be)."""
    out: dict[str, dict] = defaultdict(lambda: defaultdict(dict))
    for year, table, row, col, value in query(warehouse, FACTS.format(w=where), params * 3):
        cell = out[table][(row, col)]
        if value is not None:
            cell[year] = (cell.get(year) or 0) + (int(value) if value == int(value) else Decimal(value))
        else:
            cell.setdefault(year, None)
    return out


def assert_tables_equal(workbook: Path, expected: dict) -> None:
    for table in spec.TABLES:
        years, _, got, _, ws = read_table(workbook, table)
        want = expected.get(table, {})
        assert set(got) == set(want), f"{table}: the workbook's cells are the warehouse's"
        for key, by_year in want.items():
            for year in years:
                w, g = by_year.get(year), got[key][year]
                if w is None:
                    assert g is None, (table, key, year)
                else:
                    assert g is not None and float(g) == float(w), (table, key, year, g, w)
        # the change and percentage beside each year but the first
        header = [c.value for c in ws[3]]
        for r in range(5, ws.max_row + 1):
            for i, year in enumerate(years[1:], start=1):
                col = header.index(f"{year} 增减") + 1
                now, before = ws.cell(r, header.index(str(year)) + 1).value, ws.cell(
                    r, header.index(str(years[i - 1])) + 1).value
                diff, pct = ws.cell(r, col).value, ws.cell(r, col + 1).value
                if now is None or before is None:
                    assert diff is None and pct is None
                else:
                    assert diff == pytest.approx(now - before, rel=1e-12, abs=1e-9)  # (floats of yuan: 1e7 and cents)
                    assert pct == (pytest.approx((now - before) / before) if before else None)


def test_agency_workbook_holds_the_warehouse_numbers(sample: Sample, written):
    agency, year, row, col = sample.unread
    s = written("agency")
    assert s.scope == agency and s.reports >= 3 and s.agencies == 1
    assert_tables_equal(s.workbook, expected_cells(sample.warehouse, "r.agency = ?", [agency]))
    # the cell no one could read is blank, never 0
    _, _, got, _, _ = read_table(s.workbook, "applications")
    assert got[(row, col)][year] is None
    # rows in the order the report prints them
    _, _, _, order, _ = read_table(s.workbook, "applications")
    rows = list(dict.fromkeys(r for r, _ in order))
    for template in spec.TEMPLATES:
        own = [r for r in rows if r in spec.APPLICATION_ROWS[template]]
        assert own == [r for r in spec.APPLICATION_ROWS[template] if r in own]
    assert [c for r, c in order if r == "new"] == list(spec.APPLICANTS)


def test_provenance_sheet_says_where_each_number_was_read(sample: Sample, written):
    agency = sample.unread[0]
    s = written("agency")
    ws = openpyxl.load_workbook(s.workbook)["数据出处"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in line), strict=True)) for line in ws.iter_rows(min_row=2)]
    want = query(sample.warehouse, """
        SELECT count(*) FROM (
          SELECT report_id FROM fact_active_disclosure UNION ALL SELECT report_id FROM fact_application
          UNION ALL SELECT report_id FROM fact_review_litigation) f
        JOIN dim_report r USING (report_id) WHERE r.is_current AND r.agency = ?""", [agency])[0][0]
    assert len(rows) == want
    located = {(r["年度"], r["行"], r["列"]): r for r in rows if r["表"] == spec.SECTION_LABELS["applications"][0]}
    for year, row_code, col, count, where, raw in query(sample.warehouse, """
            SELECT r.year, f.row_code, f.applicant_type, f.count, f.source_location, f.raw_text
            FROM fact_application f JOIN dim_report r USING (report_id)
            WHERE r.is_current AND r.agency = ?""", [agency]):
        got = located[(year, spec.APPLICATION_LABELS[row_code][0], spec.APPLICANT_LABELS[col][0])]
        assert got["读取位置"] == where and where.startswith("line ")
        assert got["原文"] == raw
        assert got["数值"] == count


def top_province(sample: Sample) -> tuple[str, int]:
    """The province with the most agencies in the sample, and how many."""
    return query(sample.warehouse, """
        SELECT a.province, count(DISTINCT a.agency_id) n FROM dim_agency a JOIN dim_report r USING (agency_id)
        WHERE r.is_current AND a.province IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1""")[0]


def test_region_named_without_its_suffix(sample: Sample, tmp_path):
    province, n = top_province(sample)
    short = gazetteer.short_name(province)
    assert short != province and n >= 2
    s = write_report(sample.warehouse, tmp_path, region=short, years="2020-2022", provenance_rows=100)
    assert s.scope == province and s.agencies == n and s.years == (2020, 2022)
    # the agency whose region is unknown cannot be counted in any region, and that is said
    assert "另有 1 家机构（3 份报告）未能确定所属地区" in " ".join(s.notes)
    assert "另有 1 家机构（3 份报告）未能确定所属地区" in s.page.read_text(encoding="utf-8")
    assert_tables_equal(s.workbook, expected_cells(sample.warehouse, "a.province = ? AND r.year BETWEEN 2020 AND 2022",
                                                   [province]))
    ws = openpyxl.load_workbook(s.workbook)["报告清单"]
    header = [c.value for c in ws[1]]
    listed = {(line[header.index("机构")].value, line[header.index("年度")].value) for line in ws.iter_rows(min_row=2)}
    assert listed == set(query(sample.warehouse, """
        SELECT r.agency, r.year FROM dim_report r JOIN dim_agency a USING (agency_id)
        WHERE r.is_current AND a.province = ? AND r.year BETWEEN 2020 AND 2022""", [province]))


def test_whole_warehouse_and_the_failing_checks_named(sample: Sample, written):
    s = written("all")
    assert s.scope == "" and s.checked
    # a provenance list cut short says so, in the summary and on the sheet
    assert [n for n in s.notes if n.startswith("数据出处")] == [
        "数据出处: 范围内有多家机构，只列出有规则未通过的报告的单元格；某一机构的全部单元格请用 --agency",
        "数据出处: 只列出前 100 行，其余未列出；请用 --agency、--region 或 --years 缩小范围"]
    provenance = openpyxl.load_workbook(s.workbook)["数据出处"]
    assert provenance.max_row == 102 and provenance.cell(102, 1).value.startswith("只列出前 100 行")
    header = [c.value for c in provenance[1]]
    listed = {line[header.index("报告编号")].value for line in provenance.iter_rows(min_row=2, max_row=101)}
    failed = query(sample.warehouse, "SELECT report_id FROM check_result WHERE status = 'failed'")
    assert listed and listed <= {r for (r,) in failed}
    assert_tables_equal(s.workbook, expected_cells(sample.warehouse, "true", []))
    failing = query(sample.warehouse, """
        SELECT r.agency, r.year, c.rule, c.observed, c.expected, c.suggestion FROM check_result c
        JOIN dim_report r USING (report_id) WHERE r.is_current AND c.status IN ('failed', 'confirmed', 'dismissed')""")
    assert len(failing) >= 5, "the sample should break some rules"
    ws = openpyxl.load_workbook(s.workbook)["规则检查"]
    header = [c.value for c in ws[1]]
    got = sorted((line[header.index("机构")].value, line[header.index("年度")].value,
                  line[header.index("规则")].value.split()[0], line[header.index("左边（印刷值）")].value,
                  line[header.index("右边（应等于）")].value, line[header.index("最小修正建议")].value)
                 for line in ws.iter_rows(min_row=2))
    assert got == sorted(failing)
    for line in ws.iter_rows(min_row=2):
        assert line[header.index("规则")].value.split(" ", 1)[1], "every rule is shown in words"
    # the summary's per-year count of reports
    summary = openpyxl.load_workbook(s.workbook)["概要"]
    lines = list(summary.iter_rows(values_only=True))
    at = next(i for i, line in enumerate(lines) if line[0] == "报告数")
    years = [(i, int(h)) for i, h in enumerate(lines[at - 1]) if isinstance(h, str) and h.isdigit()]

    def summary_row(label: str) -> dict[int, object]:
        line = next(line for line in lines[at:] if line[0] == label)
        return {y: line[i] for i, y in years}

    assert summary_row("报告数") == dict(query(sample.warehouse,
                                            "SELECT year, count(*) FROM dim_report WHERE is_current GROUP BY 1"))
    # what became of the reports owed, as the roster's coverage says: the missing one not found
    owed = query(sample.warehouse, "SELECT year, count(*) FILTER (WHERE status IN ('ok', 'issues')), "
                 "count(*) FILTER (WHERE status = 'not_found') FROM v_coverage GROUP BY 1")
    assert summary_row("按时发布") == {y: n for y, n, _ in owed if y in dict(years).values()}
    assert summary_row("未找到") == {y: n for y, _, n in owed if y in dict(years).values()}
    # the sample leaves one agency-year out; the roster (every people's government) owes the rest
    assert summary_row("未找到")[2021] >= 1 and summary_row("缺报机构数")[2021] >= 1


def test_region_sum_flags_the_cell_no_one_could_read(sample: Sample, tmp_path):
    agency, year, row, col = sample.unread
    province = query(sample.warehouse, "SELECT province FROM dim_agency WHERE name = ?", [agency])[0][0]
    s = write_report(sample.warehouse, tmp_path, region=province, years=str(year))
    _, _, _, order, ws = read_table(s.workbook, "applications")
    r = 5 + order.index((row, col))
    cell = ws.cell(r, 3)
    assert cell.comment is not None and "无法读取" in cell.comment.text


def test_text_from_reports_is_text(sample: Sample, tmp_path):
    s = write_report(sample.warehouse, tmp_path, agency=HOSTILE_AGENCY)
    html = s.page.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(" in html
    ws = openpyxl.load_workbook(s.workbook)["报告清单"]
    cell = ws.cell(2, 1)
    assert cell.value == HOSTILE_AGENCY and cell.data_type == "s", "a name starting with = stays text"


URL_LOAD = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.mark.parametrize("scope", ["all", "region", "agency"])
def test_page_loads_nothing_from_the_network(sample: Sample, written, scope):
    kwargs = {"region": gazetteer.short_name(top_province(sample)[0])} if scope == "region" else {}
    s = written(scope, **kwargs)
    html = s.page.read_text(encoding="utf-8")
    assert not URL_LOAD.search(html)
    assert "<script" not in html.lower() and "<link" not in html.lower()
    charts = re.findall(r'<figure class="chart" id="chart-(\w+)">', html)
    assert {"outcomes", "denied_share", "review", "coverage"} <= set(charts)
    assert html.count("<svg") >= len(charts)


def test_scope_errors_name_the_candidates(sample: Sample, tmp_path):
    with pytest.raises(ScopeError, match=r"北京市朝阳区.*长春市朝阳区"):
        write_report(sample.warehouse, tmp_path, region="朝阳区")
    with pytest.raises(ScopeError, match="no province"):
        write_report(sample.warehouse, tmp_path, region="不存在的地方")
    with pytest.raises(ScopeError, match="no agency"):
        write_report(sample.warehouse, tmp_path, agency="没有这个机构")
    with pytest.raises(ScopeError, match="fits"):
        write_report(sample.warehouse, tmp_path, agency="人民政府")
    with pytest.raises(ScopeError, match="years"):
        write_report(sample.warehouse, tmp_path, years="2023-2019")


def test_a_scope_without_reports_writes_an_empty_report(sample: Sample, tmp_path):
    s = write_report(sample.warehouse, tmp_path, years="2030")
    assert s.reports == 0 and s.years is None and s.workbook.is_file() and s.page.is_file()


def test_command_line(sample: Sample, tmp_path, capsys):
    from pipelines.cli import main

    province = top_province(sample)[0]
    assert main(["report", "--warehouse", str(sample.warehouse), "--region", gazetteer.short_name(province),
                 "--years", "2021-2023", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{province} · 2021–2023" in out
    assert len(list(tmp_path.glob("*.xlsx"))) == 1 and len(list(tmp_path.glob("*.html"))) == 1
    assert main(["report", "--warehouse", str(sample.warehouse), "--region", "吉林", "--out", str(tmp_path)]) == 2
    assert "吉林省" in capsys.readouterr().err
    assert main(["report", "--warehouse", str(tmp_path / "none.duckdb"), "--out", str(tmp_path)]) == 2
