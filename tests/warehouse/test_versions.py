"""The current version of a report is the latest bytes seen at its path, even bytes seen before;
the history keeps every change."""

from __future__ import annotations

import duckdb
from warehouse_fixtures import build, copy_corpus

from pipelines.warehouse.gold import gold_path

NAME = "v2021_02.md"


def _state(warehouse) -> tuple[str, list[tuple[str, str]]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        [(current,)] = con.execute("SELECT report_id FROM dim_report WHERE is_current AND source_path LIKE $p",
                                   {"p": f"%{NAME}"}).fetchall()
        seen = con.execute("SELECT report_id, CAST(seen_at AS VARCHAR) FROM report_seen WHERE source_path LIKE $p "
                           "ORDER BY seen_at", {"p": f"%{NAME}"}).fetchall()
        return current, seen
    finally:
        con.close()


def test_bytes_restored_become_current_again(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "xxgk.duckdb"
    path, gold = raw / NAME, gold_path(raw / NAME)
    v1, gold_v1 = path.read_bytes(), gold.read_bytes()

    build(raw, warehouse, when="2025-02-01 03:00")
    first, _ = _state(warehouse)
    path.write_bytes(v1 + "\n（修订版）\n".encode())  # v2: a revision
    second_run = build(raw, warehouse, when="2025-03-01 03:00")
    second, _ = _state(warehouse)
    assert second != first and second_run.load.superseded == 1

    path.write_bytes(v1)  # v1 again: the revision withdrawn
    gold.write_bytes(gold_v1)
    third_run = build(raw, warehouse, when="2025-04-01 03:00")
    third, seen = _state(warehouse)
    assert third == first  # the latest bytes at the path, though seen before
    assert third_run.published and third_run.load.reports_new == 0 and third_run.load.superseded == 1
    assert seen == [(first, "2025-02-01 03:00:00"), (second, "2025-03-01 03:00:00"),
                    (first, "2025-04-01 03:00:00")]

    # the same bytes once more: no change, nothing recorded, nothing published
    again = build(raw, warehouse, when="2025-05-01 03:00")
    assert not again.published and _state(warehouse) == (third, seen)


def test_a_half_copied_file_replaced_by_the_full_one_leaves_the_full_one_current(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "xxgk.duckdb"
    path = raw / NAME
    full = path.read_bytes()
    build(raw, warehouse, when="2025-02-01 03:00")
    full_id, _ = _state(warehouse)
    path.write_bytes(full[: len(full) // 2])  # a copy caught half-way
    build(raw, warehouse, when="2025-02-02 03:00")
    path.write_bytes(full)
    build(raw, warehouse, when="2025-02-03 03:00")
    assert _state(warehouse)[0] == full_id
