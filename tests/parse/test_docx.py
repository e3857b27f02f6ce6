"""Word files: a .docx read through its HTML (tables as tables, merged cells as spans); a Word
97–2003 .doc and a damaged .docx quarantined with their reason."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_roundtrip import SETTINGS, cells, reports

from pipelines import spec
from pipelines.parse import parse_bytes
from pipelines.synth.documents import docx_from_blocks
from pipelines.synth.render import document_blocks, draw_style


@SETTINGS
@given(reports(), st.integers(0, 2**32))
def test_a_report_written_in_word_parses_back_exactly(report, seed):
    rng = random.Random(seed)
    report = {**report, "style": draw_style("html", rng)}
    data = docx_from_blocks(document_blocks(report, rng))
    parsed = parse_bytes(data, "report.docx")
    assert (parsed.layout, parsed.encoding) == ("docx", "docx")
    assert (parsed.agency, parsed.year, parsed.template) == (report["agency"], report["year"], report["template"])
    want, got = cells(report), cells(parsed.to_dict())
    wrong = {k: (got.get(k), v) for k, v in want.items()
             if got.get(k) is None or abs(float(got[k]) - float(v)) > 1e-6}
    assert not wrong, (wrong, parsed.issues)
    assert not [i for i in parsed.issues if i.severity != "info"], parsed.issues
    # every value's place is a table, row and column of the document
    assert all(c.where.startswith("table ") for c in parsed.provenance.values())


def test_a_word_97_file_is_quarantined_with_what_to_do():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "年度报告".encode("utf-16-le") * 50
    report = parse_bytes(data, "report.doc")
    assert report.status == "quarantined"
    assert [i.code for i in report.issues] == ["file_binary"]
    assert ".doc" in report.issues[0].message and ".docx or PDF" in report.issues[0].message


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize("data", [
    _zip({"word/document.xml": "<w:document><w:body><w:p>"}),  # a document part cut short
    docx_from_blocks(["某某县2021年度政府信息公开工作年度报告"])[:200],  # the archive cut short
], ids=["broken part", "truncated archive"])
def test_a_damaged_word_file_is_quarantined_with_its_reason(data):
    report = parse_bytes(data, "report.docx")
    assert report.status == "quarantined"
    assert [i.code for i in report.issues] == ["file_unreadable"], report.issues
    assert "Word" in report.issues[0].message


def test_a_zip_that_is_no_word_file_is_binary():
    report = parse_bytes(_zip({"data.csv": "a,b\n1,2\n"}), "export.zip")
    assert [i.code for i in report.issues] == ["file_binary"]


def _zeros(rows: dict) -> dict:
    return {row: dict.fromkeys(cols, 0) for row, cols in rows.items()}


_REPORT = {
    "agency": "平湖市统计局", "year": 2022, "template": "v2021",
    "active": {**_zeros(spec.ACTIVE_ITEMS["v2021"]), "licensing": {"decisions": 35}},
    "applications": _zeros(dict.fromkeys(spec.APPLICATION_ROWS["v2021"], spec.APPLICANTS)),
    "review_litigation": _zeros(dict.fromkeys(spec.REVIEW_GROUPS, spec.REVIEW_OUTCOMES)),
}


@pytest.mark.parametrize("hidden, shown", [
    ("<w:vanish/>", False), ('<w:vanish w:val="true"/>', False), ('<w:vanish w:val="0"/>', True),
])
def test_hidden_text_in_a_cell_is_no_digit_of_its_number(hidden, shown):
    """Text formatted hidden (<w:vanish/>) is neither shown nor printed by Word: 35 with a hidden 9
    after it is 35 (it was read 359)."""
    rng = random.Random(3)
    data = docx_from_blocks(document_blocks({**_REPORT, "style": draw_style("html", rng)}, rng))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    printed = str(_REPORT["active"]["licensing"]["decisions"]).encode()
    run = b'<w:t xml:space="preserve">' + printed + b"</w:t></w:r>"
    assert parts["word/document.xml"].count(run) >= 1
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        run, run + b"<w:r><w:rPr>" + hidden.encode() + b"</w:rPr><w:t>9</w:t></w:r>", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    parsed = parse_bytes(out.getvalue(), "report.docx")
    assert parsed.active["licensing"]["decisions"] == int(printed + (b"9" if shown else b""))
