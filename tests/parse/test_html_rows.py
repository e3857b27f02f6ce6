"""The HTML fast path's page reading (`ingest.html_rows`): table rows over spans, the pages it turns
down for the lxml reader, and the page text the metadata is read from."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.document import Document
from pipelines.ingest.html import read_html
from pipelines.ingest.html_rows import _SPAN, EMPTY_CELL, TableRows, _unescape, page_lines, table_rows, visible


def grid(rows: list[str]) -> str:
    return "<table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


def test_cells_are_text_with_tags_and_whitespace_dropped():
    page = grid(['<td><p><span>申请</span><span> 数量</span><o:p></o:p></p></td><td><span>1</span>2</td>'])
    assert table_rows(page) == TableRows("申请数量\t12", [(1, 1, (1, 2))])


def test_grid_columns_step_over_rowspans_and_colspans():
    page = grid([
        '<td rowspan="3">三</td><td colspan=2>（一）</td><td>1</td>',
        "<td>1.a</td><td>x</td><td>2</td>",
        "<td ROWSPAN=2 COLSPAN='2'>b</td><td>3</td>",
        "<td>c</td><td>d</td><td>4</td>",
    ])
    assert table_rows(page) == TableRows("三\t（一）\t1\n1.a\tx\t2\nb\t3\nc\td\t4", [
        (1, 1, (1, 2, 4)), (1, 2, (2, 3, 4)), (1, 3, (2, 4)), (1, 4, (1, 4, 5))])


def test_spans_are_read_in_any_case_with_spaces_and_quotes_and_kept_in_bounds():
    page = grid([
        "<TD colspan = ' 3' style='width:36pt'>a</TD><td>b</td>",
        '<td Colspan="0">c</td><td rowspan=900 colspan=1>d</td>',
        "<td>e</td>",
    ])
    assert table_rows(page) == TableRows("a\tb\nc\td\ne", [(1, 1, (1, 4)), (1, 2, (1, 2)), (1, 3, (1,))])
    # a style's "span" is no rowspan; a rowspan spans no further than its table
    page = grid(['<td class="span">a</td><td rowspan=2>b</td>']) + grid(["<td>c</td><td>d</td>"])
    assert table_rows(page).places == [(1, 1, (1, 2)), (2, 1, (1, 2))]


# attribute names are case-blind: a page pasted from a browser writes rowSpan
spans = st.tuples(st.integers(1, 3), st.integers(1, 3), st.sampled_from(["rowspan", "ROWSPAN", "rowSpan", "RowSpan"]),
                  st.sampled_from(["colspan", "colSpan"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(spans, min_size=1, max_size=5), min_size=1, max_size=6))
def test_grid_columns_are_the_lxml_readers(shape):
    header = "<td>a</td><td>b</td><td>c</td>"  # a row of three: the lxml reader takes the page as a table
    page = grid([header] + ["".join(f'<td {name}="{rs}" {col}={cs}>c{r}.{i}</td>'
                                    for i, (rs, cs, name, col) in enumerate(row)) for r, row in enumerate(shape)])
    doc = Document(path="x")
    read_html(doc, "<html><body>" + page + "</body></html>")
    assert table_rows(page).places == [(1, r + 1, tuple(c.col for c in row)) for r, row in enumerate(doc.rows)]


span_words = st.sampled_from(["rowspan", "colspan", "ROWSPAN", "RowSpan", "row\u017fpan", "col\u017fpan", "cowspan",
                              "rolspan", "x", "_", "-", " ", "\n", "=", '"', "'", "2", "\u0663", "span"])


@given(st.lists(span_words, max_size=12).map("".join))
def test_the_span_pattern_reads_what_the_case_blind_one_does(attrs):
    case_blind = re.compile(r"\b(rowspan|colspan)\s*=\s*[\"']?\s*(\d+)", re.IGNORECASE)
    assert _SPAN.findall(attrs) == case_blind.findall(attrs)


def test_rows_number_per_table_and_an_empty_row_is_an_empty_line():
    page = "<TABLE border=1><TBODY><TR><TD>a<TD>b</TR>\n<tr></tr></TBODY></TABLE><p>x</p>" + grid(["<th>c</th>"])
    assert table_rows(page) == TableRows("a\tb\n\nc", [(1, 1, (1, 2)), (1, 2, ()), (2, 1, (1,))])


def test_entities_are_decoded_after_tags_are_dropped():
    page = grid(["<td>&amp;<b>lt;</b></td><td>a&nbsp;b</td><td>&am<span>p;</span></td><td>&#49;&#x30;</td>"])
    assert table_rows(page).text == "&lt;\tab\t&\t10"


entity_words = st.sampled_from(["&nbsp;", "&nbsp", "&", "&amp;", "&amp", "&lt", "&not", "&notin;", "&#38", "&#x26",
                                "&#", "nbsp;", "&NBSP;", "\xa0", " ", "\n", "<", ";", "1", "x", "a" * 31,
                                "&" + "a" * 30])


@given(st.lists(entity_words, max_size=10).map("".join))
def test_nbsp_replaced_first_unescapes_as_html_does(text):
    assert _unescape(text) == html.unescape(text)


def test_empty_cells_are_zeros_printed_as_nothing_and_label_padding_stays_empty():
    page = grid(["<td></td><td>自然人</td><td></td>", "<td>规章</td><td>&nbsp;</td><td>0</td>",
                 "<td></td><td>5</td><td></td>", "<td></td><td></td><td></td>"])
    assert table_rows(page).text == "\n".join([
        f"\t自然人\t{EMPTY_CELL}", f"规章\t{EMPTY_CELL}\t0", f"{EMPTY_CELL}\t5\t{EMPTY_CELL}",
        f"{EMPTY_CELL}\t{EMPTY_CELL}\t{EMPTY_CELL}"])


def test_a_page_without_tables_has_no_rows():
    assert table_rows("<html><body><p>没有表格</p></body></html>") == TableRows("", [])


@pytest.mark.parametrize("page", [
    "<td>a</td>" + grid(["<td>b</td>"]),  # a cell before any row
    "<table><td>a</td></table>",  # a cell in a table, outside a row
    grid(["<td>a</td>"]).replace("</tr>", "</tr><td>b</td>"),  # a cell after a row's end
    grid(["<td>a</td>"]) + "<td>b</td>",  # a cell after the table
    "<tr><td>a</td></tr>",  # a row outside a table
    grid(["<td>" + grid(["<td>a</td>"]) + "</td>"]),  # a nested table
    "<table><tr><td>a</td></tr>",  # a table not closed
    "<table><tr><td>a</td>",  # a row not closed
    "</table>" + grid(["<td>a</td>"]),  # a table closed before it opens
])
def test_pages_the_fast_path_cannot_be_sure_of_are_left_to_the_lxml_reader(page):
    assert table_rows(page) is None


def test_invisible_parts_go():
    page = "<p>a</p><SCRIPT>x<td></SCRIPT ><style>y</style><!-- <td> --><noscript>z</noscript><p>b</p>"
    assert visible(page) == "<p>a</p><p>b</p>"


def test_page_lines_break_at_block_ends_and_collapse_whitespace():
    page = ("<html><head><title> 报告<b>标题</b> &amp; 附件 </title></head><body>"
            "<P>一、 总体  情况</P ><div>a<br>b<BR/>c<span>d</span></div>"
            "<h2>标题二</h2>x\r\ny\u2028z<p> </p><p>&nbsp;</p>"
            "<table><tr><td><p>1</p><p>2</p></td><td>3</td></tr></table>"
            "</body></html>")
    lines = ["一、 总体 情况", "a", "b", "cd", "标题二", "x", "y", "z", "1", "2", "3"]
    assert page_lines(page) == (["报告标题 & 附件", "报告标题 & 附件", *lines], "\n".join(["报告标题 & 附件", *lines]))


def test_page_lines_keep_the_first_forty_lines_as_title_lines():
    title, text = page_lines("".join(f"<p>{i}</p>" for i in range(50)))
    assert title == [str(i) for i in range(40)]
    assert text.split("\n") == [str(i) for i in range(50)]


@pytest.mark.parametrize("cell", [
    '<td>35<span style="display:none">9</span></td>', "<td>35<SPAN STYLE='DISPLAY: NONE'>9</SPAN></td>",
    "<td>35<span style='mso-hide:all'>9</span></td>", "<td>35<span hidden>9</span></td>",
    '<td>35</td><td style="display:none">9</td>', "<td>35</td><td hidden>9</td>",
])
def test_a_page_hiding_text_in_its_cells_is_left_to_the_lxml_reader(cell):
    """Text the page does not show is dropped by lxml (`html.read_html`); this reader would keep it."""
    assert table_rows(grid([f"<td>行政许可</td>{cell}"])) is None


def test_hidden_as_a_style_value_hides_nothing():
    assert table_rows(grid(['<td style="overflow: hidden">行政许可</td><td>35</td>'])) is not None
