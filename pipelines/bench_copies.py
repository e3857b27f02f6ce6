"""What copies of a report settle: on a generated corpus where a share of the reports also has a
second copy in another layout (a page and a crawler's text of it, a page and its PDF), every
report with a copy is read file by file and then reconciled (`pipelines.reconcile`), and both are
scored against the one gold of the report.

    python -m pipelines.bench_copies [--agencies 60] [--seed 11] [--copy-rate 0.6] [--corpus DIR]

`copies_section(...)` returns the Markdown section (the benchmark report calls it).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.parse import parse_file
from pipelines.parse.report import Report
from pipelines.reconcile import cells, reconcile, same
from pipelines.spec import TABLES
from pipelines.synth.corpus import Options, write_corpus

LAYOUTS = ("html", "crawler", "pdf-file")


@dataclass
class CopiesScore:
    reports: int = 0  # reports with a copy
    files: int = 0
    cells: int = 0  # gold cells of those reports
    right_alone: int = 0  # gold cells right, summed over the files read alone
    cells_alone: int = 0  # gold cells, summed over the files
    right_worst: int = 0  # per report, the worse of its files read alone
    right_reconciled: int = 0
    worse: int = 0  # cells a file read alone has right and the reconciled reading has wrong
    ambiguous: int = 0  # reports with a file whose digits several cuts fit (digits_ambiguous)
    ambiguous_settled: int = 0  # … whose every such cell a copy settled or confirmed
    ambiguous_wrong_alone: int = 0  # … where such a file read alone has a cell wrong
    ambiguous_wrong_after: int = 0  # … where the reconciled reading still has a cell wrong
    cells_settled: int = 0  # cells settled by a copy
    settled_wrongly: int = 0  # … not equal to the gold
    disagree: int = 0  # cells flagged copies_disagree
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _gold_cells(gold: dict[str, Any]) -> dict[str, Any]:
    return {f"{t}/{r}/{c}": v for t in TABLES for r, cols in (gold.get(t) or {}).items() for c, v in cols.items()}


def _right(reading: dict[str, Any], gold: dict[str, Any]) -> set[str]:
    return {k for k, v in gold.items() if k in reading and same(reading[k], v)}


def _reports_with_copies(corpus: Path) -> Iterator[tuple[dict[str, Any], list[Path]]]:
    for gold_file in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if not gold.get("copies"):
            continue
        stem = gold_file.name[: -len(".gold.json")]
        first = [p for p in corpus.glob(f"{stem}.*") if p != gold_file]
        yield gold, first + [corpus / name for name in gold["copies"]]


def score(corpus: Path) -> CopiesScore:
    """Every report of `corpus` that has a copy, read file by file and reconciled."""
    out = CopiesScore()
    started = time.process_time()
    for gold, files in _reports_with_copies(corpus):
        readings: list[Report] = [parse_file(f) for f in files]
        truth = _gold_cells(gold)
        result = reconcile(readings)
        out.reports += 1
        out.files += len(readings)
        out.cells += len(truth)
        alone = [_right(cells(r), truth) for r in readings]
        after = _right(cells(result.report), truth)
        out.right_alone += sum(map(len, alone))
        out.cells_alone += len(truth) * len(readings)
        out.right_worst += min(map(len, alone))
        out.right_reconciled += len(after)
        lost = set().union(*alone) - after
        out.worse += len(lost)
        if lost and len(out.examples) < 5:
            out.examples.append(f"{gold.get('source')}: {sorted(lost)[:3]} right alone, wrong reconciled")
        ambiguous = [(r, i.where) for r in readings for i in r.issues if i.code == "digits_ambiguous"]
        if ambiguous:
            out.ambiguous += 1
            doubtful = {id(r) for r, _ in ambiguous}
            out.ambiguous_wrong_alone += any(len(right) < len(truth) for r, right in zip(readings, alone, strict=True)
                                             if id(r) in doubtful)
            out.ambiguous_wrong_after += len(after) < len(truth)
            named = [e for where in {w for _, w in ambiguous} for k, e in result.evidence.items()
                     if k == where or k.startswith(where + "/")]
            if named and all(e.kind in ("settled_by_copy", "confirmed") for e in named):
                out.ambiguous_settled += 1
        for key, e in result.evidence.items():
            if e.kind == "settled_by_copy":
                out.cells_settled += 1
                if key in truth and not same(e.value, truth[key]):
                    out.settled_wrongly += 1
                    if len(out.examples) < 5:
                        out.examples.append(f"{gold.get('source')}: {key} settled as {e.value}, gold {truth[key]}")
            out.disagree += e.kind == "copies_disagree"
    out.seconds = time.process_time() - started
    return out


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.2f}%" if d else "–"


def copies_section(corpus: Path | None = None, *, agencies: int = 60, seed: int = 11, copy_rate: float = 0.6,
                   years: tuple[int, ...] = (2022, 2023, 2024)) -> str:
    """The Markdown section: on `corpus` (else a corpus generated with copies), how many reports
    whose digits several cuts fit a copy settles, how many wrongly, and the cells right."""
    with tempfile.TemporaryDirectory(prefix="xxgk-copies-") as tmp:
        where = corpus
        if where is None:
            where = Path(tmp)
            write_corpus(where, agencies, Options(years=years, seed=seed, copy_rate=copy_rate, layouts=LAYOUTS))
        s = score(where)
    origin = (f"`{corpus}`" if corpus is not None else
              f"generated: {agencies} agencies × {len(years)} years, seed {seed}, layouts {', '.join(LAYOUTS)}, "
              f"copy rate {copy_rate}")
    lines = [
        "## Copies of one report",
        "",
        f"Corpus: {origin}. Reports with a copy: {s.reports} ({s.files} files, {s.cells} gold cells each read "
        f"once per report). Reading and reconciling took {s.seconds:.1f} s of CPU.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| reports with `digits_ambiguous` in a file | {s.ambiguous} |",
        f"| … every such cell settled or confirmed by a copy | {s.ambiguous_settled} "
        f"({_pct(s.ambiguous_settled, s.ambiguous)}) |",
        f"| … such a file read alone has a cell wrong | {s.ambiguous_wrong_alone} |",
        f"| … the reconciled reading has a cell wrong | {s.ambiguous_wrong_after} |",
        f"| cells settled by a copy | {s.cells_settled} |",
        f"| … settled wrongly (goal 0) | {s.settled_wrongly} |",
        f"| cells flagged `copies_disagree` | {s.disagree} |",
        f"| cells right, each file read alone | {s.right_alone} / {s.cells_alone} "
        f"({_pct(s.right_alone, s.cells_alone)}) |",
        f"| cells right, the worse file of each report | {s.right_worst} / {s.cells} "
        f"({_pct(s.right_worst, s.cells)}) |",
        f"| cells right, reconciled | {s.right_reconciled} / {s.cells} ({_pct(s.right_reconciled, s.cells)}) |",
        f"| cells right in a file alone, wrong reconciled (goal 0) | {s.worse} |",
    ]
    if s.examples:
        lines += ["", "Cases to look at:", *[f"- {e}" for e in s.examples]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="a corpus written by `xxgk synth --copies`")
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--copy-rate", type=float, default=0.6)
    args = parser.parse_args(argv)
    print(copies_section(args.corpus, agencies=args.agencies, seed=args.seed, copy_rate=args.copy_rate), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
