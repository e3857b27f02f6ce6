"""Words broken over lines (a PDF's text, one cell to a line): a word that starts the tables is
found where it starts, not at its first whole copy; a row's label broken around its numbers is
still its label."""

from __future__ import annotations

from printed import PDF

from pipelines.ingest.text import first_word_start
from pipelines.parse import parse_bytes

FIRST_HEADER = "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数"
BROKEN_HEADER = "第二十\n条第（一）项\n信息内\n容\n本年制发\n 件数\n本年废止件数\n现行有效件数"


def test_a_word_broken_over_texts_is_found_where_it_starts():
    assert first_word_start(["前言", "第二十", "条第（一）项"], ("第二十条",)) == 1
    assert first_word_start(["前言", "  第二", "", "十条 "], ("第二十条", "信息内容")) == 1
    assert first_word_start(["前言", "第二十条"], ("第二十条",)) == 1
    assert first_word_start(["前言", "第二十"], ("第二十条",)) is None
    assert first_word_start(["前言", "申  请人情况", "申请人情况"], ("申请人情况",)) == 1  # spaced out


def test_table_2_whose_first_words_are_all_broken_over_lines_is_read_from_its_first_row():
    assert FIRST_HEADER in PDF
    whole = parse_bytes(PDF.encode())
    broken = parse_bytes(PDF.replace(FIRST_HEADER, BROKEN_HEADER).encode())
    assert whole.active["normative_docs"] == {"issued": 1, "repealed": 0, "in_force": 12}
    assert broken.active == whole.active
    assert not [i for i in broken.issues if i.severity == "error"]


def test_a_table_2_label_broken_around_its_numbers_is_its_label():
    """PDF text may print a label's first characters, the row's numbers, then the rest of the label."""
    assert "\n行政许可 35\n" in PDF
    broken = parse_bytes(PDF.replace("\n行政许可 35\n", "\n行政许 35\n可\n").encode())
    assert broken.active == parse_bytes(PDF.encode()).active
    assert broken.active["licensing"] == {"decisions": 35}
    assert not [i for i in broken.issues if i.where.startswith("active")]
