"""Scans of real reports as printed by a browser: each report of ../shared/corpus and
../shared/seeds that has a gold file (HTML, Markdown, text) printed to PDF by Chromium with its
own wording, layout and tables, rasterised at 150, 200 and 300 dpi as printed and "scanned"
(`bench_ocr.SCAN_VARIANTS`: turned, grain, JPEG, a grey scan), saved as image-only PDFs, read by
OCR and the one reader, and scored against the gold as `bench_ocr.score_scan` scores.

What the browser prints:

- an HTML file as it is, its own CSS, in a copy saved as UTF-8 with a `<meta charset>` first (a
  page cut out of a CMS often declares none);
- a Markdown file rendered to HTML by markdown-it-py (CommonMark and its table extension; a
  dependency of rich), its tables ruled as a Markdown viewer shows them, every cell of a row
  wider than its table's header row kept, and a line break in the file one on the page;
- a text file in a `<pre>` wrapping its long lines (as the browser's own view of a text file),
  in Noto Sans Mono CJK;
- each on A4 with margins of 1 cm, no header or footer, a page wider than the paper (a table of
  fixed widths) shrunk to its width, as a print preview fits it.

The printed PDFs are kept under bench-data/ocr/print/, named by a digest of the HTML printed,
the browser's version and `PRINT_VERSION`; the scans by a digest of the printed PDF, the
resolution and the scan's settings; the OCR readings in the OCR cache (the scan's digest, the
engine's and the reader's versions). A re-run prints, scans and reads nothing again. Where
Chromium or ../shared is absent the rows say so and nothing is measured.

    python -m pipelines.bench_ocr_print                    # 9 reports × 150/200/300 dpi × 3 scans
    python -m pipelines.bench_ocr_print --dpi 200 --by-report
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipelines import paths
from pipelines.bench_ocr import (
    BENCH_OCR,
    SCAN_VARIANTS,
    SEED,
    Tally,
    _ocr,
    _ocr_all,
    _row,
    ocr_cache,
    rasterised,
    score_scan,
)

SHARED = paths.root().parent / "shared"
SOURCES = (SHARED / "corpus", SHARED / "seeds")
DPIS = (150, 200, 300)
SUFFIXES = (".html", ".htm", ".md", ".txt")
# raise when the HTML made for printing (below) changes: every report is printed again
PRINT_VERSION = "2"
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# the paper, A4 with margins of 1 cm: 190 mm = 718 CSS px of width, the width the page is laid out in
# (`--window-size`) and shrunk to, when wider, as a browser's print preview fits a page to its paper
_PAGE_PX = 718
_PAPER = ("<style>@page { size: A4; margin: 1cm; }</style><script>addEventListener('DOMContentLoaded', () => {"
          f"const w = document.documentElement.scrollWidth; if (w > {_PAGE_PX}) "
          f"document.documentElement.style.zoom = {_PAGE_PX} / w;}});</script>")
_MARKDOWN_CSS = ("body { font-family: 'Noto Serif CJK SC', serif; font-size: 10.5pt; } "
                 "table { border-collapse: collapse; } th, td { border: 1px solid #000; padding: 2px 6px; }")
_TEXT_CSS = ("body { margin: 0; } pre { font-family: 'Noto Sans Mono CJK SC', monospace; font-size: 10.5pt; "
             "white-space: pre-wrap; word-wrap: break-word; }")


class PrintFailed(RuntimeError):
    """The browser wrote no PDF."""


@dataclass(frozen=True)
class PrintScan:
    source: Path  # the report as published (HTML, Markdown, text)
    gold: Path
    dpi: int
    variant: str  # a key of SCAN_VARIANTS
    path: Path  # the image-only PDF


def browser() -> str | None:
    """The Chromium to print with: XXGK_CHROMIUM, else the first on PATH; None when there is none."""
    named = os.environ.get("XXGK_CHROMIUM")
    if named:
        return named if Path(named).is_file() else shutil.which(named)
    return next((found for name in _BROWSERS if (found := shutil.which(name))), None)


@lru_cache(maxsize=4)
def browser_version(exe: str) -> str:
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60, check=False)
    return out.stdout.strip() or exe


def reports(folders: Iterable[Path] = SOURCES) -> list[tuple[Path, Path]]:
    """(report, its gold) of every report with a gold file in `folders`."""
    out = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            gold = path.with_name(path.stem + ".gold.json")
            if path.suffix.lower() in SUFFIXES and gold.is_file():
                out.append((path, gold))
    return out


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("gb18030", errors="replace")


_CELL_BAR = re.compile(r"(?<!\\)\|")  # a cell's edge: a `|` not escaped


def _cells(line: str) -> int:
    """The cells of a Markdown table row (its bars, less the leading and trailing ones)."""
    line = line.strip()
    return len(_CELL_BAR.split(line.removeprefix("|").removesuffix("|") if len(line) > 1 else line))


def _tables_widened(md: Any, text: str) -> str:
    """`text` with each table's header and delimiter rows given empty cells up to its widest
    row: a GFM table has its header row's cells, and a renderer drops the cells of a wider row
    (text taken out of a PDF often has them: a total in a column the header lost), which the
    file holds and a reader of it sees."""
    lines = text.split("\n")
    for token in md.parse(text):
        if token.type != "table_open" or not token.map:
            continue
        start, end = token.map
        widest = max(_cells(line) for line in lines[start:end])
        for at, cell in ((start, "  |"), (start + 1, "---|")):
            line = lines[at].rstrip()
            missing = widest - _cells(line)
            if missing > 0:
                lines[at] = (line if line.endswith("|") else line + "|") + cell * missing
    return "\n".join(lines)


def printable(path: Path) -> str:
    """The HTML the browser prints for a report file (see the module's docstring)."""
    text = _decoded(path.read_bytes())
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        # a meta charset first wins over any the page declares later: the copy is UTF-8
        return f'<meta charset="utf-8">{_PAPER}\n{text}'
    head = f'<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">{_PAPER}'
    if suffix == ".md":
        from markdown_it import MarkdownIt

        # `breaks`: a line break in the file is one on the page, as a reader of the file sees it
        # (CommonMark joins the lines of a paragraph, and a title would run into the prose below it)
        md = MarkdownIt("commonmark", {"breaks": True}).enable("table")
        body = md.render(_tables_widened(md, text))
        return f"{head}<style>{_MARKDOWN_CSS}</style></head><body>\n{body}</body></html>\n"
    return f"{head}<style>{_TEXT_CSS}</style></head><body><pre>{html.escape(text)}</pre></body></html>\n"


def print_pdf(page: str, exe: str, timeout: float = 180) -> bytes:
    """`page` (HTML) printed to PDF by headless Chromium (no header or footer), in a profile of
    its own."""
    with tempfile.TemporaryDirectory(prefix="xxgk-print-") as tmp:
        source, target = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        source.write_text(page, encoding="utf-8")
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               f"--window-size={_PAGE_PX},1000", f"--user-data-dir={Path(tmp) / 'profile'}",
               f"--print-to-pdf={target}", source.as_uri()]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        if not target.is_file() or target.stat().st_size == 0:
            raise PrintFailed(f"{exe} printed no PDF (exit {done.returncode}): {done.stderr[-500:]}")
        return target.read_bytes()


def _digest(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else json.dumps(part, ensure_ascii=False, sort_keys=True).encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def printed(path: Path, exe: str, folder: Path = BENCH_OCR) -> Path:
    """The report printed to PDF by the browser, written once under `folder`/print."""
    page = printable(path)
    key = _digest(PRINT_VERSION, browser_version(exe), page.encode())
    target = folder / "print" / f"{path.stem}.{key}.pdf"
    if not target.is_file():
        _write(target, print_pdf(page, exe))
    return target


def print_scans(folder: Path = BENCH_OCR, dpis: Iterable[int] = DPIS, variants: Iterable[str] | None = None,
                chosen: Iterable[tuple[Path, Path]] | None = None, exe: str | None = None) -> list[PrintScan]:
    """Every report (`chosen`: (report, gold), by default all of `reports()`) printed and
    rasterised at each of `dpis` as each of `variants` (keys of SCAN_VARIANTS, all by default)
    scans it, written once under `folder`/print."""
    exe = exe or browser()
    if exe is None:
        raise PrintFailed("no Chromium to print with (install chromium, or set XXGK_CHROMIUM)")
    names = list(variants or SCAN_VARIANTS)
    out = []
    for source, gold in reports() if chosen is None else chosen:
        pdf = printed(source, exe, folder)
        data = None
        for dpi in dpis:
            for name in names:
                key = _digest(pdf.name, dpi, SCAN_VARIANTS[name], SEED)
                target = folder / "print" / f"{source.stem}-{dpi}.{key}.pdf"
                if not target.is_file():
                    data = data or pdf.read_bytes()
                    _write(target, rasterised(data, dpi, SCAN_VARIANTS[name]))
                out.append(PrintScan(source, gold, dpi, name, target))
    return out


def absent() -> str | None:
    """Why nothing can be measured here, or None."""
    if not reports():
        return f"no reports with gold in {', '.join(str(s) for s in SOURCES)}"
    if browser() is None:
        return "no Chromium to print with (install chromium, or set XXGK_CHROMIUM)"
    return None


def print_tallies(folder: Path = BENCH_OCR, dpis: Iterable[int] = DPIS, variants: Iterable[str] | None = None,
                  jobs: int = 1, names: Iterable[str] | None = None) -> dict[tuple[int, str], list[tuple[str, Tally]]]:
    """(dpi, variant) → each report's tally (its file name first), every scan read by OCR (into
    the cache, `jobs` processes at once) and scored against the gold; wrong cells the text path
    reads so too, from the HTML the browser printed, are counted as such (a Markdown file's soft
    line breaks, for one, are gone from its rendering, and its broken tables drawn as grids)."""
    from pipelines.parse import parse_bytes

    wanted = set(names or ())
    chosen = [(source, gold) for source, gold in reports() if not wanted or source.name in wanted]
    scans = print_scans(folder, dpis, variants, chosen)
    cache = ocr_cache(folder)
    _ocr_all([s.path for s in scans], cache, jobs)
    text_reports = {source: parse_bytes(printable(source).encode(), f"{source.stem}.html")
                    for source in {s.source for s in scans}}
    out: dict[tuple[int, str], list[tuple[str, Tally]]] = {}
    for scan in scans:
        gold = json.loads(scan.gold.read_text(encoding="utf-8"))
        tally = score_scan(_ocr(scan.path, cache), gold, text_reports[scan.source])
        out.setdefault((scan.dpi, scan.variant), []).append((scan.source.name, tally))
    return out


def _shown(variant: str) -> str:
    return "as printed" if SCAN_VARIANTS[variant] is None else variant


def _label(dpi: int, variant: str) -> str:
    return f"real reports (`../shared/corpus`, `seeds`) printed by Chromium, {dpi} dpi, {_shown(variant)}"


def print_rows(folder: Path = BENCH_OCR, jobs: int = 1, silent: list[str] | None = None,
               dpis: Iterable[int] = DPIS) -> list[str]:
    """bench_ocr's table rows for the printed reports, one per resolution and scan; the silent
    wrong cells are added to `silent`. One row saying why, where nothing can be measured."""
    why = absent()
    if why:
        return [f"| real reports printed by a browser: not measured, {why} | | | | | | |"]
    rows = []
    for (dpi, variant), tallies in sorted(print_tallies(folder, dpis, jobs=jobs).items(),
                                          key=lambda kv: (kv[0][0], list(SCAN_VARIANTS).index(kv[0][1]))):
        total = Tally()
        for _name, tally in tallies:
            total.add(tally)
        rows.append(_row(_label(dpi, variant), total))
        if silent is not None:
            silent += total.notes
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dpi", type=int, action="append", help="the scans' resolution (repeatable)")
    parser.add_argument("--variant", type=int, action="append",
                        help="a scan by its place in bench_ocr.SCAN_VARIANTS (0 as printed; repeatable)")
    parser.add_argument("--by-report", action="store_true", help="a row for each report too")
    parser.add_argument("--report", action="append", help="only this report, by its file name (repeatable)")
    parser.add_argument("--jobs", type=int, default=1, help="processes reading at once")
    parser.add_argument("--folder", type=Path, default=BENCH_OCR)
    args = parser.parse_args(argv)
    why = absent()
    if why:
        print(f"not measured: {why}")
        return 0
    variants = [list(SCAN_VARIANTS)[k] for k in args.variant] if args.variant else None
    found = print_tallies(args.folder, tuple(args.dpi or DPIS), variants, args.jobs, args.report)
    print("| corpus | files / pages | cells right | wrong: flagged / silent | agency, year | cells doubted "
          "| CPU s a page |\n|---|---|---|---|---|---|---|")
    notes: list[str] = []
    for (dpi, variant), tallies in sorted(found.items(),
                                          key=lambda kv: (kv[0][0], list(SCAN_VARIANTS).index(kv[0][1]))):
        total = Tally()
        for name, tally in tallies:
            total.add(tally)
            if args.by_report:
                print(_row(f"{name}, {dpi} dpi, {_shown(variant)}", tally))
        print(_row(_label(dpi, variant), total))
        notes += total.notes
    if notes:
        print("\nSilent wrong cells:\n")
        print("\n".join(f"- {re.sub(r'^.*/print/', '', line)}" for line in notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
