"""Benchmark: validate a warehouse of N synthetic reports (default 10 000), 5 % with an injected error.

    .venv/bin/python tests/quality/bench_validate.py [N] [--docs]

Prints the time to build the fixture warehouse and to validate it, and whether every injected
error was found. Not a test: speed is measured here, never asserted.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from quality_fixtures import agency_chain, build_warehouse


def main(n: int, docs: bool) -> None:
    from pipelines.synth.numbers import inject_error

    rng = random.Random(1)
    reports, injected = [], {}
    years = range(2019, 2025)
    for a in range(n // len(years)):
        chain = agency_chain(rng, f"ag{a:05d}", f"基准县{a:05d}局", years)
        for i, r in enumerate(chain):
            if rng.random() < 0.05 and i not in (0, len(chain) - 1):
                errors = inject_error(r, rng)
                if errors:
                    injected[r["report_id"]] = errors
        reports += chain
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        db = build_warehouse(Path(tmp) / "bench.duckdb", reports)
        built = time.perf_counter() - t
        t = time.perf_counter()
        from pipelines.quality.validate import validate_warehouse

        imported = time.perf_counter() - t
        summary = validate_warehouse(db, docs_dir=Path(tmp) / "docs" if docs else None,
                                     adjudications_path=None)
        total = time.perf_counter() - t
    print(summary.text())
    missed = [(rid, e["rule"]) for rid, errs in injected.items() for e in errs
              if e["rule"] not in summary.broken.get(rid, [])]
    extra = sorted(set(summary.broken) - set(injected))
    print(f"reports {len(reports)}; fixture built in {built:.1f} s; validate {total:.1f} s "
          f"(of which import {imported:.1f} s, run {summary.seconds:.1f} s)")
    print(f"injected into {len(injected)} reports; missed {len(missed)} {missed[:5]}; "
          f"flagged without injection {len(extra)} {extra[:5]}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 10_000, "--docs" in sys.argv)
