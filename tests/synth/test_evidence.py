"""The generator's evidence inside a report: varied reports' prose states some of their tables'
numbers (several phrasings, not all numbers, sometimes none), and a share print table 3 cut in
pieces — and the golds stay right: the parser reads back what the tables print."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.parse import parse_bytes
from pipelines.parse.prose import stated_numbers
from pipelines.synth import render
from pipelines.synth.corpus import Options, write_corpus

TEXT_LAYOUTS = ("tabs", "spaces", "cells", "html", "markdown", "pdf")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[tuple[dict, bytes]]:
    out = tmp_path_factory.mktemp("evidence")
    write_corpus(out, 30, Options(seed=26, years=tuple(range(2019, 2026)), layouts=(*TEXT_LAYOUTS, "crawler"),
                                  variety="varied", error_rate=0.0, missing_rate=0.0, junk_rate=0.0))
    pairs = []
    for gold_path in sorted(out.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        raw = next(p for p in out.glob(gold_path.name.replace(".gold.json", ".*")) if not p.name.endswith(".json"))
        pairs.append((gold, Path(raw).read_bytes()))
    return pairs


def _report(gold: dict) -> dict:
    keys = ("agency", "year", "template", "active", "applications", "review_litigation", "forms", "style")
    return {k: gold[k] for k in keys if k in gold}


def test_the_prose_states_some_numbers_and_each_as_the_table_prints_it(corpus):
    counts = []
    for gold, raw in corpus:
        text = raw.decode(gold["encoding"])
        found = stated_numbers(text, gold["template"])
        for s in found:
            table, row, col = s.cell.split("/")
            if col not in gold[table][row]:
                continue  # table 2 printed in another template's form: its cells have other names
            assert Decimal(str(gold[table][row][col])) == s.value, (s, gold["source"])
        counts.append(len({s.cell for s in found}))
    assert sum(counts) > 2 * len(corpus)  # the requests paragraph states four, others more
    assert len(set(counts)) >= 5  # not all the same numbers: some state one or two, some many


def test_a_share_print_table_3_in_pieces_and_they_read_exactly(corpus):
    in_pieces = 0
    for gold, raw in corpus:
        report = _report(gold)
        model = render.applications_model(report, gold["style"])
        if len(render._in_pieces("applications", model, report, gold["style"])) == 1 or gold["layout"] == "crawler":
            continue
        in_pieces += 1
        parsed = parse_bytes(raw, f"report.{'html' if gold['layout'] == 'html' else 'txt'}")
        assert parsed.applications == gold["applications"], gold["source"]
        doubts = [i for i in parsed.issues if i.where.startswith("applications") and i.severity != "info"]
        assert not doubts, gold["source"]
    assert in_pieces >= 5
