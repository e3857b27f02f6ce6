"""The parser's text scans: in C where the extension is built (`_textscan.c`, by setup.py where a C
compiler is), otherwise in Python, with the same results, more slowly (`make bench` says which).

`native` is the extension (None without it): its `scan`, `plain_counts` and `nest` serve the fast
path (`parse/fast.py`) and its `blank_page_furniture` `ingest.document`, each of which reads in
Python without them; the two scans below are given here, either way.
"""

from __future__ import annotations

from itertools import repeat
from operator import ge

try:
    from pipelines import _textscan as native
except ImportError:  # pragma: no cover - an install without a C compiler
    native = None


def python_without_whitespace(text: str) -> str:
    return "".join(text.split())


def python_line_stats(text: str) -> tuple[int, int, int]:
    lines = text.split("\n")
    return (max(map(len, lines)), sum(map(ge, map(str.count, lines, repeat("|")), repeat(2))),
            sum(map(str.__contains__, lines, repeat("\t"))))


# the text without whitespace, as str.split drops it
without_whitespace = native.without_whitespace if native is not None else python_without_whitespace
# (the longest line's length, the lines holding two pipes or more, the lines holding a tab); lines end at "\n"
line_stats = native.line_stats if native is not None else python_line_stats
