"""The fetcher's pure functions: links, pages of a column, dates, decoding, checks, paths."""

from __future__ import annotations

from datetime import date

import pytest
from shared_data import SHARED

from pipelines.fetch import pages
from pipelines.fetch.store import relpath_for

PINGTAN = SHARED / "sites" / "pingtan" / "zwgk" / "zfxxgk" / "zfxxgknb"
BASE = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"


def _pingtan(name: str) -> str:
    if not (PINGTAN / name).is_file():
        pytest.skip("../shared/sites/pingtan is not present")
    return (PINGTAN / name).read_text(encoding="utf-8")


def test_the_real_column_lists_ten_reports_with_the_dates_printed_beside_them():
    links = pages.find_report_links(_pingtan("index.html"), BASE)
    assert [link.year for link in links] == list(range(2025, 2015, -1))
    first = links[0]
    assert first.url == BASE + "202603/t20260313_105587.htm"
    # the printed date is the publication date, not the one in the URL (20260313)
    assert first.published_at == date(2026, 3, 10)
    assert pages.url_date(first.url) == date(2026, 3, 13)
    assert {link.url.rsplit("/", 1)[1]: link.published_at for link in links}["t20180123_80506.htm"] == date(2018, 1, 23)
    assert all("年度报告" in link.title for link in links)


def test_the_real_column_names_its_second_page_by_its_record_count():
    nxt = pages.next_list_pages(_pingtan("index.html"), BASE, BASE, 0)
    assert [p.url for p in nxt] == [BASE + "index_1.html"]
    assert nxt[0].guessed  # no next-page link names it: a 404 there ends the column


def test_a_report_page_dates_itself_by_its_pubdate_meta():
    assert pages.published_date(_pingtan("201801/t20180123_80506.htm"), BASE + "201801/t20180123_80506.htm") == \
        (date(2018, 1, 23), "meta")
    assert pages.page_problem(_pingtan("201801/t20180123_80506.htm"), False) is None


def test_a_notice_that_names_a_year_is_no_report():
    assert not pages.is_report_title("关于2014年政府信息公开工作要点落实情况的函")
    assert not pages.is_report_title("图解：2023年度政府信息公开工作年度报告")
    assert pages.is_report_title("某县2019年政府信息公开年报")
    assert pages.title_year("二〇一九年政府信息公开工作年度报告") == 2019
    assert pages.title_year("政府信息公开工作年度报告") is None


def test_printed_dates_and_trs_urls():
    html = "<html><body><h1>x</h1><p>发布时间：2021年3月5日 10:00</p></body></html>"
    assert pages.published_date(html, "http://a/b.htm") == (date(2021, 3, 5), "page")
    assert pages.published_date("<html><body>无日期</body></html>", "http://a/202001/t20200120_1.htm") == \
        (date(2020, 1, 20), "url")
    assert pages.published_date("<html><body>无日期</body></html>", "http://a/b.htm") == (None, None)
    assert pages.find_date("2019-02-30 and 2019/2/28") == date(2019, 2, 28)


def test_next_page_links_and_trs_page_counts():
    html = '<html><body><a href="list_3.html">下一页</a></body></html>'
    assert pages.next_list_pages(html, "http://a/col/list_2.html", "http://a/col/", 2) == \
        [pages.ListPage("http://a/col/list_3.html")]
    trs = '<script>createPageHTML(4, 0, "index", "html");</script>'
    assert [p.url for p in pages.next_list_pages(trs, "http://a/col/index.html", "http://a/col/index.html", 0)] == \
        ["http://a/col/index_1.html", "http://a/col/index_2.html", "http://a/col/index_3.html"]
    assert pages.next_list_pages("<html></html>", "http://a/col/", "http://a/col/", 1) == \
        [pages.ListPage("http://a/col/index_2.html", guessed=True)]


def test_a_gbk_page_without_a_charset_is_read_from_its_bytes():
    text = ("<html><body><ul><li><a href='a.htm'>某县2020年度政府信息公开工作年度报告</a> 2021-01-30</li></ul>"
            "</body></html>")
    data = text.encode("gbk")
    decoded, enc = pages.decode_html(data, "text/html")
    assert decoded == text and enc == "gb18030"
    # a wrong header charset does not win over the bytes
    assert pages.decode_html(data, "text/html; charset=utf-8")[0] == text
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' + text
    assert pages.declared_charsets(meta.encode("gbk"), None) == ["gb18030"]
    links = pages.find_report_links(decoded, "http://a/")
    assert [(link.year, link.published_at) for link in links] == [(2020, date(2021, 1, 30))]


def test_utf8_bytes_are_utf8_whatever_the_page_declares():
    text = '<meta charset="gbk"><p>年度报告</p>'
    assert pages.decode_html(text.encode("utf-8"))[0] == text


def test_login_and_error_pages_are_told_from_reports():
    login = "<html><title>用户登录</title><body><form><input type='password'></form></body></html>"
    assert "login" in pages.page_problem(login, False)
    error = "<html><title>出错了</title><body>页面不存在</body></html>"
    assert "error" in pages.page_problem(error, False)
    assert pages.page_problem("<html><body>2020年度报告全文见附件</body></html>", True) is None


def test_attachments_are_found_by_extension_and_in_viewers():
    html = ('<html><body><a href="P1.pdf">附件</a><a href="dl?id=3">2020年报.docx</a>'
            '<iframe src="/viewer.html?file=/files/r.pdf"></iframe><a href="x.doc">x</a></body></html>')
    found = pages.find_attachments(html, "http://a/col/page.htm")
    assert [(a.url, a.extension) for a in found] == [
        ("http://a/col/P1.pdf", ".pdf"), ("http://a/col/dl?id=3", ".docx"), ("http://a/files/r.pdf", ".pdf"),
        ("http://a/col/x.doc", ".doc")]


def test_an_attachment_must_be_the_file_it_claims():
    assert pages.attachment_problem(b"%PDF-1.7 ...", b"...%%EOF\n", ".pdf") is None
    assert "HTML page" in pages.attachment_problem(b"<!DOCTYPE html><html>", b"</html>", ".pdf")
    assert "truncated" in pages.attachment_problem(b"%PDF-1.7", b"stream data", ".pdf")
    assert pages.attachment_problem(b"PK\x03\x04rest", b"", ".docx") is None
    assert pages.attachment_problem(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"", ".doc") is None


def test_raw_paths_are_stable_and_safe():
    assert relpath_for("https://www.Pingtan.gov.cn/zwgk/a/t1.htm").as_posix() == "www.pingtan.gov.cn/zwgk/a/t1.htm"
    assert relpath_for("http://h:8080/col/").as_posix() == "h_8080/col/index.html"
    q1, q2 = relpath_for("http://h/show.html?id=1"), relpath_for("http://h/show.html?id=2")
    assert q1 != q2 and q1.suffix == ".html" and q1 == relpath_for("http://h/show.html?id=1")
    assert ".." not in relpath_for("http://h/a/../../etc/passwd").parts
    assert relpath_for("http://h/%E5%B9%B4%E6%8A%A5.pdf").name == "年报.pdf"
    assert not relpath_for("http://h/.hidden/x").parts[1].startswith(".")


def test_retry_after_as_seconds_or_a_date():
    from datetime import UTC, datetime

    from pipelines.fetch.client import retry_after_seconds

    now = datetime(2026, 1, 5, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Mon, 05 Jan 2026 12:01:30 GMT", now) == 90
    assert retry_after_seconds("Mon, 05 Jan 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None) is None


def test_the_user_agent_names_the_project_and_a_contact(monkeypatch):
    from pipelines.fetch import user_agent

    monkeypatch.setenv("XXGK_FETCH_CONTACT", "mailto:data@example.org")
    assert user_agent().startswith("xxgk-warehouse/") and user_agent().endswith("(+mailto:data@example.org)")
    assert user_agent("https://example.org/about").endswith("(+https://example.org/about)")
