"""One bad file never stops, stalls or corrupts a build: its name, its size, its time, its memory."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import duckdb
import hostile_parsers
from warehouse_fixtures import SHARED, build, copy_corpus

from pipelines.ingest.files import path_text, raw_listing, text_path
from pipelines.parse import parse_bytes, parse_file
from pipelines.warehouse.build import FileLimits, parse_one, parse_to_parquet
from pipelines.warehouse.stage import read_parquet

GBK_NAME = "政府信息公开工作年度报告".encode("gbk") + b".md"  # what unzip gives for a Windows archive


def _docx(document_body: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats'
                   '.org/wordprocessingml/2006/main"><w:body>' + document_body + "</w:body></w:document>")
    return out.getvalue()


def _labelled(raw: Path) -> list[Path]:
    return [p for p in raw_listing(raw).files if p.with_name(p.stem + ".gold.json").exists()]


def test_path_text_is_readable_and_lossless(tmp_path):
    assert path_text("/raw/年报.md") == "/raw/年报.md"  # a UTF-8 name as it is
    name = os.fsdecode(b"/raw/" + GBK_NAME)
    text = path_text(name)
    text.encode("utf-8")  # storable and printable
    assert "\\x" in text and text_path(text) == Path(name)
    tricky = os.fsdecode(b"/raw/a\\b\xff.md")  # a backslash beside a byte that is not UTF-8
    assert text_path(path_text(tricky)) == Path(tricky)


def test_a_file_name_in_gbk_bytes_is_parsed_not_fatal(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    source = next(p for p in sorted(raw.iterdir()) if p.suffix == ".md" and p.with_suffix(".gold.json").exists())
    target = os.path.join(os.fsencode(raw), GBK_NAME)
    shutil.copyfile(source, target)
    shutil.copyfile(source.with_name(source.stem + ".gold.json"), target[:-3] + b".gold.json")
    result = build(raw, tmp_path / "xxgk.duckdb")
    assert result.published
    con = duckdb.connect(str(tmp_path / "xxgk.duckdb"), read_only=True)
    paths = [r[0] for r in con.execute("SELECT source_path FROM dim_report").fetchall()]
    con.close()
    escaped = [p for p in paths if "\\x" in p]
    assert len(escaped) == 1 and os.fsencode(text_path(escaped[0])) == target


def test_the_real_parser_takes_a_gbk_name_too(tmp_path):
    source = next(p for p in sorted((SHARED / "corpus").glob("*.md")) if p.with_suffix(".gold.json").exists())
    target = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), GBK_NAME)))
    shutil.copyfile(source, target)
    parse_to_parquet([target], tmp_path / "staging", workers=1)
    [row] = read_parquet(tmp_path / "staging")["report"].to_pylist()
    assert row["status"] != "quarantined" and text_path(row["source_path"]) == target


def test_a_docx_that_inflates_past_the_limit_is_quarantined_with_the_reason(tmp_path):
    bomb = _docx("<w:p><w:r><w:t>" + "0" * (60 << 20) + "</w:t></w:r></w:p>")
    assert len(bomb) < 200_000
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    report = parse_one(path, parse_file)
    assert report.status == "quarantined"
    assert "inflates" in " ".join(i.message for i in report.issues)


def test_a_docx_with_one_huge_run_of_text_is_quarantined_before_conversion():
    report = parse_bytes(_docx("<w:p><w:r><w:t>" + "报" * 400_000 + "</w:t></w:r></w:p>"), "long-run.docx")
    assert report.status == "quarantined"
    assert "one run of text" in " ".join(i.message for i in report.issues)


def test_a_file_over_its_time_limit_is_quarantined_and_the_batch_goes_on(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    files = _labelled(raw)[:2]
    slow = raw / "slow.md"
    shutil.copyfile(files[0], slow)
    stats = parse_to_parquet([slow, *files], tmp_path / "staging", workers=1, parser=hostile_parsers.parse,
                             limits=FileLimits(seconds=1))
    assert stats.seconds < 30
    reports = {Path(r["source_path"]).name: r for r in read_parquet(tmp_path / "staging")["report"].to_pylist()}
    assert reports["slow.md"]["status"] == "quarantined"
    assert "longer than 1 s" in reports["slow.md"]["quarantine_reason"]
    assert all(reports[f.name]["status"] != "quarantined" for f in files)


def test_a_file_over_its_memory_limit_is_quarantined_and_the_batch_goes_on(tmp_path):
    raw = copy_corpus(tmp_path / "raw")
    files = _labelled(raw)[:3]
    greedy = raw / "greedy.md"
    shutil.copyfile(files[0], greedy)
    # two workers: the limit holds in the pool's processes, never in the build's own
    parse_to_parquet([greedy, *files], tmp_path / "staging", workers=2, batch_size=2, parser=hostile_parsers.parse,
                     limits=FileLimits(memory_bytes=2 << 30))
    reports = {Path(r["source_path"]).name: r for r in read_parquet(tmp_path / "staging")["report"].to_pylist()}
    assert len(reports) == 4
    assert reports["greedy.md"]["status"] == "quarantined"
    assert "memory" in reports["greedy.md"]["quarantine_reason"]
    assert all(reports[f.name]["status"] != "quarantined" for f in files)
