"""`make bench`: how fast each stage is, measured on generated corpora (never asserted in tests).

1. Parse, per layout, on one core: reports per second of CPU time, beside a plain read of the same
   files and one regular-expression pass over their bytes, so the parser's cost is a ratio to the
   cost of touching the data.
2. Scale: for each corpus size, the whole pipeline as `make run` and the Dagster job run it —
   generate, parse in parallel to Parquet, load, validate (GX), publish — with the time of each
   stage, peak memory, the warehouse size and the median time of the year-over-year query.

    python -m pipelines.bench                       # parse table + 1 000 and 10 000 reports
    python -m pipelines.bench --sizes 1000,10000,100000
    python -m pipelines.bench --parse-only

Corpora are generated once per size and seed under bench-data/ (git-ignored) and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from pipelines.paths import root

BENCH_DATA = root() / "bench-data"
_DIGITS = re.compile(rb"\d+")


def corpus(reports: int, seed: int = 11, files: bool = False) -> Path:
    """A generated corpus of about `reports` reports (7 years per agency), made once: the text
    layouts, or (`files`) PDF and Word files."""
    from pipelines.synth.corpus import Options, write_corpus
    from pipelines.synth.documents import FILE_LAYOUTS

    agencies = max(1, round(reports / 7))
    out = BENCH_DATA / f"corpus-{'files-' if files else ''}{agencies}-{seed}"
    done = out / ".complete"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        t = time.perf_counter()
        opts = Options(seed=seed, layouts=tuple(FILE_LAYOUTS)) if files else Options(seed=seed)
        write_corpus(out, agencies, opts, processes=os.cpu_count() or 1)
        done.write_text(f"{time.perf_counter() - t:.1f}")
    return out


def raw_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".gold.json")
                  and not p.name.startswith("."))


def layout_of(path: Path) -> str:
    gold = path.with_name(path.name.rsplit(".", 1)[0] + ".gold.json")
    if gold.exists():
        return json.loads(gold.read_text(encoding="utf-8")).get("layout") or "other"
    return "other"


def bench_parse(folder: Path) -> list[dict]:
    """Per layout: files, MB, plain read, one regex pass and parse, in CPU seconds of one core;
    the parse split by path (the fast path for reports printed in the template, the general reader
    for the rest), each file parsed once."""
    from pipelines.ingest.document import decode_document
    from pipelines.parse import parse_bytes, parse_printed_as_template

    parse_bytes(b"")  # imports
    from pipelines.parse.labels import _jieba
    from pipelines.parse.metadata import extract_metadata

    # what loads once per process is not part of a report's cost: the jieba dictionary, and the
    # gazetteer's index with the metadata's patterns (loaded by reading a title no corpus prints)
    _jieba()
    extract_metadata(["示例县统计局2020年度政府信息公开工作年度报告"], "")
    by_layout: dict[str, list[Path]] = defaultdict(list)
    for path in raw_files(folder):
        by_layout[layout_of(path)].append(path)
    rows = []
    for layout, paths in sorted(by_layout.items()):
        t = time.process_time()
        blobs = [p.read_bytes() for p in paths]
        read = time.process_time() - t
        t = time.process_time()
        for blob in blobs:
            _DIGITS.findall(blob)
        regex = time.process_time() - t
        spent = []
        for path, blob in zip(paths, blobs, strict=True):
            t = time.process_time()
            parse_bytes(blob, str(path))
            spent.append(time.process_time() - t)
        # which path each file took, found afterwards: finding it first would fill the parser's
        # caches before the timed parse
        fast_path = []
        for blob in blobs:
            doc = decode_document(blob)
            fast_path.append(bool(doc.text) and not doc.problems and parse_printed_as_template(doc) is not None)
        times = {True: 0.0, False: 0.0}
        for fast, seconds in zip(fast_path, spent, strict=True):
            times[fast] += seconds
        n_fast = sum(fast_path)
        parse = times[True] + times[False]
        rows.append({
            "layout": layout, "files": len(paths), "mb": sum(map(len, blobs)) / 1e6,
            "read_s": read, "regex_s": regex, "parse_s": parse,
            "reports_per_s": len(paths) / parse if parse else float("inf"),
            "ratio": parse / (read + regex) if read + regex else float("inf"),
            "fast_share": n_fast / len(paths),
            "fast_per_s": n_fast / times[True] if times[True] else None,
            "general_per_s": (len(paths) - n_fast) / times[False] if times[False] else None,
        })
    return rows


def calibration() -> float:
    """CPU seconds of a fixed pure-Python loop: how fast this machine runs Python right now."""
    t = time.process_time()
    x = 0
    for i in range(5_000_000):
        x += i
    return time.process_time() - t


def bench_scale(reports: int, workers: int) -> dict:
    """The pipeline end to end on a corpus of about `reports` reports."""
    from pipelines.ingest.files import raw_files as warehouse_files
    from pipelines.quality.validate import validate_warehouse
    from pipelines.warehouse.build import parse_to_parquet
    from pipelines.warehouse.load import load_staged
    from pipelines.warehouse.publish import publish
    from pipelines.warehouse.queries import connect_read_only, get, run

    t0 = time.perf_counter()
    folder = corpus(reports)
    generate = float((folder / ".complete").read_text())
    files = warehouse_files(folder)
    t = time.perf_counter()
    for path in files:
        path.read_bytes()
    read = time.perf_counter() - t
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-", dir=BENCH_DATA) as tmp:
        tmp_path = Path(tmp)
        warehouse = tmp_path / "xxgk.duckdb"
        new = tmp_path / ".xxgk.duckdb.new"
        started = time.perf_counter()
        t = time.perf_counter()
        cpu = _children_cpu()
        parse_to_parquet(files, tmp_path / "staging", workers=workers)
        parse = time.perf_counter() - t
        parse_cpu = _children_cpu() - cpu
        t = time.perf_counter()
        load_staged(tmp_path / "staging", new, base=None)
        load = time.perf_counter() - t
        t = time.perf_counter()
        summary = validate_warehouse(new)
        validate = time.perf_counter() - t
        t = time.perf_counter()
        publish(new, warehouse)
        publish_s = time.perf_counter() - t
        end_to_end = time.perf_counter() - started
        size = warehouse.stat().st_size
        query = get("applications_yoy_national")
        con = connect_read_only(warehouse)
        times = []
        for _ in range(21):
            t = time.perf_counter()
            run(query, query.bind({}), con)
            times.append(time.perf_counter() - t)
        con.close()
    return {
        "files": len(files), "generate_s": generate, "read_s": read, "parse_s": parse,
        "parse_per_s": len(files) / parse, "parse_cpu_ms": parse_cpu / len(files) * 1000,
        "parse_busy": parse_cpu / (parse * workers), "load_s": load, "validate_s": validate, "publish_s": publish_s,
        "end_to_end_s": end_to_end, "warehouse_mb": size / 1e6, "yoy_query_ms": statistics.median(times) * 1000,
        "passing": getattr(summary, "reports_passing", None), "total_s": time.perf_counter() - t0,
        "peak_rss_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
    }


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished worker processes: the parse workers' share
    of the wall time says whether parsing waited on anything but the CPU."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0]
    return (f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}, "
            f"load average {load:.1f} at start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipelines.bench", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000"),
                    help="corpus sizes (reports) for the scale run, comma-separated")
    ap.add_argument("--parse-corpus", type=int, default=3000, help="reports in the per-layout parse corpus")
    ap.add_argument("--files-corpus", type=int, default=300, help="PDF and Word reports parsed besides")
    ap.add_argument("--parse-only", action="store_true")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    BENCH_DATA.mkdir(exist_ok=True)
    print(f"machine: {machine()}\n")

    print(f"calibration: a 5-million-step Python loop takes {calibration():.3f} s of CPU here now\n")
    from pipelines import textscan

    print("the parser's text scans: " + ("in C (pipelines/_textscan.c)\n" if textscan.native is not None else
                                         "in Python (the C extension is not built: no C compiler at install)\n"))
    rows = bench_parse(corpus(args.parse_corpus))
    # PDF and Word files (their text extracted first), from a corpus of their own
    rows += [r for r in bench_parse(corpus(args.files_corpus, files=True)) if r["layout"] in ("pdf-file", "docx")]
    print("parse, one core (CPU seconds)")
    print(f"{'layout':<12}{'files':>7}{'MB':>7}{'read s':>9}{'regex s':>9}{'parse s':>9}{'reports/s':>11}"
          f"{'× read+regex':>14}{'fast path':>11}{'fast/s':>9}{'general/s':>11}")

    def rate(x: float | None) -> str:
        return f"{x:.0f}" if x else "—"

    for r in rows:
        print(f"{r['layout']:<12}{r['files']:>7}{r['mb']:>7.1f}{r['read_s']:>9.3f}{r['regex_s']:>9.3f}"
              f"{r['parse_s']:>9.2f}{r['reports_per_s']:>11.0f}{r['ratio']:>14.1f}{r['fast_share']:>10.0%}"
              f"{rate(r['fast_per_s']):>9}{rate(r['general_per_s']):>11}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB\n")
    if args.parse_only:
        return 0

    print(f"pipeline end to end ({args.workers} parse workers; seconds of wall time)")
    head = (f"{'reports':>9}{'generate':>10}{'read':>7}{'parse':>8}{'rep/s':>7}{'load':>7}{'validate':>10}"
            f"{'publish':>9}{'raw→pub':>9}{'size MB':>9}{'yoy ms':>8}{'peak MB':>9}{'parse CPU ms/rep':>18}"
            f"{'workers busy':>14}")
    print(head)
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        r = bench_scale(size, args.workers)
        print(f"{r['files']:>9}{r['generate_s']:>10.1f}{r['read_s']:>7.1f}{r['parse_s']:>8.1f}"
              f"{r['parse_per_s']:>7.0f}{r['load_s']:>7.1f}{r['validate_s']:>10.1f}{r['publish_s']:>9.2f}"
              f"{r['end_to_end_s']:>9.1f}{r['warehouse_mb']:>9.1f}{r['yoy_query_ms']:>8.1f}{r['peak_rss_mb']:>9.0f}"
              f"{r['parse_cpu_ms']:>18.2f}{r['parse_busy']:>14.0%}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
