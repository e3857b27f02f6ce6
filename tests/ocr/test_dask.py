"""The OCR fan-out on Dagster's Dask executor: one run whose shard steps go to a local Dask
cluster of two workers, both workers used; a second run finds every file in the cache."""

from __future__ import annotations

import io

import dagster as dg
import pytest

from pipelines.synth.scan import draw_table

pytestmark = pytest.mark.slow  # starts a Dask cluster and loads the OCR models in each worker


def _page(numbers: list[str]) -> bytes:
    img = draw_table([["项目", "甲", "乙"], ["本年新收", *numbers]], widths=[8, 4, 4])
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def test_ocr_shards_run_on_both_workers_of_a_dask_cluster(tmp_path, monkeypatch):
    from distributed import LocalCluster

    from pipelines.defs.ocr import dask_job, scanned_paths, shard_of

    raw = tmp_path / "raw"
    (raw / "2023").mkdir(parents=True)
    names = [f"2023/scan{i}.png" for i in range(20)]
    # two files, one in each of two shards
    first = names[0]
    second = next(n for n in names if shard_of(n, 2) != shard_of(first, 2))
    (raw / first).write_bytes(_page(["12", "3"]))
    (raw / second).write_bytes(_page(["40", "7"]))
    (raw / "2023" / "notes.txt").write_text("一、总体情况", encoding="utf-8")
    assert scanned_paths(raw) == sorted([first, second])
    # the workers are started after this, and take the folders and the shard count from the environment
    monkeypatch.setenv("XXGK_ROOT", str(tmp_path))
    monkeypatch.setenv("XXGK_OCR_CACHE", str(tmp_path / "ocr-cache"))
    monkeypatch.setenv("XXGK_OCR_SHARDS", "2")
    (tmp_path / "dagster").mkdir()
    instance = dg.DagsterInstance.local_temp(str(tmp_path / "dagster"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        config = {"execution": {"config": {"cluster": {"existing": {"address": cluster.scheduler_address}}}}}
        with dg.execute_job(dg.reconstructable(dask_job), instance=instance, run_config=config) as result:
            assert result.success, [e.event_specific_data.error.to_string() for e in result.all_events
                                    if e.is_failure]
            files = {**result.output_for_node("ocr_shard_0"), **result.output_for_node("ocr_shard_1")}
        assert sorted(files) == sorted([first, second])
        assert {f["worker"] for f in files.values()} == set(cluster.scheduler_info["workers"])
        assert not any(f["cached"] for f in files.values()) and all(f["pages"] == 1 for f in files.values())
        with dg.execute_job(dg.reconstructable(dask_job), instance=instance, run_config=config) as again:
            assert again.success
            assert all(f["cached"] for i in (0, 1) for f in again.output_for_node(f"ocr_shard_{i}").values())
