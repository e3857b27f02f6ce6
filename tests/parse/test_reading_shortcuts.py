"""The tokenizer's and the text reader's shortcuts read what their general paths read: a cell's
one-token readings (`_head`) against `_tokenize_text`, `_numbers` against `_NUMBER.finditer`,
`_tail_start` against the regex of the values ending a line, a Markdown row read in one pass
(`_pipe_row`) against `split_line` and `_columns`. Random texts from a fixed seed."""

from __future__ import annotations

import random
import re

from pipelines.ingest import text as T
from pipelines.ingest.cells import RawCell
from pipelines.parse import numbers as N

# digits (ASCII, full-width), numbering marks, zero marks, signs, blanks, ideographs, footnote marks
ALPHABET = [*"12034５１．.、 \u3000\t—－-/／无\\+−–空零〇属于其他表件年,，%①¹aO*()（）", "——", " 0", " -", "  "]


def _texts(seed: int, count: int, longest: int = 12) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _general(text: str) -> tuple | list:
    """`_head` without its shortcuts: `_tokenize_text`'s reading."""
    parts = N._tokenize_text(text)
    if len(parts) == 1:
        kind, t, raw, value, unit, signed, _ = parts[0]
        return (kind, t, text if raw is None else raw, value, unit, signed)
    return list(parts)


def test_head_shortcuts_read_as_the_tokenizer():
    for text in _texts(1, 30_000):
        assert repr(N._head(text)) == repr(_general(text)), text


def test_numbers_are_the_regex_matches():
    rng = random.Random(2)
    for text in _texts(2, 30_000):
        pos, end = rng.randint(0, len(text)), rng.randint(0, len(text))
        assert [m.span() for m in N._numbers(text, pos, end)] == [m.span() for m in N._NUMBER.finditer(text, pos, end)]


_MARKS = "|".join(map(re.escape, sorted(N._MARK_WORDS, key=len, reverse=True)))
_TAIL_VALUES = re.compile(f"(?: (?:[0-9]+|{_MARKS}))+\\Z")


def test_tail_start_is_where_the_values_regex_starts():
    for text in _texts(3, 30_000):
        m = _TAIL_VALUES.search(text)
        assert N._tail_start(text) == (m.start() if m else len(text)), text


def _cells(line: str, number: int) -> list[RawCell]:
    """A Markdown line's cells by `split_line` and `_columns`."""
    cells = T.split_line(line)
    columns = T._columns(line, cells)
    cells = [T._CELL_BREAK.sub("", c) for c in cells]
    if len(cells) == 1:
        return [RawCell(cells[0], f"line {number} col {columns[0]}", True)]
    return [RawCell(c, f"line {number} col {col}", True, i, False)
            for i, (c, col) in enumerate(zip(cells, columns, strict=True), start=1)]


def test_pipe_rows_read_as_split_line():
    rng = random.Random(4)
    values = ["", "", "1", "0", "12", "—", "/", "无", "a b", " 3 ", "\u30002", "<br>x", "-1", "\xa0"]
    for _ in range(20_000):
        cells = [rng.choice(values) for _ in range(rng.choice([1, 2, 3, 5, 7, 15, 16]))]
        line = rng.choice(["|", " | ", "|  "]).join(cells)
        line = rng.choice(["", "|", " |", "\u3000|"]) + line + rng.choice(["", "|", "| ", " "])
        if line.count("|") < 2 or not line.strip() or T._MD_SEPARATOR.match(line):
            continue
        stripped = line.strip()
        assert T._pipe_row(stripped, line.find(stripped), "line 7 col ") == _cells(line, 7), line
