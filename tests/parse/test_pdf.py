"""PDF files: their text layer read as PDF text, places given as page and line, and the PDFs
that cannot be read (damaged, scanned) quarantined with their reason."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sample_reports import zero_tables
from shared_data import SHARED
from test_roundtrip import SETTINGS, cells, reports

from pipelines.ingest.pdf import page_place, pdf_text
from pipelines.parse import parse_bytes, parse_file
from pipelines.synth.documents import pdf_from_pages, pdf_from_text
from pipelines.synth.render import draw_style, render

UNLABELED = SHARED / "corpus-unlabeled" / "govnianbao" / "0001.pdf"


def printed_at(where: str, pages: list[list[str]]) -> str:
    """The text from a "page P line L col C" place to the end of its line."""
    words = where.split()
    assert words[0] == "page" and words[2] == "line" and words[4] == "col", where
    page, line, col = int(words[1]), int(words[3]), int(words[5])
    return pages[page - 1][line - 1][col - 1:]


def extracted_pages(data: bytes) -> list[list[str]]:
    text, starts = pdf_text(data)
    lines = text.split("\n")
    ends = [*starts[1:], len(lines) + 1]
    return [lines[a - 1:b - 1] for a, b in zip(starts, ends, strict=True)]


@SETTINGS
@given(reports(), st.integers(0, 2**32), st.integers(25, 80))
def test_a_report_printed_as_pdf_parses_back(report, seed, lines_per_page):
    """The generator's PDF text, set as a PDF's pages: read exactly, or the doubtful cells
    reported (as for PDF text), and every number found where its place says."""
    rng = random.Random(seed)
    report = {**report, "style": draw_style("pdf", rng)}
    data = pdf_from_text(render("pdf", report, rng), lines_per_page)
    parsed = parse_bytes(data, "report.pdf")
    assert parsed.layout == "pdf" and parsed.encoding == "pdf"
    assert (parsed.agency, parsed.year) == (report["agency"], report["year"])
    want, got = cells(report), cells(parsed.to_dict())
    wrong = {k: (got.get(k), v) for k, v in want.items()
             if got.get(k) is None or abs(float(got[k]) - float(v)) > 1e-6}
    if wrong:
        doubtful = {i.code for i in parsed.issues if i.severity in ("warning", "error")}
        assert doubtful & {"row_missing", "cell_unreadable", "stray_value", "row_inferred"}, (wrong, parsed.issues)
    pages = extracted_pages(data)
    for key, cell in parsed.provenance.items():
        assert printed_at(cell.where, pages).startswith(cell.raw), (key, cell)


def test_places_in_a_pdf_are_pages_and_their_lines():
    text = render("tabs", {"agency": "平湖市统计局", "year": 2021, "template": "v2021",
                           **zero_tables("v2021"), "style": draw_style("tabs", random.Random(3))},
                  random.Random(3))
    data = pdf_from_text(text, 30)
    parsed = parse_bytes(data, "report.pdf")
    assert parsed.status == "ok", parsed.issues
    wheres = [c.where for c in parsed.provenance.values()]
    assert {w.split()[1] for w in wheres} != {"1"}, "the tables run over more than one page"
    pages = extracted_pages(data)
    assert all(printed_at(w, pages).startswith(c.raw) for w, c in zip(wheres, parsed.provenance.values(), strict=True))


def test_page_place():
    starts = (1, 40, 95)
    assert page_place("line 1 col 3", starts) == "page 1 line 1 col 3"
    assert page_place("line 39 col 1", starts) == "page 1 line 39 col 1"
    assert page_place("line 40 col 7", starts) == "page 2 line 1 col 7"
    assert page_place("line 120 col 2", starts) == "page 3 line 26 col 2"
    assert page_place("applications/new/total", starts) == "applications/new/total"
    assert page_place("a row without a readable label (line 41 col 1) was placed", starts) == \
        "a row without a readable label (page 2 line 2 col 1) was placed"


def test_a_pdf_without_text_is_quarantined_as_scanned():
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    document.new_page(595, 842)
    path = "scan.pdf"
    from io import BytesIO
    buffer = BytesIO()
    document.save(buffer)
    report = parse_bytes(buffer.getvalue(), path)
    assert report.status == "quarantined"
    # the pages go to OCR, which finds them blank
    assert [i.code for i in report.issues] == ["ocr_page", "ocr_page", "file_no_text"]
    assert "without a text layer" in report.issues[-1].message and "no text" in report.issues[-1].message


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj garbage", pdf_from_pages([["规章 1 0 11"]])[:300]],
                         ids=["damaged", "truncated"])
def test_a_pdf_that_cannot_be_opened_is_quarantined_with_its_reason(data):
    report = parse_bytes(data, "broken.pdf")
    assert report.status == "quarantined"
    assert [i.code for i in report.issues] == ["file_unreadable"]
    assert "PDF" in report.issues[0].message


def test_a_pdf_is_not_mistaken_for_binary_junk(tmp_path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf_from_pages([["关于做好政务公开工作的通知", "各单位：请按时报送。"]]))
    report = parse_file(path)
    assert report.layout == "pdf"
    assert [i.code for i in report.issues if i.severity == "error"][-1] == "not_a_report"


@pytest.mark.skipif(not UNLABELED.exists(), reason="../shared is not present")
def test_the_real_pdf_reads_with_every_rule_holding():
    """The real report without gold: its tables are all found, every cross-sum rule holds for
    what was read, and the agency and year are the ones its index gives."""
    report = parse_file(UNLABELED)
    assert (report.agency, report.year, report.template) == ("淮安市人民政府", 2024, "v2021")
    assert report.status == "ok", report.issues
    assert report.active and report.applications and report.review_litigation
    assert report.applications["new"]["total"] == 3119
    assert report.provenance["applications/new/total"].where.startswith("page 4 ")


@pytest.mark.skipif(not UNLABELED.exists(), reason="../shared is not present")
def test_the_command_reads_a_pdf():
    out = subprocess.run([sys.executable, "-m", "pipelines.cli", "parse", "--json", str(UNLABELED)],
                         capture_output=True, text=True, check=True).stdout
    d = json.loads(out)
    assert d["layout"] == "pdf" and d["status"] == "ok" and d["review_litigation"]["review"]["total"] == 351


def test_a_pdf_whose_text_does_not_decode_is_quarantined_as_needing_ocr():
    """Glyphs of a font without a Unicode map come out as private-use characters: that is no
    text to read, and the report says so instead of calling the file no report."""
    garbled = ["".join(chr(0xE000 + (7 * i + k) % 3000) for k in range(30)) for i in range(40)]
    report = parse_bytes(pdf_from_pages([garbled[:20], garbled[20:]]), "garbled.pdf")
    assert report.status == "quarantined"
    said = next(i for i in report.issues if i.code in ("file_no_text", "ocr_read"))
    assert "does not decode" in said.message and "OCR" in said.message


def test_a_few_undecoded_characters_do_not_stop_a_report():
    text = render("tabs", {"agency": "平湖市统计局", "year": 2021, "template": "v2021", **zero_tables("v2021"),
                           "style": draw_style("tabs", random.Random(3))}, random.Random(3))
    report = parse_bytes(pdf_from_text(text.replace("。", "\ue001", 3), 40), "report.pdf")
    assert report.status == "ok", report.issues


def test_a_text_that_mentions_the_pdf_header_is_text():
    text = render("tabs", {"agency": "平湖市统计局", "year": 2021, "template": "v2021", **zero_tables("v2021"),
                           "style": draw_style("tabs", random.Random(3))}, random.Random(3))
    lines = text.split("\n")
    mentioned = "\n".join([lines[0], "（附件：报告.pdf，文件头 %PDF-1.7）", *lines[1:]])
    report = parse_bytes(mentioned.encode(), "report.txt")
    assert report.layout != "pdf" and report.status == "ok", report.issues
    assert parse_bytes(b"\n  " + pdf_from_text(text), "report.pdf").layout == "pdf"  # blanks before the header
