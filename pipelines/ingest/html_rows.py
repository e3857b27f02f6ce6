"""HTML tables as text rows, read with regular expressions — the parser's fast path for HTML.

Building an lxml tree of a Word-exported page (50–80 kB of spans and styles) costs far more than
reading its ~300 cells. For a well-formed page this module gives the same cells the lxml reader
(`html.py`) gives — cell text with tags dropped and whitespace removed, grid columns resolved
over rowspan/colspan — as one text line per <tr> with cells joined by tabs, plus the page text
the metadata is read from. Anything it is not sure to read as lxml would (a nested table, a cell
outside a row, a cell not closed where a row ends) returns None, and the lxml reader takes the page.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

# Tag names are matched as ASCII letter classes rather than with re.IGNORECASE: a third faster on
# a Word page, and exactly the names an HTML parser knows.
_INVISIBLE = re.compile(
    r"<(?:[sS][cC][rR][iI][pP][tT]\b.*?</[sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE]\b.*?</[sS][tT][yY][lL][eE]"
    r"|[nN][oO][sS][cC][rR][iI][pP][tT]\b.*?</[nN][oO][sS][cC][rR][iI][pP][tT])\s*>|<!--.*?-->",
    re.DOTALL,
)
# the tags that shape a grid; a cell ends where the next cell, row or table begins (</td> is optional)
_STRUCTURE = re.compile(r"<((?:/?(?:[tT][rR]|[tT][aA][bB][lL][eE]))|[tT][dDhH])\b([^>]*+)>")
_SPAN = re.compile(r"\b(rowspan|colspan)\s*=\s*[\"']?\s*(\d+)", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*+>")
_BLOCK_END = re.compile(
    r"<(?:/(?:[pP]|[dD][iI][vV]|[tT][rR]|[lL][iI]|[hH][1-6]|[tT][iI][tT][lL][eE]|[tT][aA][bB][lL][eE]"
    r"|[sS][eE][cC][tT][iI][oO][nN]|[aA][rR][tT][iI][cC][lL][eE]|[tT][dD]|[tT][hH])\s*|[bB][rR]\b[^>]*+)>"
)
# one cell's text from the next in the bulk clean-up (a private-use character: no page prints it)
_CELL_BREAK = "\ue000"
# an empty grid cell in the table text (a zero printed as nothing): a private-use character, so
# that the fast path sees a cell where the page has one
EMPTY_CELL = "\ue001"


class TableRows(NamedTuple):
    text: str  # a line per <tr> of every table, its cells' text joined by tabs (empty ones: EMPTY_CELL)
    places: list[tuple[int, int, tuple[int, ...]]]  # per line: (table, row, grid column of each cell)


def visible(page: str) -> str:
    """The page without scripts, styles and comments."""
    return _INVISIBLE.sub("", page)


def table_rows(page: str) -> TableRows | None:
    """The rows of the page's tables, numbered as the lxml reader numbers them, or None."""
    # [before, tag, attributes, what follows up to the next tag, tag, …]: split in C
    parts = _STRUCTURE.split(page)
    contents: list[str] = []  # every cell's inner HTML, in order
    shapes: list[tuple[int, int, list[int]]] = []  # per row: table, row number, grid columns
    table = 0
    in_table = False
    row: list[int] | None = None  # grid columns of the open row's cells
    r = c = -1
    occupied: set[tuple[int, int]] = set()
    for k in range(1, len(parts), 3):
        kind = _KINDS.get(parts[k]) or _KINDS[parts[k].lower()]
        if kind == "cell":
            if row is None:
                return None  # a cell outside a row
            while (r, c) in occupied:  # cells spanned down from rows above
                c += 1
            attrs = parts[k + 1]
            if "span" in attrs or "SPAN" in attrs:
                rowspan = colspan = 1
                for name, value in _SPAN.findall(attrs):
                    if name.lower() == "rowspan":
                        rowspan = max(1, min(int(value), 200))
                    else:
                        colspan = max(1, min(int(value), 200))
                if rowspan > 1:
                    occupied.update((r + dr, c + dc) for dr in range(1, rowspan) for dc in range(colspan))
                row.append(c + 1)
                c += colspan
            else:
                row.append(c + 1)
                c += 1
            contents.append(parts[k + 2])
            continue
        if row is not None:
            shapes.append((table, r + 1, row))
            row = None
        if kind == "row":
            if not in_table:
                return None
            r, c = r + 1, 0
            row = []
        elif kind == "table":
            if in_table:
                return None  # a nested table: the lxml reader keeps the innermost only
            in_table, table, r, occupied = True, table + 1, -1, set()
        elif kind == "end table":
            if not in_table:
                return None
            in_table = False
    if in_table or row is not None:
        return None
    # every cell's text in one pass: tags dropped, entities decoded, whitespace removed
    # (whitespace removed by str.split, which splits at exactly what the regex \s matches, in C)
    texts = "".join(html.unescape(_TAG.sub("", _CELL_BREAK.join(contents))).split())
    cells = texts.split(_CELL_BREAK) if contents else []
    lines, places, k = [], [], 0
    for t, rnum, cols in shapes:
        row = cells[k:k + len(cols)]
        if "" in row:
            # an empty cell of a grid is a zero printed as nothing (lxml reader: a blank grid
            # cell); one before the row's first text is the label column's padding, unless that
            # text is a value: a row with no label (table 4's) is all cells. A row of three or
            # more empty cells is a row of zeros, as the lxml reader has it.
            first = next((i for i, c in enumerate(row) if c), len(row))
            if first == len(row) >= 3 or (first < len(row) and _VALUE_CELL.fullmatch(row[first])):
                first = 0
            row = row[:first] + [c or EMPTY_CELL for c in row[first:]]
        lines.append("\t".join(row))
        places.append((t, rnum, tuple(cols)))
        k += len(cols)
    return TableRows("\n".join(lines), places)


_VALUE_CELL = re.compile(r"[+\-＋－]?[0-9０-９][0-9０-９,.．]*|[—/／无\-－]+")
_KINDS = {"td": "cell", "th": "cell", "tr": "row", "/tr": "end row", "table": "table", "/table": "end table"}


def page_lines(page: str) -> tuple[list[str], str]:
    """(title lines, page text) as the lxml reader makes them: a line after every block element,
    each line's whitespace collapsed and stripped, empty lines dropped."""
    title = re.search(r"<title\b[^>]*>(.*?)</title\s*>", page, re.IGNORECASE | re.DOTALL)
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", page)))
    if any(c in text for c in _BREAK_CHARS):  # a C scan per character; the regex is slower
        text = _LINE_BREAKS.sub("\n", text)  # what str.splitlines breaks at
    # spaces are single now; a space before a newline goes, then a run of newlines and spaces is one
    # newline (a pattern starting with a plain character is scanned for in C)
    text = _NEWLINE_RUN.sub("\n", _SPACES.sub(" ", text).replace(" \n", "\n")).strip()
    lines = text.split("\n") if text else []
    head = html.unescape(_TAG.sub("", title.group(1))).strip() if title else ""
    return ([head] if head else []) + lines[:40], text


_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_BREAK_CHARS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINE_RUN = re.compile(r"\n[ \n]*")
