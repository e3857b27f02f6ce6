"""`xxgk fetch --urls reports.csv --lists columns.csv --raw raw/`: fetch annual reports from
agency sites into the raw folder, politely and resumably, then print a summary.

Exit status: 0 when every URL was fetched (or was unchanged), 1 when some failed (the summary
says which and why), 2 when an input cannot be used at all.
"""

from __future__ import annotations

import argparse
import sys

from pipelines.fetch.client import FetchOptions


def add_arguments(parser: argparse.ArgumentParser) -> None:
    d = FetchOptions()
    parser.add_argument("--urls", metavar="CSV", help="report URLs: columns url, optional agency, year")
    parser.add_argument("--lists", metavar="CSV",
                        help="column list pages: columns list_url, optional agency (the agency roster CSV works)")
    parser.add_argument("--raw", default="raw", metavar="DIR", help="the raw folder to save into (default: raw)")
    parser.add_argument("--contact", help="a URL or mailto: for the User-Agent (default: $XXGK_FETCH_CONTACT)")
    parser.add_argument("--delay", type=float, default=d.delay,
                        help=f"seconds between two requests to one host (default {d.delay:g})")
    parser.add_argument("--retries", type=int, default=d.retries, help=f"retries per URL (default {d.retries})")
    parser.add_argument("--timeout", type=float, default=d.read_timeout,
                        help=f"read timeout in seconds (default {d.read_timeout:g}; connect: {d.connect_timeout:g})")
    parser.add_argument("--max-mb", type=float, default=d.max_bytes / 2**20,
                        help=f"size cap per file in MB (default {d.max_bytes / 2**20:g})")
    parser.add_argument("--max-pages", type=int, default=d.max_list_pages,
                        help=f"list pages per column (default {d.max_list_pages})")
    parser.add_argument("--recheck-after", type=float, default=d.recheck_after / 3600, metavar="HOURS",
                        help="request a saved report again only after this many hours (default "
                             f"{d.recheck_after / 3600:g}; 0: every run, conditionally)")
    parser.add_argument("--workers", type=int, default=d.workers, help=f"hosts side by side (default {d.workers})")
    parser.add_argument("--ignore-robots", action="store_true", help="for your own sites only: skip robots.txt")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")


def options_from(args: argparse.Namespace) -> FetchOptions:
    return FetchOptions(
        contact=args.contact, delay=args.delay, retries=args.retries, read_timeout=args.timeout,
        max_bytes=int(args.max_mb * 2**20), max_list_pages=args.max_pages,
        recheck_after=args.recheck_after * 3600, workers=args.workers, respect_robots=not args.ignore_robots,
    )


def run(args: argparse.Namespace) -> int:
    import json

    from pipelines.fetch.core import FetchInputError, fetch

    if not args.urls and not args.lists:
        print("xxgk fetch: give --urls CSV, --lists CSV or both", file=sys.stderr)
        return 2
    try:
        with _progress(args.quiet) as progress:
            summary = fetch(args.urls, args.lists, args.raw, options_from(args), progress=progress)
    except FetchInputError as exc:
        print(f"xxgk fetch: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"xxgk fetch: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1))
    else:
        print("\n".join(summary.lines()))
    return 1 if summary.failed else 0


class _progress:
    """A rich progress bar on stderr while the run goes (none when quiet or not a terminal)."""

    def __init__(self, quiet: bool):
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("fetch"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                TextColumn("{task.description}"), console=Console(stderr=True), transient=True)

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.start()
        task = self.bar.add_task("", total=None)

        def update(done: int, total: int, what: str) -> None:
            self.bar.update(task, completed=done, total=total, description=what[-60:])

        return update

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
