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


def test_a_folder_stands_for_the_reports_in_it(tmp_path):
    (tmp_path / "county").mkdir()
    (tmp_path / "county" / "b.txt").write_text(tab_report(), encoding="utf-8")
    (tmp_path / "a.txt").write_text(tab_report(), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(tab_report(), encoding="utf-8")
    proc = run("parse", "--json", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["path"] for line in proc.stdout.splitlines()] == [
        str(tmp_path / "a.txt"), str(tmp_path / "county" / "b.txt")]


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


def test_a_damaged_pdf_is_an_error_saying_why(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj garbage")
    proc = run("parse", "--json", str(path))
    assert proc.returncode != 0
    assert "broken.pdf" in proc.stderr and "PDF" in proc.stderr
    assert json.loads(proc.stdout)["status"] == "quarantined"


def _where(report: dict, key: str) -> tuple[str, str]:
    cell = report["provenance"][key]
    return cell["where"], cell["raw"]


def test_text_numbers_a_text_as_its_places_say(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(tab_report(), encoding="utf-8")
    where, raw = _where(json.loads(run("parse", "--json", str(path)).stdout), "applications/new/total")
    proc = run("text", str(path))
    assert proc.returncode == 0
    line, col = map(int, where.removeprefix("line ").split(" col "))
    shown = next(s for s in proc.stdout.splitlines() if s.startswith(f"line {line:>2}: "))
    assert shown.split(": ", 1)[1][col - 1:].startswith(raw)


def test_text_shows_a_pdf_page_by_page(tmp_path):
    import random

    from sample_reports import small_report

    from pipelines.synth.documents import render_file

    path = tmp_path / "a.pdf"
    path.write_bytes(render_file("pdf-file", small_report("平湖市统计局", 2021, "v2021", 7), random.Random(4)))
    where, raw = _where(json.loads(run("parse", "--json", str(path)).stdout), "applications/new/natural_person")
    page = where.split()[1]
    proc = run("text", "--page", page, str(path))
    assert proc.returncode == 0 and proc.stdout.startswith(f"── page {page} ──")
    prefix = f"page {page} line {int(where.split()[3]):>2}: "
    shown = next(s for s in proc.stdout.splitlines() if s.startswith(prefix))
    assert shown.removeprefix(prefix)[int(where.split()[5]) - 1:].startswith(raw)


def test_text_shows_a_word_files_tables_by_row(tmp_path):
    import random

    from sample_reports import small_report

    from pipelines.synth.documents import render_file

    path = tmp_path / "a.docx"
    path.write_bytes(render_file("docx", small_report("平湖市统计局", 2021, "v2021", 7), random.Random(4)))
    where, raw = _where(json.loads(run("parse", "--json", str(path)).stdout), "applications/new/natural_person")
    row, col = where.rsplit(" col ", 1)
    shown = next(s for s in run("text", str(path)).stdout.splitlines() if s.startswith(row + ": "))
    assert f"col {col} {raw} │" in shown or shown.endswith(f"col {col} {raw}")


def test_text_of_a_missing_file_is_an_error(tmp_path):
    proc = run("text", str(tmp_path / "missing.pdf"))
    assert proc.returncode == 1 and "missing.pdf" in proc.stderr
