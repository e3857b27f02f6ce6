"""`xxgk`: the command line, thin over the library.

Each subcommand lives beside the library code it drives (`pipelines/<stage>/command.py`) and
exposes `add_arguments(parser)` and `run(args) -> int`; modules are imported only for the
subcommand that runs, so `xxgk parse` does not pay for Dagster or Great Expectations.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("pipelines.parse.command", "parse report files and print their tables"),
    "build": ("pipelines.warehouse.command", "build or refresh the DuckDB warehouse from raw files"),
    "query": ("pipelines.warehouse.query_command", "run one of the analyst's queries"),
    "validate": ("pipelines.quality.command", "run the cross-sum checks on a warehouse"),
    "synth": ("pipelines.synth.command", "generate a corpus of realistic reports with gold files"),
    "text": ("pipelines.ingest.command", "print the text the parser reads from a file, numbered as its places are"),
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
    return int(module.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
