"""A warehouse built from Report-shaped dicts through the normal load path (stage → Parquet →
`load_staged` → views), with no parser and no raw files: for the tests of the warehouse's codes,
views and checks, and for the third-template test (which runs it in a subprocess)."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines import spec


def report_dict(rng: random.Random, name: str, agency: str, year: int, template: str,
                carried_over: dict[str, int] | None = None) -> dict[str, Any]:
    """A Report-shaped dict of `template` whose tables obey rules 1–5 (rule 6 with `carried_over`),
    every code taken from the spec."""
    parts = spec.APPLICANT_PARTS
    co = carried_over or {c: rng.randint(0, 2) for c in parts}
    apps: dict[str, dict[str, int]] = {"new": {c: rng.randint(0, 30) for c in parts}, "carried_over": dict(co)}
    outcomes = {row: dict.fromkeys(parts, 0) for row in spec.OUTCOMES[template]}
    forward = {}
    for c in parts:
        pool = apps["new"][c] + co[c]
        forward[c] = rng.randint(0, min(pool, 3))
        for _ in range(pool - forward[c]):
            outcomes[rng.choice(spec.OUTCOMES[template])][c] += 1
    apps.update(outcomes)
    apps["total_handled"] = {c: sum(outcomes[r][c] for r in outcomes) for c in parts}
    apps["carried_forward"] = forward
    total = next(c for c in spec.APPLICANTS if c not in parts)
    for row in apps.values():
        row[total] = sum(row[c] for c in parts)
    apps = {row: apps[row] for row in spec.APPLICATION_ROWS[template]}
    review = {}
    review_total = next(o for o in spec.REVIEW_OUTCOMES if o not in spec.REVIEW_PARTS)
    for g in spec.REVIEW_GROUPS:
        review[g] = {o: rng.randint(0, 3) for o in spec.REVIEW_PARTS}
        review[g][review_total] = sum(review[g].values())
    active = {item: {m: (round(rng.uniform(0, 99), 2) if m in spec.MONEY_METRICS else
                         rng.randint(-3, 3) if m in spec.SIGNED_METRICS else rng.randint(0, 50))
                     for m in metrics}
              for item, metrics in spec.ACTIVE_ITEMS[template].items()}
    return {"path": f"raw/{name}.txt", "agency": agency, "year": year, "template": template,
            "sha256": hashlib.sha256(name.encode()).hexdigest(), "title": f"{agency}{year}",
            "layout": "text", "encoding": "utf-8",
            "active": active, "applications": apps, "review_litigation": review}


def build(reports: list[dict[str, Any]], db_path: Path, staging: Path | None = None) -> Path:
    """Load the reports into a new warehouse file at db_path the way the build does."""
    from pipelines.parse.report import Report
    from pipelines.warehouse import stage
    from pipelines.warehouse.load import load_staged

    staging = staging or db_path.with_name(db_path.stem + "-staging")
    stage.write_parquet(stage.frames([Report.from_dict(r) for r in reports]), staging, "part-0")
    load_staged(staging, db_path, ingested_at=datetime(2031, 2, 1, 3, 0))
    return db_path
