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
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from .document import VALUE_CELL, without_invisible

# Tag names are matched as ASCII letter classes rather than with re.IGNORECASE: a third faster on
# a Word page, and exactly the names an HTML parser knows.
_INVISIBLE = re.compile(
    r"<(?:[sS][cC][rR][iI][pP][tT]\b.*?</[sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE]\b.*?</[sS][tT][yY][lL][eE]"
    r"|[nN][oO][sS][cC][rR][iI][pP][tT]\b.*?</[nN][oO][sS][cC][rR][iI][pP][tT]"
    r"|[sS][uU][pPbB]\b[^>]*+>[^<]{0,8}</[sS][uU][pPbB])\s*>|<!--.*?-->",
    re.DOTALL,
)
# the tags that shape a grid; a cell ends where the next cell, row or table begins (</td> is optional)
_STRUCTURE = re.compile(r"<((?:/?(?:[tT][rR]|[tT][aA][bB][lL][eE]))|[tT][dDhH])\b([^>]*+)>")
# rowspan=/colspan= as re.IGNORECASE reads them (which lets ſ, U+017F, stand for s), written to start
# with a character class: the regex engine then skips in C to the next r or c instead of trying a
# match at every position of a Word cell's long style attribute (2.5 times faster). The lookbehinds
# are IGNORECASE's \b(rowspan|colspan): a word starts at the r or c, and "ow" follows r, "ol" c.
_SPAN = re.compile(
    r"([rRcC](?<=\b[rRcC])(?:(?<=[rR])[oO][wW]|(?<=[cC])[oO][lL])[sS\u017f][pP][aA][nN])\s*=\s*[\"']?\s*(\d+)"
)
# a run of adjacent tags as one match: the same text when dropped, in fewer pieces (a Word cell's
# </span><o:p></o:p></p></td> is one)
_TAGS = re.compile(r"(?:<[^>]*+>)++")
# the end tags of p, div, tr, li, h1–h6, title, table, section, article, td and th, and <br>; the names
# that start with t share one branch (a closing </span> or </o:p> is turned down in fewer steps)
_BLOCK_END = re.compile(
    r"<(?:/(?:[pP]|[tT](?:[dDrRhH]|[aA][bB][lL][eE]|[iI][tT][lL][eE])|[dD][iI][vV]|[lL][iI]|[hH][1-6]"
    r"|[sS][eE][cC][tT][iI][oO][nN]|[aA][rR][tT][iI][cC][lL][eE])\s*|[bB][rR]\b[^>]*+)>"
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
    """The page without scripts, styles and comments, and short superscripts and subscripts
    (footnote marks: 13612<sup>1</sup> is 13612)."""
    return _INVISIBLE.sub("", page)


def table_rows(page: str) -> TableRows | None:
    """The rows of the page's tables, numbered as the lxml reader numbers them, or None."""
    # [before, tag, attributes, what follows up to the next tag, tag, …]: split in C
    parts = _STRUCTURE.split(page)
    names = parts[1::3]
    # the tags that open or close a row or table; the cells after one are the cells of its row
    # (<td> and <th> are the only structure tags whose names end in d or h)
    marks = [i for i, name in enumerate(names) if name[-1] not in "dDhH"]
    if names and (not marks or marks[0] != 0):
        return None  # a cell outside a row
    marks.append(len(names))
    contents: list[str] = []  # every cell's inner HTML, in order
    places: list[tuple[int, int, tuple[int, ...]]] = []
    table = 0
    in_table = False
    r = -1
    below: dict[int, set[int]] = {}  # per row of the open table: grid columns spanned down into it
    for i, end in pairwise(marks):
        name = names[i]
        kind = _KINDS.get(name) or _KINDS[name.lower()]
        if kind == "row":
            if not in_table:
                return None
            r += 1
            attrs = parts[3 * i + 5:3 * end:3]  # the cells' attributes
            places.append((table, r + 1, _grid_columns(attrs, below, r)))
            contents += parts[3 * i + 6:3 * end + 1:3]
        elif end > i + 1:
            return None  # a cell outside a row
        elif kind == "table":
            if in_table:
                return None  # a nested table: the lxml reader keeps the innermost only
            in_table, table, r, below = True, table + 1, -1, {}
        elif kind == "end table":
            if not in_table:
                return None
            in_table = False
    if in_table:
        return None  # a table or row not closed
    joined = _CELL_BREAK.join(contents)
    if _hides_text(joined) or _hides_text("".join(parts[2::3])):
        return None  # an element the page does not show (hidden text, a decoy digit): lxml drops it
    # every cell's text in one pass: tags dropped, entities decoded, whitespace removed
    # (whitespace removed by str.split, which splits at exactly what the regex \s matches, in C)
    texts = "".join(_unescape(_TAGS.sub("", joined)).split())
    cells = texts.split(_CELL_BREAK) if contents else []
    lines, k = [], 0
    for _, _, cols in places:
        row = cells[k:k + len(cols)]
        if "" in row:
            # an empty cell of a grid is a zero printed as nothing (lxml reader: a blank grid
            # cell); one before the row's first text is the label column's padding, unless that
            # text is a value: a row with no label (table 4's) is all cells. A row of three or
            # more empty cells is a row of zeros, as the lxml reader has it.
            first = next((i for i, c in enumerate(row) if c), len(row))
            if first == len(row) >= 3 or (first < len(row) and VALUE_CELL.fullmatch(row[first])):
                first = 0
            row = row[:first] + [c or EMPTY_CELL for c in row[first:]]
        lines.append("\t".join(row))
        k += len(cols)
    return TableRows("\n".join(lines), places)


# what hides an element from the page's reader: Word's hidden text, a site's decoy characters
_HIDING = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden|\shidden(?=[\s>=/]|$)",
                     re.IGNORECASE)
# words one of which the HTML must hold for the regex to be worth running (either case; the lxml
# reader looks for hidden elements only in a page that holds one, too)
HIDING_WORDS = ("isplay", "ISPLAY", "idden", "IDDEN", "so-hide", "SO-HIDE")


def _hides_text(html_part: str) -> bool:
    """Whether the HTML (the cells' contents, or their attributes) hides an element. The regex runs
    only where a word of it is printed (a search of a Word page's cells costs a tenth of the regex's)."""
    return any(w in html_part for w in HIDING_WORDS) and _HIDING.search(html_part) is not None


def _grid_columns(attrs: list[str], below: dict[int, set[int]], r: int) -> tuple[int, ...]:
    """The grid column (from 1) of each cell of row r, given the cells' attributes; the columns the
    cells' rowspans cover in the rows below are added to `below`."""
    taken = below.get(r)
    # "span" cannot straddle two cells' attributes; attribute names are case-blind (rowSpan), and
    # "pan" also finds the ſpan that _SPAN reads as span: a test to skip the rows without spans
    joined = "\0".join(attrs).lower()
    if not taken and "pan" not in joined:
        return tuple(range(1, len(attrs) + 1))  # no spans, nothing spanned into the row
    taken = taken or set()
    cols = []
    c = 0
    for a in attrs:
        while c in taken:  # cells spanned down from rows above
            c += 1
        cols.append(c + 1)
        if "pan" in a.lower():
            rowspan, colspan = _spans(a)
            for dr in range(1, rowspan):
                below.setdefault(r + dr, set()).update(range(c, c + colspan))
            c += colspan
        else:
            c += 1
    return tuple(cols)


@lru_cache(maxsize=256)  # a table repeats its spanning cells' attribute strings row after row
def _spans(attrs: str) -> tuple[int, int]:
    """(rowspan, colspan) of a cell's attributes."""
    rowspan = colspan = 1
    for name, value in _SPAN.findall(attrs):
        if name.lower() == "rowspan":
            rowspan = max(1, min(int(value), 200))
        else:
            colspan = max(1, min(int(value), 200))
    return rowspan, colspan


def _unescape(text: str) -> str:
    """html.unescape(text), with &nbsp; — a Word page has hundreds — replaced first in C: html.unescape
    calls back into Python for every reference it meets."""
    if "&" not in text:
        return text
    # The same text: no reference's name holds a no-break space, so a reference whose name now runs
    # on into one (where &nbsp;'s "&" ended it) is still read as the name before it.
    # (a reference may stand for a character that prints nothing: &#8203;, &shy;)
    return without_invisible(html.unescape(text.replace("&nbsp;", "\xa0")))


# the structure tags that are not cells (a cell is told by its name's last letter)
_KINDS = {"tr": "row", "/tr": "end row", "table": "table", "/table": "end table"}


def page_lines(page: str) -> tuple[list[str], str]:
    """(title lines, page text) as the lxml reader makes them: a line after every block element,
    each line's whitespace collapsed and stripped, empty lines dropped."""
    title = re.search(r"<title\b[^>]*>(.*?)</title\s*>", page, re.IGNORECASE | re.DOTALL)
    text = _unescape(_TAGS.sub("", _BLOCK_END.sub("\n", page)))
    if any(c in text for c in _BREAK_CHARS):  # a C scan per character; the regex is slower
        text = _LINE_BREAKS.sub("\n", text)  # what str.splitlines breaks at
    # spaces are single now; a space before a newline goes, then a run of newlines and spaces is one
    # newline (a pattern starting with a plain character is scanned for in C)
    text = _NEWLINE_RUN.sub("\n", _SPACES.sub(" ", text).replace(" \n", "\n")).strip()
    lines = text.split("\n") if text else []
    head = _unescape(_TAGS.sub("", title.group(1))).strip() if title else ""
    return ([head] if head else []) + lines[:40], text


_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_BREAK_CHARS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINE_RUN = re.compile(r"\n[ \n]*")
