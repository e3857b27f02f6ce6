"""Read the three statistical tables out of a token stream, whatever the layout.

The stream is cut into *value rows*: runs of numbers (and blanks) with the label text printed
before them. Each table is then read by its content:
- table 2: every value row whose label names an item gives that item's metrics;
- table 3: the value rows are aligned to the template's row sequence by their labels (dynamic
  programming, so rows whose labels were lost — PDF extraction — are placed by position, and
  stray numbers are skipped); digits run together are split by the cross-sum rules, per row and
  then jointly per column;
- table 4: the 15 numbers after its header, split by rule 4 when they run together.
Everything doubtful becomes an issue; nothing raises.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pipelines import spec

from .columns import (
    APPLICANT_COLUMNS,
    REVIEW_COLUMNS,
    printed_groups,
    printed_order,
    reorder,
    reordered_issue,
)
from .digits import MAX_CANDIDATES, split_values
from .labels import (
    LabelMatch,
    loose_match,
    match_codes,
    match_each,
    match_squashed,
    may_cross,
    phrase_pairs,
    squash,
    starts_with_code,
)
from .numbers import FINANCIAL_NUMERALS, UNREAD_CELL, Token, nfkc
from .report import Cell

Values = tuple[Decimal, ...]
_ZERO = Decimal(0)
_new = tuple.__new__  # a NamedTuple made without its (Python) __new__
# table 3's first row (new requests) in its shortest form: the words its header ends before
_NEW_REQUESTS = min(spec.APPLICATION_LABELS[spec.APPLICATION_ROWS[spec.TEMPLATES[-1]][0]], key=len)
IssueList = list[tuple[str, str, str, str]]  # (code, severity, where, message)


class ValueRow:
    """A run of value tokens and the label text printed before it."""

    __slots__ = ("first_token", "label", "nums", "one_line", "printed", "readings", "tail", "tokens")

    def __init__(self, label: str, tokens: list[Token], first_token: int, tail: str = "",
                 printed: str = "", nums: list[Token] | None = None, one_line: bool | None = None) -> None:
        self.label = label
        self.tokens = tokens
        self.first_token = first_token  # index in the stream, for ordering
        self.tail = tail  # label text after the values: the next row's label, or the rest of a broken one
        self.printed = printed  # the whole label text before the values (label keeps its last 160 characters)
        # its readings as `n` cells (by n and group), each made once: the table readers ask again
        self.readings: dict[tuple[int, int | None], Reading] = {}
        # its numbers, blanks aside, and whether its tokens are all on one printed line (each
        # worked out here where the caller does not give it)
        self.nums = [t for t in tokens if t.kind == "num"] if nums is None else nums
        self.one_line = len({t.row for t in tokens}) == 1 if one_line is None else one_line

    def __repr__(self) -> str:
        return f"ValueRow(label={self.label!r}, tokens={self.tokens!r}, first_token={self.first_token})"

    def read(self, n: int, group: int | None = None) -> Reading:
        """`read_row` of the row's tokens."""
        reading = self.readings.get((n, group))
        if reading is None:
            reading = self.readings[n, group] = read_row(self.tokens, n, group)
        return reading


@dataclass(slots=True)
class Reading:
    """The ways a value row can be read as `n` cells, most likely first."""

    candidates: list[Values]
    sources: Sequence[tuple[Token | None, ...]]  # per candidate, the token each value came from
    split: bool = False  # digits had to be cut
    fits_row_rule: bool = True
    padding_guess: bool = False  # empty cells at both ends: which were padding is a guess
    trimmed: int = 0  # cells missing at the end of a tab line, read as empty (`_line_ends_early`)

    @property
    def ok(self) -> bool:
        return bool(self.candidates)


class _CutSources(Sequence[tuple[Token, ...]]):
    """Per cut of run-together digits, the tokens its values came from, built when asked: a row
    may have hundreds of cuts, and only the chosen one and a few alternatives are looked at."""

    def __init__(self, nums: list[Token], origins: list[tuple[int, ...]]) -> None:
        self._nums, self._origins = nums, origins

    def __getitem__(self, i):  # type: ignore[override]  # an index, never a slice
        return tuple(map(self._nums.__getitem__, self._origins[i]))

    def __len__(self) -> int:
        return len(self._origins)


@dataclass
class TableResult:
    values: dict[str, dict[str, Decimal | None]] = field(default_factory=dict)
    provenance: dict[str, Cell] = field(default_factory=dict)  # "row/col" -> where its value was printed
    issues: IssueList = field(default_factory=list)
    found: bool = False
    # row -> its readings where several cuts of run-together digits fit every sum: (values by
    # column, places by column) each, the one `values` holds first (`Report.alternatives`)
    alternatives: dict[str, list[tuple[dict[str, Decimal | None], dict[str, Cell]]]] = field(
        default_factory=dict)


# ---------------------------------------------------------------------------------------------
# value rows


def value_rows(tokens: list[Token], start: int, end: int) -> list[ValueRow]:
    """Runs of value tokens between labels, with the label text before each run. A run of empty
    cells that cannot be a row (a header's padding) is no row: its label joins the next one's."""
    return _value_rows(tokens, start, end)[0]


def _value_rows(tokens: list[Token], start: int, end: int) -> tuple[list[ValueRow], str]:
    """`value_rows`, and the region's label text (every label's text once: the rows' printed
    label texts and the labels after the last row)."""
    rows: list[ValueRow] = []
    label: list[str] = []
    group: list[Token] = []
    nums: list[Token] = []
    group_start = line = start
    one_line = True
    for i, tok in enumerate(tokens[start:end], start):
        kind = tok[0]  # (kind)
        if kind == "label":
            if group:
                text = "".join(label)
                row = ValueRow(text[-160:], group, group_start, "", text, nums, one_line)
                if nums or _blank_row(row):
                    rows.append(row)
                    label = []
                group = []
                nums = []
            label.append(tok[1])  # (text)
        else:
            if not group:
                group_start = i
                line = tok[4]  # (row)
                one_line = True
                if rows and label:
                    rows[-1].tail = "".join(label)[:40]
            elif tok[4] != line:
                one_line = False
            group.append(tok)
            if kind == "num":
                nums.append(tok)
    if group:
        text = "".join(label)
        row = ValueRow(text[-160:], group, group_start, "", text, nums, one_line)
        if nums or _blank_row(row):
            rows.append(row)
            label = []
    if rows and label:
        rows[-1].tail = "".join(label)[:40]
    return rows, "".join([*(row.printed for row in rows), *label])


def _empty_cell(tok: Token) -> bool:
    return tok.kind == "blank" and not tok.explicit and not tok.raw.strip()


def _blank_row(row: ValueRow) -> bool:
    """A row of blanks only (no number) that is a row: zeros printed as marks (—, /, 无), a grid's
    empty cells, or a whole row of empty cells (an HTML row of &nbsp;)."""
    # (`Token.explicit` of a blank: a grid's cell, or a printed mark)
    for t in row.tokens:
        if t.grid or t.raw.strip():
            return True
    return len(row.tokens) >= 3 and row.one_line


def read_row(tokens: Sequence[Token], n: int, group: int | None = None) -> Reading:
    """Read `n` cells from a value row's tokens. With `group`, digits that ran together are cut so
    that each group of that many cells ends with the sum of the others (rules 3 and 4)."""
    if len(tokens) == n:  # every cell present (blanks are zeros): the common row
        return Reading([tuple([t.value if t.kind == "num" else _ZERO for t in tokens])], [tuple(tokens)])
    nums = [t for t in tokens if t.kind == "num"]
    # numbers and zeros printed as marks (an empty cell: a blank with no mark)
    marked = [t for t in tokens if t.kind != "blank" or t.raw.strip()]
    if len(tokens) > n:  # empty cells at the ends are padding: a spanned label column, a ragged row
        low, high = 0, len(tokens)
        while high - low > n and _empty(tokens[low]):
            low += 1
        while high - low > n and _empty(tokens[high - 1]):
            high -= 1
        if high - low == n:
            values = tuple([t.value if t.kind == "num" else _ZERO for t in tokens[low:high]])
            guess = _empty(tokens[0]) and _empty(tokens[-1])
            return Reading([values], [tuple(tokens[low:high])], padding_guess=guess and len(marked) < n)
    if len(marked) == n:  # every cell present but empty ones, which were padding
        return Reading([tuple([t.value if t.kind == "num" else _ZERO for t in marked])], [tuple(marked)])
    if len(nums) == n and not any(t.kind == "blank" and t.raw.strip() for t in tokens):
        # empty cells were padding around the numbers (a zero printed as a mark is never padding)
        return Reading([tuple(t.value for t in nums)], [tuple(nums)])
    for cells in (nums, marked):
        if group is not None and len(cells) == n + 1 and cells[0].kind == "num" and len(cells[0].text) == 1 \
                and cells[0].text in "12345678":
            # a sub-row number printed apart from its words (a group's label, then "1 19 3 0 0 0 2 24"): it
            # is numbering when the other cells then add up
            rest = [t.value if t.kind == "num" else Decimal(0) for t in cells[1:]]
            if all(sum(rest[g:g + group - 1]) == rest[g + group - 1] for g in range(0, n, group)):
                return Reading([tuple(rest)], [tuple(cells[1:])])
    # digits run together, where the cells are not printed apart
    if len(nums) < n and not _delimited(tokens) and any(t.splittable and len(t.text) > 1 for t in nums):
        parts = tuple((t.text, t.value, t.splittable) for t in nums)
        found = _cuts(parts, n, group, MAX_CANDIDATES)
        fits = True
        if not found and group is not None:
            found = _cuts(parts, n, None, 20)
            fits = False
        return Reading(
            [values for values, _ in found],
            _CutSources(nums, [origin for _, origin in found]),
            split=True,
            fits_row_rule=fits,
        )
    return Reading([], [])


def _empty(tok: Token) -> bool:
    """An empty cell: a blank with no mark printed."""
    return tok.kind == "blank" and not tok.raw.strip()


def _delimited(tokens: Sequence[Token]) -> bool:
    """Cells printed apart, which cannot run together: a zero printed as a mark between them, or
    a tab line (each of its cells a cell: a number too few is a cell left out, not digits run
    together)."""
    return any(t.kind == "blank" and t.explicit for t in tokens) or all(t.tab for t in tokens)


def _cuts(parts: tuple[tuple[str, Decimal, bool], ...], n: int, group: int | None,
          limit: int) -> tuple[tuple[tuple[Decimal, ...], tuple[int, ...]], ...]:
    """`split_values` of a row's digits, as a tuple."""
    return tuple(split_values(parts, n, group=group, limit=limit))


def _split_by_physical_rows(row: ValueRow, n: int) -> tuple[list[ValueRow], list[Token]]:
    """A run of values spanning several printed rows (bare rows whose labels were lost):
    the printed rows that hold `n` values each, and the stray values of the others."""
    parts: list[ValueRow] = []
    stray: list[Token] = []
    for i, (_, group) in enumerate(itertools.groupby(row.tokens, key=lambda t: t.row)):
        group = list(group)
        piece = ValueRow(row.label if not parts else "", group, row.first_token + i)
        if piece.read(n).ok:
            parts.append(piece)
        else:
            stray.extend(t for t in group if t.kind == "num")
    if parts and parts[0].label == "" and row.label:
        parts[0].label = row.label
    return parts, stray


def rows_for_table(rows: list[ValueRow], n: int, issues: IssueList) -> list[ValueRow]:
    """Value rows regrouped so that each holds one printed table row of `n` cells."""
    out: list[ValueRow] = []
    for row in rows:
        if row.one_line:
            out.append(row)  # one printed line (a crawler's whole body is one): nothing to regroup
            continue
        reading = row.read(n)
        if reading.ok and not reading.split:
            out.append(row)
            continue
        parts, stray = _split_by_physical_rows(row, n)
        if not parts or (reading.ok and any(p.read(n).split for p in parts)):
            out.append(row)  # one row whose digits ran together over several lines
            continue
        out.extend(parts)
        for tok in stray:
            issues.append((
                "stray_value", "warning", tok.where,
                f"the number {tok.text!r} between table rows could not be placed and was ignored",
            ))
    return out


def _marks_opening_labels(rows: list[ValueRow], n: int, vocabularies: tuple[tuple[str, tuple[str, ...]], ...]
                         ) -> list[ValueRow]:
    """The value rows with a zero mark that is a label's first character given back to the label:
    a PDF line broken right after it (a line "4. 无" and the row's values, then the rest of the
    label on the next line), which the tokenizer took for a blank cell. A row's first token is
    such a mark where its printed line is one value too long exactly by it (with it, the line is
    no `n` cells; without it, the row's first line is), and the mark and the label text after the
    values start a phrase of `vocabularies` ((vocabulary name, codes) each). The row's label then
    ends with the mark, whose phrase its tail completes (`_row_matches`); the rows are `rows`
    itself where no row is such."""
    out: list[ValueRow] | None = None
    for k, row in enumerate(rows):
        mark = row.tokens[0]
        if mark.kind != "blank" or not row.tail or not mark.raw.strip() or len(row.tokens) <= n:
            continue
        text = nfkc(mark.raw.strip())
        if not any(starts_with_code(text + row.tail, vocabulary, codes) for vocabulary, codes in vocabularies):
            continue
        line = [t for t in row.tokens if t.row == mark.row]
        rest = row.tokens[1:]
        first_rest = [t for t in rest if t.row == rest[0].row]
        if read_row(line, n).ok or not read_row(first_rest, n).ok:
            continue
        if out is None:
            out = list(rows)
        label = row.label + text
        out[k] = ValueRow(label[-160:], rest, row.first_token + 1, row.tail, row.printed + text, row.nums)
    return rows if out is None else out


def _where(tok: Token | None, fallback: str) -> Cell:
    """The cell a value came from: its token's place and raw text (its text where the raw is long),
    or the row's place where no token printed it."""
    if tok is None:
        return _new(Cell, (fallback, ""))
    return _new(Cell, (tok.where, tok.raw if len(tok.raw) <= 60 else tok.text))


@functools.cache  # keyed by the spec's row codes only
def _cell_keys(row: str) -> tuple[str, ...]:
    """The provenance keys of a table-3 row's cells ("row/column"), in the columns' order."""
    return tuple(f"{row}/{col}" for col in spec.APPLICANTS)


# ---------------------------------------------------------------------------------------------
# table 2


def read_active(tokens: list[Token], start: int, end: int, template: str) -> TableResult:
    result = TableResult()
    items = spec.ACTIVE_ITEMS[template]
    codes = tuple(items)
    header = ""  # label text since the last item: the column headers that name units
    orders: dict[tuple[str, ...], tuple[str, ...]] = {}  # a sub-table's columns -> as its header prints them
    grid = _Grid(tokens, start, end)  # the region's cells by column, for `_column_reading`
    rows = value_rows(tokens, start, end)
    flats = _squash_each([r.label for r in rows])
    for row, flat, matches in zip(rows, flats, match_each(flats, "ACTIVE_LABELS", codes), strict=True):
        matches = matches or _straddling(row, "ACTIVE_LABELS", codes, flat)
        header = (header + row.label)[-200:]
        if not matches:
            if row.nums and _CJK.search(row.label[-20:]) and result.found \
                    and not row.tokens[0].where.endswith(" col 1"):
                # a row the template does not have (行政征收 5), its numbers not loaded: said so (a
                # number at a line's start may be a PDF's page number, passed over as the fast path does)
                result.issues.append(_unplaced_row_issue(row, "fit no row of table 2"))
            continue
        context, header = header, ""
        picked = matches[0] if len(matches) == 1 else max(matches, key=_closeness)
        item = picked.code
        if item in result.values:
            # the first printing of an item is the table's; another, with other numbers, is said
            first = [result.provenance.get(f"{item}/{m}", ("", ""))[1] for m in items[item]]
            if row.nums and [_where(t, "")[1] for t in row.nums] != first:  # (as printed: units aside)
                result.issues.append(_unplaced_row_issue(row, f"print {item!r} again; the first printing was read"))
            continue
        for m in matches:  # items printed before it in the same label text: rows with no cells
            if m.code != item and m.start + m.length <= picked.start and m.code not in result.values:
                _blank_or_unread(result, "active", m.code, items[m.code], _after_label(flat, m, matches))
        metrics = items[item]
        by_column = _column_reading(grid, row, metrics)
        reading = by_column if by_column is not None else row.read(len(metrics))
        # the columns as printed: the header before a sub-table's first row gives their order
        printed = metrics
        if len(metrics) > 1:
            order = printed_order(context, metrics, "METRIC_LABELS")
            if order is not None:
                orders[metrics] = order[0]
            elif "第二十条" in context:  # a sub-table of its own, whose header does not say: as the template
                orders.pop(metrics, None)
            printed = orders.get(metrics, metrics)
            if printed != metrics:
                result.issues.append(reordered_issue(f"active/{item}", printed, metrics))
        if by_column is not None:
            printed = metrics  # cells taken under their headers, in the template's order
            reading = by_column  # the cells under the metric headers, whatever the padding
            if by_column.trimmed:
                result.issues.append(_trimmed_issue(f"active/{item}", len(metrics), by_column.trimmed))
            used = {id(t) for t in by_column.sources[0]}
            ignored = [t.text for t in row.tokens if t.kind == "num" and id(t) not in used]
            if ignored:
                result.issues.append((
                    "stray_value", "warning", f"active/{item}",
                    f"numbers {ignored[:8]} beside {item!r} sit under no column of its header and were ignored",
                ))
        elif reading.padding_guess:
            result.issues.append((
                "cell_count", "warning", f"active/{item}",
                f"empty cells on both sides of the numbers of {item!r}; which were padding is a guess "
                f"({len(row.tokens)} cells for {len(metrics)})",
            ))
        if not reading.ok and not row.one_line:
            # numbers on the next printed line (a page number under the row) are not the item's
            first_line = [t for t in row.tokens if t.row == row.tokens[0].row]
            first = read_row(first_line, len(metrics))
            if first.ok:
                reading = first
                for tok in row.tokens[len(first_line):]:
                    if tok.kind == "num":
                        result.issues.append((
                            "stray_value", "warning", tok.where,
                            f"the number {tok.text!r} after the row of {item!r} could not be placed and was ignored",
                        ))
        if not reading.ok and len(row.nums) > len(metrics):
            # more numbers than cells: the item's cells are the first ones after its label
            reading = read_row(row.nums[: len(metrics)], len(metrics))
            result.issues.append((
                "cell_count", "warning", f"active/{item}",
                f"{len(row.nums)} numbers after {item!r}, expected {len(metrics)}; the first were taken",
            ))
        result.found = True
        if not reading.ok:
            result.values[item] = dict.fromkeys(metrics)
            result.issues.append((
                "cell_unreadable", "error", f"active/{item}",
                f"could not read {len(metrics)} cells for {item!r} from {[t.text for t in row.tokens]}",
            ))
            continue
        order = [0] if len(reading.candidates) == 1 else sorted(
            range(len(reading.candidates)),
            key=lambda i: -_plausibility(item, printed, reading.candidates[i], reading.sources[i]))
        best = order[0]
        values, sources = reading.candidates[best], reading.sources[best]
        if reading.split:
            _report_split(result.issues, f"active/{item}", reading, best, order, unique_by="")
        read, places = _active_cells(metrics, printed, values, sources, context, row)
        result.values[item] = read
        provenance = result.provenance
        for metric, place in places.items():
            provenance[f"{item}/{metric}"] = place
        if _several_fit(reading):
            result.alternatives[item] = [
                _active_cells(metrics, printed, reading.candidates[i], reading.sources[i], context, row)
                for i in order]
    if not result.found and _labels_only(tokens, start, end, codes):
        result.found = True  # a table printed with its items' labels only: each a blank row, below
    if result.found:
        # items after the last values, printed with their labels only
        # (an empty cell or two after a label is no row of values: the item printed with a blank cell)
        last = next((i for i in range(end - 1, start - 1, -1)
                     if tokens[i].kind != "label" and not _empty_cell(tokens[i])), start - 1)
        trailing = "".join(t.text for t in tokens[last + 1:end] if t.kind == "label")
        missing = tuple(i for i in codes if i not in result.values)
        trailing_matches = match_codes(trailing, "ACTIVE_LABELS", missing) if missing else ()
        flat = squash(trailing) if trailing_matches else ""
        for m in trailing_matches:
            _blank_or_unread(result, "active", m.code, items[m.code], _after_label(flat, m, trailing_matches))
        for item, metrics in items.items():
            if item not in result.values:
                result.values[item] = dict.fromkeys(metrics)
                result.issues.append(("row_missing", "error", f"active/{item}",
                                      f"row {item!r} of table 2 was not found"))
    return result


_CJK = re.compile(r"[\u4e00-\u9fff]")
# the most cuts of a row kept as its alternatives: a row with more (a long run) is left to its issue
ALTERNATIVES_LIMIT = 64


def _several_fit(reading: Reading) -> bool:
    """Several cuts of run-together digits fit every sum (`digits_ambiguous`), few enough to keep."""
    return reading.split and reading.fits_row_rule and 1 < len(reading.candidates) <= ALTERNATIVES_LIMIT


def _active_cells(metrics: tuple[str, ...], printed: tuple[str, ...], values: Values,
                  sources: tuple[Token | None, ...], context: str,
                  row: ValueRow) -> tuple[dict[str, Decimal | None], dict[str, tuple[str, str]]]:
    """A table-2 item's cells read from one cut, in the template's order: values in the spec's
    units, and the place of each."""
    read: dict[str, Decimal | None] = {}
    places = {}
    money = spec.MONEY_METRICS
    fallback = row.tokens[0].where
    for metric, value, tok in zip(printed, values, sources, strict=True):
        read[metric] = _money(metric, value, tok, context) if metric in money else value
        places[metric] = _where(tok, fallback)
    if printed == metrics:
        return read, places  # (in the template's order already)
    return {metric: read[metric] for metric in metrics}, {metric: places[metric] for metric in metrics}


def _straddling(row: ValueRow, vocabulary: str, codes: tuple[str, ...], flat: str) -> tuple[LabelMatch, ...]:
    """The phrases of a label broken around its row's numbers (PDF text: "其他对外管 5 +3 42", then
    "理服务事项"): those that start in the label and end in the text after the numbers (`flat`:
    the label squashed)."""
    if not row.tail:
        return ()
    after = squash(row.tail)
    if not may_cross(flat, after, vocabulary, codes):
        return ()  # (a phrase across the cut would hold its two neighbouring characters)
    cut = len(flat)
    return tuple(m for m in match_squashed(flat + after, vocabulary, codes)
                 if m.start < cut < m.start + m.length)


def _unplaced_row_issue(row: ValueRow, why: str) -> tuple[str, str, str, str]:
    return ("stray_value", "warning", row.tokens[0].where,
            f"numbers {[t.text for t in row.nums][:8]} after {row.label[-20:]!r} {why}: they were not loaded")


def _labelled(tokens: list[Token], start: int, end: int, vocabulary: str, codes: tuple[str, ...]) -> set[str]:
    """The codes whose labels the region's label text prints."""
    labels = "".join(t.text for t in tokens[start:end] if t.kind == "label")
    return {m.code for m in match_codes(labels, vocabulary, codes)}


def _labels_only(tokens: list[Token], start: int, end: int, codes: tuple[str, ...]) -> bool:
    """Table 2 printed with no value at all, and every item's label (but perhaps one)."""
    if any(tokens[i].kind != "label" for i in range(start, end)):
        return False
    return len(_labelled(tokens, start, end, "ACTIVE_LABELS", codes)) >= len(codes) - 1


def _after_label(flat: str, m: LabelMatch, matches: tuple[LabelMatch, ...]) -> str:
    """The squashed label text after match `m`, through the first character of the next match
    (which tells row numbering before it from a number: `_blank_or_unread`)."""
    end = m.start + m.length
    return flat[end:min((o.start for o in matches if o.start >= end), default=len(flat)) + 1]


class _Grid:
    """The label cells of a table's region (and of the 40 tokens before it) that sit in a column,
    each token's column by its printed row, and the metric labels each label cell was matched to:
    what `_column_reading` looks back over for every row, taken once per table (when first asked:
    a text whose cells sit in no column has none)."""

    def __init__(self, tokens: list[Token], start: int, end: int) -> None:
        self.tokens = tokens
        self.low = max(0, start - 45)  # (a row's look-back starts at most three tokens before it)
        self.end = end
        self._labels: list[int] | None = None
        self._cols: dict[int, list[tuple[int, int]]] | None = None
        # per set of metrics, each label cell's matches (by its index)
        self.matched: dict[tuple[str, ...], dict[int, tuple[LabelMatch, ...]]] = {}

    @property
    def labels(self) -> list[int]:
        """The indices of the label cells that sit in a column."""
        if self._labels is None:
            self._labels = [i for i, tok in enumerate(self.tokens[self.low:self.end], self.low)
                            if tok.kind == "label" and tok.col]
        return self._labels

    def columns_of(self, row: int) -> list[tuple[int, int]]:
        """(index, column) of the tokens of printed row `row` that sit in a column."""
        if self._cols is None:
            self._cols = {}
            labels = self.labels
            for i in range(self.low, labels[-1] + 1 if labels else self.low):
                tok = self.tokens[i]
                if tok.col:
                    self._cols.setdefault(tok.row, []).append((i, tok.col))
        return self._cols.get(row, [])


def _column_reading(grid: _Grid, row: ValueRow, metrics: tuple[str, ...]) -> Reading | None:
    """Read an item's cells by the columns of its header row (item | metric | …), for grids
    and tab rows whose empty cells make the count ambiguous. None when no such header is found."""
    tokens = grid.tokens
    label_at = None
    for i in range(row.first_token - 1, max(-1, row.first_token - 4), -1):
        if tokens[i].kind == "label":
            label_at = i
            break
    if label_at is None or not tokens[label_at].col:
        return None
    label = tokens[label_at]
    columns: dict[str, int] = {}
    header_row = None
    matched = grid.matched.get(metrics)
    if matched is None:
        matched = grid.matched[metrics] = {}
    # the label cells among the 40 tokens before the row's label, nearest first
    labels = grid.labels
    for k in range(bisect.bisect_left(labels, label_at) - 1, -1, -1):
        i = labels[k]
        if i <= label_at - 40:
            break
        tok = tokens[i]
        if header_row is not None and tok.row != header_row:
            break
        found = matched.get(i)
        if found is None:
            found = matched[i] = match_codes(tok.text, "METRIC_LABELS", metrics)
        for code in found:
            if code.code not in columns:
                columns[code.code] = tok.col
                header_row = tok.row
    if len(columns) < len(metrics) or len(set(columns.values())) < len(metrics):
        return None
    low = max(0, label_at - 40)
    first_col = min([col for i, col in grid.columns_of(header_row) if low <= i < label_at], default=None)
    if first_col != label.col:
        return None  # the header and the row do not start in the same column: no alignment
    label_row = label.row
    cells = {t.col: t for t in row.tokens if t.row == label_row}
    missing = [m for m in metrics if columns[m] not in cells]
    if missing:
        line = [label, *(cells[c] for c in sorted(cells))]
        if not all(t.tab for t in line) or any(columns[m] <= line[-1].col for m in missing):
            return None
        # a tab line ending before the header's last columns: their empty cells were trimmed away
        end = _line_end(line[-1])
        for m in missing:
            cells[columns[m]] = end
    picked = tuple([cells[columns[m]] for m in metrics])
    for t in picked:
        if t.kind == "num" and t.unit is None and not t.value.is_finite():
            return None
    values = tuple([t.value if t.kind == "num" else _ZERO for t in picked])
    return Reading([values], [picked], trimmed=len(missing))


def _line_end(last: Token) -> Token:
    """An empty cell placed where a tab line ends, after its last printed cell `last`: a cell of
    the row that the line does not print because its trailing whitespace was trimmed."""
    head, _, col = last.where.rpartition(" col ")
    return last._replace(kind="blank", text="", where=f"{head} col {int(col) + len(last.raw)}", raw="",
                         value=None, unit=None, signed=False, col=0)


def _line_ends_early(rows: list[ValueRow], n: int) -> tuple[list[Token], int] | None:
    """Table 4's row printed as a tab line from its first cell (no label) that ends before its
    `n` cells: the one value row with numbers, its cells and the empty ones its line lacks
    (trimmed with the line's trailing whitespace), and how many it lacks. None for anything else: where the line's
    first cells may have been dropped as indentation, which cells it holds is not known."""
    with_numbers = [r for r in rows if r.nums]
    if len(with_numbers) != 1:
        return None
    tokens = with_numbers[0].tokens
    if len(tokens) >= n or not with_numbers[0].one_line or not all(t.tab for t in tokens) \
            or not tokens[0].where.endswith(" col 1"):
        return None
    return [*tokens, *[_line_end(tokens[-1])] * (n - len(tokens))], n - len(tokens)


# money units a header may name, in yuan
_YUAN_PER = {"元": 1, "百元": 100, "千元": 1000, "万元": 10_000, "十万元": 100_000, "百万元": 10**6,
             "千万元": 10**7, "亿元": 10**8}
_HEADER_UNIT = re.compile(r"(?:单位[:为]?|\(|金额)(" + "|".join(sorted(_YUAN_PER, key=len, reverse=True)) + r")")


def _money(metric: str, value: Decimal, tok: Token | None, header: str = "") -> Decimal:
    """Money in the spec's unit: 万元 for fees, 元 for procurement. The unit printed with the
    number wins; else the one the column header names (（万元）, 单位：千元)."""
    if metric not in spec.MONEY_METRICS:
        return value
    unit = tok.unit if tok is not None else None
    if unit is None:
        named = _HEADER_UNIT.findall(header[-40:])
        unit = named[-1] if named else None
    if unit is None or unit == spec.MONEY_METRICS[metric]:
        return value
    return value * _YUAN_PER[unit] / _YUAN_PER[spec.MONEY_METRICS[metric]]


_SMALL_NUMBERS_WEIGHT = 0.25


def _plausibility(item: str, metrics: tuple[str, ...], values: Values,
                  sources: tuple[Token | None, ...] = ()) -> float:
    """How plausible a cut of run-together table-2 digits is, where no sum rule decides.

    Stock and flow: documents in force are at least those issued this year, and more are issued
    than repealed in a typical year; a list of items changes by a small part of itself; procurement
    averages some hundreds of thousands of yuan per project. Only used to rank cuts that all fit;
    the choice is always reported as ambiguous."""
    v = dict(zip(metrics, values, strict=True))
    score = 0.0
    if any(value < 0 for metric, value in v.items() if metric not in spec.SIGNED_METRICS):
        score -= 100  # only a change can be negative
    if "change" in v and sources:
        # a printed sign starts the change cell
        signed = [i for i, tok in enumerate(sources) if tok is not None and tok.signed
                  and (i == 0 or sources[i - 1] is not tok)]
        score += 3 * (signed == [metrics.index("change")])
    if "in_force" in v:
        score += (v["in_force"] >= v["issued"]) + (v["in_force"] >= v["repealed"]) + (v["issued"] >= v["repealed"])
    if "in_force" in v and v["in_force"] > 0:
        # a stock is typically several years of flow
        flow = v["issued"] + v["repealed"] + 1
        score -= abs(math.log10(float(v["in_force"] / flow)) - 1)
    if "change" in v and "decisions" in v and v["prev_items"] + v["change"] == v["decisions"]:
        score += 2
    if "change" in v and "prev_items" in v:
        # a list of items changes little from one year to the next: it cannot lose more items
        # than it had, and rarely gains more than it had
        relative = abs(float(v["change"])) / max(float(v["prev_items"]), 1.0)
        score += 2 * (relative <= 1) - min(relative, 10.0) / 2
    if "total_published" in v:
        score += (v["total_published"] >= v["new_published"]) + (v["new_published"] <= v["new_made"] + 1)
        # rules and normative documents must be published: those made are, as a rule, those published
        score += v["new_published"] == v["new_made"]
    if "projects" in v and v["projects"] > 0 and v["amount_yuan"] > 0:
        score -= abs(math.log10(float(v["amount_yuan"] / v["projects"])) - 5.7)
    elif "projects" in v and (v["projects"] > 0) != (v["amount_yuan"] > 0):
        score -= 5  # projects bought for nothing, or money spent on no project: next to impossible
    # counts are skewed towards small numbers (scale-free: a number's odds fall as 1/(value+1));
    # a weak preference, for cuts the stock-and-flow terms above leave near level
    score -= _SMALL_NUMBERS_WEIGHT * sum(math.log10(float(abs(value)) + 1) for value in values)
    return score


def _distinct(sources: Sequence[Token | None]) -> dict[Token, None]:
    """The tokens a cut's values came from, each once, in order (a run of digits cut into several
    cells is their source several times over, side by side: compared there before it is hashed)."""
    return dict.fromkeys([tok for tok, _ in itertools.groupby(sources) if tok is not None])


def _report_split(issues: IssueList, where: str, reading: Reading, chosen: int, order: list[int],
                  unique_by: str) -> None:
    sources = reading.sources[chosen]
    if len(reading.candidates) == 1 and reading.fits_row_rule and sum(
            [len(t.text.replace(".", "")) for t in _distinct(sources)]) == len(sources):
        # one digit per cell, the only cut there is (a crawler's "0000000"): nothing to report, but
        # where the row prints its numbers apart and one of them was cut (an item, then "16 1" for three
        # cells): a number beside a cell printed blank, as likely, and no sum tells them apart
        # (a crawler's body is one cell, one place: its numbers are never apart)
        if unique_by:
            return
        printed = [t for t in _distinct(sources) if t.kind == "num"]
        if len({t.where for t in printed}) < 2 or all(not t.text.strip("0") for t in printed if len(t.text) > 1):
            return
        issues.append((
            "digits_ambiguous", "warning", where,
            f"numbers printed apart, one of them cut to read one digit to a cell: "
            f"{_fmt(reading.candidates[chosen])}; a cell printed blank beside an uncut number would read "
            f"otherwise, and no sum checks this row",
        ))
        return
    chosen_values = _fmt(reading.candidates[chosen])
    if len(reading.candidates) == 1 and reading.fits_row_rule:
        issues.append((
            "digits_split", "info", where,
            f"digits ran together; the only cut that fits{unique_by} is {chosen_values}",
        ))
    elif not reading.fits_row_rule:
        issues.append((
            "digits_unsplittable", "warning", where,
            f"digits ran together and no cut fits the sums; read as {chosen_values}",
        ))
    else:
        others = "; ".join(_fmt(reading.candidates[i]) for i in order[1:6])
        issues.append((
            "digits_ambiguous", "warning", where,
            f"digits ran together and {len(reading.candidates)} cuts fit; chose {chosen_values}, "
            f"others: {others}",
        ))


def _fmt(values: Values) -> str:
    return "|".join(format(v, "f") for v in values)


# ---------------------------------------------------------------------------------------------
# table 3


def _printed_without_cells(code: str, before: tuple[str, ...], after: tuple[str, ...],
                           readings: dict[str, tuple[ValueRow, Reading]]) -> str | None:
    """The row's label is printed with no cells: in the label text of the next row that has values
    (the carried-over row's label, then the next row's label and its values), or after the last
    row's values at the end of the table (the carried-forward row's label with nothing after it).
    The label text after the row's own label then (through the next label's first character), else None."""
    following = next((c for c in after if c in readings), None)
    if following is None:
        preceding = next((c for c in reversed(before) if c in readings), None)
        tail = readings[preceding][0].tail if preceding else ""
        own = next((m for m in match_codes(tail, "APPLICATION_LABELS", (code,)) if m.code == code), None)
        return None if own is None else squash(tail)[own.start + own.length:]
    label = readings[following][0].printed
    found = {m.code: m for m in match_codes(label, "APPLICATION_LABELS", (code, following))}
    own, next_row = found.get(code), found.get(following)
    if own is None and next_row is not None:
        # a phrase that names a row only at the end of a label (其他): at the end of the text
        # before the next row's label, its numbering aside ("3.其他（七）总计")
        head = _TRAILING_NUMBER.sub("", squash(label)[:next_row.start])
        ends = any(head.endswith(p) for p in spec.APPLICATION_LABELS[code] if p in spec.END_ONLY_PHRASES)
        return "" if ends else None
    if own is not None and next_row is not None and own.start + own.length <= next_row.start:
        return squash(label)[own.start + own.length:next_row.start + 1]
    return None


# a number in label text that is no row numbering (1属于…, 3其他 once squashed): a cell the reader
# did not take as a value (35件, l5), after which a row is not known to be printed without cells
_UNREAD_NUMBER = re.compile(
    r"\d{2,}|\d(?![.、．\u4e00-\u9fff])|\d[.．]\d|\d(?=[件条个项次人家宗万千百亿元])|(?<=[A-Za-z])\d"
    f"|[{FINANCIAL_NUMERALS}]"
)
_CELL_TEXT = 30  # how far after a row's label its cells' text is looked at


def _blank_or_unread(result: TableResult, table: str, row: str, cols: tuple[str, ...], after: str) -> None:
    """A row whose label is printed without cells: zeros, said so (`row_blank`); but where the
    text after its label holds a number the reader did not take, the row is unread, not blank."""
    unread = _UNREAD_NUMBER.search(after[:_CELL_TEXT + 1])  # (the character after shows numbering)
    if (unread is not None and unread.start() < _CELL_TEXT) or UNREAD_CELL.match(after):
        result.values[row] = dict.fromkeys(cols)
        result.issues.append((
            "cell_unreadable", "error", f"{table}/{row}",
            f"row {row!r} is followed by {after[:40]!r}, where its cells would be: text this reader "
            f"does not read as numbers (a unit or letters beside a number? a count in words?)",
        ))
        return
    result.values[row] = dict.fromkeys(cols, Decimal(0))
    result.issues.append(blank_row_issue(f"{table}/{row}"))


_TRAILING_NUMBER = re.compile(r"[一二三四五六七八九十]{1,3}$")  # (七) or 四、 once squashed


def blank_row_issue(where: str) -> tuple[str, str, str, str]:
    """The warning for a row printed without any cell, read as zeros (by either reader)."""
    return ("row_blank", "warning", where,
            f"row {where!r} is printed without any cell: its empty cells are read as zeros")


# the labels a zero mark printed before table 3's numbers may be the first character of
# (`_marks_opening_labels`): its rows' and its groups', of every template
_TABLE3_VOCABULARIES = (("APPLICATION_LABELS", tuple(spec.APPLICATION_LABELS)),
                        ("APPLICATION_GROUP_LABELS", tuple(spec.APPLICATION_GROUP_LABELS)))
SKIP_EXPECTED = -15.0
SKIP_VALUE_ROW = -10.0
WRONG_LABEL = -4.0


class Table3Region:
    """Table 3's region, to be read in one form or several (`read_applications`): what no form
    changes — its label text, its tokens with column placeholders made labels, its value rows
    regrouped by printed row (each row read once, whatever the form) and their labels squashed,
    the order its header prints the legal persons' columns in — made once, when first asked."""

    def __init__(self, tokens: list[Token], start: int, end: int) -> None:
        self.tokens, self.start, self.end = tokens, start, end
        self._placed: tuple[str, list[Token], list[ValueRow]] | None = None
        self._rows: tuple[list[ValueRow], IssueList] | None = None
        self._squashed: list[str] | None = None
        self._order: list[tuple[str, ...]] | None = None
        self._order_sought = False

    def placed(self) -> tuple[str, list[Token], list[ValueRow]]:
        """The region's label text (placeholders made labels print none: it is the header's text
        too), its tokens with placeholders made labels, and their value rows."""
        if self._placed is None:
            tokens, start, end = self.tokens, self.start, self.end
            rows, label_text = _value_rows(tokens, start, end)
            placed = _placeholders_as_labels(tokens, start, end, label_text)
            if placed is not tokens:  # (the same label text: a placeholder made a label prints none)
                rows = value_rows(placed, start, end)
            self._placed = label_text, placed, rows
        return self._placed

    def rows(self) -> tuple[list[ValueRow], IssueList]:
        """The value rows of `placed`, one printed row of table 3 each, and the issues of numbers
        between them that could not be placed (`rows_for_table`)."""
        if self._rows is None:
            issues: IssueList = []
            n = len(spec.APPLICANTS)
            rows = rows_for_table(_marks_opening_labels(self.placed()[2], n, _TABLE3_VOCABULARIES), n, issues)
            self._rows = rows, issues
        return self._rows

    def squashed(self) -> list[str]:
        """The labels of `rows`, then their tails, squashed (`_squash_labels`)."""
        if self._squashed is None:
            self._squashed = _squash_labels(self.rows()[0])
        return self._squashed

    def applicant_order(self) -> list[tuple[str, ...]] | None:
        """The legal persons' columns in the order the header before the first row prints them
        (`printed_order`), None where it does not print each once."""
        if not self._order_sought:
            header = self.placed()[0].partition(_NEW_REQUESTS)[0]
            self._order, self._order_sought = printed_order(header, APPLICANT_COLUMNS, "APPLICANT_LABELS"), True
        return self._order


def read_applications(tokens: list[Token], start: int, end: int, template: str,
                      region: Table3Region | None = None) -> TableResult:
    """Table 3 read in `template`'s form; `region`: the same tokens' region as read in another
    form before (its form-free work is not done again)."""
    result = TableResult()
    if region is None or region.tokens is not tokens or (region.start, region.end) != (start, end):
        region = Table3Region(tokens, start, end)
    _, placed, placed_rows = region.placed()
    tokens = _numbering_glued_to_run(placed, start, end, template, placed_rows)
    expected = spec.APPLICATION_ROWS[template]
    n = len(spec.APPLICANTS)
    strays_from = len(result.issues)
    if tokens is placed:  # (no sub-row number cut off a run of digits: the rows of any form)
        rows, issues = region.rows()
        result.issues.extend(issues)
    else:
        rows = rows_for_table(_marks_opening_labels(value_rows(tokens, start, end), n, _TABLE3_VOCABULARIES), n,
                              result.issues)
    if not rows:
        _read_labels_only(result, tokens, start, end, template)
        return result
    cells = [row.read(n, group=n) for row in rows]  # each row read as the table's cells
    matches = _rows_matches(rows, expected, region.squashed() if tokens is placed else _squash_labels(rows), cells)
    assignment = _align(rows, matches, expected, cells)
    readings: dict[str, tuple[ValueRow, Reading]] = {}
    for r_index, code in assignment:
        row = rows[r_index]
        reading = cells[r_index]
        readings[code] = (row, reading)
        m = matches[r_index]
        if len(m) == 1 and m[0].code == code and not m[0].loose:
            continue  # (the common row: its label names it, exactly)
        if not m:
            result.issues.append((
                "row_inferred", "warning", f"applications/{code}",
                f"a row without a readable label ({row.tokens[0].where}) was placed as {code!r} by its "
                f"position between the rows around it",
            ))
        elif any(x.loose for x in m):
            result.issues.append((
                "label_loose", "info", f"applications/{code}",
                f"label {row.label[-40:]!r} matched {code!r} only loosely",
            ))
        elif code not in {x.code for x in m}:
            result.issues.append((
                "row_inferred", "warning", f"applications/{code}",
                f"a row labelled {row.label[-30:]!r} was placed as {code!r} by its position",
            ))
    result.found = bool(readings)
    assigned = {i for i, _ in assignment}
    first_assigned = min(assigned, default=len(rows))
    for i, row in enumerate(rows):
        if i not in assigned and i > first_assigned and row.nums:
            result.issues.append((
                "stray_value", "warning", row.tokens[0].where,
                f"numbers {[t.text for t in row.nums][:8]} inside table 3 fit no row and were ignored",
            ))
    if len(result.issues) > strays_from:
        _strays_named_by_row(result.issues, strays_from, tokens[start:end], rows, assignment)
    several: dict[str, list[int]] = {}
    chosen = _solve_applications(readings, template, result.issues, several)
    loose: dict[int, tuple[LabelMatch, ...]] = {}  # an unplaced row's loose match, sought once
    for k, code in enumerate(expected):
        if code not in readings:
            after = _printed_without_cells(code, expected[:k], expected[k + 1:], readings)
            if after is not None:
                _blank_or_unread(result, "applications", code, spec.APPLICANTS, after)
                continue
            result.values[code] = dict.fromkeys(spec.APPLICANTS)
            printed = next((r for i, (r, m) in enumerate(zip(rows, matches, strict=True))
                            if i not in assigned and any(x.code == code for x in m or _loose_of(loose, i, r, expected))
                            and not r.read(n).ok),
                           None)
            if printed is not None:
                # its label is there, its cells are not n numbers: text among them (3*, 3（注）)
                result.issues.append((
                    "cell_unreadable", "error", f"applications/{code}",
                    f"row {code!r} is printed, but its cells could not be read as {n} numbers: "
                    f"{[t.raw or t.text for t in printed.tokens][:12]}, then {printed.tail[:20]!r}",
                ))
            elif result.found:
                result.issues.append(("row_missing", "error", f"applications/{code}",
                                      f"row {code!r} of table 3 was not found"))
            continue
        row, reading = readings[code]
        pick = chosen.get(code)
        if pick is None:
            result.values[code] = dict.fromkeys(spec.APPLICANTS)
            result.issues.append((
                "cell_unreadable", "error", f"applications/{code}",
                f"could not read {n} cells for row {code!r} from {[t.text for t in row.tokens][:12]}",
            ))
            continue
        values, sources = reading.candidates[pick], reading.sources[pick]
        result.values[code] = dict(zip(spec.APPLICANTS, values, strict=True))
        fallback = row.tokens[0].where
        provenance = result.provenance
        for key, tok in zip(_cell_keys(code), sources, strict=True):  # (`_where` of each)
            provenance[key] = _new(Cell, (fallback, "") if tok is None else (
                tok.where, tok.raw if len(tok.raw) <= 60 else tok.text))
        if code in several:
            result.alternatives[code] = [
                (dict(zip(spec.APPLICANTS, reading.candidates[i], strict=True)),
                 {col: _where(tok, row.tokens[0].where)
                  for col, tok in zip(spec.APPLICANTS, reading.sources[i], strict=True)})
                for i in several[code]]
    order = region.applicant_order()
    if order is not None and order[0] != APPLICANT_COLUMNS:
        reorder(result.values, result.provenance, order[0], APPLICANT_COLUMNS, result.values)
        for row, readings_of_row in result.alternatives.items():
            for cells, places in readings_of_row:
                by_key = {f"{row}/{col}": place for col, place in places.items()}
                reorder({row: cells}, by_key, order[0], APPLICANT_COLUMNS, (row,))
                places.update((key.partition("/")[2], place) for key, place in by_key.items())
        result.issues.append(reordered_issue("applications", order[0], APPLICANT_COLUMNS))
    return result


_PLACEHOLDER_RUN = 3  # numbered placeholders in a row that make a header (数据1 数据2 数据3 …)


def _strays_named_by_row(issues: IssueList, first: int, tokens: list[Token], rows: list[ValueRow],
                         assignment: list[tuple[int, str]]) -> None:
    """Numbers of table 3 that fit no row (`stray_value` from issue `first` on, each at a place)
    named by the rows placed above and below them: one of those may be read short, its numbers
    left out (a row's band cut in two, a label lost). A lone number at a line's start keeps its
    place: it may be a page number; a run of numbers there is a row's."""
    if not any(issues[k][0] == "stray_value" for k in range(first, len(issues))):
        return
    at = {t.where: t.row for t in tokens}
    runs = {row.tokens[0].where for row in rows if len(row.nums) > 1}
    placed = sorted((rows[r].tokens[0].row, code) for r, code in assignment)
    for k in range(first, len(issues)):
        code, severity, where, message = issues[k]
        if code != "stray_value" or where not in at or (where.endswith(" col 1") and where not in runs):
            continue
        line = at[where]
        names = [c for r, c in placed if r <= line][-1:] + [c for r, c in placed if r > line][:1]
        for i, name in enumerate(names):
            issue = (code, severity, f"applications/{name}",
                     f"{message} ({where}, between rows {' and '.join(map(repr, names))}: one may lack them)")
            if i == 0:
                issues[k] = issue
            else:
                issues.append(issue)


def _placeholders_as_labels(tokens: list[Token], start: int, end: int, label_text: str) -> list[Token]:
    """A table cut in pieces, one per row group, may head a piece's columns with numbered
    placeholders (`spec.COLUMN_PLACEHOLDERS`: 数据1 … 数据6) in place of their labels: the numbers
    of such a run (1, 2, 3, … after the word each time) are a header's, and become empty labels
    (the list keeps its length, so that every index into it stays). `label_text`: the region's
    label text, which prints a placeholder word wherever a label does."""
    words = spec.COLUMN_PLACEHOLDERS
    if sum(label_text.count(w) for w in words) < _PLACEHOLDER_RUN:
        return tokens  # (each label of a run ends with a placeholder word, printed in the label text)
    out = tokens
    # a run starts at a label ending with a placeholder word, its number 1 after it (a run's inner
    # labels are followed by 2, 3, …: no run starts inside another)
    for i in [i for i in range(start, end - 1) if tokens[i].text.endswith(words)]:
        j, k = i, 1
        while j + 1 < end and tokens[j].kind == "label" and tokens[j].text.endswith(words) \
                and tokens[j + 1].kind == "num" and tokens[j + 1].value == k:
            j, k = j + 2, k + 1
        if k - 1 >= _PLACEHOLDER_RUN:
            out = list(out) if out is tokens else out
            for m in range(i + 1, j, 2):
                out[m] = tokens[m]._replace(kind="label", text="", value=None, unit=None)
    return out


def _numbering_glued_to_run(tokens: list[Token], start: int, end: int, template: str,
                            rows: list[ValueRow]) -> list[Token]:
    """A sub-row's number glued to the previous row's run of digits where the tokenizer could not
    tell it from a digit (a crawler's "00000002" before a shortened label, or before a label broken
    into cells by a run of spaces): its last digit is numbering when the label after it starts
    as the sub-row that number numbers does, and the run fits rule 3 without that digit but not with
    it (the list keeps its length). `rows`: the tokens' `value_rows` (a number between two labels
    is a row of its own)."""
    numbers = spec.APPLICATION_SUB_ROW_NUMBERS[template]
    n = len(spec.APPLICANTS)
    out = tokens
    numbered: bool | None = None  # does the table print its sub-rows' numbers (found when first asked)
    for i in [r.first_token for r in rows if len(r.tokens) == 1 and len(r.tokens[0].text) > n
              and r.first_token < end - 1]:
        tok = tokens[i]
        if tok.kind != "num" or not tok.text.isdigit() or tokens[i + 1].kind != "label" \
                or tokens[i - 1].kind != "label":
            continue
        digit = int(tok.text[-1])
        codes = tuple(code for code, k in numbers.items() if k == digit)
        if not codes:
            continue
        label = "".join(itertools.takewhile(lambda s: s, (
            t.text if t.kind == "label" else "" for t in tokens[i + 1:min(end, i + 5)])))
        if starts_with_code(label, "APPLICATION_LABELS", codes) is None:
            continue
        cut = tok._replace(text=tok.text[:-1], value=Decimal(tok.text[:-1]))
        whole, without = read_row([tok], n, group=n), read_row([cut], n, group=n)
        if not (without.ok and without.fits_row_rule):
            continue
        if whole.ok and whole.fits_row_rule:
            # both fit rule 3: the digit is numbering where the table numbers its other sub-rows too
            # (the column sums then check the reading; a wrong one breaks them, and is flagged)
            if numbered is None:
                numbered = _numbers_sub_rows(tokens, start, end, numbers)
            if not numbered:
                continue
        out = list(out) if out is tokens else out
        out[i] = cut
    return out


def _numbers_sub_rows(tokens: list[Token], start: int, end: int, numbers: dict[str, int]) -> bool:
    """Whether table 3 prints its sub-rows numbered: a label that starts with a digit (and perhaps
    a point), then the label of the sub-row that digit numbers (two such, to tell a style from a
    stray digit)."""
    seen = 0
    for tok in tokens[start:end]:
        if tok.kind == "label" and tok.text[:1].isdigit():
            codes = tuple(code for code, k in numbers.items() if str(k) == tok.text[0])
            if codes and starts_with_code(tok.text[1:].lstrip(".、"), "APPLICATION_LABELS", codes) is not None:
                seen += 1
                if seen == 2:
                    return True
    return False


def _read_labels_only(result: TableResult, tokens: list[Token], start: int, end: int, template: str) -> None:
    """Table 3 printed with its rows' labels and no cell at all: every cell empty, read as zeros,
    and said so. Not where rows' labels are missing (then it is no table the reader knows; 其他 and
    总计 are told from prose only by their place among cells, and are not counted)."""
    expected = spec.APPLICATION_ROWS[template]
    found = _labelled(tokens, start, end, "APPLICATION_LABELS", expected)
    if not {expected[0], expected[-1]} <= found or len(found) < len(expected) - 2:
        return
    result.found = True
    result.values = {row: dict.fromkeys(spec.APPLICANTS, Decimal(0)) for row in expected}
    result.issues.append(("row_blank", "warning", "applications",
                          "table 3 is printed with its rows' labels and no cell: every cell is read as zero"))


def _squash_labels(rows: list[ValueRow]) -> list[str]:
    """The rows' labels, then their tails, squashed."""
    return _squash_each([*(r.label for r in rows), *(r.tail for r in rows)])


def _rows_matches(rows: list[ValueRow], expected: tuple[str, ...], both: list[str],
                  cells: list[Reading]) -> list[tuple[LabelMatch, ...]]:
    """Codes each row's label names (`_row_matches`), the labels squashed and scanned together
    (`both`: `_squash_labels` of the rows; `cells`: each row read as the table's cells)."""
    flats, tails = both[:len(rows)], both[len(rows):]
    pairs = phrase_pairs("APPLICATION_LABELS", expected)
    out: list[tuple[LabelMatch, ...]] = []
    for r, flat, found, tail, reading in zip(rows, flats, match_each(flats, "APPLICATION_LABELS", expected), tails,
                                             cells, strict=True):
        if found and not (r.tail and flat and tail and flat[-1] + tail[0] in pairs):
            out.append(found)  # its label names rows, and no phrase may run on into its tail (`may_cross`)
        else:
            # a row not readable as the table's cells is never placed (`_scores`): its label is only
            # asked for exact phrases, its loose match only where a row is missing (`_loose_matches`)
            out.append(_row_matches(r.label, expected, flat, found, tail if r.tail else None, loose=reading.ok))
    return out


def _squash_each(texts: list[str]) -> list[str]:
    """`squash` of each text, in one call where no text holds the joining character."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return [squash(t) for t in texts]
    return squash(joined).split("\x00") if texts else []


def _row_matches(label: str, expected: tuple[str, ...], flat: str, found: tuple[LabelMatch, ...],
                 flat_tail: str | None, loose: bool = True) -> tuple[LabelMatch, ...]:
    """Codes the label names (`flat`: the label squashed, `found`: its phrases' matches). A label
    broken around its numbers (PDF text: "一、本年新 30 2 …" then "收政府信息公开申请数量") is completed
    with the start of the text after the numbers (`flat_tail`, squashed; None where there is none);
    only a phrase that begins before the numbers counts, the rest is the next row's label."""
    if flat_tail is not None:
        cut = len(flat)
        straddling: tuple[LabelMatch, ...] = ()
        # (where no phrase can cross the cut, the label read on into its tail matches what the label
        # alone does and what the tail does after the cut: only the label's own can straddle it)
        if may_cross(flat, flat_tail, "APPLICATION_LABELS", expected) or \
                any(m.start < cut < m.start + m.length for m in found):
            joined = match_squashed(flat + flat_tail, "APPLICATION_LABELS", expected)
            straddling = tuple(m for m in joined if m.start < cut < m.start + m.length)
        if straddling:
            found = tuple(m for m in found if m.code not in {s.code for s in straddling}) + straddling
        elif not found:
            # a group heading before the numbers and the row's own words after them
            # (a group's label and "1 19 3 …", then its first sub-row's words, then "2" and the next's)
            after = match_squashed(flat_tail, "APPLICATION_LABELS", expected)
            if len(after) >= 2:
                first = min(after, key=lambda m: m.start)
                found = (LabelMatch(first.code, 0, first.length),)
    if found or not loose:
        return found
    return _loose_matches(label, expected)


def _loose_of(found: dict[int, tuple[LabelMatch, ...]], i: int, row: ValueRow,
              expected: tuple[str, ...]) -> tuple[LabelMatch, ...]:
    """`_loose_matches` of row `i`'s label, kept in `found` for the other rows it is asked for."""
    matches = found.get(i)
    if matches is None:
        matches = found[i] = _loose_matches(row.label, expected)
    return matches


def _loose_matches(label: str, expected: tuple[str, ...]) -> tuple[LabelMatch, ...]:
    """The loose match of a label no phrase names, if any (`loose_match`)."""
    if len(label) < 2:
        return ()
    loose = loose_match(label, "APPLICATION_LABELS", expected)
    return (loose,) if loose else ()


def _closeness(m: LabelMatch) -> tuple[int, int]:
    """Where a label's phrase ends (the later, the closer to its values), then its length."""
    return m.start + m.length, m.length


def _align(
    rows: list[ValueRow], matches: list[tuple[LabelMatch, ...]], expected: tuple[str, ...], cells: list[Reading]
) -> list[tuple[int, str]]:
    """Assign value rows to the template's rows, in order, maximising label agreement (`cells`:
    each row read as the table's cells)."""
    nv, ne = len(rows), len(expected)
    readable = [bool(reading.candidates) for reading in cells]
    # the common case: every expected row printed once, labelled, in order
    closest = [(m[0].code if len(m) == 1 else max(m, key=_closeness).code) if m else None for m in matches]
    labelled = [i for i, c in enumerate(closest) if c is not None and readable[i]]
    if [closest[i] for i in labelled] == list(expected) and labelled[-1] - labelled[0] == len(labelled) - 1:
        return [(i, closest[i]) for i in labelled]

    scores = [_scores(m, ok, c, expected) for m, ok, c in zip(matches, readable, closest, strict=True)]
    # a header's empty cells inside the table (a table cut in pieces heads each piece) are no row
    # lost: passed over freely
    skips = [SKIP_VALUE_ROW if ok or r.nums else 0.0 for r, ok in zip(rows, readable, strict=True)]
    first = [0.0] * (ne + 1)
    for j in range(1, ne + 1):
        first[j] = first[j - 1] + SKIP_EXPECTED
    best = [first]
    for row_scores, skip in zip(scores, skips, strict=True):
        above = best[-1]
        # value rows before the first expected row cost little
        score = above[0] - 0.5
        here = [score]
        for (diagonal, up), fit in zip(itertools.pairwise(above), row_scores, strict=True):
            # the best of a match, a value row skipped and an expected row skipped (`score`: the
            # row's best with the expected row before); on a tie the first of them (`_move`)
            matched = diagonal + fit
            skipped_value = up + skip
            skipped_expected = score + SKIP_EXPECTED
            if skipped_value >= matched and skipped_value >= skipped_expected:
                score = skipped_value
            elif matched >= skipped_expected:
                score = matched
            else:
                score = skipped_expected
            here.append(score)
        best.append(here)
    # value rows after the last expected row are free too (the next table's numbers)
    i_end = max(range(nv + 1), key=lambda i: best[i][ne] - 0.5 * (nv - i))
    out: list[tuple[int, str]] = []
    i, j = i_end, ne
    while i > 0 or j > 0:
        step = _move(best, scores, skips, i, j)
        if step == "m":
            out.append((i - 1, expected[j - 1]))
            i, j = i - 1, j - 1
        elif step == "v":
            i -= 1
        else:
            j -= 1
    return out[::-1]


def _move(best: list[list[float]], scores: list[list[float]], skips: list[float], i: int, j: int) -> str:
    """The step `_align`'s table of best scores took to cell (i, j), as its sums chose it: a value
    row skipped ("v"), a match ("m") or an expected row skipped ("e"); on a tie the first of v, m, e
    (as max over (score, move) pairs chose: "v" > "m" > "e")."""
    if j == 0:
        return "v"
    if i == 0:
        return "e"
    above = best[i - 1]
    matched = above[j - 1] + scores[i - 1][j - 1]
    skipped_value = above[j] + skips[i - 1]
    skipped_expected = best[i][j - 1] + SKIP_EXPECTED
    if skipped_value >= matched and skipped_value >= skipped_expected:
        return "v"
    return "m" if matched >= skipped_expected else "e"


def _scores(m: tuple[LabelMatch, ...], readable: bool, closest: str | None,
            expected: tuple[str, ...]) -> list[float]:
    """How well a value row fits each expected row, by its label: a row that cannot be read as
    the table's cells is never one of its rows; a label naming the row, the closer the better."""
    if not readable:
        return [-30.0] * len(expected)
    if not m:
        return [0.0] * len(expected)
    codes = {x.code: x for x in m}
    return [WRONG_LABEL if code not in codes else
            10.0 + (2.0 if closest == code else 0.0) - (5.0 if codes[code].loose else 0.0)
            for code in expected]


def _solve_applications(readings: dict[str, tuple[ValueRow, Reading]], template: str,
                        issues: IssueList, alternatives: dict[str, list[int]] | None = None) -> dict[str, int | None]:
    """Choose one reading per row. Rows read without cutting digits have one; rows whose digits
    ran together may have several, and rules 1 and 2 (per column) choose among them jointly.
    `alternatives` gets, per row that several cuts fit, their indices, the chosen first (only where
    every joint solution was found: else another cut might fit too)."""
    found = alternatives
    chosen: dict[str, int | None] = {}
    open_rows: list[str] = []
    for code, (_, reading) in readings.items():
        if not reading.ok:
            chosen[code] = None
        elif len(reading.candidates) == 1 or not reading.fits_row_rule:
            chosen[code] = 0
        else:
            open_rows.append(code)
    solutions = _joint_solutions(readings, chosen, open_rows, template) if open_rows else []
    if open_rows and len(solutions) >= 1:
        chosen = solutions[0]
    else:
        chosen.update(dict.fromkeys(open_rows, 0))
    for code, (_, reading) in readings.items():
        if not reading.split or chosen.get(code) is None:
            continue
        where = f"applications/{code}"
        if code not in open_rows:
            _report_split(issues, where, reading, 0, list(range(len(reading.candidates))), " the row sum")
            continue
        alternatives = sorted({s[code] for s in solutions if s[code] is not None})
        if len(alternatives) == 1:
            issues.append((
                "digits_split", "info", where,
                f"digits ran together; of {len(reading.candidates)} cuts that fit the row sum, only "
                f"{_fmt(reading.candidates[alternatives[0]])} fits the column sums",
            ))
        elif not alternatives:
            others = "; ".join(_fmt(c) for c in reading.candidates[1:5])
            issues.append((
                "digits_unsplittable", "warning", where,
                f"digits ran together and no cut fits the column sums; read as "
                f"{_fmt(reading.candidates[0])}; others that fit the row: {others}",
            ))
        else:
            others = "; ".join(_fmt(reading.candidates[a]) for a in alternatives[1:5])
            issues.append((
                "digits_ambiguous", "warning", where,
                f"digits ran together and several cuts fit every sum; chose "
                f"{_fmt(reading.candidates[chosen[code]])}, others: {others}",
            ))
            if found is not None and len(solutions) < JOINT_LIMIT:
                found[code] = [chosen[code], *(a for a in alternatives if a != chosen[code])]
    return chosen


BALANCE_ROWS = ("new", "carried_over", "total_handled", "carried_forward")
JOINT_LIMIT = 21  # joint solutions sought: a row's cuts are known in full only where fewer are found


def _joint_solutions(readings: dict[str, tuple[ValueRow, Reading]], chosen: dict[str, int | None],
                     open_rows: list[str], template: str, limit: int = JOINT_LIMIT) -> list[dict[str, int | None]]:
    """Readings of every row that satisfy rules 1 and 2 in every column, at most `limit`.

    The four balance rows are tried in every combination (rule 1); for each, the outcome rows are
    searched with bounds — their sum per column must reach the total handled exactly, so a branch
    whose partial sums can no longer reach it is cut at once."""
    values = {code: reading.candidates for code, (_, reading) in readings.items()}

    def options(code: str) -> list[int]:
        if code in open_rows:
            return list(range(len(values[code])))
        index = chosen.get(code)
        return [] if index is None else [index]

    balance = [c for c in BALANCE_ROWS if options(c)]
    outcomes = [c for c in spec.OUTCOMES[template] if options(c)]
    every_outcome = len(outcomes) == len(spec.OUTCOMES[template])
    columns = range(len(spec.APPLICANTS))
    solutions: list[dict[str, int | None]] = []
    search = _OutcomeSearch(outcomes, [options(c) for c in outcomes], values) if every_outcome else None
    for combo in itertools.islice(itertools.product(*(options(c) for c in balance)), 20_000):
        pick: dict[str, int | None] = dict(zip(balance, combo, strict=True))
        if len(balance) == len(BALANCE_ROWS):
            v = {c: values[c][pick[c]] for c in balance}  # type: ignore[index]
            if any(v["new"][k] + v["carried_over"][k] != v["total_handled"][k] + v["carried_forward"][k]
                   for k in columns):
                continue
        if "total_handled" in pick and search is not None:
            target = list(values["total_handled"][pick["total_handled"]])  # type: ignore[index]
            for rest in search.picks(target, limit - len(solutions)):
                solutions.append({**chosen, **pick, **rest})
        else:
            solutions.append({**chosen, **pick, **{c: options(c)[0] for c in outcomes}})
        if len(solutions) >= limit:
            break
    return solutions


class _OutcomeSearch:
    """The outcome rows' readings that sum, per column, to a total handled (rule 2): each row's
    options, and the least and most the rows from each one on can add per column, which cut a
    branch whose partial sums can no longer reach the total (the same for every total tried)."""

    def __init__(self, rows: list[str], row_options: list[list[int]], values: dict[str, list[Values]]) -> None:
        ncol = len(spec.APPLICANTS)
        options = [[(i, values[r][i]) for i in opts] for r, opts in zip(rows, row_options, strict=True)]
        low = [[Decimal(0)] * ncol for _ in range(len(rows) + 1)]
        high = [[Decimal(0)] * ncol for _ in range(len(rows) + 1)]
        for k in range(len(rows) - 1, -1, -1):
            low[k] = [low[k + 1][c] + min(v[c] for _, v in options[k]) for c in range(ncol)]
            high[k] = [high[k + 1][c] + max(v[c] for _, v in options[k]) for c in range(ncol)]
        self.rows, self.options, self.low, self.high = rows, options, low, high

    def picks(self, target: list[Decimal], limit: int) -> list[dict[str, int | None]]:
        """At most `limit` readings of the rows (row -> index of its reading) that sum to `target`."""
        return _outcome_picks(self.rows, self.options, self.low, self.high, target, limit)


def _outcome_picks(rows: list[str], options: list[list[tuple[int, Values]]], low: list[list[Decimal]],
                   high: list[list[Decimal]], target: list[Decimal], limit: int) -> list[dict[str, int | None]]:
    found: list[dict[str, int | None]] = []
    pick: list[int] = []

    def walk(k: int, partial: list[Decimal]) -> None:
        if len(found) >= limit:
            return
        if k == len(rows):
            if partial == target:
                found.append(dict(zip(rows, pick, strict=True)))
            return
        least, most = low[k + 1], high[k + 1]
        for i, v in options[k]:
            nxt = list(map(operator.add, partial, v))
            if any(sum_ + lo > t or sum_ + hi < t for sum_, lo, hi, t in zip(nxt, least, most, target, strict=True)):
                continue
            pick.append(i)
            walk(k + 1, nxt)
            pick.pop()

    walk(0, [Decimal(0)] * len(target))
    return found


# ---------------------------------------------------------------------------------------------
# table 4


# the end of table 4's header: its last group, then the outcomes of the last two groups
_REVIEW_HEADER_DONE = re.compile(
    re.escape(spec.REVIEW_GROUP_LABELS[spec.REVIEW_GROUPS[-1]][0]) + ".*"
    + (re.escape("".join(spec.REVIEW_OUTCOME_LABELS[o][0] for o in spec.REVIEW_OUTCOMES)) + ".*") * 2)


def _trimmed_issue(where: str, cells: int, trimmed: int) -> tuple[str, str, str, str]:
    return ("cell_count", "warning", where,
            f"{cells - trimmed} of the {cells} cells printed, on a tab line that ends there: the last "
            f"{trimmed} read as empty (0), their empty cells taken for trailing whitespace trimmed away")


def _heading_padding(row: ValueRow, tokens: list[Token], cells: int) -> bool:
    """Empty cells only, fewer than `cells`, on the line of the label printed before them."""
    before = tokens[row.first_token - 1] if row.first_token > 0 else None
    return (len(row.tokens) < cells and before is not None and before.kind == "label"
            and all(t.kind == "blank" and not t.raw.strip() and t.row == before.row for t in row.tokens))


def _review_plausibility(values: Values, group: int) -> int:
    """How many groups of a cut of table 4's run-together digits give their most cases to the
    outcome most cases end in (`spec.REVIEW_MOST_COMMON`): only ranks cuts rule 4 allows alike,
    and the choice stays `digits_ambiguous`."""
    if spec.REVIEW_MOST_COMMON is None:
        return 0
    at = spec.REVIEW_OUTCOMES.index(spec.REVIEW_MOST_COMMON)
    parts = len(spec.REVIEW_PARTS)
    return sum(values[g + at] >= max(values[g:g + parts]) for g in range(0, len(values), group))


def _first_reading(attempts: Iterable[list[Token]], n: int, group: int) -> tuple[Reading, list[Token]]:
    """The first of the attempts read as `n` cells that fits rule 4, else the first read at all."""
    first: tuple[Reading, list[Token]] | None = None
    merged: list[Token] = []  # (the last attempt, where none is read)
    for merged in attempts:
        reading = read_row(merged, n, group=group)
        if reading.ok and reading.fits_row_rule:
            return reading, merged
        if reading.ok and first is None:
            first = (reading, merged)
    return first if first is not None else (Reading([], []), merged)


def _review_attempts(rows: list[ValueRow], n: int) -> Iterator[list[Token]]:
    """The cells table 4's row may be, in the order they are tried: one printed line of exactly
    `n` cells (a grid's header lines have empty cells too), else the values after the header, the
    row perhaps cut over several lines or pages (made as they are asked for)."""
    whole_lines = [r.tokens for r in rows if len(r.tokens) == n and r.one_line]
    whole_lines.sort(key=lambda cells: not any(t.kind == "num" for t in cells))
    if whole_lines:
        yield whole_lines[0]
    for first in range(min(len(rows), 3)):
        merged: list[Token] = []
        for row in rows[first:first + 4]:
            merged = [*merged, *row.tokens]
            yield merged


def _lone_numbers(rows: list[ValueRow], tokens: list[Token], start: int, end: int) -> set[int]:
    """The ids of numbers printed alone on a line (no label, no other cell on it), in a row whose
    other cells share their lines (not one cell to a line): a page number before, between or after
    the groups."""
    per_line: dict[int, int] = {}
    for tok in tokens[start:end]:
        per_line[tok.row] = per_line.get(tok.row, 0) + 1
    return {id(t) for r in rows if any(per_line[u.row] > 1 for u in r.tokens) for t in r.tokens
            if t.kind == "num" and per_line[t.row] == 1}


def read_review(tokens: list[Token], start: int, end: int) -> TableResult:
    result = TableResult()
    n = len(spec.REVIEW_GROUPS) * len(spec.REVIEW_OUTCOMES)
    group = len(spec.REVIEW_OUTCOMES)
    # a group's heading in a grid printed sideways (its label, then four empty cells): the empty cells
    # that pad its line are fewer than a group's cells, and are none of them
    every_row, header = _value_rows(tokens, start, end)  # (header: the region's label text)
    rows = [r for r in every_row if not _heading_padding(r, tokens, group)]
    reading, merged = _first_reading(_review_attempts(rows, n), n, group)
    if not (reading.ok and reading.fits_row_rule):
        # a page number on a line of its own between the groups (PDF text printing one group per
        # header, a page break among them): no cell of the row, said so
        lone = _lone_numbers(rows, tokens, start, end)
        if lone:
            without = [[t for t in cells if id(t) not in lone] for cells in _review_attempts(rows, n)]
            retried, retried_merged = _first_reading(without, n, group)
            # taken where it fits rule 4, or where the row could not be read as 15 cells at all with
            # it (columns printed in another order are checked by the rule only once reordered)
            if retried.ok and (retried.fits_row_rule or not reading.ok):
                reading, merged = retried, retried_merged
                result.issues.extend((
                    "stray_value", "warning", "review_litigation",
                    f"{tok.where}: the number {tok.text!r} on a line of its own among table 4's cells was "
                    f"taken for a page number and ignored",
                ) for tok in tokens[start:end] if id(tok) in lone)
    ended_early = _line_ends_early(rows, n) if not reading.ok else None
    if ended_early is not None:
        merged, trimmed = ended_early
        reading = read_row(merged, n, group=group)
        if reading.ok:
            result.issues.append(_trimmed_issue("review_litigation", n, trimmed))
    if not reading.ok:
        if not rows and _REVIEW_HEADER_DONE.search(squash(header)):
            # the whole header, then no cell at all: the row's cells are empty (zeros printed as nothing)
            result.found = True
            result.values = {g: dict.fromkeys(spec.REVIEW_OUTCOMES, Decimal(0)) for g in spec.REVIEW_GROUPS}
            result.issues.extend(blank_row_issue(f"review_litigation/{g}") for g in spec.REVIEW_GROUPS)
            return result
        if rows:
            result.found = True
            result.issues.append((
                "cell_unreadable", "error", "review_litigation",
                f"could not read the 15 cells of table 4 from {[t.text for t in rows[0].tokens][:20]}",
            ))
            result.values = {g: dict.fromkeys(spec.REVIEW_OUTCOMES) for g in spec.REVIEW_GROUPS}
        return result
    result.found = True
    order = list(range(len(reading.candidates)))
    if reading.split and reading.fits_row_rule and 1 < len(order) <= ALTERNATIVES_LIMIT:
        order.sort(key=lambda i: -_review_plausibility(reading.candidates[i], group))
    if reading.split:
        _report_split(result.issues, "review_litigation", reading, order[0], order, " rule 4")
    values, sources = reading.candidates[order[0]], reading.sources[order[0]]
    cells = [(g, o) for g in spec.REVIEW_GROUPS for o in spec.REVIEW_OUTCOMES]
    for (group, outcome), value, tok in zip(cells, values, sources, strict=True):
        result.values.setdefault(group, {})[outcome] = value
        result.provenance[f"{group}/{outcome}"] = _where(tok, merged[0].where)
    order = printed_order(header, REVIEW_COLUMNS, "REVIEW_OUTCOME_LABELS", len(spec.REVIEW_GROUPS))
    if order is not None and any(o != REVIEW_COLUMNS for o in order):
        for group, group_order in zip(spec.REVIEW_GROUPS, order, strict=True):  # (by printed position)
            reorder(result.values, result.provenance, group_order, REVIEW_COLUMNS, (group,))
        result.issues.append(reordered_issue("review_litigation", order[0], REVIEW_COLUMNS))
    groups = printed_groups(header)
    if groups is not None and groups != spec.REVIEW_GROUPS:
        read_as = dict(zip(groups, spec.REVIEW_GROUPS, strict=True))  # printed as -> read (in order) as
        result.values = {g: result.values[read_as[g]] for g in spec.REVIEW_GROUPS}
        result.provenance = {f"{g}/{o}": result.provenance[f"{read_as[g]}/{o}"]
                             for g in spec.REVIEW_GROUPS for o in spec.REVIEW_OUTCOMES}
        result.issues.append(reordered_issue("review_litigation", groups, spec.REVIEW_GROUPS))
    return result
