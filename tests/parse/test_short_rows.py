"""A row printed with fewer numbers than it has cells is never read by cutting a number into
digits without saying so: a tab line's cells are cells (what it lacks are the empty cells its
trimmed trailing whitespace took), and a number printed apart from the others may be a whole
number beside a cell printed blank."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from printed import PDF, TABS

from pipelines.parse import parse_bytes
from pipelines.parse.numbers import Token
from pipelines.parse.tables import read_row

HEADER = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"


def issues_at(report, where: str) -> list[tuple[str, str]]:
    return [(i.code, i.severity) for i in report.issues if i.where == where]


def test_a_tab_line_ending_before_its_last_cells_reads_them_as_empty_and_says_so():
    """规章 16 1, then the line ends: in_force was an empty cell, trimmed with the trailing tab."""
    full = parse_bytes(TABS.replace("规章\t0\t0\t0", "规章\t16\t1").encode())
    assert full.active["rules"] == {"issued": 16, "repealed": 1, "in_force": 0}
    assert issues_at(full, "active/rules") == [("cell_count", "warning")]
    assert full.provenance["active/rules/in_force"].raw == ""


def test_a_tab_line_short_of_cells_without_a_header_to_align_with_is_not_read():
    text = TABS.replace("规章\t0\t0\t0", "规章\t16\t1").replace(HEADER, "信息内容")
    full = parse_bytes(text.encode())
    assert full.active["rules"] == {"issued": None, "repealed": None, "in_force": None}
    assert issues_at(full, "active/rules") == [("cell_unreadable", "error")]


def test_a_number_printed_apart_is_cut_only_with_a_warning():
    """Text split by spaces (a PDF's): 16 and 1 for three cells is 1 | 6 | 1 only if 16 ran
    together, or 16 | 1 beside a blank cell; the reading says it guessed."""
    text = TABS.replace("规章\t0\t0\t0", "规章\t16 1").replace("\t", "  ")
    full = parse_bytes(text.encode())
    assert full.active["rules"] == {"issued": 1, "repealed": 6, "in_force": 1}
    assert issues_at(full, "active/rules") == [("digits_ambiguous", "warning")]


@pytest.mark.parametrize("row, read", [
    ("2\t\t\t\t2", [2, 0, 0, 0, 2] + [0] * 10),  # review only; the litigation cells trimmed away
    ("1\t\t\t\t1\t1\t\t\t\t1", [1, 0, 0, 0, 1, 1, 0, 0, 0, 1] + [0] * 5),
    ("\t\t\t1\t1", [0, 0, 0, 1, 1] + [0] * 10),  # its first cells empty too: a line of numbers keeps them
])
def test_table_4s_tab_line_ending_early_reads_its_last_cells_as_empty_and_says_so(row, read):
    text = TABS.replace("1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", row)
    full = parse_bytes(text.encode())
    groups = full.review_litigation
    assert [groups[g][o] for g in groups for o in groups[g]] == read
    assert issues_at(full, "review_litigation") == [("cell_count", "warning")]


def test_table_4s_tab_line_that_may_have_lost_its_first_cells_is_not_guessed():
    """\t1\t1: fewer cells than table 4's first group, so no row of table 4's as printed: its
    leading empty cell is taken for indentation, and which cells the two numbers are is not known."""
    text = TABS.replace("1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "\t1\t1")
    full = parse_bytes(text.encode())
    assert issues_at(full, "review_litigation") == [("cell_unreadable", "error")]


def token(text: str, tab: bool) -> Token:
    return Token("num", text, "line 1 col 1", text, 0, Decimal(text), tab=tab)


def test_digits_of_a_tab_cell_are_never_cut():
    assert not read_row([token("16", True), token("1", True)], 3).ok
    assert read_row([token("16", False), token("1", False)], 3).candidates == [(1, 6, 1)]


@pytest.mark.parametrize("sep", ["\t", "  "])
def test_table_3_printed_with_its_labels_only_is_zeros_said_so(sep):
    """No application all year, zeros printed as empty cells that the lines' trimmed whitespace
    took: every label, no cell. (It was table_missing.)"""
    start, end = TABS.index("三、收到和处理"), TABS.index("四、政府信息公开行政复议")
    table = "\n".join(re.sub(r"(\t\d+)+$", "", line) for line in TABS[start:end].split("\n"))
    full = parse_bytes((TABS[:start] + table + TABS[end:]).replace("\t", sep).encode())
    assert all(set(cols.values()) == {0} for cols in full.applications.values())
    assert [(i.code, i.where) for i in full.issues] == [("row_blank", "applications")]


def test_table_3_headings_without_its_rows_are_no_table_of_zeros():
    """Its header and first and last rows' labels but not the others: no table this reader knows."""
    start, end = TABS.index("三、收到和处理"), TABS.index("四、政府信息公开行政复议")
    table = "\n".join(re.sub(r"(\t\d+)+$", "", line) for line in TABS[start:end].split("\n"))
    table = table[:table.index("二、上年结转")] + table[table.index("四、结转下年度"):]
    full = parse_bytes((TABS[:start] + table + TABS[end:]).encode())
    assert full.applications in (None, {})
    assert ("cell_unreadable", "applications") in [(i.code, i.where) for i in full.issues]


@pytest.mark.parametrize("sep", ["\t", "  "])
def test_table_2_printed_with_its_labels_only_is_zeros_said_so(sep):
    start, end = TABS.index("第二十条第（一）项"), TABS.index("三、收到和处理")
    table = "\n".join(re.sub(r"(\t[\d.]+)+$", "", line) for line in TABS[start:end].split("\n"))
    report = parse_bytes((TABS[:start] + table + TABS[end:]).replace("\t", sep).encode())
    assert all(set(cols.values()) == {0} for cols in report.active.values())
    assert {i.code for i in report.issues} == {"row_blank"}


def test_two_zero_marks_a_space_apart_are_two_cells():
    """PDF text: cells set apart by runs of spaces, and within one run two marks a space apart."""
    assert "\n规章 0 0 0\n" in PDF
    report = parse_bytes(PDF.replace("\n规章 0 0 0\n", "\n规章  7  — —\n").encode())
    assert report.active["rules"] == {"issued": 7, "repealed": 0, "in_force": 0}
    assert issues_at(report, "active/rules") == []


def test_a_tables_own_number_is_no_cell():
    """A caption numbering the table (表3 …) gives no value to the table after it: here table 4
    printed a row per group, its 15 cells in the order of the one-row form."""
    printed = TABS.index("行政复议\t行政诉讼")
    ends = TABS.index("五、存在的主要问题")
    per_group = "\n".join(["表3 行政复议、行政诉讼情况", "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
                           "行政复议\t27\t4\t7\t6\t44", "行政诉讼（未经复议直接起诉）\t10\t1\t3\t\t14",
                           "行政诉讼（复议后起诉）\t4\t\t\t\t4"]) + "\n"
    report = parse_bytes((TABS[:printed] + per_group + TABS[ends:]).encode())
    assert report.review_litigation == {
        "review": {"upheld": 27, "corrected": 4, "other": 7, "pending": 6, "total": 44},
        "litigation_direct": {"upheld": 10, "corrected": 1, "other": 3, "pending": 0, "total": 14},
        "litigation_after_review": {"upheld": 4, "corrected": 0, "other": 0, "pending": 0, "total": 4},
    }
    assert not [i for i in report.issues if i.where.startswith("review_litigation") or i.where.startswith("line")]


@pytest.mark.parametrize("label", ["保护第三方合法权益", "保护第三 方合法权益", "属 于行政查询事项"])
def test_a_row_number_glued_to_digits_is_numbering_whatever_the_spaces_in_its_label(label):
    """A crawler's run of a row's digits and the next row's number (0000000 + 4保护第三方…): the
    last digit numbers the next label, also where the label is printed with spaces inside."""
    from pipelines.ingest.cells import RawCell
    from pipelines.parse.numbers import tokenize_cell

    tokens = tokenize_cell(RawCell(f"3危及安全稳定00000004{label}", "line 1 col 1"), 0)
    assert [t.text for t in tokens if t.kind == "num"] == ["0000000"]
