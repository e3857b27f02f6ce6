"""Pages as browsers and CMSs save them, which browsers show and the parser must read alike: a
comment or declaration before <html>, control characters Word pastes into a CMS, nesting deeper
than lxml's default limit. Each was found by the mutation fuzz (test_parse_fuzz.py)."""

from __future__ import annotations

import pytest
from shared_data import gold_pairs

from pipelines.parse import parse_bytes

PAGES = [raw for raw, _ in gold_pairs("corpus") if raw.suffix == ".html"]


def _tables(report):
    return report.status, report.year, report.active, report.applications, report.review_litigation


@pytest.fixture(scope="module", params=PAGES[:2], ids=lambda p: p.name)
def page(request) -> tuple[str, tuple]:
    text = request.param.read_bytes().decode("utf-8")
    return text, _tables(parse_bytes(text.encode(), request.param.name))


def _body(text: str) -> tuple[str, str, str]:
    """(head, body, tail) of a page; a fragment (as CMSs serve them) gets <html><body> around it."""
    if "<body" not in text:
        return "<html><body>", text, "</body></html>"
    start = text.index("<body")
    start = text.index(">", start) + 1
    end = text.rindex("</body>")
    return text[:start], text[start:end], text[end:]


@pytest.mark.parametrize("before", [
    "<!-- saved from url=(0042)http://www.example.gov.cn/xxgk/2020/nb.html -->\n",
    "<!-- 一条注释 -->",
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- a comment --><!-- another -->\n",
])
def test_a_comment_or_declaration_before_the_page_changes_nothing(page, before):
    text, expected = page
    head, body, tail = _body(text)
    head = head[head.index("<html"):]  # a doctype aside: the comment comes first
    assert _tables(parse_bytes((before + head + body + tail).encode(), "saved.html")) == expected


@pytest.mark.parametrize("char", ["\x0b", "\x1f", "\x08", "\x0c", "\x01"])
def test_control_characters_after_block_tags_are_read_past(page, char):
    text, expected = page
    head, body, tail = _body(text)
    for tag in ("<p>", "<td>", "<div>", "<tr>", "<br>"):
        body = body.replace(tag, tag + char)
    assert _tables(parse_bytes((head + char + body + tail).encode(), "pasted.html")) == expected


@pytest.mark.parametrize("depth", [300, 2000, 5000])
def test_a_page_nested_deeper_than_lxmls_limit_keeps_its_text(page, depth):
    text, expected = page
    head, body, tail = _body(text)
    deep = head + "<div>" * depth + body + "</div>" * depth + tail
    assert _tables(parse_bytes(deep.encode(), "deep.html")) == expected
