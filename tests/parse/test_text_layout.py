"""`text_layout`'s lines counted by regex read as the lines `str.split` gives, counted one by one."""

from __future__ import annotations

import random

from pipelines.ingest.text import text_layout


def _by_lines(text: str) -> str:
    lines = text.split("\n")
    if text.count("|") >= 10 and sum(1 for line in lines if line.count("|") >= 2) >= 5:
        return "markdown"
    if max(map(len, lines)) > 2000:
        return "text-oneline"
    if text.count("\t") >= 10 and sum(1 for line in lines if "\t" in line) >= 10:
        return "text-tabs"
    return "text"


def test_layout_counts_lines_as_split():
    rng = random.Random(1)
    pieces = ["|", "\t", "\n", "a", "\r", " ", "||", "\t\t", "\u2028", "\x0b", "\n\n"]
    for _ in range(50_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 80)))
        assert text_layout(text) == _by_lines(text), repr(text)
    for text in ("a" * 2000, "a" * 2001, "b\n" + "a" * 2001 + "\n", "\t\n" * 12 + "a" * 2001, "|" * 12 + "\n"):
        assert text_layout(text) == _by_lines(text), text
