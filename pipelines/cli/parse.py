"""`xxgk parse FILE...`: parse report files; `--json` prints one JSON object per file (JSON lines)
in the gold schema plus `path`, `issues` and `provenance`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipelines import spec


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="report files (.txt, .html, .md, .pdf, .docx, …), or folders of them")
    parser.add_argument("--json", action="store_true", help="print JSON lines in the gold schema")
    parser.add_argument("--no-provenance", action="store_true", help="leave provenance out of the JSON")


def run(args: argparse.Namespace) -> int:
    from pipelines.parse import parse_file

    status = 0
    for path in _paths(args.files):
        name = str(path)
        if not path.is_file():
            print(f"xxgk parse: {name}: no such file", file=sys.stderr)
            status = 1
            continue
        report = parse_file(path)
        unreadable = next((i for i in report.issues if i.code == "file_unreadable"), None)
        if unreadable is not None:
            print(f"xxgk parse: {name}: cannot be read: {unreadable.message}", file=sys.stderr)
            status = 1
        if args.json:
            d = report.to_dict()
            if args.no_provenance:
                d.pop("provenance", None)
            print(json.dumps(d, ensure_ascii=False))
        else:
            print(summary(report.to_dict()))
    return status


def _paths(names: list[str]) -> list[Path]:
    """The files named; a folder stands for the report files under it, as the pipeline lists
    `raw/` (sorted; hidden files, gold labels and READMEs left out)."""
    out: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            from pipelines.ingest.files import raw_files

            out += raw_files(path)
        else:
            out.append(path)
    return out


def summary(d: dict) -> str:
    """A readable summary of a parsed report: metadata, the three tables, the issues."""
    lines = [
        f"{d['path']}",
        f"  agency {d.get('agency')!s} · year {d.get('year')!s} · template {d.get('template')!s}"
        f" · layout {d.get('layout')!s} · status {d.get('status')}",
    ]
    region = d.get("region") or {}
    if region:
        lines.append("  region " + " / ".join(str(region.get(k)) for k in ("province", "city", "county")
                                              if region.get(k)) + f" · kind {region.get('kind')}")
    active = d.get("active")
    if active:
        lines.append("  table 2 (active disclosure)")
        for item, metrics in active.items():
            cells = "  ".join(f"{m}={_v(v)}" for m, v in metrics.items())
            lines.append(f"    {item:<16}{cells}")
    apps = d.get("applications")
    if apps:
        lines.append("  table 3 (applications)" + "".join(f"{c[:8]:>9}" for c in spec.APPLICANTS))
        for row, cols in apps.items():
            lines.append(f"    {row:<24}" + "".join(f"{_v(cols.get(c)):>9}" for c in spec.APPLICANTS))
    rl = d.get("review_litigation")
    if rl:
        lines.append("  table 4 (review, litigation)" + "".join(f"{o:>10}" for o in spec.REVIEW_OUTCOMES))
        for group, cols in rl.items():
            lines.append(f"    {group:<26}" + "".join(f"{_v(cols.get(o)):>10}" for o in spec.REVIEW_OUTCOMES))
    issues = d.get("issues") or []
    lines.append(f"  issues ({len(issues)})" if issues else "  no issues")
    for i in issues[:40]:
        lines.append(f"    [{i['severity']}] {i['code']} @ {i['where']}: {i['message']}")
    if len(issues) > 40:
        lines.append(f"    … {len(issues) - 40} more")
    return "\n".join(lines)


def _v(value) -> str:
    return "?" if value is None else str(value)
