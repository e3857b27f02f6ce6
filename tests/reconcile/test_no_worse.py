"""No report reads worse because of a copy: over a generated corpus with copies, every cell a file
reads right alone is right once its copies are beside it, and nothing a copy settles is wrong."""

from __future__ import annotations

import json

from pipelines.bench_copies import copies_section, score
from pipelines.parse import parse_file
from pipelines.reconcile import cells, reconcile, same
from pipelines.synth.corpus import Options, write_corpus


def test_copies_make_no_cell_worse_and_settle_nothing_wrongly(tmp_path):
    write_corpus(tmp_path, 8, Options(years=(2022, 2023), seed=5, copy_rate=1.0, junk_rate=0,
                                      layouts=("html", "crawler", "pdf-file")))
    golds = sorted(tmp_path.glob("*.gold.json"))
    assert golds and all(json.loads(g.read_text(encoding="utf-8")).get("copies") for g in golds)
    for gold_file in golds:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        stem = gold_file.name[: -len(".gold.json")]
        files = [p for p in tmp_path.glob(f"{stem}.*") if p != gold_file] + [tmp_path / n for n in gold["copies"]]
        truth = {f"{t}/{r}/{c}": v for t in ("active", "applications", "review_litigation")
                 for r, cols in (gold.get(t) or {}).items() for c, v in cols.items()}
        readings = [parse_file(f) for f in files]
        together = cells(reconcile(readings).report)
        for reading in readings:  # each file with and without its copy
            alone = cells(reconcile([reading]).report)
            assert alone == cells(reading)
            for key, value in truth.items():
                if key in alone and same(alone[key], value):
                    assert key in together and same(together[key], value), (stem, key)
    s = score(tmp_path)
    assert s.reports == len(golds) and s.worse == 0 and s.settled_wrongly == 0
    assert s.right_reconciled >= s.right_worst


def test_the_bench_section_reports_what_copies_settle(tmp_path):
    write_corpus(tmp_path, 4, Options(years=(2023,), seed=3, copy_rate=1.0, layouts=("html", "crawler")))
    text = copies_section(tmp_path)
    assert text.startswith("## Copies of one report") and "settled wrongly (goal 0) | 0 |" in text
