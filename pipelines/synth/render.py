"""Renderers: a report dict → the text of a report file in one layout. Pure functions.

Every renderer has the signature

    render_<layout>(report: dict, rng: random.Random) -> str

for layout in LAYOUTS: `tabs`, `spaces`, `cells`, `html`, `markdown`, `pdf`, `crawler`.
`RENDERERS` maps the layout name to the function.

`report` is a dict in the gold schema of the spec: `agency`, `year`, `template` and any of the
tables `active`, `applications`, `review_litigation` (a table left out is not printed). Optional
keys: `style` (a dict from `draw_style(layout, rng)`, with `vary_style` for a varied report;
drawn from `rng` when absent, so the caller that needs to know the choices draws it first),
`forms` (the template whose form of a table is printed, where a report mixes templates: table
key → template; `template` otherwise) and `facts` (true figures the prose states: `published` items
proactively published, `new`, `carried_over`, `handled`, `carried_forward`, `review`,
`litigation`; taken from the tables when absent). The printed numbers are exactly the table
values, so parsing the output must give back the tables — except where the `crawler` layout runs
digits together ambiguously (`crawler_ambiguities` says where).

Non-reports: `render_notice(agency, year, rng)`, `render_old_report(agency, year, rng)` (a free-form
pre-2019 report) and `junk_bytes(rng)` (binary junk).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, NamedTuple

from pipelines import spec

from .ambiguity import crawler_ambiguities
from .printing import (
    NO_BLANK,
    NUMBERINGS,
    PROSE,
    TITLES,
    ZERO_STYLES,
    Printer,
    active_value,
    draw_style,
    fmt_number,
    table_style,
    vary_style,
)

LAYOUTS = ("tabs", "spaces", "cells", "html", "markdown", "pdf", "crawler")

__all__ = [
    "LAYOUTS", "NO_BLANK", "NUMBERINGS", "RENDERERS", "TITLES", "ZERO_STYLES", "Cell", "crawler_ambiguities",
    "document_blocks", "draw_style", "fmt_number", "junk_bytes", "render", "render_notice", "render_old_report",
    "vary_style",
]


# ---------------------------------------------------------------------------------------------
# The table model: rows of cells with spans, as the official format draws them.

class Cell(NamedTuple):
    text: str
    rs: int = 1
    cs: int = 1
    num: bool = False


def _data(template: str) -> Any:
    return spec.TEMPLATE_DATA[template]


def _first(labels: Any) -> str:
    return labels[0]


def _fullwidth_brackets(text: str) -> str:
    """A label as printed: spec normalises brackets and colons to half width."""
    return text.replace("(", "（").replace(")", "）").replace(":", "：")


def _metric_label(metric: str, style: dict[str, Any], template: str, printer: Printer | None = None) -> str:
    phrases = tuple(_data(template).active["metrics"][metric]["labels"])
    if metric == "amount_yuan" and style.get("procurement_wan"):
        return f"{phrases[0]}（{spec.MONEY_METRICS['amount_10k_yuan']}）"
    variant = (style.get("metric_labels") or {}).get(metric)  # another of the spec's labels (tests)
    if variant is not None:
        return spec.METRIC_LABELS[metric][variant]
    label = phrases[0]
    if printer is not None and printer.varied:
        label = printer.pick(phrases)
        if metric in spec.MONEY_METRICS and printer.rng.random() < 0.7:
            label = _fullwidth_brackets(label)
        return printer.spaced(label)
    return _fullwidth_brackets(label) if metric in spec.MONEY_METRICS else label


def _template(report: dict[str, Any], table: str) -> str:
    """The template whose form of a table the report prints (a report may mix them)."""
    return (report.get("forms") or {}).get(table) or report["template"]


def _clause(template: str, number: int, printer: Printer) -> str:
    """The clause of Article 20 a sub-table prints, with the report's brackets (and, in some
    reports, a space before the clause's item)."""
    clause = _data(template).active["clause"]
    at = clause.index("{cn}") - 2  # the character before the numeral's bracket
    if printer.varied and printer.varied["article_spaced"]:
        clause = clause[:at] + " " + clause[at:]
    bracketed = clause[clause.index("{cn}") - 1:clause.index("{cn}") + 5]
    return clause.replace(bracketed, "{n}").format(n=printer.br(spec.cn_numeral(number)))


def active_model(report: dict[str, Any], style: dict[str, Any]) -> list[list[Cell]]:
    template, table = _template(report, "active"), report["active"]
    data = _data(template).active
    items = spec.ACTIVE_ITEMS[template]
    printer = Printer(style, "active")
    varied = printer.varied
    number_style = table_style(style, "active")
    rows: list[list[Cell]] = []
    for number, section in spec.ACTIVE_GROUPS[template]:
        metrics = items[section[0]]
        if style.get("metric_order_reversed"):  # (a report may print its columns in another order)
            metrics = metrics[::-1]
        pad = 4 - len(metrics)  # the table is four columns wide; the last cell spans the rest
        rows.append([Cell(_clause(template, number, printer), cs=4)])
        rows.append([Cell(printer.spaced(_first(data["item_header"]))),
                     *(Cell(_metric_label(m, style, template, printer), cs=1 + pad * (i == len(metrics) - 1))
                       for i, m in enumerate(metrics))])
        for item in section:
            phrases = tuple(data["items"][item]["labels"])
            label = phrases[0]
            if varied:
                label = printer.pick(tuple(dict.fromkeys(phrases + spec.ACTIVE_LABELS[item])))
                if varied["short_normative"] and item == "normative_docs":
                    label = min(phrases, key=len)
                label = printer.spaced(label)
            elif style["short_normative"] and item == "normative_docs":
                label = min(phrases, key=len)
            cells = []
            for i, m in enumerate(metrics):
                text = active_value(table[item][m], m, number_style)
                cells.append(Cell(printer.zero(text, table[item][m], number_style["zero"]), num=True,
                                  cs=1 + pad * (i == len(metrics) - 1)))
            rows.append([Cell(label), *cells])
    return rows


def _row_number(template: str, depth: int, n: int, printer: Printer) -> str:
    """A row's number at its depth of table 3's outline (the template's numbering, in the report's
    brackets and numbering style)."""
    if depth == 0:
        return spec.numbering(template, 0, n)
    if depth == 1:
        return printer.group(spec.cn_numeral(n))
    return printer.num(n)


def _application_labels(template: str, style: dict[str, Any],
                        printer: Printer | None = None) -> dict[str, tuple[str | None, str | None, str]]:
    """row code -> (group label, subgroup label, row label), group/subgroup None for plain rows."""
    printer = printer or Printer(style, "applications")
    varied = printer.varied
    short = style["short_labels"] if not varied else not varied["partial_note"]
    out: dict[str, tuple[str | None, str | None, str]] = {}
    counters = [0, 0, 0]
    open_groups: list[str | None] = [None, None, None]
    for row in _data(template).applications["rows"]:
        depth = row["depth"]
        counters[depth] += 1
        for deeper in range(depth + 1, 3):
            counters[deeper], open_groups[deeper] = 0, None
        phrases = tuple(row["labels"])
        label = phrases[0]
        if varied and not row.get("group") and label not in spec.END_ONLY_PHRASES:
            label = printer.pick(phrases)
        if len(phrases) > 1 and "“" in phrases[0]:  # a quoted label: quoted, or not
            label = phrases[1] if short else printer.quoted(label)
        if row.get("note") and not short:
            label += printer.br(row["note"].strip("（）"))
        text = _row_number(template, depth, counters[depth], printer) + printer.spaced(label)
        if row.get("group"):
            open_groups[depth] = text
            continue
        out[row["code"]] = (open_groups[0] if depth >= 1 else None, open_groups[1] if depth >= 2 else None, text)
    return out


def _applicant_header(template: str, printer: Printer, legal: tuple[str, ...]) -> list[list[Cell]]:
    data = _data(template).applications
    note = data["note"]
    varied = printer.varied
    note_cell = note if not varied else printer.br(note.strip("（）")) if varied["balance_note"] else ""
    applicants = printer.spaced(_first(data["header"]))
    first, total = spec.APPLICANTS[0], spec.APPLICANTS[-1]
    if varied and varied["applicant_header"] == "two":
        return [
            [Cell(note_cell, rs=2, cs=3), Cell(applicants, cs=7)],
            [Cell(printer.spaced(spec.APPLICANT_LABELS[c][0])) for c in (first, *legal, total)],
        ]
    return [
        [Cell(note_cell, rs=3, cs=3), Cell(applicants, cs=7)],
        [Cell(spec.APPLICANT_LABELS[first][0], rs=2),
         Cell(printer.spaced(_first(data["column_group"]["labels"])), cs=5),
         Cell(spec.APPLICANT_LABELS[total][0], rs=2)],
        [Cell(printer.spaced(spec.APPLICANT_LABELS[c][0])) for c in legal],
    ]


def applications_model(report: dict[str, Any], style: dict[str, Any]) -> list[list[Cell]]:
    template, table = _template(report, "applications"), report["applications"]
    printer = Printer(style, "applications")
    number_style = table_style(style, "applications")
    # the five legal-person columns in the order printed (a report may print them in another)
    legal = style.get("applicant_order") or spec.APPLICANT_PARTS[1:]
    columns = (spec.APPLICANTS[0], *legal, spec.APPLICANTS[-1])
    rows: list[list[Cell]] = _applicant_header(template, printer, tuple(legal))
    labels = _application_labels(template, style, printer)
    order = spec.APPLICATION_ROWS[template]
    group_len = sum(1 for r in order if labels[r][0])
    seen_group, seen_sub = False, set()
    for row in order:
        group, sub, label = labels[row]
        cells: list[Cell] = []
        if group and not seen_group:
            cells.append(Cell(group, rs=group_len))
            seen_group = True
        if sub and sub not in seen_sub:
            cells.append(Cell(sub, rs=sum(1 for r in order if labels[r][1] == sub)))
            seen_sub.add(sub)
        cells.append(Cell(label, cs=3 if not group else 2 if not sub else 1))
        for c in columns:
            text = fmt_number(table[row][c], c, number_style)
            cells.append(Cell(printer.zero(text, table[row][c], number_style["zero"]), num=True))
        rows.append(cells)
    return rows


def review_model(report: dict[str, Any], style: dict[str, Any]) -> list[list[Cell]]:
    table = report["review_litigation"]
    data = _data(report["template"]).review_litigation
    printer = Printer(style, "review_litigation")
    number_style = table_style(style, "review_litigation")
    # (a report may print its outcomes, or its two litigation groups, in another order)
    order = style.get("outcome_order") or spec.REVIEW_OUTCOMES
    groups = spec.REVIEW_GROUPS
    if style.get("litigation_swapped"):
        groups = (groups[0], groups[2], groups[1])

    def value(g: str, o: str) -> Cell:
        text = fmt_number(table[g][o], o, number_style)
        return Cell(printer.zero(text, table[g][o], number_style["zero"]), num=True)

    def outcomes() -> list[Cell]:
        return [Cell(printer.spaced(spec.REVIEW_OUTCOME_LABELS[o][0])) for o in order]

    parent = {g["code"]: g.get("parent") for g in data["groups"]}
    group_label = {g: spec.REVIEW_GROUP_LABELS[g][0] for g in groups}
    # the heading over the groups that have a parent (litigation), and the label of a group printed alone
    litigation = next((p for p in parent.values() if p), data["header"][-1])
    alone = {g: (parent[g] + printer.br(group_label[g])) if parent[g] else group_label[g] for g in groups}
    shape = printer.varied["review_shape"] if printer.varied else "row15"
    if shape == "stacked":  # the groups' header, each group's outcomes, then the row of 15
        return [
            [Cell(group_label[groups[0]], cs=5), Cell(litigation, cs=10)],
            [*outcomes(), Cell("", cs=10)],
            [Cell("", cs=5), *(Cell(group_label[g], cs=5) for g in groups[1:])],
            [Cell("", cs=5), *outcomes(), *outcomes()],
            [value(g, o) for g in groups for o in order],
        ]
    if shape == "grouped":  # each group with its own header and its five cells
        rows: list[list[Cell]] = []
        for g in groups:
            rows += [[Cell(alone[g], cs=5)], outcomes(), [value(g, o) for o in order]]
        return rows
    if shape == "rows":  # a row per group under one header of outcomes
        return [[Cell(""), *outcomes()], *([Cell(alone[g]), *(value(g, o) for o in order)] for g in groups)]
    cells = [Cell(spec.REVIEW_OUTCOME_LABELS[o][0]) for o in order] if not printer.varied else outcomes()
    return [
        [Cell(group_label[groups[0]], cs=5), Cell(litigation, cs=10)],
        [*(Cell(c.text, rs=2) for c in cells), *(Cell(group_label[g], cs=5) for g in groups[1:])],
        cells + (outcomes() if printer.varied else cells),
        [value(g, o) for g in groups for o in order],
    ]


def expand(model: list[list[Cell]]) -> list[list[Cell]]:
    """The model as a full grid: a spanned cell's text sits in its top-left slot, "" elsewhere."""
    rows: list[list[Cell | None]] = [[] for _ in model]
    blank, blank_num = Cell(""), Cell("", num=True)
    for r, row in enumerate(model):
        out, c = rows[r], 0
        for cell in row:
            while c < len(out) and out[c] is not None:
                c += 1
            for dr in range(cell.rs):
                target = rows[r + dr]
                if len(target) < c + cell.cs:
                    target.extend([None] * (c + cell.cs - len(target)))
                for dc in range(cell.cs):
                    target[c + dc] = cell if dr == dc == 0 else (blank_num if cell.num else blank)
            c += cell.cs
    width = max(len(row) for row in rows)
    return [[x if x is not None else blank for x in row] + [blank] * (width - len(row)) for row in rows]


# ---------------------------------------------------------------------------------------------
# Prose.

SECTIONS = ("overview", "active", "applications", "review_litigation", "problems", "other")


def section_titles(template: str) -> dict[str, tuple[str, str]]:
    """The report's sections as its template numbers and names them: name -> (numeral, words);
    the tables' sections by their table, the others `overview`, `problems`, `other`."""
    after = iter(("problems", "other"))
    out = {}
    for section in spec.TEMPLATE_DATA[template].sections:
        name = section.get("table") or (next(after) if section.get("after_tables") else "overview")
        out[name] = (section["number"], section["labels"][0])
    return out
_OVERVIEW = PROSE["overview"]
_STATED = PROSE["stated"]


def facts_of(report: dict[str, Any]) -> dict[str, int]:
    """The figures the prose states: given in `facts`, else read from the tables (table cells the
    prose may state as `table/row/column`)."""
    facts = dict(report.get("facts") or {})
    apps, review = report.get("applications"), report.get("review_litigation")
    for item, cols in (report.get("active") or {}).items():
        for metric, value in cols.items():
            facts.setdefault(f"active/{item}/{metric}", value)
    if apps:
        facts.setdefault("new", apps["new"]["total"])
        facts.setdefault("carried_over", apps["carried_over"]["total"])
        facts.setdefault("handled", apps["total_handled"]["total"])
        facts.setdefault("carried_forward", apps["carried_forward"]["total"])
        for row in _STATED["applications"]:
            table_row = row.split("/")[0]
            if table_row in apps:
                facts.setdefault(f"applications/{row}", apps[table_row]["total"])
    if review:
        facts.setdefault("review", review["review"]["total"])
        facts.setdefault("litigation", review["litigation_direct"]["total"]
                         + review["litigation_after_review"]["total"])
    facts.setdefault("published", 0)
    return facts


def _we(agency: str, rng: random.Random) -> str:
    """How the agency says "we" in its prose."""
    for part, how, word in PROSE["we_by_name"]:
        if agency.endswith(part) if how == "end" else part in agency:
            return word
    return rng.choice(PROSE["we"])


def _figures(rng: random.Random) -> dict[str, int]:
    """Figures for the extra paragraphs of a varied report."""
    return {"trainings": rng.randint(1, 12), "readings": rng.randint(2, 60), "graphics": rng.randint(0, 9),
            "posts": rng.randint(30, 3000), "growth": rng.randint(1, 40), "catalog": rng.randint(1, 30),
            "meetings": rng.randint(1, 8), "motions": rng.randint(0, 40), "proposals": rng.randint(0, 60)}


def prose(report: dict[str, Any], rng: random.Random) -> dict[str, list[str]]:
    """Paragraphs of the prose sections, keyed like HEADINGS, plus `preface`."""
    agency, year = report["agency"], report["year"]
    f = facts_of(report)
    we = _we(agency, rng)
    varied = (report.get("style") or {}).get("varied")
    preface = [PROSE["preface"].format(year=year)]
    overview = [
        _OVERVIEW["opening"].format(year=year, we=we),
        _OVERVIEW["active"].format(n=_br_text(rng, spec.cn_numeral(1)), published=f["published"]),
    ]
    stating = random.Random(f"{varied['seed']}/stated") if varied else None
    stated = _stated_active(report, f, stating) if stating and stating.random() < _STATED["share"] else ""
    if stated:
        overview.append(stated.format(year=year, we=we))
    if stating and f.get("new") and stating.random() < _STATED["applications_share"]:
        overview.append(_br_text(rng, spec.cn_numeral(2)) + _stated_applications(f, stating).format(year=year, we=we))
    elif "new" in f:
        if f["new"] == 0:
            overview.append(_OVERVIEW["no_requests"].format(n=_br_text(rng, spec.cn_numeral(2)),
                                                            carried_over=f["carried_over"]))
        else:
            overview.append(_OVERVIEW["requests"].format(n=_br_text(rng, spec.cn_numeral(2)), year=year, **f))
    if "review" in f:
        overview.append(_OVERVIEW["review"].format(**f) if f["review"] or f["litigation"] else _OVERVIEW["no_review"])
    overview.append(_OVERVIEW["management"].format(n=_br_text(rng, spec.cn_numeral(3)),
                                                   active=spec.SECTION_LABELS["active"][0]))
    overview.append(_OVERVIEW["platform"].format(n=_br_text(rng, spec.cn_numeral(4)), columns=rng.randint(3, 40)))
    problems = [PROSE["problems"]["text"][0], PROSE["problems"]["text"][1].format(next_year=year + 1, we=we)]
    other = [rng.choice(PROSE["other"]["choices"]).format(year=year, we=we)]
    out = {"preface": preface, "overview": overview, "problems": problems, "other": other, "we": [we]}
    if varied:
        figures = _figures(rng)
        for i in range(varied["extra_paragraphs"]):
            text = _OVERVIEW["extra"][i % len(_OVERVIEW["extra"])]
            overview.append(text.format(n=_br_text(rng, spec.cn_numeral(5 + i)), we=we, **figures))
        problems += [p.format(we=we) for p in PROSE["problems"]["extra"][:rng.randint(0, 2)]]
        out["extra_sections"] = [
            [_OVERVIEW["extra_sections"][i], _OVERVIEW["extra_section_text"][i % 3].format(we=we, **figures)]
            for i in rng.sample(range(len(_OVERVIEW["extra_sections"])), varied["extra_sections"])
        ]
    return out


def _stated_sentence(cells: list[tuple[str, str, str]], phrasings: dict[str, Any], rng: random.Random) -> str:
    """One sentence stating `cells` — (key, the row it names, the number as printed) — in order, a
    clause each; a clause leans on the row named before it where it can (a `short` form)."""
    clauses: list[str] = []
    named = None  # the row the sentence speaks of so far
    for key, row, number in cells:
        forms = phrasings[key]
        short = forms.get("short") if named == row else None
        choices = short if short and (not forms.get("full") or rng.random() < 0.7) else forms.get("full")
        if not choices:
            continue
        clauses.append(rng.choice(choices).format(v=number))
        if choices is forms.get("full"):
            named = row
    opening = rng.choice(_STATED["openings"])
    return opening + "，".join(clauses) + "。"


def _stated_active(report: dict[str, Any], f: dict[str, Any], rng: random.Random) -> str:
    """Some of table 2's numbers as the prose states them: one to three of its items, some of
    each one's cells."""
    phrasings = _STATED["active"].get(_template(report, "active"))
    if not phrasings:
        return ""  # a template the generator's prose has no wordings for
    items = list(dict.fromkeys(key.split("/")[0] for key in phrasings))
    cells = []
    for item in sorted(rng.sample(items, rng.randint(1, min(3, len(items)))), key=items.index):
        keys = [k for k in phrasings if k.startswith(f"{item}/") and f"active/{k}" in f]
        for key in sorted(rng.sample(keys, rng.randint(1, len(keys))) if keys else [], key=keys.index):
            metric = key.split("/")[1]
            cells.append((key, item, fmt_number(f[f"active/{key}"], metric, {})))
    return _stated_sentence(cells, phrasings, rng) if cells else ""


def _stated_applications(f: dict[str, Any], rng: random.Random) -> str:
    """The requests paragraph as some reports word it: the new requests, then some of the others."""
    phrasings = _STATED["applications"]
    keys = [k for k in phrasings if f"applications/{k}" in f]
    rest = sorted(rng.sample(keys[1:], rng.randint(0, len(keys) - 1)), key=keys.index)
    cells = [(k, "applications", str(f[f"applications/{k}"])) for k in (keys[:1] + rest)]
    return _stated_sentence(cells, phrasings, rng)


def _br_text(rng: random.Random, n: str) -> str:
    return f"（{n}）" if rng.random() < 0.7 else f"({n}) "


def title(report: dict[str, Any], style: dict[str, Any]) -> str:
    return TITLES[style["title"]].format(agency=report["agency"], year=report["year"])


def _style(report: dict[str, Any], layout: str, rng: random.Random) -> dict[str, Any]:
    return report.get("style") or draw_style(layout, rng)


def _models(report: dict[str, Any], style: dict[str, Any]) -> list[tuple[str, list[list[Cell]]]]:
    builders = (("active", active_model), ("applications", applications_model),
                ("review_litigation", review_model))
    return [(name, build(report, style)) for name, build in builders if report.get(name)]


def _heading(number: int, words: str, kind: str) -> str:
    if kind == "none":
        return words
    return f"{spec.cn_numeral(number + 1)}{'．' if kind == 'dot' else '、'}{words}"


def _document(report: dict[str, Any], rng: random.Random, style: dict[str, Any],
              table_text: Callable[[str, list[list[Cell]]], list[str]], para: Callable[[str], str] = str,
              head: Callable[[str], str] | None = None) -> list[str]:
    """The report as blocks of text in section order; `table_text` renders one table, `head` a
    section's heading (`para` when not given)."""
    head = head or para
    p = prose(report, rng)
    varied = style.get("varied")
    out = [title(report, style)]
    if rng.random() < 0.5:
        out += [para(x) for x in p["preface"]]
    titles = section_titles(report["template"])
    headings = {name: f"{number}、{words}" for name, (number, words) in titles.items()}
    extra: list[list[str]] = p.get("extra_sections") or []
    if varied:
        kind = varied["heading_style"]
        order = ["overview", *(f"extra{i}" for i in range(len(extra))), *SECTIONS[1:]]
        numbers = {name: i for i, name in enumerate(order)}
        if varied["tables_renumbered"]:
            numbers.update({name: i for i, name in enumerate(spec.TABLES)})
        headings = {name: _heading(numbers[name], titles[name][1], kind) for name in SECTIONS}
        headings.update({f"extra{i}": _heading(numbers[f"extra{i}"], words[0], kind) for i, words in enumerate(extra)})
    out.append(head(headings["overview"]))
    out += [para(x) for x in p["overview"]]
    for i, (_, text) in enumerate(extra):
        out += [head(headings[f"extra{i}"]), para(text)]
    models = dict(_models(report, style))
    for name in ("active", "applications", "review_litigation"):
        out.append(head(headings[name]))
        if name in models:
            if varied and varied["captions"]:
                n = spec.TABLES.index(name) + 1
                out.append(para(rng.choice(PROSE["captions"]).format(
                    cn=spec.cn_numeral(n), n=n, label=spec.SECTION_LABELS[name][-1])))
            for piece in _in_pieces(name, models[name], report, style):
                out += table_text(name, piece)
        else:
            out.append(para(PROSE["tables"]["absent"][0] if rng.random() < 0.5 else PROSE["tables"]["absent"][1]))
    for name in ("problems", "other"):
        out.append(head(headings[name]))
        out += [para(x) for x in p[name]]
    return out


def _in_pieces(name: str, model: list[list[Cell]], report: dict[str, Any],
               style: dict[str, Any]) -> list[list[list[Cell]]]:
    """A table as printed: whole, or — a share of varied reports re-type table 3 so — cut in
    pieces, one per row group (the first two rows, the outcomes, the last row), each with a header
    row of its own: the table's header again, or numbered placeholders (the template's placeholder
    word with 1 … 6, then the total's label) in place of its columns."""
    varied = style.get("varied")
    if name != "applications" or not varied:
        return [model]
    rng = random.Random(f"{varied['seed']}/pieces")
    if rng.random() >= PROSE["pieces"]["share"]:
        return [model]
    rows = len(spec.APPLICATION_ROWS[_template(report, "applications")])
    header, body = model[:len(model) - rows], model[len(model) - rows:]
    if rows < 4 or body[2][0].rs != rows - 3:
        return [model]  # no group of outcome rows to print apart
    if rng.random() < 0.5:
        again = header
    else:
        word, total = spec.COLUMN_PLACEHOLDERS[0], spec.APPLICANT_LABELS[spec.APPLICANTS[-1]][0]
        first = rng.choice(("", _first(_data(_template(report, "applications")).applications["header"])))
        again = [[Cell(first, cs=3), *(Cell(f"{word}{i}") for i in range(1, len(spec.APPLICANTS))), Cell(total)]]
    return [header + body[:2], again + body[2:-1], again + body[-1:]]


def _broken(text: str, rng: random.Random, pieces: int = 2) -> list[str]:
    """A label wrapped inside its cell: cut into up to `pieces` pieces at arbitrary points (never
    into a piece that is only digits or punctuation, which a reader would take for a number)."""
    if len(text) < 5:
        return [text]
    k = min(pieces, max(2, len(text) // 4))
    cuts = sorted(rng.sample(range(2, len(text) - 1), min(k - 1, len(text) - 3)))
    out, last = [], 0
    for cut in [*cuts, len(text)]:
        piece = text[last:cut]
        if not piece.strip() or not any("\u4e00" <= ch <= "\u9fff" for ch in piece):
            if out:
                out[-1] += piece
            else:
                out.append(piece)
            last = cut
            continue
        out.append(piece)
        last = cut
    if len(out) > 1 and not any("\u4e00" <= ch <= "\u9fff" for ch in out[0]):
        out[1] = out[0] + out[1]
        out = out[1:]
    return out


def _varied_cell_text(cell: Cell, varied: dict[str, Any], rng: random.Random) -> str:
    """A label cell of a varied report in a layout that keeps a cell's lines together (Word, HTML
    and the cell-per-line text): sometimes broken over lines."""
    if cell.num or len(cell.text) < 5 or rng.random() >= varied["breaks"]:
        return cell.text
    return "\n".join(_broken(cell.text, rng, varied["pieces"]))


def document_blocks(report: dict[str, Any], rng: random.Random) -> list[str | list[list[Cell]]]:
    """The report as paragraphs and table models in section order, for a writer of a format
    that is not text (a Word document's paragraphs and tables; a label's lines are its cell's
    paragraphs)."""
    style = _style(report, "html", rng)
    varied = style.get("varied")

    def table(_: str, model: list[list[Cell]]) -> list[list[list[Cell]]]:
        if not varied:
            return [model]
        return [[[cell._replace(text=_varied_cell_text(cell, varied, rng)) for cell in row] for row in model]]

    return _document(report, rng, style, table)  # type: ignore[arg-type, return-value]


# ---------------------------------------------------------------------------------------------
# Text layouts.

def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, varied: dict[str, Any] | None, rng: random.Random) -> str:
    """A number cell as typed into Word: sometimes padded with a space or a full-width one."""
    if varied and varied["pad_numbers"] and text and rng.random() < 0.3:
        return rng.choice((" ", "\u3000", "\u3000\u3000")) + text
    return text


def render_tabs(report: dict[str, Any], rng: random.Random) -> str:
    """A row per line, cells split by tabs (a table copied out of Word or a web page)."""
    style = _style(report, "tabs", rng)
    varied = style.get("varied")

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        lines = []
        for row in expand(model):
            cells = [c.text for c in row if c.num or c.text or not style["compact"]]
            if not varied:
                lines.append("\t".join(cells).rstrip("\t") if style["compact"] else "\t".join(cells))
                continue
            kept = [c for c in row if c.num or c.text or not style["compact"]]
            texts = [_pad(c.text, varied, rng) if c.num else c.text for c in kept]
            # a cell's label wrapped in Word: the line ends inside it, its rest starts the next
            labels = [i for i, c in enumerate(kept) if not c.num and len(c.text) >= 5]
            if labels and rng.random() < varied["breaks"] / 2:  # Word wraps fewer labels than a PDF's narrow cells
                at = labels[-1]
                pieces = _broken(texts[at], rng, 2)
                if len(pieces) == 2:
                    lines.append("\t".join([*texts[:at], pieces[0]]))
                    texts = [pieces[1], *texts[at + 1:]]
            line = "\t".join(texts)
            lines.append(line.rstrip("\t") if style["compact"] and not any(c.num for c in kept) else line)
            if varied["blank_lines"] and rng.random() < 0.05:
                lines.append("")
        return [*lines, ""]

    return "\n".join(_document(report, rng, style, table)) + "\n"


_SEPARATORS = {"single": ("  ",), "runs": ("  ", "   ", "    ", "      "),
               "mixed": ("  ", "   ", "\u3000", " \u3000", "\t", "  \t")}


def _page_furniture(report: dict[str, Any], style: dict[str, Any], rng: random.Random):
    """A page-break writer for text from PDFs: each call prints the end of a page (its mark)
    and, where the report has one, the running title the next page starts with."""
    varied = style.get("varied")
    marks = PROSE["pages"]["varied_marks"] if varied else PROSE["pages"]["marks"]
    total_pages = rng.randint(4, 9)
    page = [rng.randint(1, 2)]
    mark = rng.choice(marks)
    running = None
    if (varied["running_title"] if varied else rng.random() < 0.3):
        running = PROSE["pages"]["running_title"].format(agency=report["agency"], year=report["year"])

    def footer() -> list[str]:
        page[0] += 1
        lines = [mark.format(n=page[0] - 1, total=total_pages)]
        return [*lines, running] if running else lines

    return footer


def _break_rows(model: list[list[Cell]], varied: dict[str, Any] | None, rng: random.Random) -> set[int]:
    """Rows of a table a page ends before (a varied report: as many as it draws)."""
    count = varied["page_breaks"] if varied else 0
    return {rng.randrange(1, len(model) + 2) for _ in range(count)}


def _header_rows(model: list[list[Cell]]) -> list[list[Cell]]:
    rows = []
    for row in model:
        if any(c.num for c in row):
            break
        rows.append(row)
    return rows


def render_spaces(report: dict[str, Any], rng: random.Random) -> str:
    """A row per line, cells split by runs of spaces: aligned columns or ragged runs (a varied
    report: runs of spaces, full-width spaces and tabs; page marks where a PDF's page ended)."""
    style = _style(report, "spaces", rng)
    varied = style.get("varied")
    footer = _page_furniture(report, style, rng) if varied else None

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        grid = [[c.text for c in row] for row in expand(model)]
        if not varied:
            if style["aligned"]:
                widths = [max(_display_width(r[i]) for r in grid) for i in range(len(grid[0]))]
                return [
                    "  ".join(t + " " * (w - _display_width(t)) for t, w in zip(r, widths, strict=True)).rstrip()
                    for r in grid
                ] + [""]
            return ["".join(t + " " * rng.randint(2, 5) for t in r if t).rstrip() for r in grid] + [""]
        seps = _SEPARATORS[varied["separator"]]
        breaks = _break_rows(model, varied, rng)
        lines = []
        widths = [max(_display_width(r[i]) for r in grid) for i in range(len(grid[0]))]
        for i, r in enumerate(grid):
            if i in breaks and footer:
                lines += ["", *footer(), ""]
            if style["aligned"]:
                line = "  ".join(t + " " * (w - _display_width(t)) for t, w in zip(r, widths, strict=True))
            else:
                line = "".join(t + rng.choice(seps) for t in r if t)
            lines.append(line.rstrip())
        return [*lines, ""]

    return "\n".join(_document(report, rng, style, table)) + "\n"


def _break_label(text: str, rng: random.Random) -> str:
    """A label wrapped inside its cell: a line break somewhere in the middle."""
    cuts = [i for i in range(2, len(text) - 1) if not text[i - 1].isspace() and not text[i].isspace()]
    if len(text) < 5 or not cuts:
        return text
    cut = rng.choice(cuts)
    return text[:cut] + "\n" + text[cut:]


def render_cells(report: dict[str, Any], rng: random.Random) -> str:
    """One cell per line (a Word table pasted as text): cells padded with full-width spaces,
    a blank line between rows, long header labels broken over two lines."""
    style = _style(report, "cells", rng)
    varied = style.get("varied")
    lead = "\t" if rng.random() < 0.6 else ""

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        lines = []
        for row in model:
            for cell in row:
                text = cell.text
                if cell.num and (rng.random() < 0.5 or not (text or lead)):
                    # an empty cell pasted without a tab is an empty line, like the blank line
                    # between rows: Word pads it, or nothing could tell how many zeros there were
                    text = "　" * rng.randint(1, 2) + text
                elif varied and not cell.num:
                    text = _varied_cell_text(cell, varied, rng)
                elif not cell.num and style["break_labels"] and len(text) > 5 and rng.random() < 0.25:
                    text = _break_label(text, rng)
                lines.append(lead + text)
            lines.append("")
        return lines

    return "\n".join(_document(report, rng, style, table)) + "\n"


def render_markdown(report: dict[str, Any], rng: random.Random) -> str:
    """Markdown pipe tables (a converter's output), with `##` headings."""
    style = _style(report, "markdown", rng)
    varied = style.get("varied")

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        grid = [[c.text for c in row] for row in expand(model)]
        if varied:  # labels wrapped in their cells come out as <br>, cells padded
            grid = [["<br>".join(_broken(c.text, rng, varied["pieces"]))
                     if not c.num and len(c.text) >= 5 and rng.random() < varied["breaks"] / 2
                     else _pad(c.text, varied, rng) if c.num else c.text for c in row] for row in expand(model)]
            rule = rng.choice(("---|", ":---|", ":---:|", "----|"))
            lines = ["| " + " | ".join(grid[0]) + " |", "|" + rule * len(grid[0])]
            # a converter's table: its lines together, one block
            return ["\n".join([*lines, *("| " + " | ".join(r) + " |" for r in grid[1:])])]
        lines = ["| " + " | ".join(grid[0]) + " |", "|" + "---|" * len(grid[0])]
        lines += ["| " + " | ".join(r) + " |" for r in grid[1:]]
        return [*lines, ""]

    def head(text: str) -> str:
        return f"## {text}"

    return "\n\n".join(_document(report, rng, style, table, str, head)) + "\n"


def _pdf_header(rows: list[list[Cell]], varied: dict[str, Any], rng: random.Random,
                sep: Callable[[], str]) -> list[str]:
    """A table's header rows as a PDF's text layer gives them: each cell at the height of its
    middle (a cell spanning rows comes out between them), narrow cells wrapped in their width."""
    placed: list[tuple[float, int, list[str]]] = []
    taken: dict[int, list[int]] = {}
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while col in taken.get(r, []):
                col += 1
            for dr in range(1, cell.rs):
                taken.setdefault(r + dr, []).extend(range(col, col + cell.cs))
            if cell.text:
                text = cell.text
                if varied["header_wrap"] and cell.cs == 1 and len(text) > 3 and rng.random() < 0.6:
                    width = rng.randint(2, 4)
                    lines = [text[i:i + width] for i in range(0, len(text), width)]
                    if rng.random() < 0.5:  # justified: the characters spread with spaces
                        lines = [" ".join(line) if len(line) > 1 else line for line in lines]
                else:
                    lines = _broken(text, rng, varied["pieces"]) if rng.random() < varied["breaks"] else [text]
                placed.append((r + (cell.rs - 1) / 2, col, lines))
            col += cell.cs
    placed.sort(key=lambda x: (x[0], x[1]))
    out: list[str] = []
    line: list[str] = []
    for _, _, lines in placed:
        if len(lines) == 1 and rng.random() < 0.5:
            line.append(lines[0])
            continue
        if line:
            out.append(sep().join(line))
            line = []
        out += lines
    if line:
        out.append(sep().join(line))
    return out


def _pdf_varied_table(model: list[list[Cell]], style: dict[str, Any], rng: random.Random,
                      footer: Callable[[], list[str]]) -> list[str]:
    """A table in the text layer of a PDF, as real ones come out: header cells wrapped and out of
    their rows, labels broken over lines before or after their numbers, a group's label spread
    over the rows it spans (or one character a line), page marks and a repeated header where a
    page ends."""
    varied = style["varied"]

    def sep() -> str:
        return " " if varied["separator"] != "mixed" or rng.random() < 0.8 else rng.choice(("  ", "   "))

    header = _header_rows(model)
    header_lines = _pdf_header(header, varied, rng, sep)
    lines = list(header_lines)
    breaks = _break_rows(model, varied, rng)
    pending: dict[int, list[str]] = {}  # row -> pieces of a spanning label that print on it
    for r in range(len(header), len(model)):
        row = model[r]
        if r in breaks:
            lines += footer()
            if varied["repeat_header"]:
                lines += [" ".join(c.text for c in h if c.text) for h in header]
        labels: list[str] = list(pending.pop(r, []))
        for cell in row:
            if cell.num or not cell.text:
                continue
            if cell.rs > 1 and varied["spread_groups"]:
                if cell.rs > 6 and rng.random() < 0.5:  # a tall narrow cell: a character a line
                    lines += [ch for ch in cell.text if not ch.isspace()]
                    continue
                pieces = _broken(cell.text, rng, min(cell.rs, 3))
                labels.append(pieces[0])
                for k, piece in enumerate(pieces[1:], 1):
                    pending.setdefault(r + k, []).append(piece)
                continue
            labels.append(cell.text)
        nums = [c.text for c in row if c.num]
        label = sep().join(labels) if labels and rng.random() < 0.5 else "".join(labels)
        numbers = sep().join(nums)
        if label and len(label) > 8 and rng.random() < varied["breaks"]:
            pieces = _broken(label, rng, varied["pieces"])
            where = rng.random()
            if where < 0.4:  # the numbers after the label's first line
                lines += [sep().join([pieces[0], numbers]), *pieces[1:]]
            elif where < 0.8:  # the numbers after the label's last line
                lines += [*pieces[:-1], sep().join([pieces[-1], numbers])]
            else:  # the numbers on a line of their own, after the label's lines
                lines += [*pieces, numbers]
        else:
            lines.append(sep().join(t for t in (label, numbers) if t))
    for r in sorted(pending):  # a group's pieces below its last row
        lines += pending[r]
    return lines


def render_pdf(report: dict[str, Any], rng: random.Random) -> str:
    """Text extracted from a PDF: prose wrapped at a fixed width, table rows on lines with cells
    split by single spaces, long labels broken mid-word across lines, page footers (and a
    repeated header line) inside tables."""
    style = _style(report, "pdf", rng)
    varied = style.get("varied")
    footer = _page_furniture(report, style, rng)

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        if varied:
            return _pdf_varied_table(model, style, rng, footer)
        lines: list[str] = []
        break_at = rng.randrange(len(model) + 4)  # sometimes a page ends inside this table
        for i, row in enumerate(model):
            if i == break_at:
                lines += footer()
            labels = [c.text for c in row if not c.num and c.text]
            nums = [c.text for c in row if c.num]
            label = "".join(labels)
            if label and len(label) > 10 and style["break_labels"] and rng.random() < 0.5:
                cut = rng.randint(4, len(label) - 3)
                head, tail = label[:cut], label[cut:]
                if rng.random() < 0.5:  # the wrapped remainder on the next line, numbers first
                    lines += [" ".join([head, *nums]), tail]
                else:
                    lines += [head, " ".join([tail, *nums])]
            else:
                lines.append(" ".join([t for t in (label, *nums) if t]))
        return lines

    def para(text: str) -> str:
        width = rng.randint(26, 34)
        return "\n".join(text[i:i + width] for i in range(0, len(text), width))

    blocks = _document(report, rng, style, table, para)
    blocks.append(footer()[0])
    return "\n".join(blocks) + "\n"


def render_crawler(report: dict[str, Any], rng: random.Random) -> str:
    """A crawler's page text: a header block, then the whole body on one line, table cells
    joined with no separator (digits of neighbouring cells run together)."""
    style = _style(report, "crawler", rng)
    words = PROSE["crawler"]
    month = rng.randint(1, 3)
    day, hour, minute = rng.randint(1, 28), rng.randint(8, 18), rng.randint(0, 59)
    when = f"{report['year'] + 1}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}"
    link = f"http://www.example.gov.cn/zwgk/nb/{report['year'] + 1}{month:02d}/t{rng.randint(10**7, 10**8)}.html"
    head = [
        f"{words['title']}{title(report, style)}",
        f"{words['published']}{when}",
        words["number"],
        f"{words['agency']}{report['agency'] if rng.random() < 0.5 else ''}",
        words["column"],
        f"{words['link']}{link}",
        words["body"],
    ]

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        out = []
        for row in model:
            for cell in row:
                out.append(cell.text)
                if style["crawler_spaces"] and not cell.num and rng.random() < 0.2:
                    out.append(" ")  # a stray &nbsp; that survived
        return ["".join(out)]

    crumbs = words["crumbs"] if rng.random() < 0.6 else ""
    body = "".join(_document(report, rng, style, table, lambda t: t))
    return "\n".join(head) + "\n" + crumbs + body + (words["download"] if rng.random() < 0.3 else "")


# ---------------------------------------------------------------------------------------------
# HTML.

_WORD_TD = ('<td width="{w}" valign="center"{span} style="width:{pt}pt;padding:0pt 5.4pt 0pt 5.4pt;'
            'border:solid windowtext 1.0pt;">')
_WORD_P = '<p class="MsoNormal" align="center" style="text-align:center;line-height:13pt;">'


def _html_text(text: str, style: dict[str, Any], num: bool, rng: random.Random) -> str:
    word = style["word_html"]
    varied = style.get("varied")
    if num:
        if text == "":
            return "&nbsp;"
        if word and style["split_digits"] and len(text) > 1 and rng.random() < 0.5:
            return "".join(f'<span style="font-size:12pt;">{ch}</span>' for ch in text)
        if varied and varied["pad_numbers"] and rng.random() < 0.3:
            text = "&nbsp;" * rng.randint(1, 2) + text
        return f'<span style="font-size:12pt;">{text}</span>' if word else text
    if varied and len(text) > 5 and rng.random() < varied["breaks"]:
        pieces = _broken(text, rng, varied["pieces"])
        if word:  # the label over several paragraphs of one cell
            return f"<o:p></o:p></p>{_WORD_P}".join(f'<span style="font-size:12pt;">{p}</span>' for p in pieces)
        return rng.choice(("<br />", "<br>", "</p><p>")).join(pieces)
    if not varied and style["break_labels"] and len(text) > 5 and rng.random() < 0.3:
        cut = rng.randint(2, len(text) - 2)
        if word:  # the label broken over two paragraphs of one cell
            return (f'<span style="font-size:12pt;">{text[:cut]}</span><o:p></o:p></p>{_WORD_P}'
                    f'<span style="font-size:12pt;">{text[cut:]}</span>')
        return f"{text[:cut]}<br />{text[cut:]}"
    if text == "":
        return "&nbsp;"
    if varied:
        text = text.replace("\u3000", "&nbsp;").replace("  ", " &nbsp;")
    return f'<span style="font-size:12pt;">{text}</span>' if word else text


def _html_table(model: list[list[Cell]], style: dict[str, Any], rng: random.Random) -> str:
    word = style["word_html"]
    varied = style.get("varied")
    header = len(_header_rows(model)) if varied and not word and rng.random() < 0.3 else 0
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
           'style="border-collapse:collapse;">' if word else '<table border="1" width="100%">', "<tbody>"]
    for r, row in enumerate(model):
        cells = []
        for cell in row:
            span = (f' rowspan="{cell.rs}"' if cell.rs > 1 else "") + (f' colspan="{cell.cs}"' if cell.cs > 1 else "")
            if varied and word and cell.rs > 6 and rng.random() < 0.5:  # a tall cell: a character a paragraph
                inner = f"<o:p></o:p></p>{_WORD_P}".join(f'<span style="font-size:12pt;">{ch}</span>'
                                                         for ch in cell.text)
            else:
                inner = _html_text(cell.text, style, cell.num, rng)
            if word:
                w = 48 * cell.cs
                cells.append(_WORD_TD.format(w=w, pt=f"{w * 0.75:.4f}", span=span)
                             + f"{_WORD_P}{inner}<o:p></o:p></p></td>")
            else:
                inner = f"<p>{inner}</p>" if rng.random() < 0.7 else inner
                tag = "th" if r < header else "td"
                cells.append(f"<{tag}{span}>{inner}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def render_html(report: dict[str, Any], rng: random.Random) -> str:
    """HTML with rowspan/colspan: Word-exported (spans that split numbers, `<o:p>`, labels
    broken over `<p>`) or CMS style (`<br />`, `&nbsp;` blanks)."""
    style = _style(report, "html", rng)

    def para(text: str) -> str:
        if style["word_html"]:
            return f'<p class="MsoNormal" style="text-indent:32pt;"><span style="font-size:16pt;">{text}</span></p>'
        return f'<p style="text-indent:2em;">{text}</p>'

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        return [_html_table(model, style, rng)]

    blocks = _document(report, rng, style, table, para)
    charset = style.get("charset", "utf-8")
    head = f"<title>{blocks[0]}</title>"
    body = [f'<p align="center"><b>{blocks[0]}</b></p>', *blocks[1:]]
    if style["word_html"]:
        return ('<html xmlns:o="urn:schemas-microsoft-com:office:office">\n<head>\n'
                f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
                f"{head}\n</head>\n<body lang=ZH-CN>\n<div class=WordSection1>\n" + "\n".join(body)
                + "\n</div>\n</body>\n</html>\n")
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="{charset}">\n' + head
            + '\n</head>\n<body>\n<div class="article">\n' + "\n".join(body) + "\n</div>\n</body>\n</html>\n")


RENDERERS: dict[str, Callable[[dict[str, Any], random.Random], str]] = {
    "tabs": render_tabs, "spaces": render_spaces, "cells": render_cells, "html": render_html,
    "markdown": render_markdown, "pdf": render_pdf, "crawler": render_crawler,
}
EXTENSIONS = {"tabs": "txt", "spaces": "txt", "cells": "txt", "html": "html", "markdown": "md",
              "pdf": "txt", "crawler": "txt"}


def render(layout: str, report: dict[str, Any], rng: random.Random) -> str:
    """The text of `report` in `layout` (HTML declares `style["charset"]`, utf-8 by default)."""
    return RENDERERS[layout](report, rng)


# ---------------------------------------------------------------------------------------------
# Files that are not reports.

def render_notice(agency: str, year: int, rng: random.Random) -> str:
    """A notice about the annual reports, not a report: the same words, no tables."""
    return PROSE["notice"]["text"].format(agency=agency, year=year, next_year=year + 1, day=rng.randint(10, 25),
                                          sign_day=rng.randint(1, 28))


def render_old_report(agency: str, year: int, rng: random.Random) -> str:
    """A free-form report from before the 2019 format: prose figures, no statistical tables."""
    applications = rng.randint(0, 60)
    granted = rng.randint(0, applications)
    return PROSE["old_report"]["text"].format(agency=agency, year=year, applications=applications, granted=granted,
                                              published=rng.randint(20, 900))


def junk_bytes(rng: random.Random) -> bytes:
    """Binary junk a crawler saved as a report: an image or archive header and noise."""
    magic = rng.choice((b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\xff\xd8\xff\xe0", b"%PDF-1.4\n%\xe2\xe3"))
    return magic + rng.randbytes(rng.randint(200, 4000))
