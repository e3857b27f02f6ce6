"""End to end: `dagster dev` from the repository root, a run launched through its GraphQL API.

Slow (about a minute: the webserver, the daemon and a code server start, then a real run on a
generated corpus of one agency), but nothing in it waits on the network, so CI can run it with
`pytest -m slow`.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipelines.defs.jobs import range_tags
from pipelines.synth.corpus import write_sample_corpus
from pipelines.warehouse.partitions import partition_keys

REPO = Path(__file__).resolve().parents[2]
DAGSTER = Path(sys.executable).with_name("dagster")

LAUNCH = """
mutation Launch($params: ExecutionParams!) {
  launchRun(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on Error { message }
  }
}"""
RUNS = """
query Runs { runsOrError { __typename ... on Runs { results { runId status } } } }"""
STATUS = """
query Status($runId: ID!) {
  runOrError(runId: $runId) { __typename ... on Run { status } }
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _graphql(url: str, query: str, variables: dict) -> dict:
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(f"{url}/graphql", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["data"]


def _wait_for(what: str, probe, timeout: float, proc: subprocess.Popen):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"dagster dev exited while waiting for {what}"
        try:
            found = probe()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            found = None
        if found:
            return found
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_dagster_dev_runs_the_ingest_job(tmp_path: Path) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    raw = tmp_path / "raw"
    write_sample_corpus(raw, agencies=1)
    warehouse = tmp_path / "warehouse" / "xxgk.duckdb"
    env = {**os.environ, "DAGSTER_HOME": str(home), "XXGK_RAW": str(raw), "XXGK_WAREHOUSE": str(warehouse),
           "GX_ANALYTICS_ENABLED": "false"}
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "dagster-dev.log", "wb")
    # its own process group: the webserver, daemon and code server are its children, and a
    # signal to the parent alone would leave them running
    proc = subprocess.Popen([str(DAGSTER), "dev", "-h", "127.0.0.1", "-p", str(port)], cwd=REPO, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for("the UI", lambda: urllib.request.urlopen(f"{url}/server_info", timeout=5).status == 200,
                  120, proc)
        params = {
            "selector": {"repositoryLocationName": "xxgk", "repositoryName": "__repository__", "jobName": "ingest"},
            "executionMetadata": {"tags": [{"key": k, "value": v} for k, v in range_tags(partition_keys()).items()]},
        }

        def launch():  # the code location may still be loading
            result = _graphql(url, LAUNCH, {"params": params})["launchRun"]
            return result["run"]["runId"] if result["__typename"] == "LaunchRunSuccess" else None

        run_id = _wait_for("the run to launch", launch, 120, proc)

        def finished():
            status = _graphql(url, STATUS, {"runId": run_id})["runOrError"]["status"]
            return status if status in ("SUCCESS", "FAILURE", "CANCELED") else None

        assert _wait_for("the run to finish", finished, 300, proc) == "SUCCESS"
        assert warehouse.is_file()

        # the sensor saw the new files too and launched its own run at start-up: the two runs
        # took turns at the warehouse (no lock fight), and both succeed
        def all_done():
            runs = _graphql(url, RUNS, {})["runsOrError"]["results"]
            return runs if all(r["status"] in ("SUCCESS", "FAILURE", "CANCELED") for r in runs) else None

        runs = _wait_for("every run to finish", all_done, 300, proc)
        assert {r["status"] for r in runs} == {"SUCCESS"}
    finally:
        _stop_group(proc)
        log.close()
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)  # the whole group is gone: no webserver, daemon or code server left


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _stop_group(proc: subprocess.Popen, grace: float = 30) -> None:
    """SIGTERM to the whole group: dagster dev shuts its children down. A code server that
    outlives it (it waits for a heartbeat) gets SIGTERM again, and SIGKILL as a last resort."""
    for sig in (signal.SIGTERM, signal.SIGTERM, signal.SIGKILL):
        if not _group_alive(proc.pid):
            break
        os.killpg(proc.pid, sig)
        deadline = time.monotonic() + grace
        while _group_alive(proc.pid) and time.monotonic() < deadline:
            proc.poll()  # reap the parent so the group can empty
            time.sleep(0.5)
        grace = 5
    proc.wait()
