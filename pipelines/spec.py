"""The report format as data: the templates in `pipelines/templates/*.toml`, loaded once.

Every layer — parser, generator, warehouse, checks, exports — takes the tables, codes, labels,
numbering, markers and cross-sum rules from here, and this module takes them from the template
files, so a change to the format (or a new template) is a change to data. The canonical codes are
those of shared/spec/report-format.md.

More template files are read from the folders named in `XXGK_TEMPLATE_DIRS` (separated by
`os.pathsep`), so a new template can be tried without touching the package.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

TEMPLATE_DIR = Path(__file__).with_name("templates")
TABLES = ("active", "applications", "review_litigation")
_CN_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Template:
    """One template file, as loaded (the raw TOML is kept in `data` for the renderers)."""

    name: str
    description: str
    first_year: int
    markers: tuple[str, ...]
    mixtures: tuple[tuple[str, str], ...]  # (table, template whose form of that table may be printed)
    numbering: tuple[str, ...]
    data: Mapping[str, Any] = field(repr=False, compare=False, hash=False)
    path: str = ""

    @property
    def active(self) -> Mapping[str, Any]:
        return self.data["active"]

    @property
    def applications(self) -> Mapping[str, Any]:
        return self.data["applications"]

    @property
    def review_litigation(self) -> Mapping[str, Any]:
        return self.data["review_litigation"]

    @property
    def sections(self) -> tuple[Mapping[str, Any], ...]:
        return tuple(self.data.get("sections", ()))


def _template_files() -> list[Path]:
    dirs = [TEMPLATE_DIR, *(Path(d) for d in os.environ.get("XXGK_TEMPLATE_DIRS", "").split(os.pathsep) if d)]
    return [p for d in dirs for p in sorted(d.glob("*.toml"))]


def _load(path: Path) -> Template:
    with path.open("rb") as f:
        data = tomllib.load(f)
    try:
        return Template(
            name=data["name"], description=data.get("description", ""), first_year=int(data["first_year"]),
            markers=tuple(data.get("markers", ())),
            mixtures=tuple((m["table"], m["template"]) for m in data.get("mixtures", ())),
            numbering=tuple(data["numbering"]), data=data, path=str(path),
        )
    except KeyError as exc:
        raise ValueError(f"{path}: template file lacks {exc}") from None


def _load_all() -> dict[str, Template]:
    loaded: dict[str, Template] = {}
    for path in _template_files():
        template = _load(path)
        if template.name in loaded:
            raise ValueError(f"{path}: template {template.name!r} is already defined in {loaded[template.name].path}")
        loaded[template.name] = template
    by_year = sorted(loaded.values(), key=lambda t: (t.first_year, t.name))
    return {t.name: t for t in by_year}


TEMPLATE_DATA: dict[str, Template] = _load_all()
TEMPLATES: tuple[str, ...] = tuple(TEMPLATE_DATA)  # oldest first
_NEWEST_FIRST = tuple(reversed(TEMPLATES))


def _union(per_template: Iterable[Iterable[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for xs in per_template for x in xs))


def _merged_labels(pick) -> dict[str, tuple[str, ...]]:
    """code -> labels over every template, the newest template's first; `pick(template)` gives
    (code, labels) pairs."""
    merged: dict[str, list[str]] = {}
    for name in _NEWEST_FIRST:
        for code, labels in pick(TEMPLATE_DATA[name]):
            merged.setdefault(code, []).extend(labels)
    return {code: _union([labels]) for code, labels in merged.items()}


# ---------------------------------------------------------------------------------------------
# Table 2 — proactive disclosure. item -> metrics, per template, in printed order.
ACTIVE_ITEMS: dict[str, dict[str, tuple[str, ...]]] = {
    name: {item: tuple(d["metrics"]) for item, d in t.active["items"].items()} for name, t in TEMPLATE_DATA.items()
}
# sub-tables of table 2: (clause number of Article 20, its items), per template
ACTIVE_GROUPS: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = {
    name: tuple((int(g["clause"]), tuple(g["items"])) for g in t.active["groups"]) for name, t in TEMPLATE_DATA.items()
}
_METRICS: dict[str, Mapping[str, Any]] = {
    code: d for name in _NEWEST_FIRST for code, d in TEMPLATE_DATA[name].active["metrics"].items()
}
# Metrics that hold money (decimals) and the unit the spec stores them in.
MONEY_METRICS: dict[str, str] = {code: d["unit"] for code, d in _METRICS.items() if d.get("unit")}
# Metrics that may be negative.
SIGNED_METRICS = frozenset(code for code, d in _METRICS.items() if d.get("signed"))

# ---------------------------------------------------------------------------------------------
# Table 3 — applications.
def _same_everywhere(values: dict[str, tuple[str, ...]], what: str) -> tuple[str, ...]:
    distinct = set(values.values())
    if len(distinct) != 1:
        raise ValueError(f"the templates disagree on {what}: {values}")
    return distinct.pop()


APPLICANTS: tuple[str, ...] = _same_everywhere(
    {n: tuple(c["code"] for c in t.applications["columns"]) for n, t in TEMPLATE_DATA.items()}, "table 3's columns")
APPLICANT_PARTS: tuple[str, ...] = tuple(
    c["code"] for c in TEMPLATE_DATA[TEMPLATES[0]].applications["columns"] if not c.get("total"))
APPLICATION_ROWS: dict[str, tuple[str, ...]] = {
    n: tuple(r["code"] for r in t.applications["rows"] if "code" in r) for n, t in TEMPLATE_DATA.items()
}
def _sub_row_numbers(rows: list[dict]) -> dict[str, int]:
    """Table 3's sub-rows (depth 2: 1. 属于国家秘密 …) by the number each prints within its group."""
    numbers: dict[str, int] = {}
    k = 0
    for r in rows:
        k = k + 1 if "code" in r and r.get("depth") == 2 else 0
        if k:
            numbers[r["code"]] = k
    return numbers


# table 3's numbered sub-rows, per template: code -> its number in its group (1 … 8)
APPLICATION_SUB_ROW_NUMBERS: dict[str, dict[str, int]] = {
    n: _sub_row_numbers(t.applications["rows"]) for n, t in TEMPLATE_DATA.items()
}

OUTCOMES: dict[str, tuple[str, ...]] = {
    n: tuple(r["code"] for r in t.applications["rows"] if r.get("outcome")) for n, t in TEMPLATE_DATA.items()
}

# ---------------------------------------------------------------------------------------------
# Table 4 — review and litigation: groups x outcomes, printed as one row.
REVIEW_GROUPS: tuple[str, ...] = _same_everywhere(
    {n: tuple(g["code"] for g in t.review_litigation["groups"]) for n, t in TEMPLATE_DATA.items()}, "table 4's groups")
REVIEW_OUTCOMES: tuple[str, ...] = _same_everywhere(
    {n: tuple(o["code"] for o in t.review_litigation["outcomes"]) for n, t in TEMPLATE_DATA.items()},
    "table 4's outcomes")
# the outcome most of table 4's cases end in, where a template says (`most_common_outcome`)
REVIEW_MOST_COMMON: str | None = next(
    (t.review_litigation["most_common_outcome"] for t in TEMPLATE_DATA.values()
     if "most_common_outcome" in t.review_litigation), None)
REVIEW_PARTS: tuple[str, ...] = tuple(
    o["code"] for o in TEMPLATE_DATA[TEMPLATES[0]].review_litigation["outcomes"] if not o.get("total"))

# ---------------------------------------------------------------------------------------------
# The cross-sum rules.


@dataclass(frozen=True)
class SumRule:
    """`left` cells added up equal `right` cells added up, within one table.

    Cells are (row, column) pairs of the table; `name` says what the rule was repeated over.
    """

    rule: str  # "rule1" … "rule4", as numbered in the spec
    table: str
    name: str
    left: tuple[tuple[str, str], ...]
    right: tuple[tuple[str, str], ...]


def _table_axes(template: str, table: str) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, tuple[str, ...]]]:
    """(rows, columns, the `@` sets) of a table in a template's form."""
    if table == "applications":
        return APPLICATION_ROWS[template], APPLICANTS, {"@outcomes": OUTCOMES[template], "@parts": APPLICANT_PARTS}
    if table == "review_litigation":
        return REVIEW_GROUPS, REVIEW_OUTCOMES, {"@parts": REVIEW_PARTS}
    raise ValueError(f"no sum rule is defined over table {table!r}")


def _expand(codes: Iterable[str], sets: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(c for code in codes for c in (sets[code] if code.startswith("@") else (code,)))


@cache
def sum_rules(template: str, forms: tuple[tuple[str, str], ...] = ()) -> tuple[SumRule, ...]:
    """The template's sum rules, expanded to one equation per column, row or group. `forms`
    names, for a report mixing templates, the template whose form of a table was printed."""
    form_of = dict(forms)
    rules: list[SumRule] = []
    for rule in TEMPLATE_DATA[template].data["rules"]:
        if "over" not in rule:
            continue
        table = rule["table"]
        rows, cols, sets = _table_axes(form_of.get(table, template), table)
        left, right = _expand(rule["left"], sets), _expand(rule["right"], sets)
        if rule["over"] == "columns":
            for col in cols:
                rules.append(SumRule(rule["id"], table, f"{rule['name']}/{col}",
                                     tuple((r, col) for r in left), tuple((r, col) for r in right)))
        else:
            for row in rows:
                rules.append(SumRule(rule["id"], table, f"{rule['name']}/{row}",
                                     tuple((row, c) for c in left), tuple((row, c) for c in right)))
    return tuple(rules)


RULE_TEXT: dict[str, str] = {
    r["id"]: r["text"] for name in _NEWEST_FIRST for r in reversed(TEMPLATE_DATA[name].data["rules"])
}
RULE_TEXT = dict(sorted(RULE_TEXT.items()))
# rule 6: (table, this year's row, last year's row) that must agree across years
CONTINUITY: tuple[str, str, str] = next(
    (c["table"], c["this_year"], c["last_year"]) for name in _NEWEST_FIRST
    for r in TEMPLATE_DATA[name].data["rules"] if (c := r.get("continuity")))

# ---------------------------------------------------------------------------------------------
# Label vocabulary: how each code is printed, over all templates. Matching is done on normalised
# text (NFKC, no whitespace, no numbering); each code lists the phrases that identify it, most
# specific first; the first phrase is the label the newest template prints.

ACTIVE_LABELS = _merged_labels(lambda t: ((c, d["labels"]) for c, d in t.active["items"].items()))
METRIC_LABELS = _merged_labels(lambda t: ((c, d["labels"]) for c, d in t.active["metrics"].items()))
APPLICANT_LABELS = _merged_labels(lambda t: ((c["code"], c["labels"]) for c in t.applications["columns"]))
APPLICATION_LABELS = _merged_labels(
    lambda t: ((r["code"], r["labels"]) for r in t.applications["rows"] if "code" in r))
# headings of table 3's row groups (本年度办理结果, 不予公开 …), by group code
APPLICATION_GROUP_LABELS = _merged_labels(
    lambda t: ((r["group"], r["labels"]) for r in t.applications["rows"] if "group" in r))
REVIEW_GROUP_LABELS = _merged_labels(lambda t: ((g["code"], g["labels"]) for g in t.review_litigation["groups"]))
REVIEW_OUTCOME_LABELS = _merged_labels(
    lambda t: ((o["code"], o["labels"]) for o in t.review_litigation["outcomes"]))
END_ONLY_PHRASES = frozenset(p for t in TEMPLATE_DATA.values() for p in t.data.get("end_only_phrases", ()))

# Words that locate each table by its content.
TABLE_MARKERS: dict[str, tuple[str, ...]] = {
    table: _union(TEMPLATE_DATA[n].data[table]["markers"] for n in _NEWEST_FIRST) for table in TABLES
}
# Labels that tell the templates apart.
TEMPLATE_MARKERS: dict[str, tuple[str, ...]] = {n: t.markers for n, t in TEMPLATE_DATA.items()}
# Tables a template's reports may print in another template's form: template -> {table: forms}
MIXTURES: dict[str, dict[str, tuple[str, ...]]] = {
    n: {table: tuple(f for tb, f in t.mixtures if tb == table) for table, _ in t.mixtures}
    for n, t in TEMPLATE_DATA.items()
}
# The titles of the sections printed after the tables (五、存在的主要问题…): a table ends there.
AFTER_TABLES: tuple[str, ...] = _union(
    s["labels"] for n in _NEWEST_FIRST for s in TEMPLATE_DATA[n].sections if s.get("after_tables"))
SECTION_LABELS: dict[str, tuple[str, ...]] = _merged_labels(
    lambda t: ((s.get("table") or s["number"], s["labels"]) for s in t.sections))
# table 4's header words: its groups' heading (行政复议, 行政诉讼) and its groups and outcomes
REVIEW_HEADER_WORDS: tuple[str, ...] = _union(
    [*TEMPLATE_DATA[n].review_litigation["header"],
     *(g.get("parent", "") for g in TEMPLATE_DATA[n].review_litigation["groups"] if g.get("parent"))]
    for n in _NEWEST_FIRST)



@dataclass(frozen=True)
class ProseCell:
    """How the prose states a table cell's number (the template's `[[prose.cells]]`)."""

    cell: str  # "table/row/column"
    subject: tuple[str, ...]  # words naming its row
    phrases: tuple[str, ...]  # words naming the cell, one of which the number's clause holds
    units: tuple[str, ...]  # printed after the number
    or_plus: tuple[str, ...] = ()  # cells the stated number may count besides its own


@dataclass(frozen=True)
class ProseVocabulary:
    cells: tuple[ProseCell, ...]
    ignore: tuple[str, ...]  # a clause with one of these states a change, not a cell
    yuan_per: Mapping[str, int]  # money units the prose may print


def _prose(t: Template) -> ProseVocabulary:
    data = t.data.get("prose", {})
    cells = tuple(ProseCell(c["cell"], tuple(c["subject"]), tuple(c["phrases"]), tuple(c["units"]),
                            tuple(c.get("or_plus", ()))) for c in data.get("cells", ()))
    return ProseVocabulary(cells, tuple(data.get("ignore", ())), dict(data.get("yuan_per", {})))


# Words a table cut in pieces may print, numbered, in place of table 3's column headers (数据1 … 数据6).
COLUMN_PLACEHOLDERS: tuple[str, ...] = _union(TEMPLATE_DATA[n].applications.get("column_placeholders", ())
                                              for n in _NEWEST_FIRST)
# What the prose of a template's reports says of the tables' cells, per template.
PROSE: dict[str, ProseVocabulary] = {n: _prose(t) for n, t in TEMPLATE_DATA.items()}


def template_by_year(year: int | None) -> str:
    """The template assumed where no label tells: the newest whose first year is not after `year`."""
    if year is None:
        return TEMPLATES[-1]
    fitting = [n for n in TEMPLATES if TEMPLATE_DATA[n].first_year <= year]
    return fitting[-1] if fitting else TEMPLATES[0]


def cn_numeral(n: int) -> str:
    """一 … 十, 十一 … 九十九: the numerals a report numbers its sections and rows with."""
    if not 0 < n < 100:
        raise ValueError(f"no Chinese numbering for {n}")
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _CN_NUMERALS[tens - 1]) + "十" if tens else "") + (
        _CN_NUMERALS[ones - 1] if ones else "")


def numbering(template: str, depth: int, n: int) -> str:
    """How the template numbers the n-th row at a depth of a table's outline: 一、 / （一） / 1."""
    return TEMPLATE_DATA[template].numbering[depth].format(cn=cn_numeral(n), n=n)


def label_literals() -> frozenset[str]:
    """Every label and marker any template prints: what no module outside spec and the template
    files may spell out."""
    words: set[str] = set()

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, Mapping):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in ("labels", "markers", "header", "item_header", "note", "clause",
                                               "phrases", "column_placeholders"):
            words.add(value)

    for t in TEMPLATE_DATA.values():
        walk(t.data)
    return frozenset(words)


def empty_tables(template: str) -> dict[str, dict[str, dict[str, object]]]:
    """The shape of a report's three tables for a template, every cell None."""
    return {
        "active": {item: dict.fromkeys(metrics) for item, metrics in ACTIVE_ITEMS[template].items()},
        "applications": {row: dict.fromkeys(APPLICANTS) for row in APPLICATION_ROWS[template]},
        "review_litigation": {g: dict.fromkeys(REVIEW_OUTCOMES) for g in REVIEW_GROUPS},
    }
