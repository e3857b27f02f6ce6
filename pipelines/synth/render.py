"""Renderers: a report dict → the text of a report file in one layout. Pure functions.

Every renderer has the signature

    render_<layout>(report: dict, rng: random.Random) -> str

for layout in LAYOUTS: `tabs`, `spaces`, `cells`, `html`, `markdown`, `pdf`, `crawler`.
`RENDERERS` maps the layout name to the function.

`report` is a dict in the gold schema of the spec: `agency`, `year`, `template` and any of the
tables `active`, `applications`, `review_litigation` (a table left out is not printed). Optional
keys: `style` (a dict from `draw_style(layout, rng)`; drawn from `rng` when absent, so the caller
that needs to know the choices draws it first) and `facts` (true figures the prose states:
`published` items proactively published, `new`, `carried_over`, `handled`, `carried_forward`,
`review`, `litigation`; taken from the tables when absent). The printed numbers are exactly the
table values, so parsing the output must give back the tables — except where the `crawler`
layout runs digits together ambiguously (`crawler_ambiguities` says where).

Non-reports: `render_notice(agency, year, rng)`, `render_old_report(agency, year, rng)` (a free-form
pre-2019 report) and `junk_bytes(rng)` (binary junk).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from pipelines import spec

LAYOUTS = ("tabs", "spaces", "cells", "html", "markdown", "pdf", "crawler")

# ---------------------------------------------------------------------------------------------
# Style: the choices a report's author, its software and its copy path made.

ZERO_STYLES = ("0", "", "—", "/", "无")
# Layouts that lose empty cells cannot print a zero as a blank.
_NO_BLANK = {"spaces", "pdf", "pdf-file", "crawler"}
NUMBERINGS = {"dot": "{n}.", "dot_space": "{n}. ", "fw_dot": "{n}．", "comma": "{n}、", "none": "{n}"}
TITLES = (
    "{agency}{year}年度政府信息公开工作年度报告",
    "{year}年{agency}政府信息公开工作年度报告",
    "{agency}{year}年政府信息公开工作年度报告",
    "{agency}关于{year}年度政府信息公开工作的年度报告",
)


def draw_style(layout: str, rng: random.Random) -> dict[str, Any]:
    """The presentation choices of one report; all renderers read them from the same keys."""
    zeros = [z for z in ZERO_STYLES if not (z == "" and layout in _NO_BLANK)]
    crawler = layout == "crawler"
    return {
        "zero": "0" if crawler or rng.random() < 0.6 else rng.choice(zeros),
        "fullwidth": not crawler and rng.random() < 0.08,
        "plus": not crawler and rng.random() < 0.3,
        "numbering": rng.choices(list(NUMBERINGS), weights=(6, 2, 1, 1, 2))[0],
        "brackets": "full" if rng.random() < 0.7 else "half",
        "short_normative": rng.random() < 0.2,
        "short_labels": rng.random() < 0.15,
        "yuan_suffix": rng.random() < 0.3,
        "procurement_wan": rng.random() < 0.2,  # 采购总金额 printed in 万元
        "title": rng.randrange(len(TITLES)),
        "word_html": rng.random() < 0.6,
        "split_digits": rng.random() < 0.4,
        "break_labels": rng.random() < 0.5,
        "compact": rng.random() < 0.3,
        "aligned": rng.random() < 0.6,
        "crawler_spaces": rng.random() < 0.3,
    }


_FW = str.maketrans("0123456789.-+", "０１２３４５６７８９．－＋")


def fmt_number(value: Any, metric: str, style: dict[str, Any]) -> str:
    """How one cell's value is printed."""
    if type(value) is int and not style.get("fullwidth") and (value > 0 and metric != "change"):
        return str(value)  # the common case, fast
    if isinstance(value, float) or metric in spec.MONEY_METRICS:
        text = f"{float(value):.6f}".rstrip("0").rstrip(".") if value else "0"
        if metric == "amount_yuan" and style.get("yuan_suffix") and value:
            text += "元"
    else:
        text = str(value)
    if value == 0 and text == "0":
        text = style.get("zero", "0")
    elif metric == "change" and style.get("plus") and value > 0:
        text = "+" + text
    return text.translate(_FW) if style.get("fullwidth") else text


def _br(style: dict[str, Any], text: str) -> str:
    return f"（{text}）" if style["brackets"] == "full" else f"({text})"


def _num(style: dict[str, Any], n: int) -> str:
    return NUMBERINGS[style["numbering"]].format(n=n)


# ---------------------------------------------------------------------------------------------
# The table model: rows of cells with spans, as the official format draws them.

class Cell(NamedTuple):
    text: str
    rs: int = 1
    cs: int = 1
    num: bool = False


_CN = "一二三四五六七八九"
_ACTIVE_SECTIONS = {
    "v2021": (("一", ("rules", "normative_docs")), ("五", ("licensing",)),
              ("六", ("punishment", "enforcement")), ("八", ("fees",))),
    "v2019": (("一", ("rules", "normative_docs")), ("五", ("licensing", "other_services")),
              ("六", ("punishment", "enforcement")), ("八", ("fees",)), ("九", ("procurement",))),
}


def _metric_label(metric: str, style: dict[str, Any], template: str) -> str:
    if metric == "amount_yuan" and style.get("procurement_wan"):
        return "采购总金额（万元）"
    variant = (style.get("metric_labels") or {}).get(metric)  # another of the spec's labels (tests)
    if variant is not None:
        return spec.METRIC_LABELS[metric][variant]
    if metric == "decisions" and template == "v2019":
        return "处理决定数量"  # as the 2019 template prints it (2021's: 本年处理决定数量)
    return {"amount_10k_yuan": "本年收费金额（单位：万元）"}.get(metric, spec.METRIC_LABELS[metric][0])


def _active_value(value: Any, metric: str, style: dict[str, Any]) -> str:
    if metric == "amount_yuan" and style.get("procurement_wan") and value:
        wan = f"{float(value) / 10000:.6f}".rstrip("0").rstrip(".")
        return wan.translate(_FW) if style.get("fullwidth") else wan
    return fmt_number(value, metric, style)


def active_model(report: dict[str, Any], style: dict[str, Any]) -> list[list[Cell]]:
    template, table = report["template"], report["active"]
    items = spec.ACTIVE_ITEMS[template]
    rows: list[list[Cell]] = []
    for number, section in _ACTIVE_SECTIONS[template]:
        metrics = items[section[0]]
        if style.get("metric_order_reversed"):  # (a report may print its columns in another order)
            metrics = metrics[::-1]
        pad = 4 - len(metrics)  # the table is four columns wide; the last cell spans the rest
        rows.append([Cell(f"第二十条第{_br(style, number)}项", cs=4)])
        rows.append([Cell("信息内容"), *(Cell(_metric_label(m, style, template), cs=1 + pad * (i == len(metrics) - 1))
                                      for i, m in enumerate(metrics))])
        for item in section:
            label = spec.ACTIVE_LABELS[item][0]
            if item == "normative_docs" and (template == "v2019" or style["short_normative"]):
                label = "规范性文件"
            rows.append([Cell(label), *(Cell(_active_value(table[item][m], m, style), num=True,
                                             cs=1 + pad * (i == len(metrics) - 1))
                                        for i, m in enumerate(metrics))])
    return rows


def _application_labels(template: str, style: dict[str, Any]) -> dict[str, tuple[str | None, str | None, str]]:
    """row code -> (group label, subgroup label, row label), group/subgroup None for plain rows."""
    short = style["short_labels"]
    br, num = (lambda t: _br(style, t)), (lambda n: _num(style, n))
    group = "三、本年度办理结果"
    out: dict[str, tuple[str | None, str | None, str]] = {
        "new": (None, None, "一、本年新收政府信息公开申请数量"),
        "carried_over": (None, None, "二、上年结转政府信息公开申请数量"),
        "granted": (group, None, br("一") + "予以公开"),
        "partial": (group, None, br("二") + ("部分公开" if short else
                                            "部分公开" + br("区分处理的，只计这一情形，不计其他情形"))),
    }
    subgroups = (
        ("三", "不予公开", [r for r in spec.OUTCOMES[template] if r.startswith("denied_")]),
        ("四", "无法提供", [r for r in spec.OUTCOMES[template] if r.startswith("unable_")]),
        ("五", "不予处理", [r for r in spec.OUTCOMES[template] if r.startswith("rejected_")]),
    )
    if template == "v2021":
        subgroups += (("六", "其他处理", ["other_no_correction", "other_no_fee", "other_misc"]),)
    for cn, name, rows in subgroups:
        for i, row in enumerate(rows, 1):
            label = spec.APPLICATION_LABELS[row][0]
            if row == "denied_three_safety":
                label = "危及三安全一稳定" if short else "危及“三安全一稳定”"
            out[row] = (group, br(cn) + name, num(i) + label)
    if template == "v2019":
        out["other"] = (group, None, br("六") + "其他处理")
    out["total_handled"] = (group, None, br("七") + "总计")
    out["carried_forward"] = (None, None, "四、结转下年度继续办理")
    return out


def applications_model(report: dict[str, Any], style: dict[str, Any]) -> list[list[Cell]]:
    template, table = report["template"], report["applications"]
    # the five legal-person columns in the order printed (a report may print them in another)
    legal = style.get("applicant_order") or spec.APPLICANT_PARTS[1:]
    columns = (spec.APPLICANTS[0], *legal, spec.APPLICANTS[-1])
    rows: list[list[Cell]] = [
        [Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rs=3, cs=3),
         Cell("申请人情况", cs=7)],
        [Cell("自然人", rs=2), Cell("法人或其他组织", cs=5), Cell("总计", rs=2)],
        [Cell(spec.APPLICANT_LABELS[c][0]) for c in legal],
    ]
    labels = _application_labels(template, style)
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
        cells.extend(Cell(fmt_number(table[row][c], c, style), num=True) for c in columns)
        rows.append(cells)
    return rows


def review_model(report: dict[str, Any], style: dict[str, Any]) -> list[list[Cell]]:
    table = report["review_litigation"]
    # (a report may print its outcomes, or its two litigation groups, in another order)
    order = style.get("outcome_order") or spec.REVIEW_OUTCOMES
    groups = spec.REVIEW_GROUPS
    if style.get("litigation_swapped"):
        groups = (groups[0], groups[2], groups[1])
    outcomes = [Cell(spec.REVIEW_OUTCOME_LABELS[o][0]) for o in order]
    return [
        [Cell("行政复议", cs=5), Cell("行政诉讼", cs=10)],
        [*(Cell(c.text, rs=2) for c in outcomes), *(Cell(spec.REVIEW_GROUP_LABELS[g][0], cs=5) for g in groups[1:])],
        outcomes + outcomes,
        [Cell(fmt_number(table[g][o], o, style), num=True) for g in groups for o in order],
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

HEADINGS = {
    "overview": "一、总体情况",
    "active": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}


def facts_of(report: dict[str, Any]) -> dict[str, int]:
    """The figures the prose states: given in `facts`, else read from the tables."""
    facts = dict(report.get("facts") or {})
    apps, review = report.get("applications"), report.get("review_litigation")
    if apps:
        facts.setdefault("new", apps["new"]["total"])
        facts.setdefault("carried_over", apps["carried_over"]["total"])
        facts.setdefault("handled", apps["total_handled"]["total"])
        facts.setdefault("carried_forward", apps["carried_forward"]["total"])
    if review:
        facts.setdefault("review", review["review"]["total"])
        facts.setdefault("litigation", review["litigation_direct"]["total"]
                         + review["litigation_after_review"]["total"])
    facts.setdefault("published", 0)
    return facts


_WE = ("我局", "我委", "本机关", "我单位")


def prose(report: dict[str, Any], rng: random.Random) -> dict[str, list[str]]:
    """Paragraphs of the prose sections, keyed like HEADINGS, plus `preface`."""
    agency, year = report["agency"], report["year"]
    f = facts_of(report)
    we = "我府" if agency.endswith("人民政府") else "我办" if "办公" in agency else \
        "我街道" if agency.endswith("办事处") else rng.choice(_WE)
    preface = [
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。报告全文包括总体情况、"
        f"主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
        f"存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自{year}年1月1日起至"
        f"{year}年12月31日止。",
    ]
    overview = [
        f"{year}年，{we}认真贯彻落实《条例》和上级关于政务公开工作的部署要求，坚持以公开为常态、不公开为例外，"
        f"持续深化重点领域信息公开，不断提升政务公开质量。",
        f"{_br_text(rng, '一')}主动公开情况。全年主动公开政府信息{f['published']}条，"
        f"通过政府门户网站、政务新媒体等渠道及时发布工作动态、政策文件和政策解读。",
    ]
    if "new" in f:
        if f["new"] == 0:
            overview.append(f"{_br_text(rng, '二')}依申请公开情况。全年未收到政府信息公开申请，"
                            f"上年结转政府信息公开申请{f['carried_over']}件。")
        else:
            overview.append(
                f"{_br_text(rng, '二')}依申请公开情况。{year}年共收到政府信息公开申请{f['new']}件，"
                f"上年结转{f['carried_over']}件，已办结{f['handled']}件，结转下年度继续办理{f['carried_forward']}件。")
    if "review" in f:
        overview.append(
            f"因政府信息公开引发行政复议{f['review']}件、行政诉讼{f['litigation']}件。"
            if f["review"] or f["litigation"] else "全年未发生因政府信息公开引发的行政复议、行政诉讼。")
    overview.append(
        f"{_br_text(rng, '三')}政府信息管理情况。严格落实信息发布审核制度，"
        f"做好{HEADINGS['active'][2:]}的统计和公开属性源头认定工作。")
    overview.append(f"{_br_text(rng, '四')}平台建设情况。优化政府信息公开专栏，"
                    f"按要求更新公开指南和公开目录，全年更新栏目{rng.randint(3, 40)}个。")
    problems = [
        "存在的主要问题：一是政策解读形式还不够丰富，图解、视频等解读方式运用较少；"
        "二是部分工作人员业务能力有待提升，信息发布的及时性还需加强。",
        f"改进措施：{year + 1}年，{we}将进一步加强政务公开业务培训，完善信息发布审核机制，"
        "丰富政策解读形式，持续提升政务公开工作水平。",
    ]
    other = [rng.choice((
        "无。", f"{year}年未收取信息处理费。", "本年度无其他需要报告的事项。",
        f"{we}{year}年度未收取政府信息公开信息处理费。",
    ))]
    return {"preface": preface, "overview": overview, "problems": problems, "other": other}


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


def _document(report: dict[str, Any], rng: random.Random, style: dict[str, Any],
              table_text: Callable[[str, list[list[Cell]]], list[str]], para: Callable[[str], str] = str,
              ) -> list[str]:
    """The report as blocks of text in section order; `table_text` renders one table."""
    p = prose(report, rng)
    out = [title(report, style)]
    if rng.random() < 0.5:
        out += [para(x) for x in p["preface"]]
    out.append(para(HEADINGS["overview"]))
    out += [para(x) for x in p["overview"]]
    models = dict(_models(report, style))
    for name in ("active", "applications", "review_litigation"):
        out.append(para(HEADINGS[name]))
        if name in models:
            out += table_text(name, models[name])
        else:
            out.append(para("本年度无相关数据。" if rng.random() < 0.5 else "无。"))
    for name in ("problems", "other"):
        out.append(para(HEADINGS[name]))
        out += [para(x) for x in p[name]]
    return out


def document_blocks(report: dict[str, Any], rng: random.Random) -> list[str | list[list[Cell]]]:
    """The report as paragraphs and table models in section order, for a writer of a format
    that is not text (a Word document's paragraphs and tables)."""
    return _document(report, rng, _style(report, "html", rng), lambda _, model: [model])  # type: ignore[arg-type, return-value]


# ---------------------------------------------------------------------------------------------
# Text layouts.

def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def render_tabs(report: dict[str, Any], rng: random.Random) -> str:
    """A row per line, cells split by tabs (a table copied out of Word or a web page)."""
    style = _style(report, "tabs", rng)

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        lines = []
        for row in expand(model):
            cells = [c.text for c in row if c.num or c.text or not style["compact"]]
            lines.append("\t".join(cells).rstrip("\t") if style["compact"] else "\t".join(cells))
        return [*lines, ""]

    return "\n".join(_document(report, rng, style, table)) + "\n"


def render_spaces(report: dict[str, Any], rng: random.Random) -> str:
    """A row per line, cells split by runs of spaces: aligned columns or ragged runs."""
    style = _style(report, "spaces", rng)

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        grid = [[c.text for c in row] for row in expand(model)]
        if style["aligned"]:
            widths = [max(_display_width(r[i]) for r in grid) for i in range(len(grid[0]))]
            return [
                "  ".join(t + " " * (w - _display_width(t)) for t, w in zip(r, widths, strict=True)).rstrip()
                for r in grid
            ] + [""]
        return ["".join(t + " " * rng.randint(2, 5) for t in r if t).rstrip() for r in grid] + [""]

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
                elif not cell.num and style["break_labels"] and len(text) > 5 and rng.random() < 0.25:
                    text = _break_label(text, rng)
                lines.append(lead + text)
            lines.append("")
        return lines

    return "\n".join(_document(report, rng, style, table)) + "\n"


def render_markdown(report: dict[str, Any], rng: random.Random) -> str:
    """Markdown pipe tables (a converter's output), with `##` headings."""
    style = _style(report, "markdown", rng)

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        grid = [[c.text for c in row] for row in expand(model)]
        lines = ["| " + " | ".join(grid[0]) + " |", "|" + "---|" * len(grid[0])]
        lines += ["| " + " | ".join(r) + " |" for r in grid[1:]]
        return [*lines, ""]

    def para(text: str) -> str:
        return f"## {text}" if text in HEADINGS.values() else text

    return "\n\n".join(_document(report, rng, style, table, para)) + "\n"


PAGE_MARKS = ("— {n} —", "- {n} -", "第 {n} 页 共 {total} 页", "{n}")


def render_pdf(report: dict[str, Any], rng: random.Random) -> str:
    """Text extracted from a PDF: prose wrapped at a fixed width, table rows on lines with cells
    split by single spaces, long labels broken mid-word across lines, page footers (and a
    repeated header line) inside tables."""
    style = _style(report, "pdf", rng)
    total_pages = rng.randint(4, 9)
    page = [rng.randint(1, 2)]
    mark = rng.choice(PAGE_MARKS)
    header_line = f"{report['agency']}{report['year']}年度政府信息公开工作年度报告" if rng.random() < 0.3 else None

    def footer() -> list[str]:
        page[0] += 1
        lines = [mark.format(n=page[0] - 1, total=total_pages)]
        return [*lines, header_line] if header_line else lines

    def table(_: str, model: list[list[Cell]]) -> list[str]:
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
    month = rng.randint(1, 3)
    day, hour, minute = rng.randint(1, 28), rng.randint(8, 18), rng.randint(0, 59)
    when = f"{report['year'] + 1}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}"
    link = f"http://www.example.gov.cn/zwgk/nb/{report['year'] + 1}{month:02d}/t{rng.randint(10**7, 10**8)}.html"
    head = [
        f"标题: {title(report, style)}",
        f"发布时间: {when}",
        "文号: ",
        f"发布机构: {report['agency'] if rng.random() < 0.5 else ''}",
        "栏目: 政府信息公开年报",
        f"原文链接: {link}",
        "==================== 正文 ====================",
    ]

    def table(_: str, model: list[list[Cell]]) -> list[str]:
        out = []
        for row in model:
            for cell in row:
                out.append(cell.text)
                if style["crawler_spaces"] and not cell.num and rng.random() < 0.2:
                    out.append(" ")  # a stray &nbsp; that survived
        return ["".join(out)]

    crumbs = "当前位置：首页 > 政务公开 > 政府信息公开年报 " if rng.random() < 0.6 else ""
    body = "".join(_document(report, rng, style, table, lambda t: t))
    return "\n".join(head) + "\n" + crumbs + body + (" 附件下载" if rng.random() < 0.3 else "")


# ---------------------------------------------------------------------------------------------
# HTML.

_WORD_TD = ('<td width="{w}" valign="center"{span} style="width:{pt}pt;padding:0pt 5.4pt 0pt 5.4pt;'
            'border:solid windowtext 1.0pt;">')
_WORD_P = '<p class="MsoNormal" align="center" style="text-align:center;line-height:13pt;">'


def _html_text(text: str, style: dict[str, Any], num: bool, rng: random.Random) -> str:
    word = style["word_html"]
    if num:
        if text == "":
            return "&nbsp;"
        if word and style["split_digits"] and len(text) > 1 and rng.random() < 0.5:
            return "".join(f'<span style="font-size:12pt;">{ch}</span>' for ch in text)
        return f'<span style="font-size:12pt;">{text}</span>' if word else text
    if style["break_labels"] and len(text) > 5 and rng.random() < 0.3:
        cut = rng.randint(2, len(text) - 2)
        if word:  # the label broken over two paragraphs of one cell
            return (f'<span style="font-size:12pt;">{text[:cut]}</span><o:p></o:p></p>{_WORD_P}'
                    f'<span style="font-size:12pt;">{text[cut:]}</span>')
        return f"{text[:cut]}<br />{text[cut:]}"
    if text == "":
        return "&nbsp;"
    return f'<span style="font-size:12pt;">{text}</span>' if word else text


def _html_table(model: list[list[Cell]], style: dict[str, Any], rng: random.Random) -> str:
    word = style["word_html"]
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
           'style="border-collapse:collapse;">' if word else '<table border="1" width="100%">', "<tbody>"]
    for row in model:
        cells = []
        for cell in row:
            span = (f' rowspan="{cell.rs}"' if cell.rs > 1 else "") + (f' colspan="{cell.cs}"' if cell.cs > 1 else "")
            inner = _html_text(cell.text, style, cell.num, rng)
            if word:
                w = 48 * cell.cs
                cells.append(_WORD_TD.format(w=w, pt=f"{w * 0.75:.4f}", span=span)
                             + f"{_WORD_P}{inner}<o:p></o:p></p></td>")
            else:
                inner = f"<p>{inner}</p>" if rng.random() < 0.7 else inner
                cells.append(f"<td{span}>{inner}</td>")
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
    return (
        f"关于做好{year}年度政府信息公开工作年度报告编制发布工作的通知\n\n各乡镇人民政府、街道办事处，各部门：\n"
        f"根据《中华人民共和国政府信息公开条例》规定，现就做好{year}年度政府信息公开工作年度报告"
        f"（以下简称年度报告）编制和发布工作通知如下：\n一、各单位应于{year + 1}年1月31日前在本单位政府信息公开专栏"
        "发布年度报告，内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。\n"
        "二、年度报告统计表格应严格按照国务院办公厅政府信息与政务公开办公室印发的格式填报，确保数据准确。\n"
        f"三、请各单位于{year + 1}年1月{rng.randint(10, 25)}日前将年度报告报送{agency}。\n\n"
        f"{agency}\n{year}年12月{rng.randint(1, 28)}日\n"
    )


def render_old_report(agency: str, year: int, rng: random.Random) -> str:
    """A free-form report from before the 2019 format: prose figures, no statistical tables."""
    applications, granted = rng.randint(0, 60), 0
    granted = rng.randint(0, applications)
    return (
        f"{agency}{year}年政府信息公开工作年度报告\n\n"
        f"本年度报告根据《中华人民共和国政府信息公开条例》要求编制。全文包括概述，主动公开政府信息情况，"
        f"依申请公开政府信息情况，政府信息公开的收费及减免情况，因政府信息公开申请提起行政复议、行政诉讼的情况，"
        f"政府信息公开工作存在的主要问题及改进情况。\n一、概述\n{year}年，我单位认真贯彻落实《条例》，"
        f"进一步规范政府信息公开工作。\n二、主动公开政府信息情况\n全年主动公开政府信息{rng.randint(20, 900)}条。\n"
        f"三、依申请公开政府信息情况\n全年共受理政府信息公开申请{applications}件，其中同意公开{granted}件，"
        f"其余均已依法答复。\n四、政府信息公开的收费及减免情况\n未收取任何费用。\n"
        f"五、因政府信息公开申请提起行政复议、行政诉讼的情况\n无。\n六、存在的主要问题及改进情况\n"
        "信息公开的及时性有待加强。\n"
    )


def junk_bytes(rng: random.Random) -> bytes:
    """Binary junk a crawler saved as a report: an image or archive header and noise."""
    magic = rng.choice((b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\xff\xd8\xff\xe0", b"%PDF-1.4\n%\xe2\xe3"))
    return magic + rng.randbytes(rng.randint(200, 4000))


# ---------------------------------------------------------------------------------------------
# Where the crawler layout's run-together digits cannot be split back by the sums.

_NUM = re.compile(r"^(0|[1-9]\d*)$")


def _pieces(run: str, k: int, limit: int, bound: int | None = None) -> list[tuple[int, ...]]:
    """Ways to cut a digit run into k integers without leading zeros (at most `limit`), their
    sum at most `bound` when given."""
    out: list[tuple[int, ...]] = []

    def walk(pos: int, left: int, acc: tuple[int, ...], total: int) -> None:
        if len(out) >= limit:
            return
        rest = len(run) - pos
        if left == 1:
            piece = run[pos:]
            if piece and (piece == "0" or piece[0] != "0"):
                value = int(piece)
                if bound is None or total + value <= bound:
                    out.append((*acc, value))
            return
        longest = 1 if run[pos] == "0" else rest - left + 1
        for size in range(1, longest + 1):
            value = int(run[pos:pos + size])
            if bound is not None and total + value > bound:
                break
            walk(pos + size, left - 1, (*acc, value), total + value)

    if 0 < k <= len(run):
        walk(0, k, (), 0)
    return out


def _splits(run: str, k: int, limit: int = 50) -> list[tuple[int, ...]]:
    return _pieces(run, k, limit)


def _row_splits(run: str) -> list[tuple[int, ...]]:
    """Splits of an applications row (six parts and their total) that satisfy rule 3."""
    out = []
    n = len(run)
    for tail in range(1, min(n - 6, 9) + 1):  # the total is the last few digits
        total = run[n - tail:]
        if not _NUM.match(total):
            continue
        out += [(*p, int(total)) for p in _pieces(run[:n - tail], 6, 50, bound=int(total))
                if sum(p) == int(total)]
    return out


def crawler_ambiguities(report: dict[str, Any], style: dict[str, Any] | None = None) -> list[str]:
    """Rows of the crawler layout whose run-together digits split more than one way under the
    spec's sums ("table/row"); empty when every run has a unique reading."""
    style = style or {"zero": "0", "fullwidth": False, "plus": False, "yuan_suffix": False}
    found = []
    for item, cells in (report.get("active") or {}).items():
        texts = [_active_value(v, m, style) for m, v in cells.items()]
        if len(texts) > 1 and all(_NUM.match(t) for t in texts) and len(_splits("".join(texts), len(texts), 2)) > 1:
            found.append(f"active/{item}")
        elif len(texts) > 1 and not all(_NUM.match(t) for t in texts):
            found.append(f"active/{item}")  # signs, decimals, units: no rule to check a cut
    apps = report.get("applications")
    if apps:
        template = report["template"]
        cands = {row: _row_splits("".join(str(apps[row][c]) for c in spec.APPLICANTS)) for row in apps}
        loose = [row for row, c in cands.items() if len(c) != 1]
        if loose and _count_table_solutions(cands, template, limit=2) != 1:
            found += [f"applications/{row}" for row in loose]
    review = report.get("review_litigation")
    if review:
        run = "".join(str(review[g][o]) for g in spec.REVIEW_GROUPS for o in spec.REVIEW_OUTCOMES)
        if _count_review_solutions(run, 3, limit=2) != 1:
            found.append("review_litigation")
    return found


def _count_table_solutions(cands: dict[str, list[tuple[int, ...]]], template: str, limit: int) -> int:
    rows = list(cands)
    rules = [r for r in spec.sum_rules(template) if r.rule in ("rule1", "rule2")]
    cols = {c: i for i, c in enumerate(spec.APPLICANTS)}
    count = 0

    def ok(pick: dict[str, tuple[int, ...]]) -> bool:
        return all(sum(pick[r][cols[c]] for r, c in rule.left) == sum(pick[r][cols[c]] for r, c in rule.right)
                   for rule in rules)

    def walk(i: int, pick: dict[str, tuple[int, ...]]) -> None:
        nonlocal count
        if count >= limit:
            return
        if i == len(rows):
            count += ok(pick)
            return
        for cand in cands[rows[i]]:
            pick[rows[i]] = cand
            walk(i + 1, pick)

    space = 1
    for c in cands.values():
        space *= max(len(c), 1)
    if space == 0 or any(not c for c in cands.values()):
        return 0
    if space > 20000:
        return limit  # too many readings to check: call it ambiguous
    walk(0, {})
    return count


def _count_review_solutions(run: str, groups: int, limit: int) -> int:
    """Readings of the review/litigation run as `groups` groups of four parts and their total."""
    if groups == 0:
        return int(run == "")
    count = 0
    for end in range(4, len(run)):
        for parts in _pieces(run[:end], 4, 500):
            total = str(sum(parts))
            if run.startswith(total, end):
                count += _count_review_solutions(run[end + len(total):], groups - 1, limit)
                if count >= limit:
                    return count
    return count
