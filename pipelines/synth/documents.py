"""Report files that are not text: PDF (a text layer, page by page) and Word (.docx).

PDF: the text is set in a CID font that is named, not embedded (Identity-H: a character's code is
its code point), with a ToUnicode map, so that a PDF reader extracts exactly the characters
written — as from a report exported by Word; no font file is needed. Word: paragraphs and tables
as WordprocessingML, merged cells as Word merges them (gridSpan across, vMerge down, a
continuation cell in every row the merge covers).
"""

from __future__ import annotations

import io
import random
import zipfile
from typing import Any
from xml.sax.saxutils import escape

from . import render
from .render import Cell

# the layouts written as files of another format, and their file extensions
FILE_LAYOUTS = {"pdf-file": "pdf", "docx": "docx"}


def render_file(layout: str, report: dict[str, Any], rng: random.Random) -> bytes:
    """The bytes of `report` as a file in one of FILE_LAYOUTS: a PDF of the PDF text layout,
    35–55 lines a page; a Word document of its paragraphs and tables."""
    if layout == "pdf-file":
        return pdf_from_text(render.render("pdf", report, rng), rng.randint(35, 55))
    if layout == "docx":
        return docx_from_blocks(render.document_blocks(report, rng))
    raise ValueError(f"not a file layout: {layout!r}")


# ---------------------------------------------------------------- PDF

_WIDTH, _SIZE, _LEADING = 1400, 9, 12


def _to_unicode(codes: set[int]) -> bytes:
    # one range per high byte used: a bfrange may not cross a change of the first byte
    highs = sorted({c >> 8 for c in codes})
    ranges = [f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in highs]
    blocks = "".join(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange\n"
                     for chunk in (ranges[i:i + 100] for i in range(0, len(ranges), 100)))
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{blocks}endcmap CMapName currentdict /CMap defineresource pop end end\n").encode("ascii")


def _height(lines: list[str]) -> int:
    return max(842, 80 + _LEADING * len(lines))  # every line on the page: text off it is not extracted


def _content(lines: list[str]) -> bytes:
    out = []
    y = _height(lines) - 40
    for line in lines:
        if line:
            hexed = "".join(f"{ord(c):04X}" for c in line)
            out.append(f"BT /F1 {_SIZE} Tf 30 {y} Td <{hexed}> Tj ET")
        y -= _LEADING
    return "\n".join(out).encode("ascii")


def pdf_from_pages(pages: list[list[str]]) -> bytes:
    """A PDF whose pages print these lines, one text line each (characters of the Basic
    Multilingual Plane only: the font's codes are two bytes)."""
    codes = {ord(c) for page in pages for line in page for c in line} | {0x20}
    if max(codes) > 0xFFFF:
        raise ValueError("a character beyond U+FFFF: the PDF writer's font codes are two bytes")
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    catalog = add(b"")  # filled in below, when the page tree's number is known
    to_unicode = add(stream(_to_unicode(codes)))
    descriptor = add(b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] "
                     b"/ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>")
    cid_font = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDToGIDMap /Identity "
                   b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                   b"/FontDescriptor %d 0 R /DW 1000 >>" % descriptor)
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
               b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode))
    tree = add(b"")
    kids = []
    for lines in pages:
        contents = add(stream(_content(lines)))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> "
                        b"/Contents %d 0 R >>" % (tree, _WIDTH, _height(lines), font, contents)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def pdf_from_text(text: str, lines_per_page: int = 50) -> bytes:
    """A PDF of a text, cut into pages of `lines_per_page` lines."""
    lines = text.split("\n")
    return pdf_from_pages([lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]])


# ---------------------------------------------------------------- Word

_ZIP_DATE = (2020, 1, 1, 0, 0, 0)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>")
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>" if text else "<w:p/>"


def _table(model: list[list[Cell]]) -> str:
    """A table model (rows of cells with spans, cells under a rowspan left out, as in HTML)."""
    covered: dict[tuple[int, int], int] = {}  # (row, column) under a rowspan -> its colspan
    rows = []
    width = sum(c.cs for c in model[0])
    for r, row in enumerate(model):
        cells, col, pending = [], 0, iter(row)
        while col < width:
            if (r, col) in covered:
                span = covered[(r, col)]
                grid = f"<w:gridSpan w:val=\"{span}\"/>" if span > 1 else ""
                cells.append(f"<w:tc><w:tcPr>{grid}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                col += span
                continue
            cell = next(pending, None)
            if cell is None:
                break
            props = (f"<w:gridSpan w:val=\"{cell.cs}\"/>" if cell.cs > 1 else "") + (
                "<w:vMerge w:val=\"restart\"/>" if cell.rs > 1 else "")
            for below in range(r + 1, r + cell.rs):
                covered[(below, col)] = cell.cs
            lines = cell.text.split("\n")
            cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(map(_paragraph, lines))}</w:tc>")
            col += cell.cs
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    return "<w:tbl>" + "".join(rows) + "</w:tbl>"


def docx_from_blocks(blocks: list[str | list[list[Cell]]]) -> bytes:
    """A .docx of paragraphs (strings) and tables (table models), in order."""
    body = "".join(_paragraph(b) if isinstance(b, str) else _table(b) + "<w:p/>" for b in blocks)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
                f"<w:body>{body}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("word/document.xml", document)):
            # a fixed date: the same report gives the same bytes whenever it is written
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_DATE), text, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
