"""HTML reports: tables read as tables with lxml (rowspan/colspan resolved for provenance),
scripts and styles ignored, the rest of the page kept as text lines."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .cells import Document, RawCell
from .decode import without_invisible
from .text import read_text

_BLOCK_TAGS = {
    "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "table", "section",
    "article", "td", "th",
}
_WS = re.compile(r"\s+")
# elements a page does not show: the hidden attribute, or a style that hides them (case and spaces aside)
_STYLE = "translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz')"
_HIDDEN = (f"//*[@hidden or contains({_STYLE}, 'display:none') or contains({_STYLE}, 'mso-hide:all')"
           f" or contains({_STYLE}, 'visibility:hidden')]")
# words one of which a page that hides an element prints (either case): the query runs only there
HIDING_WORDS = ("isplay", "ISPLAY", "idden", "IDDEN", "so-hide", "SO-HIDE")


def cell_text(el: etree._Element) -> str:
    """The text of a cell: spans and <p>s joined without separators (Word splits one number over
    several spans: 2 + 0 = 20), whitespace and &nbsp; removed."""
    return without_invisible(_WS.sub("", "".join(el.itertext()).replace("\xa0", " ")))


def read_html(doc: Document, text: str) -> None:
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        read_text(doc, text)
        return
    for bad in root.xpath("//script|//style|//noscript|//comment()"):
        bad.drop_tree() if hasattr(bad, "drop_tree") else bad.getparent().remove(bad)
    if any(word in text for word in HIDING_WORDS):  # (the query looks at every element's style)
        for hidden in root.xpath(_HIDDEN):
            hidden.drop_tree()  # not shown by the page: Word's hidden text, a site's decoy characters
    for mark in root.xpath("//sup|//sub"):
        # a footnote mark (13612<sup>1</sup>): no digit of the number it follows
        if len(mark) == 0 and len(mark.text or "") <= 8:
            mark.drop_tree()

    tables = [t for t in root.iter("table") if not t.xpath(".//table")]  # innermost tables hold cells
    for t_index, table in enumerate(tables, start=1):
        doc.rows.extend(_table_rows(table, t_index))

    # text lines of the whole page (title, prose): a newline after every block element
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    page_text = root.text_content().replace("\xa0", " ")
    lines = [_WS.sub(" ", ln).strip() for ln in page_text.splitlines()]
    lines = [ln for ln in lines if ln]
    title = root.findtext(".//title")
    doc.title_lines = ([title.strip()] if title and title.strip() else []) + lines[:40]
    doc.text = "\n".join(lines)
    if not any(len(r) > 2 for r in doc.rows):
        # no real tables (a CMS that flattened them into paragraphs): read the page as text
        rows_before = doc.title_lines
        doc.rows = []
        read_text(doc, doc.text)
        doc.title_lines = rows_before
        doc.layout = "html-text"
        return
    doc.layout = "html"


def _table_rows(table: etree._Element, t_index: int) -> list[list[RawCell]]:
    """Each <tr> as a row of its own cells in order. Spanned cells are not repeated (a number
    with colspan=2 is one number); the grid column after resolving spans is kept as provenance."""
    rows: list[list[RawCell]] = []
    occupied: dict[tuple[int, int], bool] = {}
    trs = table.xpath("./tr|./tbody/tr|./thead/tr|./tfoot/tr")
    for r_index, tr in enumerate(trs):
        col = 0
        cells: list[RawCell] = []
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            while occupied.get((r_index, col)):
                col += 1
            rowspan = _span(td.get("rowspan"))
            colspan = _span(td.get("colspan"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied[(r_index + dr, col + dc)] = True
            cells.append(RawCell(cell_text(td), f"table {t_index} row {r_index + 1} col {col + 1}", True, col + 1))
            col += colspan
        if any(c.text for c in cells) or len(cells) >= 3:  # a row of empty cells is a row of zeros
            rows.append(cells)
    return rows


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 200))
    except ValueError:
        return 1
