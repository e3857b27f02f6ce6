"""Varied reports: every variation renders in every layout, the gold is what a careful reader
takes from the printed text, the corpus is the same for a seed, and the generator's Python holds
no template label (they come from pipelines.spec)."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines import spec
from pipelines.synth import render
from pipelines.synth.corpus import Options, agency_files, write_corpus
from pipelines.synth.documents import FILE_LAYOUTS, render_file
from pipelines.synth.numbers import AgencyModel, broken_rules, print_in_form
from pipelines.synth.population import build_population
from pipelines.synth.printing import APPLICANT_HEADERS, GROUP_NUMBERINGS, QUOTES, REVIEW_SHAPES, VARIED_ZEROS

ALL_LAYOUTS = render.LAYOUTS + tuple(FILE_LAYOUTS)
SYNTH = Path(render.__file__).parent


def _tables(year: int, seed: int = 2) -> dict:
    model = AgencyModel("city", "government", 3.0, random.Random(seed))
    for y in range(2019, year + 1):
        tables = model.year_tables(y)
    return tables


def _report(year: int, layout: str, seed: int, **varied) -> dict:
    rng = random.Random(seed)
    style = render.vary_style(render.draw_style(layout, rng), layout, rng)
    style["varied"].update(varied)
    style.update(split_digits=False)
    return {"agency": "嘉兴市人民政府", "year": year, **_tables(year, seed), "style": style}


# -------------------------------------------------------------------------------------------
# A careful reading of the Markdown layout, written apart from the parser: every table row's
# cells, its blank-cell conventions read as 0, its full-width digits as digits.

_ZERO_TEXT = {unicodedata.normalize("NFKC", z) for z in VARIED_ZEROS} | {"-"}
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def _value(text: str) -> float | None:
    text = unicodedata.normalize("NFKC", text).replace("\u3000", " ").strip()
    text = text.removesuffix(spec.MONEY_METRICS["amount_yuan"])
    if text in _ZERO_TEXT:
        return 0.0
    return float(text) if _NUMBER.match(text) else None


def _header_words() -> set[str]:
    """Words only a header row prints: a careful reader skips such rows."""
    words = set(spec.REVIEW_HEADER_WORDS) | {w for ls in spec.REVIEW_OUTCOME_LABELS.values() for w in ls}
    words |= {w for ls in spec.REVIEW_GROUP_LABELS.values() for w in ls}
    words |= {w for ls in spec.APPLICANT_LABELS.values() for w in ls} - spec.END_ONLY_PHRASES
    for template in spec.TEMPLATE_DATA.values():
        words.add(template.active["clause"].split("{")[0].rstrip("（("))
        words |= set(template.active["item_header"]) | set(template.applications["header"])
        words |= set(template.applications["column_group"]["labels"])
    return words - spec.END_ONLY_PHRASES


_HEADER_WORDS = _header_words()
_ITEM_HEADER = {w for t in spec.TEMPLATE_DATA.values() for w in t.active["item_header"]}
_REVIEW_WORDS = ({w for ls in spec.REVIEW_OUTCOME_LABELS.values() for w in ls} | set(spec.REVIEW_HEADER_WORDS)) \
    - spec.END_ONLY_PHRASES
_APPLICANT_HEADER = {w for t in spec.TEMPLATE_DATA.values() for w in t.applications["header"]}


def _markdown_values(text: str) -> list[list[float]]:
    """The values of every table row that has any, row by row, in printed order: the cells that
    end a row and read as values (blanks and dashes as 0), as many as the header above has
    columns of figures in table 2."""
    rows, width = [], None
    for line in text.splitlines():
        if not line.startswith("|") or re.fullmatch(r"\|(\s*:?-{3,}:?\s*\|)+", line):
            continue
        cells = [c.replace("<br>", "") for c in line.strip().strip("|").split("|")]
        flat = re.sub(r"\s", "", "".join(cells))
        values = [_value(c) for c in cells]
        filled = any(v is not None and c.strip() for v, c in zip(values, cells, strict=True))
        if not filled and any(w in flat for w in _HEADER_WORDS):  # a header says how many figures a row has
            if any(w in flat for w in _ITEM_HEADER):  # table 2's: the first cells after the label
                width = sum(1 for c in cells if c.strip()) - 1
            elif any(w in flat for w in _APPLICANT_HEADER):  # table 3's: its last cells
                width = -len(spec.APPLICANTS)
            elif width is None or width > 0 or any(w in flat for w in _REVIEW_WORDS):
                width = None
            continue
        run = []
        for v in reversed(values):
            if v is None:
                break
            run.append(v)
        run.reverse()
        if run and (len(run) < len(values) or width is None):
            rows.append(run[:width] if width and width > 0 else run[width:] if width else run)
    return rows


def _expected_rows(report: dict) -> list[list[float]]:
    """What the gold says the Markdown prints, row by row, in the order the renderer lays out."""
    forms = report.get("forms") or {}
    style = report["style"]
    rows: list[list[float]] = []
    if "active" in report:
        for item, metrics in spec.ACTIVE_ITEMS[forms.get("active", report["template"])].items():
            cells = report["active"][item]
            rows.append([float(cells[m]) / (10000 if m == "amount_yuan" and style.get("procurement_wan") else 1)
                         for m in metrics])
    if "applications" in report:
        for row in spec.APPLICATION_ROWS[forms.get("applications", report["template"])]:
            rows.append([float(report["applications"][row][c]) for c in spec.APPLICANTS])
    if "review_litigation" in report:
        flat = [float(report["review_litigation"][g][o]) for g in spec.REVIEW_GROUPS for o in spec.REVIEW_OUTCOMES]
        shape = style["varied"]["review_shape"]
        rows += [flat] if shape in ("row15", "stacked") else [flat[i:i + 5] for i in range(0, 15, 5)]
    return rows


def _close(a: list[list[float]], b: list[list[float]]) -> bool:
    return len(a) == len(b) and all(len(x) == len(y) and all(abs(p - q) < 1e-6 for p, q in zip(x, y, strict=True))
                                    for x, y in zip(a, b, strict=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), year=st.sampled_from([2019, 2020, 2021, 2023]))
def test_markdown_prints_exactly_the_gold(seed, year):
    """Whatever the variations drawn, the printed cells are the gold's, read carefully."""
    report = _report(year, "markdown", seed)
    varied = report["style"]["varied"]
    if varied["review_shape"] == "rows" and varied["zeros"]["review_litigation"] == "":
        # a group's row of blanks reads like a header row to this simple reader (not to a person)
        varied["zeros"]["review_litigation"] = "0"
    text = render.render("markdown", report, random.Random(seed))
    assert _close(_markdown_values(text), _expected_rows(report))


@pytest.mark.parametrize("form_table", ["applications", "active"])
def test_a_mixture_prints_and_golds_the_rows_of_its_form(form_table):
    template = "v2021" if form_table == "applications" else "v2019"
    form = spec.MIXTURES[template][form_table][0]
    year = 2022 if template == "v2021" else 2020
    report = _report(year, "markdown", 3)
    assert report["template"] == template
    report[form_table] = print_in_form(form_table, report[form_table], template, form, random.Random(1))
    report["forms"] = {form_table: form}
    assert broken_rules(report) == []
    text = render.render("markdown", report, random.Random(4))
    assert _close(_markdown_values(text), _expected_rows(report))
    # nothing of the report's own form of the table is printed: its rows or columns the form lacks
    if form_table == "applications":
        gone = {p for r in set(spec.OUTCOMES[template]) - set(spec.OUTCOMES[form]) for p in spec.APPLICATION_LABELS[r]}
    else:
        gone = {p for m in {m for ms in spec.ACTIVE_ITEMS[template].values() for m in ms}
                - {m for ms in spec.ACTIVE_ITEMS[form].values() for m in ms} for p in spec.METRIC_LABELS[m]}
    gone = {p for p in gone if len(p) >= 4}
    flat = re.sub(r"<br>|\s", "", text)
    assert gone and not [p for p in gone if p in flat]


VARIATIONS = [
    *({"review_shape": s} for s in REVIEW_SHAPES),
    *({"applicant_header": h} for h in APPLICANT_HEADERS),
    *({"group_numbering": g} for g in GROUP_NUMBERINGS),
    *({"quotes": q, "partial_note": True, "abbreviate": 0.0} for q in QUOTES),
    *({"zeros": dict.fromkeys(spec.TABLES, z), "zero_mix": 0.3} for z in VARIED_ZEROS),
    {"fullwidth": dict.fromkeys(spec.TABLES, True)},
    {"abbreviate": 1.0, "label_spaces": 1.0, "brackets": "mixed", "article_spaced": True},
    {"breaks": 1.0, "pieces": 4, "header_wrap": True, "spread_groups": True},
    {"separator": "mixed", "pad_numbers": True, "blank_lines": True},
    {"page_breaks": 3, "running_title": True, "repeat_header": True},
    {"extra_paragraphs": 4, "extra_sections": 2, "heading_style": "dot", "tables_renumbered": True,
     "captions": True},
    {"heading_style": "none", "balance_note": False},
]


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
@pytest.mark.parametrize("variation", VARIATIONS, ids=lambda v: ",".join(f"{k}={v[k]}" for k in v)[:60])
def test_every_variation_renders_in_every_layout(layout, variation):
    for year in (2020, 2023):
        report = _report(year, layout, 7, **variation)
        if layout == "crawler" and "zeros" in variation:
            continue  # a crawler's run-together digits are printed with 0 only
        if layout in render.NO_BLANK and "" in (variation.get("zeros") or {}).values():
            continue  # layouts that lose blank cells never print one
        if layout in FILE_LAYOUTS:
            data = render_file(layout, report, random.Random(5))
            assert data[:4] in (b"%PDF", b"PK\x03\x04")
            continue
        text = render.render(layout, report, random.Random(5))
        flat = re.sub(r"<[^>]+>|&nbsp;|\s", "", text)
        assert report["agency"] in flat
        want = max(report["applications"]["new"]["total"], 10)
        printed = str(want).translate(str.maketrans("0123456789", "０１２３４５６７８９")) \
            if variation.get("fullwidth") else str(want)
        assert printed in text or want == 10


def test_the_corpus_is_the_same_for_a_seed_whatever_the_processes(tmp_path):
    opts = Options(seed=9, years=(2020, 2021, 2022), layouts=ALL_LAYOUTS)
    a, b = tmp_path / "a", tmp_path / "b"
    write_corpus(a, 6, opts, processes=1)
    write_corpus(b, 6, opts, processes=2, chunk=2)
    assert {p.name: p.read_bytes() for p in a.iterdir()} == {p.name: p.read_bytes() for p in b.iterdir()}
    agency = build_population(6, 9)[2]
    plain = Options(seed=9, years=(2020, 2021, 2022), layouts=ALL_LAYOUTS, variety="plain")
    assert [f.data for f in agency_files(agency, plain)] == [f.data for f in agency_files(agency, plain)]
    varied = agency_files(agency, opts)
    assert all("varied" in f.gold["style"] for f in varied)
    assert not any("varied" in f.gold["style"] for f in agency_files(agency, plain))
    # the first report's numbers are drawn before anything is printed: the same in both
    first = agency_files(agency, plain)[0].gold
    assert all(first[t] == varied[0].gold[t] for t in spec.TABLES if t in first and t in varied[0].gold
               and t not in varied[0].gold.get("forms", {}))


def test_mixtures_are_drawn_and_keep_the_rules(tmp_path):
    write_corpus(tmp_path, 40, Options(seed=4, years=(2020, 2021, 2022), junk_rate=0.0, missing_rate=0.0,
                                       error_rate=0.0, layouts=("markdown",)))
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in tmp_path.glob("*.gold.json")]
    mixed = [g for g in golds if g.get("forms")]
    assert mixed and len(mixed) < len(golds) / 3
    for g in mixed:
        assert broken_rules(g) == []
        assert "form" in g["notes"]


def test_variety_is_checked():
    with pytest.raises(ValueError, match="variety"):
        Options(variety="wild")


def test_no_template_label_in_the_generators_python():
    """Labels, header words and section titles come from pipelines.spec, prose from data files."""
    literals = {w for w in spec.label_literals() if len(w) >= 3}
    for path in SYNTH.glob("*.py"):
        if path.name.startswith("scan"):
            continue  # the scanned-page helper's, not the generator's
        source = path.read_text(encoding="utf-8")
        assert not [w for w in literals if w in source], path.name
        assert not re.search(r"[\u4e00-\u9fff]", source), f"{path.name} holds Chinese text: keep it in data/"


_THIRD = """
import json, random, sys
from pathlib import Path
sys.path[:0] = [{tests!r}, {here!r}]
from pipelines import spec
from pipelines.synth import render
from pipelines.synth.corpus import Options, write_corpus
from pipelines.synth.numbers import broken_rules
import test_variety as tv
assert "v2031" in spec.TEMPLATES, spec.TEMPLATES
out = Path({out!r})
write_corpus(out, 6, Options(seed=2, years=(2030, 2031, 2032), layouts=("markdown",), junk_rate=0.0, missing_rate=0.0,
                             error_rate=0.0))
seen = set()
for gold_path in sorted(out.glob("*.gold.json")):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    seen.add(gold["template"])
    assert broken_rules(gold) == [], gold_path
    raw = gold_path.with_name(gold_path.name.replace(".gold.json", ".md")).read_bytes()
    text = raw.decode(gold["encoding"])
    assert tv._close(tv._markdown_values(text), tv._expected_rows(gold)), gold_path
    if gold["template"] == "v2031" and not gold.get("forms"):
        assert "other_transferred" in gold["applications"]
        import re
        assert "\u8f6c\u4ea4\u5176\u4ed6\u673a\u5173\u5904\u7406" in re.sub(r"<br>|\\s", "", text)
print(sorted(seen))
"""


def test_a_third_template_is_generated_from_its_file_alone(tmp_path):
    """A made-up template file (the 2021 one with a new outcome row) is rendered, and read back
    carefully, with no change to the generator's code."""
    import os
    import subprocess
    import sys

    source = (Path(spec.__file__).parent / "templates" / "v2021.toml").read_text(encoding="utf-8")
    new_row = ('[[applications.rows]]\ncode = "other_transferred"\ndepth = 2\noutcome = true\n'
               'labels = ["\u8f6c\u4ea4\u5176\u4ed6\u673a\u5173\u5904\u7406"]\n')
    at = source.index('[[applications.rows]]\ncode = "total_handled"')
    third = (source[:at] + new_row + source[at:]).replace('name = "v2021"', 'name = "v2031"').replace(
        "first_year = 2021", "first_year = 2031")
    third = re.sub(r"^markers = \[.*\]$", 'markers = ["\u8f6c\u4ea4\u5176\u4ed6\u673a\u5173"]', third, count=1,
                   flags=re.M)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "v2031.toml").write_text(third, encoding="utf-8")
    script = _THIRD.format(tests=str(Path(__file__).parents[1]), here=str(Path(__file__).parent),
                           out=str(tmp_path / "corpus"))
    env = {**os.environ, "XXGK_TEMPLATE_DIRS": str(templates)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "v2031" in done.stdout and "v2021" in done.stdout
