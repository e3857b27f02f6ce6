"""The Dagster job's staging: work folders of a run that was killed are removed by the next run,
a running run's are not."""

from __future__ import annotations

import os
import subprocess
import sys

from warehouse_fixtures import copy_corpus

from pipelines.warehouse.gold import gold_report
from pipelines.warehouse.partitions import partition_dirs, stage_partitions


def test_the_next_run_removes_what_a_killed_run_left(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    staging = tmp_path / "staging"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    left = [staging / f".parse-{dead}-abcd", staging / f".2021.new-{dead}", staging / f".2019.old-{dead}"]
    alive = staging / f".parse-{os.getpid()}-efgh"  # this process runs: its folder is in use
    for folder in [*left, alive]:
        (folder / "report").mkdir(parents=True)
    stage_partitions(raw, staging, ["2019", "2021"], workers=1, parser=gold_report)
    assert not any(p.exists() for p in left) and alive.exists()
    assert [p.name for p in partition_dirs(staging)] == ["2019", "2021"]
