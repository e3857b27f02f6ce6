"""A Word report (.docx) as HTML (mammoth), which the HTML reader takes as it takes a web page:
its tables as tables, merged cells (gridSpan, vMerge) as colspan and rowspan.

A Word 97–2003 file (.doc, an OLE2 compound file) is recognised but not read: nothing on PyPI
reads its text well, and the publisher's PDF of the same report usually sits beside it.
"""

from __future__ import annotations

import io
import re
import zipfile

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class WordUnreadable(Exception):
    """The .docx could not be read: a damaged archive or document part."""


class WordTooLarge(WordUnreadable):
    """The .docx is over a limit (inflated size, one text run): reading it could stall or flood
    the build. A small archive can inflate to gigabytes, and one very long run of text makes the
    converter's work grow with its square."""


# Limits checked before the converter sees the archive. A real annual report's document part is a
# few megabytes and its longest run of text a few thousand characters.
MAX_INFLATED_BYTES = 512 << 20  # every part of the archive, images included, as declared
MAX_XML_PART_BYTES = 48 << 20  # one XML part (the document, its styles, notes)
MAX_TEXT_RUN_CHARS = 200_000  # the longest <w:t> run
_TEXT_RUN = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def check_limits(data: bytes) -> None:
    """Raise WordTooLarge when the archive is over a limit: the declared sizes of its parts, then
    the document part read (bounded: a part may inflate past what it declares) and its longest
    text run. A damaged archive passes: the converter says what is wrong with it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_INFLATED_BYTES:
                raise WordTooLarge(f"the archive inflates to {total:,} bytes (limit {MAX_INFLATED_BYTES:,})")
            for info in infos:
                if info.filename.endswith(".xml") and info.file_size > MAX_XML_PART_BYTES:
                    raise WordTooLarge(f"its part {info.filename} inflates to {info.file_size:,} bytes "
                                       f"(limit {MAX_XML_PART_BYTES:,})")
            with archive.open("word/document.xml") as part:
                document = part.read(MAX_XML_PART_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError, ValueError):
        return
    if len(document) > MAX_XML_PART_BYTES:
        raise WordTooLarge(f"its document part inflates past {MAX_XML_PART_BYTES:,} bytes")
    longest = max((m.end(1) - m.start(1) for m in _TEXT_RUN.finditer(document)), default=0)
    if longest > MAX_TEXT_RUN_CHARS:
        raise WordTooLarge(f"one run of text holds {longest:,} bytes (limit {MAX_TEXT_RUN_CHARS:,})")


def is_docx(data: bytes) -> bool:
    """A ZIP archive holding a Word document part."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:  # damaged: a Word file if its head says so (to say what it is)
        head = data[:65536]
        return b"word/" in head or (b"[Content_Types].xml" in head[:128] and b"xl/" not in head
                                    and b"ppt/" not in head)


def is_ole2(data: bytes) -> bool:
    """An OLE2 compound file: a Word 97–2003 .doc (or an old Excel or WPS file)."""
    return data.startswith(_OLE2_MAGIC)


def docx_html(data: bytes) -> str:
    """The document as an HTML page: its paragraphs as <p>, its tables with their spans."""
    import mammoth  # loaded when a Word file arrives: a process reading text never needs it

    check_limits(data)
    try:
        result = mammoth.convert_to_html(io.BytesIO(_without_hidden_text(data)))
    except Exception as exc:  # mammoth raises what zipfile and its XML parser raise
        raise WordUnreadable(f"{type(exc).__name__}: {exc}") from exc
    return f"<html><body>{result.value}</body></html>"


_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
# a run formatted as hidden text (<w:vanish/>, not switched off): Word neither shows nor prints it
_HIDDEN_RUNS = "//w:r[w:rPr/w:vanish[not(@w:val) or not(@w:val='0' or @w:val='false' or @w:val='off')]]"


def _without_hidden_text(data: bytes) -> bytes:
    """The .docx without its hidden runs (mammoth converts them as text: a hidden 9 after a cell's
    2 would read 29). The archive as it was where the document part hides nothing or is unreadable."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = archive.read("word/document.xml")
            if b"vanish" not in document:
                return data
            root = etree.fromstring(document)
            hidden = root.xpath(_HIDDEN_RUNS, namespaces=_W)
            if not hidden:
                return data
            for run in hidden:
                run.getparent().remove(run)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
                for item in archive.infolist():
                    body = (etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                            if item.filename == "word/document.xml" else archive.read(item.filename))
                    rewritten.writestr(item, body)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        return data  # mammoth says what is wrong with it
