"""On a generated corpus with injected errors (gold `injected_errors`), built into a warehouse from
its gold files: every injected error is found with its report and rule, and nothing else."""

from __future__ import annotations

import json

from pipelines.flow.build import build
from pipelines.warehouse.gold import gold_report


def test_injected_errors_are_found_and_clean_reports_pass(tmp_path):
    from pipelines.cli import main

    raw = tmp_path / "raw"
    assert main(["synth", "--agencies", "40", "--years", "2019-2024", "--out", str(raw), "--seed", "11",
                 "--error-rate", "0.2", "--processes", "1"]) == 0
    warehouse = tmp_path / "xxgk.duckdb"
    summaries = [build(raw, warehouse, workers=1, parser=gold_report).validation]
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    ids = dict(con.execute("SELECT source_path, report_id FROM dim_report WHERE is_current").fetchall())
    con.close()
    expected: dict[str, set[str]] = {}
    for path in raw.rglob("*.gold.json"):
        g = json.loads(path.read_text(encoding="utf-8"))
        raws = [p for p in path.parent.glob(path.name.replace(".gold.json", ".*")) if not p.name.endswith(".json")]
        rid = ids.get(str(raws[0])) if raws else None
        if rid and g.get("injected_errors"):
            expected[rid] = {e["rule"] for e in g["injected_errors"]}
    assert len(expected) >= 10, "the generator injected too few errors to tell"
    broken = {rid: set(rules) for rid, rules in summaries[0].broken.items()}
    assert broken == expected
