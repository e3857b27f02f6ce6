"""Table 4 printed one group to a line or one group per header (PDF text): the 15 cells are read
across the lines only where every group adds up (rule 4), and a page number printed between the
groups is no cell of them — said so."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from printed import TABS

from pipelines.parse import parse_bytes

HEAD, _, TAIL = TABS.partition("四、政府信息公开行政复议、行政诉讼情况")
AFTER = TAIL[TAIL.index("五、存在的主要问题及改进情况"):]
GROUPS = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
OUTCOMES = "结果维持 结果纠正 其他结果 尚未审结 总计"
KEYS = ("review", "litigation_direct", "litigation_after_review")


def with_review(lines: list[str]) -> str:
    return (HEAD + "\n".join(["四、政府信息公开行政复议、行政诉讼情况", *lines]) + "\n" + AFTER).replace("\t", " ")


def group_rows(groups: list[list[int]]) -> list[str]:
    return [f"{name} {' '.join(map(str, [*cells, sum(cells)]))}" for name, cells in zip(GROUPS, groups, strict=True)]


def test_one_group_to_a_line_is_not_cut_from_its_first_line():
    lines = [OUTCOMES, *group_rows([[99, 22, 23, 12], [40, 8, 9, 1], [27, 3, 2, 3]])]
    report = parse_bytes(with_review(lines).encode(), "report.pdf.txt")
    assert report.review_litigation["review"] == dict(upheld=99, corrected=22, other=23, pending=12, total=156)
    assert report.review_litigation["litigation_after_review"]["total"] == 35
    assert not [i for i in report.issues if i.where.startswith("review_litigation")]


def test_a_page_number_between_the_groups_is_no_cell():
    lines = [f"{GROUPS[0]} {OUTCOMES}", "— — — — —", GROUPS[1], OUTCOMES, "— — — — —", "5",
             GROUPS[2], OUTCOMES, "— — — — —"]
    report = parse_bytes(with_review(lines).encode(), "report.pdf.txt")
    assert all(v == 0 for g in KEYS for v in report.review_litigation[g].values())
    (page,) = [i for i in report.issues if i.code == "stray_value" and "page number" in i.message]
    assert page.severity == "warning"


def test_a_page_number_before_the_row_is_no_cell_with_columns_in_another_order():
    # the outcomes printed with the total fourth (no sum checks the row until it is reordered),
    # a page break between the header and the row of 15 cells
    reordered = "结果维持 结果纠正 尚未审结 总计 其他结果"
    lines = [" ".join(GROUPS), " ".join([reordered] * 3), "4", "0 0 0 0 0 2 0 1 3 0 0 0 1 1 0"]
    report = parse_bytes(with_review(lines).encode(), "report.pdf.txt")
    assert report.review_litigation["litigation_direct"] == dict(upheld=2, corrected=0, other=0, pending=1, total=3)
    assert report.review_litigation["litigation_after_review"] == dict(upheld=0, corrected=0, other=0, pending=1,
                                                                       total=1)
    (page,) = [i for i in report.issues if i.code == "stray_value"]
    assert page.where == "review_litigation" and "'4'" in page.message


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=4, max_size=4), min_size=3, max_size=3))
def test_groups_printed_a_line_each_read_as_printed(groups):
    report = parse_bytes(with_review([OUTCOMES, *group_rows(groups)]).encode(), "report.pdf.txt")
    for key, cells in zip(KEYS, groups, strict=True):
        assert list(report.review_litigation[key].values()) == [*cells, sum(cells)]


def test_a_markdown_group_row_keeps_its_leading_empty_cells():
    # one group per header, as a Markdown table: "|  |  |  | 1 | 1 |" is pending 1, total 1
    header = "| " + " | ".join(OUTCOMES.split()) + " |"
    lines = []
    for name, cells in zip(GROUPS, (["", "", "", "1", "1"], ["", "1", "", "", "1"], ["2", "", "", "", "2"]),
                           strict=True):
        lines += [f"| {name} |  |  |  |  |", "|:---|:---|:---|:---|:---|", header, "| " + " | ".join(cells) + " |"]
    report = parse_bytes(with_review(lines).encode(), "report.md")
    assert report.review_litigation["review"] == dict(upheld=0, corrected=0, other=0, pending=1, total=1)
    assert report.review_litigation["litigation_direct"] == dict(upheld=0, corrected=1, other=0, pending=0, total=1)
    assert report.review_litigation["litigation_after_review"]["upheld"] == 2


def crawler(text: str) -> str:
    return TABS.splitlines()[0] + "\n" + "".join("".join(line.split("\t")) for line in text.splitlines()[1:])


def test_a_cut_rule_4_leaves_open_gives_most_cases_to_upheld_and_stays_doubtful():
    # run together, 22|2|10|2|36 or 2|22|10|2|36, and 13|1|2|4|20 or 1|3|12|4|20, fit rule 4 alike
    row = "22\t2\t10\t2\t36\t13\t1\t2\t4\t20\t8\t2\t0\t1\t11"
    report = parse_bytes(crawler(TABS.replace("1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", row)).encode(), "r.txt")
    assert list(report.review_litigation["review"].values()) == [22, 2, 10, 2, 36]
    assert list(report.review_litigation["litigation_direct"].values()) == [13, 1, 2, 4, 20]
    assert [i.severity for i in report.issues if i.code == "digits_ambiguous" and i.where == "review_litigation"] \
        == ["warning"]
