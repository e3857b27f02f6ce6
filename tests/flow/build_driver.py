"""A build in a process of its own, for the kill tests: `python build_driver.py RAW WAREHOUSE DOCS`.
It prints each step as it starts ("parsing", "loading", "validating", "publishing", then "done")
and the parse's progress ("parsed 3 of 10"), and reads each file slowly enough for the parse to
be caught in the middle."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pipelines.flow.build import build
from pipelines.parse.report import Report
from pipelines.warehouse.gold import gold_report


def slow_gold(path: str) -> Report:
    time.sleep(0.5)
    return gold_report(path)


if __name__ == "__main__":
    raw, warehouse, docs = sys.argv[1:4]
    result = build(Path(raw), Path(warehouse), docs_dir=Path(docs), workers=2, parser=slow_gold,
                   log=lambda step: print(step, flush=True),
                   progress=lambda done, total: print(f"parsed {done} of {total}", flush=True))
    print("done" if result.published else f"not published: {result.reason}", flush=True)
