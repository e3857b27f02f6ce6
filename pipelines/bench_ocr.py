"""How right and how fast the OCR path is, measured (never asserted in tests).

1. Synthetic scans: `xxgk synth --scanned` reports (`pipelines.synth.scan`) at each resolution,
   every gold cell against what the parser reads from the OCR'd Document.
2. Scans of the real report: the text PDF in ../shared/corpus-unlabeled rasterised (pypdfium2)
   at 150, 200 and 300 dpi, as it is and "scanned" (turned, grain, JPEG, a grey scan), saved as
   image-only PDFs; the truth is the parser's reading of the PDF's own text layer.

A cell is right when the parser reads the truth's value; a wrong cell is flagged when an OCR
doubt is on it or a parser issue names it, its row (a rule's issue on one row, `table/rule/row`,
names the row) or its table, else silent. CPU seconds are
the reading's own (`OcrDocument.cpu_seconds`: the recogniser runs in this process, on one
onnxruntime thread), kept in the OCR cache, so a re-run reads nothing again and reports the
same figures.

    python -m pipelines.bench_ocr                          # 200 scans at 200 dpi, 60 at 150, the real PDF
    python -m pipelines.bench_ocr --scans 20 --dpi 200 --jobs 2
    python -m pipelines.bench_ocr --scans 0 --real-only

Scans and the cache live under bench-data/ocr/ (git-ignored) and are reused.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines import paths
from pipelines.spec import TABLES

BENCH_OCR = paths.root() / "bench-data" / "ocr"
REAL_PDF = paths.root().parent / "shared" / "corpus-unlabeled" / "govnianbao" / "0001.pdf"
CORPUS = paths.root().parent / "shared" / "corpus"
SEED = 7


@dataclass
class Tally:
    files: int = 0
    pages: int = 0
    cpu: float = 0.0
    cells: int = 0
    right: int = 0
    flagged: int = 0  # wrong, and a doubt or a parser issue names the cell, its row or its table
    silent: int = 0
    text_path_too: int = 0  # wrong cells the text path reads so too (the same report as tab text)
    doubted: int = 0  # cells doubted, right or wrong
    agency: int = 0
    year: int = 0
    notes: list[str] = field(default_factory=list)  # the silent cells

    def add(self, other: Tally) -> None:
        for name in ("files", "pages", "cpu", "cells", "right", "flagged", "silent", "text_path_too",
                     "doubted", "agency", "year"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.notes += other.notes


def score_scan(doc: Any, truth: dict[str, Any], text_report: Any = None) -> Tally:
    """One OCR'd Document against the truth (a gold dict: agency, year and the three tables as
    {row: {column: value}}); `text_report`, the same report read from its text, tells a wrong
    cell the parser reads so anyway from an OCR error."""
    from pipelines.ingest.document import read_cells
    from pipelines.parse import on_scanned_pages, parse_document

    read_cells(doc)
    report = parse_document(doc)
    on_scanned_pages(report, doc)  # the OCR doubts as `parse_bytes` gives them: issues on the cells
    tally = Tally(files=1, pages=max(doc.pages, 1), cpu=doc.cpu_seconds,
                  agency=int(report.agency == truth.get("agency")), year=int(report.year == truth.get("year")))
    named = {i.where for i in report.issues if i.severity != "info"}
    # a rule's issue on one row (table/rule/row: rule 3's sum across a row, rule 4's group) names that row
    named |= {f"{w.split('/')[0]}/{w.split('/')[2]}" for w in named if w.count("/") == 2 and w.split("/")[0] in TABLES}
    for table in TABLES:
        for row, cols in (truth.get(table) or {}).items():
            for col, want in cols.items():
                key = f"{table}/{row}/{col}"
                got = _value(report, table, row, col)
                cell = report.provenance.get(key)
                doubt = bool(named & {key, f"{table}/{row}", table})
                tally.cells += 1
                tally.doubted += doubt
                if _same(got, want):
                    tally.right += 1
                    continue
                if text_report is not None and _same(_value(text_report, table, row, col), got):
                    tally.text_path_too += 1
                if doubt:
                    tally.flagged += 1
                else:
                    tally.silent += 1
                    tally.notes.append(f"{doc.path} {key}: truth {want} read {got} "
                                       f"({cell.where + ' ' + repr(cell.raw) if cell else 'no cell'})")
    return tally


def _value(report: Any, table: str, row: str, col: str) -> Any:
    return ((getattr(report, table, None) or {}).get(row) or {}).get(col)


def _same(got: Any, want: Any) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return float(got) == float(want)


def ocr_cache(folder: Path = BENCH_OCR) -> Path:
    """Where the bench keeps its OCR readings: XXGK_OCR_CACHE when set (a reader under change
    keeps its readings apart from those of the reader its `READER_VERSION` names), else
    `folder`/ocr-cache."""
    named = os.environ.get("XXGK_OCR_CACHE")
    return Path(named).resolve() if named else folder / "ocr-cache"


def _ocr(path: Path, cache: Path) -> Any:
    from pipelines.ingest.ocr_cache import ocr_cached

    doc, _cached = ocr_cached(path.read_bytes(), str(path), folder=cache)
    return doc


def _ocr_all(files: list[Path], cache: Path, jobs: int) -> None:
    """Read the files into the cache, `jobs` processes at once (each loads the engine once)."""
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            _ocr(path, cache)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_ocr, files, [cache] * len(files), chunksize=1))


# ---------------------------------------------------------------- synthetic scans

def synthetic_scans(count: int, dpi: int, folder: Path = BENCH_OCR, seed: int = SEED) -> list[Path]:
    """The first `count` scanned reports (their PDFs) at `dpi`, written once under `folder`."""
    from pipelines.synth.scan import scanned_files

    out = folder / f"scans-{dpi}-{seed}"
    have = sorted(out.glob("*.pdf"))
    if len(have) < count:
        out.mkdir(parents=True, exist_ok=True)
        for made, (name, data, gold) in enumerate(scanned_files(count, seed, dpi=dpi)):
            if made >= count:
                break
            stem = name.rsplit(".", 1)[0]
            if not (out / name).is_file():
                (out / name).write_bytes(data)
                (out / f"{stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        have = sorted(out.glob("*.pdf"))
    return have[:count]


def _text_report(gold: dict[str, Any]) -> Any:
    from pipelines.parse import parse_bytes
    from pipelines.synth import render
    from pipelines.synth.scan import report_of

    return parse_bytes(render.render("tabs", report_of(gold), random.Random(1)).encode(), "text")


def score_synthetic(files: Iterable[Path], cache: Path) -> Tally:
    total = Tally()
    for path in files:
        gold = json.loads(path.with_name(path.name[:-4] + ".gold.json").read_text(encoding="utf-8"))
        total.add(score_scan(_ocr(path, cache), gold, _text_report(gold)))
    return total


# ---------------------------------------------------------------- the real report, rasterised

# (name, what the scan does): None is the page as rendered; else a ScanStyle's settings
SCAN_VARIANTS: dict[str, dict[str, Any] | None] = {
    "as rendered": None,
    "turned 0.8°, grain, JPEG 60": {"angle": 0.8, "shear": 0.002, "jpeg_quality": 60, "noise": 6.0, "color": True},
    "grey, turned −1.1°, JPEG 50": {"angle": -1.1, "shear": -0.003, "jpeg_quality": 50, "noise": 8.0,
                                     "color": False},
}


def rasterised(data: bytes, dpi: int, variant: dict[str, Any] | None, seed: int = SEED) -> bytes:
    """A PDF's pages as an image-only PDF at `dpi`, each page scanned as `variant` says."""
    import pypdfium2 as pdfium

    from pipelines.synth.scan import ScanStyle, scan_page

    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(data)
    images = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            img = page.render(scale=dpi / 72).to_pil().convert("RGB")
            page.close()
            if variant is not None:
                img = scan_page(img, ScanStyle(dpi=dpi, stamp=False, **variant), rng)
            images.append(img.convert("RGB"))
    finally:
        pdf.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out.getvalue()


def truth_of(report: Any) -> dict[str, Any]:
    """A parsed report as the truth to score against: its agency, year and tables."""
    out: dict[str, Any] = {"agency": report.agency, "year": report.year}
    for table in TABLES:
        out[table] = {row: dict(cols) for row, cols in (getattr(report, table, None) or {}).items()}
    return out


def real_scans(pdf: Path = REAL_PDF, dpis: Iterable[int] = (150, 200, 300), folder: Path = BENCH_OCR,
               ) -> list[tuple[int, str, Path]]:
    """(dpi, variant, image-only PDF) of the real report, written once under `folder`."""
    out_dir = folder / "real"
    out_dir.mkdir(parents=True, exist_ok=True)
    data = pdf.read_bytes()
    out = []
    for dpi in dpis:
        for k, (name, variant) in enumerate(SCAN_VARIANTS.items()):
            target = out_dir / f"{pdf.stem}-{dpi}-{k}.pdf"
            if not target.is_file():
                target.write_bytes(rasterised(data, dpi, variant))
            out.append((dpi, name, target))
    return out


def corpus_scans(corpus: Path = CORPUS, dpi: int = 200, folder: Path = BENCH_OCR,
                 ) -> list[tuple[Path, dict[str, Any]]]:
    """(scanned PDF, gold) of each real report with gold in `corpus`: its gold's agency, year and
    tables printed by the scan renderer (its labels the template's, not the report's own
    wording) and scanned at `dpi` with a seal, written once under `folder`."""
    from pipelines.synth.scan import ScanStyle, report_of, scan_report

    out_dir = folder / f"corpus-{dpi}"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = []
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        target = out_dir / (gold_path.name[: -len(".gold.json")] + ".pdf")
        if not target.is_file():
            rng = random.Random(f"{SEED}/{target.name}")
            style = ScanStyle(dpi=dpi, angle=rng.uniform(-1.2, 1.2), shear=rng.uniform(-0.004, 0.004),
                              jpeg_quality=rng.randint(45, 85), noise=rng.uniform(3, 10))
            target.write_bytes(scan_report(report_of(gold), rng, style)[0])
        out.append((target, gold))
    return out


# ---------------------------------------------------------------- the section

def _row(corpus: str, t: Tally) -> str:
    pct = 100 * t.right / max(t.cells, 1)
    wrong = t.flagged + t.silent
    also = f" ({t.text_path_too} so by the text path too)" if t.text_path_too else ""
    return (f"| {corpus} | {t.files} / {t.pages} | {pct:.2f} % ({t.right}/{t.cells}) | {t.flagged} / {t.silent}"
            f"{also if wrong else ''} | {t.agency}/{t.files}, {t.year}/{t.files} | {t.doubted} "
            f"| {t.cpu / max(t.pages, 1):.2f} |")


def ocr_section(scans: int = 200, dpis: Iterable[int] = (200, 150), scans_150: int = 60, real: bool = True,
                jobs: int = 1, folder: Path = BENCH_OCR, real_pdf: Path = REAL_PDF) -> str:
    """The OCR section of BENCHMARKS.md, as Markdown: `scans` synthetic scanned reports at each of
    `dpis` (`scans_150` of them at 150 dpi and below), and the real report rasterised."""
    from pipelines.ingest.ocr_engines import DEFAULT_ENGINE, engine_version

    cache = ocr_cache(folder)
    rows = []
    silent: list[str] = []
    for dpi in dpis:
        count = scans if dpi > 150 else min(scans, scans_150)
        if count <= 0:
            continue
        files = synthetic_scans(count, dpi, folder)
        _ocr_all(files, cache, jobs)
        tally = score_synthetic(files, cache)
        rows.append(_row(f"synthetic scans at {dpi} dpi", tally))
        silent += tally.notes
    if real and CORPUS.is_dir():
        made_corpus = corpus_scans(folder=folder)
        _ocr_all([p for p, _ in made_corpus], cache, jobs)
        tally = Tally()
        for path, gold in made_corpus:
            tally.add(score_scan(_ocr(path, cache), gold))
        rows.append(_row("real reports' gold (`../shared/corpus`) printed by the scan renderer, 200 dpi, a seal",
                         tally))
        silent += tally.notes
    if real:  # the reports of ../shared printed by Chromium with their own wording, and scanned
        from pipelines.bench_ocr_print import print_rows

        rows += print_rows(folder, jobs, silent)
    if real and real_pdf.is_file():
        from pipelines.parse import parse_file

        truth = truth_of(parse_file(real_pdf))
        made = real_scans(real_pdf, folder=folder)
        _ocr_all([p for _, _, p in made], cache, jobs)
        for dpi, variant, path in made:
            tally = score_scan(_ocr(path, cache), truth)
            rows.append(_row(f"real report (`{real_pdf.name}`) at {dpi} dpi, {variant}", tally))
            silent += tally.notes
    elif real:
        rows.append(f"| real report: {real_pdf} is not there | | | | | | |")
    lines = [
        "## OCR of scanned reports",
        "",
        f"Engine {engine_version(DEFAULT_ENGINE)}, its recogniser on one onnxruntime thread, pages read at 200 dpi "
        "whatever the scan's resolution. Cells: every cell of the three tables in the truth (the gold of a "
        "synthetic scan; the parse of the real PDF's text layer). A wrong cell is flagged when an OCR doubt or "
        "a parser issue names it, its row (a rule's issue on one row names it) or its table. CPU seconds are the "
        "reading's own, a page.",
        "",
        "| corpus | files / pages | cells right | wrong: flagged / silent | agency, year | cells doubted "
        "| CPU s a page |",
        "|---|---|---|---|---|---|---|",
        *rows,
    ]
    if silent:
        lines += ["", "Silent wrong cells:", "", *(f"- {line}" for line in silent[:20])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scans", type=int, default=200, help="synthetic scanned reports at each dpi")
    parser.add_argument("--scans-150", type=int, default=60, help="of them at 150 dpi (the slowest to make)")
    parser.add_argument("--dpi", type=int, action="append", help="the scans' resolution (repeatable)")
    parser.add_argument("--real-only", action="store_true", help="only the real report, rasterised")
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--jobs", type=int, default=1, help="processes reading at once")
    parser.add_argument("--folder", type=Path, default=BENCH_OCR)
    args = parser.parse_args(argv)
    print(ocr_section(0 if args.real_only else args.scans, tuple(args.dpi or (200, 150)), args.scans_150,
                      not args.no_real, args.jobs, args.folder), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
