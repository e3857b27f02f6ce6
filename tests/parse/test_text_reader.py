"""The text reader's passes read what their plain forms read: page furniture blanked by one
regex over the whole text. Random texts from a fixed seed."""

from __future__ import annotations

import random
import re

from pipelines.ingest import text as T

# the plain form: one regex, a title line at every line tried
_PAGE_FURNITURE = re.compile(
    r"\n[ \t\r]*+(?:[—\-－]+[ \t\r]*\d+[ \t\r]*[—\-－]+"
    r"|第[ \t\r]*\d+[ \t\r]*页(?:[ \t\r]*[,，/]?[ \t\r]*共[ \t\r]*\d+[ \t\r]*页)?"
    r"|\d+[ \t\r]*/[ \t\r]*\d+|(?:\d+[ \t\r]*\n)?[^\n]*年度报告)[ \t\r]*(?=\n|\Z)"
)


def _blanked(text: str) -> str:
    blank = "".join
    return _PAGE_FURNITURE.sub(lambda m: blank(c if c in "\r\n" else " " for c in m.group()), "\n" + text)[1:]


_PIECES = ["\n", "\n", "\r\n", "\r", " ", "\t", "3", "12", "３", "—", "-", "－", "/", "第", "页", "共", ",",
           "年度报告", "年度", "报告", "某县2020", "a", "\x0b", "\u3000"]


def test_page_furniture_blanked_as_by_one_regex():
    rng = random.Random(5)
    for _ in range(60_000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30)))
        assert T.blank_page_furniture(text) == _blanked(text), repr(text)


def test_layout_told_from_the_blanked_lines_as_from_the_text():
    rng = random.Random(6)
    pieces = ["|", "\t", "\n", "a" * 999, "a" * 1000, "a", "\r", "\r\n", " ", "||", "\u2028", "\x0b", "\n\n",
              "年度报告", "3/6"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert T.text_layout(text, T.blank_page_furniture(text).splitlines()) == T.text_layout(text), repr(text)
    for text in ("a" * 2000, "a" * 2001, "a" * 2000 + "\r", "a" * 2000 + "\r\n", "a" * 1999 + "\x0b",
                 "a" * 2000 + "\x0b", "b\n" + "a" * 2001 + "\n",
                 "a" * 1000 + "\x0b" + "a" * 1000, "a" * 1000 + "\x0b" + "a" * 1000 + "\n"):
        assert T.text_layout(text, T.blank_page_furniture(text).splitlines()) == T.text_layout(text), repr(text)


def test_only_a_space_is_printable_whitespace():
    # a line of one cell is told by its printable characters: no other whitespace sets cells apart
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable()] == [" "]
