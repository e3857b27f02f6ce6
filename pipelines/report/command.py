"""`xxgk report --warehouse FILE [--agency NAME | --region NAME] [--years 2019-2025] --out DIR`:
write an Excel workbook and an offline HTML page with charts for people to open."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from pipelines import paths

    parser.add_argument("--warehouse", type=Path, default=paths.warehouse_file(),
                        help="the DuckDB warehouse (default: %(default)s; XXGK_WAREHOUSE sets it)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--agency", metavar="NAME",
                       help="one agency: its full name, or a part of it only one agency's name holds")
    which.add_argument("--region", metavar="NAME",
                       help="a province, city or county, e.g. 河南, 郑州市, 北京朝阳 (default: every agency)")
    parser.add_argument("--years", metavar="FIRST-LAST", help="e.g. 2019-2025 or 2021 (default: every year)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="folder to write the .xlsx and .html into")


def run(args: argparse.Namespace) -> int:
    from pipelines.warehouse.queries import QueryError

    from . import ScopeError, write_report

    try:
        s = write_report(args.warehouse, args.out, agency=args.agency, region=args.region, years=args.years)
    except (ScopeError, QueryError) as exc:
        print(f"xxgk report: {exc}", file=sys.stderr)
        return 2
    years = f"{s.years[0]}–{s.years[1]}" if s.years else "no years"
    print(f"{s.scope or 'whole warehouse'} · {years} · {s.reports} reports of {s.agencies} agencies · "
          f"{s.failing_checks} failing checks{'' if s.checked else ' (warehouse not checked yet)'}")
    print(f"workbook: {s.workbook}")
    print(f"page:     {s.page}")
    for note in s.notes:
        print(f"note: {note}")
    if not s.reports:
        print("xxgk report: no report in that scope", file=sys.stderr)
    return 0
