"""`xxgk query NAME [--param k=v] [--csv|--json] [--warehouse FILE]`: run an analyst's query."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from decimal import Decimal
from typing import Any

import duckdb

from pipelines import paths
from pipelines.warehouse import queries


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="the query (a file of sql/queries without .sql)")
    parser.add_argument("--list", action="store_true", help="list the queries and their parameters")
    parser.add_argument("--param", "-p", action="append", default=[], metavar="K=V",
                        help="a parameter value, bound as $K (repeatable; NULL for none)")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    fmt.add_argument("--json", action="store_true", help="print JSON (one object per row)")
    parser.add_argument("--warehouse", default=str(paths.warehouse_file()),
                        help="the DuckDB file (default %(default)s: XXGK_WAREHOUSE, or under the project root)")


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise queries.QueryError(f"--param wants K=V, not {pair!r}")
        out[key.strip()] = value
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (list, tuple, str, int, float, bool)) or value is None:
        return value
    return str(value)


def _list(console: Any) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="queries (sql/queries)", show_lines=True)
    table.add_column("name", style="bold", no_wrap=True)
    table.add_column("answers")
    table.add_column("parameters")
    for q in queries.catalogue().values():
        params = "\n".join(f"{p.name} {p.type} = {'NULL' if p.default is None else p.default}: {p.help}"
                           for p in q.params)
        table.add_row(escape(q.name), escape(q.description), escape(params or "-"))
    console.print(table)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape

    console, errors = Console(), Console(stderr=True)
    try:
        if args.list:
            _list(console)
            return 0
        if not args.name:
            raise queries.QueryError("name a query, or --list them")
        query = queries.get(args.name)
        params = query.bind(_params(args.param))
        con = queries.connect_read_only(args.warehouse)
        try:
            columns, rows = queries.run(query, params, con)
        finally:
            con.close()
    except queries.QueryError as exc:
        errors.print(f"[red]error:[/red] {escape(str(exc))}", markup=True, highlight=False)
        return 2
    except duckdb.Error as exc:  # a query that does not fit the warehouse (e.g. an older schema)
        errors.print(f"[red]error in {escape(str(args.name))}:[/red] {escape(str(exc))}", highlight=False)
        return 1
    _print(args, query, columns, rows, console)  # a reader that stops early: see pipelines.cli.main
    return 0


def _print(args: argparse.Namespace, query: queries.Query, columns: list[str], rows: list, console: Any) -> None:
    if args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in row] for row in rows])
    elif args.json:
        json.dump([dict(zip(columns, map(_plain, row), strict=True)) for row in rows], sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from rich.markup import escape
        from rich.table import Table

        # titles, captions and cells are the data's own text: printed as written, never as markup
        table = Table(title=escape(query.name), caption=escape(query.description or ""))
        for c in columns:
            table.add_column(escape(c))
        for row in rows:
            table.add_row(*["" if v is None else escape(str(_plain(v))) for v in row])
        console.print(table)
        console.print(f"{len(rows)} rows")
