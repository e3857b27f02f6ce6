"""A cell's text that is not a plain number: read as the number it states, or said to be unread —
never taken for an empty cell (a zero) nor for the digits it holds among letters."""

from __future__ import annotations

import pytest
from printed import TABS

from pipelines.parse import parse_bytes
from pipelines.parse.numbers import _tokenize_text

APPLICATIONS_NEW = "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4"


def parse(text: str, sep: str):
    return parse_bytes((text if sep == "\t" else text.replace("\t", sep)).encode(), "report.txt")


def issues_at(report, where: str) -> list[tuple[str, str]]:
    return [(i.code, i.severity) for i in report.issues if i.where == where]


@pytest.mark.parametrize("sep", ["\t", "  "])
def test_a_count_printed_with_its_unit_is_the_count(sep):
    report = parse(TABS.replace("行政许可\t35", "行政许可\t35件").replace(
        APPLICATIONS_NEW, APPLICATIONS_NEW.replace("\t3\t", "\t3件\t", 1)), sep)
    assert report.active["licensing"] == {"decisions": 35}
    assert report.applications["new"]["natural_person"] == 3
    assert not report.issues
    assert report.provenance["active/licensing/decisions"].raw == "35件"


@pytest.mark.parametrize("printed", ["l5", "35O", "约35", "35余", "35个左右", "3,5", "3，5", "3,5000", "3.5.",
                                     "三十五", "O", "Ｏ", "o", "x", "*", "N/A", "…", "?", "#"])
@pytest.mark.parametrize("sep", ["\t", "  "])
def test_a_number_the_reader_does_not_take_leaves_its_row_unread_not_blank(printed, sep):
    """约35 (about 35), 35余 (35-odd), l5 (a scan's 15), 三十五 (a count in words), O (a letter for
    0), x or * (a figure withheld): no empty cell, so no zero."""
    report = parse(TABS.replace("行政许可\t35", f"行政许可\t{printed}"), sep)
    assert report.active["licensing"] == {"decisions": None}
    assert issues_at(report, "active/licensing") == [("cell_unreadable", "error")]


@pytest.mark.parametrize("printed", ["零", "〇", "--"])
@pytest.mark.parametrize("sep", ["\t", "  "])
def test_zero_in_words_and_a_double_hyphen_are_zero_marks(printed, sep):
    report = parse(TABS.replace("行政许可\t35", f"行政许可\t{printed}"), sep)
    assert report.active["licensing"] == {"decisions": 0}
    assert not report.issues


@pytest.mark.parametrize("sep", ["\t", "  "])
def test_chinese_row_numbering_after_a_blank_row_is_no_count_in_words(sep):
    """三、 before the next row's label is numbering (squashed: 三本年度…), not a count of three."""
    blank = TABS.replace("二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1", "二、上年结转政府信息公开申请数量")
    report = parse(blank, sep)
    assert ("row_blank", "warning") in issues_at(report, "applications/carried_over")
    assert report.applications["carried_over"]["total"] == 0


def test_row_numbering_after_a_blank_row_is_no_unread_number():
    """属于国家秘密 printed alone (its cells trimmed away), then 2. numbering the next row."""
    row = "（三）不予公开\t1.属于国家秘密"
    report = parse(TABS.replace(row + "\t0\t0\t0\t0\t0\t0\t0", row), "\t")
    assert issues_at(report, "applications/denied_state_secret") == [("row_blank", "warning")]


@pytest.mark.parametrize("text, kinds", [
    ("35件", ["num"]), ("１２件", ["num"]), ("2021年", ["label"]),
    ("l5", ["label"]), ("1O", ["label"]), ("A3", ["label"]), ("35", ["num"]),
])
def test_digits_glued_to_letters_are_no_count_and_a_unit_after_a_count_is_dropped(text, kinds):
    assert [t[0] for t in _tokenize_text(text)] == kinds


@pytest.mark.parametrize("printed", ["35①", "35¹", "35⑴", "35❶"])
def test_a_footnote_mark_after_a_number_is_no_digit_of_it(printed):
    """NFKC makes ① a 1: 35① would read 351."""
    report = parse(TABS.replace("行政许可\t35", f"行政许可\t{printed}"), "\t")
    assert report.active["licensing"] == {"decisions": 35}


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad"])
def test_characters_that_print_nothing_are_not_read(invisible):
    """A web page's zero-width spaces inside a number or a label."""
    text = TABS.replace("行政许可\t35", f"行政{invisible}许可\t3{invisible}5")
    report = parse(text.replace(APPLICATIONS_NEW, APPLICATIONS_NEW.replace("\t3\t", f"\t3{invisible}\t", 1)), "\t")
    assert report.active["licensing"] == {"decisions": 35}
    assert report.applications["new"]["natural_person"] == 3
    assert not report.issues


@pytest.mark.parametrize("mark", [
    "<sup>1</sup>", "<SUP class='fn'>注1</SUP>", "<sub>①</sub>", "&#8203;", "&shy;",
    '<span style="display:none">9</span>', "<span style='DISPLAY: NONE;mso-hide:all'><b>9</b></span>",
    "<span style='mso-hide:all'>9</span>", "<span hidden>9</span>", '<font style="visibility:hidden">9</font>',
    '<SPAN STYLE="DISPLAY:NONE">9</SPAN>', '</td><td style="display:none">9',
])
def test_an_html_cells_footnote_mark_or_invisible_reference_is_no_digit(mark):
    """13612<sup>1</sup> is 13612 to the HTML reader; so is text the page does not show (Word's
    hidden text, a site's decoy digits)."""
    page, in_table = ["<html><body>"], False
    for line in TABS.replace("行政许可\t35", "行政许可\t35" + chr(0)).split("\n"):
        if "\t" in line:
            page += [] if in_table else ["<table>"]
            page.append("<tr>" + "".join(f"<td>{c}</td>" for c in line.split("\t")) + "</tr>")
        else:
            page += ["</table>"] if in_table else []
            page.append(f"<p>{line}</p>")
        in_table = "\t" in line
    page = "".join(page).replace(chr(0), mark) + "</body></html>"
    report = parse_bytes(page.encode())
    assert report.active["licensing"] == {"decisions": 35} and not report.issues


@pytest.mark.parametrize("printed", ["1.5千元", "1500千元", "0.015百万元", "1.5万", "壹万伍仟元", "1,5"])
@pytest.mark.parametrize("sep", ["\t", "  "])
def test_money_in_a_unit_the_reader_does_not_convert_is_unread(printed, sep):
    """千元 and 百万元 are no 万元: 1.5千元 read as 1.5 would be ten times too much."""
    report = parse(TABS.replace("行政事业性收费\t1.5", f"行政事业性收费\t{printed}"), sep)
    assert report.active["fees"] == {"amount_10k_yuan": None}
    assert issues_at(report, "active/fees") == [("cell_unreadable", "error")]


@pytest.mark.parametrize("sep", ["\t", "  "])
def test_a_number_ending_in_a_point_is_the_number_not_row_numbering(sep):
    """Rows are numbered 1. to 8.: 35. ending its cell is 35 (it was read as 3, or as an empty row)."""
    report = parse(TABS.replace("行政许可\t35", "行政许可\t35."), sep)
    assert report.active["licensing"] == {"decisions": 35}
    assert not report.issues


@pytest.mark.parametrize("header, printed", [
    ("本年收费金额（单位：千元）", "15"), ("本年收费金额（单位：百元）", "150"), ("本年收费金额（单位：元）", "15000"),
    ("本年收费金额（元）", "15000"), ("本年收费金额（单位：万元）", "1.5"), ("本年收费金额", "1.5"),
])
@pytest.mark.parametrize("sep", ["\t", "  "])
def test_money_in_the_unit_its_header_names(header, printed, sep):
    """Fees are given in 万元: a header in 千元 or 百元 is converted, never read as 万元."""
    text = TABS.replace("本年收费金额（单位：万元）", header)
    text = text.replace("行政事业性收费\t1.5", f"行政事业性收费\t{printed}")
    report = parse(text, sep)
    assert report.active["fees"] == {"amount_10k_yuan": 1.5}
    assert not report.issues


@pytest.mark.parametrize("printed", ["3*", "3（注）", "O", "三", "3,"])
@pytest.mark.parametrize("sep", ["\t", "  "])
def test_a_table_3_row_with_a_cell_not_read_is_unread_not_missing(printed, sep):
    """Its label is printed: the issue says its cells could not be read, not that it is missing."""
    report = parse(TABS.replace(APPLICATIONS_NEW, APPLICATIONS_NEW.replace("\t3\t", f"\t{printed}\t", 1)), sep)
    assert report.applications["new"]["natural_person"] is None
    assert issues_at(report, "applications/new") == [("cell_unreadable", "error")]


@pytest.mark.parametrize("old, new", [
    ("行政强制\t0", "行政强制\t0\n行政征收\t5"),  # a row the template does not have
    ("规章\t0\t0\t0", "规章\t0\t0\t0\n规范性文件\t3\t1\t5"),  # an item printed twice, with other numbers
])
@pytest.mark.parametrize("sep", ["\t", "  "])
def test_table_2_numbers_not_loaded_are_said_to_be(old, new, sep):
    """Nothing is lost without a word: a row's numbers the warehouse will not hold are named."""
    report = parse(TABS.replace(old, new), sep)
    assert report.active["enforcement"] == {"decisions": 0}
    assert [i.code for i in report.issues] == ["stray_value"]
    assert report.issues[0].severity == "warning"


def test_an_item_printed_twice_alike_in_another_unit_is_no_stray_row():
    """The second printing is compared as printed (15000 under a header in 元 is 1.5 万元 both times)."""
    text = TABS.replace("本年收费金额（单位：万元）", "本年收费金额（单位：元）").replace(
        "行政事业性收费\t1.5", "行政事业性收费\t15000\n行政事业性收费\t15000")
    report = parse(text, "\t")
    assert report.active["fees"] == {"amount_10k_yuan": 1.5}
    assert not report.issues
