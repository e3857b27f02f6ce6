"""A small real warehouse for the report tests: a generated corpus (`xxgk synth`, with injected
errors), read through its gold files and built and checked the way `xxgk build` does.

A few things are added to the generated labels so the exports meet them: one agency's name
carries markup and starts with '=' (escaped on the page, text in the workbook) and its region is
unknown; another agency's reports say where each number was read, and one of its cells could not
be read (NULL in the warehouse: never shown as 0); a third agency's report of 2021 is missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

HOSTILE_AGENCY = "=<script>alert('x')</script>测试局"


@dataclass(frozen=True)
class Sample:
    warehouse: Path
    unread: tuple[str, int, str, str]  # agency, year, row, column of the cell no one could read


def _relabel(raw: Path) -> tuple[str, int, str, str]:
    golds = sorted(raw.glob("*.gold.json"))
    by_agency: dict[str, list[Path]] = {}
    for g in golds:
        by_agency.setdefault(json.loads(g.read_text(encoding="utf-8"))["agency"], []).append(g)
    # the hostile name replaces an agency's name in all its years, and no region is known for it
    victim = sorted(by_agency, key=lambda a: (-len(by_agency[a]), a))[1]
    for g in by_agency[victim]:
        d = json.loads(g.read_text(encoding="utf-8"))
        d["agency"] = HOSTILE_AGENCY
        d["region"] = {}
        d["title"] = f"{HOSTILE_AGENCY}2021年政府信息公开工作年度报告"
        g.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    # another agency's reports say where each number was read (as the parser would), and in its
    # last year one cell could not be read
    other = sorted(by_agency, key=lambda a: (-len(by_agency[a]), a))[0]
    for i, g in enumerate(sorted(by_agency[other])):
        d = json.loads(g.read_text(encoding="utf-8"))
        d["provenance"] = {f"{table}/{row}/{col}": {"where": f"line {n + 10} cell {c + 1}", "raw": f"{v}"}
                           for table in ("active", "applications", "review_litigation")
                           for n, (row, cols) in enumerate(d.get(table, {}).items())
                           for c, (col, v) in enumerate(cols.items())}
        if i == len(by_agency[other]) - 1:
            d["applications"]["granted"]["natural_person"] = None
            d["issues"] = [{"code": "digits_ambiguous", "severity": "warning",
                            "where": "applications/granted/natural_person",
                            "message": "digits of neighbouring cells ran together"}]
        g.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    # a third agency's report of 2021 never arrived
    absent = sorted(by_agency, key=lambda a: (-len(by_agency[a]), a))[2]
    for g in by_agency[absent]:
        if json.loads(g.read_text(encoding="utf-8"))["year"] == 2021:
            stem = g.name.removesuffix(".gold.json")
            for f in raw.glob(stem + ".*"):
                f.unlink()
    return other, d["year"], "granted", "natural_person"


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Sample:
    from pipelines.cli import main
    from pipelines.flow.build import build
    from pipelines.warehouse.gold import gold_report

    root = tmp_path_factory.mktemp("report")
    raw = root / "raw"
    assert main(["synth", "--agencies", "20", "--years", "2019-2023", "--out", str(raw), "--seed", "5",
                 "--error-rate", "0.2", "--junk-rate", "0", "--processes", "1"]) == 0
    unread = _relabel(raw)
    warehouse = root / "xxgk.duckdb"
    result = build(raw, warehouse, workers=1, parser=gold_report)
    assert result.published and result.validation is not None
    return Sample(warehouse, unread)


@pytest.fixture(scope="session")
def written(sample: Sample, tmp_path_factory):
    """write_report for a scope, written once per session and shared by the tests that only read it:
    written("agency") (the agency with provenance), written("region", region=…), written("all")."""
    from pipelines.report import write_report

    done: dict[tuple, object] = {}

    def get(name: str, **kwargs):
        key = (name, tuple(sorted(kwargs.items())))
        if key not in done:
            if name == "agency":
                kwargs.setdefault("agency", sample.unread[0])
            else:
                kwargs.setdefault("provenance_rows", 100)
            done[key] = write_report(sample.warehouse, tmp_path_factory.mktemp(name), **kwargs)
        return done[key]

    return get


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
