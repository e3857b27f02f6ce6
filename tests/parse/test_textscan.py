"""The text scans in C (`pipelines/_textscan.c`) read exactly as the Python code they stand in for:
the fast path's scan gives the same values, skeleton and places for any text, and the same tables
and provenance for any report (the parser without the extension is the reference); the other
scans give what their Python equivalents give."""

from __future__ import annotations

import random
import shutil
import sysconfig

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shared_data import gold_pairs
from test_fast import DELIMITED, TABS
from test_roundtrip import SETTINGS, reports

from pipelines import textscan
from pipelines.ingest.document import decode_document
from pipelines.parse import fast, parse_bytes
from pipelines.synth.corpus import Options, agency_files
from pipelines.synth.population import build_population
from pipelines.synth.render import draw_style, render

_COMPILER = (sysconfig.get_config_var("CC") or "cc").split()[0]
needs_scan = pytest.mark.skipif(fast._scan is None, reason="the C extension is not built (no C compiler at install)")


def test_the_scan_is_built_where_a_c_compiler_is():
    if shutil.which(_COMPILER) is None:
        pytest.skip(f"no C compiler ({_COMPILER}): the parser reads in Python")
    assert fast._scan is not None, (
        "pipelines/_textscan.c is not built: `.venv/bin/python -m pip install -e .` builds it (its output says why)")


def python_scan(region: str, line: int, marked: bool, with_gaps: bool) -> tuple | None:
    """What the scan stands in for, from the Python reading's own pieces."""
    if fast._skeleton("", region, []) is None:
        return None
    parts = fast._VALUE.split(region)
    gaps, values = parts[0::2], parts[1::2]
    starts, at = [], 0
    for k, part in enumerate(parts):
        if k % 2:
            starts.append(at)
        at += len(part)
    line_starts = [region.rfind("\n", 0, s) + 1 for s in starts]
    cols = [s - b + 1 - (region.count(fast.EMPTY_CELL, b, s) if marked else 0)
            for s, b in zip(starts, line_starts, strict=True)]
    lines = [line + region.count("\n", 0, s) for s in starts]
    return (fast._skeleton("", region, gaps)[1], values, starts, fast._line_col_places(lines, cols),
            gaps if with_gaps else None)


# the characters the scan tells apart: separators, each kind of value character, label text
_ALPHABET = [*"0123456789０５９,.．万元+-＋－—/／无|中、（）a",
             fast.EMPTY_CELL, " ", "\t", "\n", "\r", "\u3000", "\xa0", "\x1f", "\u2003", "\x0c", "\u00e9", "\U0001f600"]


@needs_scan
@given(st.text(st.sampled_from(_ALPHABET), max_size=40), st.integers(1, 5000), st.booleans(), st.booleans())
def test_the_scan_reads_any_text_as_the_python_reading_does(region, line, marked, with_gaps):
    assert fast._scan.scan(region, line, marked, with_gaps) == python_scan(region, line, marked, with_gaps)


@needs_scan
@pytest.mark.parametrize("region, values", [
    ("规章\t5\t-\t+3\t1,234.5万元\t35.\t—— ——— 无无 ／", ["5", "-", "+3", "1,234.5万元", "——", "／"]),
    ("a|0|１２|-0.5元|+|5万|万元|\ue001|", ["0", "１２", "-0.5元", "\ue001"]),
])
def test_values_are_whole_runs_between_separators(region, values):
    assert fast._scan.scan(region, 1, False, False)[1] == values


def python_reading(text: str):
    """read_tables as the parser reads without the extension (its skeletons learnt afresh): the
    first reading and the second (by its known skeleton)."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(fast, "_scan", None)
        m.setattr(fast, "_SKELETONS", {})
        return fast.read_tables(text), fast.read_tables(text)


def assert_same(found, expected) -> None:
    assert found is not None and expected is not None
    assert found.tables == expected.tables and found.template == expected.template
    assert found.rules_hold == expected.rules_hold and found.blank_rows == expected.blank_rows
    assert dict(found.provenance) == dict(expected.provenance)


# table 2's rules row printed with empty cells: read again with them marked as zeros
_EMPTY_CELLS = TABS.replace("规章\t0\t0\t0", "规章\t\t\t")


@needs_scan
@pytest.mark.parametrize("text", [TABS, _EMPTY_CELLS])
def test_a_known_skeleton_is_read_by_the_scan_as_the_python_reading_reads_it(monkeypatch, text):
    expected, again = python_reading(text)
    assert_same(again, expected)
    fast.read_tables(text)  # its skeleton learnt
    scanned = []
    real = fast._read_scanned
    monkeypatch.setattr(fast, "_read_scanned", lambda *a: scanned.append(real(*a)) or scanned[-1])
    assert_same(fast.read_tables(text), expected)
    assert scanned[-1] is not None  # read by the scan


@needs_scan
@SETTINGS
@given(reports(), st.sampled_from(DELIMITED), st.integers(0, 2**32))
def test_the_scan_reads_generated_reports_as_the_python_reading_does(report, layout, seed):
    rng = random.Random(seed)
    report = {**report, "style": draw_style(layout, rng)}
    text = decode_document(render(layout, report, rng).encode("utf-8")).text
    expected, again = python_reading(text)
    fast.read_tables(text)  # learnt by the scan's reading too
    found = fast.read_tables(text)
    if expected is None:
        assert found is None
    else:
        assert_same(found, expected)
        assert_same(again, expected)


@needs_scan
def test_the_scan_reads_a_generated_corpus_and_the_real_reports_as_the_python_reading_does(monkeypatch):
    opts = Options(seed=7, error_rate=0.1, missing_rate=0.05, junk_rate=0.0)
    files = [f.data for agency in build_population(20, seed=7) for f in agency_files(agency, opts)]
    files += [path.read_bytes() for path, _ in gold_pairs("corpus") + gold_pairs("seeds")]
    read = 0
    for data in files:
        with monkeypatch.context() as m:
            m.setattr(fast, "_scan", None)
            expected = [parse_bytes(data, "r").to_dict() for _ in range(2)]
        found = [parse_bytes(data, "r").to_dict() for _ in range(2)]
        assert found == expected
        read += expected[0]["template"] is not None
    assert read > 100


@needs_scan
@pytest.mark.parametrize("template", ["v2019", "v2021"])
def test_nest_builds_the_tables_as_the_python_reading_does(template):
    layout = fast._row_layout(template)
    row = list(range(len(layout.cols)))
    expected = {table: dict(zip(names, map(dict, map(zip, colss, map(row.__getitem__, slices))), strict=True))
                for table, names, colss, slices in layout.tables}
    assert fast._scan.nest(row, layout.tables) == expected
    with pytest.raises(ValueError, match="does not fit"):
        fast._scan.nest(row[:-1], layout.tables)  # a value short


@needs_scan
@given(st.text(st.sampled_from(_ALPHABET), max_size=40))
def test_whitespace_is_dropped_as_str_split_drops_it(text):
    assert textscan.without_whitespace(text) == textscan.python_without_whitespace(text)


@needs_scan
@given(st.text(st.sampled_from(_ALPHABET), max_size=60))
def test_line_stats_count_as_the_python_does(text):
    assert textscan.line_stats(text) == textscan.python_line_stats(text)


@needs_scan
def test_the_c_code_knows_every_whitespace_character_str_isspace_knows():
    """The C code tests whitespace inline (the few characters above ASCII): every character of
    the Basic Multilingual Plane, where all whitespace is, and some beyond."""
    for c in [*range(0x10000), 0x1F600, 0x20000, 0x10FFFF]:
        char = chr(c)
        assert (textscan.without_whitespace(f"a{char}b") == "ab") == char.isspace(), hex(c)
        if c >= 0x80 and not fast._VALUE_START.match(char) and char not in ",.．万元\ue001":
            # a character that is no part of a value separates two values only if it is whitespace
            values = fast._scan.scan(f"1{char}2", 1, False, False)
            assert values is None or (values[1] == ["1", "2"]) == (char.isspace()), hex(c)


# what page furniture is made of, and what it is not
_FURNITURE = ["0", "3", "12", "５", "٣", "—", "-", "－", "第", "页", "共", ",", "，", "/", " ", "\t", "\r", "\n",
              "年度报告", "年度", "报告", "x", "中", "第 3 页", "— 3 —", "3/6", "\n12\n", " 共 6 页", "2021年度报告"]


@needs_scan
@given(st.lists(st.sampled_from(_FURNITURE), max_size=16).map("".join))
def test_page_furniture_is_blanked_as_the_regex_blanks_it(text):
    from pipelines.ingest.document import python_blank_page_furniture

    assert fast._scan.blank_page_furniture(text) == python_blank_page_furniture(text)


@needs_scan
@given(st.lists(st.text(st.sampled_from([*"0123456789０１９—-－/／无 .,+元", fast.EMPTY_CELL]), max_size=6),
                max_size=20))
def test_plain_counts_are_read_as_the_python_reads_them(values):
    assert fast._scan.plain_counts(values) == list(map(fast._PLAIN.get, values))


@needs_scan
def test_every_plain_count_and_zero_mark_is_read():
    values = [str(i) for i in range(20_000)] + sorted(fast._ZERO_MARKS) + ["05", "00", "１", "10000"]
    values += [str(i).translate(fast._FULL_WIDTH_DIGITS) for i in range(20_000)] + ["０５", "1２", "１2"]
    assert fast._PLAIN["１２"] == fast._value("１２", "natural_person", fast._ONE) == 12
    assert fast._scan.plain_counts(values) == list(map(fast._PLAIN.get, values))
