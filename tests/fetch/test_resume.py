"""A fetch killed mid-download leaves no partial file in raw/, and the next run fetches only
what is missing; and `xxgk fetch` as the analyst runs it."""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from site_helpers import send

from pipelines.fetch import command as fetch_command
from pipelines.fetch import fetch, load_records, read_url_csv

REPO = Path(__file__).resolve().parents[2]


def _page(title: str, body: str = "") -> bytes:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{title}{body}</body></html>".encode()


def test_a_run_killed_mid_download_resumes_with_only_what_is_missing(site, opts, tmp_path):
    release = threading.Event()
    started = threading.Event()
    pdf = b"%PDF-1.4\n" + b"1" * 200_000 + b"\n%%EOF\n"

    def slow_pdf(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/pdf")
        h.send_header("Content-Length", str(len(pdf)))
        h.end_headers()
        try:
            h.wfile.write(pdf[:50_000])
            h.wfile.flush()
            started.set()
            if not release.wait(20):  # the first run is killed while it waits here
                return
            h.wfile.write(pdf[50_000:])
        except (BrokenPipeError, ConnectionResetError):
            pass

    site.add("/r/2019.htm", _page("某县2019年度政府信息公开工作年度报告"))
    site.add("/r/2020.htm", _page("某县2020年度政府信息公开工作年度报告", '<a href="/f/2020.pdf">附件</a>'))
    site.add("/r/2021.htm", _page("某县2021年度政府信息公开工作年度报告"))
    site.handlers["/f/2020.pdf"] = slow_pdf
    urls = tmp_path / "reports.csv"
    urls.write_text("url,agency\n" + "".join(f"{site.url(f'/r/{y}.htm')},某县人民政府\n" for y in (2019, 2020, 2021)),
                    encoding="utf-8")
    raw = tmp_path / "raw"
    code = ("import sys; from pipelines.fetch import fetch, FetchOptions; "
            "fetch(sys.argv[1], None, sys.argv[2], FetchOptions(delay=0, trust_env=False, workers=1))")
    proc = subprocess.Popen([sys.executable, "-c", code, str(urls), str(raw)], cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert started.wait(30), "the fetch never reached the attachment"
        time.sleep(0.2)  # let the first bytes reach the temporary file
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    saved = {r.url.rsplit("/", 1)[1] for r in load_records(raw, saved_only=True)}
    assert saved == {"2019.htm", "2020.htm"}
    assert not (raw / "127.0.0.1_{}".format(site.base.rsplit(":", 1)[1]) / "f").exists()  # no partial PDF
    assert list((raw / ".fetch" / "tmp").glob("*.part"))  # it was mid-download, in the temporary folder
    release.set()
    site.handlers["/f/2020.pdf"] = lambda h: send(h, 200, pdf, "application/pdf")
    site.requests.clear()
    tasks, _ = read_url_csv(urls)
    s = fetch(urls_csv=urls, raw_dir=raw, options=dataclasses.replace(opts, recheck_after=3600.0))
    assert sorted(p for p in site.paths() if p != "/robots.txt") == ["/f/2020.pdf", "/r/2021.htm"]
    assert s.new == 2 and s.kept == 2 and not s.failures and len(tasks) == 3
    assert not list((raw / ".fetch" / "tmp").iterdir())
    (att,) = [r for r in load_records(raw, saved_only=True) if r.role == "attachment"]
    assert (raw / att.path).read_bytes() == pdf


def test_xxgk_fetch_prints_a_summary_and_says_by_its_status_whether_all_went_well(site, tmp_path, capsys, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    site.add("/r/2020.htm", _page("某县2020年度政府信息公开工作年度报告"))
    urls = tmp_path / "reports.csv"
    urls.write_text(f"url\n{site.url('/r/2020.htm')}\n{site.url('/r/none.htm')}\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    fetch_command.add_arguments(parser)
    args = parser.parse_args(["--urls", str(urls), "--raw", str(tmp_path / "raw"), "--delay", "0", "--retries", "0",
                              "--quiet", "--contact", "mailto:a@b.org"])
    assert fetch_command.run(args) == 1
    out = capsys.readouterr().out
    assert "new 1" in out and "FAILED page" in out and "HTTP 404 not found" in out
    assert fetch_command.run(parser.parse_args(["--raw", str(tmp_path)])) == 2
    assert fetch_command.run(parser.parse_args(["--urls", str(tmp_path / "nope.csv"), "--quiet"])) == 2
    assert "nope.csv: cannot be read" in capsys.readouterr().err


def test_fetch_never_touches_what_it_did_not_write(site, opts, tmp_path):
    raw = tmp_path / "raw"
    (raw / "by-hand").mkdir(parents=True)
    (raw / "by-hand" / "report.txt").write_text("放在这里的报告", encoding="utf-8")
    site.add("/r.htm", _page("某县2020年度政府信息公开工作年度报告"))
    from pipelines.fetch import ReportTask

    fetch(raw_dir=raw, options=opts, urls=[ReportTask(site.url("/r.htm"))])
    assert (raw / "by-hand" / "report.txt").read_text(encoding="utf-8") == "放在这里的报告"
