"""The nightly schedule and the new-files sensor, evaluated with Dagster's test contexts."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg

from pipelines.definitions import load
from pipelines.defs.jobs import RANGE_END, RANGE_START
from pipelines.defs.resources import XxgkPaths
from pipelines.defs.schedules import nightly_ingest
from pipelines.defs.sensors import raw_files_sensor

DEFS = load()


def _copy_corpus(built, root: Path) -> XxgkPaths:
    """A writable copy of the session's raw/ and staging/ (the sensor tests add files)."""
    paths = XxgkPaths(raw_dir=str(root / "raw"), warehouse_path=str(root / "wh" / "xxgk.duckdb"),
                      staging_dir=str(root / "staging"))
    shutil.copytree(built.paths.raw, paths.raw)
    return paths


def _tick(paths: XxgkPaths, cursor: str | None, instance: dg.DagsterInstance):
    with dg.build_sensor_context(cursor=cursor, resources={"xxgk": paths}, instance=instance,
                                 definitions=DEFS) as ctx:
        result = raw_files_sensor(ctx)
    return result, result.cursor


def _requested_range(result) -> tuple[str, str]:
    [request] = result.run_requests
    return request.tags[RANGE_START], request.tags[RANGE_END]


def test_the_code_location_loads() -> None:
    job = DEFS.resolve_job_def("ingest")
    assert job.partitions_def is not None
    schedule = DEFS.resolve_schedule_def("nightly_ingest")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 2 * * *", "Asia/Shanghai")
    assert schedule.job_name == DEFS.resolve_sensor_def("raw_files_sensor").job_name == "ingest"


def test_sensor_requests_a_run_when_files_land(built, tmp_path) -> None:
    paths = _copy_corpus(built, tmp_path)
    instance = dg.DagsterInstance.ephemeral()
    # first tick, nothing parsed yet: every file is new
    first, cursor = _tick(paths, None, instance)
    assert _requested_range(first) == ("2019", "2025")
    assert len(json.loads(cursor)) == built.reports

    # nothing changed: no run, and a touched file with the same bytes is not news either
    again, cursor2 = _tick(paths, cursor, instance)
    assert again.run_requests == [] and again.skip_reason is not None
    some = next(p for p in paths.raw.iterdir() if "_2022." in p.name and not p.name.endswith(".json"))
    os.utime(some, ns=(some.stat().st_atime_ns, some.stat().st_mtime_ns + 10**9))
    touched, cursor3 = _tick(paths, cursor2, instance)
    assert touched.run_requests == []
    assert json.loads(cursor3)[str(some)][0] == some.stat().st_mtime_ns

    # a file lands for 2023 and one for 2021 is edited: one run over 2021..2023
    shutil.copy(some, paths.raw / "999999_2023.txt")  # same bytes, a new path: still news
    edited = next(p for p in paths.raw.iterdir() if "_2021." in p.name and not p.name.endswith(".json"))
    edited.write_bytes(edited.read_bytes() + b"\n")
    landed, cursor4 = _tick(paths, cursor3, instance)
    assert _requested_range(landed) == ("2021", "2023")
    assert landed.run_requests[0].run_key != first.run_requests[0].run_key
    assert str(paths.raw.resolve() / "999999_2023.txt") in json.loads(cursor4)

    # a file removed: its year is re-parsed so staging forgets it
    (paths.raw / "999999_2023.txt").unlink()
    removed, _ = _tick(paths, cursor4, instance)
    assert _requested_range(removed) == ("2023", "2023")


def test_sensor_first_tick_counts_parsed_files_as_seen(built) -> None:
    result, cursor = _tick(built.paths, None, dg.DagsterInstance.ephemeral())
    assert result.run_requests == []
    assert len(json.loads(cursor)) == built.reports


def test_sensor_skips_without_a_raw_folder(tmp_path) -> None:
    paths = XxgkPaths(raw_dir=str(tmp_path / "missing"), warehouse_path=str(tmp_path / "wh.duckdb"))
    result, _ = _tick(paths, None, dg.DagsterInstance.ephemeral())
    assert result.run_requests == [] and "does not exist" in result.skip_reason.skip_message


def _night(paths: XxgkPaths) -> dg.RunRequest | dg.SkipReason:
    when = dt.datetime(2026, 3, 1, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with dg.build_schedule_context(scheduled_execution_time=when, resources={"xxgk": paths},
                                   instance=dg.DagsterInstance.ephemeral()) as ctx:
        return nightly_ingest(ctx)


def test_schedule_ingests_what_landed_since_the_last_run(built, tmp_path) -> None:
    # everything in raw/ is already parsed: the night is quiet
    assert isinstance(_night(built.paths), dg.SkipReason)
    # the same raw/ against a staging folder holding all but the 2024 files
    paths = XxgkPaths(**{**built.paths.model_dump(), "staging_dir": str(tmp_path / "staging")})
    shutil.copytree(built.paths.staging, paths.staging)
    shutil.rmtree(paths.staging / "2024")
    request = _night(paths)
    assert isinstance(request, dg.RunRequest)
    assert (request.tags[RANGE_START], request.tags[RANGE_END]) == ("2024", "2024")
    assert request.run_key.startswith("nightly-2026-03-01")
