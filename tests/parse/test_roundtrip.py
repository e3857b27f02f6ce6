"""Property: a random valid report, rendered in any layout, parses back exactly (crawler and PDF
text: exactly, or with the doubtful cells reported).

The renderers are the corpus generator's (`pipelines.synth.render`); hypothesis draws the tables
(consistent with the cross-sum rules, or with one cell off) and the presentation style. Where run-
together digits make a reading ambiguous, the parser must say so: a wrong cell is only allowed
with an issue attached, never silently.
"""

from __future__ import annotations

import os
import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipelines import spec
from pipelines.parse import parse_bytes
from pipelines.synth.render import LAYOUTS, draw_style, render

count = st.integers(min_value=0, max_value=60) | st.integers(min_value=0, max_value=5000)
small = st.integers(min_value=0, max_value=30)


@st.composite
def tables(draw: st.DrawFn, template: str) -> dict:
    """Tables that obey rules 1–4: outcomes per applicant, totals derived from them."""
    parts = spec.APPLICANT_PARTS
    applications: dict[str, dict[str, int]] = {}
    for row in spec.OUTCOMES[template]:
        applications[row] = {c: draw(small) if draw(st.booleans()) else 0 for c in parts}
    applications["total_handled"] = {c: sum(applications[r][c] for r in spec.OUTCOMES[template]) for c in parts}
    applications["carried_forward"] = {c: draw(st.integers(0, 5)) for c in parts}
    applications["carried_over"] = {
        c: min(draw(st.integers(0, 5)), applications["total_handled"][c] + applications["carried_forward"][c])
        for c in parts
    }
    applications["new"] = {
        c: applications["total_handled"][c] + applications["carried_forward"][c] - applications["carried_over"][c]
        for c in parts
    }
    for cols in applications.values():
        cols["total"] = sum(cols[c] for c in parts)
    ordered = {row: applications[row] for row in spec.APPLICATION_ROWS[template]}
    active: dict[str, dict] = {}
    for item, metrics in spec.ACTIVE_ITEMS[template].items():
        cells = {}
        for m in metrics:
            if m == "change":
                cells[m] = draw(st.integers(-20, 20))
            elif m == "amount_10k_yuan":
                cells[m] = draw(st.sampled_from([0, 1.5, 12.34, 24252.311082, 300]))
            elif m == "amount_yuan":
                cells[m] = draw(st.sampled_from([0, 251000, 6805947.43, 1181155]))
            else:
                cells[m] = draw(count)
        active[item] = cells
    review = {}
    for group in spec.REVIEW_GROUPS:
        cells = {o: draw(st.integers(0, 12)) for o in spec.REVIEW_PARTS}
        cells["total"] = sum(cells.values())
        review[group] = cells
    return {"active": active, "applications": ordered, "review_litigation": review}


@st.composite
def reports(draw: st.DrawFn) -> dict:
    template = draw(st.sampled_from(spec.TEMPLATES))
    year = draw(st.sampled_from([2019, 2020]) if template == "v2019" else st.integers(2021, 2025))
    agency = draw(st.sampled_from(["平湖市统计局", "湘潭县人民政府", "上海市科学技术委员会", "福州市鼓楼区教育局"]))
    return {"agency": agency, "year": year, "template": template, **draw(tables(template))}


def cells(d: dict) -> dict:
    return {(t, r, c): v for t in spec.TABLES for r, cols in (d.get(t) or {}).items() for c, v in cols.items()}


def check_roundtrip(report: dict, layout: str, seed: int, encoding: str) -> None:
    rng = random.Random(seed)
    report = {**report, "style": draw_style(layout, rng)}
    # zeros printed as nothing in tab rows without trailing tabs leave rows with no cells at all:
    # nothing in the text says how many zeros there were (the parser reports such rows unreadable)
    assume(not (layout == "tabs" and report["style"]["zero"] == "" and report["style"]["compact"]))
    text = render(layout, report, rng)
    parsed = parse_bytes(text.encode(encoding), f"{layout}.txt")
    assert_printed_where_it_says(parsed, text, layout)
    want, got = cells(report), cells(parsed.to_dict())
    wrong = {k: (got.get(k), v) for k, v in want.items()
             if got.get(k) is None or abs(float(got[k]) - float(v)) > 1e-6}
    doubtful = {i.code for i in parsed.issues if i.severity in ("warning", "error")}
    if layout == "crawler" and wrong:
        # digits of neighbouring cells ran together: a wrong reading must come with its issue
        assert doubtful & {"digits_ambiguous", "digits_unsplittable", "cell_unreadable"}, (wrong, parsed.issues)
        return
    if layout == "pdf" and wrong:
        # PDF text loses structure (labels broken around numbers, page numbers between rows):
        # a cell it cannot place must be reported, never silently wrong
        assert doubtful & {"row_missing", "cell_unreadable", "stray_value", "row_inferred"}, (wrong, parsed.issues)
        return
    assert not wrong, (wrong, [i for i in parsed.issues if i.severity != "info"], text[:3000])
    assert parsed.template == report["template"]
    assert not [i for i in parsed.issues if i.code == "rule_broken"], parsed.issues


def assert_printed_where_it_says(parsed, text: str, layout: str) -> None:
    """Every number read from a text layout is printed at the line and column its provenance
    gives, as its raw text (a number inside a PDF line too, not its line's start); a crawler's
    one-line body gives its line (`numbers.tokenize_cell`)."""
    lines = text.splitlines()
    for key, cell in parsed.provenance.items():
        if cell.raw and cell.where.startswith("line "):
            line, col = map(int, cell.where.removeprefix("line ").split(" col "))
            printed = lines[line - 1] if layout == "crawler" else lines[line - 1][col - 1:col - 1 + len(cell.raw)]
            assert cell.raw in printed, (key, cell, lines[line - 1][max(0, col - 20):col + 20])


# XXGK_EXAMPLES=500 for a longer hunt; 25 keeps `make test` fast
SETTINGS = settings(max_examples=int(os.environ.get("XXGK_EXAMPLES", "25")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(reports(), st.sampled_from([x for x in LAYOUTS if x != "crawler"]), st.integers(0, 2**32),
       st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]))
def test_layouts_parse_back_exactly(report, layout, seed, encoding):
    check_roundtrip(report, layout, seed, encoding)


@SETTINGS
@given(reports(), st.integers(0, 2**32))
def test_crawler_text_is_exact_or_flagged(report, seed):
    check_roundtrip(report, "crawler", seed, "utf-8")


@SETTINGS
@given(reports(), st.sampled_from(["tabs", "html", "markdown", "cells"]), st.integers(0, 2**32),
       st.sampled_from(spec.APPLICATION_ROWS["v2021"][2:-2]), st.integers(1, 9))
def test_a_wrong_printed_cell_is_kept_and_flagged(report, layout, seed, row, delta):
    """The report's own arithmetic is loaded as printed and flagged, not fixed."""
    if row not in report["applications"]:
        return
    report["applications"][row]["natural_person"] += delta
    rng = random.Random(seed)
    report = {**report, "style": draw_style(layout, rng)}
    assume(not (layout == "tabs" and report["style"]["zero"] == "" and report["style"]["compact"]))
    parsed = parse_bytes(render(layout, report, rng).encode(), f"{layout}.txt")
    assert parsed.applications[row]["natural_person"] == report["applications"][row]["natural_person"]
    broken = {i.where for i in parsed.issues if i.code == "rule_broken"}
    assert f"applications/applicants/{row}" in broken
    assert "applications/handled/natural_person" in broken


@SETTINGS
@given(reports(), st.sampled_from(["pdf", "spaces", "tabs", "crawler"]), st.integers(0, 2**32))
def test_the_general_reader_places_every_number_where_it_is_printed(report, layout, seed):
    from pipelines.ingest.document import decode_document, read_cells
    from pipelines.parse import parse_document

    rng = random.Random(seed)
    text = render(layout, {**report, "style": draw_style(layout, rng)}, rng)
    doc = decode_document(text.encode(), f"{layout}.txt")
    read_cells(doc)
    assert_printed_where_it_says(parse_document(doc), text, layout)


@SETTINGS
@given(reports(), st.sampled_from(LAYOUTS), st.integers(0, 2**32),
       st.permutations(spec.APPLICANT_PARTS[1:]), st.permutations(spec.REVIEW_OUTCOMES), st.booleans(),
       st.booleans())
def test_columns_printed_in_another_order_are_read_by_their_headers(report, layout, seed, legal, outcomes,
                                                                    reversed_metrics, litigation_swapped):
    """No sum tells table 3's legal-person columns apart, nor table 4's outcomes but the total, nor
    its groups, nor table 2's columns: printed in another order, they are read by the header, and
    said so. (A crawler's table 4 is split by its sums, the total last: its outcomes are kept in
    the template's order there.)"""
    if layout == "crawler":
        outcomes = spec.REVIEW_OUTCOMES
    rng = random.Random(seed)
    style = {**draw_style(layout, rng), "applicant_order": tuple(legal), "outcome_order": tuple(outcomes),
             "metric_order_reversed": reversed_metrics, "litigation_swapped": litigation_swapped}
    assume(not (layout == "tabs" and style["zero"] == "" and style["compact"]))
    parsed = parse_bytes(render(layout, {**report, "style": style}, rng).encode(), f"{layout}.txt")
    want, got = cells(report), cells(parsed.to_dict())
    wrong = {k: (got.get(k), v) for k, v in want.items() if got.get(k) is None or float(got[k]) != float(v)}
    if layout == "crawler" and wrong:  # digits run together: a wrong reading comes with its issue
        assert {i.code for i in parsed.issues} & {"digits_ambiguous", "digits_unsplittable", "cell_unreadable"}
        return
    assert wrong == {}
    said = {i.where for i in parsed.issues if i.code == "columns_reordered"}
    assert ("applications" in said) == (tuple(legal) != spec.APPLICANT_PARTS[1:])
    assert ("review_litigation" in said) == (tuple(outcomes) != spec.REVIEW_OUTCOMES or litigation_swapped)
    assert ("active/rules" in said) == reversed_metrics
