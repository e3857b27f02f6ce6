"""A sub-row's number glued to the previous row's run of digits in a crawler's text, where the
tokenizer cannot tell it from a digit: the label after it shortened (2禁止公开) or broken into
another cell by spaces (申  请人…). Rule 3 and the number the label's row carries decide."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from printed import TABS

from pipelines.parse import parse_bytes

TITLE = TABS.splitlines()[0]
SECRET = "（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0"
FORBIDDEN = "2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0"
NO_FEE = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0"


def crawler(text: str) -> str:
    """The body on one line, cells joined with no separator."""
    return TITLE + "\n" + "".join("".join(line.split("\t")) for line in text.splitlines()[1:])


def secret_row(values: list[int], next_label: str) -> str:
    cells = "\t".join(str(v) for v in [*values, sum(values)])
    return TABS.replace(SECRET, f"（三）不予公开\t1.属于国家秘密\t{cells}").replace(
        FORBIDDEN, f"{next_label}\t0\t0\t0\t0\t0\t0\t0")


def test_the_number_before_a_shortened_label_is_its_numbering():
    report = parse_bytes(crawler(secret_row([1, 0, 0, 0, 0, 0], "2禁止公开")).encode(), "report.txt")
    assert report.applications["denied_state_secret"] == dict(
        natural_person=1, commercial=0, research=0, social_org=0, legal_service=0, other=0, total=1)
    assert report.applications["denied_law_forbidden"]["total"] == 0
    assert not [i for i in report.issues if i.severity != "info" and "applications/denied" in i.where]


def test_the_number_before_a_label_broken_by_spaces_is_its_numbering():
    text = TABS.replace(NO_FEE, NO_FEE.replace("2.申请人", "2申  请人"))
    report = parse_bytes(crawler(text).encode(), "report.txt")
    assert report.applications["other_no_correction"]["total"] == 0
    assert report.applications["other_no_fee"]["total"] == 0
    assert not [i for i in report.issues if i.severity == "error"]


def test_a_last_cell_that_fits_rule_3_keeps_its_digit():
    # no numbering: the row is 12 0 0 0 0 0 12, its last digit no row's number
    report = parse_bytes(crawler(secret_row([12, 0, 0, 0, 0, 0], "禁止公开")).encode(), "report.txt")
    assert report.applications["denied_state_secret"]["total"] == 12


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=6, max_size=6), st.booleans())
def test_a_row_before_a_shortened_numbered_label_reads_as_printed(values, numbered):
    report = parse_bytes(crawler(secret_row(values, "2禁止公开" if numbered else "禁止公开")).encode(), "report.txt")
    row = report.applications["denied_state_secret"]
    expected = [*values, sum(values)]
    if list(row.values()) != expected:  # a doubtful cut is never silent (the row, or the column sums)
        assert any(i.where.startswith("applications/") and i.severity != "info" for i in report.issues)


def undotted(text: str) -> str:
    """Sub-rows numbered without a point (2其他法律…), as some agencies print them."""
    for d in "12345678":
        text = text.replace(f"\t{d}.", f"\t{d}").replace(f"\n{d}.", f"\n{d}")
    return text


def test_a_numbered_table_reads_the_digit_as_numbering_where_both_readings_fit_rule_3():
    # "100601041112": 100|6|0|1|0|4|111 then "2", or 1|0|0|60|10|41|112 — the table numbers its
    # sub-rows (1本机关…, 3补正后…), so the 2 before 另行制作 is the next sub-row's number
    text = undotted(TABS).replace("1本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1",
                                  "1本机关不掌握相关政府信息\t100\t6\t0\t1\t0\t4\t111")
    text = text.replace("2没有现成信息需要另行制作", "2另行制作")
    for label in ("一、本年新收政府信息公开申请数量", "（七）总计"):  # the column sums, as printed
        text = text.replace(f"{label}\t3\t1\t0\t0\t0\t0\t4", f"{label}\t102\t7\t0\t1\t0\t4\t114")
    report = parse_bytes(crawler(text).encode(), "report.txt")
    assert list(report.applications["unable_not_held"].values()) == [100, 6, 0, 1, 0, 4, 111]
    assert list(report.applications["unable_need_creation"].values()) == [0] * 7
