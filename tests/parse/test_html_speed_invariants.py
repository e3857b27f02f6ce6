"""What the one pass of libxslt over a page must give as the element-by-element reading gives it:
a cell's text without whitespace (every kind str.split knows, those written as character
references too) and invisible characters, the first <title>'s text, spans as grid columns, tables
inside tables left to the innermost, and a page nested deeper than libxslt recurses read alike."""

from __future__ import annotations

import pytest
from lxml import etree

from pipelines.ingest.cells import Document
from pipelines.ingest.html import _all_table_rows, _page_text, _read, read_html


def _read_html(page: str) -> Document:
    doc = Document(path="page.html")
    read_html(doc, page)
    return doc


def _page(cells: str, head: str = "<title>报告</title>") -> str:
    return f"<html><head>{head}</head><body><p>正文</p><table>{cells}</table></body></html>"


@pytest.mark.parametrize("ref", ["&#11;", "&#12;", "&#x1c;", "&#x1f;", "&#13;", "\x85", "&#160;", "&#x3000;",
                                 "&#x2028;", "&#x200b;", "&#xad;", "&#xfeff;", " ", "\t", "\n"])
def test_a_cells_whitespace_and_invisible_characters_are_no_part_of_its_text(ref):
    doc = _read_html(_page(f"<tr><td>1{ref}2</td><td>{ref}</td><td>x</td></tr>"))
    assert [c.text for c in doc.rows[0]] == ["12", "", "x"]


@pytest.mark.parametrize(("ref", "char"), [("&#1;", "\x01"), ("&#xfffe;", "\ufffe"), ("a", "a")])
def test_a_character_that_is_no_whitespace_stays(ref, char):
    doc = _read_html(_page(f"<tr><td>1{ref}2</td><td>3</td><td>4</td></tr>"))
    assert doc.rows[0][0].text == f"1{char}2"


@pytest.mark.parametrize(("head", "title"), [
    ("<title> 2020年 报告 </title>", ["2020年 报告"]),
    ("<title></title>", []),
    ("<title>  </title>", []),
    ("", []),
    ("<title>a\nb</title><title>second</title>", ["a\nb"]),
])
def test_the_first_titles_text_heads_the_title_lines(head, title):
    doc = _read_html(_page("<tr><td>1</td><td>2</td><td>3</td></tr>", head))
    assert doc.title_lines[:len(title)] == title
    assert doc.title_lines[len(title)] != "second"


def test_spans_give_grid_columns_and_a_row_of_empty_cells_is_kept_from_three_cells():
    doc = _read_html(_page(
        '<tr><td rowspan=" 2 ">a</td><td colspan="2">b</td><td>c</td></tr>'
        "<tr><td>d</td><td>e</td><td>f</td></tr>"
        "<tr><td></td><td></td><td></td></tr><tr><td></td><td></td></tr>"
        '<tr><td colspan="x">g</td><td>h</td><td rowspan="999">i</td></tr>'))
    assert [[(c.text, c.col, c.where) for c in row] for row in doc.rows] == [
        [("a", 1, "table 1 row 1 col 1"), ("b", 2, "table 1 row 1 col 2"), ("c", 4, "table 1 row 1 col 4")],
        [("d", 2, "table 1 row 2 col 2"), ("e", 3, "table 1 row 2 col 3"), ("f", 4, "table 1 row 2 col 4")],
        [("", 1, "table 1 row 3 col 1"), ("", 2, "table 1 row 3 col 2"), ("", 3, "table 1 row 3 col 3")],
        [("g", 1, "table 1 row 5 col 1"), ("h", 2, "table 1 row 5 col 2"), ("i", 3, "table 1 row 5 col 3")],
    ]


def test_the_innermost_tables_hold_the_cells_and_the_text_keeps_its_lines():
    page = ("<html><body><table><tr><td><p>标题</p><table><tbody><tr><th>a</th><td>1</td><td>2</td></tr>"
            "</tbody></table></td></tr></table><div>e\nnd</div><table><thead><tr><td>x</td><td>y</td>"
            "<td>z</td></tr></thead></table></body></html>")
    doc = _read_html(page)
    assert [[c.where for c in row] for row in doc.rows] == [
        ["table 1 row 1 col 1", "table 1 row 1 col 2", "table 1 row 1 col 3"],
        ["table 2 row 1 col 1", "table 2 row 1 col 2", "table 2 row 1 col 3"],
    ]
    assert doc.text.splitlines() == ["标题", "a", "1", "2", "e", "nd", "x", "y", "z"]


def test_the_one_pass_reads_as_the_separate_ones():
    page = _page('<tr><td rowspan="2">一、<span>本年</span>新收</td><td>1<sup>2</sup></td><td>3</td></tr>'
                 "<tr><td>4</td><td>5&nbsp;6</td></tr>", "<title>年度报告</title><style>p{}</style>")
    root = etree.fromstring(page.encode(), etree.HTMLParser(encoding="utf-8"))
    rows, title, text = _read(root)
    assert (rows, title, text) == (_all_table_rows(root), root.findtext(".//title"), _page_text(root))


def test_spans_are_read_as_printed_and_a_cells_text_never_ends_its_line():
    """A span with a space or an invisible character inside is no number (one column); a cell's
    text that reads like the pass's own lines (t, c, e…) is a cell's text."""
    page = _page('<tr><td colspan="1&#160;2">a</td><td colspan="2&#x200b;">b</td><td rowspan="&#160;2">c</td></tr>'
                 "<tr><td>t</td><td>\nc\n</td><td>e5</td></tr><tr><td>r</td><td>s</td><td>\n\te\n</td></tr>")
    root = etree.fromstring(page.encode(), etree.HTMLParser(encoding="utf-8"))
    rows = _read(root)[0]
    assert rows == _all_table_rows(root)
    assert [[(c.text, c.col) for c in row] for row in rows] == [
        [("a", 1), ("b", 2), ("c", 3)], [("t", 1), ("c", 2), ("e5", 4)], [("r", 1), ("s", 2), ("e", 3)]]


@pytest.mark.parametrize("hidden", ['<span style="dIsPlAy: NoNe">9</span>', '<span HiDdEn>9</span>',
                                    "<span style='Mso-Hide:All'>9</span>", '<i style="VisiBility:Hidden">9</i>'])
def test_an_element_hidden_in_any_mix_of_cases_is_not_read(hidden):
    doc = _read_html(_page(f"<tr><td>行政许可</td><td>3{hidden}5</td><td>x</td></tr>"))
    assert [c.text for c in doc.rows[0]] == ["行政许可", "35", "x"]


STYLED = ['<td style="font-size:12pt;border:solid windowtext 1.0pt">{}</td>',
          "<td\nstyle='width:36pt'\nrowspan=1>{}</td>", '<td style=color:red colspan="1">{}</td>',
          '<td class=x style="a:b"/>{}</td>', '<td style="a:b"valign=top>{}</td>', '<td data-style="a">{}</td>']


@pytest.mark.parametrize("styled", STYLED)
def test_a_page_read_without_its_styles_reads_as_with_them(styled):
    """A page that prints no word of a hidden element is parsed with its styles dropped: the same
    cells, spans and text; words in the text that read like a style stay."""
    page = _page("".join(f"<tr>{styled.format(n)}<td>{n + 1}</td><td>t{n}</td></tr>" for n in range(3))
                 + '<tr><td>a style="b" c</td><td>4 style=b</td><td>5 style="c"/</td></tr>')
    root = etree.fromstring(page.encode(), etree.HTMLParser(encoding="utf-8"))
    doc = _read_html(page)
    assert doc.rows == _read(root)[0]
    assert [c.text for c in doc.rows[-1]] == ['astyle="b"c', "4style=b", '5style="c"/']
    assert doc.text == "\n".join(" ".join(ln.split()) for ln in _page_text(root).splitlines() if ln.split())
