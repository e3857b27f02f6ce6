"""`xxgk validate --warehouse FILE`: run the GX suites on a warehouse and print the summary.

Exit status 0 even when reports break rules (failures are data, listed in `check_result`);
1 only when an expectation could not run, or with --strict when any report breaks a rule.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipelines.quality.adjudications import ADJUDICATIONS_CSV


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warehouse", required=True, type=Path, help="the DuckDB warehouse file to check")
    parser.add_argument("--docs", type=Path, default=None,
                        help="where to build GX Data Docs (default: docs/ beside the warehouse file)")
    parser.add_argument("--no-docs", action="store_true", help="do not build Data Docs")
    parser.add_argument("--adjudications", type=Path, default=ADJUDICATIONS_CSV,
                        help="the analyst's decisions on flagged failures (CSV)")
    parser.add_argument("--run-id", default=None, help="name of this validation run")
    parser.add_argument("--list", action="store_true",
                        help="also list every failure: agency, year, region, the rule in words, the cells as "
                             "printed and where, and the smallest fix or why none is proposed")
    parser.add_argument("--in-place", action="store_true",
                        help="write check_result straight into FILE (a warehouse not yet published); "
                             "by default a copy is checked and swapped in atomically")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any report breaks a rule")


def run(args: argparse.Namespace) -> int:
    from pipelines.quality.validate import validate_published, validate_warehouse

    args.warehouse = args.warehouse.resolve()
    if not args.warehouse.is_file():
        print(f"no warehouse at {args.warehouse}")
        return 2
    docs = None if args.no_docs else (args.docs or args.warehouse.parent / "docs")
    validate = validate_warehouse if args.in_place else validate_published
    summary = validate(args.warehouse, docs_dir=docs, run_id=args.run_id, adjudications_path=args.adjudications)
    print(summary.text())
    if args.list and summary.broken:
        print(summary.listing())
    if any(s.errors for s in summary.suites):
        return 1
    return 1 if args.strict and summary.reports_passing < summary.reports else 0
