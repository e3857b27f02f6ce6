"""Cells → tokens: labels, numbers and blanks, with the raw text and place of each number.

A cell may hold a label, a number, a blank (which means 0), or — in text flattened by a crawler —
a label followed by the digits of several cells run together. The tokenizer only separates what
is certain; splitting runs of digits into cells is `digits.py`'s job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from pipelines import spec
from pipelines.ingest.cells import RawCell
from pipelines.ingest.text import TABLE_WORDS, first_word_start

FINANCIAL_NUMERALS = "壹贰叁肆伍陆柒捌玖拾佰仟"  # a sum written in them (壹万伍仟元) is a number no reader here takes
BLANKS = frozenset({"", "-", "--", "—", "——", "－", "/", "／", "无", "\\", "–", "−", "空", "零", "〇"})
# Text where a row's cells should be that is no number this reader takes: a count in Chinese
# numerals (三十五, 零; not one numeral before words, which may be row numbering, 三、 or (三)
# with its marks squashed away), letters (O for 0, x, N/A), the marks of an omitted or withheld
# figure (* ? # …). A row printed with it is unread, not blank (a zero).
UNREAD_CELL = re.compile(
    r"[零〇]|[一二三四五六七八九十百千万两]{2,}|[一二三四五六七八九十]+(?![\u4e00-\u9fff、.,，．)])"
    r"|[A-Za-z*?#]|\.{2,}"
)

# A number: optional sign, digits with optional thousands groups and decimals, optional unit.
_NUMBER = re.compile(
    r"(?P<blank>(?<!\S)(?:——|—|－|-|/|／|无|\\)(?!\S))"  # a zero printed as a mark, standing alone
    r"|([+\-−]?)(?<![\d.])(\d+(?:,\d{3}(?!\d))*(?:\.\d+)?)(\s*(?:万元|元))?"
)
# Characters after digits that make them prose ("504条", "2021年"), not a table cell.
_PROSE_UNITS = frozenset("年月日时分件条个次人项篇期号家名场份类万亿千百%批余多天周")
# Starts of numbered row labels: a digit directly before these is row numbering (a row's number
# glued to its label's first word).
# labels starting 其他 that are no numbered row's: table 2's other services, table 4's other
# outcome, table 3's group of other handling
_OTHER_NOT_NUMBERED = ("其他对外", *spec.REVIEW_OUTCOME_LABELS["other"], *spec.APPLICATION_GROUP_LABELS["other"])
# table 3's header word, printed again after a row when the table is cut in pieces
_APPLICATIONS_HEADER = tuple(dict.fromkeys(h for t in spec.TEMPLATE_DATA.values() for h in t.applications["header"]))
_NUMBERED_LABEL_STARTS = (
    "属于", "其他法律", "危及", "保护第三方", "本机关", "没有现成", "补正后", "信访",
    *spec.APPLICATION_LABELS["rejected_duplicate"], "要求提供", "要求行政", "无正当理由", "申请人",
)


class Token(NamedTuple):
    kind: str  # "label", "num", "blank"
    text: str  # normalised text (labels) or the number's digits as printed (numbers)
    where: str
    raw: str  # the raw cell text it came from (a blank's printed mark)
    row: int  # index of the physical row (line or <tr>) it came from
    value: Decimal | None = None
    unit: str | None = None  # "元" / "万元" when printed with the number
    signed: bool = False  # printed with an explicit sign
    grid: bool = False  # from a real grid (HTML, Markdown), where an empty cell is a cell
    col: int = 0  # the column of the cell it came from (0: unknown)
    tab: bool = False  # from a tab-separated line (`RawCell.tab`)

    @property
    def explicit(self) -> bool:
        """A number, or a blank printed as a mark (—, /, 无) rather than an empty cell."""
        return self.kind == "num" or (self.kind == "blank" and (self.grid or bool(self.raw.strip())))

    @property
    def splittable(self) -> bool:
        """A run of digits that may hold several cells' digits run together (a sign belongs to
        its first cell, a decimal point and unit to its last)."""
        return self.kind == "num" and self.text.replace(".", "", 1).isdigit()


_CELL_CHARS = 200  # labels and numbers are shorter; a crawler's one-line body is far longer


def normalize(text: str) -> str:
    """NFKC (full-width digits, brackets, spaces → half-width), no whitespace."""
    return "".join(nfkc(text).split())  # (str.split's whitespace is the regex's \s)


# the full-width forms reports print most (brackets, comma, colon, point, semicolon), then the
# rest of the full-width digits and signs and the ideographic space, each with its NFKC form
_FOLDS = tuple(tuple((c, unicodedata.normalize("NFKC", c)) for c in chars)
               for chars in ("（），：．；", "－０１２３４５６７８９＋／\u3000"))


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`. The common full-width forms are replaced by their
    NFKC forms first: a text they alone kept from being normalized then is (the forms replaced by
    their own NFKC forms, the text's compatibility decomposition is the same, and so is its NFKC
    form; a text normalized is its own), without NFKC's decomposing and recomposing every character."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    folded = text
    for folds in _FOLDS:
        for wide, narrow in folds:
            folded = folded.replace(wide, narrow)
        if unicodedata.is_normalized("NFKC", folded):
            return folded
    return unicodedata.normalize("NFKC", text)


# where the tables start: a word only they print (`ingest.text.TABLE_WORDS`), or the first column
# of table 2 in each template
_TABLE_START = (*TABLE_WORDS[:4], *dict.fromkeys(
    spec.METRIC_LABELS[next(iter(items.values()))[0]][0] for items in spec.ACTIVE_ITEMS.values()), *TABLE_WORDS[4:])
# circled, parenthesized and dotted digits (① ⑴ ⒈ ❶ ㉑), superscript and subscript digits: footnote
# marks and list numbers, each NFKC-normalised to digits; read as a space
_MARK_RANGES = ((0x2460, 0x24FF), (0x2776, 0x2793), (0x3251, 0x325F), (0x32B1, 0x32BF), (0x2070, 0x209F))
_FOOTNOTE_MARKS = {c: " " for lo, hi in _MARK_RANGES for c in range(lo, hi + 1)} | dict.fromkeys(map(ord, "¹²³"), " ")
_MARK_CHARS = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _MARK_RANGES) + "¹²³]")


_COUNTED = re.compile(r"(\d{1,12})[件条个项次人家宗]")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_HAS_DIGIT = re.compile(r"\d")
_NOT_SPACE = re.compile(r"\S|\Z")
_BLANK_MARK = re.compile(r"(?<!\S)(?:——|—|－|-|/|／|无|\\)(?!\S)")
# the zero marks `_NUMBER` reads standing alone, as whole words
_MARK_WORDS = frozenset(("——", "—", "－", "-", "/", "／", "无", "\\"))
# the characters a match of `_NUMBER` starts at: a zero mark, a sign or a digit
_NUMBER_START = re.compile(r"[\d+\-−—－/／无\\]")


def _numbers(text: str, pos: int, end: int) -> Iterator[re.Match[str]]:
    """`_NUMBER.finditer(text, pos, end)`: each search starts at the next character a match can
    start at (found by a plain character set, where `_NUMBER`'s lookbehinds are tried at every one)."""
    while (start := _NUMBER_START.search(text, pos, end)) is not None:
        m = _NUMBER.search(text, start.start(), end)
        if m is None:
            return
        yield m
        pos = m.end()


def _tail_start(text: str) -> int:
    """Where the words at the end of a text that are plain counts or zero marks start, each after a
    space (the space before the first of them); the text's length where none is."""
    words = text.split(" ")
    k = len(words)
    while k > 1 and ((w := words[k - 1]) in _MARK_WORDS or (w.isascii() and w.isdigit())):
        k -= 1
    # the words from index k on are values, and the word before them is not (or is the text's
    # first, with no space before it)
    if k == len(words):
        return len(text)
    return len(text) - sum(map(len, words[k:])) - (len(words) - k)


_TEXT = itemgetter(0)  # a cell's text


def tokenize_rows(rows: list[list[RawCell]]) -> list[Token]:
    """Tokens of every row from the first one that starts a table (the prose before the
    tables holds nothing the table reader needs, and is most of a report's text)."""
    before: list[str] = []  # the rows' texts before the first that prints a start word whole
    begin = whole = len(rows)
    for row_index, row in enumerate(rows):
        joined = "".join(c.text for c in row)
        before.append(joined)
        if any(m in joined for m in _TABLE_START):
            # or an earlier row where such a word starts, broken over rows (one cell to a line, PDF text)
            broken = first_word_start(before, _TABLE_START) if row_index else None
            begin = whole = row_index
            if broken is not None:
                begin = min(whole, broken)
            break
    body = rows[begin:]
    if body and begin == whole and len(body[0]) == 1 and len(before[begin]) > _CELL_CHARS:
        # a crawler's whole body on one line: its prose before the tables is skipped too
        # (normalising and tokenizing it was a quarter of such a report's reading)
        joined = before[begin]
        at = min(i for i in map(joined.find, _TABLE_START) if i >= 0)
        body = [[body[0][0]._replace(text=joined[at:])], *body[1:]]
    # each cell text's reading, once per report
    read = {text: _head(text) for text in dict.fromkeys(map(_TEXT, chain.from_iterable(body)))}
    single = {text: head for text, head in read.items() if head.__class__ is tuple}
    if len(single) == len(read):  # every cell one token: its reading and its place
        return [_new(Token, (kind, t, where, raw, row_index, value, unit, signed, grid, col, tab))
                for row_index, row in enumerate(body, start=begin)
                for text, where, grid, col, tab in row
                for kind, t, raw, value, unit, signed in [single[text]]]
    tokens: list[Token] = []
    append = tokens.append
    for row_index, row in enumerate(body, start=begin):
        for cell in row:
            head = read[cell[0]]
            if head.__class__ is tuple:  # a cell of one token: a label, a number or a blank
                kind, t, raw, value, unit, signed = head
                _, where, grid, col, tab = cell
                append(_new(Token, (kind, t, where, raw, row_index, value, unit, signed, grid, col, tab)))
            else:
                tokens.extend(_cell_tokens(cell, row_index, head))
    return tokens


# the characters of the common label (CJK ideographs, Chinese punctuation, ASCII and full-width
# signs and letters): none is a digit, a blank or a footnote mark, nor turns into one under NFKC
LABEL_CHARS = "\u4e00-\u9fff\u3001\u3002\u300a-\u300f\u2018\u2019\u201c\u201d!-/:-~\uff01-\uff0f\uff1a-\uff5e"
# a label is of them, or numbered by a digit ("2." or "2、" and its words: no number after it):
# the character no label of them holds, and the digits that number one
_NOT_LABEL_CHAR = re.compile(f"[^{LABEL_CHARS}]")
_LABEL_NUMBERS = "123456789１２３４５６７８９"
# a label of them with whitespace between its words, perhaps numbered by a digit
_SPACED_LABEL = re.compile(f"(?:[1-9１-９][.、．])?[{LABEL_CHARS}\\s]+")


def _head(text: str) -> tuple | list:
    """A cell text's reading: for a cell of one token, its (kind, text, raw, value, unit, signed);
    for a cell of several, the list of `_tokenize_text`'s parts."""
    digits = text.strip()
    if digits.isdigit():
        if digits.isascii():  # the common cell: a plain count (perhaps padded)
            return ("num", digits, text, Decimal(digits), None, False)
        count = nfkc(digits)
        if count.isascii() and count.isdigit() and _MARK_CHARS.search(digits) is None:  # full-width digits
            return ("num", count, text, Decimal(count), None, False)
    if digits in BLANKS:  # an empty cell or a zero mark alone (each its own NFKC form's, a blank)
        return ("blank", "", text, None, None, False)
    other = _NOT_LABEL_CHAR.search(digits)  # (no other character, or but the number's)
    if other is None or (other.start() == 0 and len(digits) > 1 and digits[0] in _LABEL_NUMBERS
                         and digits[1] in ".、．" and _NOT_LABEL_CHAR.search(digits, 2) is None):
        # a label of one word: `_tokenize_text`'s label at once
        label = nfkc(digits)
        if label not in BLANKS:
            return ("label", label, text, None, None, False)
    elif _SPACED_LABEL.fullmatch(digits) is not None:
        # a label of words with blanks between them (no digit under NFKC but its number's):
        # `_tokenize_text`'s label at once, but where a zero mark stands alone among its words
        spaced = nfkc(digits)
        label = "".join(spaced.split())
        if label not in BLANKS and _BLANK_MARK.search(spaced) is None:
            return ("label", label, text, None, None, False)
    parts = _tokenize_text(text)
    if len(parts) == 1:
        kind, t, raw, value, unit, signed, _ = parts[0]
        return (kind, t, text if raw is None else raw, value, unit, signed)
    return list(parts)


def tokenize_cell(cell: RawCell, row: int) -> list[Token]:
    """The tokens of one cell."""
    head = _head(cell[0])
    if head.__class__ is tuple:
        kind, t, raw, value, unit, signed = head
        return [_new(Token, (kind, t, cell[1], raw, row, value, unit, signed, *cell[2:]))]
    return _cell_tokens(cell, row, head)


def _cell_tokens(cell: RawCell, row: int, parts: tuple | list) -> list[Token]:
    """The tokens of a cell of several tokens (`_tokenize_text`'s parts of its text)."""
    text, where, grid, col, tab = cell
    if where.startswith("line ") and len(text) <= _CELL_CHARS:
        # a text line of several tokens (PDF text): each number at its own column. A crawler's
        # one-line body keeps its line's place (the columns of its numbers would move with the
        # prose before the tables)
        head, _, column = where.rpartition(" col ")
        first = int(column) + len(text) - len(text.lstrip())  # the column of the stripped text
        head += " col "
        # tuple.__new__ builds each Token without a NamedTuple's own (Python) __new__
        return [_new(Token, (kind, t, where if at < 0 else head + str(first + at), text if raw is None else raw, row,
                             value, unit, signed, grid, col, tab))
                for kind, t, raw, value, unit, signed, at in parts]
    return [_new(Token, (kind, t, where, text if raw is None else raw, row, value, unit, signed, grid, col, tab))
            for kind, t, raw, value, unit, signed, _ in parts]


_new = tuple.__new__


def _tokenize_text(text: str) -> tuple[tuple[str, str, str | None, Decimal | None, str | None, bool, int], ...]:
    """(kind, text, raw or None for the cell's text, value, unit, signed, offset) of each token in a
    cell; offset: where a number or blank mark starts in the stripped cell text (-1: a label, or
    where normalising moved the text)."""
    original = text.strip()
    # a footnote mark after a number (35①, 35¹) is no digit of it: NFKC would make it one (351)
    unmarked = original.translate(_FOOTNOTE_MARKS) if _MARK_CHARS.search(original) else original
    spaced = nfkc(unmarked).strip()
    compact = "".join(spaced.split())  # (str.split's whitespace is the regex's \s)
    if compact in BLANKS and (" " not in spaced or spaced.split(" ")[0] not in _MARK_WORDS):
        # a zero mark (a mark and the next one a space apart are two cells' marks)
        return (("blank", "", None, None, None, False, -1),)
    if compact.isdigit() and compact == spaced:
        return (("num", compact, None, Decimal(compact), None, False, -1),)
    if _HAS_DIGIT.search(compact) is None:
        if " " not in spaced or _BLANK_MARK.search(spaced) is None:  # (zero marks among words: read below)
            return (("label", compact, None, None, None, False, -1),)
    else:
        counted = _COUNTED.fullmatch(compact)
        if counted:  # a cell of a count and its unit (35件): the count
            return (("num", counted[1], original, Decimal(counted[1]), None, False,
                     0 if compact == original else -1),)
    if spaced[1:2] in (".", "、") and spaced[1:2] and spaced[0] in "123456789" and _HAS_DIGIT.match(spaced, 2) is None \
            and next(_numbers(spaced, 1, len(spaced)), None) is None:
        # a row's label numbered by one digit ("2." and its words), no number after it
        return (("label", compact, None, None, None, False, -1),)
    aligned = len(original) == len(spaced)  # offsets in the normalised text are the printed ones
    out: list[tuple[str, str, str | None, Decimal | None, str | None, bool, int]] = []
    label_parts: list[str] = []
    pos = 0
    # a row's values at the end of its line (PDF text: a label, then "2 1 0 0 0 0 3"): plain counts
    # and zero marks one space apart, each of them a value whatever precedes it (`_classify` finds
    # nothing to say of a count between spaces or at the end); read at once, the rest as below
    tail = _tail_start(spaced)
    for m in _numbers(spaced, 0, tail):
        if m.group("blank"):
            label_parts.append(spaced[pos:m.start()])
            _flush_label(out, label_parts)
            out.append(("blank", "", m.group(), None, None, False, m.start() if aligned else -1))
            pos = m.end()
            continue
        sign, digits, unit = m.group(2), m.group(3), (m.group(4) or "").strip() or None
        # what follows, as far as `_classify` looks (a crawler's body is one line: not all of it)
        at = _NOT_SPACE.search(spaced, m.end()).start()
        after = spaced[at:at + 16]
        kind = _classify(spaced, m, digits, unit, after)
        if kind in ("prose", "label-number"):
            continue
        if kind == "numbering":
            # the last digit numbers the next label ("00000002.其他法律…" = 0000000 + "2.")
            if len(digits) == 1 or not digits.isdigit():
                continue
            digits, cut = digits[:-1], m.end() - 1
        elif kind == "number-dot":
            cut = at + 1  # the point is dropped with the number
        else:
            cut = m.end()
        label_parts.append(spaced[pos:m.start()])
        _flush_label(out, label_parts)
        try:
            value = Decimal(digits.replace(",", ""))
        except InvalidOperation:
            continue
        if sign in ("-", "−"):
            value = -value
        # the number's own printed text (the cell may hold a label too), where offsets agree
        printed = original[m.start():m.end()] if aligned else m.group()
        at = m.start() + len(printed) - len(printed.lstrip()) if aligned else -1
        out.append(("num", digits, printed.strip(), value, unit, bool(sign), at))
        pos = cut
    if tail < len(spaced):
        label_parts.append(spaced[pos:tail])
        _flush_label(out, label_parts)
        at = tail + 1
        values_read: dict[str, Decimal] = {}  # (a value printed again in the line: "0 0 0")
        for word in spaced[at:].split(" "):
            if word in _MARK_WORDS:
                out.append(("blank", "", word, None, None, False, at if aligned else -1))
            else:
                value = values_read.get(word)
                if value is None:
                    value = values_read[word] = Decimal(word)
                if aligned:
                    out.append(("num", word, original[at:at + len(word)], value, None, False, at))
                else:
                    out.append(("num", word, word, value, None, False, -1))
            at += len(word) + 1
        return tuple(out)
    if pos < len(spaced):
        label_parts.append(spaced[pos:])
        _flush_label(out, label_parts)
    return tuple(out)


def _classify(text: str, m: re.Match, digits: str, unit: str | None, after: str) -> str:
    start = m.start()
    if start > 0 and text[start - 1] in "第共约近超逾达表":
        return "prose"  # an ordinal, a count in prose, a table's own number (表3)
    end = m.end()
    glued_after, glued_before = text[end:end + 1], text[start - 1:start] if start else ""
    if glued_after in _LATIN or glued_before in _LATIN:
        return "prose"  # digits glued to letters (l5, 1O: a scan's misread digits) are no count
    if (glued_after == "," and text[end + 1:end + 2].isdigit()) or \
            (glued_before == "," and text[start - 2:start - 1].isdigit()):
        return "prose"  # digits around a comma that groups no thousands (1,5: a decimal comma? a typo?)
    if unit is None and after[:1] in _PROSE_UNITS:
        return "prose"
    if unit is None and after[:1] and after[:1] in ".、" and not after[1:2].isdigit():
        if not after[1:2] and len(digits) > 1 and digits.isdigit():
            return "number-dot"  # 35. ending its cell: no row numbering (rows number 1 to 8), a number
        return "numbering"
    glued = text[m.end():m.end() + 1] != " "
    if start == 0 and len(digits) == 1 and glued and "\u4e00" <= after[:1] <= "\u9fff":
        return "label-number"  # a row numbered without a dot: its digit glued to its label's first word
    words = after.replace(" ", "")  # (a label printed with spaces between its characters)
    numbered = (words.startswith(_NUMBERED_LABEL_STARTS) and not words.startswith(_APPLICATIONS_HEADER)) or (
        words.startswith("其他") and not words.startswith(_OTHER_NOT_NUMBERED)
    )
    if unit is None and digits.isdigit() and glued and numbered:
        return "numbering" if len(digits) > 1 else "label-number"
    return "number"


def _flush_label(out: list, parts: list[str]) -> None:
    text = normalize("".join(parts))
    parts.clear()
    if text and text not in BLANKS:
        out.append(("label", text, None, None, None, False, -1))
