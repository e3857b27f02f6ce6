"""A .docx part read by lxml into mammoth's elements is the tree mammoth's own (minidom) parser
gives, and a part the two parsers might read otherwise is read by mammoth's parser."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mammoth.docx.office_xml import _namespaces
from mammoth.docx.xmlparser import parse_xml as minidom_parse_xml
from test_roundtrip import SETTINGS, reports

from pipelines.ingest.word import _parse_xml
from pipelines.synth.documents import docx_from_blocks
from pipelines.synth.render import document_blocks, draw_style

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def _both(data: bytes) -> tuple[object, object]:
    def read(parse):
        try:
            return parse(io.BytesIO(data), _namespaces)
        except Exception as exc:  # the same error, where the part is no XML
            return type(exc).__name__

    return read(minidom_parse_xml), read(_parse_xml)


@pytest.mark.parametrize("part", [
    f'<w:document {W}><w:body><w:p><w:r><w:t xml:space="preserve"> 12 </w:t></w:r></w:p></w:body></w:document>',
    f'{DECLARATION}<w:document {W}>\n  <w:p w:rsidR="00AB">a<w:r/>b<?pi x?>c</w:p></w:document>',
    f'<w:p {W} xmlns:x="urn:other" x:a="1" b="2"><x:y>&amp;&#x4E2D;&lt;</x:y>tail</w:p>',
    f'<w:p {W}>a<!-- note -->b<![CDATA[c]]>d</w:p>',
    '<!DOCTYPE p [<!ENTITY e "entity">]><p>&e;</p>',
    '<w:p>an undeclared prefix</w:p>',
    f'<?xml version="1.0" encoding="ISO-8859-1"?><w:p {W}>caf\xe9</w:p>',
    f'<?xml version="1.1"?><w:p {W}>x</w:p>',
    f'<w:p {W}><w:t>unclosed</w:p>',
    f'<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" {W}>'
    '<mc:Choice/><mc:Fallback><w:t>f</w:t></mc:Fallback></mc:AlternateContent>',
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="t" Target="styles.xml"/></Relationships>',
])
def test_a_part_reads_as_mammoths_parser_reads_it(part):
    data = part.encode("latin-1" if "ISO-8859-1" in part else "utf-8")
    minidom, lxml = _both(data)
    assert minidom == lxml


def test_a_utf16_part_reads_alike():
    minidom, lxml = _both(f'<w:p {W}>年度</w:p>'.encode("utf-16"))
    assert minidom == lxml


@SETTINGS
@given(reports(), st.integers(0, 2**32))
def test_every_part_of_a_report_written_in_word_reads_alike(report, seed):
    rng = random.Random(seed)
    report = {**report, "style": draw_style("html", rng)}
    with zipfile.ZipFile(io.BytesIO(docx_from_blocks(document_blocks(report, rng)))) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                minidom, lxml = _both(archive.read(name))
                assert minidom == lxml, name
