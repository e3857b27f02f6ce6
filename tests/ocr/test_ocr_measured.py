"""OCR held to what was measured (docs/ocr.md): tables printed without ruling lines, the packed
recogniser, and the real report in ../shared rasterised (skipped where ../shared is absent)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from pipelines.bench_ocr import REAL_PDF, rasterised, score_scan, truth_of
from pipelines.ingest.ocr import ocr_document, read_number, unruled_tables
from pipelines.ingest.ocr_engines import Box


def test_a_table_without_rules_is_read_by_rows_and_the_numbers_columns():
    """Rows by the height of their numbers, columns by where the numbers stand over the whole
    table; a blank cell stays blank (0); a label centred over two rows goes to the first."""
    boxes = [
        Box("分组", 0.99, 20, 130, 80, 160),  # centred over the two rows below
        Box("甲项目", 0.99, 100, 100, 220, 130), Box("4", 0.99, 400, 100, 415, 130), Box("0", 0.99, 500, 100, 515, 130),
        Box("乙项目", 0.99, 100, 160, 220, 190), Box("12", 0.99, 395, 160, 420, 190),
        Box("一段说明文字", 0.99, 20, 400, 600, 430),  # prose below the table
    ]
    pieces, rest = unruled_tables(boxes, [], np.zeros((500, 700), bool), 200, 1)
    assert [[cell[0] for cell in p.cells] for p in pieces] == [["分组", "甲项目", "4", "0"], ["", "乙项目", "12", ""]]
    assert all(p.table for p in pieces)
    assert [b.text for b in rest] == ["一段说明文字"]
    assert not any(cell[5] for p in pieces for cell in p.cells)  # nothing in doubt


def test_a_blank_the_recogniser_could_not_read_is_doubted():
    boxes = [Box("甲项目", 0.99, 100, 100, 220, 130), Box("4", 0.99, 400, 100, 415, 130),
             Box("5", 0.99, 500, 100, 515, 130), Box("乙项目", 0.99, 100, 160, 220, 190),
             Box("12", 0.99, 395, 160, 420, 190)]
    unread = [Box("", 0.0, 500, 160, 512, 190)]  # print under the second column, read as nothing
    pieces, _ = unruled_tables(boxes, unread, np.zeros((500, 700), bool), 200, 1)
    blank = pieces[1].cells[-1]
    assert blank[0] == "" and "nothing was read" in blank[5]


def _row(label: str, y: int, xs: list[int], texts: list[str]) -> list[Box]:
    return [Box(label, 0.99, 20, y, 20 + 30 * len(label), y + 30),
            *(Box(t, 0.99, x, y, x + 15 * len(t), y + 30) for x, t in zip(xs, texts, strict=True))]


def test_rows_not_in_line_with_all_their_numbers_are_read_in_order():
    """A tab-separated table printed with tab stops: a long label pushes its row's numbers one
    stop on. A row with as many numbers as the table's columns is read left to right; a row
    with fewer is read by position and doubted, its blanks too."""
    boxes = [*_row("短", 100, [300, 420, 540], ["1", "2", "3"]),
             *_row("很长很长很长的标签", 160, [420, 540, 660], ["4", "5", "6"]),
             *_row("短", 220, [300, 420, 540], ["7", "8", "9"]),
             *_row("短二", 280, [300, 540], ["10", "11"])]
    pieces, _ = unruled_tables(boxes, [], np.zeros((500, 800), bool), 200, 1)
    assert [[cell[0] for cell in p.cells[-3:]] for p in pieces] == [
        ["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["10", "", "11"]]
    assert not any(cell[5] for p in pieces[:3] for cell in p.cells)  # each row moved as a whole
    assert all("not in line" in cell[5] for cell in pieces[3].cells[-3:])


def test_a_text_table_printed_with_tab_stops_keeps_its_labels_and_wrapped_rows():
    """Labels standing where another row's numbers do stay their rows' labels; a number run
    into the words before it is taken apart; a row wrapped on to the next line is read with it."""
    boxes = [*_row("甲", 100, [200, 320, 440], ["1", "2", "3"]),
             *_row("乙乙乙乙乙乙", 160, [320, 440, 560], ["4", "5", "6"]),
             Box("丙丙丙丙丙丙0", 0.99, 20, 220, 240, 250), *_row("", 220, [320, 440], ["8", "9"])[1:],
             *_row("丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁", 280, [560], ["10"]), *_row("", 322, [20, 80], ["11", "12"])[1:]]
    pieces, rest = unruled_tables(boxes, [], np.zeros((500, 800), bool), 200, 1)
    assert [[cell[0] for cell in p.cells if cell[0]] for p in pieces] == [
        ["甲", "1", "2", "3"], ["乙乙乙乙乙乙", "4", "5", "6"], ["丙丙丙丙丙丙", "0", "8", "9"],
        ["丁丁丁丁丁丁丁丁丁丁丁丁丁丁丁", "10", "11", "12"]]
    assert not any(cell[5] for p in pieces[:3] for cell in p.cells)
    assert all("wrapped" in cell[5] for cell in pieces[3].cells[-3:])
    assert not rest


def test_rows_in_line_are_read_by_position_whatever_their_count():
    """Rows whose numbers stand in the same columns, or leave different columns blank, are read
    by position: a blank between two numbers stays where it is printed."""
    boxes = [*_row("甲", 100, [300, 540], ["1", "3"]),
             *_row("乙", 160, [420, 540], ["5", "6"]),
             *_row("丙", 220, [300, 420], ["7", "8"])]
    pieces, _ = unruled_tables(boxes, [], np.zeros((500, 800), bool), 200, 1)
    assert [[cell[0] for cell in p.cells[-3:]] for p in pieces] == [["1", "", "3"], ["", "5", "6"], ["7", "8", ""]]
    assert not any(cell[5] for p in pieces for cell in p.cells)


def test_lone_digits_packed_together_each_read_as_printed():
    """The recogniser reads crops packed side by side in one image: each crop's characters are
    its own (none given to a neighbour, a lone 0 not read as 。 in the padding between them)."""
    from PIL import Image, ImageDraw

    from pipelines.ingest.ocr_engines import engine
    from pipelines.synth.scan import FONT_POINTS, _font

    px = round(FONT_POINTS / 72 * 200)
    crops = []
    for text in ("0", "7", "12", "305", "0", "9", "46", "1"):
        img = Image.new("L", (px * (len(text) + 1), round(px * 1.6)), 255)
        ImageDraw.Draw(img).text((px // 2, px // 4), text, font=_font(px), fill=15)
        crops.append(np.dstack([np.asarray(img)] * 3))
    read = engine().recognise(crops)
    assert [read_number(text)[0] for text, _ in read] == ["0", "7", "12", "305", "0", "9", "46", "1"]


@pytest.mark.slow
def test_a_report_printed_without_rules_is_read_or_doubted():
    from pipelines.synth.scan import ScanStyle, report_of, scan_report, scanned_files

    _name, _data, gold = next(scanned_files(1, seed=7, dpi=200))
    style = ScanStyle(dpi=200, angle=0.6, shear=0.001, jpeg_quality=70, noise=5, stamp=False, rules=False)
    data, _ = scan_report(report_of(gold), random.Random(3), style)
    tally = score_scan(ocr_document(data, "unruled.pdf"), gold)
    assert tally.silent == 0, tally.notes
    assert tally.right >= 0.85 * tally.cells
    assert tally.agency == 1 and tally.year == 1


@pytest.mark.slow
@pytest.mark.skipif(not REAL_PDF.is_file(), reason="../shared/corpus-unlabeled is not there")
def test_the_real_report_scanned_at_200_dpi_reads_as_its_text_layer():
    """The real report's pages rasterised at 200 dpi, turned 0.8° with grain and JPEG: every
    cell its text layer gives is read the same, or doubted (the floor measured in docs/ocr.md)."""
    from pipelines.bench_ocr import SCAN_VARIANTS
    from pipelines.parse import parse_file

    truth = truth_of(parse_file(REAL_PDF))
    assert truth["active"] and truth["applications"] and truth["review_litigation"]
    data = rasterised(REAL_PDF.read_bytes(), 200, SCAN_VARIANTS["turned 0.8°, grain, JPEG 60"])
    tally = score_scan(ocr_document(data, "real-200.pdf"), truth)
    assert tally.silent == 0, tally.notes
    assert tally.right >= 0.99 * tally.cells
    assert tally.agency == 1 and tally.year == 1


@pytest.mark.skipif(not REAL_PDF.is_file(), reason="../shared/corpus-unlabeled is not there")
def test_the_real_report_rasterised_is_pages_of_images_only():
    import pypdfium2 as pdfium

    from pipelines.bench_ocr import SCAN_VARIANTS
    from pipelines.ingest.ocr_cache import needs_ocr

    data = rasterised(REAL_PDF.read_bytes(), 40, SCAN_VARIANTS["grey, turned −1.1°, JPEG 50"])
    assert needs_ocr(data)
    assert len(pdfium.PdfDocument(data)) == len(pdfium.PdfDocument(REAL_PDF.read_bytes()))


def test_the_bench_section_is_a_markdown_table(tmp_path):
    from pipelines.bench_ocr import ocr_section

    section = ocr_section(scans=0, real=False, folder=tmp_path)
    assert section.startswith("## OCR of scanned reports")
    assert "| corpus | files / pages | cells right | wrong: flagged / silent |" in section


def test_a_column_blank_in_every_row_of_numbers_doubts_the_rows_numbers():
    """A rule found where none is printed splits a column: the row's numbers no longer stand
    under their headers, and a blank between them would read as 0 and shift the rest."""
    from pipelines.ingest.ocr import _blank_columns_doubted

    def row(*texts):
        return [(t, t, 1.0, 0, 0, "", 1, 1, c + 1) for c, t in enumerate(texts)]

    split = _blank_columns_doubted([row("甲", "乙", "丙", "丁"), row("1", "", "0", "2")])
    assert [c[5] for c in split[0]] == ["", "", "", ""]  # the header row: no numbers to doubt
    assert [bool(c[5]) for c in split[1]] == [True, False, True, True]
    whole = [row("甲项目", "1", "0", "2"), row("乙项目", "3", "", "4"), row("丙项目", "5", "6", "")]
    assert _blank_columns_doubted(whole) == whole  # a blank here and there is a 0, nothing more
