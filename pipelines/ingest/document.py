"""A raw report file read into a `Document`: its text lines and its table cells, each cell with
the place it came from, whatever the layout (text rows, one cell per line, HTML, Markdown, PDF text).
"""

from __future__ import annotations

import hashlib
import re
from itertools import islice
from pathlib import Path

from .cells import Document, RawCell
from .decode import NotText, decode_bytes, without_invisible
from .html import read_html
from .pdf import PdfUnreadable, is_pdf, pdf_text, undecoded_share
from .text import read_text
from .word import WordUnreadable, docx_html, is_docx, is_ole2

__all__ = ["Document", "RawCell", "decode_document", "document_from_bytes", "read_cells", "read_document"]

_HTML_TAG = re.compile(r"<(?:html|body|table|tr|td|p|div|span|br)\b", re.IGNORECASE)


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
        from .ocr import is_image

        if is_image(data):  # a page photographed or scanned to PNG, JPEG or TIFF
            return _recognised(doc, data)
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
        return _recognised(doc, data, "a PDF without a text layer (scanned pages)")
    undecoded = undecoded_share(text)
    if undecoded > 0.2:  # a real report's text has next to none
        return _recognised(doc, data, f"a PDF whose text layer does not decode ({undecoded:.0%} of its characters "
                                      "are private-use or unknown: fonts without a Unicode map)")
    doc.text = without_invisible(text)
    return doc


def _recognised(doc: Document, data: bytes, why: str = "an image of report pages") -> Document:
    """The Document OCR reads from page images (`ocr.py`), from the cache the OCR step fills when
    that step has run (keyed by the file's sha256 and the engine's version), else read now."""
    from .ocr_cache import ocr_cached

    recognised, cached = ocr_cached(data, doc.path)
    said = {code for code, _, _ in recognised.problems}
    if recognised.text.strip() and not said & {"file_no_text", "file_unreadable", "ocr_unavailable"}:
        recognised.problems.insert(0, ("ocr_read", "info", f"{why}: its text was recognised by OCR "
                                       f"({recognised.engine}{', cached' if cached else ''})"))
        return recognised
    recognised.text = ""
    if not said & {"file_no_text", "file_unreadable", "ocr_unavailable"}:
        recognised.problems.append(("file_no_text", "error", "OCR recognised no text"))
    recognised.problems[:] = [(c, s, f"{why}, read by OCR: {m}" if c == "file_no_text" else m)
                              for c, s, m in recognised.problems]
    return recognised


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
        read_html(doc, doc.text)
    else:
        read_text(doc, doc.text)


