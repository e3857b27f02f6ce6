"""A contract-shaped warehouse built straight from gold dicts, for the quality tests.

The tables come from `sql/ddl/` (the warehouse's own DDL); rows are written here so that the
checks can be tested on known data without the parser or the loader.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import duckdb
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
    for r in reports:
        rid = r["report_id"]
        agency_id = hashlib.sha1(r["agency"].encode()).hexdigest()[:12]
        agencies[agency_id] = r["agency"]
        sha = r.get("sha256") or hashlib.sha256(rid.encode()).hexdigest()
        dims.append((rid, agency_id, r["agency"], r["year"], r.get("template"), f"raw/{rid}", sha, "test",
                     r.get("status", "ok"), r.get("is_current", True), rid))
        for item, metrics in r.get("active", {}).items():
            active.extend((rid, item, m, v, "件") for m, v in metrics.items())
        for row, cols in r.get("applications", {}).items():
            apps.extend((rid, row, c, v) for c, v in cols.items())
        for group, outcomes in r.get("review_litigation", {}).items():
            review.extend((rid, group, o, v) for o, v in outcomes.items())
    con.executemany("INSERT INTO dim_agency (agency_id, name) VALUES (?, ?)", list(agencies.items()))
    con.executemany(
        "INSERT INTO dim_report (report_id, agency_id, agency, year, template, source_path, sha256, "
        "parser_version, ingested_at, status, is_current, report_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?)", dims)
    if active:
        con.executemany("INSERT INTO fact_active_disclosure (report_id, item, metric, value, unit) "
                        "VALUES (?, ?, ?, ?, ?)", active)
    if apps:
        con.executemany("INSERT INTO fact_application (report_id, row_code, applicant_type, count) "
                        "VALUES (?, ?, ?, ?)", apps)
    if review:
        con.executemany("INSERT INTO fact_review_litigation (report_id, group_code, outcome, count) "
                        "VALUES (?, ?, ?, ?)", review)
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
