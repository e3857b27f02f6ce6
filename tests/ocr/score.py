"""Score the OCR path on scanned reports with gold: every gold cell against what the parser
reads from the OCR'd Document, and whether each wrong cell carries an `ocr_uncertain` doubt.

    .venv/bin/python tests/ocr/score.py DIR [--engine rapidocr|tesseract] [--limit N] [--dpi 200]

DIR holds `<stem>.pdf` (or .png/.jpg/.tif) beside `<stem>.gold.json` (`pipelines.synth.scan`
writes such folders). Prints one line per file and the totals.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.ingest.document import read_cells
from pipelines.ingest.ocr import OcrDocument, ocr_document
from pipelines.parse import parse_document

TABLES = ("active", "applications", "review_litigation")


@dataclass
class Score:
    files: int = 0
    pages: int = 0
    cpu: float = 0.0
    wall: float = 0.0
    cells: int = 0
    right: int = 0
    wrong_flagged: int = 0  # wrong, and an OCR doubt or a parser issue names the cell or its row
    wrong_silent: int = 0
    flagged: int = 0  # doubtful cells among the gold cells
    parser_wrong: int = 0  # wrong cells the text path reads wrong too (the same report as tab text): not OCR's
    agency_right: int = 0
    year_right: int = 0
    silent: list[str] = field(default_factory=list)
    flagged_wrong: list[str] = field(default_factory=list)


def _cpu() -> float:
    """CPU seconds of this process and of the processes it ran (Tesseract runs as one)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _value(report, table: str, row: str, col: str):
    return ((getattr(report, table, None) or {}).get(row) or {}).get(col)


def _text_path(gold: dict):
    """The parser's reading of the same generated report printed as tab text (None for a real
    report): a cell it reads wrong too is the reader's to fix, not the OCR's."""
    if "style" not in gold:
        return None
    import random

    from pipelines.parse import parse_bytes
    from pipelines.synth import render
    from pipelines.synth.scan import report_of

    return parse_bytes(render.render("tabs", report_of(gold), random.Random(1)).encode(), "text")


def score_file(path: Path, gold: dict, engine: str, dpi: int, total: Score, detect: bool = False) -> str:
    data = path.read_bytes()
    wall, cpu = time.perf_counter(), _cpu()
    doc: OcrDocument = ocr_document(data, str(path), engine_name=engine, dpi=dpi, detect=detect)
    total.cpu += _cpu() - cpu
    total.wall += time.perf_counter() - wall
    total.files += 1
    total.pages += max(doc.pages, 1)
    read_cells(doc)
    report = parse_document(doc)
    total.agency_right += report.agency == gold.get("agency")
    total.year_right += report.year == gold.get("year")
    right = wrong = silent = 0
    text_report = _text_path(gold)
    for table in TABLES:
        for row, cols in (gold.get(table) or {}).items():
            for col, want in cols.items():
                key = f"{table}/{row}/{col}"
                got = ((getattr(report, table, None) or {}).get(row) or {}).get(col)
                cell = report.provenance.get(key)
                ocr_cell = doc.cell_at(cell.where) if cell else None
                # an OCR doubt on the cell, or an issue of the parser's naming its row (a row it could not read)
                doubt = bool(ocr_cell and ocr_cell.doubt) or any(
                    i.where in (key, f"{table}/{row}", table) for i in report.issues if i.severity != "info")
                total.cells += 1
                total.flagged += doubt
                if got is not None and float(got) == float(want):
                    right += 1
                    continue
                wrong += 1
                same = text_report is not None and _value(text_report, table, row, col) == got
                total.parser_wrong += same  # the text path reads it so too
                if doubt:
                    total.wrong_flagged += 1
                    total.flagged_wrong.append(f"{path.name} {key}: gold {want} read {got} "
                                               f"({ocr_cell.doubt if ocr_cell else 'a parser issue'})")
                else:
                    silent += 1
                    total.wrong_silent += 1
                    total.silent.append(f"{path.name} {key}: gold {want} read {got} "
                                        f"({cell.where if cell else 'no cell'} {ocr_cell.raw if ocr_cell else ''!r})"
                                        + (" [the text path too]" if same else ""))
    total.right += right
    return (f"{path.name}: {doc.pages} pages {doc.seconds:.1f}s  cells {right}/{right + wrong}  "
            f"wrong silent {silent}  agency {'ok' if report.agency == gold.get('agency') else report.agency}  "
            f"year {'ok' if report.year == gold.get('year') else report.year}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--engine", default="rapidocr")
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--detect", action="store_true", help="the engine's own text detector over each page")
    args = parser.parse_args(argv)
    golds = sorted(args.folder.glob("*.gold.json"))[: args.limit or None]
    total = Score()
    for gold_path in golds:
        stem = gold_path.name[: -len(".gold.json")]
        raws = [p for p in args.folder.glob(stem + ".*") if not p.name.endswith(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not raws or gold.get("not_a_report"):
            continue
        print(score_file(raws[0], gold, args.engine, args.dpi, total, args.detect), flush=True)
    wrong = total.wrong_flagged + total.wrong_silent
    print(f"\n{args.engine} at {args.dpi} dpi: {total.files} files, {total.pages} pages; "
          f"cells right {total.right}/{total.cells} = {100 * total.right / max(total.cells, 1):.2f} %; "
          f"wrong {wrong} (flagged {total.wrong_flagged}, silent {total.wrong_silent}; read so by the text path "
          f"too {total.parser_wrong}); "
          f"cells flagged {total.flagged}; agency right {total.agency_right}/{total.files}, "
          f"year {total.year_right}/{total.files}; "
          f"{total.cpu / max(total.pages, 1):.2f} s CPU and {total.wall / max(total.pages, 1):.2f} s wall a page")
    for line in total.silent[:40]:
        print("  silent:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
