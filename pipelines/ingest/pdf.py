"""A PDF report's text layer, page by page (PDFium, through pypdfium2).

The text comes out as a PDF extraction prints it — labels broken over lines, page numbers inside
tables — which is one of the layouts the parser reads (`report-format.md`, "How the text
arrives"). Pages are joined with a line break; the line each page starts on is kept, so that a
place in the text can be given as a page and a line of that page (`page_place`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .decode import looks_binary

PDF_MAGIC = b"%PDF-"
# control characters a text layer carries besides line breaks (PDFium's \x02 for a hyphen at a
# line end, NULs): dropped, as nothing printed them
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
_LINE = re.compile(r"\bline (\d+)")
_UNDECODED = re.compile("[\ue000-\uf8ff\ufffd]")


class PdfUnreadable(Exception):
    """The PDF could not be opened: damaged, truncated, or protected by a password."""


class PdfText(NamedTuple):
    text: str
    # the line (from 1) each page starts on in `text`
    page_lines: tuple[int, ...]


def is_pdf(data: bytes) -> bool:
    """A PDF file: its header first (after blanks), or within the first kilobyte of a file that
    is not text, as readers accept it after junk; a text that merely mentions it is text."""
    at = data.find(PDF_MAGIC, 0, 1024)
    return at >= 0 and (not data[:at].strip() or looks_binary(data))


def pdf_text(data: bytes) -> PdfText:
    """The text layer of every page, pages joined by a line break. A PDF of scanned pages has
    none: its text is empty. Raises PdfUnreadable for a PDF that cannot be opened."""
    import pypdfium2 as pdfium  # loaded when a PDF arrives: a process reading text never needs it

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PdfUnreadable(str(exc)) from exc
    try:
        pages: list[str] = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            # get_text_bounded has all of Unicode (get_text_range stops at U+FFFF: rare place names)
            text = textpage.get_text_bounded()
            textpage.close()
            page.close()
            pages.append(_CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).rstrip("\n"))
    except pdfium.PdfiumError as exc:
        raise PdfUnreadable(str(exc)) from exc
    finally:
        document.close()
    starts, line = [], 1
    for text in pages:
        starts.append(line)
        line += text.count("\n") + 1
    return PdfText("\n".join(pages) if any(p.strip() for p in pages) else "", tuple(starts))


def undecoded_share(text: str) -> float:
    """The share of a text layer's printed characters that are private-use or U+FFFD: what a
    PDF gives for glyphs of a font without a Unicode map (their text is not in the file)."""
    printed = "".join(text.split())
    if not printed:
        return 0.0
    return len(_UNDECODED.findall(printed)) / len(printed)


def page_place(where: str, page_lines: tuple[int, ...]) -> str:
    """A place in the joined text ("line 140 col 3") as the page and its line ("page 4 line 12
    col 3"): what one looks for in the PDF. Places without a line are returned as they are."""
    if not page_lines or "line " not in where:
        return where

    def on_page(m: re.Match[str]) -> str:
        line = int(m.group(1))
        page = max(bisect_right(page_lines, line) - 1, 0)
        return f"page {page + 1} line {line - page_lines[page] + 1}"

    return _LINE.sub(on_page, where)
