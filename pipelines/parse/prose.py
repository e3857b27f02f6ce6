"""The prose as evidence: the numbers a report's text states for its tables' cells (documents
issued and in force, applications received, carried over, granted, fees…), each with its clause
and its place, and what they say of the tables — a doubtful cut of run-together digits that only
one reading fits, or a certain cell that the prose contradicts. Pure functions.

The words that name a cell are the template's (`[prose]` in `pipelines/templates/*.toml`, read
through `spec.PROSE`). A number is taken only with a unit after it (a count with 件, money with
万元), in a clause — the text since the last comma, the previous number or the sentence's start,
and the words after the unit up to the next — whose words name exactly one cell; and not a
table's cell printed with a unit (another number beside it, or a column's header before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from pipelines import spec

IssueList = list[tuple[str, str, str, str]]
Tables = Mapping[str, Mapping[str, Mapping[str, Any]]]

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_WIDTH = tuple("０１２３４５６７８９")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。；;！？!?]")


class Stated(NamedTuple):
    """A number the prose states for a table cell."""

    cell: str  # "table/row/column"
    value: Decimal  # in the spec's unit
    phrase: str  # its clause as printed (whitespace dropped), the number and unit in it
    where: str  # the number's place in the text: "line N col M"
    or_plus: tuple[str, ...] = ()  # cells the number may count besides its own


class _Vocabulary(NamedTuple):
    cells: tuple[spec.ProseCell, ...]
    subjects: tuple[tuple[str, ...], ...]  # the distinct subjects (each a row's words)
    units: tuple[str, ...]  # every unit, longest first
    ignore: frozenset[str]
    yuan_per: Mapping[str, int]
    # compiled from the words above, once per process
    unit: re.Pattern[str]  # a unit (the longest that fits): one after a digit is a number's
    # the tables' column headers (not the prose's words): one before a number makes it a cell
    headers: re.Pattern[str] | None
    words: re.Pattern[str]  # any of the prose's words (subjects, phrases, ignore), the longest at each place
    within: Mapping[str, frozenset[str]]  # a word -> the prose's words it holds, itself among them
    subjects_of: Mapping[str, frozenset[int]]  # a word -> the subjects (by index) it is a word of
    # (subject, unit) -> the cells a number of that row in that unit may state
    by_subject_unit: Mapping[tuple[tuple[str, ...], str], tuple[spec.ProseCell, ...]]


@cache
def _vocabulary(template: str) -> _Vocabulary:
    prose = spec.PROSE.get(template) or spec.PROSE[spec.TEMPLATES[-1]]
    subjects = tuple(dict.fromkeys(c.subject for c in prose.cells))
    units = tuple(sorted({u for c in prose.cells for u in c.units}, key=len, reverse=True))
    words = {w for c in prose.cells for w in (*c.subject, *c.phrases)}
    headers = tuple(w for vocabulary in (spec.METRIC_LABELS, spec.APPLICANT_LABELS, spec.REVIEW_OUTCOME_LABELS)
                    for labels in vocabulary.values() for w in labels if len(w) >= 4 and w not in words)
    every = sorted(words | set(prose.ignore), key=lambda w: (-len(w), w))
    return _Vocabulary(
        prose.cells, subjects, units, frozenset(prose.ignore), prose.yuan_per,
        re.compile("|".join(map(re.escape, units))) if units else re.compile("(?!)"),
        _any_of(headers) if headers else None,
        # tried at every place where a word may start: the longest word there (a shorter one there
        # is inside it: `within`)
        re.compile("(?=[" + "".join(sorted({re.escape(w[0]) for w in every})) + "])(?=("
                   + "|".join(map(re.escape, every)) + "))") if every else re.compile("(?!)"),
        {w: frozenset(x for x in every if x in w) for w in every},
        {w: frozenset(i for i, g in enumerate(subjects) if w in g) for w in every},
        {(g, u): tuple(c for c in prose.cells if c.subject == g and u in c.units) for g in subjects for u in units})


def _words_in(vocab: _Vocabulary, clause: str) -> frozenset[str]:
    """The prose's words the clause holds (each wherever it is, inside another or overlapping it)."""
    found = vocab.words.findall(clause)
    if not found:
        return frozenset()
    return frozenset().union(*map(vocab.within.__getitem__, found))


class _Flat:
    """A text with its whitespace dropped (a PDF's prose wraps mid-word), and the way back to a
    place in the text as printed."""

    def __init__(self, text: str) -> None:
        self.original = text
        flat = "".join(text.split())  # str.split's whitespace is `\s`'s
        # only the full-width digits are translated (translate would look up every character), and
        # only where the text holds one (each digit found by str's search, faster than a regex's set)
        self.text = _FULL_WIDTH_DIGITS.sub(_half_width, flat) if any(map(flat.__contains__, _FULL_WIDTH)) else flat
        # a place found before: the printed text up to `_taken` holds `_flat_taken` characters
        # other than whitespace, `_line` lines begin before it, the last at `_line_start`
        self._taken = self._flat_taken = self._line_start = 0
        self._line = 1

    def place(self, flat_pos: int) -> str:
        """The place ("line N col M") of the character at `flat_pos` of the flat text, as
        printed. Places are asked for in the order of the text: each is found from the last."""
        original = self.original
        if flat_pos < self._flat_taken:
            self._taken = self._flat_taken = self._line_start = 0
            self._line = 1
        # The printed place has `flat_pos` characters other than whitespace before it: widen the
        # prefix by the whitespace found in what it last took in, until it holds no more.
        taken = self._taken
        pos = taken + flat_pos - self._flat_taken
        while True:
            piece = original[taken:pos]
            dropped = len(piece) - len("".join(piece.split()))
            if not dropped:
                break
            taken, pos = pos, pos + dropped
        self._taken, self._flat_taken = pos, flat_pos
        space = _SPACE.match(original, pos)  # whitespace before the character is not its place
        if space:
            pos = space.end()
        newlines = original.count("\n", self._line_start, pos)
        if newlines:
            self._line += newlines
            self._line_start = original.rfind("\n", 0, pos) + 1
        return f"line {self._line} col {pos - self._line_start + 1}"


_FULL_WIDTH_DIGITS = re.compile("[０-９]+")


def _half_width(m: re.Match[str]) -> str:
    return m.group().translate(_DIGITS)


_BOUNDS = frozenset("，,：:、（）()。；;！？!?0123456789")
_BOUND = re.compile(r"[\d，,：:、（）()。；;！？!?]")
_A_BOUND = re.compile("[" + "".join(map(re.escape, sorted(_BOUNDS))) + "]")
_LONGEST_CLAUSE = 200
# a number as printed: digits or thousands groups, and decimals
_NUMBER = re.compile(r"(\d(?:\d{0,2}(?:,\d{3})+|\d*))(\.\d+)?")
_NOT_IN_A_NUMBER = re.compile(r"[^\d.,]")


def _clause_start(backwards: str, pos: int) -> int:
    """Where the clause of a number at `pos` starts: after the last comma or other mark, or the
    previous number's last digit. `backwards`: the text reversed (searched from `pos` back)."""
    n = len(backwards)
    window = max(0, pos - _LONGEST_CLAUSE)
    last = _A_BOUND.search(backwards, n - pos, n - window)
    return n - last.start() if last else window


def _numbers_with_units(s: str, backwards: str, unit: re.Pattern[str]) -> Iterator[tuple[int, int, str, str, str]]:
    """Each number in `s` with a unit after it, in order: (start, end, digits, decimals, unit); a
    number starts with a digit with no digit, point or comma before it. Found from its last digit
    and its unit (`unit`), which a text prints far fewer of than digits."""
    n = len(s)
    for u in unit.finditer(s):
        at = u.start()  # the unit's
        if not at or not s[at - 1].isdecimal():  # (`\d`; no unit holds a digit, so none is inside another's)
            continue
        before = _NOT_IN_A_NUMBER.search(backwards, n - at)  # where the run of digits, points, commas starts
        number = _NUMBER.fullmatch(s, n - before.start() if before else 0, at)
        if number is not None:
            yield number.start(), u.end(), number.group(1), number.group(2) or "", u.group()


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))


def stated_numbers(text: str, template: str) -> list[Stated]:
    """The numbers the prose states for table cells, in the order printed. A number whose clause
    names no cell, or several, or a change (较上年增加…), is none of them."""
    stated, flat, ats = _stated_unplaced(text, template)
    return [s._replace(where=flat.place(at)) for s, at in zip(stated, ats, strict=True)]


def weigh_the_text(text: str, template: str, tables: Tables, alternatives: Mapping[str, list[Mapping[str, Any]]],
                   provenance: Mapping[str, Any]) -> Evidence | None:
    """`weigh` of the numbers the text states (`stated_numbers`); None where it states none.
    `provenance`: "table/row/column" -> the cell read there (its `where`). The places, in the text
    and in the tables, are found only where an issue names them (most reports' prose agrees with
    their tables)."""
    stated, flat, ats = _stated_unplaced(text, template)
    if not stated:
        return None
    evidence = weigh(stated, tables, alternatives, {})
    if evidence.issues:  # weighed again with the places: the same evidence, its issues naming them
        places = {s.cell: provenance[s.cell].where for s in stated if s.cell in provenance}
        evidence = weigh([s._replace(where=flat.place(at)) for s, at in zip(stated, ats, strict=True)],
                         tables, alternatives, places)
    return evidence


def _stated_unplaced(text: str, template: str) -> tuple[list[Stated], _Flat, list[int]]:
    """`stated_numbers` with their places ("") not yet found: the flat text and where in it each
    number starts, to find them (`_Flat.place`, asked in the text's order)."""
    vocab = _vocabulary(template)
    if not vocab.cells:
        return [], _Flat(""), []
    flat = _Flat(text)
    ats: list[int] = []
    s = flat.text
    backwards = s[::-1]
    out: list[Stated] = []
    subject: tuple[str, ...] | None = None  # the row the sentence speaks of, so far
    last = 0  # where the last number with a unit ended
    headers = vocab.headers
    for at, end, digits, decimals, unit in _numbers_with_units(s, backwards, vocab.unit):
        if _SENTENCE_END.search(s, last, at):
            subject = None  # a new sentence
        last = end
        if s[end:end + 1].isdigit():
            continue  # a table's cell printed with its unit, beside the next cell
        start = _clause_start(backwards, at)
        if headers is not None and headers.search(s, start, at):
            continue  # a table's cell printed with its unit, after its column's header
        after = _BOUND.search(s, end)
        stop = after.start() if after else len(s)
        words = _words_in(vocab, s[start:at] + s[end:stop])
        if not words:
            continue  # no row, no cell named: nothing stated, and the sentence's row is still its row
        named = frozenset().union(*map(vocab.subjects_of.__getitem__, words))
        if len(named) > 1:
            subject = None  # two rows named: neither this number nor the next ones are theirs
            continue
        if named:
            (index,) = named
            subject = vocab.subjects[index]
        if subject is None or not words.isdisjoint(vocab.ignore):
            continue
        cells = {c.cell: c for c in vocab.by_subject_unit[subject, unit] if not words.isdisjoint(c.phrases)}
        if len(cells) != 1:
            continue
        (cell,) = cells.values()
        value = _value(digits.replace(",", "") + decimals, unit, cell.cell, vocab.yuan_per)
        if value is not None:
            out.append(Stated(cell.cell, value, s[start:stop], "", cell.or_plus))
            ats.append(at)
    return out, flat, ats


def _value(digits: str, unit: str, cell: str, yuan_per: Mapping[str, int]) -> Decimal | None:
    """The number in the spec's unit; None for a count with a fraction, or money in a unit the
    template does not convert."""
    value = Decimal(digits)
    metric = cell.rsplit("/", 1)[-1]
    target = spec.MONEY_METRICS.get(metric)
    if target is None:
        return value if value == value.to_integral_value() else None
    if unit == target:
        return value
    if unit not in yuan_per or target not in yuan_per:
        return None
    return value * yuan_per[unit] / yuan_per[target]


class Evidence(NamedTuple):
    """What the prose says of the tables: per doubtful row ("table/row" -> an index among the
    row's alternatives) the reading it settles, or — where several agree with it — the likeliest
    of those, the row still doubtful (`narrowed`); and the issues (settled, narrowed, contradicted)."""

    settled: dict[str, int]
    issues: IssueList
    narrowed: dict[str, int]


def weigh(stated: Iterable[Stated], tables: Tables, alternatives: Mapping[str, list[Mapping[str, Any]]],
          places: Mapping[str, str]) -> Evidence:
    """The stated numbers against the tables. A row several cuts fit (`alternatives`, the chosen
    first) is settled where exactly one cut agrees with every number stated for it; where none
    does, the prose contradicts every reading (`prose_mismatch`); where several do, it stays
    doubtful, read as the first of them in the reader's order (`digits_ambiguous` says so). A
    certain cell the prose contradicts is a `prose_mismatch` naming both places; the
    prose never changes a certain cell. `places`: "table/row/column" -> its place in the file."""
    by_row: dict[str, list[Stated]] = {}
    issues: IssueList = []
    for s in stated:
        table, row, col = s.cell.split("/")
        cols = tables.get(table, {}).get(row)
        if not cols or cols.get(col) is None:
            continue  # a row or cell not read: the prose does not stand in for it
        key = f"{table}/{row}"
        if key in alternatives:
            by_row.setdefault(key, []).append(s)
        elif not _agrees(s, cols[col], tables) and not any(i[2] == s.cell for i in issues):
            issues.append((
                "prose_mismatch", "warning", s.cell,
                f"the prose says {s.phrase!r} ({s.where}), but the table has {_fmt(cols[col])}"
                f" ({places.get(s.cell, s.cell)}){_with_plus(s, cols[col], tables)}",
            ))
    settled: dict[str, int] = {}
    narrowed: dict[str, int] = {}
    for key, said in by_row.items():
        readings = alternatives[key]
        fitting = [i for i, cells in enumerate(readings)
                   if all(_agrees(s, cells.get(s.cell.rsplit("/", 1)[1]), tables) for s in said)]
        stated_text = "; ".join(f"{s.phrase!r} ({s.where})" for s in said)
        if len(fitting) == 1:
            settled[key] = fitting[0]
            issues.append((
                "settled_by_prose", "info", key,
                f"digits ran together and {len(readings)} cuts fit every sum; the prose says {stated_text}, "
                f"which only {_fmt_cells(readings[fitting[0]])} agrees with: read so",
            ))
        elif not fitting:
            issues.append((
                "prose_mismatch", "warning", key,
                f"the prose says {stated_text}, which none of the {len(readings)} cuts of the row's "
                f"run-together digits agrees with",
            ))
        else:
            narrowed[key] = fitting[0]
            others = "; ".join(_fmt_cells(readings[i]) for i in fitting[1:6])
            issues.append((
                "digits_ambiguous", "warning", key,
                f"digits ran together and {len(readings)} cuts fit every sum; the prose says {stated_text}, which "
                f"{len(fitting)} of them agree with: chose {_fmt_cells(readings[fitting[0]])}, others: {others}",
            ))
    return Evidence(settled, issues, narrowed)


def _plus(s: Stated, tables: Tables) -> Decimal | None:
    total = Decimal(0)
    for cell in s.or_plus:
        table, row, col = cell.split("/")
        value = tables.get(table, {}).get(row, {}).get(col)
        if value is None:
            return None
        total += value
    return total


def _agrees(s: Stated, value: Any, tables: Tables) -> bool:
    if value is None:
        return False
    if Decimal(value) == s.value:
        return True
    plus = _plus(s, tables) if s.or_plus else None
    return plus is not None and Decimal(value) + plus == s.value


def _with_plus(s: Stated, value: Any, tables: Tables) -> str:
    plus = _plus(s, tables) if s.or_plus else None
    if not plus:
        return ""
    return f" ({_fmt(Decimal(value) + plus)} with {', '.join(s.or_plus)})"


def _fmt(value: Any) -> str:
    value = Decimal(value)
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))


def _fmt_cells(cells: Mapping[str, Any]) -> str:
    return "|".join(_fmt(v) if v is not None else "?" for v in cells.values())
