"""Cells, numbers, labels and digit runs: the small pieces the table reader stands on."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.cells import RawCell
from pipelines.ingest.text import _columns, split_line
from pipelines.parse.digits import cuts, split_values
from pipelines.parse.labels import match_codes
from pipelines.parse.numbers import tokenize_cell
from pipelines.spec import APPLICATION_ROWS


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize_cell(RawCell(text, "x"), 0)]


@pytest.mark.parametrize("text,value", [
    ("０１２", 12), ("1,234", 1234), ("+17", 17), ("-5", -5), ("73802895.90元", Decimal("73802895.90")),
    ("　　0", 0),
])
def test_numbers(text, value):
    (tok,) = tokenize_cell(RawCell(text, "x"), 0)
    assert tok.kind == "num" and tok.value == value


@pytest.mark.parametrize("text", ["", "—", "/", "无", "－", "\xa0"])
def test_blanks_mean_zero(text):
    assert kinds(text) == [("blank", "")]


def test_prose_numbers_stay_in_labels():
    assert kinds("全年主动公开政府信息共 504 条。") == [("label", "全年主动公开政府信息共504条。")]
    assert kinds("第二十条第（五）项") == [("label", "第二十条第(五)项")]


def test_row_numbering_is_label_not_value():
    assert kinds("1.属于国家秘密") == [("label", "1.属于国家秘密")]
    assert kinds("1属于国家秘密") == [("label", "1属于国家秘密")]
    # the next row's number sticks to the last cell in crawler text
    assert kinds("00000002.其他法律行政法规禁止公开") == [("num", "0000000"), ("label", "2.其他法律行政法规禁止公开")]


def test_sign_starts_a_new_cell():
    assert kinds("行政许可20+1737") == [("label", "行政许可"), ("num", "20"), ("num", "1737")]


def test_split_line_layouts():
    assert split_line("规章\t0\t0\t0") == ["规章", "0", "0", "0"]
    assert split_line("\t\t规章\t0\t") == ["规章", "0", ""]  # a trailing empty cell may be a zero
    # a tab line of numbers only keeps its leading empty cells too: the table reader drops padding
    assert split_line("\t\t0\t0\t") == ["", "", "0", "0", ""]
    assert split_line("| 四、结转 | 1 | 0 |  |") == ["四、结转", "1", "0", ""]
    assert split_line("规章      12     3    45") == ["规章", "12", "3", "45"]
    # table 4's row, 15 cells and no label: an empty cell at its start is a zero, not indentation
    assert split_line("|  |  | 1 | 1 |" + "  |" * 11) == ["", "", "1", "1", *[""] * 11]
    assert split_line("\t\t1\t1" + "\t" * 11) == ["", "", "1", "1", *[""] * 11]
    assert split_line("|  | 1 | 1 |" + "  |" * 11) == ["1", "1", *[""] * 11]  # 14 cells: not table 4's
    assert split_line("\t\t\t1\t1") == ["", "", "", "1", "1"]  # a tab line of numbers only, trimmed at its end
    assert split_line("\t　1") == ["1"]  # one cell, indented: a table printed one cell per line
    assert split_line("|  | 结果 | 1 |" + "  |" * 12) == ["结果", "1", *[""] * 12]  # a label: a header


@pytest.mark.parametrize("line", [
    "规章\t\t\t5\t", "7. 属于行政执法案卷\t1\t\t\t\t\t\t1", "x  \t\t 3\t\t4", "| 规章 |  | | 5 |", "| a | 1 | | 2 |",
    "\t\t1\t1" + "\t" * 11, "|  | | 1 | 1 |" + "  |" * 11,  # table 4's row, its first cells empty
])
def test_every_cell_is_placed_where_it_is_printed(line):
    """A printed cell's column is where its text starts; an empty cell's is just past the separator
    before it and its padding, however many empty cells run together."""
    cells = split_line(line)
    for cell, col in zip(cells, _columns(line, cells), strict=True):
        if cell:
            assert line[col - 1:].startswith(cell)
        elif col == 1:  # a tab row's first cell
            assert "|" not in line and line.startswith("\t")
        else:
            assert line[col - 2] in "\t| \u3000" and line[col - 1:col] in ("\t", "|", "")


def test_cuts_never_make_leading_zeros():
    assert sorted(cuts("100", 2)) == [(10, 0)]
    assert list(cuts("000", 3)) == [(0, 0, 0)]
    assert (Decimal(15), Decimal("6805947.43")) in list(cuts("156805947.43", 2))


def test_split_values_by_row_sum():
    found = split_values([("640020470", Decimal(640020470), True)], 7, lambda v: sum(v[:6]) == v[6])
    assert [v for v, _ in found] == [tuple(map(Decimal, (64, 0, 0, 2, 0, 4, 70)))]


@settings(max_examples=300, deadline=None)
@given(runs=st.lists(st.text("0123456789", min_size=1, max_size=16), min_size=1, max_size=3),
       shape=st.sampled_from([(1, None), (2, None), (3, None), (7, 7), (7, None), (15, 5), (14, 7)]),
       limit=st.sampled_from([1, 5, 20, 50_000]), signs=st.lists(st.booleans(), min_size=3, max_size=3))
def test_plain_digit_runs_are_cut_in_ints_exactly_as_in_decimals(runs, shape, limit, signs):
    """The int search for plain runs (the common case) gives the general search's answers, in its
    order; an `accept` that admits everything sends the same runs the general way. A run may carry
    a sign printed before it (-21865: text 21865, value -21865)."""
    n, group = shape
    parts = [(r, -Decimal(r) if negative else Decimal(r), True) for r, negative in zip(runs, signs, strict=False)]
    general = split_values(parts, n, accept=lambda v: True, limit=limit, group=group)
    assert split_values(parts, n, limit=limit, group=group) == general


@pytest.mark.parametrize("label,code", [
    ("（三）不予公开1.属于国家秘密", "denied_state_secret"),
    ("3.危及\"三安全一稳定\"", "denied_three_safety"),
    ("3.危及“三安全一稳定”", "denied_three_safety"),
    ("5属于三类内部事务信息", "denied_internal"),
    ("（四）无法提供 1. 本机关不掌握相关政府信息", "unable_not_held"),
    ("二、上年结转政府信息公开申请数量", "carried_over"),
    ("四、结转下年度继续办理", "carried_forward"),
    ("(七)总计", "total_handled"),
])
def test_row_labels(label, code):
    from pipelines.parse.numbers import normalize

    codes = {m.code for m in match_codes(normalize(label), "APPLICATION_LABELS", APPLICATION_ROWS["v2021"])}
    assert code in codes


def test_item_labels_prefer_the_longer_phrase():
    codes = [m.code for m in match_codes("行政规范性文件", "ACTIVE_LABELS", ("rules", "normative_docs"))]
    assert codes == ["normative_docs"]


def test_a_row_printed_alike_elsewhere_is_read_alike_with_its_own_places():
    """`read_row` is cached by what the tokens print; the sources of a reading are always the
    row's own tokens, so each value keeps the place it was printed at."""
    from pipelines.parse.tables import read_row

    def row(line: int, text: str):  # the same physical row of its table, printed on another line
        return tokenize_cell(RawCell(text, f"line {line} col 3"), 0)

    for text, n, group in (("0 0 0 0 0 0 0", 7, 7), ("1000011", 7, 7), ("3 -1 2", 3, None)):
        first, again = read_row(row(5, text), n, group), read_row(row(40, text), n, group)
        assert first.candidates == again.candidates
        for pick in range(len(first.candidates)):
            here = [t.where for t in first.sources[pick] if t is not None]
            there = [t.where for t in again.sources[pick] if t is not None]
            assert all(w.startswith("line 5 ") for w in here) and all(w.startswith("line 40 ") for w in there)
            assert [w.split(" col ")[1] for w in here] == [w.split(" col ")[1] for w in there]
