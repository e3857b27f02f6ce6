"""The definitions as `dg` sees the project: `dg list defs` loads pipelines/defs/ through
[tool.dg.project] in pyproject.toml, as `dagster dev` and `make dev` do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.defs.warehouse import TABLES
from pipelines.quality.suites import SUITES

REPO = Path(__file__).resolve().parents[2]
DG = Path(sys.executable).with_name("dg")


@pytest.mark.slow
def test_dg_lists_the_defs_folder() -> None:
    done = subprocess.run([str(DG), "list", "defs", "--json"], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    defs = json.loads(done.stdout)
    # (other stages add their own definitions beside these: the OCR, the fetch)
    assert {"raw_reports", "parsed_reports", *TABLES} <= {a["asset_key"] for a in defs["assets"]}
    assert {f"{suite}:gx_suite" for suite in SUITES} <= {c["key"] for c in defs["asset_checks"]}
    assert "ingest" in {j["name"] for j in defs["jobs"]}
    assert ("nightly_ingest", "0 2 * * *") in {(s["name"], s["cron_schedule"]) for s in defs["schedules"]}
    assert "raw_files_sensor" in {s["name"] for s in defs["sensors"]}
    assert ("xxgk", "pipelines.defs.resources.XxgkPaths") in {(r["name"], r["type"]) for r in defs["resources"]}
