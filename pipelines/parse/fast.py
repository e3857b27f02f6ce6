"""The fast path: a report whose tables are printed as the template prints them, read in one pass.

Most reports print every row's label followed by exactly its cells, each a number or a zero mark
(—, /, 无) standing alone. Such a report needs none of the general reader's work (tokenizing each
cell, aligning rows to the template, splitting run-together digits): one regex pass finds the
values, and the text between them must spell the template's labels in the template's order.
Text layouts are read as they are; an HTML page as the text rows of its tables (`ingest.html_rows`).

The fast path only ever answers "these are the tables" or "not for me": a label it does not know
exactly, a cell more or less, a blank cell, a unit, a negative count, a decimal count — each
returns None, and the general reader takes the report with all its care and issues. A report
whose own sums do not hold is read as printed and flagged as the general reader flags it. Tests
hold the two readers to the same result wherever the fast path answers.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import cache
from itertools import accumulate, compress, product, repeat
from operator import add, itemgetter, le, lt, sub
from typing import NamedTuple

from pipelines import spec
from pipelines.ingest.document import blank_page_furniture
from pipelines.ingest.html_rows import EMPTY_CELL
from pipelines.textscan import native, without_whitespace

from .locate import AFTER_TABLES, REVIEW_HEADER_WORDS
from .numbers import FINANCIAL_NUMERALS, UNREAD_CELL
from .report import Cell, PrintedCells, cell_dict
from .short_cache import short_text_cache

# the scan in C where it is built (`pipelines/_textscan.c`); without it, the same reading in Python
_scan = native

# A value: a number (money perhaps with its unit, 785121元) or a zero mark, standing alone between
# whitespace or Markdown pipes.
# Its first character is tested first (a character set the regex engine scans for quickly), then
# that the character before it is a separator. Digits are ASCII or full-width (０-９); ranges, not
# \d, which is a slower Unicode category test.
_VALUE = re.compile(
    r"([+\-＋－0-9０-９—/／无\ue001](?<![^\s|].)"
    r"(?:(?<=[+\-＋－])[0-9０-９][0-9０-９,]*(?:[.．][0-9０-９]+)?(?:万?元)?"
    r"|(?<=[0-9０-９])[0-9０-９,]*(?:[.．][0-9０-９]+)?(?:万?元)?"
    r"|(?<=—)—?|(?<=[/／无\-－\ue001]))"
    r"(?![^\s|]))"
)
# an empty cell among separators: two tabs, two pipes, or (the \n before) a line of one cell that
# is empty (a lone tab, or full-width padding), as the general reader takes them (`ingest.document.read_text`)
_EMPTY_CELL = re.compile(r"\t[ \u3000\xa0]*\t|\|[ \u3000\xa0]*\||\n(?=[ \xa0]*[\t\u3000][ \t\u3000\xa0]*\n)")
# breaks that str.splitlines counts as line ends (the general reader's line numbers) besides \n
_ODD_BREAKS = re.compile(r"\r(?!\n)|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ODD_BREAK_CHARS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_DIGIT = re.compile(f"[0-9０-９{FINANCIAL_NUMERALS}]")
# a row's number broken by a PDF line over its values, in NFKC label text: "(" or "(一" ending a
# label, "一)" or ")" starting the next; or its digit ending a label ("(五)不予处理1"), "." or "、"
# starting the next (".信访举报投诉类申请"), or nothing where rows are numbered without a point
_OPEN_NUMBER = re.compile(r"\([一二三四五六七八九十]{0,3}$|(?<![\d.,])\d{1,2}$")
# what such a label ends with: most labels end otherwise, and are not searched (a search tries
# every position: the digit alternative has no literal for the regex engine to skip to)
_OPEN_NUMBER_ENDS = frozenset("(一二三四五六七八九十0123456789")
_NUMBER_CHARS = "一二三四五六七八九十0123456789()、."  # what row and section numbers are made of (NFKC)
_CLOSE_NUMBER = re.compile(r"[一二三四五六七八九十]{0,3}\)")
_CLOSE_DIGIT_NUMBER = re.compile(r"[.、]?")  # none where rows are numbered without a point (1属于…)
_CAPTION = re.compile(r"第\s*二\s*十\s*条\s*第")  # table 2's first caption, perhaps broken over lines
# row numbering in NFKC label text: a digit (the template numbers no more than eight rows in a
# group) not after a digit or a point, before the label's words; 35. is a number
_ROW_NUMBER = re.compile(r"(?<![\d.,])\d[.、]?(?=[\u4e00-\u9fff“\"(])")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ZERO_MARKS = frozenset({"——", "—", "-", "－", "/", "／", "无", EMPTY_CELL})
_RAW_TEXT = {EMPTY_CELL: ""}  # what a value mark stands for in the printed text
# the values most cells print, read by one dict lookup each (`_plain_counts`): counts in ASCII or
# full-width digits (as `_value` reads them), and the zero marks
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_PLAIN = {**{str(i): i for i in range(10_000)}, **{str(i).translate(_FULL_WIDTH_DIGITS): i for i in range(10_000)},
          **dict.fromkeys(_ZERO_MARKS, 0)}


def _plain_counts(values: list[str]) -> list[int | None]:
    """Each value as a plain count where it is one (`_PLAIN`), else None; in C where it is built."""
    return _scan.plain_counts(values) if _scan is not None else list(map(_PLAIN.get, values))
# what separates cells; anything else between two values is label text
_SEPARATORS = " \t\r\n|\u3000\xa0"
# Row and section numbering, dropped from label text: 三、 (一) 1. 1、 1属于… — but not 第(一)项,
# nor digits that follow digits (a value run into its label stays in the label and fails it).
_NUMBERING = re.compile(
    r"(?<!第)\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|(?<!\d)\d{1,2}[.、]|(?<!\d)\d(?=[\u4e00-\u9fff])"
)
_SPACE = re.compile(r"\s+|:?-{3,}:?")  # and the |---|---| line under a Markdown header
log = logging.getLogger(__name__)

_ACTIVE_SECTIONS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    # sub-tables of table 2: the article item printed above each, and its rows
    "v2021": (("一", ("rules", "normative_docs")), ("五", ("licensing",)),
              ("六", ("punishment", "enforcement")), ("八", ("fees",))),
    "v2019": (("一", ("rules", "normative_docs")), ("五", ("licensing", "other_services")),
              ("六", ("punishment", "enforcement")), ("八", ("fees",)), ("九", ("procurement",))),
}
# group labels printed before the first row of a group in table 3 ("三、本年度办理结果（一）予以公开")
_APPLICATION_GROUPS = {
    "granted": "本年度办理结果", "denied_state_secret": "不予公开", "unable_not_held": "无法提供",
    "rejected_petition": "不予处理", "other_no_correction": "其他处理",
}
# labels as the template prints them, beyond the phrases that identify a row
_PRINTED = {"partial": ("部分公开(区分处理的,只计这一情形,不计其他情形)",)}
_APPLICANT_HEADERS = (
    "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
    "申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他总计",
)
_REVIEW_HEADERS = (
    "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
    "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计",
)
_REVIEW_CELLS = tuple((g, o) for g in spec.REVIEW_GROUPS for o in spec.REVIEW_OUTCOMES)


def normalize_label(text: str) -> str:
    """Label text as compared: NFKC, no whitespace or pipes, no row numbering."""
    # whitespace first (in C), so that the cache sees the same label however it was padded
    return _normalize_compact(without_whitespace(text))


_LABEL_CHARS = 300  # longer label text (a crawler's body, which the fast path declines) is not cached


@short_text_cache(maxsize=65536, longest=_LABEL_CHARS)
def _normalize_compact(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return _NUMBERING.sub("", _SPACE.sub("", text).replace("|", ""))


class Step(NamedTuple):
    """One printed row of the template: the label text before its values, and what they are."""

    table: str
    row: str
    cols: tuple[str, ...]
    # the row's own label, normalized, as it may be printed, in the spec's order: where several
    # fit, the first is taken (an order that changed from run to run made readings differ)
    labels: tuple[str, ...]
    # what may come right before the label ("" = nothing) -> the factor to the spec's unit of the
    # row's money cell (a column header may print the amount in 万元 where the spec has 元)
    fillers: dict[str, Decimal]
    opens_table: bool  # the first row of a table: free text may come before the filler
    # filler + label of each reading, in the order `_broken_matches` tries them, with its money
    # factor and the places a line may end inside it, by the character before the place
    broken: tuple[tuple[str, Decimal, dict[str, tuple[int, ...]]], ...] = ()


@cache
def steps(template: str) -> tuple[Step, ...]:
    """The template's rows in printed order, as the fast path expects them."""
    out: list[Step] = []
    first = True
    for item_no, items in _ACTIVE_SECTIONS[template]:
        for i, item in enumerate(items):
            metrics = spec.ACTIVE_ITEMS[template][item]
            fillers = {"": _ONE}
            if i == 0:  # the sub-table's caption and column header come before its first row
                caption = f"第二十条第({item_no})项信息内容"
                fillers = {}
                # each column by any of its labels (本年处理决定数量, or 处理决定数量 as the 2019
                # template prints it), in the template's order
                for unit in (None, "万元", "元"):
                    for labels in product(*(spec.METRIC_LABELS[m] for m in metrics)):
                        header = normalize_label(caption + "".join(map(_header, metrics, labels, repeat(unit))))
                        fillers.setdefault(header, _factor(metrics, unit))
            out.append(Step("active", item, metrics, tuple(dict.fromkeys(spec.ACTIVE_LABELS[item])), fillers, first))
            first = False
    rows = spec.APPLICATION_ROWS[template]
    for i, row in enumerate(rows):
        printed = (*spec.APPLICATION_LABELS[row], *_PRINTED.get(row, ()))
        labels = tuple(dict.fromkeys(map(normalize_label, printed)))
        if i == 0:
            fillers = dict.fromkeys(_APPLICANT_HEADERS, _ONE)
        elif row in _APPLICATION_GROUPS:
            fillers = {"": _ONE, _APPLICATION_GROUPS[row]: _ONE}
        else:
            fillers = {"": _ONE}
        out.append(Step("applications", row, spec.APPLICANTS, labels, fillers, i == 0))
    out.append(Step("review_litigation", "", (), {"": _ONE}, dict.fromkeys(_REVIEW_HEADERS, _ONE), True))
    return tuple(step._replace(broken=_broken_readings(step)) for step in out)


def _broken_readings(step: Step) -> tuple[tuple[str, Decimal, dict[str, tuple[int, ...]]], ...]:
    readings = []
    for filler, factor in step.fillers.items():
        for own in step.labels:
            full = filler + own
            cuts: dict[str, list[int]] = {}
            for cut in range(1, len(full)):
                cuts.setdefault(full[cut - 1], []).append(cut)
            readings.append((full, factor, {char: tuple(at) for char, at in cuts.items()}))
    return tuple(readings)


_ONE = Decimal(1)
# the spec's unit -> the unit printed in a column header -> the factor from printed to spec
_UNIT_FACTOR = {"万元": {"万元": _ONE, "元": Decimal("0.0001")}, "元": {"万元": Decimal(10000), "元": _ONE}}


def _factor(metrics: tuple[str, ...], printed: str | None) -> Decimal:
    money = [m for m in metrics if m in spec.MONEY_METRICS]
    if not money or printed is None:
        return _ONE
    return _UNIT_FACTOR[spec.MONEY_METRICS[money[0]]][printed]


def _header(metric: str, label: str, unit: str | None) -> str:
    """A column header as printed (`label`: one of the metric's); a money column's with the unit
    printed after it, or not."""
    if metric not in spec.MONEY_METRICS or unit is None or "单位" in label:
        return label
    return f"{label}({unit})"


@cache
def _rule_indexes(template: str) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """Rules 1–4 as positions in the flat list of table-3 and table-4 values."""
    where: dict[tuple[str, str], int] = {}
    for r in spec.APPLICATION_ROWS[template]:
        for c in spec.APPLICANTS:
            where[("applications", r, c)] = len(where)
    for g, o in _REVIEW_CELLS:
        where[("review_litigation", g, o)] = len(where)
    return tuple((tuple(where[(rule.table, *cell)] for cell in rule.left),
                  tuple(where[(rule.table, *cell)] for cell in rule.right))
                 for rule in spec.sum_rules(template))


Places = list[tuple[int, int, tuple[int, ...]]]  # per text line: HTML table, row, grid column of each cell


class FastTables(NamedTuple):
    template: str
    tables: dict[str, dict[str, dict[str, int | float]]]
    provenance: PrintedCells | dict[str, Cell]  # "table/row/col" -> where it was printed
    rules_hold: bool  # rules 1–4 hold for the printed numbers (if not, they are loaded as printed and flagged)
    blank_rows: tuple[str, ...] = ()  # "table/row" of rows printed with their label only, read as zeros
    missing: tuple[str, ...] = ()  # tables not printed at all (their heading perhaps, no table)
    # values read as no cell: a page number printed inside a table, a 无 that begins a label
    # ("4. 无 0 0 …" / "正当理由大量反复申请"); (table, where, the general reader's issue or None)
    dropped: tuple[tuple[str, str, tuple[str, str, str, str] | None], ...] = ()
    template_sure: bool = True  # False: no label told it, the one assumed from the year was read


def _markers_printed(region: str) -> bool:
    """Whether the region prints a word of either template's own (`spec.TEMPLATE_MARKERS`)."""
    return any(m in region for markers in spec.TEMPLATE_MARKERS.values() for m in markers)


def _template(region: str) -> str | None:
    """The template whose markers the region prints, where it prints no marker of the other."""
    printed = {t: any(m in region for m in markers) for t, markers in spec.TEMPLATE_MARKERS.items()}
    if printed["v2021"] and not printed["v2019"]:
        return "v2021"
    if printed["v2019"] and not printed["v2021"]:
        return "v2019"
    return None


@short_text_cache(maxsize=65536, longest=_LABEL_CHARS)
def _match_at(label: str, template: str, index: int) -> tuple[Decimal, str] | None:
    """`_match_label` for the template's row at `index`, cached: the same labels recur in report after report."""
    return _match_label(label, steps(template)[index])


def _match_label(label: str, step: Step) -> tuple[Decimal, str] | None:
    """The label text before a row's values is one of its fillers followed by one of its labels
    (the first row of a table: anything, then a filler, then a label). Returns the filler's
    money factor and what of the label is still to come (see `_broken_matches`)."""
    for own in step.labels:
        if label.endswith(own):
            factor = _filler(label[: len(label) - len(own)], step)
            if factor is not None:
                return factor, ""
    return next(_broken_matches(label, step), None)


def _broken_matches(label: str, step: Step) -> Iterator[tuple[Decimal, str]]:
    """A PDF line may end inside a label, the rest printed after the row's values
    ("三、本年度 2 0 … 2" / "办理结果（一）予以公开"): the label text ends with the start of filler +
    label, and the next label must start with the rest. Every such reading, the longest start first
    (then in the order of the step's fillers and labels). Only the places where a reading has the
    label's last character before them are tried (`Step.broken`)."""
    if not label:
        return
    found = []
    for order, (full, factor, cuts) in enumerate(step.broken):
        for cut in cuts.get(label[-1], ()):
            if label.endswith(full[:cut]) and (step.opens_table or len(label) == cut):
                found.append((-cut, order, factor, full[cut:]))
    found.sort(key=itemgetter(0, 1))
    for _, _, factor, rest in found:
        yield factor, rest


def _filler(rest: str, step: Step) -> Decimal | None:
    if step.opens_table:
        return next((f for text, f in step.fillers.items() if rest.endswith(text)), None)
    return step.fillers.get(rest)


def read_tables(text: str, places: Places | None = None, page_text: str | None = None,
                assumed_template: Callable[[], str] | None = None) -> FastTables | None:
    """The three tables of a report printed exactly in the template, or None. `places`: the text
    is an HTML page's table rows (`ingest.html_rows`), and these say where each cell sits;
    `page_text`: the page's whole text then, where a table missing from the rows is looked for.
    `assumed_template`: the template the general reader assumes where no label tells (from the
    report's year), for a report without table 2 that prints no template's marker."""
    if _odd_breaks(text):
        return _decline("line breaks other than \\n and \\r\\n: lines are counted differently")
    missing: tuple[str, ...] = ()
    caption = _CAPTION.search(text)
    if caption is not None:
        start = caption.start()
    elif not any(w in (text if page_text is None else page_text) for w in spec.TABLE_MARKERS["active"]):
        # no word the general reader finds table 2 by (a report saying 无 under its heading):
        # the tables begin with table 3's header
        start = min((i for i in (text.find(w) for w in _APPLICATIONS_START) if i >= 0), default=-1)
        if start < 0:
            return _decline("no table 2 caption, and no table 3 header")
        missing = ("active",)
    else:
        return _decline("no table 2 caption")
    start = text.rfind("\n", 0, start) + 1
    # table 4 is printed where the general reader would find a word of its header after the
    # other tables; where none is, it is missing
    review_printed = any(text.find(w, start) >= 0 if page_text is None else w in page_text
                         for w in REVIEW_HEADER_WORDS)
    if not review_printed:
        missing += ("review_litigation",)
    review = text.find("复议后起诉", start) if review_printed else start
    if review < 0:  # its header's last words broken over lines: from its first words found
        review = min((i for i in (text.find(w, start) for w in REVIEW_HEADER_WORDS) if i >= 0), default=len(text))
    end = min((i for i in (text.find(w, review) for w in AFTER_TABLES) if i >= 0), default=len(text))
    region = blank_page_furniture(text[start:end])
    template = _template(region)
    sure = template is not None
    if template is None:
        if assumed_template is None or "active" not in missing or _markers_printed(region):
            return _decline("template markers absent or mixed")
        template = assumed_template()
    line = text.count("\n", 0, start) + 1
    found = _read_region(region, template, line, places, False, missing)
    if found is None and places is None and _EMPTY_CELL.search(region) is not None:
        # read again with the empty cells the general reader takes for zeros as values (a text's
        # empty cells are looked at only where the plain reading failed: most are padding)
        found = _read_region(_mark_empty_cells(region, template), template, line, places, True, missing)
    return found if found is None or sure else found._replace(template_sure=False)


def _read_marked_if_known(region: str, template: str, line: int) -> FastTables | None:
    """A text region with fewer values than the template's cells, read with its empty cells
    marked as values where that skeleton is known. The plain reading would fail then: its rows
    short of values could be read only as blank, which a row among empty cells is not (the marks
    stand in lines with empty cells), so the reading loop is spared trying it."""
    if _EMPTY_CELL.search(region) is None:
        return None
    return _read_region(_mark_empty_cells(region, template), template, line, None, True, known_only=True)


# where table 3 begins when no table 2 is printed before it: its header, or its first row
_APPLICATIONS_START = ("勾稽关系", "申请人情况", "本年新收")


def _read_region(region: str, template: str, line: int, places: Places | None,
                 marked: bool, missing: tuple[str, ...] = (), known_only: bool = False) -> FastTables | None:
    """`read_tables` from the tables' region of the text (`line`: the number of its first line).
    `marked`: empty cells are marked as values (`_mark_empty_cells`). `missing`: tables
    not printed (table 2: the region begins with table 3; table 4: it ends with table 3).
    `known_only`: None where the skeleton (or label stream) was not read before."""
    # a text region is scanned in C where the extension is built (`_textscan.c`); an HTML page's
    # places, and any region without the extension, are read in Python alike
    scanned = _scan.scan(region, line, marked, False) if _scan is not None and places is None else None
    skeleton: tuple[str, str] | None
    if scanned is not None:
        skeleton, values = (template, scanned[0]), scanned[1]
    else:
        # [text, value, text, value, …, text]: the text before each value and the values, split in C
        parts = _VALUE.split(region)
        gaps, values = parts[0::2], parts[1::2]
        skeleton = _skeleton(template, region, gaps)
    # a text's label stream, made where its skeleton is not known, and kept if the loop reads it
    stream = factors = None
    if skeleton and not missing:
        factors = _SKELETONS.get(skeleton)
        if factors is None and places is None:
            stream = _stream(skeleton[1])
            factors = _stream_factors(template, stream)
    if factors is not None:
        if scanned is not None:
            known = _read_scanned(region, template, scanned, factors)
        else:
            found = _read_known(template, factors, gaps.__getitem__, values)
            known = None if found is None else FastTables(template, found[0], _printed_cells(
                template, [], (), (), _places(line, region, parts, places, marked), values), found[1])
        if known is not None or known_only:
            return known
    if known_only:
        return None
    if places is None and not marked and not missing and len(values) < len(_cell_keys(template)):
        known = _read_marked_if_known(region, template, line)
        if known is not None:
            return known
    wheres = None
    if scanned is not None:  # the reading loop, with the text before each value too
        _, values, _, wheres, gaps = _scan.scan(region, line, marked, True)
    n = len(values)
    tables: dict[str, dict[str, dict[str, int | float]]] = {t: {} for t in spec.TABLES}
    flat: list[int | float] = []  # table 3 and 4 values in template order, for the rules
    tail = ""  # the end of the previous row's label, printed after its values
    # the previous row's label ended inside its number ("（" before its values, "一）" after): what must close it
    open_number: re.Pattern[str] | None = None
    previous: tuple[str, Step, Decimal] | None = None
    i = 0  # the next value
    plan = steps(template)
    blank: list[Step] = []  # rows printed with their label only
    row_factors: list[Decimal] = []
    pending: str | None = None  # label text left after blank rows, for the next row
    # values read as no cell: value index, its row, the general reader's warning for it (None: no word)
    dropped: list[tuple[int, Step, str | None]] = []
    page_in_label = False  # the row's label was read around a page number
    after_page_number = False  # the row's label was read across a page number after the previous row's
    broken_labels = False  # a label broken over its row's values, or over a row number
    for table in missing:
        del tables[table]
    # table 2 missing: the reading begins with table 3's first row
    index = -1 if "active" not in missing else next(k for k, p in enumerate(plan) if p.table != "active") - 1
    while index + 1 < len(plan):
        index += 1
        step = plan[index]
        if step.table == "review_litigation" and "review_litigation" in missing:
            if pending is not None:
                return _decline("review_litigation: missing, after a blank row")
            break
        # past the last value, a row of table 3 may still be printed blank (its label, then the
        # next one's), and is read so below; any other row declines for want of values
        if i >= n and step.table == "review_litigation":
            header = normalize_label(gaps[i])[len(tail):] if pending is None else pending
            if _match_at(header, template, index) is not None:
                # table 4's whole header, then no cell at all: its cells are empty (zeros)
                if _EMPTY_CELL.search(gaps[i]):
                    # printed as empty cells (zeros, no issue), perhaps: the general reader's call
                    return _decline("review_litigation: a blank row among empty cells")
                blank.append(step)
                tables["review_litigation"] = {g: dict.fromkeys(spec.REVIEW_OUTCOMES, 0) for g in spec.REVIEW_GROUPS}
                flat.extend([0] * len(_REVIEW_CELLS))
                tail = ""
                break
            return _decline(f"{step.table}/{step.row}: no values")
        if i >= n and step.table != "applications":
            return _decline(f"{step.table}/{step.row}: no values")  # (a crawler's body, digits run together)
        label = normalize_label(gaps[i]) if pending is None else pending
        pending = None
        if open_number:
            close = open_number.match(label)
            if close is None:
                return _decline(f"{step.table}/{step.row}: a row number left open")
            label, open_number = label[close.end():], None
        broken_number = _OPEN_NUMBER.search(label, len(label) - 4) if label[-1:] in _OPEN_NUMBER_ENDS else None
        if broken_number is not None:  # a PDF line ending inside the next row's number: "三、本年度办理结果（"
            broken_labels = True
            label = label[:broken_number.start()]
            open_number = _CLOSE_NUMBER if broken_number.group().startswith("(") else _CLOSE_DIGIT_NUMBER
        own_label = label[len(tail):]
        matched = _match_at(own_label, template, index) if label.startswith(tail) else None
        if matched is None and previous is not None:
            # the previous label read whole may have been the start of a label broken after its values
            prev_label, prev_step, prev_factor = previous
            for factor, other in _broken_matches(prev_label, prev_step):
                if factor == prev_factor and other != tail and label.startswith(other):
                    own_label = label[len(other):]
                    matched = _match_label(own_label, step)
                    if matched is not None:
                        break
        if (matched is None or matched[1]) and places is None and i + 1 < n and not open_number \
                and broken_number is None and _page_number_in_label(gaps[i], values[i], gaps[i + 1]):
            # a PDF page number between the heading lines and the row ("…现行有效件数" / "1" /
            # "规章 0 0 0"), where the label read whole around it (after the rest of the previous
            # row's, if any): the general reader passes over it without a word
            joined = normalize_label(gaps[i] + gaps[i + 1])
            whole = _match_at(joined[len(tail):], template, index) if joined.startswith(tail) else None
            if whole is not None and not whole[1]:
                dropped.append((i, step, None))
                matched, own_label = whole, joined[len(tail):]
                i += 1
                page_in_label = True
        if matched is None and i + 1 < n and values[i] == "无" and places is None and not open_number \
                and label.startswith(tail) and gaps[i].rpartition("\n")[2].strip(_SEPARATORS):
            # a label with 无 in it broken right after the 无, which stands alone after the label's
            # start: label text, not a zero ("4. 无 0 0 0 0 0 0 0" / "正当理由大量反复申请", or
            # "4. 无" / "正当理由大量反复申请 0 0 0 0 0 0 0")
            joined = label[len(tail):] + "无" + normalize_label(gaps[i + 1])
            with_mark = _match_at(joined, template, index)
            if with_mark is not None:
                dropped.append((i, step, None))
                matched, own_label = with_mark, joined
                i += 1
        if matched is None:
            if after_page_number:
                return _decline(f"{step.table}/{step.row}: label {label[-60:]!r} after a page number")
            rest = _after_blank_row(label[len(tail):], step) if label.startswith(tail) else None
            if rest is None or open_number:
                return _decline(f"{step.table}/{step.row}: label {label[-60:]!r}")
            if _stray_digits(gaps[i]) or UNREAD_CELL.match(rest):
                # a number the regex did not take as a value (glued to a label, with a unit, in
                # words, a letter for a digit): the row may not be blank at all
                return _decline(f"{step.table}/{step.row}: digits among labels")
            if (marked or _EMPTY_CELL.search(gaps[i])) and not _printed_alone(gaps[i], step):
                # a label among printed empty cells: whether it is printed with empty cells (zeros,
                # no issue) or without any (zeros, said so) is the marked reading's call, or else
                # the general reader's; a label alone on its line has no cell (the general reader's row_blank)
                return _decline(f"{step.table}/{step.row}: a blank row among empty cells")
            # the row's label, then the next row's: a row whose cells are all empty, read as zeros
            blank.append(step)
            tables[step.table][step.row] = dict.fromkeys(step.cols, 0)
            if step.table != "active":
                flat.extend([0] * len(step.cols))
            pending, tail, previous = rest, "", None
            continue
        factor, tail = matched
        broken_labels = broken_labels or bool(tail)
        after_page_number = False
        row_factors.append(factor)
        previous = (own_label, step, factor)
        if step.table == "active" and _EMPTY_CELL.search(gaps[i], len(gaps[i].rstrip(_SEPARATORS))):
            # an empty cell between a table-2 label and its value: the value may sit under no header
            return _decline(f"{step.table}/{step.row}: an empty cell before the values")
        width = len(step.cols) or len(_REVIEW_CELLS)
        if step.table == "review_litigation" and places is None and i + width < n \
                and _page_number_before_row(gaps[i:i + width + 2], values[i]):
            # a page number between table 4's header and its row: passed over without a word
            dropped.append((i, step, None))
            i += 1
        j = i + width
        if j > n:
            return _decline(f"{step.table}/{step.row}: too few values")
        if page_in_label and not _printed_on_one_line(gaps[i:j]):
            # one value to a line (cells): a number alone on its line is no page number there
            return _decline(f"{step.table}/{step.row}: a number alone among label lines")
        page_in_label = False
        if "".join(gaps[i + 1:j]).strip(_SEPARATORS):
            return _decline(f"{step.table}/{step.row}: label text among the values")
        after_row = j
        if j < n and not gaps[j].strip(_SEPARATORS):
            if places is None and step.table != "review_litigation" and j + 1 < n \
                    and _page_number_after_row(gaps[i], gaps[i + 1:j], gaps[j], values[j], gaps[j + 1]):
                # a PDF page number on a line of its own after the row: ignored, as the general
                # reader ignores it, with its stray_value warning
                dropped.append((j, step, "after_row"))
                after_row = j + 1
            else:
                return _decline(f"{step.table}/{step.row}: more values than cells")
        elif tail and step.table == "applications" and places is None and j + 1 < n \
                and plan[index + 1].table == "applications" \
                and _page_number_after_tail(gaps[i], gaps[i + 1:j], gaps[j], values[j], gaps[j + 1]) \
                and _rest_of_label(normalize_label(gaps[j]), tail, own_label, step, factor):
            # a PDF page number on a line of its own after the rest of the row's label: ignored,
            # with the general reader's stray_value warning; the next row's label is read across it
            dropped.append((j, step, "own_row"))
            after_row = j + 1
            pending = normalize_label(gaps[j] + gaps[j + 1])
            after_page_number = True
        printed = values[i:j]
        row = _plain_counts(printed) if factor is _ONE else [None]
        if None in row:
            row = [_value(v, step.cols[k] if step.cols else "", factor) for k, v in enumerate(printed)]
            if None in row:
                return _decline(f"{step.table}/{step.row}: a value the template does not print: {printed}")
        if step.table == "review_litigation":
            for (g, o), v in zip(_REVIEW_CELLS, row, strict=True):
                tables["review_litigation"].setdefault(g, {})[o] = v
        else:
            tables[step.table][step.row] = dict(zip(step.cols, row, strict=True))
        if step.table != "active":
            flat.extend(row)
        i = after_row
    last = normalize_label(gaps[i])
    if open_number:
        close = open_number.match(last)
        if close is None:
            return _decline("the last row number left open")
        last = last[close.end():]
    if tail and not last.startswith(tail):
        return _decline("the last label does not end as printed")
    if i < n:
        return _decline(f"values after the last table: {values[i]!r}")
    if sum(b.table == "applications" for b in blank) == len(spec.APPLICATION_ROWS[template]):
        # table 3 printed without a value: the general reader may not find it at all
        return _decline("applications: every row blank")
    # with a table missing, its rules are the general reader's to check (`checks.rule_issues`)
    rules_hold = False if missing else _rules_hold(template)(flat)
    if blank and not rules_hold:
        return _decline("rows read as blank, and the sums do not hold")
    if skeleton and not blank and not missing and not dropped:
        if len(_SKELETONS) >= _SKELETONS_KEPT:
            _SKELETONS.clear()
            _STREAMS.clear()
        _SKELETONS[skeleton] = tuple(row_factors)
        if places is None and not broken_labels:
            _keep_stream(template, stream or _stream(skeleton[1]), tuple(row_factors))
    if wheres is None:
        wheres = _places(line, region, parts, places, marked)
    provenance = _printed_cells(template, blank, missing, tuple(at for at, _, _ in dropped), wheres, values)
    return FastTables(template, tables, provenance, rules_hold, _blank_rows(blank), missing,
                      tuple((step.table, wheres[at], kind and _page_number_issue(step, values[at], wheres[at], kind))
                            for at, step, kind in dropped))


# The label text of a report read before, as `_skeleton` gives it -> the money factor of each of the
# template's rows. Most reports copy the template's labels, so most skeletons recur: a report with
# a known skeleton is read by `_read_known` without matching its labels again.
_SKELETONS: dict[tuple[str, str], tuple[Decimal, ...]] = {}
_SKELETONS_KEPT = 4096  # a few MB per process; emptied when full
# whitespace that str.split drops and the reading loop does not take as a separator (odd line
# breaks are declined before): a report printing any is read by the loop
_OTHER_SPACES = "\x1f\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"


def _skeleton(template: str, region: str, gaps: list[str]) -> tuple[str, str] | None:
    """The template and the text between the values without whitespace (\\0 where a value was).
    Everything the reading loop decides from the labels, it decides from this: label matching
    drops whitespace first, and a gap of separators only is one of pipes only here. Whether a
    table-2 label is followed by an empty cell and whether the values are plain are checked per
    report (`_read_known`)."""
    if any(c in region for c in _OTHER_SPACES):
        return None
    return template, "".join("\0".join(gaps).split())


def _read_scanned(region: str, template: str, scanned: tuple, factors: tuple[Decimal, ...]) -> FastTables | None:
    """`_read_region` for a text region with every table printed and a known skeleton (or label
    stream), from the scan in C (`_textscan.c`: the values, the skeleton and the values' places in
    one pass); None where the known reading declines (the reading loop then judges)."""
    _, values, starts, wheres, _ = scanned

    def gap(k: int) -> str:  # the text before the k-th value
        return region[starts[k - 1] + len(values[k - 1]) if k else 0:starts[k]]

    found = _read_known(template, factors, gap, values)
    if found is None:
        return None
    tables, rules_hold = found
    return FastTables(template, tables, _printed_cells(template, [], (), (), wheres, values), rules_hold)


# A report's labels as one stream: its skeleton without the value marks. PDF text breaks a long
# label where its line ends, some of it before the row's values and the rest after, and reports
# break them in different places: their skeletons differ, their label streams do not. For a stream
# read before with no label broken (`_keep_stream`): (template, the stream, the number of values of
# each row) -> where in the stream each row's values may stand, the lowest and the highest place,
# and the money factors. A report whose every row's values stand within its own label's text is read
# as that one was (`_stream_factors`), where the reading loop would read it alike.
_STREAMS: dict[tuple[str, str, tuple[int, ...]], tuple[tuple[int, ...], tuple[int, ...], tuple[Decimal, ...]]] = {}
_MARKS = re.compile("\0+")  # a row's values in a skeleton: the text between them is whitespace
Stream = tuple[str, tuple[int, ...], list[int]]  # the stream, the values of each run, where each run stands


def _stream(skeleton: str) -> Stream | None:
    """The skeleton's label stream, the number of values of each run, and where in the stream each
    run stands; None for a skeleton with pipes (Markdown), whose cells are not told by whitespace."""
    if "|" in skeleton:
        return None
    runs = [(m.start(), m.end()) for m in _MARKS.finditer(skeleton)]
    lengths = tuple(map(sub, map(itemgetter(1), runs), map(itemgetter(0), runs)))
    return skeleton.replace("\0", ""), lengths, list(map(sub, map(itemgetter(0), runs), accumulate(lengths, initial=0)))


def _stream_factors(template: str, stream: Stream | None) -> tuple[Decimal, ...] | None:
    """The money factors of a report whose label stream was read before, where each row's values
    stand within its own label's text (not after its last character; after some of its words where
    they stand before its end: `_label_start`). `stream`: the report's (`_stream`)."""
    if stream is None:
        return None
    text, lengths, at = stream
    known = _STREAMS.get((template, text, lengths))
    if known is None:
        return None
    lowest, highest, factors = known
    if not (all(map(le, lowest, at)) and all(map(le, at, highest))):
        return None
    # the rows whose labels break over their values
    broken = compress(range(len(at)), map(lt, at, highest))
    return factors if all(_label_start(text[lowest[row] - 1:at[row]]) for row in broken) else None


def _label_start(printed: str) -> bool:
    """Whether the start of a label printed before its row's values is one the reading loop reads
    as such: some of its words, not its number only, and not ending inside a number ("（" /
    "二）…", which the loop reads otherwise)."""
    head = normalize_label(printed)
    return bool(head.strip(_NUMBER_CHARS)) and not (
        head[-1] in _OPEN_NUMBER_ENDS and _OPEN_NUMBER.search(head, len(head) - 4))


def _keep_stream(template: str, stream: Stream | None, factors: tuple[Decimal, ...]) -> None:
    """Keep the label stream (`_stream`) of a report the reading loop read with every row printed
    and no label broken (each row's whole label the text before its values, read whole), where it
    has one run of values to a row."""
    if stream is None:
        return
    text, lengths, at = stream
    plan = steps(template)
    if len(at) != len(plan):
        return
    ends = [0, *at]
    # a row's values may stand after the start of its text, a table's first row's only after the
    # start of its own label, not among the headings before it
    lowest = [ends[k] + 1 if not step.opens_table else _own_label_start(text[ends[k]:ends[k + 1]], step, ends[k + 1])
              for k, step in enumerate(plan)]
    _STREAMS[(template, text, lengths)] = (tuple(lowest), tuple(at), factors)


def _own_label_start(piece: str, step: Step, end: int) -> int:
    """Where, in a stream whose `piece` ends at `end`, the second character of the row's own label
    printed at its end is (or `end` where it prints none or it cannot be told)."""
    label = normalize_label(piece)
    own = max((o for o in step.labels if o and label.endswith(o)), key=len, default="")
    if own:
        for chars in range(len(own), min(len(own) + 8, len(piece)) + 1):
            if _normalize_compact(piece[-chars:]) == own:
                return end - chars + 1
    return end


def _read_known(template: str, factors: tuple[Decimal, ...], gap: Callable[[int], str],
                values: list[str]) -> tuple[dict[str, dict[str, dict[str, int | float]]], bool] | None:
    """The tables of a report whose skeleton the reading loop has read before (with no blank row),
    and whether rules 1–4 hold; None where the loop must judge (it will decline). `gap(k)`: the
    text before the k-th value."""
    layout = _row_layout(template)
    for at in layout.active_starts:  # an empty cell between a table-2 label and its values
        gap_text = gap(at)
        if _EMPTY_CELL.search(gap_text, len(gap_text.rstrip(_SEPARATORS))):
            return None
    row = _plain_counts(values)
    for converted in _converted_rows(factors, layout):
        # a money header in another unit: every value of the row is converted
        row[converted] = [None] * (converted.stop - converted.start)
    if None in row:  # the values that are not plain counts (money, signed changes)
        cols, step_of = layout.cols, layout.steps
        at = -1
        for _ in range(row.count(None)):
            at = row.index(None, at + 1)
            value = _value(values[at], cols[at], factors[step_of[at]])
            if value is None:
                return None
            row[at] = value
    # each table's rows, each row's cells by its columns: built in C, in one call or row after row
    if _scan is not None:
        tables = _scan.nest(row, layout.tables)
    else:
        tables = {table: dict(zip(names, map(dict, map(zip, colss, map(row.__getitem__, slices))), strict=True))
                  for table, names, colss, slices in layout.tables}
    return tables, _rules_hold(template)(row[layout.first_application:])


def _converted_rows(factors: tuple[Decimal, ...], layout: RowLayout) -> list[slice]:
    """The rows whose values a money header in another unit converts (most reports: none)."""
    if factors.count(_ONE) == len(factors):
        return []
    return [layout.slices[k] for k, factor in enumerate(factors) if factor is not _ONE]


class RowLayout(NamedTuple):
    """Where each of the template's rows sits in the printed values of a report with every row printed."""

    slices: tuple[slice, ...]  # per step: its values
    active_starts: tuple[int, ...]  # the first value of each table-2 row
    cols: tuple[str, ...]  # per value: its column ("" in table 4)
    steps: tuple[int, ...]  # per value: its step
    first_application: int  # the first value of table 3
    # per table: its rows' names, each row's columns, and each row's values (table 4: its groups)
    tables: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...], tuple[slice, ...]], ...]


@cache
def _row_layout(template: str) -> RowLayout:
    rows, slices, active, cols, step_of = [], [], [], [], []
    at, first_application = 0, -1
    for k, step in enumerate(steps(template)):
        width = len(step.cols) or len(_REVIEW_CELLS)
        rows.append((step.table, step.row, step.cols))
        slices.append(slice(at, at + width))
        if step.table == "active":
            active.append(at)
        elif first_application < 0:
            first_application = at
        cols += step.cols or [""] * width
        step_of += [k] * width
        at += width
    tables = []
    for table in spec.TABLES:
        at = [k for k, r in enumerate(rows) if r[0] == table]
        if table == "review_litigation":  # one printed row: its groups, group by group (_REVIEW_CELLS)
            start, width, groups = slices[at[0]].start, len(spec.REVIEW_OUTCOMES), len(spec.REVIEW_GROUPS)
            tables.append((table, spec.REVIEW_GROUPS, (spec.REVIEW_OUTCOMES,) * groups,
                           tuple(slice(start + g * width, start + (g + 1) * width) for g in range(groups))))
        else:
            tables.append((table, tuple(rows[k][1] for k in at), tuple(rows[k][2] for k in at),
                           tuple(slices[k] for k in at)))
    return RowLayout(tuple(slices), tuple(active), tuple(cols), tuple(step_of), first_application, tuple(tables))


_VALUE_START = re.compile(r"[+\-＋－0-9０-９—/／无]")  # what a value begins with (`_VALUE`)
# `_EMPTY_CELL` taken apart for `_mark_empty_cells`: an empty cell between two separators on a line;
# a line of empty cells only, as its last alternative finds one; the place before such a line of one
# cell (no more than one tab), where the cell's mark goes
_EMPTY_CELL_IN_LINE = re.compile(r"\t[ \u3000\xa0]*\t|\|[ \u3000\xa0]*\|")
_BLANK_LINE = re.compile(r"[ \xa0]*[\t\u3000][ \t\u3000\xa0]*")
_EMPTY_LINE = re.compile(r"(?<=\n)(?=[ \xa0]*(?:\t[ \u3000\xa0]*|\u3000[ \u3000\xa0]*(?:\t[ \u3000\xa0]*)?)\n)")


def _mark_empty_cells(region: str, template: str) -> str:
    """The region with each empty cell the general reader reads as a zero marked as a value
    (EMPTY_CELL, as an HTML page's empty cells are): one printed after a cell and before a value
    on its line, a one-cell-per-line table's empty line, and the first cells of a row printed as
    its label and empty cells only (`_mark_blank_row`). Other empty cells at a line's ends are left
    unmarked (padding or a spanned label column to the general reader, which tells them apart by
    the row's width); a row that needs one is declined as before. Only the lines holding an empty
    cell are looked at."""
    # a line of one empty cell (one cell per line), and table 4's row of empty cells only, in one
    # substitution each: a report whose zeros are empty cells prints hundreds
    region = _EMPTY_LINE.sub(EMPTY_CELL, region)
    if _EMPTY_REVIEW_ROW in region:
        region = _EMPTY_REVIEW_LINE.sub(_mark_line(_EMPTY_REVIEW_ROW, template), region)
    out: list[str] = []
    done = 0  # the end of the last line marked
    skip = 0  # the end of a line whose other empty cells need no look
    for m in _EMPTY_CELL_IN_LINE.finditer(region):
        if m.start() < skip:
            continue
        at = m.start()
        start = region.rfind("\n", 0, at) + 1
        if start < done:
            continue  # a line already marked
        end = region.find("\n", at)
        end = len(region) if end < 0 else end
        if start and end < len(region) and _BLANK_LINE.fullmatch(region, start, end):
            skip = end  # another line of empty cells only (`_mark_line` leaves it): the general reader's
            continue
        if _VALUE_START.search(region, m.end(), end) is None:
            # no value after it on the line: a row's label and its empty cells, or a header,
            # or a row's values and then its empty cells
            skip = end
            blank_row = _mark_blank_row(region[start:end], template)
            if blank_row is not None:
                out += (region[done:start], blank_row)
                done = end
            if blank_row is not None or _VALUE_START.search(region, start, m.start()) is None:
                continue
        elif not region[start:m.start()].strip(_SEPARATORS):
            continue  # at the line's start: a label column's padding (a later one may be marked)
        out += (region[done:start], _mark_line(region[start:end], template))
        done = end
    out.append(region[done:])
    return "".join(out)


@short_text_cache(maxsize=65536, longest=_LABEL_CHARS)  # the same rows recur in report after report
def _mark_line(line: str, template: str) -> str:
    if not line.strip():
        if line == _EMPTY_REVIEW_ROW:  # table 4's one row, every cell empty: zeros
            return "\t".join(repeat(EMPTY_CELL, len(_REVIEW_CELLS)))
        # one cell per line, this one empty; another tab row of empty cells is left to the general reader
        return EMPTY_CELL + line if line.count("\t") <= 1 else line
    if ("\t" in line) == ("|" in line):
        return line  # both separators, or a pipe inside a tab row: left to the general reader
    sep = "\t" if "\t" in line else "|"
    cells = line.split(sep)
    printed = [k for k, c in enumerate(cells) if c.strip()]
    values = [k for k in printed if _VALUE.fullmatch(cells[k].strip())]
    if not values or printed[-1] != values[-1] or values != printed[printed.index(values[0]):]:
        return line  # no value, or label text after one: left to the general reader
    label = printed[printed.index(values[0]) - 1] if values[0] != printed[0] else values[0]
    row = range(label + 1, values[-1])
    empty = [k for k in row if not cells[k].strip()]
    first, end = _cell_span(line, cells, sep)
    if len(row) + 1 > _WIDEST_ACTIVE_ROW:
        # too wide for a table-2 row: empty cells before the first value pad a label printed over
        # several columns; only those between values are zeros
        empty = [k for k in empty if k > values[0]]
        width, table = _label_widths(template).get(normalize_label(cells[label]), (0, ""))
        if table == "applications" and label != values[0]:
            # a table-3 row, as the general reader reads it: its cells after the label, less
            # empty ones at either end while there are more than the row has
            own = list(range(label + 1, end))
            while len(own) > width and not cells[own[0]].strip():
                own.pop(0)
            while len(own) > width and not cells[own[-1]].strip():
                own.pop()
            if len(own) == width:
                empty = [k for k in own if not cells[k].strip()]
    elif label != values[0]:
        width, table = _label_widths(template).get(normalize_label(cells[label]), (0, ""))
        if table == "active" and values[-1] <= label + width <= end - 1:
            # a table-2 row's values, then empty cells: the general reader reads the row under
            # its header's columns, the first after the label (`_mark_blank_row`)
            empty = [k for k in range(label + 1, label + width + 1) if not cells[k].strip()]
    if printed == values and end - first == len(_REVIEW_CELLS):
        # table 4's one row, printed without a label: the empty cells at its ends are zeros too
        # (`ingest.document.split_line` keeps them)
        empty = [k for k in range(first, end) if not cells[k].strip()]
    return sep.join(_marked(cells, empty))


def _cell_span(line: str, cells: list[str], sep: str) -> tuple[int, int]:
    """The first and past-the-last of a line's cells (split at `sep`): a Markdown row's are
    between its outer pipes."""
    if sep != "|":
        return 0, len(cells)
    return (1 if line.lstrip().startswith("|") else 0), (len(cells) - 1 if line.rstrip().endswith("|") else len(cells))


def _marked(cells: list[str], empty: Iterable[int]) -> list[str]:
    """The cells with those at `empty` marked, where the general reader places an empty cell: after its padding."""
    for k in empty:
        pad = len(cells[k]) - len(cells[k].lstrip(" \u3000"))
        cells[k] = cells[k][:pad] + EMPTY_CELL + cells[k][pad:]
    return cells


@short_text_cache(maxsize=65536, longest=_LABEL_CHARS)  # the same rows recur in report after report
def _mark_blank_row(line: str, template: str) -> str | None:
    """A line printing a row's label and then only empty cells, at least as many as the row has
    (and three), with as many of them marked as the row has cells: the general reader reads those
    as zeros and the others as padding. None for any other line (headers end in empty cells too)."""
    if ("\t" in line) == ("|" in line):
        return None
    sep = "\t" if "\t" in line else "|"
    cells = line.split(sep)
    first, cells_end = _cell_span(line, cells, sep)
    printed = [k for k in range(first, cells_end) if cells[k].strip()]
    if not printed:
        # table 4's one row (it has no label), every cell empty
        width = len(_REVIEW_CELLS)
        if cells_end - first != width:
            return None
    else:
        label = printed[-1]
        width, table = _label_widths(template).get(normalize_label(cells[label]), (0, ""))
        if not width or cells_end - label - 1 < max(width, _BLANK_ROW_CELLS):
            return None
        # which of them: the general reader reads a table-2 row under its header's columns, the
        # first after the label; a table-3 row as its last cells (those before pad a label spanning columns)
        first = label + 1 if table == "active" else cells_end - width
    return sep.join(_marked(cells, range(first, first + width)))


@cache
def _label_widths(template: str) -> dict[str, tuple[int, str]]:
    """A row's own label as printed in its cell (normalized) -> the number of its cells and its
    table, for the labels of tables 2 and 3 that name one row only."""
    widths: dict[str, tuple[int, str]] = {}
    seen: set[str] = set()
    for step in steps(template)[:-1]:  # table 4's one row has no label of its own
        for label in step.labels:
            if label in seen:
                widths.pop(label, None)
            else:
                widths[label] = (len(step.cols), step.table)
            seen.add(label)
    return widths


_BLANK_ROW_CELLS = 3  # fewer empty cells after a label are no row to the general reader (`tables._blank_row`)
_EMPTY_REVIEW_ROW = "\t" * (len(_REVIEW_CELLS) - 1)
_EMPTY_REVIEW_LINE = re.compile(f"(?<=\n){_EMPTY_REVIEW_ROW}(?=\n)")
_WIDEST_ACTIVE_ROW = max(len(cols) for items in spec.ACTIVE_ITEMS.values() for cols in items.values())


def _odd_breaks(text: str) -> bool:
    # one substring search per character is a C scan; the regex tests a character class at
    # every position of the text (ten times slower)
    return any(c in text for c in _ODD_BREAK_CHARS) or ("\r" in text and _ODD_BREAKS.search(text) is not None)


def _blank_rows(blank: list[Step]) -> tuple[str, ...]:
    """"table/row" of the rows printed with their label only; table 4's one row, by its groups."""
    out: list[str] = []
    for b in blank:
        if b.table == "review_litigation":
            out += [f"review_litigation/{g}" for g in spec.REVIEW_GROUPS]
        else:
            out.append(f"{b.table}/{b.row}")
    return tuple(out)


def _after_blank_row(label: str, step: Step) -> str | None:
    """What follows the row's own filler and label at the start of `label` (where the next row's
    label follows with no cells between), or None. The review table's one row has no label."""
    fulls = sorted((f + own for f in step.fillers for own in step.labels), key=len, reverse=True)
    for full in fulls:
        # the first row of a table: free text (a heading) may come before its header
        at = label.find(full) if step.opens_table else (0 if label.startswith(full) else -1)
        if at >= 0 and len(label) > at + len(full):
            return label[at + len(full):]
    return None


def _printed_alone(gap: str, step: Step) -> bool:
    """The row's own label ends a line of the text between two values with no empty cell on
    that line (tab-separated labels before it, a group's, are printed cells)."""
    for line in gap.split("\n")[1:-1]:
        cells = line.lstrip().split("\t")  # empty cells before the first are indentation
        if "|" not in line and all(map(str.strip, cells)) and normalize_label(cells[-1]) in step.labels:
            return True
    return False


_PAGE_NUMBER = re.compile(r"[0-9]{1,3}")


def _alone_on_line(gap_before: str, value: str, gap_after: str) -> bool:
    """A bare number on a line of its own, as a PDF prints a page number."""
    before, after = gap_before.rpartition("\n"), gap_after.partition("\n")
    return (_PAGE_NUMBER.fullmatch(value) is not None and bool(before[1]) and bool(after[1])
            and not before[2].strip(" ") and not after[0].strip(" "))


def _page_number_after_row(label_gap: str, row_gaps: list[str], gap_before: str, value: str,
                           gap_after: str) -> bool:
    """A page number after a row printed on one line with its label, before the next row's label."""
    return ("\n" not in "".join(row_gaps) and _alone_on_line(gap_before, value, gap_after)
            and bool(label_gap.rpartition("\n")[2].strip(_SEPARATORS))
            and bool(gap_after.partition("\n")[2].strip(_SEPARATORS)))


def _page_number_after_tail(label_gap: str, row_gaps: list[str], gap_before: str, value: str,
                            gap_after: str) -> bool:
    """A page number after a row printed on one line with the start of its label, and text on
    lines of its own after it (the rest of the label: `_rest_of_label`), before the next row's label."""
    return ("\n" not in "".join(row_gaps) and _alone_on_line(gap_before, value, gap_after)
            and bool(label_gap.rpartition("\n")[2].strip(_SEPARATORS))
            and not gap_before.partition("\n")[0].strip(_SEPARATORS)
            and bool(gap_after.partition("\n")[2].strip(_SEPARATORS)))


def _rest_of_label(text: str, tail: str, own_label: str, step: Step, factor: Decimal) -> bool:
    """`text` is all that is left of the row's label broken over its values: the rest its match
    expects (`tail`), or another reading's with the same factor (`_broken_matches`)."""
    return text == tail or any(f == factor and rest == text for f, rest in _broken_matches(own_label, step))


def _page_number_in_label(gap_before: str, value: str, gap_after: str) -> bool:
    """A page number between label lines (the row must then be printed on one line: `_printed_on_one_line`)."""
    return _alone_on_line(gap_before, value, gap_after) and bool(gap_after.strip(_SEPARATORS))


def _page_number_before_row(gaps: list[str], value: str) -> bool:
    """A page number on its own line, then the row's values on the next line, and label text
    after them (`gaps`: the text before the number, before each of the row's values, and after them)."""
    return (_alone_on_line(gaps[0], value, gaps[1]) and not gaps[1].strip(_SEPARATORS)
            and "\n" not in "".join(gaps[2:-1]) and bool(gaps[-1].strip(_SEPARATORS)))


def _printed_on_one_line(row_gaps: list[str]) -> bool:
    """A row's values on one line; a row of one value, on its label's line (`row_gaps`: the text
    before each of its values)."""
    if len(row_gaps) == 1:
        return bool(row_gaps[0].rpartition("\n")[2].strip(_SEPARATORS))
    return "\n" not in "".join(row_gaps[1:])


def _page_number_issue(step: Step, value: str, where: str, kind: str) -> tuple[str, str, str, str]:
    """The general reader's warning for a number after a row that fits no cell: printed right
    after the row's values ("after_row": `tables.read_active`, `tables.rows_for_table`), or after
    the rest of its label, a row of its own to the general reader ("own_row": `tables.read_applications`)."""
    if kind == "own_row":
        message = f"numbers {[value]} inside table 3 fit no row and were ignored"
    elif step.table == "active":
        message = f"the number {value!r} after the row of {step.row!r} could not be placed and was ignored"
    else:
        message = f"the number {value!r} between table rows could not be placed and was ignored"
    return ("stray_value", "warning", where, message)


def _stray_digits(text: str) -> bool:
    """Digits in label text other than row numbering (1. 2、 3属于…), or a number in financial numerals."""
    compact = unicodedata.normalize("NFKC", "".join(text.split()))
    return bool(_DIGIT.search(_ROW_NUMBER.sub("", compact)))


def _printed_keys(template: str, blank: list[Step], missing: tuple[str, ...] = ()) -> tuple[str, ...]:
    """"table/row/col" of every printed value, in order: the template's cells but blank rows'
    and missing tables'."""
    if not blank and not missing:
        return _cell_keys(template)
    skip = {f"{b.table}/{b.row}/" for b in blank if b.row}
    tables = {*missing, *(b.table for b in blank if b.table == "review_litigation")}  # no cell of theirs printed
    return tuple(k for k in _cell_keys(template)
                 if k[: k.rindex("/") + 1] not in skip and k[: k.index("/")] not in tables)


def _places(line: int, region: str, parts: list[str], places: Places | None, marked: bool = False) -> list[str]:
    """Where each value was printed: "line N col C" in a text (`line`: the number of the region's
    first line), or the HTML table, row and grid column. Built with C-level maps: a report has
    ~300 values, and this runs for every one (`_textscan.c` writes a text's in C)."""
    n = len(parts) // 2
    gaps = parts[0:2 * n:2]
    starts = list(accumulate(map(len, parts[:2 * n])))[0::2]  # offset of each value in the region
    rows = list(accumulate(map(str.count, gaps, repeat("\n"))))  # each value's line, the region's first 0
    # the newline before each line of the region (-1 before the first), and before each value
    newlines = list(accumulate(map(add, map(len, region.split("\n")), repeat(1)), initial=-1))
    line_ends = list(map(newlines.__getitem__, rows))
    if places is None:
        cols = map(sub, starts, line_ends)
        if marked:  # a column as printed: less the empty-cell marks before it on its line
            cols = map(sub, cols, map(region.count, repeat(EMPTY_CELL), map(add, line_ends, repeat(1)), starts))
        return _line_col_places(list(map(add, repeat(line), rows)), list(cols))
    cells = map(region.count, repeat("\t"), map(add, line_ends, repeat(1)), starts)
    return [f"table {t} row {r} col {cols[c]}"
            for (t, r, cols), c in zip(map(places.__getitem__, map(add, rows, repeat(line - 1))), cells, strict=True)]


def _printed_cells(template: str, blank: list[Step], missing: tuple[str, ...], dropped: tuple[int, ...],
                   wheres: list[str], values: list[str]) -> PrintedCells | dict[str, Cell]:
    """"table/row/col" -> (where, the printed value), for every value read (`wheres`: where each
    value was printed; `dropped`: values read as no cell, page numbers). A report with every row
    printed keeps them as columns (`PrintedCells`), which staging takes whole."""
    keys = _printed_keys(template, blank, missing)
    raws = list(map(_RAW_TEXT.get, values, values))  # an empty HTML cell printed nothing
    if dropped:
        wheres = [w for k, w in enumerate(wheres) if k not in dropped]
        raws = [r for k, r in enumerate(raws) if k not in dropped]
    elif not blank and not missing:
        return PrintedCells(keys, wheres, raws, _fact_layout(template))
    return cell_dict(keys, zip(wheres, raws, strict=True))


# "line N col " and "N" for the numbers most places use, made once: joining two strings from
# tables costs half what formatting two numbers does, and a report has ~300 places
_PLACE_TABLE_SIZE = 4096
_LINE_PREFIXES = tuple(f"line {n} col " for n in range(_PLACE_TABLE_SIZE))
_NUMERALS = tuple(map(str, range(_PLACE_TABLE_SIZE)))


def _line_col_places(lines: list[int], cols: list[int]) -> list[str]:
    """"line N col C" for each value, from its line and column."""
    if not lines:
        return []
    if max(lines) < _PLACE_TABLE_SIZE and max(cols) < _PLACE_TABLE_SIZE:
        return list(map(add, map(_LINE_PREFIXES.__getitem__, lines), map(_NUMERALS.__getitem__, cols)))
    # one %-format over all values, split apart: a format call per value costs twice as much
    pairs = [0] * (2 * len(lines))
    pairs[0::2], pairs[1::2] = lines, cols
    return ("line %d col %d\0" * len(lines) % tuple(pairs)).split("\0")[:len(lines)]


@cache
def _fact_layout(template: str) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], slice], ...]:
    """Per table, in printed order: the row and column of each of its values, and its slice of
    the printed values (`PrintedCells.tables`)."""
    keys = [k.split("/") for k in _cell_keys(template)]
    out = []
    for table in spec.TABLES:
        at = [i for i, k in enumerate(keys) if k[0] == table]
        out.append((table, tuple(keys[i][1] for i in at), tuple(keys[i][2] for i in at), slice(at[0], at[-1] + 1)))
    return tuple(out)


@cache
def _cell_keys(template: str) -> tuple[str, ...]:
    """"table/row/col" of every value in printed order."""
    keys = []
    for step in steps(template):
        if step.table == "review_litigation":
            keys += [f"review_litigation/{g}/{o}" for g, o in _REVIEW_CELLS]
        else:
            keys += [f"{step.table}/{step.row}/{c}" for c in step.cols]
    return tuple(keys)


@cache
def _rules_hold(template: str) -> Callable[[list[int | float]], bool]:
    """Rules 1–4 compiled to one expression over the flat list of table-3 and table-4 values:
    checked for every report, so it is worth not interpreting the rule data each time."""
    terms = [f"{'+'.join(f'v[{i}]' for i in left)} == {'+'.join(f'v[{i}]' for i in right)}"
             for left, right in _rule_indexes(template)]
    return eval(f"lambda v: {' and '.join(terms)}")  # the expression is built from the spec's rule data only


def _decline(reason: str) -> None:
    log.debug("general reader: %s", reason)
    return None


def _value(raw: str, col: str, factor: Decimal) -> int | float | None:
    """A printed value in the spec's unit, or None where only the general reader may judge."""
    if raw in _ZERO_MARKS:
        return 0
    if raw[-1] == "元":  # the unit printed with the number wins over the column header's
        if col not in spec.MONEY_METRICS:
            return None
        unit = "万元" if raw.endswith("万元") else "元"
        raw, factor = raw[: -len(unit)], _UNIT_FACTOR[spec.MONEY_METRICS[col]][unit]
    if raw[0] in "+-＋－":
        if col not in spec.SIGNED_METRICS:
            return None
        body = raw[1:]
    else:
        body = raw
    body = body.replace("．", ".")
    if "," in body:
        if not _THOUSANDS.fullmatch(body):
            return None
        body = body.replace(",", "")
    if col in spec.MONEY_METRICS:
        value = Decimal(body) * factor
        plain: int | float = int(value) if value == value.to_integral_value() else float(value)
    elif not body.isdigit():
        return None  # a decimal count
    else:
        plain = int(body)
    return -plain if raw[0] in "-－" else plain
