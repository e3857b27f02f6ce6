"""What can fail late is checked up front, in one line; a stopped build leaves nothing behind;
every entry of the raw folder is accounted for."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import hostile_parsers
import pytest
from warehouse_fixtures import build, copy_corpus

from pipelines.cli import main
from pipelines.flow import build as flow
from pipelines.flow.build import BuildError, BuildInterrupted
from pipelines.ingest.files import raw_listing
from pipelines.warehouse.load import connect


def _sha(path: Path) -> bytes:
    return path.read_bytes()


def test_a_warehouse_that_is_not_duckdb_fails_at_once_in_one_line(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    hostile_parsers.CALLS.clear()
    text = tmp_path / "notes.duckdb"
    text.write_text("an analyst's notes, not a database\n")
    with pytest.raises(BuildError) as caught:
        build(raw, text, parser=hostile_parsers.parse)
    assert "not a DuckDB file" in str(caught.value) and "\n" not in str(caught.value)
    sqlite = tmp_path / "old.duckdb"
    sqlite.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    with pytest.raises(BuildError, match="SQLite"):
        build(raw, sqlite, parser=hostile_parsers.parse)
    assert hostile_parsers.CALLS == []  # refused before any file was parsed
    assert text.read_text() == "an analyst's notes, not a database\n"


def test_extension_autoinstall_and_autoload_are_off():
    con = connect()
    settings = dict(con.execute("SELECT name, value FROM duckdb_settings() WHERE name IN "
                                "('autoinstall_known_extensions', 'autoload_known_extensions')").fetchall())
    con.close()
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


def test_another_writer_is_found_before_parsing(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "xxgk.duckdb"
    build(raw, warehouse)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', flush=True); "
         "time.sleep(60)", str(warehouse)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        hostile_parsers.CALLS.clear()
        started = time.monotonic()
        with pytest.raises(BuildError, match="open for writing in another process"):
            build(raw, warehouse, parser=hostile_parsers.parse, fresh=True)
        assert hostile_parsers.CALLS == [] and time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def test_every_entry_of_the_raw_folder_is_accounted_for(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    (raw / ".~lock.report.docx#").write_text("an editor's lock")
    os.mkfifo(raw / "pipe.txt")
    (raw / "gone.md").symlink_to(raw / "nowhere.md")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.md").write_text("x")
    (raw / "linked").symlink_to(outside, target_is_directory=True)
    listing = raw_listing(raw)
    reasons = {p.name: r for p, r in listing.skipped}
    assert "hidden" in reasons[".~lock.report.docx#"]
    assert "FIFO" in reasons["pipe.txt"]
    assert "broken symbolic link" in reasons["gone.md"]
    assert "link to a folder" in reasons["linked"]
    entries = sum(1 for _ in raw.iterdir())
    assert len(listing.files) + len(listing.skipped) == entries

    warehouse = tmp_path / "xxgk.duckdb"
    result = build(raw, warehouse)
    assert {Path(p).name for p, _ in result.skipped} >= {".~lock.report.docx#", "pipe.txt", "gone.md", "linked"}
    con = duckdb.connect(str(warehouse), read_only=True)
    seen, skipped, logged = con.execute("SELECT files_seen, files_skipped, skipped FROM ingest_run").fetchone()
    con.close()
    assert seen + skipped == entries
    assert {Path(e["path"]).name: e["reason"] for e in logged}["pipe.txt"] == reasons["pipe.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")
def test_an_unreadable_file_is_skipped_with_the_reason(tmp_path):
    (tmp_path / "secret.md").write_text("x")
    (tmp_path / "secret.md").chmod(0)
    assert "unreadable" in dict((p.name, r) for p, r in raw_listing(tmp_path).skipped)["secret.md"]


def test_sigterm_stops_the_build_and_removes_its_staging(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    shutil.copyfile(next(raw.glob("*.md")), raw / "terminate.md")
    warehouse = tmp_path / "wh" / "xxgk.duckdb"
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(BuildInterrupted, match="SIGTERM"):
        build(raw, warehouse, parser=hostile_parsers.parse)
    assert sorted(p.name for p in warehouse.parent.iterdir()) == ["xxgk.duckdb.lock"]
    assert signal.getsignal(signal.SIGTERM) is before  # the handler is the build's only while it runs


def test_a_later_build_removes_staging_left_by_a_killed_one(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "xxgk.duckdb"
    left = [tmp_path / ".staging-xxgk.duckdb-abc123", tmp_path / ".xxgk.duckdb.new-99999"]
    left[0].mkdir()
    (left[0] / "report").mkdir()
    left[1].write_bytes(b"half a file")
    other = tmp_path / ".staging-other.duckdb-def456"  # another warehouse's: not ours to remove
    other.mkdir()
    build(raw, warehouse)
    assert not any(p.exists() for p in left) and other.exists()
    assert not list(tmp_path.glob(".staging-xxgk.duckdb-*"))


def test_a_failed_publish_leaves_no_validation_pages(tmp_path, monkeypatch):
    raw = copy_corpus(tmp_path / "raw")
    warehouse = tmp_path / "xxgk.duckdb"

    def failing(new_path, path):
        raise OSError("the disk is full")

    monkeypatch.setattr(flow, "publish", failing)
    with pytest.raises(OSError, match="disk is full"):
        build(raw, warehouse, validate=True, docs_dir=tmp_path / "docs")
    assert not warehouse.exists() and not (tmp_path / "docs").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".docs")]


def test_a_query_name_that_looks_like_markup_is_printed_as_written(capsys):
    assert main(["query", "[/red]"]) == 2
    assert "[/red]" in capsys.readouterr().err


def test_xxgk_build_takes_relative_paths_and_a_roster(tmp_path, monkeypatch):
    raw = copy_corpus(tmp_path / "raw")
    (tmp_path / "roster.csv").write_text("agency,region\n测试县人民政府,\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--raw", "raw", "--warehouse", "warehouse/x.duckdb", "--from-gold", "--no-validate",
                 "--roster", "roster.csv"]) == 0
    con = duckdb.connect(str(tmp_path / "warehouse" / "x.duckdb"), read_only=True)
    names = {r[0] for r in con.execute("SELECT name FROM agency_roster WHERE list_contains(sources, 'roster')")
             .fetchall()}
    governments = con.execute("SELECT count(*) FROM agency_roster WHERE list_contains(sources, 'gazetteer')")
    assert "测试县人民政府" in names and governments.fetchone()[0] > 1000
    con.close()
    assert raw.is_dir() and not list((tmp_path / "warehouse").glob(".staging-*"))
