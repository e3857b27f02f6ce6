"""How a report prints: the presentation choices of one report (its style) and the small pieces
every layout shares — numbers, brackets, numbering, labels.

A style comes from `draw_style(layout, rng)`: the choices of the `plain` generator. A `varied`
report adds `vary_style(style, layout, rng)`: a `varied` dict of the ways real agencies differ
(label wordings and abbreviations, numbering, brackets and quotes, stray spaces, blank-cell
conventions, header shapes, page furniture). Renderers read `style["varied"]` where a choice is
theirs; without it they print exactly as the plain generator does. Every label is taken from
`pipelines.spec` (the template files); the generator's own data files hold only its prose.
"""

from __future__ import annotations

import random
from typing import Any

from pipelines import spec

from .data import load_data

PROSE = load_data("prose")


# what a report prints for a zero or an empty cell (the plain generator's, and varied reports')
ZERO_STYLES: tuple[str, ...] = tuple(PROSE["cells"]["zero_styles"])
VARIED_ZEROS: tuple[str, ...] = tuple(PROSE["cells"]["varied_zeros"])
# the conventions a cell may be printed in besides its table's (never a blank: layouts lose them)
_MIXED_ZEROS: tuple[str, ...] = tuple(z for z in ZERO_STYLES if z)
# Layouts that lose empty cells cannot print a zero as a blank.
NO_BLANK = frozenset({"spaces", "pdf", "pdf-file", "crawler"})
NUMBERINGS = {"dot": "{n}.", "dot_space": "{n}. ", "fw_dot": "{n}．", "comma": "{n}、", "none": "{n}"}
# the numbering of the outcome groups: a numeral in full- or half-width brackets, or followed by a comma
GROUP_NUMBERINGS = ("bracket", "bracket_space", "dun")
TITLES: tuple[str, ...] = tuple(PROSE["titles"])
# the quotes of a quoted label (the label's own are the first pair)
QUOTES = ("“”", '""', "「」", "‘’", "")
# the shapes of table 4 (review and litigation)
REVIEW_SHAPES = ("row15", "stacked", "grouped", "rows")
# the shapes of table 3's applicant header
APPLICANT_HEADERS = ("three", "two")


def draw_style(layout: str, rng: random.Random) -> dict[str, Any]:
    """The presentation choices of one report; all renderers read them from the same keys."""
    zeros = [z for z in ZERO_STYLES if not (z == "" and layout in NO_BLANK)]
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
        "procurement_wan": rng.random() < 0.2,  # procurement's amount printed in 10k yuan
        "title": rng.randrange(len(TITLES)),
        "word_html": rng.random() < 0.6,
        "split_digits": rng.random() < 0.4,
        "break_labels": rng.random() < 0.5,
        "compact": rng.random() < 0.3,
        "aligned": rng.random() < 0.6,
        "crawler_spaces": rng.random() < 0.3,
    }


def vary_style(style: dict[str, Any], layout: str, rng: random.Random) -> dict[str, Any]:
    """`style` with the choices of a varied report under `style["varied"]`, drawn per report (the
    renderers draw some per table, row or cell from `seed`)."""
    crawler = layout == "crawler"
    zeros = [z for z in VARIED_ZEROS if not (z == "" and layout in NO_BLANK)]
    main_zero = "0" if crawler or rng.random() < 0.5 else rng.choice(zeros)

    def zero_of_table() -> str:
        return main_zero if crawler or rng.random() < 0.8 else rng.choice(zeros)

    varied = {
        "seed": rng.randrange(2**32),
        # label wordings: the share of labels printed in one of spec's other phrases
        "abbreviate": rng.choice((0.0, 0.0, 0.0, 0.15, 0.4)),
        "short_normative": rng.random() < 0.35,
        "quotes": rng.choices(QUOTES, weights=(6, 3, 1, 1, 3))[0],
        "numbering": rng.choices(list(NUMBERINGS), weights=(6, 2, 1, 3, 2))[0],
        "group_numbering": rng.choices(GROUP_NUMBERINGS, weights=(6, 3, 1))[0],
        "brackets": rng.choices(("full", "half", "mixed"), weights=(5, 3, 2))[0],
        "article_spaced": rng.random() < 0.25,
        "partial_note": rng.random() < 0.7,
        # stray spaces inside labels: the share of labels that carry one (a space or a full-width one)
        "label_spaces": rng.choice((0.0, 0.0, 0.05, 0.2)),
        # blank cells: one convention per table, a share of cells printed another way
        "zeros": {t: zero_of_table() for t in spec.TABLES},
        "zero_mix": 0.0 if crawler else rng.choice((0.0, 0.0, 0.0, 0.1)),
        "fullwidth": {t: not crawler and rng.random() < 0.06 for t in spec.TABLES},
        "review_shape": "row15" if crawler else rng.choices(REVIEW_SHAPES, weights=(5, 2, 2, 2))[0],
        "applicant_header": rng.choices(APPLICANT_HEADERS, weights=(4, 1))[0],
        "balance_note": rng.random() < 0.9,
        "captions": rng.random() < 0.15,
        # line breaks inside labels: the share of long labels broken, and into how many pieces at most
        "breaks": rng.choice((0.0, 0.1, 0.3, 0.6)),
        "pieces": rng.choice((2, 2, 3, 4)),
        # text layouts: separators and padding
        "separator": rng.choice(("single", "runs", "mixed")),
        "pad_numbers": rng.random() < 0.3,
        "blank_lines": rng.random() < 0.2,
        # page furniture inside tables (text of PDFs): page marks, a running title, repeated headers
        "page_breaks": rng.choice((0, 1, 1, 2)),
        "running_title": rng.random() < 0.3,
        "repeat_header": rng.random() < 0.4,
        # PDF text: where a label's lines fall around its numbers; header cells wrapped in their width
        "header_wrap": rng.random() < 0.5,
        "spread_groups": rng.random() < 0.6,
        # prose: extra paragraphs and sections, section numbering
        "extra_paragraphs": rng.randint(0, 4),
        "extra_sections": rng.choice((0, 0, 0, 1, 2)),
        "heading_style": rng.choices(("dun", "dot", "none"), weights=(8, 1, 1))[0],
        "tables_renumbered": rng.random() < 0.1,
    }
    return {**style, "varied": varied}


_FW = str.maketrans("0123456789.-+", "０１２３４５６７８９．－＋")
_YUAN: str = spec.MONEY_METRICS["amount_yuan"]


def fmt_number(value: Any, metric: str, style: dict[str, Any]) -> str:
    """How one cell's value is printed."""
    if type(value) is int and not style.get("fullwidth") and (value > 0 and metric != "change"):
        return str(value)  # the common case, fast
    if isinstance(value, float) or metric in spec.MONEY_METRICS:
        text = f"{float(value):.6f}".rstrip("0").rstrip(".") if value else "0"
        if metric == "amount_yuan" and style.get("yuan_suffix") and value:
            text += _YUAN
    else:
        text = str(value)
    if value == 0 and text == "0":
        text = style.get("zero", "0")
    elif metric == "change" and style.get("plus") and value > 0:
        text = "+" + text
    return text.translate(_FW) if style.get("fullwidth") else text


def active_value(value: Any, metric: str, style: dict[str, Any]) -> str:
    """A cell of table 2 (procurement's amount may be printed in 10k yuan)."""
    if metric == "amount_yuan" and style.get("procurement_wan") and value:
        wan = f"{float(value) / 10000:.6f}".rstrip("0").rstrip(".")
        return wan.translate(_FW) if style.get("fullwidth") else wan
    return fmt_number(value, metric, style)


def table_style(style: dict[str, Any], table: str) -> dict[str, Any]:
    """The style a table's numbers print in: a varied report has a blank convention and a digit
    width per table."""
    varied = style.get("varied")
    if not varied:
        return style
    return {**style, "zero": varied["zeros"][table], "fullwidth": varied["fullwidth"][table]}


class Printer:
    """The label pieces of one report: brackets, numbering, wordings, stray spaces. A plain
    report's printer prints as the style says and draws nothing; a varied one draws from its own
    random stream (`seed` and the table), so the tables of a report print the same whatever the
    layout's own draws."""

    def __init__(self, style: dict[str, Any], table: str = ""):
        self.style = style
        self.varied = style.get("varied")
        self.rng = random.Random(f"{self.varied['seed']}/{table}") if self.varied else None

    def br(self, text: str) -> str:
        if self.varied and self.varied["brackets"] == "mixed":
            full = self.rng.random() < 0.5
        else:
            full = (self.varied or self.style)["brackets"] == "full"
        return f"（{text}）" if full else f"({text})"

    def num(self, n: int) -> str:
        return NUMBERINGS[(self.varied or self.style)["numbering"]].format(n=n)

    def group(self, cn: str) -> str:
        """The number of an outcome group: bracketed (full or half width, a space after), or with a comma."""
        kind = self.varied["group_numbering"] if self.varied else "bracket"
        if kind == "dun":
            return f"{cn}、"
        text = self.br(cn)
        return text + " " if kind == "bracket_space" and text.startswith("(") else text

    def pick(self, phrases: tuple[str, ...]) -> str:
        """A label: the canonical phrase, or in a varied report sometimes another of spec's."""
        if not self.varied or len(phrases) == 1 or self.rng.random() >= self.varied["abbreviate"]:
            return phrases[0]
        others = [p for p in phrases[1:] if p not in spec.END_ONLY_PHRASES]
        return self.rng.choice(others) if others else phrases[0]

    def spaced(self, text: str) -> str:
        """A label with, sometimes, a stray space inside it."""
        if not self.varied or len(text) < 3 or self.rng.random() >= self.varied["label_spaces"]:
            return text
        at = self.rng.randrange(1, len(text) - 1)
        return text[:at] + self.rng.choice((" ", " ", "\u3000", "  ")) + text[at:]

    def quoted(self, label: str) -> str:
        """A label's “quotes” in the report's quote style."""
        if not self.varied:
            return label
        quotes = self.varied["quotes"]
        return label.replace("“", quotes[:1]).replace("”", quotes[1:])

    def zero(self, text: str, value: Any, table_zero: str) -> str:
        """A printed zero, sometimes in another of the report's conventions."""
        if not self.varied or value != 0 or text != table_zero or self.rng.random() >= self.varied["zero_mix"]:
            return text
        zeros = [z for z in _MIXED_ZEROS if z != table_zero]
        return self.rng.choice(zeros)
