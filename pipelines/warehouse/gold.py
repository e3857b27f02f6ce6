"""Reports from gold files: build a warehouse from a labelled corpus without the parser.

A raw file `x.html` is labelled by `x.gold.json` beside it (shared/spec/report-format.md). Used
by the tests and the benchmarks (the synth corpus comes with gold files), and by
`xxgk build --from-gold` to compare the parsed warehouse with the labelled one.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.parse.report import Issue, Report

GOLD_VERSION = "gold"


def gold_path(raw: str | Path) -> Path:
    raw = Path(raw)
    return raw.with_suffix("").with_name(raw.with_suffix("").name + ".gold.json")


def gold_report(path: str | Path) -> Report:
    """The Report a careful reader takes from `path`; quarantined (not_a_report) without gold."""
    gold = gold_path(path)
    if not gold.is_file():
        return Report(
            path=str(path), parser_version=GOLD_VERSION,
            issues=[Issue("not_a_report", "error", str(path), f"no gold file {gold.name} beside it")],
        )
    data = json.loads(gold.read_text(encoding="utf-8"))
    if data.get("not_a_report"):  # a labelled non-report (the synth corpus has notices, empty files …)
        return Report(path=str(path), parser_version=GOLD_VERSION, layout=data.get("layout"), issues=[
            Issue("not_a_report", "error", "file", f"labelled not a report: {data.get('notes') or gold.name}")
        ])
    # its own parser version, so a labelled warehouse never passes for a parsed one
    return Report.from_dict({**data, "path": str(path), "parser_version": GOLD_VERSION})
