"""Idempotent loads, revised reports, nothing lost, atomic publishing under a reader and a crash."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from warehouse_fixtures import build, copy_corpus

from pipelines.flow import build as flow
from pipelines.ingest.files import raw_files
from pipelines.warehouse import load as load_module
from pipelines.warehouse.build import BuildError, build_lock, parse_to_parquet
from pipelines.warehouse.gold import gold_path, gold_report
from pipelines.warehouse.load import load_staged

REPO = Path(__file__).resolve().parents[2]  # where the crashing build's subprocess runs
TABLES = ["dim_agency", "dim_report", "fact_active_disclosure", "fact_application", "fact_review_litigation",
          "parse_issue", "quarantine", "ingest_run"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> dict[str, list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        con.close()


def revise(raw: Path, name: str, row: str = "new", delta: int = 5) -> None:
    """A revised edition of a report: new bytes, and a gold file whose `row` grew by `delta`."""
    path = raw / name
    path.write_bytes(path.read_bytes() + "\n（修订版）\n".encode())
    gold_file = gold_path(path)
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    gold["applications"][row]["total"] += delta
    gold_file.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_loading_the_same_files_twice_changes_nothing(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "xxgk.duckdb"
    first = build(raw, warehouse)
    assert first.published and first.load.reports_new == len(raw_files(raw))
    before, tables = sha(warehouse), dump(warehouse)
    second = build(raw, warehouse, when="2025-02-02 03:00")
    assert second.load.reports_new == 0 and second.load.reports_unchanged == len(raw_files(raw))
    assert not second.published and sha(warehouse) == before  # nothing new: the file is untouched

    # even when a file is written, loading the same staged batch again adds nothing
    staging = tmp_path / "staging"
    parse_to_parquet(raw_files(raw), staging, workers=1, parser=gold_report)
    again = tmp_path / "again.duckdb"
    summary = load_staged(staging, again, base=warehouse)
    assert summary.reports_new == 0 and summary.superseded == 0
    assert dump(again) == tables
    assert list(tmp_path.glob(".xxgk.duckdb.*")) == []


def test_revised_report_replaces_the_older_version_and_keeps_history(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "xxgk.duckdb"
    build(raw, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    old_id, old_new = con.execute(
        "SELECT report_id, new FROM v_applications_wide WHERE agency = '上海市科学技术委员会'").fetchone()
    con.close()

    revise(raw, "v2021_02.md", delta=5)
    summary = build(raw, warehouse, when="2026-02-01 03:00")
    assert summary.published and summary.load.reports_new == 1 and summary.load.superseded == 1

    con = duckdb.connect(str(warehouse), read_only=True)
    versions = con.execute(
        "SELECT report_id, is_current, superseded_by, ingested_at FROM dim_report "
        "WHERE source_path LIKE '%v2021_02.md' ORDER BY ingested_at").fetchall()
    assert len(versions) == 2
    (first_id, first_current, first_by, _), (new_id, new_current, new_by, _) = versions
    assert first_id == old_id and not first_current and first_by == new_id
    assert new_current and new_by is None
    assert con.execute("SELECT new FROM v_applications_wide WHERE agency = '上海市科学技术委员会'").fetchall() == [
        (old_new + 5,)]
    # the facts of the old version stay, for history
    assert con.execute("SELECT count(*) FROM fact_application WHERE report_id = $id",
                       {"id": old_id}).fetchone()[0] > 0
    runs = con.execute("SELECT reports_new, superseded FROM ingest_run ORDER BY ingested_at").fetchall()
    assert runs[-1] == (1, 1)
    con.close()


def test_every_file_seen_is_in_dim_report_or_quarantine(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "notice.txt").write_text("关于开展政府信息公开工作的通知", encoding="utf-8")
    (raw / "copy_of_v2019_01.html").write_bytes((raw / "v2019_01.html").read_bytes())  # same bytes
    (raw / "copy_of_v2019_01.gold.json").write_bytes((raw / "v2019_01.gold.json").read_bytes())
    (raw / ".hidden").write_text("editor swap file")
    warehouse = tmp_path / "xxgk.duckdb"
    summary = build(raw, warehouse)
    files = raw_files(raw)
    load = summary.load
    assert load.files_seen == len(files) == load.reports_new + load.reports_unchanged + load.duplicates
    assert load.duplicates == 1
    con = duckdb.connect(str(warehouse), read_only=True)
    cells = con.execute("SELECT count(*), count(DISTINCT (report_id, row_code, applicant_type)) "
                        "FROM fact_application").fetchone()
    assert cells[0] == cells[1]  # the copy's cells are loaded once
    con.close()

    con = duckdb.connect(str(warehouse), read_only=True)
    loaded = {p for (p,) in con.execute("SELECT source_path FROM dim_report WHERE status <> 'quarantined'").fetchall()}
    quarantined = {p for (p,) in con.execute("SELECT path FROM quarantine").fetchall()}
    shas = {s for (s,) in con.execute("SELECT sha256 FROM dim_report").fetchall()}
    # every file is there by path, or (a copy) by its bytes
    for f in files:
        assert str(f) in loaded | quarantined or sha(f) in shas, f
    assert not loaded & quarantined
    assert len(loaded) + len(quarantined) + load.duplicates == len(files)
    reasons = dict(con.execute("SELECT path, reason FROM quarantine").fetchall())
    assert {Path(p).name for p in reasons} == {"empty.txt", "notice.txt", "SOURCES.md"}
    assert all(reasons.values())
    assert con.execute("SELECT count(*) FROM dim_report WHERE status = 'quarantined' AND is_current").fetchone()[0] == 0
    run = con.execute("SELECT files_seen, reports_new, reports_unchanged, duplicates FROM ingest_run").fetchone()
    assert run[0] == run[1] + run[2] + run[3] == len(files)
    con.close()


READER = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(con.execute("SELECT count(*) FROM dim_report").fetchone()[0], flush=True)
    sys.stdin.readline()                      # the build ran meanwhile
    print(con.execute("SELECT count(*) FROM dim_report").fetchone()[0], flush=True)
    print(con.execute("SELECT sum(count) FROM fact_application").fetchone()[0], flush=True)
""")


def test_a_reader_keeps_working_while_a_build_publishes(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "xxgk.duckdb"
    build(raw, warehouse)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(warehouse)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        before = int(reader.stdout.readline())
        revise(raw, "v2019_01.html")
        summary = build(raw, warehouse, when="2026-02-01 03:00")  # must not need the reader's file
        assert summary.published
        out, err = reader.communicate("go\n", timeout=60)
    finally:
        reader.kill()
    assert reader.returncode == 0, err
    during, facts = map(int, out.split())
    assert facts > 0
    assert during == before  # the reader still sees the file it opened
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM dim_report").fetchone()[0] == before + 1
    con.close()


def test_a_build_that_fails_midway_leaves_the_old_file_byte_identical(tmp_path, monkeypatch):
    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "xxgk.duckdb"
    build(raw, warehouse)
    before = sha(warehouse)
    revise(raw, "v2019_01.html")

    real_run_file = load_module.run_file

    def failing_run_file(con, path, params=None):
        if path.name.startswith("40_"):
            raise RuntimeError("disk full while loading the facts")
        return real_run_file(con, path, params)

    monkeypatch.setattr(load_module, "run_file", failing_run_file)
    with pytest.raises(RuntimeError, match="disk full"):
        build(raw, warehouse, when="2026-02-01 03:00")
    monkeypatch.undo()
    assert sha(warehouse) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw", "xxgk.duckdb", "xxgk.duckdb.lock"]

    def refuse(new_path: Path, **kwargs) -> None:  # e.g. the quality checks could not run
        raise RuntimeError("checks failed")

    monkeypatch.setattr(flow, "validate_warehouse", refuse)
    with pytest.raises(RuntimeError, match="checks failed"):
        build(raw, warehouse, when="2026-02-01 03:00", validate=True)
    assert sha(warehouse) == before


CRASHER = textwrap.dedent("""
    import os, sys
    from datetime import datetime
    from pipelines.flow import build as flow
    from pipelines.warehouse.gold import gold_report
    flow.validate_warehouse = lambda path, **kwargs: os._exit(9)  # dies between load and publish
    flow.build(sys.argv[1], sys.argv[2], workers=1, parser=gold_report, ingested_at=datetime(2026, 2, 1))
""")


def test_a_build_killed_before_publishing_leaves_the_old_file(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "xxgk.duckdb"
    build(raw, warehouse)
    before = sha(warehouse)
    revise(raw, "v2019_01.html")
    crashed = subprocess.run([sys.executable, "-c", CRASHER, str(raw), str(warehouse)], cwd=REPO,
                             capture_output=True, text=True, timeout=120)
    assert crashed.returncode == 9, crashed.stderr
    assert sha(warehouse) == before
    assert list(tmp_path.glob(".xxgk.duckdb.new-*"))  # the dead build's half-made file
    summary = build(raw, warehouse, when="2026-02-01 04:00")  # the next build cleans up and succeeds
    assert summary.published and summary.load.reports_new == 1
    assert list(tmp_path.glob(".xxgk.duckdb.new-*")) == []


def test_two_builds_of_one_warehouse_do_not_race(tmp_path):
    warehouse = tmp_path / "xxgk.duckdb"
    with build_lock(warehouse), pytest.raises(BuildError, match="another build"):
        build(copy_corpus(tmp_path / "raw"), warehouse)


def test_parse_in_worker_processes_matches_inline(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    inline, pooled = tmp_path / "inline.duckdb", tmp_path / "pooled.duckdb"
    build(raw, inline, workers=1)
    build(raw, pooled, workers=2)
    a, b = dump(inline), dump(pooled)
    a.pop("ingest_run"), b.pop("ingest_run")  # finished_at differs
    files_read = [r for r in a["dim_report"] if "reconciled" not in r]  # not the copies reconciled
    assert a == b and len(files_read) == len(raw_files(raw))


def test_a_file_gone_before_its_batch_is_parsed_is_quarantined_with_its_reason(tmp_path):
    """The batch's read-ahead and the parse both meet the missing file: the batch goes on, and
    the file is staged as unreadable, not dropped."""
    import polars as pl

    from pipelines.parse import parse_file
    from pipelines.warehouse.build import _parse_batch

    raw = copy_corpus(tmp_path / "raw")
    present = [str(p) for p in raw_files(raw)][:2]
    gone = str(raw / "gone.txt")
    assert _parse_batch("part-000000", [present[0], gone, present[1]], str(tmp_path / "staging"), parse_file) == 3
    rows = pl.read_parquet(tmp_path / "staging" / "report" / "part-000000.parquet")
    assert rows["source_path"].to_list() == [present[0], gone, present[1]]
    assert rows.filter(pl.col("source_path") == gone)["quarantine_codes"].to_list() == [["file_unreadable"]]


def test_a_file_that_kills_its_worker_is_quarantined_and_the_rest_read(tmp_path):
    """A crash in native code (PDFium on a malformed PDF) kills the worker process, not the
    build: the batches it took down are read again, halved until the file is alone."""
    import crashing_parser

    from pipelines.synth.corpus import Options, write_corpus
    from pipelines.warehouse.stage import read_parquet

    raw = tmp_path / "raw"
    write_corpus(raw, 3, Options(seed=5, junk_rate=0))
    (raw / "crash_2021.pdf").write_bytes(b"%PDF-1.7 whatever")
    files = raw_files(raw)
    parse_to_parquet(files, tmp_path / "staging", workers=2, parser=crashing_parser.parse, batch_size=4)
    reports = read_parquet(tmp_path / "staging")["report"].to_pylist()
    issues = read_parquet(tmp_path / "staging")["issue"].to_pylist()
    assert sorted(r["source_path"] for r in reports) == sorted(map(str, files))  # each once
    crashed = next(r for r in reports if r["source_path"].endswith("crash_2021.pdf"))
    assert crashed["status"] == "quarantined"
    said = [i["message"] for i in issues if i["report_id"] == crashed["report_id"]]
    assert said and "process died" in said[0]
    assert all(r["status"] != "quarantined" for r in reports if r is not crashed)
