"""`make bench`: how fast and how right the pipeline is, measured, never asserted in tests.

1. Parse, per layout, on one core, on two generated corpora — `varied` (reports printed the many
   ways real agencies print them) and `plain` (every report printed one way) — in reports per
   second of CPU time, beside a plain read and one regular-expression pass over the same bytes.
2. Accuracy on the same corpora (cells right, reports exact, silent errors: a wrong cell in a
   report that carries no issue) and on the real reports in ../shared when it is there.
3. Copies of one report reconciled (`pipelines.bench_copies`) and scanned reports read by OCR
   (`pipelines.bench_ocr`), each its own section.
4. Scale: `pipelines.flow.build.build` — the function `xxgk build` and the Dagster job run — on
   varied corpora of each size: the wall time of each step, peak memory, the warehouse's size.

    python -m pipelines.bench                       # parse + accuracy + 1 000 and 10 000 reports
    python -m pipelines.bench --sizes 1000,10000,100000
    python -m pipelines.bench --parse-only --no-write
    python -m pipelines.bench --ocr-scans 0 --copies 0   # without the OCR and the copies sections

It writes BENCHMARKS.md (the current figures; their history is git's). Corpora are generated once
per size, variety and seed under bench-data/ (git-ignored) and reused.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipelines import paths
from pipelines.spec import TABLES

BENCH_DATA = paths.root() / "bench-data"
BENCHMARKS_MD = paths.root() / "BENCHMARKS.md"
SHARED = paths.root().parent / "shared"
_DIGITS = re.compile(rb"\d+")
TARGET_REPORTS = 600_000
BATCH = 500  # reports a build's worker reads with the garbage collector paused (`warehouse.build`)


def corpus(reports: int, variety: str, seed: int = 11, files: bool = False) -> Path:
    """A generated corpus of about `reports` reports (7 years per agency), made once: the text
    layouts, or (`files`) PDF and Word files."""
    from pipelines.synth.corpus import Options, write_corpus
    from pipelines.synth.documents import FILE_LAYOUTS

    agencies = max(1, round(reports / 7))
    kind = f"{variety}-{'files-' if files else ''}{agencies}-{seed}"
    out = BENCH_DATA / f"corpus-{kind}-{generator_fingerprint()}"
    done = out / ".complete"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        t = time.perf_counter()
        layouts = {"layouts": tuple(FILE_LAYOUTS)} if files else {}
        write_corpus(out, agencies, Options(seed=seed, variety=variety, **layouts), processes=os.cpu_count() or 1)
        done.write_text(f"{time.perf_counter() - t:.1f}")
    return out


def generator_fingerprint() -> str:
    """A digest of the generator's code and data and of the templates: a corpus made by another
    generator is made again, never measured as if it were this one's."""
    import hashlib

    digest = hashlib.sha256()
    package = Path(__file__).parent
    for folder in (package / "synth", package / "templates"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".py", ".toml", ".json")):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def gold_of(path: Path) -> dict | None:
    gold = path.with_name(path.name.rsplit(".", 1)[0] + ".gold.json")
    return json.loads(gold.read_text(encoding="utf-8")) if gold.exists() else None


def raw_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".gold.json")
                  and not p.name.startswith("."))


def _cells(tables: dict) -> dict[tuple[str, str, str], object]:
    return {(t, row, col): v for t in TABLES for row, cols in (tables.get(t) or {}).items()
            for col, v in (cols or {}).items()}


def _same(a: object, b: object) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


@dataclass
class Score:
    """Accuracy as `shared/tools/score_parse.py` counts it."""

    cells: int = 0
    right: int = 0
    reports: int = 0
    exact: int = 0
    silent: int = 0

    def add(self, got: dict, gold: dict) -> None:
        want, have = _cells(gold), _cells(got)
        wrong = [k for k, v in want.items() if not _same(have.get(k), v)]
        extra = [k for k, v in have.items() if k not in want and v not in (0, None)]
        self.cells += len(want)
        self.right += len(want) - len(wrong)
        self.reports += 1
        self.exact += not wrong and not extra
        self.silent += bool(wrong or extra) and not got.get("issues")

    @property
    def share(self) -> float:
        return self.right / self.cells if self.cells else 1.0


@dataclass
class LayoutRun:
    layout: str
    files: int = 0
    mb: float = 0.0
    read_s: float = 0.0
    regex_s: float = 0.0
    parse_s: float = 0.0
    score: Score = field(default_factory=Score)

    @property
    def per_s(self) -> float:
        return self.files / self.parse_s if self.parse_s else float("inf")

    @property
    def ratio(self) -> float:
        return self.parse_s / (self.read_s + self.regex_s) if self.read_s + self.regex_s else float("inf")


def warm_up() -> None:
    """Load what a process loads once (jieba's dictionary, the gazetteer's index) before timing."""
    from pipelines.parse import parse_bytes, prepare

    prepare()
    parse_bytes("示例县统计局2020年度政府信息公开工作年度报告\n".encode())


def bench_parse(folder: Path) -> list[LayoutRun]:
    """Per layout: files, MB, plain read, one regex pass and parse, in CPU seconds of one core,
    each file parsed once; and the accuracy of what was parsed against the gold files."""
    from pipelines.parse import collector_paused, parse_bytes

    warm_up()
    by_layout: dict[str, list[tuple[Path, dict]]] = defaultdict(list)
    for path in raw_files(folder):
        gold = gold_of(path)
        if gold is not None and not gold.get("not_a_report"):
            by_layout[gold.get("layout") or "other"].append((path, gold))
    runs = []
    for layout, items in sorted(by_layout.items()):
        run = LayoutRun(layout, files=len(items))
        t = time.process_time()
        blobs = [p.read_bytes() for p, _ in items]
        run.read_s = time.process_time() - t
        run.mb = sum(map(len, blobs)) / 1e6
        t = time.process_time()
        for blob in blobs:
            _DIGITS.findall(blob)
        run.regex_s = time.process_time() - t
        parse_bytes(blobs[0], str(items[0][0]))  # what a layout loads on first use is not a report's cost
        reports = []
        t = time.process_time()
        for start in range(0, len(items), BATCH):  # in batches, as a build's worker reads them
            with collector_paused():
                reports += [parse_bytes(blob, str(path))
                            for (path, _), blob in zip(items[start:start + BATCH], blobs[start:start + BATCH],
                                                       strict=True)]
        run.parse_s = time.process_time() - t
        for report, (_, gold) in zip(reports, items, strict=True):
            run.score.add(report.to_dict(), gold)
        runs.append(run)
    return runs


def score_real() -> dict[str, Score]:
    """The real reports with gold files in ../shared (corpus and seeds), when it is there."""
    from pipelines.parse import parse_file

    scores = {}
    for folder in ("corpus", "seeds"):
        root = SHARED / folder
        if not root.is_dir():
            continue
        score = Score()
        for gold_path in sorted(root.glob("*.gold.json")):
            stem = gold_path.name[: -len(".gold.json")]
            raws = [p for p in root.glob(stem + ".*") if not p.name.endswith(".gold.json")]
            if raws:
                score.add(parse_file(raws[0]).to_dict(), json.loads(gold_path.read_text(encoding="utf-8")))
        scores[folder] = score
    return scores


def bench_scale(reports: int, workers: int, scratch: Path | None = None) -> dict:
    """`build()` end to end on a varied corpus of about `reports` reports, each step timed (wall,
    and the CPU of the build's own process); the warehouse is built under `scratch` (bench-data/
    by default)."""
    from pipelines.flow.build import build
    from pipelines.warehouse.queries import connect_read_only, get, run

    folder = corpus(reports, "varied")
    generate = float((folder / ".complete").read_text())
    files = raw_files(folder)
    steps: dict[str, float] = {}
    steps_cpu: dict[str, float] = {}
    marks: list[tuple[str, float, float]] = []

    def log(step: str) -> None:
        marks.append((step, time.perf_counter(), time.process_time()))

    (scratch or BENCH_DATA).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-", dir=scratch or BENCH_DATA) as tmp:
        warehouse = Path(tmp) / "xxgk.duckdb"
        load_average = os.getloadavg()[0]
        started = time.perf_counter()
        cpu = _children_cpu()
        own_cpu = time.process_time()
        result = build(folder, warehouse, workers=workers, log=log, docs_dir=Path(tmp) / "docs")
        ended = time.perf_counter()
        own_cpu = time.process_time() - own_cpu
        child_cpu = _children_cpu() - cpu
        marks.append(("end", ended, time.process_time()))
        for (step, at, cpu_at), (_, following, cpu_following) in itertools.pairwise(marks):
            if step in ("parsing", "loading", "validating", "publishing"):
                steps[step] = steps.get(step, 0.0) + following - at
                steps_cpu[step] = steps_cpu.get(step, 0.0) + cpu_following - cpu_at
        size = warehouse.stat().st_size
        query = get("applications_yoy_national")
        con = connect_read_only(warehouse)
        times = []
        for _ in range(11):
            t = time.perf_counter()
            run(query, query.bind({}), con)
            times.append(time.perf_counter() - t)
        con.close()
    end_to_end = ended - started
    return {
        "files": len(files), "generate_s": generate, "end_to_end_s": end_to_end, **steps,
        "per_s": len(files) / end_to_end, "parse_cpu_ms": child_cpu / len(files) * 1000,
        # the workers' CPU per report by step, what they spent outside their batches (starting,
        # loading the parser, taking batches and handing results back), and the build's own process
        "worker_ms": {step: s / len(files) * 1000 for step, s in result.stage.worker_cpu.items()}
        if result.stage else {},
        "worker_other_ms": (child_cpu - sum(result.stage.worker_cpu.values())) / len(files) * 1000
        if result.stage else 0.0,
        "build_cpu_s": own_cpu, "build_cpu_by_step_s": steps_cpu,
        "warehouse_mb": size / 1e6, "yoy_query_ms": statistics.median(times) * 1000,
        "passing": getattr(result.validation, "reports_passing", None),
        "peak_rss_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
        "load_average": load_average,  # at the start: on a shared machine, how busy it already was
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def calibration() -> float:
    """CPU seconds of a fixed pure-Python loop: how fast this machine runs Python right now."""
    t = time.process_time()
    x = 0
    for i in range(5_000_000):
        x += i
    return time.process_time() - t


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, "
            f"Python {platform.python_version()} from {sys.base_prefix}, "
            f"load average {os.getloadavg()[0]:.1f} at start (the machine is shared: compare ratios, not seconds)")


def _parse_table(runs: dict[str, list[LayoutRun]]) -> list[str]:
    lines = ["| corpus | layout | files | MB | reports/s (1 core) | × read+regex | cells right | exact | silent |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for variety, rows in runs.items():
        for r in rows:
            s = r.score
            lines.append(f"| {variety} | {r.layout} | {r.files} | {r.mb:.1f} | {r.per_s:,.0f} | {r.ratio:.1f} | "
                         f"{s.share:.2%} | {s.exact}/{s.reports} | {s.silent} |")
    return lines


def _totals(rows: list[LayoutRun]) -> Score:
    total = Score()
    for r in rows:
        for name in ("cells", "right", "reports", "exact", "silent"):
            setattr(total, name, getattr(total, name) + getattr(r.score, name))
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipelines.bench", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000"),
                    help="corpus sizes (reports) for the scale run, comma-separated")
    ap.add_argument("--parse-corpus", type=int, default=2000, help="reports in each per-layout parse corpus")
    ap.add_argument("--files-corpus", type=int, default=200, help="PDF and Word reports parsed besides")
    ap.add_argument("--parse-only", action="store_true")
    ap.add_argument("--copies", type=int, default=60,
                    help="agencies of the corpus with copies (3 years each); 0 leaves the section out")
    ap.add_argument("--ocr-scans", type=int, default=200,
                    help="synthetic scanned reports OCR'd at 200 dpi (a quarter as many at 150); 0 leaves OCR out")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--build-only", action="store_true",
                    help="only the end-to-end builds of --sizes (no parse, accuracy, copies or OCR sections)")
    ap.add_argument("--scratch", type=Path, default=None,
                    help="folder for the builds' warehouses (default bench-data/)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md as it is")
    args = ap.parse_args(argv)
    BENCH_DATA.mkdir(exist_ok=True)
    out: list[str] = ["# Benchmarks", "",
                      "Written by `make bench` (`python -m pipelines.bench`); the history of these figures is "
                      "git's.", "", f"- machine: {machine()}",
                      f"- calibration: a 5-million-step Python loop took {calibration():.3f} s of CPU", ""]

    def say(lines: list[str]) -> None:
        print("\n".join(lines), flush=True)
        out.extend(lines)

    print("\n".join(out), flush=True)
    if args.build_only:  # a part of the figures: printed, never written over BENCHMARKS.md
        args.no_write = True
        return _scale_section(args, say, out)
    runs = {}
    for variety in ("varied", "plain"):
        rows = bench_parse(corpus(args.parse_corpus, variety))
        rows += [r for r in bench_parse(corpus(args.files_corpus, variety, files=True))
                 if r.layout in ("pdf-file", "docx")]
        runs[variety] = rows
    say(["## Parse and accuracy, generated corpora", "",
         f"One core, CPU time, each file parsed once, in batches of {BATCH} with the garbage collector "
         "paused as a build's worker reads them; accuracy as `shared/tools/score_parse.py` counts it "
         "(silent: a report with a wrong cell and no issue).", "", *_parse_table(runs), ""])
    for variety, rows in runs.items():
        t = _totals(rows)
        say([f"- {variety}: {t.share:.3%} of {t.cells:,} cells, {t.exact}/{t.reports} reports exact, "
             f"{t.silent} silent"])
    real = score_real()
    if real:
        say(["", "## Real reports (../shared)", "", "| folder | cells right | exact | silent |",
             "|---|---:|---:|---:|",
             *(f"| {k} | {s.right}/{s.cells} ({s.share:.2%}) | {s.exact}/{s.reports} | {s.silent} |"
               for k, s in real.items())])
    say([""])
    if args.parse_only:
        return _write(out, args)
    if args.copies:
        from pipelines.bench_copies import copies_section

        say([copies_section(agencies=args.copies)])
    if args.ocr_scans:
        from pipelines.bench_ocr import ocr_section

        say([ocr_section(args.ocr_scans, scans_150=max(1, args.ocr_scans // 4), jobs=args.workers)])
    return _scale_section(args, say, out)


def _scale_section(args: argparse.Namespace, say: Callable[[list[str]], None], out: list[str]) -> int:
    say([f"## End to end: `build()` on varied corpora ({args.workers} parse workers, wall seconds)", "",
         "| reports | parse | load | validate | publish | raw → published | reports/s | parse CPU ms/report "
         "| warehouse MB | yoy query ms | peak RSS MB | load average |",
         "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"])
    last = None
    scales = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        r = bench_scale(size, args.workers, args.scratch)
        last = r
        scales.append(r)
        say([f"| {r['files']:,} | {r.get('parsing', 0):.1f} | {r.get('loading', 0):.1f} | "
             f"{r.get('validating', 0):.1f} | {r.get('publishing', 0):.2f} | {r['end_to_end_s']:.1f} | "
             f"{r['per_s']:.0f} | {r['parse_cpu_ms']:.2f} | {r['warehouse_mb']:.1f} | {r['yoy_query_ms']:.1f} | "
             f"{r['peak_rss_mb']:.0f} | {r['load_average']:.1f} |"])
    say(["", "Where the CPU goes (ms per report): the workers' steps, what they spend outside their batches "
             "(starting, loading the parser, taking batches and handing results back), and the build's own "
             "process (load, validation, publishing; DuckDB's threads included).", "",
         "| reports | read | parse | stage | write Parquet | workers' other | build process |",
         "|---:|---:|---:|---:|---:|---:|---:|",
         *(f"| {r['files']:,} | " + " | ".join(f"{r['worker_ms'].get(step, 0):.3f}"
                                              for step in ("read", "parse", "stage", "write"))
           + f" | {r['worker_other_ms']:.3f} | {r['build_cpu_s'] / r['files'] * 1000:.3f} |" for r in scales),
         "", "The build's own process by step (CPU seconds; parsing: what it does while its workers parse).", "",
         "| reports | parsing | loading | validating | publishing |", "|---:|---:|---:|---:|---:|",
         *(f"| {r['files']:,} | " + " | ".join(f"{r['build_cpu_by_step_s'].get(step, 0):.1f}"
                                              for step in ("parsing", "loading", "validating", "publishing"))
           + " |" for r in scales)])
    if last and last["files"] < TARGET_REPORTS:
        minutes = TARGET_REPORTS / last["per_s"] / 60
        say(["", f"At the largest size's rate, {TARGET_REPORTS:,} reports would take about {minutes:.0f} minutes "
                 "raw → published here (extrapolated, not measured: run with `--sizes 600000` to measure)."])
    say([""])
    return _write(out, args)


def _write(out: list[str], args: argparse.Namespace) -> int:
    if not args.no_write:
        BENCHMARKS_MD.write_text("\n".join(out).rstrip() + "\n", encoding="utf-8")
        print(f"wrote {BENCHMARKS_MD}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
