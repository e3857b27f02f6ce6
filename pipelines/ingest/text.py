"""Text layouts read into rows of cells: a row per line, cells split by tabs, Markdown pipes or
runs of spaces; page furniture a PDF extraction leaves inside tables blanked first."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice

from pipelines import spec

from .cells import Document, RawCell

_new = tuple.__new__  # a NamedTuple made without its (Python) __new__

# Words that only a statistical table prints; rows before the first of them are prose: the
# clause of table 2's captions, table 2's item header, table 3's first row and header, table 4's
# outcomes upheld and pending (each in its shortest form)
TABLE_WORDS = tuple(dict.fromkeys((
    "第二十条",
    *(h for t in spec.TEMPLATE_DATA.values() for h in t.active["item_header"]),
    min(spec.APPLICATION_LABELS[spec.APPLICATION_ROWS[spec.TEMPLATES[-1]][0]], key=len),
    *(h for t in spec.TEMPLATE_DATA.values() for h in t.applications["header"]),
    min(spec.REVIEW_OUTCOME_LABELS[spec.REVIEW_OUTCOMES[0]], key=len),
    min(spec.REVIEW_OUTCOME_LABELS[spec.REVIEW_OUTCOMES[3]], key=len),
)))
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}")
_SPACES = re.compile(r"\s{2,}")
_CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Page furniture a PDF extraction leaves inside tables: "— 3 —", "第 3 页 共 6 页", "3/6" on a line
# of their own (the leading blanks are matched possessively: a line of padding is not tried again
# at every shorter indent; each match starts at the newline before its line), and a repeated
# title line (`_TITLE_END` at its end) with the bare page number before it
_PAGE_MARK = re.compile(
    r"\n[ \t\r]*+(?:[—\-－]+[ \t\r]*\d+[ \t\r]*[—\-－]+"
    r"|第[ \t\r]*\d+[ \t\r]*页(?:[ \t\r]*[,，/]?[ \t\r]*共[ \t\r]*\d+[ \t\r]*页)?"
    r"|\d+[ \t\r]*/[ \t\r]*\d+)[ \t\r]*(?=\n|\Z)"
)
_TITLE_END = "年度报告"
_LINE_END = re.compile(r"[ \t\r]*(?:\n|\Z)")  # the blanks that may end a line, and its end
_PAGE_NUMBER = re.compile(r"[ \t\r]*+\d+[ \t\r]*")  # a line of a bare page number


def blank_page_furniture(text: str) -> str:
    """The text with page furniture turned to spaces: offsets and line numbers stay true. (A line
    ending in `_TITLE_END` is found from where that word is printed, not looked for at every line.)"""
    text = "\n" + text  # the first line has no newline before it
    spans = [m.span() for m in _PAGE_MARK.finditer(text)]
    at = text.find(_TITLE_END)
    while at >= 0:
        end = at + len(_TITLE_END)
        tail = _LINE_END.match(text, end)
        if tail is not None:  # the word ends its line: the line is a title, with a page number before it
            start = text.rfind("\n", 0, at)
            before = text.rfind("\n", 0, start)
            if before >= 0 and _PAGE_NUMBER.fullmatch(text, before + 1, start) is not None:
                start = before
            spans.append((start, tail.end() - (text[tail.end() - 1:tail.end()] == "\n")))
        at = text.find(_TITLE_END, end)
    if not spans:
        return text[1:]
    spans.sort()
    parts = []
    done = 1
    for start, end in spans:
        parts.append(text[done:start])
        parts.append(_blank(text[max(start, 1):end]))  # (a match at the text's first line starts at the newline added)
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _blank(text: str) -> str:
    return "".join(c if c in "\r\n" else " " for c in text)


TITLE_LINES = 60  # the title and agency are looked for in this many first lines


def title_lines(lines: list[str]) -> list[str]:
    """The first text lines, for the title and agency."""
    return [stripped for ln in lines[:TITLE_LINES] if (stripped := ln.strip())][:40]


def first_lines(text: str) -> list[str]:
    """`text.splitlines()[:TITLE_LINES]`, from the text up to its TITLE_LINES-th newline only (each
    newline ends one of `splitlines`' lines, so that far holds at least as many of them)."""
    at = -1
    for _ in range(TITLE_LINES):
        at = text.find("\n", at + 1)
        if at < 0:
            return text.splitlines()[:TITLE_LINES]
    return text[:at].splitlines()[:TITLE_LINES]


def text_layout(text: str, lines: list[str] | None = None) -> str:
    """markdown (five lines with two pipes or more), text-oneline (a crawler's text: a line of more
    than 2 000 characters), text-tabs (ten lines with a tab) or text: descriptive only. `lines`,
    where given: the `splitlines` of a text as long as this one with its newlines where this one
    has them (the text with its page furniture blanked)."""
    if text.count("|") >= 10 and _lines_with(_TWO_PIPES, text, 5):
        return "markdown"
    if len(text) > 2000 and _longest_line(text, lines) > 2000:
        return "text-oneline"
    if text.count("\t") >= 10 and _lines_with(_A_TAB, text, 10):
        return "text-tabs"
    return "text"


def _longest_line(text: str, lines: list[str] | None) -> int:
    """More than 2 000 exactly where the text's longest line as `str.split("\\n")` gives them is.
    Each of `lines` lies within one of those lines; where `lines` are as many as the text's
    newlines make (no other line break, or one that ends the text), each of those lines is one of
    `lines` with one line break at most, and the longest of `lines` tells."""
    if lines is not None:
        longest = max(map(len, lines), default=0)
        if longest > 2000:
            return longest
        if longest < 2000 and len(lines) == text.count("\n") + (not text.endswith("\n")):
            return longest + 1
    return max(map(len, text.split("\n")))


# a line's text from its first pipe, where a second follows, or from its first tab, to its end
# (`str.split("\n")`'s lines): each match is another line that prints them
_TWO_PIPES = re.compile(r"\|[^|\n]*\|[^\n]*")
_A_TAB = re.compile(r"\t[^\n]*")


def _lines_with(pattern: re.Pattern[str], text: str, count: int) -> bool:
    """Whether `count` lines of the text at least hold what `pattern` finds."""
    return sum(1 for _ in islice(pattern.finditer(text), count)) >= count


def read_text(doc: Document, text: str) -> None:
    """Text layouts: a row per line, cells split by tabs, Markdown pipes or runs of spaces.
    One-cell-per-line and one-line bodies come out as rows of one cell; the table reader does not
    rely on rows being whole table rows. A cell's place is its line and the column it starts at."""
    doc.title_lines = title_lines(first_lines(text))
    # the prose before the first table holds no cells: start at the first line with a table word
    first = min((i for i in map(text.find, TABLE_WORDS) if i >= 0), default=0)
    skip = text.count("\n", 0, first)
    body = blank_page_furniture(text).splitlines()
    if 0 < skip < len(body):  # or an earlier line where such a word starts, broken over lines (PDF text)
        broken = first_word_start(body[:skip + 1], TABLE_WORDS)
        if broken is not None:
            skip = min(skip, broken)
    rows = doc.rows
    for number, line in enumerate(body[skip:], start=skip + 1):
        stripped = line.strip()
        if not stripped:
            tabs = line.count("\t")
            if tabs == 1 or (tabs == 0 and "\u3000" in line):
                # a lone tab or full-width padding is an empty cell of a table pasted one cell per line
                rows.append([RawCell("", f"line {number} col 1", grid=True)])
            elif tabs > 1:  # a tab row of empty cells: zeros printed as nothing
                rows.append([RawCell("", f"line {number} col {c}", False, i)
                             for i, c in enumerate(_tab_columns(line), start=1)])
            continue
        if "|" not in line and "\t" not in line and "  " not in stripped and stripped.isprintable():
            # one cell: a line without pipes or tabs whose only blanks are single spaces (no other
            # whitespace is printable) between its words
            if stripped is line:  # (nothing was stripped)
                rows.append([_new(RawCell, (line, f"line {number} col 1", False, 0, False))])
            else:
                place = f"line {number} col {line.find(stripped) + 1}"
                rows.append([_new(RawCell, (stripped, place, False, 0, False))])
            continue
        start = line.find(stripped)
        if "|" not in line and "\u3000" not in stripped and "\t" not in stripped and _SPACES.search(stripped) is None \
                and "\t" not in line[start + len(stripped):] and line.count("\t", 0, start) < 4:
            # one cell: no separator in the line but tabs and full-width spaces that indent it (fewer
            # tabs than a row of table 4 with its first cells empty would print): `split_line` gives
            # the stripped line
            rows.append([_new(RawCell, (stripped, f"line {number} col {start + 1}", False, 0, False))])
            continue
        if "\t" in line and "|" not in line and not mixed_separators(line):  # a tab line: cells and columns at once
            rows.append(_tab_row(line, f"line {number} col "))
            continue
        if "|" not in line and "\u3000" not in line and "\t" not in line:
            # cells set apart by runs of blanks only: `split_line` and `_columns` of it in one pass
            rows.append(_spaced_row(stripped, start + 1, f"line {number} col "))
            continue
        grid = "|" in line and line.count("|") >= 2
        if grid and _MD_SEPARATOR.match(line):
            continue
        if grid and "\t" not in line:  # a Markdown row: `split_line` and `_columns` of it in one pass
            rows.append(_pipe_row(stripped, start, f"line {number} col "))
            continue
        cells = split_line(line)
        columns = _columns(line, cells)
        if grid and "<" in line:  # a line break inside a Markdown cell (<br>) is no character of its text
            cells = [_CELL_BREAK.sub("", c) for c in cells]
        if len(cells) == 1:
            rows.append([RawCell(cells[0], f"line {number} col {columns[0]}", grid)])
        else:
            tab = not grid and "\t" in line and not mixed_separators(line)
            place = f"line {number} col "
            rows.append([_new(RawCell, (c, place + str(col), grid, i, tab))
                         for i, (c, col) in enumerate(zip(cells, columns, strict=True), start=1)])
    doc.layout = text_layout(text, body)


def first_word_start(texts: list[str], words: tuple[str, ...]) -> int | None:
    """The index of the text where the earliest of `words` starts, the texts read as one without
    their whitespace (a word broken over lines or cells, or spaced out, is found where it starts);
    None where none is printed."""
    ends: list[int] = []
    parts: list[str] = []
    total = 0
    for t in texts:
        parts.append(squeezed := "".join(t.split()))
        total += len(squeezed)
        ends.append(total)
    joined = "".join(parts)
    at = min((i for i in map(joined.find, words) if i >= 0), default=-1)
    return None if at < 0 else bisect_right(ends, at)


# table 4's one row: its 15 cells and no label, so that an empty cell at its start is a zero, not indentation
_REVIEW_ROW_CELLS = len(spec.REVIEW_GROUPS) * len(spec.REVIEW_OUTCOMES)
# a cell that prints a number or a zero mark, and nothing else
VALUE_CELL = re.compile(r"[+\-＋－]?[0-9０-９][0-9０-９,，.．]*|[—/／无\-－]+")


def _review_row(cells: list[str]) -> bool:
    return len(cells) == _REVIEW_ROW_CELLS and all(VALUE_CELL.fullmatch(c) for c in cells if c)


def _values_only(cells: list[str]) -> bool:
    # five cells at least: table 4's first group ends with its total (a line of one cell with a
    # tab before it is a table printed one cell per line, indented)
    return 5 <= len(cells) <= _REVIEW_ROW_CELLS and all(VALUE_CELL.fullmatch(c) for c in cells if c) and any(cells)


def _tab_columns(line: str) -> list[int]:
    """1-based columns of the cells of a tab-separated line."""
    cols, at = [1], 0
    while (at := line.find("\t", at) + 1) > 0:
        cols.append(at + 1)
    return cols


def _tab_row(line: str, place: str) -> list[RawCell]:
    """The cells of a tab line without pipes whose values tabs alone set apart (`split_line` and
    `_columns` of it at once): each field's stripped text at the column it starts at (an empty
    field: past its padding); `place`: the line's place, to which the column is added."""
    fields = line.split("\t")
    parts = list(map(str.strip, fields))
    first = 0
    if not parts[0] and not _values_only(parts):
        while first < len(parts) and not parts[first]:
            first += 1
    at = 1  # where a field starts, 1-based
    if first:
        at += sum(map(len, fields[:first])) + first
        fields, parts = fields[first:], parts[first:]
    row: list[RawCell] = []
    for field, cell in zip(fields, parts, strict=True):
        if field is cell:  # no padding (`str.strip` gives the field itself), or an empty field
            column = at
        elif cell:  # past the field's leading whitespace
            column = at + len(field) - len(field.lstrip())
        elif row:  # an empty field: past its padding of blanks only
            column = at + len(field) - len(field.lstrip(" \u3000"))
        else:  # a tab row's first cell, empty: at 1
            column = 1
        row.append(_new(RawCell, (cell, place + str(column), False, len(row) + 1, True)))
        at += len(field) + 1
    if len(row) == 1:  # one cell: no column of a row
        return [RawCell(row[0].text, row[0].where)]
    return row


def _spaced_row(stripped: str, column: int, place: str) -> list[RawCell]:
    """The cells of a line that runs of two blanks or more set apart, and no tab, pipe or
    full-width space (`split_line` and `_columns` of it at once): the stripped line `stripped`,
    which starts at `column`; `place`: the line's place, to which a cell's column is added. (The
    stripped line split at its runs gives its cells and the runs between them in turn.)"""
    row: list[RawCell] = []
    pieces = iter(_BLANK_RUN.split(stripped))
    for cell in pieces:
        row.append(_new(RawCell, (cell, place + str(column), False, len(row) + 1, False)))
        column += len(cell) + len(next(pieces, ""))
    if len(row) == 1:  # one cell: no column of a row
        return [RawCell(row[0].text, row[0].where)]
    return row


_BLANK_RUN = re.compile(r"(\s{2,})")  # (kept by `re.split`)


def _pipe_row(stripped: str, start: int, place: str) -> list[RawCell]:
    """The cells of a Markdown row without tabs (`split_line` and `_columns` of it at once): the
    stripped line `stripped`, which starts at `start`; each cell at the column its text starts at
    (an empty cell: past its padding); `place`: the line's place, to which the column is added."""
    if stripped[0] == "|":
        stripped = stripped[1:]
        start += 1
    fields = stripped.removesuffix("|").split("|")
    parts = list(map(str.strip, fields))
    if any(parts) and not _review_row(parts) and not (len(parts) == _REVIEW_GROUP_CELLS and _values_only(parts)):
        first = 0
        while not parts[first]:  # leading empty cells dropped, as `split_line` does
            start += len(fields[first]) + 1
            first += 1
        if first:
            fields, parts = fields[first:], parts[first:]
    row: list[RawCell] = []
    start += 1  # (columns are 1-based)
    for field, cell in zip(fields, parts, strict=True):
        if cell:  # where its text starts: the first place the text is found (its padding is whitespace)
            column = start + field.find(cell)
            if "<" in cell:  # a line break inside a Markdown cell (<br>) is no character of its text
                cell = _CELL_BREAK.sub("", cell)
        else:
            column = start + len(field) - len(field.lstrip(" \u3000"))
        row.append(_new(RawCell, (cell, place + str(column), True, len(row) + 1, False)))
        start += len(field) + 1
    if len(row) == 1:  # one cell: no column of a row
        return [RawCell(row[0].text, row[0].where, True)]
    return row


_REVIEW_GROUP_CELLS = len(spec.REVIEW_OUTCOMES)  # one group of table 4's row


def _columns(line: str, cells: list[str]) -> list[int]:
    """1-based column where each cell's text starts in its line (an empty cell: where it would be)."""
    cols, at = [], 0
    for cell in cells:
        if cell:
            found = line.find(cell, at)
            if found >= 0:
                at = found
            cols.append(at + 1)
            at += len(cell)
        elif not cols and "|" not in line:
            cols.append(1)  # a tab row's first cell, empty (table 4's row): no separator opens it
        else:
            # just past the separator that opens it, and past its padding; `at` then rests on the
            # separator that ends it, which opens the next cell
            seps = [i for i in (line.find("\t", at), line.find("|", at)) if i >= 0]
            at = min(seps) + 1 if seps else len(line)
            while at < len(line) and line[at] in " \u3000":
                at += 1
            cols.append(at + 1)
    return cols


# a run of spaces inside a tab field, between two of its words: two blanks or more, or a full-width one
_INNER_RUN = re.compile(r"\S(?:[^\S\t]{2,}|\u3000)\S")


def mixed_separators(line: str) -> bool:
    """A tab line whose values are also set apart by runs of spaces (a table typed with both: a
    tab's cell holds a label or value and values after it): its cells are split at either, and a
    tab no longer marks each cell. (A label with a run of spaces inside is one cell.)"""
    if "\t" not in line or _INNER_RUN.search(line) is None:
        return False
    for field in line.replace("\u3000", "  ").split("\t"):
        parts = _SPACES.split(field.strip())
        if len(parts) >= 2 and all(VALUE_CELL.fullmatch(p) for p in parts[1:]):
            return True
    return False


def split_line(line: str) -> list[str]:
    """Cells of one text line. Leading empty cells (indentation, a spanned label column) are
    dropped, but in table 4's row; empty cells between values are kept, since a blank cell means 0."""
    stripped = line.strip()
    if "|" in stripped and stripped.count("|") >= 2:
        # a Markdown row: the pipes are explicit, so a trailing empty cell is a blank value
        parts = [p.strip() for p in stripped.removeprefix("|").removesuffix("|").split("|")]
        if not any(parts) or _review_row(parts) or (len(parts) == len(spec.REVIEW_OUTCOMES) and _values_only(parts)):
            # a row of empty cells (zeros printed as nothing), table 4's row, or one group of it
            return parts
        while parts and not parts[0]:
            parts.pop(0)
        return parts
    tabbed = "\t" in line and not mixed_separators(line)
    if tabbed:
        parts = line.split("\t")
    else:
        parts = _SPACES.split(line.replace("\u3000", "  ").replace("\t", "  "))
    parts = [p.strip().strip("\u3000") for p in parts]
    if tabbed and _values_only(parts):
        # a tab line of numbers only (table 4's row, perhaps trimmed of its last empty cells): its
        # empty cells before the first number are cells; the table reader drops what is padding
        return parts
    while parts and not parts[0]:
        parts.pop(0)
    if not tabbed or not parts:
        while parts and not parts[-1]:
            parts.pop()
    # a tab row keeps its trailing empty cells: a zero may be printed as nothing, and the
    # table reader drops what is padding
    return parts
