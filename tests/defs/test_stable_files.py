"""The sensor and the nightly run take a file only once it is written in full; the fetch asset
and its schedules."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import load
from pipelines.defs.fetch import FetchConfig, fetch_inputs, fetched_reports
from pipelines.defs.resources import XxgkPaths
from pipelines.defs.schedules import nightly_ingest
from pipelines.defs.sensors import raw_files_sensor
from pipelines.fetch.asset import SEASON_CRONS
from pipelines.ingest.files import settled_scan

DEFS = load()


def _paths(root: Path) -> XxgkPaths:
    (root / "raw").mkdir()
    return XxgkPaths(raw_dir=str(root / "raw"), warehouse_path=str(root / "wh" / "xxgk.duckdb"),
                     staging_dir=str(root / "staging"))


class Copy:
    """A slow copy into raw/: a chunk every 50 ms until stopped."""

    def __init__(self, path: Path) -> None:
        self.path, self.stop = path, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with open(self.path, "ab") as out:
            while not self.stop.is_set():
                out.write("二〇二三年政府信息公开工作年度报告\n".encode() * 20)
                out.flush()
                time.sleep(0.05)

    def __enter__(self) -> Copy:
        self.thread.start()
        time.sleep(0.2)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def test_settled_scan_waits_for_a_file_that_moves_between_two_looks(tmp_path):
    (tmp_path / "done_2023.txt").write_text("x")
    growing = tmp_path / "copying_2023.txt"
    growing.write_text("x")

    def sleep_while_copying(seconds: float) -> None:
        with open(growing, "a") as out:
            out.write("more")

    ready, waiting = settled_scan(tmp_path, sleep=sleep_while_copying)
    assert [Path(p).name for p in ready] == ["done_2023.txt"] and [Path(p).name for p in waiting] == [
        "copying_2023.txt"]


def test_the_sensor_requests_no_run_while_a_file_is_being_copied(tmp_path):
    paths = _paths(tmp_path)
    instance = dg.DagsterInstance.ephemeral()
    cursor = None
    with Copy(paths.raw / "000001_2023.txt"):
        for _ in range(3):  # every tick during the copy
            with dg.build_sensor_context(cursor=cursor, resources={"xxgk": paths}, instance=instance,
                                         definitions=DEFS) as ctx:
                result = raw_files_sensor(ctx)
            assert result.run_requests == []
            cursor = result.cursor
        with dg.build_schedule_context(resources={"xxgk": paths}, instance=instance) as ctx:
            assert isinstance(nightly_ingest(ctx), dg.SkipReason)
    with dg.build_sensor_context(cursor=cursor, resources={"xxgk": paths}, instance=instance,
                                 definitions=DEFS) as ctx:
        done = raw_files_sensor(ctx)
    assert len(done.run_requests) == 1  # written in full: now it is news


def test_the_fetch_asset_runs_on_the_seasons_schedules():
    schedules = {s.name: s for s in DEFS.schedules if s.job_name == "fetch"}
    assert sorted(s.cron_schedule for s in schedules.values()) == sorted(SEASON_CRONS)
    assert all(s.default_status == dg.DefaultScheduleStatus.STOPPED for s in schedules.values())
    job = DEFS.resolve_job_def("fetch")
    # the fetch, then an observation of raw/ recording what it added
    assert set(job.asset_layer.executable_asset_keys) == {fetched_reports.key, dg.AssetKey("raw_reports")}
    parsed = DEFS.resolve_assets_def("parsed_reports")
    assert fetched_reports.key in parsed.asset_deps[parsed.key]


def test_the_fetch_asset_says_when_it_has_nothing_to_fetch(tmp_path, monkeypatch):
    for name in ("XXGK_FETCH_URLS", "XXGK_FETCH_LISTS"):
        monkeypatch.delenv(name, raising=False)
    paths = _paths(tmp_path)
    assert fetch_inputs(FetchConfig(), paths) == (None, None)
    assert fetch_inputs(FetchConfig(lists_csv="columns.csv"), paths) == (None, "columns.csv")
    with pytest.raises(dg.Failure, match="nothing to fetch"):
        fetched_reports(dg.build_asset_context(), config=FetchConfig(), xxgk=paths)
