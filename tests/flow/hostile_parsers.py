"""Parsers that misbehave on purpose, by file name (worker processes import them by name: they
live in a module of their own). Any other file is read from its gold label."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from pipelines.parse.report import Report
from pipelines.warehouse.gold import gold_report

CALLS = []  # files this process was asked to parse (the in-process path only)


def parse(path: str) -> Report:
    name = Path(path).name
    CALLS.append(name)
    if name.startswith("slow"):
        time.sleep(60)
    if name.startswith("greedy"):
        hoard = bytearray(3 << 30)  # more than the tests' memory limit
        hoard[-1] = 1
    if name.startswith("terminate"):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)
    return gold_report(path)
