"""Word (.docx) files for the tests: paragraphs and tables written as WordprocessingML, merged
cells as Word merges them (gridSpan across, vMerge down, a continuation cell in every row the
merge covers)."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from pipelines.synth.render import Cell

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
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()
