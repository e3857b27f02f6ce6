"""`xxgk parse`: JSON lines in the gold schema, a readable summary, clear exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from test_bad_input import tab_report

XXGK = [sys.executable, "-m", "pipelines.cli"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*XXGK, *args], capture_output=True, text=True, timeout=120)


def test_json_lines_in_the_gold_schema(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(tab_report(), encoding="utf-8")
    b.write_bytes(tab_report().encode("gb18030"))
    proc = run("parse", "--json", str(a), str(b))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["path"] for d in lines] == [str(a), str(b)]
    for d in lines:
        assert d["agency"] == "平湖市统计局" and d["year"] == 2021 and d["template"] == "v2021"
        assert d["applications"]["new"]["total"] == 4 and d["status"] == "ok"
        assert d["provenance"]["applications/new/total"]["raw"] == "4"


def test_missing_file_is_an_error_naming_it(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(tab_report(), encoding="utf-8")
    proc = run("parse", "--json", str(good), str(tmp_path / "missing.txt"))
    assert proc.returncode != 0
    assert "missing.txt" in proc.stderr
    assert len(proc.stdout.splitlines()) == 1  # the readable file is still reported


def test_readable_summary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(tab_report(), encoding="utf-8")
    proc = run("parse", str(path))
    assert proc.returncode == 0
    assert "平湖市统计局" in proc.stdout and "table 3" in proc.stdout and "carried_forward" in proc.stdout


def test_not_a_report_is_reported_not_raised(tmp_path):
    path = tmp_path / "junk.bin"
    path.write_bytes(bytes(range(256)) * 4)
    proc = run("parse", "--json", str(path))
    assert proc.returncode == 0
    d = json.loads(proc.stdout)
    assert d["status"] == "quarantined" and d["issues"][0]["code"] == "file_binary"
