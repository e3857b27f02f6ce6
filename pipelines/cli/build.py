"""`xxgk build --raw DIR --warehouse FILE`: parse, load and publish, with a progress bar on a
terminal and a one-screen summary at the end."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from pipelines import paths
from pipelines.ingest.files import path_text
from pipelines.warehouse import queries


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", required=True, help="folder of raw report files (searched recursively)")
    parser.add_argument("--warehouse", default=str(paths.warehouse_file()),
                        help="the DuckDB file to build or refresh (default %(default)s: XXGK_WAREHOUSE, "
                             "or under the project root)")
    parser.add_argument("--workers", type=int, default=None, help="parser processes (default: one per core)")
    parser.add_argument("--fresh", action="store_true",
                        help="start from an empty warehouse instead of the current one (drops history)")
    parser.add_argument("--from-gold", action="store_true",
                        help="read each report from its <stem>.gold.json label instead of parsing it")
    parser.add_argument("--no-validate", action="store_true",
                        help="publish without running the cross-sum checks (check_result stays empty)")
    parser.add_argument("--no-docs", action="store_true", help="validate without writing the Data Docs pages")
    parser.add_argument("--roster", metavar="CSV", default=None,
                        help="an analyst's roster of agencies expected to publish (agency, region or "
                             "province/city/county, optional list_url, since), added to the gazetteer's")


def _summary_tables(warehouse: Path) -> list[tuple[str, list[str], list[tuple]]]:
    con = queries.connect_read_only(warehouse)
    try:
        out = []
        for name in ("reports_by_status", "issues_by_code", "rules_broken"):
            q = queries.get(name)
            columns, rows = queries.run(q, q.bind({}), con)
            out.append((name, columns, rows))
        return out
    finally:
        con.close()


def run(args: argparse.Namespace) -> int:
    from rich.console import Console, Group
    from rich.markup import escape
    from rich.panel import Panel
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from pipelines.flow.build import BuildError, BuildInterrupted, build
    from pipelines.ingest.files import RawFolderError
    from pipelines.warehouse.gold import gold_report

    console = Console(stderr=True)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, disable=not console.is_terminal)
    task = progress.add_task("parsing", total=None)

    def advance(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    try:
        with progress:
            result = build(args.raw, args.warehouse, workers=args.workers, progress=advance,
                           parser=gold_report if args.from_gold else None, fresh=args.fresh,
                           validate=not args.no_validate, docs=not args.no_docs, roster_csv=args.roster,
                           log=lambda step: progress.update(task, description=escape(step)))
    except (BuildError, RawFolderError) as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        return 2
    except (BuildInterrupted, KeyboardInterrupt) as exc:
        why = str(exc) or "stopped by SIGINT"
        console.print(f"[red]stopped:[/red] {escape(why)}; the published warehouse is as it was",
                      highlight=False, soft_wrap=True)
        return 130

    load, stage = result.load, result.stage
    assert stage is not None
    out = Console()
    head = Table.grid(padding=(0, 2))
    head.add_row("warehouse", escape(path_text(result.warehouse)))
    head.add_row("files seen", f"{load.files_seen}: {load.reports_new} new "
                 f"({load.quarantined_new} quarantined), {load.reports_unchanged} unchanged, "
                 f"{load.duplicates} duplicate copies; {load.superseded} versions superseded")
    if result.skipped:
        reasons = Counter(reason for _, reason in result.skipped)
        head.add_row("skipped", escape(f"{len(result.skipped)} entries of the raw folder not read: "
                                       + "; ".join(f"{n} {r}" for r, n in reasons.most_common())))
    head.add_row("published", f"yes: {result.reason}" if result.published else f"no: {result.reason}")
    if result.validation:
        v = result.validation
        head.add_row("checks", f"{v.reports_passing} of {v.reports} reports pass every rule "
                     f"(details: check_result; Data Docs: {v.docs_index or 'not built'})")
    head.add_row("time", f"{result.seconds:.1f}s (parse {stage.seconds:.1f}s, load "
                 f"{load.seconds:.1f}s, publish {result.publish_seconds:.2f}s)")
    parts = [head]
    for name, columns, rows in _summary_tables(result.warehouse):
        table = Table(title=name.replace("_", " "), title_justify="left", expand=False)
        for c in columns:
            table.add_column(escape(c))
        if not rows:
            table.add_row("(none)", *[""] * (len(columns) - 1))
        for row in rows[:12]:
            table.add_row(*["" if v is None else escape(str(v)) for v in row])
        if len(rows) > 12:
            table.add_row(f"… {len(rows) - 12} more", *[""] * (len(columns) - 1))
        parts.append(table)
    out.print(Panel(Group(*parts), title="xxgk build", expand=False))
    return 0
