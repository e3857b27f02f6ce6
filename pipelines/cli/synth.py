"""`xxgk synth`: write a corpus of realistic reports with gold files."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from pipelines.synth.corpus import VARIETIES, Options, write_corpus
from pipelines.synth.documents import FILE_LAYOUTS
from pipelines.synth.render import LAYOUTS

CHOICES = LAYOUTS + tuple(FILE_LAYOUTS)


def _years(text: str) -> tuple[int, ...]:
    first, _, last = text.partition("-")
    years = tuple(range(int(first), int(last or first) + 1))
    if not years or years[0] < 2019:
        raise argparse.ArgumentTypeError("years run from 2019 on, e.g. 2019-2025")
    return years


def _layouts(text: str) -> tuple[str, ...]:
    chosen = tuple(x.strip() for x in text.split(",") if x.strip())
    unknown = [x for x in chosen if x not in CHOICES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown layouts {unknown}; choose from {', '.join(CHOICES)}")
    return chosen


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agencies", type=int, required=True, help="how many agencies")
    parser.add_argument("--years", type=_years, default=_years("2019-2025"), help="e.g. 2019-2025")
    parser.add_argument("--out", type=Path, required=True, help="directory to write into")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--error-rate", type=float, default=0.03,
                        help="share of reports whose own arithmetic is wrong (one cell off)")
    parser.add_argument("--missing-rate", type=float, default=0.04, help="share of reports missing a table")
    parser.add_argument("--junk-rate", type=float, default=0.02,
                        help="files that are not reports, per report (notices, empty, binary, pre-2019)")
    parser.add_argument("--layouts", type=_layouts, default=LAYOUTS,
                        help=f"comma-separated, of {','.join(CHOICES)} (default: the text layouts; "
                             "pdf-file and docx write PDF and Word files)")
    parser.add_argument("--variety", choices=VARIETIES, default="varied",
                        help="varied: reports differ as real ones do; plain: printed one way, for comparison")
    parser.add_argument("--copies", type=float, default=0.0,
                        help="share of reports also written as a second copy in another layout (page + crawler "
                             "text, page + PDF); the copy has no gold file of its own")
    parser.add_argument("--scanned", action="store_true",
                        help="write scanned reports instead: image-only PDFs (150-300 dpi, skew, JPEG noise, a seal), "
                             "one per agency and year, with their gold")
    parser.add_argument("--dpi", type=int, default=None, help="with --scanned: one resolution for every scan")
    parser.add_argument("--processes", type=int, default=0, help="worker processes (0: one per core)")


def run(args: argparse.Namespace) -> int:
    if args.scanned:
        from pipelines.synth.scan import write_scans

        started = time.perf_counter()
        count = write_scans(args.out, args.agencies, seed=args.seed, years=args.years, dpi=args.dpi)
        print(f"wrote {count} scanned reports to {args.out} in {time.perf_counter() - started:.1f}s")
        return 0
    opts = Options(years=args.years, seed=args.seed, error_rate=args.error_rate, missing_rate=args.missing_rate,
                   junk_rate=args.junk_rate, layouts=args.layouts, variety=args.variety,
                   copy_rate=args.copies)
    processes = args.processes or os.cpu_count() or 1
    started = time.perf_counter()
    counts = write_corpus(args.out, args.agencies, opts, processes=processes)
    seconds = time.perf_counter() - started
    files = counts["reports"] + counts["not_a_report"]
    layouts = " ".join(f"{k[7:]}={v}" for k, v in sorted(counts.items()) if k.startswith("layout:"))
    print(f"wrote {files} files ({counts['reports']} reports, {counts['not_a_report']} not reports, "
          f"{counts['injected_errors']} with an injected error, {counts['copies']} copies) to {args.out} "
          f"in {seconds:.1f}s")
    print(f"layouts: {layouts}")
    return 0
