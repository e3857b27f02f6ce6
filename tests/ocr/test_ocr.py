"""OCR of scanned pages: the page geometry (rules, columns, slope), the cells read with their
places and doubts, bad input, the cache, and the scanned-report renderer."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from pipelines.ingest.ocr import (
    LAYOUT,
    find_tables,
    ink_of,
    is_image,
    ocr_document,
    read_number,
    rotate,
    skew_angle,
)
from pipelines.ingest.ocr_cache import from_json, needs_ocr, ocr_cached, to_json
from pipelines.synth.scan import ScanStyle, draw_table, report_of, scan_report, scanned_files

ROWS = [["项目", "甲", "乙", "合计"],
        ["本年新收", "12", "0", "12"],
        ["上年结转", "3", "", "3"],
        ["办结", "107", "8", "115"]]
WIDTHS = [8, 4, 4, 4]


def _png(img) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _pdf(img, dpi: int = 200) -> bytes:
    out = io.BytesIO()
    img.convert("RGB").save(out, "PDF", resolution=float(dpi))
    return out.getvalue()


@pytest.fixture(scope="module")
def small_table() -> bytes:
    return _png(draw_table(ROWS, title="测试表格", widths=WIDTHS))


@pytest.fixture(scope="module")
def small_doc(small_table):
    return ocr_document(small_table, "small.png")


# ---------------------------------------------------------------- pure parts


def test_letters_read_for_digits_are_turned_back_and_said():
    assert read_number("1O7") == ("107", "read '1O7': letters taken for the digits '107'")
    assert read_number("l2")[0] == "12"
    assert read_number("S")[0] == "5"
    assert read_number("〇") == ("0", "")  # one round glyph alone: 0, sure
    assert read_number("12") == ("12", "")
    assert read_number("一") == ("—", "")  # a dash: the zero mark
    assert read_number("合计") == ("合计", "")  # words stay words
    assert read_number("Global") == ("Global", "")


def test_the_table_grid_is_found_from_its_ruling_lines():
    gray = np.asarray(draw_table(ROWS, widths=WIDTHS).convert("L"))
    tables = find_tables(ink_of(gray), 200)
    assert len(tables) == 1
    table = tables[0]
    assert len(table.columns) == len(ROWS[0]) + 1  # the edges of four columns
    assert len(table.rules) == len(ROWS) + 1
    assert all([first for first, *_ in band] == [0, 1, 2, 3] for band in table.bands)


def test_a_merged_cell_spans_the_columns_under_it():
    """A header cell over two columns: its band has one cell over both (no rule between them)."""
    img = draw_table([["项目", "甲", "乙"], ["本年", "1", "2"]], widths=[6, 4, 4])
    pixels = np.asarray(img.convert("L")).copy()
    table = find_tables(ink_of(pixels), 200)[0]
    x = table.columns[2]
    top, mid = table.rules[0].y, table.rules[1].y
    pixels[top + 3:mid - 2, x - 3:x + 4] = 255  # erase the rule between 甲 and 乙 in the header row
    table = find_tables(ink_of(pixels), 200)[0]
    assert [(a, b) for a, b, *_ in table.bands[0]] == [(0, 1), (1, 3)]
    assert [(a, b) for a, b, *_ in table.bands[1]] == [(0, 1), (1, 2), (2, 3)]


@pytest.mark.parametrize("degrees", [-1.2, 0.7])
def test_the_pages_slope_is_measured_from_its_rules(degrees):
    gray = np.asarray(draw_table(ROWS, widths=[14, 6, 6, 6]).convert("L"))
    turned = rotate(gray, degrees, 255)
    measured = skew_angle(ink_of(turned), 200)
    assert measured == pytest.approx(-degrees, abs=0.15)
    level = rotate(turned, measured, 255)
    assert len(find_tables(ink_of(level), 200)) == 1


def test_what_needs_ocr():
    from pipelines.synth.documents import pdf_from_text

    img = draw_table(ROWS, widths=WIDTHS)
    assert needs_ocr(_png(img)) and is_image(_png(img))
    assert needs_ocr(_pdf(img))  # a PDF of an image: no text layer
    assert not needs_ocr(pdf_from_text("一、总体情况\n本年新收 12\n"))  # a text layer: never OCR
    assert not needs_ocr("一、总体情况".encode())
    # a text layer whose characters do not decode (fonts without a Unicode map): OCR, and says so
    assert needs_ocr(pdf_from_text("\ue000\ue001\ue002 \ue003\ue004\n" * 5))


def test_every_frame_of_a_tiff_is_a_page():
    from pipelines.ingest.ocr import page_images

    frames = [draw_table(ROWS, widths=WIDTHS), draw_table(ROWS[:2], widths=WIDTHS)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    pages = page_images(out.getvalue())
    assert pages.total == 2 and [p.shape[:2] for p in pages.images] == [np.asarray(f).shape[:2] for f in frames]
    cut = page_images(out.getvalue(), max_pages=1)
    assert cut.total == 2 and len(cut.images) == 1


# ---------------------------------------------------------------- the engine on a small table


def test_a_small_table_is_read_cell_by_cell(small_doc):
    doc = small_doc
    assert doc.layout == LAYOUT and doc.pages == 1 and not doc.problems
    lines = doc.text.split("\n")
    assert lines[0] == "测试表格"
    assert lines[1:] == ["\t".join(row) for row in ROWS]
    cells = {(c.row, c.column): c for c in doc.cells if c.table == 1}
    assert cells[4, 2].text == "107" and cells[4, 2].page == 1 and cells[4, 2].x > 0 and cells[4, 2].y > 0
    assert cells[3, 3].text == "" and not cells[3, 3].doubt  # a blank cell is blank, and sure
    assert not doc.doubtful()


def test_places_of_the_text_reader_are_places_on_the_page(small_doc):
    from pipelines.ingest.document import read_cells

    doc = from_json(to_json(small_doc))
    read_cells(doc)
    found = [cell for row in doc.rows for cell in row if cell.text == "107"]
    assert found
    place = doc.place(found[0].where)
    assert place.startswith("page 1 x ") and doc.cell_at(found[0].where).text == "107"


def test_a_pdf_of_the_same_page_reads_the_same(small_doc):
    doc = ocr_document(_pdf(draw_table(ROWS, title="测试表格", widths=WIDTHS)), "small.pdf")
    assert doc.text == small_doc.text


def test_bad_input_is_a_problem_never_an_exception():
    broken = ocr_document(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "broken.png")
    assert [p[0] for p in broken.problems] == ["file_unreadable"] and "broken.png" in broken.problems[0][2]
    from PIL import Image

    blank = ocr_document(_png(Image.new("RGB", (800, 1000), "white")), "blank.png")
    assert [p[0] for p in blank.problems] == ["ocr_page", "file_no_text"]
    assert "blank" in blank.problems[0][2]
    truncated = ocr_document(_pdf(draw_table(ROWS))[:300], "cut.pdf")
    assert truncated.problems[0][0] == "file_unreadable"


def test_results_are_cached_by_sha256_and_engine(tmp_path, small_table, small_doc):
    first, hit = ocr_cached(small_table, "a.png", tmp_path)
    assert not hit and first.text == small_doc.text
    again, hit = ocr_cached(small_table, "b.png", tmp_path)
    assert hit and again.text == first.text and again.cells == first.cells and again.path == "b.png"
    (entry,) = tmp_path.rglob("*.json")
    assert entry.name.startswith(first.sha256) and "rapidocr" in entry.name
    json.loads(entry.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_seal_over_a_number_makes_it_doubtful():
    import random

    from pipelines.synth.scan import _stamp

    img = draw_table(ROWS, widths=WIDTHS)
    table = find_tables(ink_of(np.asarray(img.convert("L"))), 200)[0]
    x0, x1 = table.columns[2], table.columns[3]
    y0, y1 = table.rules[3].y, table.rules[4].y
    _stamp(img, (x0, y0, x1, y1), random.Random(3), 200, "某某县人民政府")
    doc = ocr_document(_png(img), "sealed.png")
    doubtful = {(c.row, c.column) for c in doc.doubtful()}
    assert (4, 3) in doubtful
    assert any("seal" in c.doubt for c in doc.doubtful())


# ---------------------------------------------------------------- the scanned-report renderer


def test_a_scanned_report_is_an_image_only_pdf_with_its_gold():
    name, data, gold = next(scanned_files(1, seed=11, dpi=100))
    assert name.endswith(".pdf") and gold["layout"] == LAYOUT
    assert needs_ocr(data)
    assert gold["scan"]["dpi"] == 100 and gold["scan"]["pages"] >= 2
    assert gold["applications"]["new"]["total"] >= 0
    # the same report and scan style give the same pages (the PDF's bytes differ by its creation date)
    import random

    from pipelines.ingest.ocr import page_images

    style = ScanStyle(dpi=100, angle=0.5, stamp=False)
    one, scan = scan_report(report_of(gold), random.Random(1), style)
    two, _ = scan_report(report_of(gold), random.Random(1), style)
    pages_one, pages_two = page_images(one, 50).images, page_images(two, 50).images
    assert len(pages_one) == scan["pages"]
    assert all(np.array_equal(a, b) for a, b in zip(pages_one, pages_two, strict=True))


@pytest.mark.slow
def test_a_scan_longer_than_the_page_limit_is_read_up_to_it_and_said():
    pages = [draw_table(ROWS, widths=WIDTHS).convert("RGB") for _ in range(3)]
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=200.0)
    doc = ocr_document(out.getvalue(), "long.pdf", max_pages=2)
    assert doc.pages == 3 and len(doc.page_lines) == 2
    assert [p[0] for p in doc.problems] == ["ocr_too_long"] and "3 pages" in doc.problems[0][2]


@pytest.mark.slow
def test_a_scanned_report_reads_back_its_gold_or_says_where_it_doubts():
    """One generated report, scanned at 200 dpi with a seal: every gold cell the parser reads
    from the OCR'd text is right, or something says it is in doubt."""
    from pipelines.ingest.document import read_cells
    from pipelines.parse import parse_document

    name, data, gold = next(scanned_files(1, seed=5, dpi=200))
    doc = ocr_document(data, name)
    read_cells(doc)
    report = parse_document(doc)
    assert report.agency == gold["agency"] and report.year == gold["year"]
    wrong, cells = [], 0
    for table in ("active", "applications", "review_litigation"):
        for row, cols in (gold.get(table) or {}).items():
            for col, want in cols.items():
                cells += 1
                got = ((getattr(report, table) or {}).get(row) or {}).get(col)
                cell = report.provenance.get(f"{table}/{row}/{col}")
                ocr_cell = doc.cell_at(cell.where) if cell else None
                # said: an OCR doubt on the cell, or the parser's issue on it, its row or its table
                said = bool(ocr_cell and ocr_cell.doubt) or any(
                    i.where in (f"{table}/{row}/{col}", f"{table}/{row}", table) for i in report.issues)
                if got is None or float(got) != float(want):
                    wrong.append((table, row, col, want, got, said))
    assert all(said for *_, said in wrong), wrong
    assert len(wrong) <= cells // 10  # the seal's rows at most


@pytest.mark.slow
def test_a_scanned_pdf_is_parsed_like_any_file_its_doubts_named(tmp_path, monkeypatch):
    """parse_bytes sends an image-only PDF to OCR (through the cache) and says so; every wrong
    cell carries an issue on its cell, row or table; places are on the page."""
    from pipelines.parse import parse_bytes

    monkeypatch.setenv("XXGK_OCR_CACHE", str(tmp_path / "cache"))
    name, data, gold = next(scanned_files(1, seed=5, dpi=200))
    report = parse_bytes(data, name)
    assert report.layout == LAYOUT
    assert any(i.code == "ocr_read" for i in report.issues)
    assert all(c.where.startswith("page ") for c in report.provenance.values())
    wrong = []
    for table in ("active", "applications", "review_litigation"):
        for row, cols in (gold.get(table) or {}).items():
            for col, want in cols.items():
                got = ((getattr(report, table) or {}).get(row) or {}).get(col)
                if got is None or float(got) != float(want):
                    said = any(i.where in (f"{table}/{row}/{col}", f"{table}/{row}", table) for i in report.issues)
                    wrong.append((table, row, col, want, got, said))
    assert all(said for *_, said in wrong), wrong
    again = parse_bytes(data, name)  # from the cache now: the same reading, said to be cached
    assert any(i.code == "ocr_read" and "cached" in i.message for i in again.issues)
    first, second = report.to_dict(), again.to_dict()
    for d in (first, second):
        d["issues"] = [i for i in d["issues"] if i["code"] != "ocr_read"]
    assert first == second


class _SecondLook:
    """An engine whose second look at a crop reads `text` with `conf`."""

    def __init__(self, text: str, conf: float):
        self.text, self.conf = text, conf
        self.asked: list[bool] = []

    def recognise(self, crops, wide=False):
        self.asked.append(wide)
        return [(self.text, self.conf) for _ in crops]


@pytest.mark.parametrize("first, second, conf2, read", [
    ("24", "246", 0.60, "246"),  # the first reading dropped a digit: the longer wins, though less sure
    ("246", "24", 0.99, "246"),  # the second did: the longer is kept, though the second is surer
    ("24", "27", 0.99, "27"),    # else the surer reading
    ("24", "27", 0.50, "24"),
])
def test_two_readings_one_a_digit_short_read_as_the_longer_and_doubted(first, second, conf2, read):
    from pipelines.ingest.ocr import _Read, _second_look

    dpi = 200
    ink = np.zeros((80, 200), np.uint8)
    ink[25:55, 60:70] = 255  # print of a digit's size in the cell
    ink[25:55, 80:90] = 255
    rules = np.zeros_like(ink, dtype=bool)
    cell = _Read(first, 0.70, False, (0, 0, 200, 80))
    engine = _SecondLook(second, conf2)
    out = _second_look({(1, 0, 0): cell}, engine, 255 - ink, ink, rules, np.zeros_like(ink, dtype=bool), dpi)
    text, _conf, doubt = out[(1, 0, 0)]
    assert text == read
    assert "read two ways" in doubt
    assert engine.asked == [False]  # a cell's second look is read in the short runs


def test_a_large_characters_upright_strokes_keep_its_line_whole():
    """A title's 川 at 14 pt and more: its strokes are taller than the shortest ruling line, and
    the white they leave when taken out as rules is wider than the gap a line is cut at; a
    stroke ending within the line keeps it whole, a rule passing by does not."""
    from pipelines.ingest.ocr import _xy_cut

    px = 200 * 10.5 / 72
    print_ = np.zeros((200, 400), bool)
    print_[80:122, 20:60] = True  # a character left of the strokes
    print_[80:122, 100:300] = True  # the rest of the line, 40 px right of it
    upright = np.zeros_like(print_)
    upright[82:120, 70:73] = upright[82:120, 84:87] = True  # 川's middle and right strokes, 38 px tall
    assert len(_xy_cut(print_, 0, 0, 400, 200, px)) == 2
    assert _xy_cut(print_, 0, 0, 400, 200, px, upright) == [(20, 80, 300, 122)]
    rule = np.zeros_like(print_)
    rule[10:190, 70:73] = True  # a rule beside the line, running above and below it
    assert len(_xy_cut(print_, 0, 0, 400, 200, px, rule)) == 2


def test_lines_are_read_in_short_runs_a_tables_labels_in_a_rows_width():
    from pipelines.ingest.ocr_engines import RapidOcr

    widths = []
    ocr = RapidOcr.__new__(RapidOcr)  # no model loaded: only the runs asked for are looked at
    ocr._read_packed = lambda items, width=0: widths.append(width) or [[[]] for _ in items]
    crop = np.full((30, 90), 255, np.uint8)
    ocr.recognise([crop])
    ocr.recognise([crop], wide=True)
    assert widths == [RapidOcr.LINE_WIDTH, RapidOcr.PACK_WIDTH]
    assert RapidOcr.LINE_WIDTH < RapidOcr.PACK_WIDTH


def test_a_doubted_cell_read_into_a_rows_label_doubts_the_rows_values():
    """A seal over a row's first number, read as characters, is taken into the row's label; the
    row's numbers shift under the wrong headers and a blank after them reads as 0. No rule need
    catch it: each of the row's values is doubted instead."""
    import random

    from sample_reports import zero_tables

    from pipelines.ingest.document import read_cells
    from pipelines.ingest.ocr import OcrCell, OcrDocument
    from pipelines.parse import on_scanned_pages, parse_document
    from pipelines.synth.render import draw_style, render

    tables = zero_tables("v2021")
    tables["active"]["normative_docs"].update(issued=0, repealed=1, in_force=37)
    text = render("tabs", {"agency": "平湖市统计局", "year": 2021, "template": "v2021", **tables,
                           "style": {**draw_style("tabs", random.Random(3)), "metric_order_reversed": False}},
                  random.Random(3))
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if "37" in line.split("\t"))
    label, _first, *rest = lines[row].rstrip("\t").split("\t")
    seal = "感。时"

    def scanned(doubt: str) -> tuple[OcrDocument, dict]:
        printed = [*lines[:row], "\t".join([label, seal, *rest, ""]), *lines[row + 1:]]
        doc = OcrDocument(path="scan.pdf", text="\n".join(printed), source=LAYOUT, layout=LAYOUT)
        for n, line in enumerate(printed, start=1):
            at = 0
            for c, cell in enumerate(line.split("\t"), start=1):
                table = int("\t" in line)
                doc.cells.append(OcrCell(1, 100 * c, 10 * n, n, at + 1, cell, cell, 1.0, table, n, c,
                                         doubt if cell == seal else ""))
                at += len(cell) + 1
        read_cells(doc)
        report = parse_document(doc)
        on_scanned_pages(report, doc)
        return report, report.active["normative_docs"]

    report, read = scanned("")
    assert read != {"issued": 0, "repealed": 1, "in_force": 37}, "the seal's characters shift the row"
    assert not {i.where for i in report.issues} & {f"active/normative_docs/{m}" for m in read}
    report, read = scanned("a seal is stamped over it")
    doubted = {i.where for i in report.issues if i.code == "ocr_uncertain"}
    assert doubted >= {f"active/normative_docs/{m}" for m in read}, report.issues
