"""Columns printed in another order than the template's: read by the header, and said so."""

from __future__ import annotations

import pytest
from printed import TABS

from pipelines.parse import parse_bytes
from pipelines.parse.columns import APPLICANT_COLUMNS, REVIEW_COLUMNS, printed_order
from pipelines.parse.report import ISSUE_CODES

REVIEW_ROW = "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"


def parse(text: str, sep: str):
    return parse_bytes((text if sep == "\t" else text.replace("\t", sep)).encode(), "report.txt")


def codes(report) -> dict[str, str]:
    return {i.code: i.where for i in report.issues}


@pytest.mark.parametrize("sep", ["\t", "  "])
def test_table_3_legal_person_columns_swapped(sep):
    """商业企业 and 科研机构 swapped, header and numbers: no sum can tell, the header does."""
    rows = [line.split("\t") for line in TABS.split("\n")]
    for cells in rows:
        if len(cells) >= 8 and all(c.isdigit() for c in cells[-7:]):
            cells[-6], cells[-5] = cells[-5], cells[-6]
    text = "\n".join("\t".join(c) for c in rows).replace("商业企业\t科研机构", "科研机构\t商业企业")
    report = parse(text, sep)
    assert report.applications["new"] == {"natural_person": 3, "commercial": 1, "research": 0, "social_org": 0,
                                          "legal_service": 0, "other": 0, "total": 4}
    assert codes(report)["columns_reordered"] == "applications"
    assert report.provenance["applications/new/commercial"].raw == "1"


@pytest.mark.parametrize("sep", ["\t", "  "])
@pytest.mark.parametrize("header, row, review", [
    (("结果维持\t结果纠正", "结果纠正\t结果维持"), "0\t1\t0\t0\t1" + REVIEW_ROW[9:],
     {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}),
    (("结果维持\t结果纠正\t其他结果\t尚未审结\t总计", "总计\t结果维持\t结果纠正\t其他结果\t尚未审结"),
     "1\t1\t0\t0\t0" + REVIEW_ROW[9:],
     {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}),
])
def test_table_4_outcome_columns_in_another_order(sep, header, row, review):
    report = parse(TABS.replace(*header).replace(REVIEW_ROW, row), sep)
    assert report.review_litigation["review"] == review
    assert codes(report)["columns_reordered"] == "review_litigation"
    assert "rule_broken" not in codes(report)
    assert set(codes(report)) <= set(ISSUE_CODES)


def test_the_template_order_says_nothing():
    assert "columns_reordered" not in codes(parse(TABS, "\t"))


@pytest.mark.parametrize("header, columns, groups, order", [
    ("申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他", APPLICANT_COLUMNS, 1,
     [APPLICANT_COLUMNS]),
    ("自然人法人或其他组织总计其他商业企业科研机构社会公益组织法律服务机构", APPLICANT_COLUMNS, 1,
     [("other", "commercial", "research", "social_org", "legal_service")]),
    ("商业企业科研机构社会公益组织其他", APPLICANT_COLUMNS, 1, None),  # a column's label not printed
    ("商业企业科研机构科研机构社会公益组织法律服务机构其他", APPLICANT_COLUMNS, 1, None),  # one printed twice
    ("商业企 业科研 机构", APPLICANT_COLUMNS, 1, None),
    ("行政复议行政诉讼结果纠正结果维持其他结果尚未审结总计", REVIEW_COLUMNS, 3,
     [("corrected", "upheld", "other", "pending", "total")] * 3),
])
def test_printed_order(header, columns, groups, order):
    vocabulary = "APPLICANT_LABELS" if columns == APPLICANT_COLUMNS else "REVIEW_OUTCOME_LABELS"
    assert printed_order(header, columns, vocabulary, groups) == order


@pytest.mark.parametrize("sep", ["\t", "  ", "\n"])
def test_table_2_columns_in_another_order(sep):
    """本年废止件数 printed before 本年制发件数: one cell to a line (no columns to line up), too."""
    text = TABS.replace("本年制发件数\t本年废止件数", "本年废止件数\t本年制发件数").replace(
        "行政规范性文件\t1\t0\t12", "行政规范性文件\t0\t1\t12")
    report = parse(text, sep)
    assert report.active["normative_docs"] == {"issued": 1, "repealed": 0, "in_force": 12}
    assert report.provenance["active/normative_docs/issued"].raw == "1"
    assert codes(report)["columns_reordered"].startswith("active/")


@pytest.mark.parametrize("sep", ["\t", "  "])
def test_table_4_printed_sideways_with_its_groups_in_another_order(sep):
    """Three rows of five, 复议后起诉 before 未经复议直接起诉: no sum tells the groups apart."""
    start, end = TABS.index("四、政府信息公开行政复议"), TABS.index("五、存在的主要问题")
    table = ("四、政府信息公开行政复议、行政诉讼情况\n项目\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
             "行政复议\t1\t0\t0\t0\t1\n复议后起诉\t0\t0\t0\t1\t1\n未经复议直接起诉\t0\t2\t0\t0\t2\n")
    report = parse(TABS[:start] + table + TABS[end:], sep)
    assert report.review_litigation["litigation_direct"] == {"upheld": 0, "corrected": 2, "other": 0, "pending": 0,
                                                             "total": 2}
    assert report.review_litigation["litigation_after_review"]["pending"] == 1
    assert report.provenance["review_litigation/litigation_direct/corrected"].raw == "2"
    assert codes(report)["columns_reordered"] == "review_litigation"
