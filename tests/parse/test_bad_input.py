"""Bad input never raises and never comes back silently empty: it carries an issue saying why."""

from __future__ import annotations

import pytest

from pipelines.parse import parse_bytes, parse_file
from pipelines.spec import ACTIVE_ITEMS, APPLICANTS, APPLICATION_LABELS, APPLICATION_ROWS, REVIEW_OUTCOMES

ROWS = APPLICATION_ROWS["v2021"]


def tab_report(missing_row: str | None = None) -> str:
    """A small v2021 report as tab-separated rows, every cell distinct enough to catch a shift."""
    lines = ["平湖市统计局2021年度政府信息公开工作年度报告", "", "一、总体情况", "全年主动公开政府信息共 5 条。",
             "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
             "规章\t1\t0\t3", "行政规范性文件\t2\t1\t9", "第二十条第（五）项", "信息内容\t本年处理决定数量",
             "行政许可\t7", "行政处罚\t4", "行政强制\t0", "第二十条第（八）项", "信息内容\t本年收费金额（单位：万元）",
             "行政事业性收费\t1.5", "三、收到和处理政府信息公开申请情况",
             "\t\t申请人情况", "\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
             "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
    for row in ROWS:
        if row == missing_row:
            continue
        values = [0] * 7
        if row in ("new", "total_handled", "granted"):
            values = [3, 1, 0, 0, 0, 0, 4]
        lines.append(APPLICATION_LABELS[row][0] + "\t" + "\t".join(map(str, values)))
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议\t\t\t\t\t行政诉讼",
              "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
              "\t".join(["0"] * 15), "五、存在的主要问题及改进情况", "无。"]
    return "\n".join(lines) + "\n"


def codes(report) -> set[str]:
    return {i.code for i in report.issues}


def test_clean_report_reads_exactly():
    report = parse_bytes(tab_report().encode(), "ok.txt")
    assert report.template == "v2021"
    assert report.applications["new"] == dict(zip(APPLICANTS, [3, 1, 0, 0, 0, 0, 4], strict=True))
    assert report.active["fees"] == {"amount_10k_yuan": 1.5}
    assert set(report.active) == set(ACTIVE_ITEMS["v2021"])
    assert report.review_litigation["review"] == dict.fromkeys(REVIEW_OUTCOMES, 0)
    assert report.status == "ok", report.issues


def test_gb18030_and_bom_are_detected():
    text = tab_report()
    for data in (text.encode("gb18030"), b"\xef\xbb\xbf" + text.encode()):
        report = parse_bytes(data, "enc.txt")
        assert report.applications["new"]["total"] == 4
    assert parse_bytes(text.encode("gb18030"), "x.txt").encoding == "gb18030"


def test_row_missing_is_an_error_not_a_shift():
    report = parse_bytes(tab_report(missing_row="denied_process").encode(), "missing.txt")
    assert any(i.code == "row_missing" and i.where == "applications/denied_process" for i in report.issues)
    assert report.applications["denied_enforcement_file"]["total"] == 0
    assert report.applications["total_handled"]["total"] == 4


@pytest.mark.parametrize("data", [b"", b"\n \r\n", "\ufeff".encode(), "\ufeff\u3000\n".encode(), b"\xff\xfe"],
                         ids=["nothing", "blank lines", "a BOM", "a BOM and blanks", "a UTF-16 BOM"])
def test_empty_file(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    report = parse_file(path)
    assert codes(report) == {"file_empty"} and report.status == "quarantined"


def test_binary_junk():
    report = parse_bytes(bytes(range(256)) * 20, "junk.bin")
    assert "file_binary" in codes(report) and report.status == "quarantined"


def test_truncated_file_is_read_with_an_issue():
    data = tab_report().encode()
    cut = data[: data.index("四、政府信息公开行政复议".encode()) + 4]  # mid-character
    report = parse_bytes(cut, "cut.txt")
    assert "decode_replaced" in codes(report)
    assert "table_missing" in codes(report)  # table 4 is gone
    assert report.applications["new"]["total"] == 4


def test_not_a_report():
    text = "关于开展2021年度安全生产检查的通知\n各单位：请于3月1日前报送检查结果。\n"
    report = parse_bytes(text.encode(), "notice.txt")
    assert "not_a_report" in codes(report) and report.status == "quarantined"


def test_missing_file_is_an_issue(tmp_path):
    report = parse_file(tmp_path / "nope.txt")
    assert codes(report) == {"file_unreadable"}


def test_broken_arithmetic_is_kept_as_printed_and_flagged():
    text = tab_report().replace("行政许可\t7", "行政许可\t7").replace(
        "本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4", "本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t5")
    report = parse_bytes(text.encode(), "wrong.txt")
    assert report.applications["new"]["total"] == 5
    broken = {i.where for i in report.issues if i.code == "rule_broken"}
    assert {"applications/applicants/new", "applications/balance/total"} <= broken


def test_a_document_without_text_is_never_an_ok_report():
    from pipelines.ingest.document import Document
    from pipelines.parse import parse_document

    report = parse_document(Document(path="x.txt"))
    assert report.status == "quarantined" and codes(report) == {"file_empty"}
