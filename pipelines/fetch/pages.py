"""What the fetcher reads in the pages it downloads — pure functions, no I/O.

- `decode_html`: a page's text from its bytes, the charset of its Content-Type header and its
  `<meta>` (GBK/GB2312 pages are read as GB18030, their superset).
- `find_report_links`: the annual reports a column's list page links to, by the link's title (a
  year and a report word), each with the publication date printed beside it.
- `next_list_pages`: the column's further list pages (a next-page link, the TRS
  `createPageHTML(n, …)` call, a `recordCount`/`prepage` pair, or `index_N.html` by guess).
- `find_attachments`: the PDF and Word files a report page links to or embeds.
- `published_date`: a report page's publication date (`<meta name="PubDate">`, a printed
  publication date, the `tYYYYMMDD_` of a TRS URL).
- `page_problem` / `attachment_problem`: a login or error page served with 200, an attachment
  that is really an HTML page.

The words these look for (年度报告, 下一页, 发布日期 …) are data: `words.json`.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree

ATTACHMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".wps")
# Kept and reported: the ingest layer reads PDF and DOCX; these need converting first.
NEEDS_CONVERSION = (".doc", ".wps")


@cache
def words() -> dict:
    return json.loads(files("pipelines.fetch").joinpath("words.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312", "csgb2312"}


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charsets(data: bytes, content_type: str | None) -> list[str]:
    """The charsets a page declares: its Content-Type header's, then its `<meta>`'s."""
    out = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m and (c := _codec(m.group(1))):
            out.append(c)
    m = _META_CHARSET.search(data[:4096])
    if m and (c := _codec(m.group(1).decode("ascii", "replace"))) and c not in out:
        out.append(c)
    return out


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a page. Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page
    declares (a GBK reading of UTF-8 bytes would succeed and be garbage); otherwise the declared
    charsets are tried strictly, then GB18030, then charset-normalizer's guess."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(enc, "replace"), enc
    if not data.isascii():
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    candidates = [*declared_charsets(data, content_type), "gb18030"]
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("gb18030", "replace"), "gb18030"


def parse_html(text: str) -> etree._Element | None:
    """The page's element tree; None for a page with no HTML in it."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _text(el: etree._Element) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


# ---------------------------------------------------------------- dates and years

_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_TRS_URL_DATE = re.compile(r"/t((?:19|20)\d\d)(\d\d)(\d\d)_\d+")


def _valid_date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    """The first valid calendar date written in a text (2019-01-10, 2019/1/10, 2019年1月10日)."""
    for m in _DATE.finditer(text):
        if (d := _valid_date(*m.groups())) is not None:
            return d
    return None


def url_date(url: str) -> date | None:
    """The date of a TRS-style article URL (`…/201801/t20180123_80506.htm` → 2018-01-23)."""
    m = _TRS_URL_DATE.search(urlsplit(url).path)
    return _valid_date(*m.groups()) if m else None


@cache
def _year_pattern() -> re.Pattern[str]:
    digits = "".join(re.escape(c) for c in words()["chinese_digits"])
    suffixes = "|".join(re.escape(s) for s in words()["year_suffixes"])
    return re.compile(rf"((?:19|20)\d\d|[{digits}]{{4}})\s*(?:{suffixes})")


def title_year(title: str) -> int | None:
    """The reporting year a report's title names: the first year written before 年度 or 年,
    in Arabic or Chinese digits (二〇一九年 → 2019)."""
    table = words()["chinese_digits"]
    for m in _year_pattern().finditer(title):
        raw = m.group(1)
        digits = raw if raw.isascii() else "".join(str(table[c]) for c in raw)
        if 1990 <= int(digits) <= 2100:
            return int(digits)
    return None


def is_report_title(title: str) -> bool:
    w = words()
    return (any(k in title for k in w["report_title_words"])
            and not any(k in title for k in w["report_title_excluded"])
            and title_year(title) is not None)


# ---------------------------------------------------------------- links on a list page

@dataclass(frozen=True)
class ReportLink:
    """A link on a column's list page to a report: where it points, its title, the reporting
    year the title names, and the publication date printed beside it (None if none)."""

    url: str
    title: str
    year: int
    published_at: date | None = None


def _href(a: etree._Element, base_url: str) -> str | None:
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("javascript:", "#", "mailto:", "tel:")):
        return None
    url = urldefrag(urljoin(base_url, href))[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def _link_title(a: etree._Element) -> str:
    shown, title = _text(a), (a.get("title") or "").strip()
    # lists cut long titles short (平潭综合实验区2019年度政府信息…): the title attribute is whole
    return title if len(title) > len(shown.rstrip(".…")) else shown


def _date_beside(a: etree._Element, anchors: set) -> date | None:
    """The date printed in the link's row: the nearest ancestor (up to four levels) holding no
    other link, whose text besides the link's own holds a date."""
    own = _text(a)
    node = a
    for _ in range(4):
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            return None
        if any(x is not a and x in anchors for x in node.iter("a")):
            return None
        rest = _text(node).replace(own, " ", 1)
        if (d := find_date(rest)) is not None:
            return d
    return None


def find_report_links(html: str, base_url: str) -> list[ReportLink]:
    """The annual reports a list page links to (a year and 年度报告/年报 in the link's title), in
    page order, one per URL."""
    root = parse_html(html)
    if root is None:
        return []
    found: list[tuple[etree._Element, str, str]] = []
    for a in root.iter("a"):
        url = _href(a, base_url)
        title = _link_title(a)
        if url and is_report_title(title):
            found.append((a, url, title))
    anchors = {a for a, _, _ in found}
    out, seen = [], set()
    for a, url, title in found:
        if url in seen:
            continue
        seen.add(url)
        out.append(ReportLink(url, title, title_year(title) or 0, _date_beside(a, anchors)))
    return out


# ---------------------------------------------------------------- the column's further pages

_CREATE_PAGE = re.compile(r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]"
                          r"\s*,\s*['\"](\w+)['\"]")
_RECORD_COUNT = re.compile(r"recordCount\s*[:=]\s*['\"]?(\d+)")
_PER_PAGE = re.compile(r"(?:prepage|perPage|pageSize)\s*[:=]\s*['\"]?(\d+)")
_INDEX_N = re.compile(r"^(.*/)?(index)(?:_(\d+))?\.(s?html?)$")


@dataclass(frozen=True)
class ListPage:
    """A further list page of a column; `guessed` when no next-page link names it, only the
    CMS's page count or usual naming (a 404 there is the column's end, not a failure)."""

    url: str
    guessed: bool = False


def _index_page(list_url: str, n: int) -> str | None:
    """The n-th further page of a column in the TRS naming: …/index.html → …/index_n.html."""
    parts = urlsplit(list_url)
    path = parts.path
    if path.endswith("/"):
        path += "index.html"
    m = _INDEX_N.match(path)
    if not m:
        return None
    new = f"{m.group(1) or ''}index_{n}.{m.group(4)}"
    return parts._replace(path=new, query="", fragment="").geturl()


def next_list_pages(html: str, page_url: str, column_url: str, page_no: int) -> list[ListPage]:
    """The list pages after this one (page_no 0 is the column's first page): those a next-page
    link or the CMS's page count name; else the next `index_N.html` as a guess."""
    root = parse_html(html)
    if root is not None:
        next_words = words()["next_page_words"]
        for a in root.iter("a"):
            if any(w == _text(a) or w == (a.get("title") or "").strip() for w in next_words):
                url = _href(a, page_url)
                if url and url != page_url:
                    return [ListPage(url)]
    m = _CREATE_PAGE.search(html)
    if m:
        total = int(m.group(1))
        return [ListPage(u, True) for n in range(page_no + 1, total) if (u := _index_page(column_url, n))]
    count, per = _RECORD_COUNT.search(html), _PER_PAGE.search(html)
    if count and per and int(per.group(1)) > 0:
        pages = -(-int(count.group(1)) // int(per.group(1)))
        return [ListPage(u, True) for n in range(page_no + 1, pages) if (u := _index_page(column_url, n))]
    u = _index_page(column_url, page_no + 1)
    return [ListPage(u, guessed=True)] if u else []


# ---------------------------------------------------------------- a report page

@dataclass(frozen=True)
class Attachment:
    url: str
    text: str
    extension: str  # .pdf, .docx, .doc or .wps, from the URL or the link's text


def _extension(s: str) -> str | None:
    s = s.lower().strip()
    return next((e for e in ATTACHMENT_EXTENSIONS if s.endswith(e)), None)


def sniff_extension(url: str) -> str | None:
    """The document extension (.pdf, .docx, .doc, .wps) a URL's path ends in, if any."""
    return _extension(urlsplit(url).path)


def find_attachments(html: str, page_url: str) -> list[Attachment]:
    """The PDF and Word files a report page links to (`<a href>`) or embeds (`<iframe>`,
    `<embed>`, `<object>`, a PDF viewer's `?file=`), one per URL, in page order."""
    root = parse_html(html)
    if root is None:
        return []
    out, seen = [], set()
    for el in root.iter("a", "iframe", "embed", "object"):
        raw = el.get("href") or el.get("src") or el.get("data")
        if not raw:
            continue
        url = _href_raw(raw, page_url)
        if not url:
            continue
        path = urlsplit(url).path
        text = _text(el) if el.tag == "a" else ""
        ext = _extension(path) or _extension(text)
        if ext is None:  # pdf.js and the like: viewer.html?file=/a/b.pdf
            for value in parse_qs(urlsplit(url).query).get("file", []):
                if (ext := _extension(urlsplit(value).path)) is not None:
                    url = urljoin(page_url, value)
                    break
        if ext is None or url in seen:
            continue
        seen.add(url)
        out.append(Attachment(url, text, ext))
    return out


def _href_raw(raw: str, base_url: str) -> str | None:
    raw = raw.strip()
    if not raw or raw.startswith(("javascript:", "#", "mailto:")):
        return None
    url = urldefrag(urljoin(base_url, raw))[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def published_date(html: str, url: str) -> tuple[date | None, str | None]:
    """A report page's publication date and where it was read: `meta` (`<meta name="PubDate">`
    and the like), `page` (a printed 发布日期/发布时间 …), `url` (a TRS `tYYYYMMDD_` URL)."""
    root = parse_html(html)
    if root is not None:
        names = set(words()["meta_date_names"])
        for meta in root.iter("meta"):
            if (meta.get("name") or "").strip().lower() in names:
                if (d := find_date(meta.get("content") or "")) is not None:
                    return d, "meta"
        body = _text(root)
        for label in words()["date_labels"]:
            for m in re.finditer(re.escape(label) + r"\s*[:：]?\s*", body):
                if (d := find_date(body[m.end():m.end() + 24])) is not None and \
                        _DATE.match(body[m.end():m.end() + 24].lstrip()):
                    return d, "page"
    if (d := url_date(url)) is not None:
        return d, "url"
    return None, None


def page_title(html: str) -> str:
    root = parse_html(html)
    if root is None:
        return ""
    t = root.find(".//title")
    return _text(t) if t is not None else ""


def page_problem(html: str, has_attachments: bool) -> str | None:
    """Why a page fetched as a report (status 200) is not one — a login page, an error page, a
    page with no report words and no attachment — or None when it may be a report."""
    root = parse_html(html)
    if root is None:
        return "the page is empty or not HTML"
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    body = _text(root)
    w = words()
    has_report_words = any(k in body for k in w["report_page_words"])
    title = page_title(html)
    if root.xpath("//input[@type='password' or @type='PASSWORD']") and not has_report_words:
        return f"a login page, not a report (title: {title or '—'})"
    if not has_report_words and not has_attachments:
        errors = [k for k in w["error_page_words"] if k in body or k in title]
        what = "an error or login page" if errors else "a page without any report words"
        return f"{what}, not a report (title: {title or '—'})"
    return None


def sniff_format(head: bytes) -> str:
    """What a file's first bytes say it is: pdf, zip (DOCX and newer WPS), ole (Word 97 .doc,
    older .wps), html, or unknown."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<?xml", b"<meta", b"<script", b"<div")):
        return "html"
    if b"<html" in head.lower():
        return "html"
    return "unknown"


_EXPECTED = {".pdf": {"pdf"}, ".docx": {"zip"}, ".doc": {"ole", "zip"}, ".wps": {"ole", "zip"}}


def attachment_problem(head: bytes, tail: bytes, extension: str) -> str | None:
    """Why a downloaded attachment is not the file its link promised: an HTML page (an error or
    login page served in its place), another format, a PDF cut short (no %%EOF at its end)."""
    kind = sniff_format(head)
    if kind == "html":
        return f"the {extension} attachment is an HTML page (an error or login page?), not a document"
    if kind not in _EXPECTED.get(extension, {kind}):
        if extension == ".pdf" or kind == "unknown":
            return f"the {extension} attachment is not a {extension[1:].upper()} file (starts {head[:8]!r})"
    if kind == "pdf" and b"%%EOF" not in tail:
        return "the PDF is truncated (no %%EOF at its end)"
    return None
