"""The prose as evidence (`pipelines/parse/prose.py`): the numbers a report's text states for table
cells, a doubtful cut of run-together digits that only one reading fits settled by them, and a
certain cell the prose contradicts flagged — never changed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from printed import TABS

from pipelines.parse import parse_bytes
from pipelines.parse.prose import Stated, stated_numbers, weigh

TITLE = TABS.splitlines()[0]


def crawler(text: str) -> str:
    """The report as a crawler's page text: the title, then the body on one line, cells joined
    with no separator (digits of neighbouring cells run together)."""
    return TITLE + "\n" + "".join("".join(line.split("\t")) for line in text.splitlines()[1:])


def with_prose(text: str, prose: str) -> str:
    """The report with an overview paragraph before its tables."""
    lines = text.splitlines()
    return "\n".join([lines[0], "一、总体情况", prose, *lines[1:]]) + "\n"


def stated(text: str, template: str = "v2021") -> list[tuple[str, Decimal]]:
    return [(s.cell, s.value) for s in stated_numbers(text, template)]


# --- what the prose states -------------------------------------------------------------------

def test_a_clause_states_the_cell_its_words_name():
    text = "全年共收到政府信息公开申请713件，上年结转12件，已办结700件，25件结转下年度继续办理。"
    assert stated(text) == [("applications/new/total", 713), ("applications/carried_over/total", 12),
                            ("applications/total_handled/total", 700),
                            ("applications/carried_forward/total", 25)]


def test_the_row_named_earlier_in_the_sentence_carries_over():
    text = "本年度制发行政规范性文件3件，废止1件，现行有效16件；废止2件。"
    # the last clause is a sentence of its own (after ；): it names no row, and states nothing
    assert stated(text) == [("active/normative_docs/issued", 3), ("active/normative_docs/repealed", 1),
                            ("active/normative_docs/in_force", 16)]


def test_the_row_may_follow_the_number():
    assert stated("本年度全区共收到70件申请，及时依法依规办结69件。") == [
        ("applications/new/total", 70), ("applications/total_handled/total", 69)]


def test_a_clause_naming_two_cells_or_two_rows_states_neither():
    assert stated("予以公开及部分公开258件。") == []
    assert stated("制发规章和规范性文件12件。") == []
    # nor the clauses after it, which lean on a row no longer known
    assert stated("制发规章和规范性文件12件，废止3件。") == []


def test_a_change_from_last_year_is_no_cell():
    assert stated("共收到政府信息公开申请80件，较上年增加12件。") == [("applications/new/total", 80)]
    assert stated("申请数量较去年回落12.3%。") == []


def test_numbers_without_a_unit_or_with_another_are_none():
    assert stated("2021年，全年主动公开政府信息215条，收到群众来信3封。") == []


def test_a_table_cell_printed_with_its_unit_is_no_prose():
    assert stated("一、本年新收政府信息公开申请数量\t3件\t0\t0\t0\t0\t0\t3") == []
    assert stated("采购项目数量\t采购总金额\n政府集中采购\t6\t251000元") == []


def test_money_in_the_template_unit():
    assert stated("全年收取行政事业性收费1.5万元。") == [("active/fees/amount_10k_yuan", Decimal("1.5"))]
    assert stated("全年收取行政事业性收费15000元。") == [("active/fees/amount_10k_yuan", Decimal("1.5"))]
    assert stated("政府集中采购项目6个，金额25.1万元。", "v2019") == [
        ("active/procurement/projects", 6), ("active/procurement/amount_yuan", 251000)]


def test_full_width_digits_and_wrapped_lines():
    text = "第一行。全年共收到政府信息公开\n申请１２件。"
    (s,) = stated_numbers(text, "v2021")
    assert (s.cell, s.value) == ("applications/new/total", 12)
    assert s.where == "line 2 col 3"  # the number's place in the text as printed
    assert "12件" in s.phrase


# phrasings a hand-written prose may use for a cell: (cell, clause with {v})
PHRASINGS = [
    ("applications/new/total", "共收到政府信息公开申请{v}件"),
    ("applications/new/total", "新收到依申请公开申请{v}件"),
    ("applications/new/total", "共受理{v}件政府信息公开申请"),
    ("applications/carried_over/total", "上年结转政府信息公开申请{v}件"),
    ("applications/total_handled/total", "办结政府信息公开申请{v}件"),
    ("applications/carried_forward/total", "结转下年度继续办理的申请{v}件"),
    ("applications/granted/total", "予以公开的申请{v}件"),
    ("active/rules/issued", "制发规章{v}件"),
    ("active/normative_docs/in_force", "现行有效的规范性文件共{v}件"),
    ("active/licensing/decisions", "作出行政许可决定{v}件"),
    ("active/punishment/decisions", "查处行政处罚案件{v}起"),
    ("active/enforcement/decisions", "实施行政强制{v}件"),
]
FILLER = ["", "我局高度重视政务公开工作。", "持续完善信息发布协调机制。", "全年更新栏目17个。"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PHRASINGS), st.integers(0, 99999), st.sampled_from(FILLER)),
                max_size=6),
       st.sampled_from(["全年", "2022年，", "本年度，我局", ""]))
def test_every_stated_number_is_found_with_its_cell(sentences, opening):
    """Sentences of one clause each, among prose that states nothing: each number is found, with
    its cell, in order, and nothing else is."""
    text = "".join(f"{filler}{opening}{clause.format(v=v)}。" for (_, clause), v, filler in sentences)
    assert stated(text) == [(cell, v) for (cell, _), v, _ in sentences]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789，。；：、（）件个元万申请收到上年结转规章废止有效 \n")),
               max_size=200))
def test_any_text_is_read_without_raising(text):
    for s in stated_numbers(text, "v2019") + stated_numbers(text, "v2021"):
        assert s.cell.count("/") == 2 and s.value >= 0 and s.where.startswith("line ")


# --- what the stated numbers say of the tables -------------------------------------------------

def _stated(cell: str, value: int, or_plus: tuple[str, ...] = ()) -> Stated:
    return Stated(cell, Decimal(value), f"...{value}件", "line 3 col 7", or_plus)


def _tables(**rows):
    return {"active": {row: {k: Decimal(v) for k, v in cols.items()} for row, cols in rows.items()}}


ROW = "active/normative_docs"
CUTS = [{"issued": Decimal(12), "repealed": Decimal(3), "in_force": Decimal(150)},
        {"issued": Decimal(1), "repealed": Decimal(23), "in_force": Decimal(150)},
        {"issued": Decimal(12), "repealed": Decimal(31), "in_force": Decimal(50)}]


def test_exactly_one_agreeing_cut_settles_the_row():
    tables = _tables(normative_docs=CUTS[0])
    evidence = weigh([_stated(f"{ROW}/repealed", 23)], tables, {ROW: CUTS}, {})
    assert evidence.settled == {ROW: 1}
    ((code, severity, where, message),) = evidence.issues
    assert (code, severity, where) == ("settled_by_prose", "info", ROW)
    assert "line 3 col 7" in message and "1|23|150" in message


def test_several_agreeing_cuts_leave_the_row_doubtful():
    evidence = weigh([_stated(f"{ROW}/in_force", 150)], _tables(normative_docs=CUTS[0]), {ROW: CUTS}, {})
    assert (evidence.settled, evidence.narrowed) == ({}, {ROW: 0})
    ((code, severity, where, message),) = evidence.issues
    assert (code, severity, where) == ("digits_ambiguous", "warning", ROW) and "2 of them" in message


def test_of_several_agreeing_cuts_the_first_is_read_and_the_row_stays_doubtful():
    evidence = weigh([_stated(f"{ROW}/issued", 12)], _tables(normative_docs=CUTS[1]), {ROW: CUTS[1:2] + CUTS[::2]},
                     {})
    assert (evidence.settled, evidence.narrowed) == ({}, {ROW: 1})  # 12|3|150, the likelier of the two


def test_no_agreeing_cut_is_a_mismatch_and_the_row_stays_doubtful():
    evidence = weigh([_stated(f"{ROW}/issued", 7)], _tables(normative_docs=CUTS[0]), {ROW: CUTS}, {})
    assert evidence.settled == {}
    assert [(c, s, w) for c, s, w, _ in evidence.issues] == [("prose_mismatch", "warning", ROW)]


def test_a_certain_cell_the_prose_contradicts_is_flagged_with_both_places():
    tables = {"applications": {"new": {"total": Decimal(4)}, "carried_over": {"total": Decimal(1)}}}
    places = {"applications/new/total": "line 21 col 31"}
    plus = ("applications/carried_over/total",)
    assert weigh([_stated("applications/new/total", 5, plus)], tables, {}, places).issues == []  # with carried over
    ((code, severity, where, message),) = weigh([_stated("applications/new/total", 9, plus)], tables, {},
                                                places).issues
    assert (code, severity, where) == ("prose_mismatch", "warning", "applications/new/total")
    assert "line 3 col 7" in message and "line 21 col 31" in message


# --- in a report ----------------------------------------------------------------------------------

# table 2's normative documents printed 1 | 23 | 150: run together, six digits that several cuts fit
SETTLED = TABS.replace("行政规范性文件\t1\t0\t12", "行政规范性文件\t1\t23\t150")


def test_a_crawler_text_without_prose_keeps_its_alternatives():
    report = parse_bytes(crawler(SETTLED).encode(), "report.txt")
    assert [i.where for i in report.issues if i.code == "digits_ambiguous"] == [ROW]
    readings = report.alternatives[ROW]
    assert readings[0] == report.active["normative_docs"]  # the reading the table holds first
    assert {"issued": 1, "repealed": 23, "in_force": 150} in readings
    assert all(list(r) == ["issued", "repealed", "in_force"] and all(type(v) is int for v in r.values())
               for r in readings)
    assert report.to_dict()["alternatives"] == report.alternatives


def test_the_prose_settles_the_cut_it_agrees_with():
    report = parse_bytes(crawler(with_prose(SETTLED, "全年废止行政规范性文件23件。")).encode(), "report.txt")
    assert report.active["normative_docs"] == {"issued": 1, "repealed": 23, "in_force": 150}
    assert not [i for i in report.issues if i.code == "digits_ambiguous"]
    (settled,) = [i for i in report.issues if i.code == "settled_by_prose"]
    assert settled.where == ROW and settled.severity == "info" and "23件" in settled.message
    assert ROW not in report.alternatives
    assert report.provenance[f"{ROW}/repealed"].raw == "123150"


@pytest.mark.parametrize("prose", ["全年现行有效行政规范性文件150件。", "全年制发行政规范性文件7件。", ""])
def test_prose_that_does_not_single_out_a_cut_leaves_it_doubtful(prose):
    plain = parse_bytes(crawler(SETTLED).encode(), "report.txt")
    report = parse_bytes(crawler(with_prose(SETTLED, prose)).encode(), "report.txt")
    assert report.active == plain.active and report.alternatives == plain.alternatives
    assert [i.where for i in report.issues if i.code == "digits_ambiguous"] == [ROW]
    assert ("prose_mismatch" in {i.code for i in report.issues}) == ("7件" in prose)


CERTAIN_CELLS = [("全年制发行政规范性文件{v}件。", "active", "normative_docs", "issued"),
                 ("作出行政许可决定{v}件。", "active", "licensing", "decisions"),
                 ("共收到政府信息公开申请{v}件。", "applications", "new", "total"),
                 ("上年结转政府信息公开申请{v}件。", "applications", "carried_over", "total")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CERTAIN_CELLS), st.integers(0, 60)), max_size=4))
def test_the_prose_never_changes_a_certain_cell(statements):
    """Whatever the prose says of cells read with certainty, the tables hold what they print, and
    every number that contradicts them is flagged."""
    plain = parse_bytes(TABS.encode(), "report.txt")
    prose = "".join(sentence.format(v=v) for (sentence, *_), v in statements)
    report = parse_bytes(with_prose(TABS, prose).encode(), "report.txt")
    assert (report.active, report.applications, report.review_litigation) == (
        plain.active, plain.applications, plain.review_litigation)
    printed = {(t, r, c): getattr(plain, t)[r][c] for _, t, r, c in CERTAIN_CELLS}
    carried = plain.applications["carried_over"]["total"]
    contradicted = {f"{t}/{r}/{c}" for (_, t, r, c), v in statements
                    if v != printed[t, r, c] and not (r == "new" and v == printed[t, r, c] + carried)}
    assert {i.where for i in report.issues if i.code == "prose_mismatch"} == contradicted


# --- the reading's faster forms against their definitions ---------------------------------------

# a number with a unit, as one pattern defines it: digits or thousands groups with no digit, point
# or comma before them, decimals, then a unit (the longest that fits)
def _defined_numbers(s: str, units: tuple[str, ...]) -> list[tuple[int, int, str, str, str]]:
    import re

    pattern = re.compile(r"(\d(?<![\d.,]\d)(?:\d{0,2}(?:,\d{3})+|\d*))(\.\d+)?("
                         + "|".join(map(re.escape, units)) + ")")
    return [(m.start(), m.end(), m.group(1), m.group(2) or "", m.group(3)) for m in pattern.finditer(s)]


NUMBER_TEXT = st.lists(st.sampled_from([*"0123456789.,，。件个元万亿项申请公开 ", "万元", "亿元", "٣", "１"]),
                       max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(NUMBER_TEXT, st.sampled_from(["v2019", "v2021"]))
def test_numbers_found_from_their_units_are_the_defined_ones(text, template):
    from pipelines.parse.prose import _numbers_with_units, _vocabulary

    vocab = _vocabulary(template)
    s = "".join(text.split())
    assert list(_numbers_with_units(s, s[::-1], vocab.unit)) == _defined_numbers(s, vocab.units)


def _defined_place(text: str, flat_pos: int) -> str:
    """The place of the flat text's character `flat_pos` as printed, counted from the start."""
    seen = -1
    for pos, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen == flat_pos:
                return f"line {text.count(chr(10), 0, pos) + 1} col {pos - text.rfind(chr(10), 0, pos)}"
    raise AssertionError("no such character")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab1件，", " ", "\n", "\t", "\u3000"]), min_size=1, max_size=60),
       st.lists(st.integers(0, 200), max_size=8))
def test_places_asked_in_any_order_are_those_counted_from_the_start(text, asked):
    from pipelines.parse.prose import _Flat

    flat = _Flat(text)
    for k in asked:
        if flat.text:
            pos = k % len(flat.text)
            assert flat.place(pos) == _defined_place(text, pos)


CLAUSE_WORDS = ["申请", "政府信息公开申请", "公开", "部分公开", "予以公开", "结转下年", "上年结转", "较上年",
                "规范性文件", "行政规范性文件", "年", "下", "，"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CLAUSE_WORDS), max_size=12).map("".join))
def test_the_words_a_clause_holds_are_those_in_it(clause):
    from pipelines.parse.prose import _vocabulary, _words_in

    for template in ("v2019", "v2021"):
        vocab = _vocabulary(template)
        assert _words_in(vocab, clause) == {w for w in vocab.within if w in clause}
