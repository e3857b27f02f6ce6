"""A table re-typed in pieces — table 3 as three smaller tables, one per row group (rows 一 and 二,
the outcomes of 三, row 四), each with a header row of its own: the table's header again, or
numbered placeholders (数据1 … 数据6) in place of the applicant columns — is read as the one table
it is, in text, HTML and a crawler's one-line text."""

from __future__ import annotations

import pytest
from printed import TABS

from pipelines.parse import parse_bytes

LINES = TABS.splitlines()
HEADER_START = next(i for i, line in enumerate(LINES) if "勾稽关系" in line)
FIRST_ROW = next(i for i, line in enumerate(LINES) if line.startswith("一、本年新收"))
OUTCOMES = next(i for i, line in enumerate(LINES) if line.startswith("三、本年度办理结果"))
LAST_ROW = next(i for i, line in enumerate(LINES) if line.startswith("四、结转下年度"))
HEADER = LINES[HEADER_START:FIRST_ROW]
PLACEHOLDERS = {
    "blank": "\t" + "\t".join(f"数据{i}" for i in range(1, 7)) + "\t总计",
    "named": "申请人情况\t" + "\t".join(f"数据{i}" for i in range(1, 7)) + "\t总计",
    "group": "三、本年度办理结果\t" + "\t".join(f"数据{i}" for i in range(1, 7)) + "\t总计",
}


def pieces(header: str) -> list[list[str]]:
    """Table 3's lines as three pieces; the second and third headed by `header` (a placeholder
    row, or the table's header again)."""
    again = HEADER if header == "again" else [PLACEHOLDERS[header]]
    outcomes = LINES[OUTCOMES:LAST_ROW]
    if header == "group":  # the group's label moves into the piece's header
        outcomes = [outcomes[0].split("\t", 1)[1], *outcomes[1:]]
    return [HEADER + LINES[FIRST_ROW:OUTCOMES], again + outcomes, [*again, LINES[LAST_ROW]]]


def as_text(header: str) -> str:
    """The report with table 3 in pieces, a blank line between them."""
    body = "\n\n".join("\n".join(p) for p in pieces(header))
    return "\n".join([*LINES[:HEADER_START], body, *LINES[LAST_ROW + 1:]]) + "\n"


def _table(lines: list[str]) -> str:
    return "<table border=\"1\">" + "".join(
        "<tr>" + "".join(f"<td><p>{cell}</p></td>" for cell in line.split("\t")) + "</tr>" for line in lines
    ) + "</table>"


def as_html(header: str) -> str:
    """The report as a page: its prose and headings as paragraphs, its tables as tables — table 2 and
    table 4 whole, table 3 as three."""
    def block(lines: list[str]) -> str:
        return _table(lines) if any("\t" in line for line in lines) else "".join(f"<p>{x}</p>" for x in lines)

    t2_start = next(i for i, line in enumerate(LINES) if line.startswith("第二十条"))
    t3_title = HEADER_START - 1
    t4_title = LAST_ROW + 1
    t4_end = next(i for i, line in enumerate(LINES) if line.startswith("五、"))
    parts = [
        block(LINES[1:t2_start]), _table(LINES[t2_start:t3_title]), block([LINES[t3_title]]),
        *(_table(p) + "<p>\u00a0</p>" for p in pieces(header)),
        block([LINES[t4_title]]), _table(LINES[t4_title + 1:t4_end]), block(LINES[t4_end:]),
    ]
    return f"<html><head><title>{LINES[0]}</title></head><body>{''.join(parts)}</body></html>"


def crawler(text: str) -> str:
    return LINES[0] + "\n" + "".join("".join(line.split("\t")) for line in text.splitlines()[1:])


WHOLE = parse_bytes(TABS.encode(), "report.txt")


def _same_as_whole(report) -> None:
    assert (report.active, report.applications, report.review_litigation) == (
        WHOLE.active, WHOLE.applications, WHOLE.review_litigation)


def test_the_whole_report_reads_cleanly():
    assert WHOLE.status == "ok" and WHOLE.applications["new"]["total"] == 4


@pytest.mark.parametrize("header", ["again", "blank", "named", "group"])
def test_a_text_table_in_pieces_is_read_as_one(header):
    report = parse_bytes(as_text(header).encode(), "report.txt")
    _same_as_whole(report)
    assert report.issues == []


@pytest.mark.parametrize("header", ["again", "blank", "named", "group"])
def test_an_html_table_in_pieces_is_read_as_one(header):
    report = parse_bytes(as_html(header).encode(), "report.html")
    _same_as_whole(report)
    assert report.issues == []
    where = report.provenance["applications/carried_forward/total"].where
    assert where.startswith("table 4 ")  # table 3's third piece: the page's tables are table 2, then three pieces


@pytest.mark.parametrize("header", ["again", "blank", "named"])
def test_a_crawler_text_of_a_table_in_pieces_is_read_as_one(header):
    report = parse_bytes(crawler(as_text(header)).encode(), "report.txt")
    whole = parse_bytes(crawler(TABS).encode(), "report.txt")
    assert report.applications == WHOLE.applications
    assert (report.active, report.review_litigation) == (whole.active, whole.review_litigation)
    assert [i.code for i in report.issues] == [i.code for i in whole.issues]


def test_placeholders_are_a_header_only_in_a_numbered_run():
    """数据 with numbers that are no run of 1, 2, 3 … is no header: a cell beside a label that
    happens to end so is still a cell."""
    text = as_text("blank").replace("数据1\t数据2\t数据3", "数据1\t数据3\t数据2")
    report = parse_bytes(text.encode(), "report.txt")
    assert report.applications["granted"] == WHOLE.applications["granted"]  # the rows still read
    assert any(i.code == "stray_value" for i in report.issues)  # and the numbers are said, not lost
