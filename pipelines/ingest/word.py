"""A Word report (.docx) as HTML (mammoth), which the HTML reader takes as it takes a web page:
its tables as tables, merged cells (gridSpan, vMerge) as colspan and rowspan.

A Word 97–2003 file (.doc, an OLE2 compound file) is recognised but not read: nothing on PyPI
reads its text well, and the publisher's PDF of the same report usually sits beside it.
"""

from __future__ import annotations

import io
import re
import typing
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
    import mammoth.docx.office_xml

    mammoth.docx.office_xml.parse_xml = _parse_xml  # (see `_parse_xml`)
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


# An XML part as mammoth's parser gives it (mammoth.docx.xmlparser.parse_xml: minidom's tree made
# into mammoth's elements and texts), built from lxml's parse of the part: the same elements
# (names as prefix:local for the namespaces mammoth names, {uri}local for others), attributes (no
# namespace declarations) and texts (each run of character data one text; comments and processing
# instructions left out, the text on either side of one kept apart). Where lxml and expat might
# read a part otherwise, mammoth's own parser reads it: markup declarations, CDATA or comments
# (`<!`: a DTD's entities and attribute defaults, CDATA which minidom keeps apart and mammoth
# drops), a part not in UTF-8 (or declaring another encoding or another version than 1.0), or
# anything lxml reports (a namespace prefix never declared, which expat refuses, among them).
_DECLARATION = re.compile(rb"<\?xml\s+version=([\"'])1\.0\1(?:\s+encoding=([\"'])(?i:utf-8)\2)?"
                          rb"(?:\s+standalone=([\"'])(?:yes|no)\3)?\s*\?>")


def _parse_xml(fileobj: typing.BinaryIO, namespace_mapping: list[tuple[str, str]] | None = None) -> object:
    from lxml import etree
    from mammoth.docx.xmlparser import XmlElement, XmlText
    from mammoth.docx.xmlparser import parse_xml as minidom_parse_xml

    data = fileobj.read()
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    plain = b"<!" not in data and data.startswith(b"<", start) and (
        not data.startswith(b"<?xml", start) or _DECLARATION.match(data, start) is not None)
    root = None
    if plain:
        parser = etree.XMLParser(resolve_entities=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            root = None
        if len(parser.error_log):
            root = None
    if root is None:
        return minidom_parse_xml(io.BytesIO(data), namespace_mapping)
    prefixes = {uri: prefix for prefix, uri in namespace_mapping or ()}
    names: dict[str, str] = {}

    def name(qualified: str) -> str:
        found = names.get(qualified)
        if found is None:
            found = qualified
            if qualified.startswith("{"):
                uri, local = qualified[1:].split("}", 1)
                if uri in prefixes:
                    found = f"{prefixes[uri]}:{local}"
            names[qualified] = found
        return found

    def element(el: etree._Element) -> XmlElement:
        children = [XmlText(el.text)] if el.text else []
        for child in el:
            if isinstance(child.tag, str):
                children.append(element(child))
            if child.tail:
                children.append(XmlText(child.tail))
        return XmlElement(name(el.tag), {name(key): value for key, value in el.attrib.items()}, children)

    return element(root)
