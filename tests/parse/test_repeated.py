"""A file that prints the tables twice — two reports bound in one file, or a table repeated — is
read for its first tables, and says that it holds more."""

from __future__ import annotations

from printed import TABS

from pipelines.parse import parse_bytes

SECOND = TABS.replace("平湖市统计局2022", "嘉善县统计局2023").replace("行政许可\t35", "行政许可\t99")


def test_a_second_report_in_the_same_file_is_said_to_be_there():
    report = parse_bytes((TABS + "\n" + SECOND).encode())
    assert report.agency == "平湖市统计局" and report.active["licensing"] == {"decisions": 35}
    assert [(i.code, i.severity) for i in report.issues] == [("tables_repeated", "warning")]
    second_at = (TABS + "\n" + SECOND).split("\n").index("第二十条第（一）项", 5) + 2  # its header line
    assert report.issues[0].where == f"line {second_at}"


def test_a_table_printed_twice_is_said_to_be():
    table_2 = TABS[TABS.index("第二十条第（一）项"):TABS.index("三、收到和处理")]
    full = parse_bytes(TABS.replace("三、收到和处理", table_2 + "三、收到和处理", 1).encode())
    assert "tables_repeated" in {i.code for i in full.issues}


def test_one_report_says_nothing_of_it():
    assert not parse_bytes(TABS.encode()).issues


def test_tables_in_the_2019_format_under_an_earlier_year_are_said_to_conflict():
    report = parse_bytes(TABS.replace("2022年度", "2012年度").encode())
    assert report.year == 2012 and [i.code for i in report.issues] == ["year_conflict"]


def test_table_3_header_printed_again_over_a_page_break_is_no_second_table():
    header = TABS[TABS.index("（本列数据的勾稽关系"):TABS.index("一、本年新收")]
    at = TABS.index("4.保护第三方合法权益")
    full = parse_bytes((TABS[:at] + "- 3 -\n" + header + TABS[at:]).encode())
    plain = parse_bytes(TABS.encode())
    assert not full.issues
    assert full.applications == plain.applications
