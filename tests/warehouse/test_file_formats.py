"""PDF and Word files in raw/ go through the whole build like text: loaded with their layout and
their places, or quarantined with the reason — none dropped."""

from __future__ import annotations

import io
import random
from pathlib import Path

import duckdb
import pypdfium2 as pdfium
from sample_reports import small_report

from pipelines.flow.build import build as build_warehouse
from pipelines.parse import parse_file
from pipelines.synth.documents import docx_from_blocks, pdf_from_text
from pipelines.synth.render import document_blocks, render


def _scanned_pdf() -> bytes:
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_pdf_and_word_files_are_built_into_the_warehouse(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    pdf_report = small_report("平湖市统计局", 2021, "v2021", 12)
    word_report = small_report("平湖市统计局", 2020, "v2019", 9)
    (raw / "pinghu_2021.pdf").write_bytes(pdf_from_text(render("pdf", pdf_report, random.Random(1)), 40))
    (raw / "pinghu_2020.docx").write_bytes(docx_from_blocks(document_blocks(word_report, random.Random(2))))
    (raw / "scan.pdf").write_bytes(_scanned_pdf())
    (raw / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    warehouse = tmp_path / "xxgk.duckdb"
    assert build_warehouse(raw, warehouse, workers=1, parser=parse_file, validate=False).published
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        reports = dict(con.execute("SELECT layout, status FROM dim_report WHERE status <> 'quarantined'").fetchall())
        reasons = {Path(p).name: r for p, r in con.execute("SELECT path, reason FROM quarantine").fetchall()}
        new = {layout: (count, where) for layout, count, where in con.execute(
            "SELECT d.layout, f.count, f.source_location FROM fact_application f JOIN dim_report d USING (report_id) "
            "WHERE f.row_code = 'new' AND f.applicant_type = 'natural_person'").fetchall()}
    finally:
        con.close()
    assert reports == {"pdf": "ok", "docx": "ok"}
    assert new["pdf"][0] == 12 and new["pdf"][1].startswith("page 1 line ")
    assert new["docx"][0] == 9 and new["docx"][1].startswith("table 2 row ")
    assert set(reasons) == {"scan.pdf", "old.doc"}
    assert "OCR" in reasons["scan.pdf"] and ".docx or PDF" in reasons["old.doc"]
