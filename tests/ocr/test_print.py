"""Real reports printed by a browser and scanned (pipelines.bench_ocr_print): skipped where
Chromium or ../shared is absent."""

from __future__ import annotations

import json

import pytest

from pipelines.bench_ocr import SCAN_VARIANTS, score_scan
from pipelines.bench_ocr_print import absent, print_scans, printable, reports

WHY = absent()
pytestmark = pytest.mark.skipif(WHY is not None, reason=WHY or "")


def _report(name: str):
    return next((source, gold) for source, gold in reports() if source.name == name)


def test_a_report_is_printed_with_its_own_wording_and_rasterised_as_images_only(tmp_path):
    import pypdfium2 as pdfium

    from pipelines.ingest.ocr_cache import needs_ocr

    source, _gold = _report("v2021_13.txt")
    page = printable(source)
    assert source.read_text(encoding="utf-8")[:200] in page.replace("&quot;", '"')  # its own words
    scans = print_scans(tmp_path, dpis=(150,), variants=[list(SCAN_VARIANTS)[2]], chosen=[(source, _gold)])
    [scan] = scans
    printed = next(tmp_path.glob(f"print/{source.stem}.*.pdf"))
    text_pdf = pdfium.PdfDocument(printed.read_bytes())
    assert "".join(text_pdf[0].get_textpage().get_text_range().split())  # the browser's PDF has text
    data = scan.path.read_bytes()
    assert needs_ocr(data)  # the scan has none
    scanned = pdfium.PdfDocument(data)
    assert len(scanned) == len(text_pdf) >= 1
    width, height = scanned[0].get_size()  # A4, in points
    assert abs(width - 595) < 3 and abs(height - 842) < 3
    # made once: a second call prints and scans nothing again
    assert print_scans(tmp_path, dpis=(150,), variants=[list(SCAN_VARIANTS)[2]], chosen=[(source, _gold)]) == scans


def test_an_html_page_without_a_charset_is_printed_as_utf8():
    source, _gold = _report("v2019_01.html")
    assert printable(source).startswith('<meta charset="utf-8">')


@pytest.mark.slow
def test_a_printed_report_read_by_ocr_at_200_dpi_has_no_silent_cell(tmp_path):
    from pipelines.ingest.ocr import ocr_document
    from pipelines.parse import parse_file

    source, gold = _report("v2021_04.html")
    variant = "turned 0.8°, grain, JPEG 60"
    [scan] = print_scans(tmp_path, dpis=(200,), variants=[variant], chosen=[(source, gold)])
    tally = score_scan(ocr_document(scan.path.read_bytes(), scan.path.name),
                       json.loads(gold.read_text(encoding="utf-8")), parse_file(source))
    assert tally.silent == 0, tally.notes
    assert tally.agency == 1 and tally.year == 1
    assert tally.right >= 0.95 * tally.cells
