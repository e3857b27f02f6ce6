"""The fetcher against a local site on 127.0.0.1: the real Pingtan column with the corpus's
reports as further pages and attachments, and every fault of issue 23 — each a clear line in
the summary, with nothing already fetched lost."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import pytest
from shared_data import SHARED
from site_helpers import send

from pipelines.fetch import FetchInputError, ReportTask, fetch, load_records, relpath_for
from pipelines.fetch.store import sha256_of

SITE_ROOT = SHARED / "sites" / "pingtan"
COLUMN = "/zwgk/zfxxgk/zfxxgknb/"


def _raw_files(raw: Path) -> dict[str, bytes]:
    return {p.relative_to(raw).as_posix(): p.read_bytes() for p in raw.rglob("*")
            if p.is_file() and ".fetch" not in p.relative_to(raw).parts}


def _page(title: str, body: str = "", date: str | None = None) -> str:
    meta = f'<meta name="PubDate" content="{date} 09:00"/>' if date else ""
    return (f"<html><head><meta charset='utf-8'>{meta}<title>{title}</title></head>"
            f"<body><h1>{title}</h1>{body}</body></html>")


def add_pingtan(site) -> None:
    """The real column and its two real report pages, plus the corpus's 2024 report (a slice of
    its page) and the 2021 report as a page with a DOCX attachment, and a 2023 page whose report
    is a PDF."""
    if not SITE_ROOT.is_dir() or not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/sites/pingtan or ../shared/corpus is not present")
    from pipelines.synth.documents import docx_from_blocks

    site.add_tree(SITE_ROOT)
    site.add(COLUMN + "202503/t20250310_97791.htm", (SHARED / "corpus" / "v2021_04.html").read_bytes())
    lines = (SHARED / "corpus" / "v2021_08.txt").read_text(encoding="utf-8").splitlines()
    site.add(COLUMN + "202202/P020220208.docx", docx_from_blocks([ln for ln in lines if ln.strip()]),
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    site.add(COLUMN + "202202/t20220208_80613.htm", _page(
        "平潭综合实验区2021年度政府信息公开工作年度报告",
        '<p>附件：<a href="./P020220208.docx">平潭综合实验区2021年度政府信息公开工作年度报告.docx</a></p>'))
    pdf = SHARED / "corpus-unlabeled" / "govnianbao" / "0001.pdf"
    if pdf.is_file():
        site.add(COLUMN + "202403/P020240308.pdf", pdf.read_bytes(), "application/pdf")
        site.add(COLUMN + "202403/t20240308_87885.htm", _page(
            "平潭综合实验区2023年度政府信息公开工作年度报告", '<a href="P020240308.pdf">下载</a>'))


@pytest.fixture
def pingtan(site):
    add_pingtan(site)
    return site


def test_a_column_is_fetched_with_its_reports_attachments_and_provenance(pingtan, opts, tmp_path):
    raw = tmp_path / "raw"
    s = fetch(raw_dir=raw, options=opts, columns=[_column(pingtan)])
    assert s.list_pages == 2 and any("index_1.html" in n for n in s.notes)  # the guessed page 2: a 404, no failure
    assert len(s.found) == 10
    saved = {r.url.rsplit("/", 1)[1]: r for r in load_records(raw, saved_only=True)}
    expected = {"t20180123_80506.htm", "t20190110_80529.htm", "t20250310_97791.htm", "t20220208_80613.htm",
                "P020220208.docx"}
    assert expected <= set(saved)
    # every saved file is whole, where its URL says, with its hash and size
    for r in saved.values():
        path = raw / r.path
        assert path == raw / relpath_for(r.url) and sha256_of(path) == r.sha256 and path.stat().st_size == r.bytes
        assert r.agency == "平潭综合实验区" and r.list_url == pingtan.url(COLUMN)
        assert r.fetched_at and r.http_status == 200 and r.outcome == "new"
    report = saved["t20180123_80506.htm"]
    assert (report.year, report.published_at, report.published_at_source) == (2017, "2018-01-23", "list")
    assert report.link_text == "平潭综合实验区2017年度政府信息公开工作年度报告" and report.encoding == "utf-8"
    docx = saved["P020220208.docx"]
    assert docx.role == "attachment" and docx.parent_url.endswith("t20220208_80613.htm") and docx.format == "zip"
    assert (docx.year, docx.published_at) == (2021, "2022-02-08")
    # the six listed reports the site does not have are failures that say so
    missing = {f.url.rsplit("/", 1)[1]: f for f in s.failures}
    assert "t20260313_105587.htm" in missing and missing["t20260313_105587.htm"].reason == "HTTP 404 not found"
    assert missing["t20260313_105587.htm"].year == 2025
    assert s.failed == len(missing) == 10 - len([u for u in saved if u.endswith(".htm")])
    # a sidecar is plain JSON naming every field of issue 23
    sidecar = json.loads((raw / ".fetch" / "meta" / (report.path + ".json")).read_text(encoding="utf-8"))
    for key in ("url", "final_url", "list_url", "link_text", "fetched_at", "http_status", "content_type", "etag",
                "last_modified", "sha256", "bytes", "published_at"):
        assert sidecar[key] is not None, key
    assert not list((raw / ".fetch" / "tmp").iterdir())


def test_a_rerun_against_an_unchanged_site_makes_only_conditional_requests_and_saves_nothing(pingtan, opts, tmp_path):
    raw = tmp_path / "raw"
    first = fetch(raw_dir=raw, options=opts, columns=[_column(pingtan)])
    before = _raw_files(raw)
    saved_paths = {pingtan_path(r.url) for r in load_records(raw, saved_only=True)} | {COLUMN}
    pingtan.requests.clear()
    second = fetch(raw_dir=raw, options=opts, columns=[_column(pingtan)])
    assert second.new == second.changed == 0 and second.unchanged == first.new
    for req in pingtan.requests:
        if req.path in saved_paths:
            assert req.headers.get("if-none-match") and req.status == 304, req.path
    assert {r.path for r in pingtan.requests if r.status == 304} == saved_paths
    assert _raw_files(raw) == before


def test_a_rerun_soon_after_requests_no_saved_report_at_all(pingtan, opts, tmp_path):
    raw = tmp_path / "raw"
    fetch(raw_dir=raw, options=opts, columns=[_column(pingtan)])
    pingtan.requests.clear()
    s = fetch(raw_dir=raw, options=dataclasses.replace(opts, recheck_after=3600), columns=[_column(pingtan)])
    saved_paths = {pingtan_path(r.url) for r in load_records(raw, saved_only=True)}
    assert not saved_paths & set(pingtan.paths())
    assert s.kept == len(saved_paths) and s.new == 0


def pingtan_path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _column(site):
    from pipelines.fetch import ColumnTask

    return ColumnTask(site.url(COLUMN), "平潭综合实验区")


def test_a_changed_page_is_a_new_version_and_the_old_bytes_are_kept(site, opts, tmp_path):
    raw = tmp_path / "raw"
    site.add("/r/2020.htm", _page("某县2020年度政府信息公开工作年度报告", "<p>第一版</p>", "2021-01-20"))
    task = ReportTask(site.url("/r/2020.htm"), "某县人民政府", 2020)
    fetch(raw_dir=raw, options=opts, urls=[task])
    first = (raw / relpath_for(task.url)).read_bytes()
    site.add("/r/2020.htm", _page("某县2020年度政府信息公开工作年度报告", "<p>更正版</p>", "2021-02-01"))
    s = fetch(raw_dir=raw, options=opts, urls=[task])
    assert s.changed == 1
    (record,) = load_records(raw, saved_only=True)
    assert b"\xe6\x9b\xb4\xe6\xad\xa3" in (raw / record.path).read_bytes()  # 更正
    assert record.published_at == "2021-02-01" and record.published_at_source == "meta"
    (old,) = record.versions
    assert (raw / old["path"]).read_bytes() == first and old["path"].startswith(".fetch/versions/")


def test_robots_txt_is_honoured_and_named(site, opts, tmp_path):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.add("/private/2020.htm", _page("某县2020年度政府信息公开工作年度报告"))
    site.add("/open/2020.htm", _page("某县2020年度政府信息公开工作年度报告"))
    s = fetch(raw_dir=tmp_path, options=opts,
              urls=[ReportTask(site.url("/private/2020.htm")), ReportTask(site.url("/open/2020.htm"))])
    assert [f.reason for f in s.failures] == ["robots.txt disallows it"]
    assert "/private/2020.htm" not in site.paths() and s.new == 1
    assert site.hits("/robots.txt")[0].headers["user-agent"].startswith("xxgk-warehouse/")
    assert "mailto:test@example.org" in site.hits("/robots.txt")[0].headers["user-agent"]


def test_a_robots_txt_that_cannot_be_read_closes_the_site(site, opts, tmp_path):
    site.handlers["/robots.txt"] = lambda h: send(h, 500, b"oops")
    site.add("/r.htm", _page("某县2020年度政府信息公开工作年度报告"))
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url("/r.htm"))])
    assert "treated as closed" in s.failures[0].reason and "/r.htm" not in site.paths()
    assert len(site.hits("/robots.txt")) == 1 + opts.retries


def test_404_and_410_fail_at_once_with_their_status(site, opts, tmp_path):
    site.handlers["/gone.htm"] = lambda h: send(h, 410, b"gone")
    tasks = [ReportTask(site.url("/none.htm")), ReportTask(site.url("/gone.htm"))]
    s = fetch(raw_dir=tmp_path, options=opts, urls=tasks)
    assert sorted(f.reason for f in s.failures) == ["HTTP 404 not found", "HTTP 410 gone"]
    assert len(site.hits("/none.htm")) == len(site.hits("/gone.htm")) == 1
    assert not _raw_files(tmp_path)


def test_redirects_are_followed_and_a_loop_is_named(site, opts, tmp_path):
    site.handlers["/a"] = lambda h: send(h, 302, b"", headers={"Location": "/b"})
    site.handlers["/b"] = lambda h: send(h, 301, b"", headers={"Location": "/a"})
    site.handlers["/old.htm"] = lambda h: send(h, 301, b"", headers={"Location": "/new/2020.htm"})
    site.add("/new/2020.htm", _page("某县2020年度政府信息公开工作年度报告"))
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url("/a")), ReportTask(site.url("/old.htm"))])
    assert len(s.failures) == 1 and s.failures[0].reason.startswith("redirect loop")
    (record,) = load_records(tmp_path, saved_only=True)
    assert record.final_url == site.url("/new/2020.htm") and record.path == relpath_for(site.url("/old.htm")).as_posix()


def test_a_timeout_is_retried_with_backoff_then_reported(site, opts, sleeps, tmp_path):
    def slow(h):
        time.sleep(0.6)
        send(h, 200, _page("某县2020年度政府信息公开工作年度报告").encode())

    site.handlers["/slow.htm"] = slow
    s = fetch(raw_dir=tmp_path, options=dataclasses.replace(opts, read_timeout=0.2, retries=2),
              urls=[ReportTask(site.url("/slow.htm"))])
    assert s.failures[0].reason == "timed out (read) (gave up after 3 attempts)"
    assert len(site.hits("/slow.htm")) == 3
    assert [round(x, 1) for x in sleeps if x > 0.5] == [1.0, 2.0]  # backoff 1 s, then 2 s
    assert not _raw_files(tmp_path)


def test_a_500_then_success_is_saved_after_one_retry(site, opts, sleeps, tmp_path):
    calls = []

    def flaky(h):
        calls.append(1)
        if len(calls) == 1:
            send(h, 500, b"busy")
        else:
            send(h, 200, _page("某县2020年度政府信息公开工作年度报告").encode())

    site.handlers["/flaky.htm"] = flaky
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url("/flaky.htm"))])
    assert s.new == 1 and not s.failures
    (record,) = load_records(tmp_path, saved_only=True)
    assert record.attempts == 2 and [round(x, 1) for x in sleeps if x > 0.5] == [1.0]


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured(site, opts, sleeps, tmp_path, status):
    calls = []

    def limited(h):
        calls.append(1)
        if len(calls) == 1:
            send(h, status, b"slow down", headers={"Retry-After": "7"})
        else:
            send(h, 200, _page("某县2020年度政府信息公开工作年度报告").encode())

    site.handlers["/r.htm"] = limited
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url("/r.htm"))])
    assert s.new == 1 and len(calls) == 2
    assert [round(x) for x in sleeps if x > 0.5] == [7]  # Retry-After 7 s beats the 1 s backoff


def test_a_retry_after_beyond_the_cap_fails_without_waiting(site, opts, sleeps, tmp_path):
    site.handlers["/r.htm"] = lambda h: send(h, 429, b"", headers={"Retry-After": "86400"})
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url("/r.htm"))])
    assert "Retry-After 86400 s is beyond the 600 s cap" in s.failures[0].reason
    assert not [x for x in sleeps if x > 0.5] and len(site.hits("/r.htm")) == 1


def test_a_gbk_column_and_page_without_a_charset(site, opts, tmp_path):
    listing = ("<html><body><ul><li><a href='/r/2019.htm'>某县2019年度政府信息公开工作年度报告</a>"
               "<span>2020-01-15</span></li></ul></body></html>")
    site.add("/col/", listing.encode("gbk"), "text/html")
    site.add("/r/2019.htm", _page("某县2019年度政府信息公开工作年度报告").replace("charset='utf-8'", "").encode("gbk"),
             "text/html")
    from pipelines.fetch import ColumnTask

    s = fetch(raw_dir=tmp_path, options=opts, columns=[ColumnTask(site.url("/col/"), "某县人民政府")])
    assert s.new == 1 and not s.failures
    (record,) = load_records(tmp_path, saved_only=True)
    assert (record.year, record.published_at, record.encoding) == (2019, "2020-01-15", "gb18030")


def test_a_login_page_served_with_200_is_not_saved(site, opts, tmp_path):
    site.add("/r.htm", "<html><title>用户登录</title><body><form><input type='password'></form></body></html>")
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url("/r.htm"), "某县人民政府", 2020)])
    assert "login page" in s.failures[0].reason and not _raw_files(tmp_path)


def test_an_attachment_that_is_an_html_page_is_not_saved(site, opts, tmp_path):
    site.add("/r.htm", _page("某县2020年度政府信息公开工作年度报告", '<a href="/f/r.pdf">附件</a>'))
    site.add("/f/r.pdf", "<!DOCTYPE html><html><body>文件不存在</body></html>")
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url("/r.htm"))])
    assert s.pages == 1 and s.attachments == 1 and s.new == 1
    assert "is an HTML page" in s.failures[0].reason and s.failures[0].role == "attachment"
    assert list(_raw_files(tmp_path)) == [relpath_for(site.url("/r.htm")).as_posix()]


def test_a_truncated_download_is_retried_and_never_half_saved(site, opts, tmp_path):
    def cut(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/pdf")
        h.send_header("Content-Length", "5000")
        h.end_headers()
        h.wfile.write(b"%PDF-1.4 " + b"x" * 1000)
        h.wfile.flush()
        h.close_connection = True

    site.handlers["/cut.pdf"] = cut
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url("/cut.pdf"))])
    assert s.failures[0].reason.startswith("truncated") and len(site.hits("/cut.pdf")) == 1 + opts.retries
    assert not _raw_files(tmp_path) and not list((tmp_path / ".fetch" / "tmp").iterdir())


def test_an_oversize_file_is_stopped_and_reported(site, opts, tmp_path):
    big = b"%PDF-1.4 " + b"0" * (3 * 2**20) + b"%%EOF"

    def streamed(h):  # no Content-Length: the cap must stop the stream itself
        h.send_response(200)
        h.send_header("Content-Type", "application/pdf")
        h.end_headers()
        try:
            for i in range(0, len(big), 65536):
                h.wfile.write(big[i:i + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass
        h.close_connection = True

    site.add("/declared.pdf", big, "application/pdf")
    site.handlers["/streamed.pdf"] = streamed
    small = dataclasses.replace(opts, max_bytes=2**20)
    s = fetch(raw_dir=tmp_path, options=small,
              urls=[ReportTask(site.url("/declared.pdf")), ReportTask(site.url("/streamed.pdf"))])
    reasons = sorted(f.reason for f in s.failures)
    assert reasons == ["too large: 3,145,742 bytes declared, the cap is 1,048,576",
                       "too large: stopped after 1,048,576 bytes (the cap)"]
    assert not _raw_files(tmp_path) and not list((tmp_path / ".fetch" / "tmp").iterdir())


def test_doc_and_wps_files_are_kept_and_reported_as_needing_conversion(site, opts, tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    links = '<a href="a.doc">附件</a><a href="b.wps">附件</a>'
    site.add("/r.htm", _page("某县2020年度政府信息公开工作年度报告", links))
    site.add("/a.doc", ole, "application/msword")
    site.add("/b.wps", ole, "application/octet-stream")
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url("/r.htm"))])
    assert s.new == 3 and sorted(Path(p).name for p in s.needs_conversion) == ["a.doc", "b.wps"]
    assert any("needs conversion" in line for line in s.lines())


def test_one_request_per_host_at_a_time_with_the_delay_between(site, opts, sleeps, tmp_path):
    for n in range(6):
        site.add(f"/r/{n}.htm", _page(f"某县{2015 + n}年度政府信息公开工作年度报告"))
    site.hold = 0.05  # long enough for requests sent side by side to be seen together
    tasks = [ReportTask(site.url(f"/r/{n}.htm")) for n in range(6)]
    s = fetch(raw_dir=tmp_path, options=dataclasses.replace(opts, delay=0.5, workers=4), urls=tasks)
    assert s.new == 6 and site.max_active == 1
    waits = [x for x in sleeps if x > 0]
    # robots.txt, then six pages: each of the six waits about the delay after the one before
    assert len(waits) == 6 and all(0.3 < x <= 0.5 for x in waits)


def test_the_column_is_followed_through_next_page_links_up_to_the_limit(site, opts, tmp_path):
    from pipelines.fetch import ColumnTask

    for n in range(1, 6):
        nxt = f'<a href="/col/list_{n + 1}.html">下一页</a>'
        site.add(f"/col/list_{n}.html", f"<html><body><ul><li><a href='/r/{n}.htm'>"
                 f"某县{2015 + n}年度政府信息公开工作年度报告</a> {2016 + n}-01-10</li></ul>{nxt}</body></html>")
        site.add(f"/r/{n}.htm", _page(f"某县{2015 + n}年度政府信息公开工作年度报告"))
    s = fetch(raw_dir=tmp_path, options=dataclasses.replace(opts, max_list_pages=3),
              columns=[ColumnTask(site.url("/col/list_1.html"))])
    assert s.list_pages == 3 and s.new == 3 and any("the limit" in n for n in s.notes)
    assert sorted(r.year for r in load_records(tmp_path, saved_only=True)) == [2016, 2017, 2018]


def test_bad_input_rows_are_named_and_the_rest_fetched(site, opts, tmp_path):
    site.add("/r.htm", _page("某县2020年度政府信息公开工作年度报告"))
    csv_path = tmp_path / "reports.csv"
    csv_path.write_text(f"url,agency,year\n{site.url('/r.htm')},某县人民政府,2020\nftp://x/y,某县,2020\n"
                        f"{site.url('/r.htm')}x,某县,twenty\n", encoding="utf-8")
    s = fetch(urls_csv=csv_path, raw_dir=tmp_path / "raw", options=opts)
    assert s.new == 1 and sorted(f.reason.split(": ", 1)[1] for f in s.failures) == [
        "not an http(s) URL", "year 'twenty' is not a reporting year"]
    assert all(f"{csv_path} line" in f.reason for f in s.failures)
    bad = tmp_path / "bad.csv"
    bad.write_text("link,agency\nhttp://a/,b\n", encoding="utf-8")
    with pytest.raises(FetchInputError, match=r"bad\.csv: no 'url' column"):
        fetch(urls_csv=bad, raw_dir=tmp_path / "raw", options=opts)


def test_a_gbk_csv_from_a_spreadsheet_is_read(site, opts, tmp_path):
    site.add("/col/", "<html><body><ul><li><a href='/r.htm'>某县2020年度政府信息公开工作年度报告</a></li></ul>"
                      "</body></html>")
    site.add("/r.htm", _page("某县2020年度政府信息公开工作年度报告"))
    lists = tmp_path / "columns.csv"
    lists.write_bytes(f"agency,region,list_url\n某县人民政府,某省,{site.url('/col/')}\n".encode("gbk"))
    s = fetch(lists_csv=lists, raw_dir=tmp_path / "raw", options=opts)
    assert s.new == 1 and load_records(tmp_path / "raw", saved_only=True)[0].agency == "某县人民政府"


def test_a_crawl_delay_in_robots_txt_is_kept(site, opts, sleeps, tmp_path):
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 3\n", "text/plain")
    for n in range(2):
        site.add(f"/r/{n}.htm", _page(f"某县{2019 + n}年度政府信息公开工作年度报告"))
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url(f"/r/{n}.htm")) for n in range(2)])
    assert s.new == 2
    # after robots.txt, the first page waits the 0 s delay asked for; the next waits the 3 s the site asked for
    assert [round(x) for x in sleeps if x > 0.5] == [3]


def test_a_document_under_a_page_like_url_is_kept_as_it_is(site, opts, tmp_path):
    site.add("/download", b"%PDF-1.4\n1 0 obj\n%%EOF\n", "application/pdf")
    s = fetch(raw_dir=tmp_path, options=opts, urls=[ReportTask(site.url("/download"), "某县人民政府", 2020)])
    (record,) = load_records(tmp_path, saved_only=True)
    assert s.new == 1 and record.format == "pdf" and (tmp_path / record.path).read_bytes().startswith(b"%PDF")


def test_the_asset_body_describes_the_run_for_dagster(site, opts, tmp_path):
    from pipelines.fetch.asset import SEASON_CRONS, fetch_asset

    site.add("/r.htm", _page("某县2020年度政府信息公开工作年度报告"))
    urls = tmp_path / "reports.csv"
    urls.write_text(f"url\n{site.url('/r.htm')}\n{site.url('/gone.htm')}\n", encoding="utf-8")
    lines = []

    class Log:
        info = warning = staticmethod(lines.append)

    summary, metadata = fetch_asset(tmp_path / "raw", urls_csv=urls, options=opts, log=Log())
    assert metadata["new"] == 1 and metadata["failed"] == 1 and metadata["report_pages"] == 2
    assert "| page | " + site.url("/gone.htm") in metadata["failures"]
    assert lines == summary.lines() and len(SEASON_CRONS) == 2
