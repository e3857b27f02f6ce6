"""Mutations of real report files, as damage and odd tools leave them: bytes flipped, dropped or
repeated, markup inserted, the text re-encoded, control characters pasted in, the file cut short.
Shared by the bounded hypothesis test and the long run (`run_fuzz.py`)."""

from __future__ import annotations

import random
from pathlib import Path

from shared_data import SHARED

# markup a page can hold anywhere, and more of it than a page should
TAGS = ("<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<td colspan=\"999999\">", "<td rowspan=\"-3\">",
        "<th>", "<p>", "</p>", "<div>", "</div>", "<br>", "<!--", "-->", "<!-- saved from url=(0042)http://x -->",
        "<![CDATA[", "]]>", "<?xml version=\"1.0\" encoding=\"gbk\"?>", "<!DOCTYPE html>", "<html>", "<body>",
        "<script>", "</script>", "<style>", "<sup>1</sup>", "<span style=\"display:none\">9</span>", "&nbsp;",
        "&#0;", "&#xD800;", "&#99999999;", "&amp", "<", ">", "|", "---|", "\t", "\r", "\u3000", "\ufeff", "\u200b")
ENCODINGS = ("gbk", "gb18030", "big5", "utf-16", "utf-16-le", "utf-8-sig", "latin-1", "shift_jis", "utf-32")
CONTROLS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0x2028)]


def sources() -> list[Path]:
    """The real reports of ../shared (labelled corpus and seeds, the unlabelled Markdown)."""
    out: list[Path] = []
    for folder in ("corpus", "seeds", "corpus-unlabeled"):
        root = SHARED / folder
        if root.is_dir():
            out += sorted(p for p in root.rglob("*") if p.is_file()
                          and p.suffix in (".txt", ".md", ".html", ".htm") and p.name not in ("README.md",
                                                                                             "SOURCES.md"))
    return out


def mutate(data: bytes, rng: random.Random, steps: int) -> bytes:
    """`steps` random mutations of `data`."""
    for _ in range(steps):
        kind = rng.randrange(8)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:  # bytes flipped
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(data))
                data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
        elif kind == 1:  # a slice dropped or repeated
            end = min(len(data), at + rng.randint(1, 400))
            data = data[:at] + data[end:] if rng.random() < 0.5 else data[:end] + data[at:end] * rng.randint(1, 5) \
                + data[end:]
        elif kind == 2:  # markup inserted, possibly many times over
            tag = rng.choice(TAGS).encode()
            data = data[:at] + tag * (rng.randint(1, 300) if rng.random() < 0.1 else 1) + data[at:]
        elif kind == 3:  # the text re-encoded
            text = data.decode("utf-8", errors="replace")
            data = text.encode(rng.choice(ENCODINGS), errors="replace")
        elif kind == 4:  # control characters pasted in (after a tag, between digits …)
            data = data[:at] + "".join(rng.choice(CONTROLS) for _ in range(rng.randint(1, 4))).encode() + data[at:]
        elif kind == 5:  # cut short
            data = data[:at]
        elif kind == 6:  # deep nesting
            depth = rng.choice((10, 255, 256, 300, 3000))
            data = data[:at] + b"<div>" * depth + data[at:] + b"</div>" * rng.choice((0, depth))
        else:  # digits and signs where numbers are
            data = data[:at] + rng.choice((b"-", b"1e308", b"9" * 40, b"\xef\xbc\x8d", b"NaN", b"0x1F", b".", b"%"))\
                + data[at:]
    return data
