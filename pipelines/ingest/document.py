"""A raw report file read into a `Document`: its text lines and its table cells, each cell with
the place it came from, whatever the layout (text rows, one cell per line, HTML, Markdown, PDF text).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from pipelines import spec
from pipelines.textscan import line_stats, native

from .decode import NotText, decode_bytes
from .pdf import PdfUnreadable, is_pdf, pdf_text, undecoded_share
from .word import WordUnreadable, docx_html, is_docx, is_ole2


class RawCell(NamedTuple):
    text: str
    where: str  # "line 12 col 5" (text) / "table 2 row 5 col 3" (HTML)
    # the cell is a cell of a real grid (HTML, Markdown pipes): empty means 0, not layout padding
    grid: bool = False
    col: int = 0  # its column: the cell's place in its text row, or the HTML grid column
    # a cell of a tab-separated line: its cells are counted from the line's first, and a line may end
    # before the row's last cells when empty cells at its end were trimmed with its trailing whitespace
    tab: bool = False


@dataclass
class Document:
    path: str
    text: str = ""
    encoding: str | None = None
    layout: str | None = None
    sha256: str | None = None
    # the first text lines, for the title and agency
    title_lines: list[str] = field(default_factory=list)
    # physical rows of cells in document order (a text line, an HTML <tr>)
    rows: list[list[RawCell]] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (code, severity, message)
    # the format the text was taken from, where it is not the file itself: pdf, docx
    source: str | None = None
    # a PDF's text: the line each page starts on (places are given as page and line)
    page_lines: tuple[int, ...] = ()


# Words that only a statistical table prints; rows before the first of them are prose.
TABLE_WORDS = ("第二十条", "信息内容", "本年新收", "申请人情况", "结果维持", "尚未审结")
_HTML_TAG = re.compile(r"<(?:html|body|table|tr|td|p|div|span|br)\b", re.IGNORECASE)
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}")
_SPACES = re.compile(r"\s{2,}")
# Page furniture a PDF extraction leaves inside tables: "— 3 —", "第 3 页 共 6 页", "3/6", and a
# repeated title line with the bare page number before it. (The leading blanks are matched
# possessively: a line of padding is not tried again at every shorter indent. Each match starts
# at the newline before its line, a plain character the regex engine skips to in C, instead of
# testing for a line start at every position.)
_PAGE_FURNITURE = re.compile(
    r"\n[ \t\r]*+(?:[—\-－]+[ \t\r]*\d+[ \t\r]*[—\-－]+"
    r"|第[ \t\r]*\d+[ \t\r]*页(?:[ \t\r]*[,，/]?[ \t\r]*共[ \t\r]*\d+[ \t\r]*页)?"
    r"|\d+[ \t\r]*/[ \t\r]*\d+|(?:\d+[ \t\r]*\n)?[^\n]*年度报告)[ \t\r]*(?=\n|\Z)"
)


def blank_page_furniture(text: str) -> str:
    """The text with page furniture turned to spaces: offsets and line numbers stay true. (In C
    where the parser's extension is built, line by line as this regex reads: `_textscan.c`.)"""
    if native is not None:
        return native.blank_page_furniture(text)
    return python_blank_page_furniture(text)


def python_blank_page_furniture(text: str) -> str:
    return _PAGE_FURNITURE.sub(_blank, "\n" + text)[1:]  # the first line has no newline before it


def _blank(m: re.Match[str]) -> str:
    return "".join(c if c in "\r\n" else " " for c in m.group())


def read_document(path: str | Path) -> Document:
    """Read a report file. Never raises for bad content: problems are recorded on the Document.
    Raises OSError only when the file cannot be opened."""
    path = Path(path)
    data = path.read_bytes()
    return document_from_bytes(data, str(path))


def document_from_bytes(data: bytes, path: str = "<bytes>") -> Document:
    doc = decode_document(data, path)
    if doc.text:
        read_cells(doc)
    return doc


def decode_document(data: bytes, path: str = "<bytes>") -> Document:
    """The Document's text, encoding and checksum, without its cells (see `read_cells`)."""
    doc = Document(path=path, sha256=hashlib.sha256(data).hexdigest())
    if not data.strip():
        doc.problems.append(("file_empty", "error", "the file is empty"))
        return doc
    if is_pdf(data):
        return _decode_pdf(doc, data)
    if is_docx(data):
        return _decode_docx(doc, data)
    if is_ole2(data):
        doc.problems.append(("file_binary", "error", "a Word 97–2003 file (.doc, or another OLE2 file): "
                             "not read; save it as .docx or PDF"))
        return doc
    try:
        text, doc.encoding, replaced = decode_bytes(data)
    except NotText as exc:
        doc.problems.append(("file_binary", "error", f"not a text file: {exc}"))
        return doc
    if not text.strip():  # a byte-order mark, or blanks of another encoding, and nothing else
        doc.problems.append(("file_empty", "error", f"the file holds no text (only a {doc.encoding} "
                             "byte-order mark or blanks)"))
        return doc
    if replaced:
        doc.problems.append(
            ("decode_replaced", "warning", f"bytes not valid {doc.encoding} were replaced (truncated file?)")
        )
    doc.text = without_invisible(text)
    return doc


# characters that print nothing and that no reader should see inside a number or a label (a web
# page's zero-width spaces and joiners, a soft hyphen, a byte-order mark inside the text)
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")


def without_invisible(text: str) -> str:
    """The text without the characters that print nothing (one C scan each; most texts have none)."""
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    return text


def _decode_pdf(doc: Document, data: bytes) -> Document:
    """A PDF's text layer as the Document's text (its layout `pdf`)."""
    doc.encoding = doc.source = "pdf"
    try:
        text, doc.page_lines = pdf_text(data)
    except PdfUnreadable as exc:
        doc.problems.append(("file_unreadable", "error",
                             f"a PDF that cannot be opened (damaged, or protected by a password): {exc}"))
        return doc
    if not text:
        doc.problems.append(("file_no_text", "error", "a PDF without a text layer (scanned pages?): "
                             "its text must be recognised (OCR) before it can be read"))
        return doc
    undecoded = undecoded_share(text)
    if undecoded > 0.2:  # a real report's text has next to none
        doc.problems.append(("file_no_text", "error", f"a PDF whose text layer does not decode ({undecoded:.0%} of "
                             "its characters are private-use or unknown: fonts without a Unicode map): "
                             "its text must be recognised (OCR) before it can be read"))
        return doc
    doc.text = without_invisible(text)
    return doc


def _decode_docx(doc: Document, data: bytes) -> Document:
    """A Word document as an HTML page, read as one (its layout `docx`)."""
    doc.encoding = doc.source = "docx"
    try:
        doc.text = without_invisible(docx_html(data))
    except WordUnreadable as exc:
        doc.problems.append(("file_unreadable", "error", f"a Word (.docx) file that cannot be read (damaged?): {exc}"))
    return doc


def is_html(text: str) -> bool:
    """Three of the common tags in the first 200 000 characters (the first three are enough)."""
    if "<" not in text:
        return False
    return sum(1 for _ in islice(_HTML_TAG.finditer(text, 0, 200_000), 3)) >= 3


def read_cells(doc: Document) -> None:
    """Fill the Document's rows of cells (and title lines, layout) from its text."""
    if is_html(doc.text):
        from .html import read_html

        read_html(doc, doc.text)
    else:
        read_text(doc, doc.text)


TITLE_LINES = 60  # the title and agency are looked for in this many first lines


def title_lines(lines: list[str]) -> list[str]:
    """The first text lines, for the title and agency."""
    return [stripped for ln in lines[:TITLE_LINES] if (stripped := ln.strip())][:40]


def text_layout(text: str) -> str:
    """markdown (five lines with two pipes or more), text-oneline (a crawler's text: a line of more
    than 2 000 characters), text-tabs (ten lines with a tab) or text: descriptive only."""
    longest, piped, tabbed = line_stats(text)
    if text.count("|") >= 10 and piped >= 5:
        return "markdown"
    if longest > 2000:
        return "text-oneline"
    if text.count("\t") >= 10 and tabbed >= 10:
        return "text-tabs"
    return "text"


def read_text(doc: Document, text: str) -> None:
    """Text layouts: a row per line, cells split by tabs, Markdown pipes or runs of spaces.
    One-cell-per-line and one-line bodies come out as rows of one cell; the table reader does not
    rely on rows being whole table rows. A cell's place is its line and the column it starts at."""
    lines = text.splitlines()
    doc.title_lines = title_lines(lines)
    # the prose before the first table holds no cells: start at the first line with a table word
    first = min((i for i in (text.find(m) for m in TABLE_WORDS) if i >= 0), default=0)
    skip = text.count("\n", 0, first)
    body = blank_page_furniture(text).splitlines() if skip < len(lines) else []
    for number, line in enumerate(body, start=1):
        if number <= skip:
            continue
        if not line.strip():
            tabs = line.count("\t")
            if tabs == 1 or (tabs == 0 and "\u3000" in line):
                # a lone tab or full-width padding is an empty cell of a table pasted one cell per line
                doc.rows.append([RawCell("", f"line {number} col 1", grid=True)])
            elif tabs > 1:  # a tab row of empty cells: zeros printed as nothing
                doc.rows.append([RawCell("", f"line {number} col {c}", False, i)
                                 for i, c in enumerate(_tab_columns(line), start=1)])
            continue
        grid = "|" in line and line.count("|") >= 2
        if grid and _MD_SEPARATOR.match(line):
            continue
        cells = split_line(line)
        columns = _columns(line, cells)
        if len(cells) == 1:
            doc.rows.append([RawCell(cells[0], f"line {number} col {columns[0]}", grid)])
        else:
            tab = not grid and "\t" in line
            doc.rows.append([RawCell(c, f"line {number} col {col}", grid, i, tab)
                             for i, (c, col) in enumerate(zip(cells, columns, strict=True), start=1)])
    doc.layout = text_layout(text)


# table 4's one row: its 15 cells and no label, so that an empty cell at its start is a zero, not indentation
_REVIEW_ROW_CELLS = len(spec.REVIEW_GROUPS) * len(spec.REVIEW_OUTCOMES)
# a cell that prints a number or a zero mark, and nothing else (also `html_rows`)
VALUE_CELL = re.compile(r"[+\-＋－]?[0-9０-９][0-9０-９,，.．]*|[—/／无\-－]+")


def _review_row(cells: list[str]) -> bool:
    return len(cells) == _REVIEW_ROW_CELLS and all(VALUE_CELL.fullmatch(c) for c in cells if c)


def _values_only(cells: list[str]) -> bool:
    # five cells at least: table 4's first group ends with its total (a line of one cell with a
    # tab before it is a table printed one cell per line, indented)
    return 5 <= len(cells) <= _REVIEW_ROW_CELLS and all(VALUE_CELL.fullmatch(c) for c in cells if c) and any(cells)


def _tab_columns(line: str) -> list[int]:
    """1-based columns of the cells of a tab-separated line."""
    cols, at = [1], 0
    while (at := line.find("\t", at) + 1) > 0:
        cols.append(at + 1)
    return cols


def _columns(line: str, cells: list[str]) -> list[int]:
    """1-based column where each cell's text starts in its line (an empty cell: where it would be)."""
    cols, at = [], 0
    for cell in cells:
        if cell:
            found = line.find(cell, at)
            if found >= 0:
                at = found
            cols.append(at + 1)
            at += len(cell)
        elif not cols and "|" not in line:
            cols.append(1)  # a tab row's first cell, empty (table 4's row): no separator opens it
        else:
            # just past the separator that opens it, and past its padding; `at` then rests on the
            # separator that ends it, which opens the next cell
            seps = [i for i in (line.find("\t", at), line.find("|", at)) if i >= 0]
            at = min(seps) + 1 if seps else len(line)
            while at < len(line) and line[at] in " \u3000":
                at += 1
            cols.append(at + 1)
    return cols


def split_line(line: str) -> list[str]:
    """Cells of one text line. Leading empty cells (indentation, a spanned label column) are
    dropped, but in table 4's row; empty cells between values are kept, since a blank cell means 0."""
    stripped = line.strip()
    if "|" in stripped and stripped.count("|") >= 2:
        # a Markdown row: the pipes are explicit, so a trailing empty cell is a blank value
        parts = [p.strip() for p in stripped.removeprefix("|").removesuffix("|").split("|")]
        if not any(parts) or _review_row(parts):
            return parts  # a row of empty cells: zeros printed as nothing
        while parts and not parts[0]:
            parts.pop(0)
        return parts
    if "\t" in line:
        parts = line.split("\t")
    else:
        parts = _SPACES.split(line.replace("\u3000", "  "))
    parts = [p.strip().strip("\u3000") for p in parts]
    if "\t" in line and _values_only(parts):
        # a tab line of numbers only (table 4's row, perhaps trimmed of its last empty cells): its
        # empty cells before the first number are cells; the table reader drops what is padding
        return parts
    while parts and not parts[0]:
        parts.pop(0)
    if "\t" not in line or not parts:
        while parts and not parts[-1]:
            parts.pop()
    # a tab row keeps its trailing empty cells: a zero may be printed as nothing, and the
    # table reader drops what is padding
    return parts
