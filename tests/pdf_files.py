"""PDF files for the tests: pages of text lines written as a PDF's text layer.

The text is set in a CID font that is named, not embedded (Identity-H: a character's code is its
code point), with a ToUnicode map, so that a PDF reader extracts exactly the characters written —
the way a report exported from Word carries its text. No font file is needed.
"""

from __future__ import annotations

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
