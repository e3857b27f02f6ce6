"""HTML reports: tables read as tables with lxml (rowspan/colspan resolved for provenance),
scripts and styles ignored, the rest of the page kept as text lines."""

from __future__ import annotations

import re

from lxml import etree

from .cells import Document, RawCell
from .decode import _INVISIBLE, without_invisible
from .text import read_text

_new = tuple.__new__  # a NamedTuple made without its (Python) __new__

_BLOCK_TAGS = {
    "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "table", "section",
    "article", "td", "th",
}
# elements a page does not show: the hidden attribute, or a style that hides them (case and spaces aside)
_STYLE = "translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz')"
_HIDDEN = (f"//*[@hidden or contains({_STYLE}, 'display:none') or contains({_STYLE}, 'mso-hide:all')"
           f" or contains({_STYLE}, 'visibility:hidden')]")
# words one of which a page that hides an element prints (in any case): the query runs only there
HIDING_WORDS = (b"isplay", b"idden", b"so-hide")
_LOWER_CASE = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")


# an element's text, all its descendants' text joined (lxml.html's text_content())
_TEXT_CONTENT = etree.XPath("string()", smart_strings=False)


def cell_text(el: etree._Element) -> str:
    """The text of a cell: spans and <p>s joined without separators (Word splits one number over
    several spans: 2 + 0 = 20), whitespace (&nbsp; too) removed."""
    # (an element without children: its text is its string value)
    text = "".join((_TEXT_CONTENT(el) if len(el) else el.text or "").split())
    return text if text.isascii() else without_invisible(text)  # the invisible characters are none of ASCII


def _drop_tree(el: etree._Element) -> None:
    """The element and its children removed, the text after it kept (lxml.html's drop_tree)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


# characters lxml refuses in a document (XML 1.0's C0 controls but tab, newline and return, and
# two noncharacters) that pages hold all the same: Word's manual line break (U+000B) pasted into a
# CMS, a stray backspace. Browsers show them as nothing or as a space; read as a space, they
# split no number (cell text drops whitespace) and keep words apart.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UNSAFE_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])  # its C0 controls, each one byte in UTF-8
# tags that only wrap: dropped (block ones leave a line break) when a page nests deeper than
# the HTML parser can follow even with huge_tree (2048 levels); tables keep their structure
_WRAPPERS = re.compile(r"<(/?)(?!(?:table|thead|tbody|tfoot|tr|td|th|br)\b)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_BREAKING = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "section", "article"})


# a style attribute as a tag writes it: its name after whitespace, its value quoted or unquoted,
# then the tag's end, or whitespace or a slash and the rest of the tag up to its end (the whitespace
# before it stays; a text that prints such words is followed by a tag's start first). Nothing reads
# one but the query for hidden elements: a page that prints none of `HIDING_WORDS` is parsed without
# them. (The name first: sre skips from one to the next fast, where a pattern starting with
# whitespace is tried at each byte.)
_STYLE_ATTRIBUTE = re.compile(
    rb"style=(?<=\sstyle=)(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>=`]+)(?=>|[\s/][^<]*>)")


def _flattened(text: str) -> str:
    text = _SCRIPTS.sub("", text)
    return _WRAPPERS.sub(lambda m: "<br>" if m.group(2).lower() in _BREAKING else "", text)


def _document(text: str) -> tuple[etree._Element | None, bool]:
    """The page parsed as lxml.html.document_fromstring parses it (the same parser), its elements
    lxml's own (without lxml.html's element classes, which it looks up in Python for each one);
    None where it holds no document. Whatever a browser shows is read: comments and declarations
    before <html> (the page is given to the parser as UTF-8 bytes, so that an XML declaration
    naming another encoding is no error), control characters (as spaces), any depth of nesting.
    And whether the page prints one of `HIDING_WORDS` (where it prints none, its elements' styles
    are dropped before parsing: `_STYLE_ATTRIBUTE`)."""
    data = text.encode("utf-8", errors="replace")
    # (the C0 controls looked for in the UTF-8 bytes, in the pass over bytes that makes them lower
    # case; the two noncharacters, a character each, in the text)
    lower = data.translate(_LOWER_CASE, _UNSAFE_BYTES)
    if len(lower) != len(data) or "\ufffe" in text or "\uffff" in text:
        text = _UNSAFE.sub(" ", text)
        data = text.encode("utf-8", errors="replace")
        lower = data.lower()
    hiding = any(word in lower for word in HIDING_WORDS)
    if not hiding:  # (styles are most of a Word page's bytes)
        data = _STYLE_ATTRIBUTE.sub(b"", data)
    for attempt in (data, None):
        if attempt is None:
            attempt = _flattened(text).encode("utf-8", errors="replace")
        parser = etree.HTMLParser(encoding="utf-8", huge_tree=True)
        try:
            root = etree.fromstring(attempt, parser)
        except (etree.ParserError, ValueError):
            return None, hiding
        if not any("Excessive depth" in e.message for e in parser.error_log):
            return root, hiding
    return root, hiding


def read_html(doc: Document, text: str) -> None:
    root, hiding = _document(text)
    if root is None:
        read_text(doc, text)
        return
    marks = []
    # (one walk of the tree in C finds both the elements a page does not show and the marks)
    for el in root.iter("script", "style", "noscript", "sup", "sub", etree.Comment):
        if el.tag == "sup" or el.tag == "sub":
            marks.append(el)
        else:
            _drop_tree(el)
    if hiding:  # (the query looks at every element's style)
        for hidden in root.xpath(_HIDDEN):
            _drop_tree(hidden)  # not shown by the page: Word's hidden text, a site's decoy characters
    for mark in marks:
        # a footnote mark (13612<sup>1</sup>): no digit of the number it follows (a mark inside what
        # was dropped above goes with it: dropping it there changes nothing the page shows)
        if len(mark) == 0 and len(mark.text or "") <= 8:
            _drop_tree(mark)

    try:
        rows, title, page_text = _read(root)
    except etree.XSLTError:  # nesting deeper than libxslt recurses: tables and text apart
        rows = _all_table_rows(root)
        page_text = _page_text(root)
        title = root.findtext(".//title")
    doc.rows.extend(rows)

    # each line's whitespace runs as one space (str.split's whitespace is Unicode whitespace, as \s
    # was; a no-break space is one of them)
    lines = [" ".join(words) for ln in filter(None, page_text.splitlines()) if (words := ln.split())]
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


# the page's text with a newline after every block element, in one pass of libxslt (the HTML parser
# gives tag names in lower case)
_PAGE_TEXT = etree.XSLT(etree.XML(
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
    '<xsl:output method="text" encoding="UTF-8"/>'
    f'<xsl:template match="{"|".join(sorted(_BLOCK_TAGS))}">'
    '<xsl:apply-templates/><xsl:text>&#10;</xsl:text></xsl:template></xsl:stylesheet>'))


def _page_text(root: etree._Element) -> str:
    """The text of the whole page (title, prose), a line break after every block element."""
    try:
        return str(_PAGE_TEXT(root))
    except etree.XSLTError:  # nesting deeper than libxslt recurses: the same text, element by element
        for el in root.iter(*_BLOCK_TAGS):
            el.tail = "\n" + (el.tail or "")
        return _TEXT_CONTENT(root)


_ROWS = etree.XPath("./tr|./tbody/tr|./thead/tr|./tfoot/tr")
# every innermost table's rows (`_ROWS`) and cells (td, th) in one pass of libxslt: a line "t" for
# each table, and for each of its rows a line "r" with, for each cell, a tab and its rowspan, colspan
# and text, tab-separated. normalize-space leaves no tab or newline in them (and `cell_text`
# drops every whitespace all the same).
_TABLE_CELLS = etree.XSLT(etree.XML(
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
    '<xsl:output method="text" encoding="UTF-8"/>'
    '<xsl:template match="/"><xsl:for-each select="//table[not(.//table)]"><xsl:text>t&#10;</xsl:text>'
    '<xsl:for-each select="tr|tbody/tr|thead/tr|tfoot/tr"><xsl:text>r</xsl:text><xsl:for-each select="td|th">'
    '<xsl:text>&#9;</xsl:text><xsl:value-of select="normalize-space(@rowspan)"/>'
    '<xsl:text>&#9;</xsl:text><xsl:value-of select="normalize-space(@colspan)"/>'
    '<xsl:text>&#9;</xsl:text><xsl:value-of select="normalize-space(.)"/>'
    '</xsl:for-each><xsl:text>&#10;</xsl:text></xsl:for-each></xsl:for-each></xsl:template></xsl:stylesheet>'))


# the characters a cell's text drops: whitespace (what str.split splits at) and the characters that
# print nothing. Those of them XML does not allow (C0 controls) no stylesheet can name: made spaces
# before parsing, they reach the tree only through character references (&#11;).
_WHITESPACE = "".join(c for c in map(chr, range(0x110000)) if c.isspace() and not _UNSAFE.match(c))
_DROPPED = _WHITESPACE + "".join(_INVISIBLE)
_CONTROL_SPACE = re.compile("[" + "".join(c for c in map(chr, range(0x20)) if c.isspace() and _UNSAFE.match(c)) + "]")
# what is left of `_DROPPED` in a cell's text after normalize-space (which makes every run of tabs,
# newlines, returns and spaces one space), the C0 controls that are whitespace among it
_STILL_DROPPED = re.compile("[" + re.escape("".join(sorted(
    (set(_DROPPED) - set("\t\n\r")) | set(_CONTROL_SPACE.pattern[1:-1])))) + "]+")
_INNERMOST = ('<xsl:for-each select="$tables"><xsl:text>t&#10;</xsl:text>'
              '<xsl:for-each select="tr|tbody/tr|thead/tr|tfoot/tr">{}<xsl:text>&#10;</xsl:text>'
              '</xsl:for-each></xsl:for-each>')
# The page in one pass of libxslt. First every innermost table (`_ROWS` of it) as a line "t" and,
# for each of its rows, a line: "r" where none of its cells (td, th) has a rowspan or colspan, else
# "s" and, for each cell, a tab and its rowspan and a tab and its colspan (a row is told by a span
# on any of its children: one that is no cell gives empty spans, read as none). Then a line "c" and the
# same tables again, each row a line "r" with, for each cell, a tab and its text with every run of
# XML whitespace made one space (so that neither a tab nor a newline is left in it). Then a line "e"
# with the length of the first <title>'s text, that text, and the page's text with a newline after
# every block element (`_PAGE_TEXT`).
_READ = etree.XSLT(etree.XML(
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
    '<xsl:output method="text" encoding="UTF-8"/>'
    '<xsl:template match="/">'
    '<xsl:variable name="tables" select="/descendant::table[not(descendant::table)]"/>'
    + _INNERMOST.format(
        '<xsl:choose><xsl:when test="*/@rowspan or */@colspan"><xsl:text>s</xsl:text>'
        '<xsl:for-each select="td|th">'
        '<xsl:text>&#9;</xsl:text><xsl:value-of select="normalize-space(@rowspan)"/>'
        '<xsl:text>&#9;</xsl:text><xsl:value-of select="normalize-space(@colspan)"/>'
        '</xsl:for-each></xsl:when><xsl:otherwise><xsl:text>r</xsl:text></xsl:otherwise></xsl:choose>')
    + '<xsl:text>c&#10;</xsl:text>'
    + _INNERMOST.format('<xsl:text>r</xsl:text><xsl:for-each select="td|th">'
                        '<xsl:text>&#9;</xsl:text><xsl:value-of select="normalize-space(.)"/></xsl:for-each>')
    + '<xsl:variable name="title" select="string(/descendant::title[1]/text()[1])"/>'
    '<xsl:text>e</xsl:text><xsl:value-of select="string-length($title)"/><xsl:text>&#10;</xsl:text>'
    '<xsl:value-of select="$title"/><xsl:apply-templates/></xsl:template>'
    f'<xsl:template match="{"|".join(sorted(_BLOCK_TAGS))}">'
    '<xsl:apply-templates/><xsl:text>&#10;</xsl:text></xsl:template></xsl:stylesheet>'))


def _read(root: etree._Element) -> tuple[list[list[RawCell]], str, str]:
    """The rows of every innermost table (tables inside a table lay out the page; the innermost hold
    cells), the text of the page's first <title> and the page's text (a line break after every block
    element), from one pass of `_READ`. A cell's text drops `_DROPPED`. Spanned cells are not repeated
    (a number with colspan=2 is one number); the grid column after resolving spans is kept as provenance."""
    printed = str(_READ(root))
    middle = 0 if printed.startswith("c\n") else printed.index("\nc\n") + 1  # (a table's line starts t, r or s)
    start = middle + 2
    end = start if printed.startswith("e", start) else printed.index("\ne", start) + 1
    line_end = printed.index("\n", end)
    title_end = line_end + 1 + int(printed[end + 1:line_end])
    title, page_text = printed[line_end + 1:title_end], printed[title_end:]
    rows: list[list[RawCell]] = []
    t_index = r_index = 0
    # the grid columns of each row that cells of rows above span down into
    occupied: dict[int, set[int]] = {}
    spans = printed[:middle].split("\n")
    for spanned, line in zip(spans, _STILL_DROPPED.sub("", printed[start:end]).split("\n"), strict=True):
        if line == "t":
            t_index += 1
            r_index = 0
            occupied = {}
            continue
        if not line:
            continue  # (the part ends with a newline)
        texts = line.split("\t")
        del texts[0]
        place = f"table {t_index} row {r_index + 1} col "
        taken = occupied.get(r_index)
        fields = spanned.split("\t") if spanned != "r" else None
        if taken is None and (fields is None or (not any(fields[1::2]) and not any(fields[2::2]))):
            cells = [_new(RawCell, (text, f"{place}{col}", True, col, False)) for col, text in enumerate(texts, 1)]
        else:
            cells = []
            col = 0  # (the grid column before the cell's, counted from 0)
            for k, text in enumerate(texts):
                if taken:
                    while col in taken:
                        col += 1
                if fields is None:
                    colspan = 1
                else:
                    rowspan, colspan = fields[2 * k + 1], fields[2 * k + 2]
                    colspan = _span(colspan) if colspan else 1
                    if rowspan and (rowspan := _span(rowspan)) > 1:
                        for dr in range(1, rowspan):
                            occupied.setdefault(r_index + dr, set()).update(range(col, col + colspan))
                cells.append(_new(RawCell, (text, f"{place}{col + 1}", True, col + 1, False)))
                col += colspan
        if len(cells) >= 3 or any(texts):  # a row of empty cells is a row of zeros
            rows.append(cells)
        r_index += 1
    return rows, title, page_text


def _all_table_rows(root: etree._Element) -> list[list[RawCell]]:
    """The rows of every innermost table (tables inside a table lay out the page; the innermost
    hold cells), each as `_table_rows` reads it."""
    try:
        printed = str(_TABLE_CELLS(root))
    except etree.XSLTError:  # nesting deeper than libxslt recurses: table by table
        tables = [t for t in root.iter("table") if t.find(".//table") is None]
        return [row for t_index, table in enumerate(tables, start=1) for row in _table_rows(table, t_index)]
    rows: list[list[RawCell]] = []
    t_index = r_index = 0
    occupied: set[tuple[int, int]] = set()
    for line in printed.split("\n"):
        if line == "t":
            t_index += 1
            r_index = 0
            occupied = set()
            continue
        if not line:
            continue  # (the text ends with a newline)
        fields = line.split("\t")
        col = 0
        cells: list[RawCell] = []
        place = f"table {t_index} row {r_index + 1} col "
        for k in range(1, len(fields), 3):
            while occupied and (r_index, col) in occupied:
                col += 1
            rowspan, colspan, text = fields[k:k + 3]
            rowspan = 1 if not rowspan else _span(rowspan)
            colspan = 1 if not colspan else _span(colspan)
            for dr in range(1, rowspan):
                occupied.update((r_index + dr, col + dc) for dc in range(colspan))
            text = "".join(text.split())
            if not text.isascii():
                text = without_invisible(text)
            cells.append(_new(RawCell, (text, place + str(col + 1), True, col + 1, False)))
            col += colspan
        if any(c.text for c in cells) or len(cells) >= 3:  # a row of empty cells is a row of zeros
            rows.append(cells)
        r_index += 1
    return rows


def _table_rows(table: etree._Element, t_index: int) -> list[list[RawCell]]:
    """Each <tr> as a row of its own cells in order. Spanned cells are not repeated (a number
    with colspan=2 is one number); the grid column after resolving spans is kept as provenance."""
    rows: list[list[RawCell]] = []
    # the grid places that cells of rows above span down into (a cell's own row needs none: its
    # next cell starts after it)
    occupied: set[tuple[int, int]] = set()
    trs = _ROWS(table)
    for r_index, tr in enumerate(trs):
        col = 0
        cells: list[RawCell] = []
        place = f"table {t_index} row {r_index + 1} col "
        for td in tr.iterchildren("td", "th"):  # (the HTML parser gives tag names in lower case)
            while occupied and (r_index, col) in occupied:
                col += 1
            rowspan, colspan = td.get("rowspan"), td.get("colspan")
            rowspan = 1 if rowspan is None else _span(rowspan)
            colspan = 1 if colspan is None else _span(colspan)
            for dr in range(1, rowspan):
                occupied.update((r_index + dr, col + dc) for dc in range(colspan))
            cells.append(_new(RawCell, (cell_text(td), place + str(col + 1), True,
                                        col + 1, False)))
            col += colspan
        if any(c.text for c in cells) or len(cells) >= 3:  # a row of empty cells is a row of zeros
            rows.append(cells)
    return rows


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 200))
    except ValueError:
        return 1
