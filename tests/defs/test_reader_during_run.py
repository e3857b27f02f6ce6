"""An analyst's session holding the warehouse open (read-only, in another process) while the
assets materialise: the run neither waits for it nor disturbs it, and the next session sees the
new data."""

from __future__ import annotations

import shutil
import subprocess
import sys

import dagster as dg
import duckdb

from pipelines.defs.resources import XxgkPaths

READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
count = lambda: con.execute("SELECT count(*) FROM dim_report").fetchone()[0]
print(count(), flush=True)
sys.stdin.readline()
print(count(), flush=True)
"""


def test_open_reader_never_blocks_a_run(built, materialize, tmp_path) -> None:
    paths = XxgkPaths(raw_dir=str(tmp_path / "raw"), warehouse_path=str(tmp_path / "wh" / "xxgk.duckdb"),
                      workers=1)
    shutil.copytree(built.paths.raw, paths.raw)
    shutil.copytree(built.paths.staging, paths.staging)
    shutil.copy(built.paths.warehouse, paths.warehouse)
    landed = next(p for p in sorted(paths.raw.iterdir()) if "_2024." in p.name and not p.name.endswith(".json"))
    (paths.raw / f"999999_2024{landed.suffix}").write_bytes(landed.read_bytes() + b"\n")

    reader = subprocess.Popen([sys.executable, "-c", READER, str(paths.warehouse)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        before = int(reader.stdout.readline())
        assert before == built.reports
        result = materialize(paths, dg.DagsterInstance.ephemeral(), keys=["2024"])
        assert result.success
        assert reader.poll() is None  # still running, its connection still open
        out, _ = reader.communicate("\n", timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0
    assert int(out) == before  # the open session keeps reading the file it opened
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        # the landed file (a copy of another report's bytes, at its own path) is read, and
        # reconciled with the report it copies (pipelines.reconcile) into one more version
        files_read = "SELECT count(*) FROM dim_report WHERE layout IS DISTINCT FROM 'reconciled'"
        assert con.execute(files_read).fetchone()[0] == before + 1
    finally:
        con.close()
