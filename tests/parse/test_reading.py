"""The reader on a report printed as the template prints it (`printed.TABS`), and on the changes
real reports make to it: empty cells, rows printed with their labels only, tables left out, page
furniture and labels broken around their values by a PDF's lines. Every number is read exactly,
placed where it is printed, and every doubt is said."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from printed import PDF, TABS, as_html
from test_roundtrip import SETTINGS, cells, reports

from pipelines import spec
from pipelines.parse import parse_bytes
from pipelines.synth.corpus import Options, agency_files
from pipelines.synth.population import build_population
from pipelines.synth.render import draw_style, render

DELIMITED = ("tabs", "spaces", "cells", "markdown", "pdf")


def read(text: str):
    return parse_bytes(text.encode(), "report.txt")


def codes(report) -> list[tuple[str, str]]:
    return [(i.code, i.where) for i in report.issues]


@pytest.mark.parametrize("variety, exact_share", [("plain", 0.95), ("varied", 0.5)])
def test_a_generated_corpus_of_every_layout_is_read_exactly_or_with_its_doubts_said(variety, exact_share):
    """Plain: printed as the templates print them; varied: worded, broken, spaced and shaped as
    real reports vary. A wrong cell never goes unsaid."""
    opts = Options(seed=5, error_rate=0.1, missing_rate=0.05, junk_rate=0.0, variety=variety)
    exact, seen = Counter(), Counter()
    for f in (f for agency in build_population(30, seed=5) for f in agency_files(agency, opts)):
        layout = f.gold.get("layout")
        seen[layout] += 1
        report = parse_bytes(f.data, f.name)
        if cells(report.to_dict()) == cells(f.gold):
            exact[layout] += 1
        else:
            assert any(i.severity in ("warning", "error") for i in report.issues), f.name
    for layout in (*DELIMITED, "html"):  # cells printed apart: most reports read exactly
        assert exact[layout] >= exact_share * seen[layout], (layout, exact, seen)


def test_a_report_printed_in_the_template_is_read_with_every_place():
    report = parse_bytes(TABS.encode("gb18030"))
    assert report.template == "v2021" and report.status == "ok" and not report.issues
    assert report.applications["new"] == {"natural_person": 3, "commercial": 1, "research": 0,
                                          "social_org": 0, "legal_service": 0, "other": 0, "total": 4}
    assert report.active["fees"] == {"amount_10k_yuan": 1.5}
    assert report.review_litigation["review"]["total"] == 1
    assert report.provenance["applications/new/total"] == ("line 21 col 30", "4")


@pytest.mark.parametrize("printed", ["处理决定数量", "本年处理决定数量"])
def test_a_2019_report_whose_header_prints_the_2019_templates_labels_is_read_exactly(printed):
    """The 2019 template heads table 2's items 五 and 六 with 处理决定数量 (2021's: 本年处理决定
    数量); real 2019 reports print it so."""
    report = {"agency": "平湖市统计局", "year": 2020, "template": "v2019",
              **{t: {r: dict.fromkeys(cols, 1) for r, cols in rows.items()}
                 for t, rows in spec.empty_tables("v2019").items()}}
    report["applications"] = {r: dict.fromkeys(spec.APPLICANTS, 0) for r in spec.APPLICATION_ROWS["v2019"]}
    report["review_litigation"] = {g: dict.fromkeys(spec.REVIEW_OUTCOMES, 0) for g in spec.REVIEW_GROUPS}
    rng = random.Random(3)
    style = {**draw_style("tabs", rng), "metric_labels": {"decisions": spec.METRIC_LABELS["decisions"].index(printed)}}
    text = render("tabs", {**report, "style": style}, rng)
    assert f"\t{printed}" in text
    assert cells(read(text).to_dict()) == cells(report)


@SETTINGS
@given(reports(), st.sampled_from((*DELIMITED, "html")), st.integers(0, 2**32), st.data())
def test_table_2_headers_printed_with_any_of_the_spec_labels_are_read_exactly(report, layout, seed, data):
    variants = {m: data.draw(st.integers(0, len(labels) - 1)) for m, labels in spec.METRIC_LABELS.items()}
    rng = random.Random(seed)
    style = {**draw_style(layout, rng), "metric_labels": variants}
    parsed = parse_bytes(render(layout, {**report, "style": style}, rng).encode())
    assert cells(parsed.to_dict()) == cells(report)


@pytest.mark.parametrize("change", [
    ("行政许可\t35", "行政许可\t\t35"),
    ("规章\t0\t0\t0", "规章\t0\t0\t0\t0"),
    ("规章\t0\t0\t0", "规章\t0\t0"),
    ("规章\t0\t0\t0", "部门规章\t0\t0\t0"),
    ("行政处罚\t7", "行政处罚\t-7"),
    ("行政处罚\t7", "行政处罚\t7.5"),
    ("行政处罚\t7", "行政处罚\t7元"),
    ("行政处罚\t7", "行政处罚\t7\t3"),
    ("行政处罚\t7", "行政处罚\t1,2"),
    ("本年收费金额（单位：万元）", "本年收费金额（单位：元）"),
])
def test_a_report_with_something_unusual_is_still_read(change):
    assert change[0] in TABS
    report = read(TABS.replace(*change, 1))
    assert report.applications == read(TABS).applications


def test_rows_printed_as_empty_cells_are_zeros():
    """A spreadsheet's export: rows whose every cell is empty, tab-padded past the row's end."""
    text = TABS.replace("规章\t0\t0\t0", "规章\t\t\t\t").replace("行政强制\t0", "行政强制\t\t\t\t").replace(
        "2.重复申请\t0\t0\t0\t0\t0\t0\t0", "\t2.重复申请" + "\t" * 9).replace(
        "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "\t" * 14)
    report = read(text)
    assert not report.issues
    assert report.active["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert report.review_litigation["review"]["upheld"] == 0


def test_a_table_2_row_with_empty_cells_reads_them_as_zeros():
    text = TABS.replace("规章\t0\t0\t0", "规章\t\t\t3").replace("行政规范性文件\t1\t0\t12", "行政规范性文件\t1\t\t12")
    report = read(text)
    assert report.active["rules"] == {"issued": 0, "repealed": 0, "in_force": 3}
    assert report.active["normative_docs"] == {"issued": 1, "repealed": 0, "in_force": 12}
    assert report.provenance["active/rules/in_force"] == ("line 5 col 6", "3")
    # a row printed as its label alone among them: no cell, read as zeros and said so
    report = read(text.replace("行政强制\t0", "行政强制"))
    assert codes(report) == [("row_blank", "active/enforcement")]
    assert report.active["enforcement"] == {"decisions": 0}
    # its label with four empty cells: its own (zero, placed there), and padding
    report = read(text.replace("行政强制\t0", "行政强制\t\t\t\t"))
    assert not report.issues and report.active["enforcement"] == {"decisions": 0}


@pytest.mark.parametrize("sep", ["\t", " | "])
@pytest.mark.parametrize("row", [
    ("", "", "", "1", "1", *[""] * 10),  # review: 1 pending
    (*[""] * 10, "1", "", "", "", "1"),  # litigation after review: 1 upheld
])
def test_table_4s_row_starting_with_empty_cells_reads_them_as_zeros(sep, row):
    """Table 4's row printed without a label, its first cells empty: zeros, not indentation."""
    text = TABS.replace("1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "\t".join(row))
    if sep != "\t":  # Markdown: every tab row between pipes
        text = "\n".join(f"| {line.replace(chr(9), sep)} |" if "\t" in line else line for line in text.split("\n"))
    report = read(text)
    assert not report.issues
    flat = [report.review_litigation[g][o] for g in spec.REVIEW_GROUPS for o in spec.REVIEW_OUTCOMES]
    assert flat == [int(v or 0) for v in row]
    printed = "\t".join(row) if sep == "\t" else f"| {sep.join(row)} |"
    line = text.split("\n").index(printed) + 1
    lines = {c.where.split(" col ")[0] for k, c in report.provenance.items() if k.startswith("review")}
    assert lines == {f"line {line}"}  # every cell on the row's line, the empty ones too


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_a_table_2_row_whose_values_end_before_its_cells_reads_the_rest_as_zeros(sep):
    """A spreadsheet or Markdown row 规章 | 5 | (empty) | (empty): its last cells are zeros."""
    text = TABS.replace("规章\t0\t0\t0", "规章\t5\t\t\t").replace("行政规范性文件\t1\t0\t12", "行政规范性文件\t1\t\t")
    if sep != "\t":
        text = "\n".join(f"| {line.replace(chr(9), sep)} |" if "\t" in line else line for line in text.split("\n"))
    report = read(text)
    assert not report.issues
    assert report.active["rules"] == {"issued": 5, "repealed": 0, "in_force": 0}
    assert report.active["normative_docs"] == {"issued": 1, "repealed": 0, "in_force": 0}


@pytest.mark.parametrize("printed, value", [("15000元", 1.5), ("1.5万元", 1.5), ("2万元", 2)])
def test_money_printed_with_its_unit_is_read_in_the_spec_unit(printed, value):
    report = read(TABS.replace("行政事业性收费\t1.5", f"行政事业性收费\t{printed}", 1))
    assert report.active["fees"] == {"amount_10k_yuan": value}
    assert report.provenance["active/fees/amount_10k_yuan"].raw == printed


def test_a_report_whose_sums_do_not_hold_is_read_as_printed_and_flagged():
    report = read(TABS.replace("（七）总计\t3\t1", "（七）总计\t4\t1"))
    assert report.applications["total_handled"]["natural_person"] == 4
    assert {i.where for i in report.issues if i.code == "rule_broken"} == {
        "applications/balance/natural_person", "applications/handled/natural_person",
        "applications/applicants/total_handled"}


def test_page_furniture_and_labels_broken_around_their_values():
    text = PDF.replace("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0",
                       "（二）部分公开（区分处理的，只计 0 0 0 0 0 0 0\n这一情形，不计其他情形）")
    text = text.replace("2.重复申请 0", "— 2 —\n平湖市统计局2022年度政府信息公开工作年度报告\n2.重复申请 0")
    report = read(text)
    assert report.applications == read(PDF).applications and not report.issues


def test_a_label_broken_after_an_abbreviation_it_also_knows():
    """信访举报投诉 is itself a label of its row: the rest (类申请) must still be read as its end."""
    report = read(PDF.replace("1.信访举报投诉类申请 0 0 0 0 0 0 0", "1.信访举报投诉 0 0 0 0 0 0 0\n类申请"))
    assert report.applications == read(PDF).applications and not report.issues


@pytest.mark.parametrize("values", ["0 0 0 0 0 0 0", "0 0 0 0 0 1 1"])
def test_a_label_broken_right_after_its_first_character_which_is_also_a_zero_mark(values):
    """无 starts 无正当理由大量反复申请 and is also a blank cell's mark: a PDF line broken right after
    it leaves it before the row's values, and it must be read as the label's, not as a cell."""
    row = "4.无正当理由大量反复申请 0 0 0 0 0 0 0"
    whole = PDF.replace(row, f"4.无正当理由大量反复申请 {values}")
    broken = PDF.replace(row, f"4. 无 {values}\n正当理由大量反复申请")
    assert read(broken).applications == read(whole).applications
    assert codes(read(broken)) == codes(read(whole))


def test_a_row_printed_with_its_label_only_is_read_as_zeros_and_said_so():
    """A table pasted from Word drops empty cells: 规章 alone on its line means three empty cells."""
    text = TABS.replace("规章\t0\t0\t0", "规章").replace("二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
                                                  "二、上年结转政府信息公开申请数量")
    text = text.replace("一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4",
                        "一、本年新收政府信息公开申请数量\t4\t1\t0\t0\t0\t0\t5")
    report = read(text)
    assert report.active["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert report.applications["carried_over"]["total"] == 0
    assert "active/rules/issued" not in report.provenance  # nothing was printed there
    assert {i.where for i in report.issues if i.code == "row_blank"} == {"active/rules", "applications/carried_over"}
    assert report.status == "issues"


def test_an_html_page_reads_its_empty_cells_as_zeros():
    report = parse_bytes(as_html(TABS.replace("规章\t0\t0\t0", "规章\t\t&nbsp;\t0")).encode())
    assert report.layout == "html"
    assert report.active["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert report.provenance["active/rules/issued"] == ("table 1 row 4 col 2", "")
    assert report.applications["new"]["total"] == 4


def test_rows_and_a_table_printed_without_cells_are_zeros():
    """Label-only rows at the end of tables 2 and 3, and table 4's header with no row after it."""
    text = TABS.replace("行政事业性收费\t1.5", "行政事业性收费").replace(
        "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "").replace(
        "（七）总计\t3\t1\t0\t0\t0\t0\t4", "（七）总计\t4\t1\t0\t0\t0\t0\t5").replace(
        "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1", "四、结转下年度继续办理").replace(
        "3.其他\t0\t0\t0\t0\t0\t0\t0", "3.其他\t1\t0\t0\t0\t0\t0\t1")
    report = read(text)
    assert report.active["fees"] == {"amount_10k_yuan": 0}
    assert report.applications["carried_forward"]["total"] == 0
    assert report.review_litigation["review"] == dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0)
    blank = {i.where for i in report.issues if i.code == "row_blank"}
    assert {"active/fees", "applications/carried_forward", "review_litigation/review"} <= blank
    assert not [i for i in report.issues if i.code in ("row_missing", "cell_unreadable", "rule_broken")]


def test_a_number_under_no_header_column_is_never_dropped_silently():
    """行政许可, an empty cell, then 35: the header's one column holds nothing. Whatever the reading,
    the number that was not taken is reported."""
    report = read(TABS.replace("行政许可\t35", "行政许可\t\t35"))
    if report.active["licensing"]["decisions"] != 35:
        assert any(i.code == "stray_value" and "35" in i.message for i in report.issues), report.issues


TABLE_2 = TABS[TABS.index("第二十条第（一）项"):TABS.index("三、收到和处理")]
TABLE_4 = TABS[TABS.index("行政复议\t行政诉讼"):TABS.index("五、存在的主要问题")]


def test_a_report_without_table_4_says_so():
    """无 under table 4's heading: the table is missing, said so, and its rules go unchecked."""
    report = read(TABS.replace(TABLE_4, "无。\n"))
    assert not report.review_litigation and report.applications == read(TABS).applications
    assert codes(report) == [("table_missing", "review_litigation")]


def test_a_report_without_table_2_says_so():
    report = read(TABS.replace(TABLE_2, "无。\n"))
    assert not report.active and report.applications["new"]["total"] == 4
    assert codes(report) == [("table_missing", "active")]
    report = read(TABS.replace(TABLE_2, "无。\n").replace(TABLE_4, "无。\n"))
    assert codes(report) == [("table_missing", "active"), ("table_missing", "review_litigation")]


def test_an_html_page_without_tables_2_and_4_says_so():
    report = parse_bytes(as_html(TABS.replace(TABLE_2, "无。\n").replace(TABLE_4, "无。\n")).encode())
    assert report.layout == "html" and report.applications == read(TABS).applications
    assert codes(report) == [("table_missing", "active"), ("table_missing", "review_litigation")]


@pytest.mark.parametrize("year, template", [(2020, "v2019"), (2022, "v2021")])
def test_a_report_without_table_2_and_without_a_templates_words_takes_the_template_of_its_year(year, template):
    """Table 3 of the 2019 template prints no word of its own: without table 2 no label tells the
    template, and the reader assumes it from the year, and says so."""
    report = {"agency": "平湖市统计局", "year": year, "template": "v2019",
              "applications": {r: dict.fromkeys(spec.APPLICANTS, 0) for r in spec.APPLICATION_ROWS["v2019"]},
              "review_litigation": {g: dict.fromkeys(spec.REVIEW_OUTCOMES, 0) for g in spec.REVIEW_GROUPS}}
    rng = random.Random(3)
    text = render("tabs", {**report, "style": draw_style("tabs", rng)}, rng)
    assert not any(m in text for markers in spec.TEMPLATE_MARKERS.values() for m in markers)
    parsed = read(text)
    assert (parsed.template, codes(parsed)[:2]) == (template, [("template_uncertain", "template"),
                                                               ("table_missing", "active")])
    if template == "v2019":
        assert cells(parsed.to_dict()) == cells(report)


@pytest.mark.parametrize("broken", ["三、本年度办理结果（ 2 1 0 0 0 0 3\n一）予以公开",
                                    "三、本年度办理结果（一 2 1 0 0 0 0 3\n）予以公开"])
def test_a_row_number_broken_over_the_values_of_a_pdf_line(broken):
    """A PDF line can end inside the next label's number: "（" before the row's values, "一）" after."""
    report = read(TABS.replace("三、本年度办理结果\t（一）予以公开\t2\t1\t0\t0\t0\t0\t3", broken))
    assert report.applications == read(TABS).applications and not report.issues


@pytest.mark.parametrize("page, said", [
    # after a table-2 row: ignored, with a warning
    (("行政许可 35\n", "行政许可 35\n3\n"),
     ("line 10 col 1", "the number '3' after the row of 'licensing' could not be placed and was ignored")),
    # after a table-3 row
    (("2.重复申请 0 0 0 0 0 0 0\n", "2.重复申请 0 0 0 0 0 0 0\n12\n"),
     ("line 38 col 1", "the number '12' between table rows could not be placed and was ignored")),
    # between the heading lines and a row: passed over without a word
    (("现行有效件数\n规章", "现行有效件数\n1\n规章"), None),
    (("第二十条第（一）项\n", "第二十条第（一）项\n1\n"), None),
    (("行政复议 行政诉讼\n", "行政复议 行政诉讼\n4\n"), None),  # table 4's header, its row on a line below
])
def test_a_pdf_page_number_inside_a_table_is_ignored(page, said):
    report = read(PDF.replace(*page))
    plain = read(PDF)
    for table in spec.TABLES:
        assert getattr(report, table) == getattr(plain, table), table
    stray = [(i.where, i.message) for i in report.issues if i.code == "stray_value"]
    assert stray == ([said] if said else [])
    assert {k: c.raw for k, c in report.provenance.items()} == {k: c.raw for k, c in plain.provenance.items()}


def test_a_page_number_between_table_4s_header_and_its_row_is_passed_over():
    report = read(PDF.replace("尚未审结 总计\n1 0 0 0 1", "尚未审结 总计\n7\n1 0 0 0 1"))
    assert not report.issues and report.review_litigation["review"]["upheld"] == 1


@pytest.mark.parametrize("printed, broken", [
    # the row number's digit ends the group label's line, its point starts the next
    ("（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0", "（五）不予处理1 0 0 0 0 0 0 0\n.信访举报投诉类申请"),
    ("（四）无法提供 1.本机关不掌握相关政府信息 1 0 0 0 0 0 1",
     "（四）无法提供1 1 0 0 0 0 0 1\n．本机关不掌握相关政府信息"),
])
def test_a_row_numbers_digit_broken_from_its_point_by_a_pdf_line(printed, broken):
    assert printed in PDF
    text = PDF.replace(printed, broken)
    report = read(text)
    assert report.applications == read(PDF).applications and not report.issues
    # rows numbered without a point ("1信访举报投诉类申请"): the digit alone closes the number
    report = read(text.replace("\n.信访", "\n信访").replace("\n．本机关", "\n本机关"))
    assert report.applications == read(PDF).applications and not report.issues


@pytest.mark.parametrize("printed, broken", [
    # the row's values after its label's start, the rest of the label, then the page number
    ("（四）无法提供 1.本机关不掌握相关政府信息 1 0 0 0 0 0 1\n",
     "（四）无法提供1.本机 1 0 0 0 0 0 1\n关不掌握相关政府信息\n7\n"),
    ("4.无正当理由大量反复申请 0 0 0 0 0 0 0\n", "4.无正当理由 0 0 0 0 0 0 0\n大量反复申请\n12\n"),
])
def test_a_page_number_after_the_rest_of_a_broken_label_is_ignored_with_a_warning(printed, broken):
    assert printed in PDF
    report = read(PDF.replace(printed, broken))
    page = broken.split("\n")[-2]
    assert [(i.code, i.message) for i in report.issues] == [
        ("stray_value", f"numbers {[page]} inside table 3 fit no row and were ignored")]
    assert report.applications == read(PDF).applications


def test_a_page_number_after_the_last_rows_broken_label_and_table_4s_heading_is_passed_over():
    report = read(PDF.replace("四、结转下年度继续办理 1 0 0 0 0 0 1\n四、政府信息公开行政复议、行政诉讼情况\n",
                              "四、结转下年度继 1 0 0 0 0 0 1\n续办理\n四、政府信息公开行政复议、行政诉讼情况\n3\n"))
    plain = read(PDF)
    assert not report.issues
    assert report.applications == plain.applications and report.review_litigation == plain.review_litigation


def test_table_4s_header_broken_inside_its_last_words_ends_the_tables_where_the_report_goes_on():
    """"复议后起诉" broken over lines: the tables still end at the next section, so a page number
    on the report's last line is not read as a value after them."""
    report = read(PDF.replace("未经复议直接起诉 复议后起诉", "未经复议直接起诉 复议\n后起诉") + "3\n")
    assert not report.issues and report.review_litigation == read(PDF).review_litigation


BROKEN_PDF = (PDF.replace("一、本年新收政府信息公开申请数量 3 1 0 0 0 0 4",
                          "一、本年新收政府 3 1 0 0 0 0 4\n信息公开申请数量")
              .replace("2.其他法律行政法规禁止公开 0 0 0 0 0 0 0", "2.其他法律行政法规禁止公开\n0 0 0 0 0 0 0")
              .replace("（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0",
                       "（五）不予 0 0 0 0 0 0 0\n处理 1.信访举报投诉类申请"))


def test_labels_broken_anywhere_by_a_pdfs_lines_are_read_as_whole_ones():
    report, plain = read(BROKEN_PDF), read(PDF)
    assert not report.issues
    for table in spec.TABLES:
        assert getattr(report, table) == getattr(plain, table), table
    assert report.provenance["applications/new/total"] != plain.provenance["applications/new/total"]


def test_values_printed_after_a_rows_number_only_are_read():
    """"2. 0 0 0 0 0 0 0" / "重复申请": the row is read by its place between the rows around it."""
    report = read(PDF.replace("2.重复申请 0 0 0 0 0 0 0", "2. 0 0 0 0 0 0 0\n重复申请"))
    assert report.applications == read(PDF).applications


def test_a_private_use_character_printed_in_a_cell_is_not_read_as_a_zero():
    """A PDF font without a Unicode map gives private-use characters: such a cell is not a zero."""
    text = TABS.replace("一、本年新收政府信息公开申请数量\t3\t", "一、本年新收政府信息公开申请数量\t\ue001\t")
    report = read(text)
    assert (report.applications.get("new") or {}).get("natural_person") != 0
    assert any(i.severity in ("warning", "error") and "new" in i.where for i in report.issues), report.issues


def test_a_tab_line_whose_values_are_also_set_apart_by_spaces_reads_each_value():
    """A table typed with tabs and runs of spaces (full-width ones too) between its values: each
    value is a cell; a label with a run of spaces inside stays one cell."""
    text = TABS.replace("一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4",
                        "一、本年新收政府信息公开申请数量\u30003\t1   0  -   0   0\t4")
    text = text.replace("二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
                        "二、上年结转政府信息公开申请数量  \t1\t- \u3000-\t-\t-\t-\u30001")
    report = read(text)
    assert report.applications == read(TABS).applications and not report.issues
    report = read(TABS.replace("2.重复申请\t", "2.重复  申请\t"))
    assert report.applications == read(TABS).applications and not report.issues


def test_a_report_mixing_the_templates_forms_as_they_declare_is_read_exactly():
    """The generator's reports that print table 2 in one template's form and table 3 in the
    other's, as the templates declare (spec.MIXTURES): every cell read, said at most as info."""
    opts = Options(seed=5, error_rate=0.0, missing_rate=0.0, junk_rate=0.0)
    mixed = [f for agency in build_population(30, seed=5) for f in agency_files(agency, opts)
             if f.gold.get("forms") and f.gold.get("layout") in (*DELIMITED, "html")]
    assert len(mixed) >= 5
    for f in mixed:
        report = parse_bytes(f.data, f.name)
        assert cells(report.to_dict()) == cells(f.gold), f.name
        assert not [i for i in report.issues if i.severity == "error"], (f.name, report.issues)
        forms = set(f.gold["forms"].values()) | {f.gold["template"]}
        if len(forms) > 1:
            assert report.template in forms
