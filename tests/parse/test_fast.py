"""The fast path (`pipelines.parse.fast`) answers only where it is sure, and then as the general
reader does: same tables, template, agency and year, its issues a subset of the general reader's
(which may add doubts the fast path has ruled out by reading every label), the same line and raw
text for every number."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shared_data import gold_pairs
from test_roundtrip import SETTINGS, cells, reports

from pipelines import spec
from pipelines.ingest.document import decode_document, read_cells
from pipelines.parse import fast, parse_bytes, parse_document, parse_printed_as_template
from pipelines.synth.corpus import Options, agency_files
from pipelines.synth.population import build_population
from pipelines.synth.render import draw_style, render

DELIMITED = ("tabs", "spaces", "cells", "markdown", "pdf")


def both_readers(data: bytes):
    """(fast path's Report or None, the general reader's Report) for the same bytes."""
    doc = decode_document(data, "report.txt")
    quick = parse_printed_as_template(doc) if doc.text and not doc.problems else None
    full = decode_document(data, "report.txt")
    read_cells(full)
    return quick, parse_document(full)


def assert_agree(quick, full) -> None:
    """The same reading; where the general reader could not read a table (a PDF label broken
    mid-row can hide it), it says so with an error, and the fast path's reading is checked
    against the truth by the caller."""
    a, b = quick.to_dict(), full.to_dict()
    for key in ("agency", "year", "template", "region", "title"):
        assert a.get(key) == b.get(key), key
    unread = {i.where.split("/")[0] for i in full.issues if i.severity == "error"}
    for table in ("active", "applications", "review_litigation"):
        assert a.get(table) == b.get(table) or table in unread, table
    # the fast path's issues are the general reader's, but for rows it read as blank where the
    # general reader found no row at all
    blank = {i["where"] for i in a["issues"] if i["code"] == "row_blank"}
    assert blank <= {i.where for i in full.issues if i.code in ("row_missing", "row_blank")}
    assert {tuple(i.values()) for i in a["issues"] if i["code"] != "row_blank"} <= \
        set(map(tuple, (i.values() for i in b["issues"])))
    for key, cell in a["provenance"].items():
        if key.split("/")[0] in unread:
            continue
        other = b["provenance"][key]
        assert cell["raw"] == other["raw"], key
        if cell["where"].startswith("table"):  # an HTML cell: the same table, row and grid column
            assert cell["where"] == other["where"], key
        else:  # a text cell: the same line (the column may be the number's or its cell's)
            assert cell["where"].split(" col ")[0] == other["where"].split(" col ")[0], key


@pytest.fixture(scope="module")
def generated():
    """A small generated corpus of every layout, in memory."""
    opts = Options(seed=5, error_rate=0.1, missing_rate=0.05, junk_rate=0.0)
    return [f for agency in build_population(30, seed=5) for f in agency_files(agency, opts)]


def test_fast_path_agrees_with_general_reader_on_a_generated_corpus(generated):
    answered, seen = Counter(), Counter()
    for f in generated:
        layout = f.gold.get("layout")
        seen[layout] += 1
        quick, full = both_readers(f.data)
        if quick is None:
            continue
        answered[layout] += 1
        assert layout in (*DELIMITED, "html"), f.name  # never run-together digits
        assert_agree(quick, full)
        assert cells(quick.to_dict()) == cells(f.gold), f.name
    # most reports printed in the template take the fast path (where speed comes from)
    for layout in ("tabs", "spaces", "markdown", "cells", "pdf", "html"):
        assert answered[layout] >= 0.5 * seen[layout], (layout, answered, seen)


def test_fast_path_answers_where_the_real_corpus_allows_it_and_exactly():
    pairs = gold_pairs("corpus") + gold_pairs("seeds")
    if not pairs:
        pytest.skip("../shared is absent")
    for path, gold in pairs:
        quick, full = both_readers(path.read_bytes())
        if quick is not None:
            assert_agree(quick, full)
            assert cells(quick.to_dict()) == cells(gold), path.name


@SETTINGS
@given(reports(), st.sampled_from((*DELIMITED, "html")), st.integers(0, 2**32))
def test_fast_path_is_exact_or_absent(report, layout, seed):
    rng = random.Random(seed)
    report = {**report, "style": draw_style(layout, rng)}
    data = render(layout, report, rng).encode("utf-8")
    quick, full = both_readers(data)
    if quick is not None:
        assert cells(quick.to_dict()) == cells(report)
        assert_agree(quick, full)
        # read again: its skeleton is known now, and `_read_known` reads it the same
        again = parse_printed_as_template(decode_document(data, "report.txt"))
        assert again is not None and again.to_dict() == quick.to_dict()


TABS = "\n".join([
    "平湖市统计局2022年度政府信息公开工作年度报告",
    "二、主动公开政府信息情况",
    "第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "规章\t0\t0\t0", "行政规范性文件\t1\t0\t12",
    "第二十条第（五）项", "信息内容\t本年处理决定数量", "行政许可\t35",
    "第二十条第（六）项", "信息内容\t本年处理决定数量", "行政处罚\t7", "行政强制\t0",
    "第二十条第（八）项", "信息内容\t本年收费金额（单位：万元）", "行政事业性收费\t1.5",
    "三、收到和处理政府信息公开申请情况",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
    "自然人\t法人或其他组织\t总计", "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
    "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4",
    "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
    "三、本年度办理结果\t（一）予以公开\t2\t1\t0\t0\t0\t0\t3",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0",
    "（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
    *[f"{label}\t0\t0\t0\t0\t0\t0\t0" for label in (
        "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息",
        "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")],
    "（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1",
    *[f"{label}\t0\t0\t0\t0\t0\t0\t0" for label in ("2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")],
    "（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0",
    *[f"{label}\t0\t0\t0\t0\t0\t0\t0" for label in (
        "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息")],
    "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0",
    "3.其他\t0\t0\t0\t0\t0\t0\t0",
    "（七）总计\t3\t1\t0\t0\t0\t0\t4",
    "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1",
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议\t行政诉讼", "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
    "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
    "五、存在的主要问题及改进情况", "2023年计划培训3 次。",
]) + "\n"


def test_a_report_printed_in_the_template_takes_the_fast_path():
    found = fast.read_tables(TABS)
    assert found is not None and found.template == "v2021"
    assert found.tables["applications"]["new"] == {"natural_person": 3, "commercial": 1, "research": 0,
                                                   "social_org": 0, "legal_service": 0, "other": 0, "total": 4}
    assert found.tables["active"]["fees"] == {"amount_10k_yuan": 1.5}
    assert found.tables["review_litigation"]["review"]["total"] == 1
    assert found.provenance["applications/new/total"] == ("line 21 col 30", "4")
    report = parse_bytes(TABS.encode("gb18030"))
    assert report.applications == found.tables["applications"] and report.status == "ok"
    _, full = both_readers(TABS.encode())
    assert full.provenance == found.provenance  # cells of a tab row: the same line and column


@pytest.mark.parametrize("printed", ["处理决定数量", "本年处理决定数量"])
def test_a_2019_report_whose_header_prints_the_2019_templates_labels_takes_the_fast_path(printed):
    """The 2019 template heads table 2's items 五 and 六 with 处理决定数量 (2021's: 本年处理决定
    数量); real 2019 reports print it so, and are read by the fast path as by the general reader."""
    report = {"agency": "平湖市统计局", "year": 2020, "template": "v2019",
              **{t: {r: dict.fromkeys(cols, 1) for r, cols in rows.items()}
                 for t, rows in spec.empty_tables("v2019").items()}}
    report["applications"] = {r: dict.fromkeys(spec.APPLICANTS, 0) for r in spec.APPLICATION_ROWS["v2019"]}
    report["review_litigation"] = {g: dict.fromkeys(spec.REVIEW_OUTCOMES, 0) for g in spec.REVIEW_GROUPS}
    rng = random.Random(3)
    style = {**draw_style("tabs", rng), "metric_labels": {"decisions": spec.METRIC_LABELS["decisions"].index(printed)}}
    text = render("tabs", {**report, "style": style}, rng)
    assert f"\t{printed}" in text
    quick, full = both_readers(text.encode())
    assert quick is not None
    assert_agree(quick, full)
    assert cells(quick.to_dict()) == cells(report)


@SETTINGS
@given(reports(), st.sampled_from((*DELIMITED, "html")), st.integers(0, 2**32), st.data())
def test_table_2_headers_printed_with_any_of_the_spec_labels_are_read_exactly(report, layout, seed, data):
    variants = {m: data.draw(st.integers(0, len(labels) - 1)) for m, labels in spec.METRIC_LABELS.items()}
    rng = random.Random(seed)
    style = {**draw_style(layout, rng), "metric_labels": variants}
    quick, full = both_readers(render(layout, {**report, "style": style}, rng).encode())
    assert cells(full.to_dict()) == cells(report)
    if quick is not None:
        assert cells(quick.to_dict()) == cells(report)
        assert_agree(quick, full)


@pytest.mark.parametrize("change, why", [
    (("行政许可\t35", "行政许可\t\t35"), "a blank cell"),
    (("规章\t0\t0\t0", "规章\t0\t0\t0\t0"), "a cell too many"),
    (("规章\t0\t0\t0", "规章\t0\t0"), "a cell too few"),
    (("规章\t0\t0\t0", "部门规章\t0\t0\t0"), "a label it does not know"),
    (("行政处罚\t7", "行政处罚\t-7"), "a negative count"),
    (("行政处罚\t7", "行政处罚\t7.5"), "a decimal count"),
    (("行政处罚\t7", "行政处罚\t7元"), "a unit printed with a count"),
    (("行政处罚\t7", "行政处罚\t7\t3"), "a stray value"),
    (("行政处罚\t7", "行政处罚\t1,2"), "a malformed thousands separator"),
    (("本年收费金额（单位：万元）", "本年收费金额（单位：元）"), "a header it does not know"),
])
def test_anything_unusual_goes_to_the_general_reader(change, why):
    old, new = change
    assert old in TABS
    assert fast.read_tables(TABS) is not None  # its skeleton known: a change in a value is seen all the same
    text = TABS.replace(old, new, 1)
    assert fast.read_tables(text) is None, why
    report = parse_bytes(text.encode())
    assert report.applications  # the general reader still reads it (and says what is doubtful)


def test_a_report_whose_skeleton_is_known_is_read_without_matching_labels(monkeypatch):
    first = fast.read_tables(TABS)
    assert first is not None
    other = TABS.replace("行政许可\t35", "行政许可\t36").replace("（七）总计\t3\t1", "（七）总计\t4\t1")
    other = other.replace("\t", "  ")  # the same labels and values, printed with other separators

    def no_label_matching(*args):
        raise AssertionError("labels matched again")

    monkeypatch.setattr(fast, "_match_at", no_label_matching)
    found = fast.read_tables(other)
    assert found is not None and not found.rules_hold
    assert found.tables["active"]["licensing"] == {"decisions": 36}
    assert found.tables["applications"]["total_handled"]["natural_person"] == 4
    assert {k: v for k, v in found.tables.items() if k != "applications"} == {
        **{k: v for k, v in first.tables.items() if k != "applications"},
        "active": {**first.tables["active"], "licensing": {"decisions": 36}}}
    monkeypatch.undo()
    fast._SKELETONS.clear()
    assert fast.read_tables(other) == found  # the loop reads it alike


@pytest.mark.parametrize("line, marked", [
    ("规章\t\t\t5\t", "规章\t\ue001\t\ue001\t5\t"),  # a table-2 row: its leading empty cells are zeros
    ("一、本年新收\t\t\t5\t1\t/\t/\t/\t/\t6", "一、本年新收\t\t\t5\t1\t/\t/\t/\t/\t6"),  # a label over three columns
    ("行政许可\t36\t\t 2\t\t", "行政许可\t36\t\ue001\t 2\t\t"),  # between values, not after the last
    # a table-2 row's values, then empty cells: those under its header's columns are zeros, the rest padding
    ("规章\t5\t\t\t", "规章\t5\t\ue001\t\ue001\t"),
    ("| 规章 | 5 |  |  |  |", "| 规章 | 5 |  \ue001|  \ue001|  |"),
    ("规章\t5\t\t", "规章\t5\t\ue001\t\ue001"),
    ("规章\t5\t", "规章\t5\t"),  # fewer cells than the row has: the general reader's call
    ("行政许可\t36\t\t", "行政许可\t36\t\t"),  # a one-cell row's padding
    ("| 规章 |  | 5 |", "| 规章 |  \ue001| 5 |"),  # after its padding, where the general reader places it
    ("\t\t\t自然人\t法人或其他组织\t\t\t总计", "\t\t\t自然人\t法人或其他组织\t\t\t总计"),  # a header: no value
    ("（三）不予公开\t\t1.属于国家秘密\t0", "（三）不予公开\t\t1.属于国家秘密\t0"),  # between labels
    ("\t", "\ue001\t"),  # one cell per line, this one empty
    # a row printed as its label and empty cells only: as many marked as it has cells
    ("规章\t\t\t", "规章\t\ue001\t\ue001\t\ue001"),
    ("规章\t\t\t\t", "规章\t\ue001\t\ue001\t\ue001\t"),  # table 2: the first, under the header
    ("| 行政强制 |  |  |  |", "| 行政强制 |  \ue001|  |  |"),
    ("四、结转下年度继续办理" + "\t" * 9, "四、结转下年度继续办理\t\t" + "\t\ue001" * 7),  # table 3: the last
    ("规章\t\t", "规章\t\t"),  # fewer empty cells than the row has: the general reader's call
    ("行政强制\t\t", "行政强制\t\t"),  # fewer than three: no row to the general reader
    ("信息内容\t本年处理决定数量\t\t", "信息内容\t本年处理决定数量\t\t"),  # a header
    ("第二十条第（五）项\t\t\t\t", "第二十条第（五）项\t\t\t\t"),  # a caption
    # table 4's one row, printed without a label: its empty cells at the ends too
    ("\t" * 14, "\t".join("\ue001" * 15)),
    ("| 1 |  | 1 |" + "  |" * 12, "| 1 |  \ue001| 1 |" + "  \ue001|" * 12),
    ("\t" * 15, "\t" * 15),  # a row of 16 empty cells: not table 4's
    ("|" + "  |" * 15, "|" + "  \ue001|" * 15),
    # a table-3 row whose label spans two columns: its last seven cells, as the general reader reads it
    ("| (一)予以公开 |  |  | 1 |  | 1 |  |  | 2 |",
     "| (一)予以公开 |  |  \ue001| 1 |  \ue001| 1 |  \ue001|  \ue001| 2 |"),
])
def test_empty_cells_read_as_zeros_are_marked_as_values(line, marked):
    assert fast._mark_empty_cells(f"\n{line}\n", "v2021") == f"\n{marked}\n"


def test_rows_printed_as_empty_cells_take_the_fast_path_as_the_general_reader_reads_them():
    """A spreadsheet's export: rows whose every cell is empty, tab-padded past the row's end."""
    text = TABS.replace("规章\t0\t0\t0", "规章\t\t\t\t").replace("行政强制\t0", "行政强制\t\t\t\t").replace(
        "2.重复申请\t0\t0\t0\t0\t0\t0\t0", "\t2.重复申请" + "\t" * 9).replace(
        "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "\t" * 14)
    quick, full = both_readers(text.encode())
    assert quick is not None and not quick.issues
    assert quick.active["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert quick.review_litigation["review"]["upheld"] == 0
    assert_agree(quick, full)
    assert quick.provenance == full.provenance
    assert quick.to_dict() | {"layout": ""} == full.to_dict() | {"layout": ""}


def test_a_report_whose_skeleton_with_its_empty_cells_marked_is_known_is_read_without_the_loop(monkeypatch):
    """Empty cells read as zeros (marked as values) leave the skeleton as it is with zeros printed:
    a report whose marked skeleton was read before is read by it, its plain text (short of values,
    which it could read only with rows blank among empty cells) not tried by the loop."""
    fast._SKELETONS.clear()
    fast._STREAMS.clear()
    first = TABS.replace("规章\t0\t0\t0", "规章\t\t\t3").replace("行政规范性文件\t1\t0\t12", "行政规范性文件\t1\t\t12")
    assert fast.read_tables(first) is not None
    other = TABS.replace("规章\t0\t0\t0", "规章\t\t\t").replace("2.重复申请\t0\t0", "2.重复申请\t\t")

    def no_label_matching(*args):
        raise AssertionError("labels matched again")

    with monkeypatch.context() as m:
        m.setattr(fast, "_match_at", no_label_matching)
        found = fast.read_tables(other)
    assert found is not None and found.tables["active"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    quick, full = both_readers(other.encode())
    assert quick.to_dict() | {"layout": ""} == full.to_dict() | {"layout": ""}
    fast._SKELETONS.clear()
    assert fast.read_tables(other) == found  # the loop reads it alike


def test_a_table_2_row_with_empty_cells_takes_the_fast_path_as_the_general_reader_reads_it():
    text = TABS.replace("规章\t0\t0\t0", "规章\t\t\t3").replace("行政规范性文件\t1\t0\t12", "行政规范性文件\t1\t\t12")
    quick, full = both_readers(text.encode())
    assert quick is not None and quick.active["rules"] == {"issued": 0, "repealed": 0, "in_force": 3}
    assert quick.active["normative_docs"] == {"issued": 1, "repealed": 0, "in_force": 12}
    assert_agree(quick, full)
    assert quick.provenance == full.provenance  # the empty cells placed alike too
    # a row printed as its label alone among them: no cell, read as zeros and said so, by both
    quick, full = both_readers(text.replace("行政强制\t0", "行政强制").encode())
    assert quick is not None and [(i.code, i.where) for i in quick.issues] == [("row_blank", "active/enforcement")]
    assert quick.to_dict() | {"layout": ""} == full.to_dict() | {"layout": ""}
    # its label with four empty cells: its own (zero, placed there), and padding
    quick, full = both_readers(text.replace("行政强制\t0", "行政强制\t\t\t\t").encode())
    assert quick is not None and not quick.issues and quick.provenance == full.provenance
    # with two empty cells, no row to the general reader: its call
    assert fast.read_tables(text.replace("行政强制\t0", "行政强制\t\t")) is None


@pytest.mark.parametrize("sep", ["\t", " | "])
@pytest.mark.parametrize("row", [
    ("", "", "", "1", "1", *[""] * 10),  # review: 1 pending
    (*[""] * 10, "1", "", "", "", "1"),  # litigation after review: 1 upheld
])
def test_table_4s_row_starting_with_empty_cells_is_read_by_both_readers(sep, row):
    """Table 4's row printed without a label, its first cells empty: zeros, not indentation."""
    text = TABS.replace("1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "\t".join(row))
    if sep != "\t":  # Markdown: every tab row between pipes
        text = "\n".join(f"| {line.replace(chr(9), sep)} |" if "\t" in line else line for line in text.split("\n"))
    quick, full = both_readers(text.encode())
    assert quick is not None and not quick.issues and not full.issues
    flat = [quick.review_litigation[g][o] for g in spec.REVIEW_GROUPS for o in spec.REVIEW_OUTCOMES]
    assert flat == [int(v or 0) for v in row]
    assert_agree(quick, full)
    assert quick.provenance == full.provenance  # every cell on the row's line, the empty ones too
    printed = "\t".join(row) if sep == "\t" else f"| {sep.join(row)} |"
    line = text.split("\n").index(printed) + 1
    lines = {c.where.split(" col ")[0] for k, c in quick.provenance.items() if k.startswith("review")}
    assert lines == {f"line {line}"}


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_a_table_2_row_whose_values_end_before_its_cells_takes_the_fast_path_as_the_general_reader_reads_it(sep):
    """A spreadsheet or Markdown row 规章 | 5 | (empty) | (empty): its last cells are zeros."""
    text = TABS.replace("规章\t0\t0\t0", "规章\t5\t\t\t").replace("行政规范性文件\t1\t0\t12", "行政规范性文件\t1\t\t")
    if sep != "\t":  # Markdown: every tab row between pipes
        text = "\n".join(f"| {line.replace(chr(9), sep)} |" if "\t" in line else line for line in text.split("\n"))
    quick, full = both_readers(text.encode())
    assert quick is not None and not quick.issues
    assert quick.active["rules"] == {"issued": 5, "repealed": 0, "in_force": 0}
    assert quick.active["normative_docs"] == {"issued": 1, "repealed": 0, "in_force": 0}
    assert_agree(quick, full)
    assert quick.provenance == full.provenance


@pytest.mark.parametrize("printed, read", [("15000元", 1.5), ("1.5万元", 1.5), ("2万元", 2)])
def test_money_printed_with_its_unit_is_read_in_the_spec_unit_by_both_readers(printed, read):
    text = TABS.replace("行政事业性收费\t1.5", f"行政事业性收费\t{printed}", 1)
    found = fast.read_tables(text)
    assert found is not None and found.tables["active"]["fees"] == {"amount_10k_yuan": read}
    assert found.provenance["active/fees/amount_10k_yuan"].raw == printed
    quick, full = both_readers(text.encode())
    assert_agree(quick, full)


def test_a_report_whose_sums_do_not_hold_is_read_as_printed_and_flagged_alike():
    text = TABS.replace("（七）总计\t3\t1", "（七）总计\t4\t1")
    found = fast.read_tables(text)
    assert found is not None and not found.rules_hold
    assert found.tables["applications"]["total_handled"]["natural_person"] == 4
    quick, full = both_readers(text.encode())
    assert quick.issues == full.issues
    assert {i.where for i in quick.issues if i.code == "rule_broken"} == {
        "applications/balance/natural_person", "applications/handled/natural_person",
        "applications/applicants/total_handled"}


def test_page_furniture_and_labels_broken_around_their_values():
    text = TABS.replace("\t", " ")
    text = text.replace("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0",
                        "（二）部分公开（区分处理的，只计 0 0 0 0 0 0 0\n这一情形，不计其他情形）")
    text = text.replace("2.重复申请 0", "— 2 —\n平湖市统计局2022年度政府信息公开工作年度报告\n2.重复申请 0")
    found = fast.read_tables(text)
    assert found is not None
    assert found.tables["applications"]["partial"]["total"] == 0
    quick, full = both_readers(text.encode())
    assert_agree(quick, full)


def test_a_label_broken_after_an_abbreviation_it_also_knows():
    """信访举报投诉 is itself a label of its row: the rest (类申请) must still be read as its end."""
    text = TABS.replace("\t", " ").replace("1.信访举报投诉类申请 0 0 0 0 0 0 0", "1.信访举报投诉 0 0 0 0 0 0 0\n类申请")
    assert fast.read_tables(text) is not None


def test_a_row_printed_with_its_label_only_is_read_as_zeros_and_said_so():
    """A table pasted from Word drops empty cells: 规章 alone on its line means three empty cells."""
    text = TABS.replace("规章\t0\t0\t0", "规章").replace("二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
                                                  "二、上年结转政府信息公开申请数量")
    text = text.replace("一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4",
                        "一、本年新收政府信息公开申请数量\t4\t1\t0\t0\t0\t0\t5")
    found = fast.read_tables(text)
    assert found is not None and found.rules_hold
    assert found.blank_rows == ("active/rules", "applications/carried_over")
    assert found.tables["active"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert "active/rules/issued" not in found.provenance  # nothing was printed there
    report = parse_bytes(text.encode())
    assert {i.where for i in report.issues if i.code == "row_blank"} == {"active/rules", "applications/carried_over"}
    assert report.status == "issues"
    _, full = both_readers(text.encode())  # the general reader reads them alike
    assert full.active == report.active and full.applications == report.applications
    assert {i.where for i in full.issues if i.code == "row_blank"} == {"active/rules", "applications/carried_over"}
    # a label-only row whose zeros break the sums is not the fast path's to read
    assert fast.read_tables(TABS.replace("二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
                                         "二、上年结转政府信息公开申请数量")) is None


def as_html(text: str) -> str:
    """The tab-separated report as one HTML table, a <tr> per line and a <td> per cell."""
    rows = "".join("<tr>" + "".join(f"<td><span>{c}</span></td>" for c in line.split("\t")) + "</tr>\n"
                   for line in text.splitlines()[1:])
    return f"<html><head><title>{text.splitlines()[0]}</title></head><body><table>{rows}</table></body></html>"


def test_an_html_page_takes_the_fast_path_with_its_empty_cells_as_zeros():
    page = as_html(TABS.replace("规章\t0\t0\t0", "规章\t\t&nbsp;\t0"))
    quick, full = both_readers(page.encode())
    assert quick is not None and quick.layout == "html"
    assert quick.active["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert quick.provenance["active/rules/issued"] == ("table 1 row 4 col 2", "")
    assert quick.applications["new"]["total"] == 4
    assert_agree(quick, full)


def test_the_general_reader_reads_rows_and_a_table_printed_without_cells_as_zeros():
    """Label-only rows at the end of tables 2 and 3, and table 4's header with no row after it."""
    text = TABS.replace("行政事业性收费\t1.5", "行政事业性收费").replace(
        "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "").replace(
        "（七）总计\t3\t1\t0\t0\t0\t0\t4", "（七）总计\t4\t1\t0\t0\t0\t0\t5").replace(
        "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1", "四、结转下年度继续办理").replace(
        "3.其他\t0\t0\t0\t0\t0\t0\t0", "3.其他\t1\t0\t0\t0\t0\t0\t1")
    _, full = both_readers(text.encode())
    assert full.active["fees"] == {"amount_10k_yuan": 0}
    assert full.applications["carried_forward"]["total"] == 0
    assert full.review_litigation["review"] == dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0)
    blank = {i.where for i in full.issues if i.code == "row_blank"}
    assert {"active/fees", "applications/carried_forward", "review_litigation/review"} <= blank
    assert not [i for i in full.issues if i.code in ("row_missing", "cell_unreadable", "rule_broken")], full.issues


def test_a_number_under_no_header_column_is_never_dropped_silently():
    """行政许可, an empty cell, then 35: the header's one column holds nothing. Whatever the reading,
    the number that was not taken is reported."""
    text = TABS.replace("行政许可\t35", "行政许可\t\t35")
    assert fast.read_tables(text) is None
    report = parse_bytes(text.encode())
    if report.active["licensing"]["decisions"] != 35:
        assert any(i.code == "stray_value" and "35" in i.message for i in report.issues), report.issues


def test_a_report_without_table_4_takes_the_fast_path_with_the_general_readers_error():
    """无 under table 4's heading: the table is missing, said so, and its rules go unchecked."""
    table_4 = TABS[TABS.index("行政复议\t行政诉讼"):TABS.index("五、存在的主要问题")]
    text = TABS.replace(table_4, "无。\n")
    quick, full = both_readers(text.encode())
    assert quick is not None and not quick.review_litigation
    assert [(i.code, i.where) for i in quick.issues] == [("table_missing", "review_litigation")]
    assert quick.to_dict() | {"layout": ""} == full.to_dict() | {"layout": ""}
    # a number left where table 4 was is not taken for anything: the general reader judges it
    assert fast.read_tables(text.replace("无。", "无 3")) is None


def test_a_report_without_table_2_takes_the_fast_path_with_the_general_readers_error():
    table_2 = TABS[TABS.index("第二十条第（一）项"):TABS.index("三、收到和处理")]
    text = TABS.replace(table_2, "无。\n")
    quick, full = both_readers(text.encode())
    assert quick is not None and not quick.active and quick.applications["new"]["total"] == 4
    assert [(i.code, i.where) for i in quick.issues] == [("table_missing", "active")]
    assert quick.to_dict() | {"layout": ""} == full.to_dict() | {"layout": ""}
    # and without table 4 too: both errors, in the general reader's order
    table_4 = text[text.index("行政复议\t行政诉讼"):text.index("五、存在的主要问题")]
    quick, full = both_readers(text.replace(table_4, "无。\n").encode())
    assert quick is not None
    assert [(i.code, i.where) for i in quick.issues] == [
        ("table_missing", "active"), ("table_missing", "review_litigation")]
    assert quick.to_dict() | {"layout": ""} == full.to_dict() | {"layout": ""}
    # a word of table 2's header left in the text: where the table is, is the general reader's call
    assert fast.read_tables(text.replace("无。", "信息内容")) is None


@pytest.mark.parametrize("year, template", [(2020, "v2019"), (2022, "v2021")])
def test_a_report_without_table_2_and_without_a_templates_words_takes_the_template_of_its_year(year, template):
    """Table 3 of the 2019 template prints no word of its own: without table 2 no label tells the
    template, and the general reader assumes it from the year, and says so; so does the fast path."""
    report = {"agency": "平湖市统计局", "year": year, "template": "v2019",
              "applications": {r: dict.fromkeys(spec.APPLICANTS, 0) for r in spec.APPLICATION_ROWS["v2019"]},
              "review_litigation": {g: dict.fromkeys(spec.REVIEW_OUTCOMES, 0) for g in spec.REVIEW_GROUPS}}
    rng = random.Random(3)
    text = render("tabs", {**report, "style": draw_style("tabs", rng)}, rng)
    assert not any(m in text for markers in spec.TEMPLATE_MARKERS.values() for m in markers)
    quick, full = both_readers(text.encode())
    assert (full.template, [(i.code, i.where) for i in full.issues][:2]) == (
        template, [("template_uncertain", "template"), ("table_missing", "active")])
    if template == "v2021":  # table 3 printed in 2019's rows: not 2021's, the general reader's to read
        assert quick is None and "row_missing" in {i.code for i in full.issues}
        return
    assert quick is not None
    assert quick.to_dict() | {"layout": ""} == full.to_dict() | {"layout": ""}


@pytest.mark.parametrize("broken", ["三、本年度办理结果（ 2 1 0 0 0 0 3\n一）予以公开",
                                    "三、本年度办理结果（一 2 1 0 0 0 0 3\n）予以公开"])
def test_a_row_number_broken_over_the_values_of_a_pdf_line(broken):
    """A PDF line can end inside the next label's number: "（" before the row's values, "一）" after."""
    text = TABS.replace("三、本年度办理结果\t（一）予以公开\t2\t1\t0\t0\t0\t0\t3", broken)
    quick, full = both_readers(text.encode())
    assert quick is not None and quick.applications["granted"]["total"] == 3
    assert_agree(quick, full)
    # the number left open: not the template's printing
    assert fast.read_tables(text.replace("\n一）予以公开", "\n予以公开").replace("\n）予以公开", "\n予以公开")) is None


def test_an_html_page_without_tables_2_and_4_takes_the_fast_path_with_the_general_readers_errors():
    table_2 = TABS[TABS.index("第二十条第（一）项"):TABS.index("三、收到和处理")]
    table_4 = TABS[TABS.index("行政复议\t行政诉讼"):TABS.index("五、存在的主要问题")]
    page = as_html(TABS.replace(table_2, "无。\n").replace(table_4, "无。\n"))
    quick, full = both_readers(page.encode())
    assert quick is not None and quick.layout == "html"
    assert [(i.code, i.where) for i in quick.issues] == [
        ("table_missing", "active"), ("table_missing", "review_litigation")]
    assert quick.to_dict() == full.to_dict()
    # a word of table 2's header outside the page's tables: where the table is, is the general reader's call
    assert parse_printed_as_template(decode_document(
        page.replace("<body>", "<body><p>信息内容</p>").encode(), "report.html")) is None


PDF = TABS.replace("\t", " ")


@pytest.mark.parametrize("page, said", [
    # after a table-2 row: the general reader ignores it and warns
    (("行政许可 35\n", "行政许可 35\n3\n"),
     ("line 10 col 1", "the number '3' after the row of 'licensing' could not be placed and was ignored")),
    # after a table-3 row
    (("2.重复申请 0 0 0 0 0 0 0\n", "2.重复申请 0 0 0 0 0 0 0\n12\n"),
     ("line 38 col 1", "the number '12' between table rows could not be placed and was ignored")),
    # between the heading lines and a row: passed over without a word
    (("现行有效件数\n规章", "现行有效件数\n1\n规章"), None),
    (("第二十条第（一）项\n", "第二十条第（一）项\n1\n"), None),
    (("行政复议 行政诉讼\n", "行政复议 行政诉讼\n4\n"), None),  # table 4's header, its row on a line below
])
def test_a_pdf_page_number_inside_a_table_is_ignored_as_the_general_reader_ignores_it(page, said):
    text = PDF.replace(*page)
    quick, full = both_readers(text.encode())
    assert quick is not None, "the fast path reads a page number inside a table"
    a, b = quick.to_dict(), full.to_dict()
    for key in ("active", "applications", "review_litigation", "issues"):
        assert a[key] == b[key], key
    stray = [(i["where"], i["message"]) for i in a["issues"] if i["code"] == "stray_value"]
    assert stray == ([said] if said else [])
    assert a["active"]["licensing"] == {"decisions": 35}
    assert {k: v["raw"] for k, v in a["provenance"].items()} == {k: v["raw"] for k, v in b["provenance"].items()}


@pytest.mark.parametrize("page", [
    ("行政许可 35\n", "行政许可 35\n1234\n"),  # four digits: not taken for a page number
    ("行政许可 35\n", "行政许可 35\n３\n"),  # a full-width digit
    ("行政许可 35\n", "行政许可 35 3\n"),  # on the row's line: a cell too many
    ("行政许可 35\n", "行政许可\n35\n3\n"),  # the row's value on a line of its own
    # one value to a line: a number alone among label lines is no page number there
    ("现行有效件数\n规章 0 0 0\n", "现行有效件数\n1\n规章\n0\n0\n0\n"),
])
def test_other_numbers_after_a_row_go_to_the_general_reader(page):
    assert fast.read_tables(PDF.replace(*page)) is None


def test_a_page_number_between_table_4s_header_and_its_row_is_passed_over():
    text = PDF.replace("尚未审结 总计\n1 0 0 0 1", "尚未审结 总计\n7\n1 0 0 0 1")
    quick, full = both_readers(text.encode())
    assert quick is not None
    assert quick.to_dict()["issues"] == full.to_dict()["issues"] == []
    assert quick.review_litigation == full.review_litigation
    assert quick.review_litigation["review"]["upheld"] == 1


@pytest.mark.parametrize("printed, broken", [
    # the row number's digit ends the group label's line, its point starts the next
    ("（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0", "（五）不予处理1 0 0 0 0 0 0 0\n.信访举报投诉类申请"),
    ("（四）无法提供 1.本机关不掌握相关政府信息 1 0 0 0 0 0 1",
     "（四）无法提供1 1 0 0 0 0 0 1\n．本机关不掌握相关政府信息"),
])
def test_a_row_numbers_digit_broken_from_its_point_by_a_pdf_line(printed, broken):
    assert printed in PDF
    text = PDF.replace(printed, broken)
    quick, full = both_readers(text.encode())
    assert quick is not None
    assert quick.applications == full.applications
    assert quick.to_dict()["issues"] == []
    # rows numbered without a point ("1信访举报投诉类申请"): the digit alone closes the number
    unpointed = text.replace("\n.信访", "\n信访").replace("\n．本机关", "\n本机关")
    quick, full = both_readers(unpointed.encode())
    assert quick is not None and quick.to_dict()["issues"] == []
    assert quick.applications == full.applications == both_readers(PDF.encode())[0].applications


def test_a_digit_ending_a_label_with_a_value_too_few_after_it_is_no_row_number():
    """"不予处理1 0 0 0 0 0 0": the 1 may be the row's first value run into its label."""
    text = PDF.replace("（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0",
                       "（五）不予处理1 0 0 0 0 0 0\n信访举报投诉类申请")
    assert fast.read_tables(text) is None


@pytest.mark.parametrize("printed, broken", [
    # the row's values after its label's start, the rest of the label, then the page number
    ("（四）无法提供 1.本机关不掌握相关政府信息 1 0 0 0 0 0 1\n",
     "（四）无法提供1.本机 1 0 0 0 0 0 1\n关不掌握相关政府信息\n7\n"),
    ("4.无正当理由大量反复申请 0 0 0 0 0 0 0\n", "4.无正当理由 0 0 0 0 0 0 0\n大量反复申请\n12\n"),
])
def test_a_page_number_after_the_rest_of_a_broken_label_is_ignored_with_the_general_readers_warning(printed, broken):
    assert printed in PDF
    text = PDF.replace(printed, broken)
    quick, full = both_readers(text.encode())
    assert quick is not None, "the fast path reads a page number after a label's rest"
    a, b = quick.to_dict(), full.to_dict()
    for key in ("active", "applications", "review_litigation", "issues"):
        assert a[key] == b[key], key
    page = broken.split("\n")[-2]
    assert [(i["code"], i["message"]) for i in a["issues"]] == [
        ("stray_value", f"numbers {[page]} inside table 3 fit no row and were ignored")]
    assert a["applications"] == both_readers(PDF.encode())[0].to_dict()["applications"]
    assert {k: v["raw"] for k, v in a["provenance"].items()} == {k: v["raw"] for k, v in b["provenance"].items()}
    # more than the label's rest before the number: the general reader's call
    assert fast.read_tables(text.replace(f"\n{page}\n", f"又\n{page}\n")) is None


def test_a_page_number_after_the_last_rows_broken_label_and_table_4s_heading_is_passed_over():
    text = PDF.replace("四、结转下年度继续办理 1 0 0 0 0 0 1\n四、政府信息公开行政复议、行政诉讼情况\n",
                       "四、结转下年度继 1 0 0 0 0 0 1\n续办理\n四、政府信息公开行政复议、行政诉讼情况\n3\n")
    quick, full = both_readers(text.encode())
    assert quick is not None
    assert quick.to_dict()["issues"] == full.to_dict()["issues"] == []
    assert quick.to_dict()["applications"] == full.to_dict()["applications"]
    assert quick.review_litigation == full.review_litigation == both_readers(PDF.encode())[0].review_litigation


@pytest.mark.parametrize("broken", ["4. 无 0 0 2 0 0 0 2\n正当理由大量反复申请\n",
                                    "4. 无\n正当理由大量反复申请 0 0 2 0 0 0 2\n",
                                    "4. 无\n正当理由大量 0 0 2 0 0 0 2\n反复申请\n"])
def test_a_label_broken_after_its_无_reads_the_无_as_label_text(broken):
    """"无" standing alone is also a zero mark; where it starts a label broken after it, it is the
    label's (the general reader reads a zero there and the row's cells as stray)."""
    text = PDF.replace("4.无正当理由大量反复申请 0 0 0 0 0 0 0\n", broken)
    text = text.replace("（七）总计 3 1 0 0 0 0 4", "（七）总计 3 1 2 0 0 0 6").replace(
        "一、本年新收政府信息公开申请数量 3 1 0 0 0 0 4", "一、本年新收政府信息公开申请数量 3 1 2 0 0 0 6")
    quick = parse_printed_as_template(decode_document(text.encode(), "report.txt"))
    assert quick is not None
    assert quick.applications["rejected_mass"] == {**dict.fromkeys(spec.APPLICANTS, 0), "research": 2, "total": 2}
    assert quick.to_dict()["issues"] == []
    assert quick.provenance["applications/rejected_mass/research"].raw == "2"
    # 无 as a zero in a row whose label is whole: a value
    assert fast.read_tables(PDF.replace("反复申请 0 0 0 0 0 0 0", "反复申请 无 0 0 0 0 0 0"))


def test_the_empty_cell_marks_character_printed_in_a_cell_is_not_read_as_a_zero():
    """U+E001 marks an empty cell inside the fast path; a text that prints it (a PDF font without
    a Unicode map gives such characters) goes to the general reader, which does not read it as 0."""
    from sample_reports import small_report

    from pipelines.ingest.html_rows import EMPTY_CELL

    report = small_report("平湖市统计局", 2021, "v2021", 7)
    text = render("tabs", {**report, "style": {**draw_style("tabs", random.Random(1)), "zero": "0"}},
                  random.Random(1))
    assert parse_printed_as_template(decode_document(text.encode(), "t.txt")) is not None
    line = next(ln for ln in text.split("\n") if "本年新收" in ln)
    printed = text.replace(line, line.replace("\t7\t", f"\t{EMPTY_CELL}\t", 1))
    assert printed != text
    assert parse_printed_as_template(decode_document(printed.encode(), "t.txt")) is None
    parsed = parse_bytes(printed.encode(), "t.txt")
    assert (parsed.applications.get("new") or {}).get("natural_person") != 0  # not read as an empty cell
    assert any(i.severity in ("warning", "error") and "new" in i.where for i in parsed.issues), parsed.issues


def every_broken_match(label: str, step: fast.Step):
    """`_broken_matches` as first written: every place in every filler + label tried, longest first."""
    for cut in range(max(len(f) + len(o) for f in step.fillers for o in step.labels) - 1, 0, -1):
        for filler, factor in step.fillers.items():
            for own in step.labels:
                full = filler + own
                if cut < len(full) and label.endswith(full[:cut]) and (step.opens_table or len(label) == cut):
                    yield factor, full[cut:]


@given(st.sampled_from(spec.TEMPLATES), st.data())
def test_a_label_broken_by_a_line_is_matched_as_every_place_would_match_it(template, data):
    step = data.draw(st.sampled_from(fast.steps(template)))
    full = data.draw(st.sampled_from([f + o for f in step.fillers for o in step.labels]))
    before = data.draw(st.text(st.sampled_from("三、（）()本年度x"), max_size=3))
    label = before + full[:data.draw(st.integers(0, len(full)))]
    assert list(fast._broken_matches(label, step)) == list(every_broken_match(label, step))


def test_table_4s_header_broken_inside_its_last_words_ends_the_tables_where_the_report_goes_on():
    """"复议后起诉" broken over lines: the tables still end at the next section, so a page number
    on the report's last line is not read as a value after them."""
    text = PDF.replace("未经复议直接起诉 复议后起诉", "未经复议直接起诉 复议\n后起诉") + "3\n"
    quick, full = both_readers(text.encode())
    assert quick is not None
    assert quick.to_dict()["issues"] == full.to_dict()["issues"] == []
    assert quick.review_litigation == full.review_litigation == both_readers(PDF.encode())[0].review_litigation


BROKEN_PDF = (PDF.replace("一、本年新收政府信息公开申请数量 3 1 0 0 0 0 4",
                          "一、本年新收政府 3 1 0 0 0 0 4\n信息公开申请数量")
              .replace("2.其他法律行政法规禁止公开 0 0 0 0 0 0 0", "2.其他法律行政法规禁止公开\n0 0 0 0 0 0 0")
              .replace("（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0",
                       "（五）不予 0 0 0 0 0 0 0\n处理 1.信访举报投诉类申请"))


@pytest.mark.parametrize("extension", [True, False])
def test_a_report_whose_labels_break_elsewhere_is_read_by_its_known_label_stream(monkeypatch, extension):
    """PDF lines break labels in different places from report to report: a report printing the
    labels of one read before, each row's values within its own label's text, is read as that one
    was, without matching labels again; with or without the C extension."""
    if not extension:
        monkeypatch.setattr(fast, "_scan", None)
    fast._SKELETONS.clear()
    fast._STREAMS.clear()
    first = fast.read_tables(PDF)
    assert first is not None

    def no_label_matching(*args):
        raise AssertionError("labels matched again")

    with monkeypatch.context() as m:
        m.setattr(fast, "_match_at", no_label_matching)
        found = fast.read_tables(BROKEN_PDF)
    assert found is not None and found.tables == first.tables
    assert found.provenance["applications/new/total"].where != first.provenance["applications/new/total"].where
    fast._SKELETONS.clear()
    fast._STREAMS.clear()
    assert fast.read_tables(BROKEN_PDF) == found  # the loop reads it alike


def test_a_known_label_stream_leaves_values_printed_after_a_rows_number_only_to_the_loop():
    """"2. 0 0 0 0 0 0 0" / "重复申请": the loop cannot match a label from its number alone, and
    neither does a known label stream read it (it reads only what the loop would)."""
    text = PDF.replace("2.重复申请 0 0 0 0 0 0 0", "2. 0 0 0 0 0 0 0\n重复申请")
    fast._SKELETONS.clear()
    fast._STREAMS.clear()
    assert fast.read_tables(PDF) is not None
    assert fast.read_tables(text) is None
    quick, full = both_readers(text.encode())
    assert quick is None and full.applications["rejected_duplicate"]["total"] == 0


@pytest.mark.parametrize("moved", [
    # a row's values after the start of the next row's label
    ("3.要求提供公开出版物 0 0 0 0 0 0 0\n4.无正当理由", "3.要求提供公开出版物\n4.无正当 0 0 0 0 0 0 0\n理由"),
    # table 3's first row's values among its header's words, before its own label
    ("其他\n一、本年新收政府信息公开申请数量 3 1 0 0 0 0 4", "其 3 1 0 0 0 0 4\n他\n一、本年新收政府信息公开申请数量"),
    # a row's values before its label's first word, after its number
    ("（七）总计 3 1 0 0 0 0 4", "（七） 3 1 0 0 0 0 4\n总计"),
])
def test_values_outside_their_own_labels_text_are_not_read_by_a_known_label_stream(monkeypatch, moved):
    fast._SKELETONS.clear()
    fast._STREAMS.clear()
    assert fast.read_tables(PDF) is not None
    text = PDF.replace(*moved)
    assert text != PDF
    matched = []
    original = fast._match_at
    monkeypatch.setattr(fast, "_match_at", lambda *args: matched.append(args) or original(*args))
    fast.read_tables(text)
    assert matched, "the reading loop judged the report"
    # the same labels and runs of values: only where the values stand kept the stream from reading it
    matched.clear()
    monkeypatch.setattr(fast, "le", lambda a, b: True)
    monkeypatch.setattr(fast, "_label_start", lambda printed: True)
    assert fast.read_tables(text) is not None and not matched


_PDF_ROW = re.compile(r"^(.*?[^\d\s])((?: [—\d]+)+)$")  # a PDF line: a row's label, then its values
_PDF_ROWS = [k for k, line in enumerate(PDF.split("\n")) if (m := _PDF_ROW.match(line)) and len(m.group(1)) > 1]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(_PDF_ROWS), st.floats(0, 1), st.booleans()), min_size=1, max_size=5,
                unique_by=lambda t: t[0]))
def test_a_known_label_stream_reads_a_report_only_as_the_reading_loop_reads_it(breaks):
    """Wherever lines break the labels (values after the label's start, or after its end on the
    next line), a report the stream of an unbroken one reads is read alike by the loop alone: the
    stream spares the loop's work, it does not read more (then a report's reading would hang on
    the reports read before it)."""
    lines = PDF.split("\n")
    for k, where, values_first in breaks:
        label, values = _PDF_ROW.match(lines[k]).groups()
        cut = round(where * len(label))
        head, tail = label[:cut], label[cut:]
        lines[k] = (f"{head}{values}\n{tail}" if tail else f"{head}{values}").lstrip() if values_first \
            else f"{head}\n{tail}{values}"
    text = "\n".join(lines)
    fast._SKELETONS.clear()
    fast._STREAMS.clear()
    assert fast.read_tables(PDF) is not None
    by_stream = fast.read_tables(text)
    fast._SKELETONS.clear()
    fast._STREAMS.clear()
    by_loop = fast.read_tables(text)
    assert by_stream is None or by_stream == by_loop
