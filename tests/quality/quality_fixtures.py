"""A contract-shaped warehouse built straight from gold dicts, for the quality tests
(helpers and fixtures; conftest.py registers the fixtures).

The tables come from `sql/ddl/` (the warehouse's own DDL); rows are written here so that the
checks can be tested on known data without the parser or the loader.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from pipelines.quality.checks import run_sql_file

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"


def gold_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.gold.json"))


def load_gold(path: Path) -> dict[str, Any]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    raw = next(p for p in path.parent.glob(path.name.replace(".gold.json", ".*")) if not p.name.endswith(".json"))
    gold["report_id"] = path.name.removesuffix(".gold.json")
    gold["sha256"] = hashlib.sha256(raw.read_bytes()).hexdigest()
    return gold


def build_warehouse(db: Path, reports: list[dict[str, Any]]) -> Path:
    """Write reports (gold dicts with report_id, and optionally sha256, status, is_current) to db."""
    con = duckdb.connect(str(db))
    for path in sorted((ROOT / "sql" / "ddl").glob("*.sql")):
        run_sql_file(con, path)
    agencies, dims, active, apps, review = {}, [], [], [], []
    now = datetime.datetime(2025, 1, 31)
    for r in reports:
        rid = r["report_id"]
        agency_id = hashlib.sha1(r["agency"].encode()).hexdigest()[:12]
        agencies[agency_id] = (r["agency"], *(r.get("region") or (None, None, None)))  # province, city, county
        sha = r.get("sha256") or hashlib.sha256(rid.encode()).hexdigest()
        dims.append((rid, agency_id, r["agency"], r["year"], r.get("template"), f"raw/{rid}", sha, "test",
                     r.get("status", "ok"), r.get("is_current", True), rid, now))
        for item, metrics in r.get("active", {}).items():
            active.extend((rid, item, m, v, "件") for m, v in metrics.items())
        # each count printed as its digits, on a line of its own row (the place a parser records)
        line = 0
        for row, cols in r.get("applications", {}).items():
            line += 1
            apps.extend((rid, row, c, v, str(v), f"line {line} cell {i}") for i, (c, v) in enumerate(cols.items(), 1))
        for group, outcomes in r.get("review_litigation", {}).items():
            line += 1
            review.extend((rid, group, o, v, str(v), f"line {line} cell {i}")
                          for i, (o, v) in enumerate(outcomes.items(), 1))
    tables = {
        "dim_agency (agency_id, name, province, city, county)": [(k, *v) for k, v in agencies.items()],
        "dim_report (report_id, agency_id, agency, year, template, source_path, sha256, parser_version, "
        "status, is_current, report_key, ingested_at)": dims,
        "fact_active_disclosure (report_id, item, metric, value, unit)": active,
        "fact_application (report_id, row_code, applicant_type, count, raw_text, source_location)": apps,
        "fact_review_litigation (report_id, group_code, outcome, count, raw_text, source_location)": review,
    }
    for target, rows in tables.items():
        if rows:  # one bulk insert per table
            con.register("new_rows", pd.DataFrame(rows))
            con.execute(f"INSERT INTO {target} SELECT * FROM new_rows")
            con.unregister("new_rows")
    con.close()
    return db


@pytest.fixture(scope="session")
def corpus_reports() -> list[dict[str, Any]]:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    return [load_gold(p) for p in gold_files(CORPUS)]


@pytest.fixture(scope="session")
def seed_reports() -> list[dict[str, Any]]:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    return [load_gold(p) for p in gold_files(SEEDS)]


@pytest.fixture
def clone():
    return copy.deepcopy


def clean_report(rng, report_id: str, agency: str, year: int, template: str,
                 carried_over: dict[str, int] | None = None) -> dict[str, Any]:
    """A report whose tables obey rules 1–5, carrying over the given counts (rule 6)."""
    from report_warehouse import report_dict

    tables = report_dict(rng, report_id, agency, year, template, carried_over)
    return {"report_id": report_id, "agency": agency, "year": year, "template": template,
            **{table: tables[table] for table in ("active", "applications", "review_litigation")}}


def agency_chain(rng, prefix: str, agency: str, years: range) -> list[dict[str, Any]]:
    """One agency's reports over consecutive years, continuity holding between them."""
    out, carried = [], None
    for year in years:
        r = clean_report(rng, f"{prefix}-{year}", agency, year, "v2019" if year < 2021 else "v2021", carried)
        carried = {c: v for c, v in r["applications"]["carried_forward"].items() if c != "total"}
        out.append(r)
    return out


@pytest.fixture
def rng_report() -> dict[str, Any]:
    import random

    return clean_report(random.Random(7), "r", "某市统计局", 2021, "v2021")
