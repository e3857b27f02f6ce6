"""`xxgk`: the command line, thin over the library.

Each subcommand is a module of this package (`pipelines/cli/<command>.py`) exposing
`add_arguments(parser)` and `run(args) -> int`; modules are imported only for the subcommand that
runs, so `xxgk parse` does not pay for Dagster or Great Expectations.
"""

from __future__ import annotations

import argparse
import importlib
import os
import select
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("pipelines.cli.parse", "parse report files and print their tables"),
    "build": ("pipelines.cli.build", "build or refresh the DuckDB warehouse from raw files"),
    "query": ("pipelines.cli.query", "run one of the analyst's queries"),
    "validate": ("pipelines.cli.validate", "run the cross-sum checks on a warehouse"),
    "synth": ("pipelines.cli.synth", "generate a corpus of realistic reports with gold files"),
    "text": ("pipelines.cli.text", "print the text the parser reads from a file, numbered as its places are"),
    # written beside their stages by their authors, with the same two functions
    "fetch": ("pipelines.fetch.command", "fetch annual reports from agency sites into raw/, politely and resumably"),
    "report": ("pipelines.report.command", "write an Excel workbook and an offline HTML page with charts"),
}


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xxgk", description="xxgk warehouse: disclosure annual reports")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == selected:
            importlib.import_module(module).add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    selected = next((a for a in argv if not a.startswith("-")), None)
    if selected not in COMMANDS:
        selected = None
    parser = build_parser(selected)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.run(args) or 0)
    except BrokenPipeError:
        if not _stdout_closed():
            raise
        return 0  # `xxgk … | head`: the reader has all it wants


def _stdout_closed() -> bool:
    """Whether standard output is a pipe whose reader has gone (the pipe reports an error to a
    writer then); if so, later writes go nowhere instead of failing again at exit."""
    try:
        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        closed = any(events & select.POLLERR for _, events in poll.poll(0))
    except (OSError, ValueError, AttributeError):  # no poll on this platform, or stdout is no file
        return False
    if closed:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return closed
