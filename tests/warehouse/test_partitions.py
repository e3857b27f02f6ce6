"""The Dagster job's staging, without Dagster: year hints, what raw/ holds, which partitions changed,
and the parse step writing partition folders the loader reads."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pipelines.ingest.files import scan
from pipelines.warehouse.gold import gold_report
from pipelines.warehouse.partitions import (
    UNDATED,
    changed_partitions,
    partition_dirs,
    partition_key,
    partition_keys,
    raw_overview,
    stage_partitions,
    staged_files,
)


def _raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    (raw / "2021").mkdir(parents=True)
    (raw / "2021" / "a.txt").write_text("report a")
    (raw / "000001_2019.html").write_text("report b")
    (raw / "notice.txt").write_text("not dated")
    (raw / "000001_2019.gold.json").write_text("{}")  # a label, not a report
    return raw


def test_partition_keys_and_year_hints(tmp_path) -> None:
    keys = partition_keys(dt.date(2026, 3, 1))
    assert keys[0] == "2008" and keys[-2:] == ["2026", UNDATED]
    raw = _raw(tmp_path)
    assert partition_key(raw / "2021" / "a.txt", raw) == "2021"  # a folder named after the year
    assert partition_key(raw / "000001_2019.html", raw) == "2019"  # a year in the name
    assert partition_key(raw / "notice.txt", raw) == UNDATED
    assert partition_key(raw / "x_12019.txt", raw) == UNDATED  # digits around it: not a year


def test_raw_overview_changes_with_any_file(tmp_path) -> None:
    raw = _raw(tmp_path)
    first = raw_overview(raw)
    assert (first.files, first.per_partition) == (3, {"2019": 1, "2021": 1, UNDATED: 1})
    assert first.size == len("report a") + len("report b") + len("not dated")
    assert raw_overview(raw).version == first.version
    (raw / "notice.txt").write_text("not dated, revised")
    assert raw_overview(raw).version != first.version


def test_changed_partitions_compares_hashes(tmp_path) -> None:
    raw = _raw(tmp_path)
    seen = {p: v[2] for p, v in scan(raw).items()}
    assert changed_partitions(raw, seen, seen) == []
    (raw / "2021" / "a.txt").write_text("report a, revised")
    (raw / "000001_2019.html").unlink()
    now = {p: v[2] for p, v in scan(raw).items()}
    assert changed_partitions(raw, now, seen) == ["2019", "2021"]  # changed, and gone
    # a file the staging knows from another raw folder is nothing of this folder's to re-parse
    assert changed_partitions(raw, now, {**now, "/elsewhere/2020/x.txt": "0"}) == []


def test_stage_partitions_writes_one_folder_per_partition(tmp_path) -> None:
    raw = _raw(tmp_path)
    staging = tmp_path / "staging"
    summary, files = stage_partitions(raw, staging, ["2019", "2021", UNDATED], workers=1, parser=gold_report)
    assert summary.files == 3 and sorted(files) == ["2019", "2021", UNDATED]
    assert [p.name for p in partition_dirs(staging)] == ["2019", "2021", UNDATED]
    assert set(staged_files(staging)) == {str(p.resolve()) for p in files["2019"] + files["2021"] + files[UNDATED]}
    # a partition whose files are gone loses its folder; the others stay as they were
    before = (staging / "2021").stat().st_ino
    os.remove(raw / "000001_2019.html")
    stage_partitions(raw, staging, ["2019"], workers=1, parser=gold_report)
    assert [p.name for p in partition_dirs(staging)] == ["2021", UNDATED]
    assert (staging / "2021").stat().st_ino == before
