"""The checks run inside the warehouse build, on the new file before it is published."""

from __future__ import annotations

import duckdb
import pytest
from quality_fixtures import CORPUS

from pipelines.flow.build import build
from pipelines.warehouse.gold import gold_report


def test_build_validates_before_publishing(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    warehouse = tmp_path / "xxgk.duckdb"
    result = build(CORPUS, warehouse, workers=1, parser=gold_report, docs_dir=tmp_path / "docs")
    assert result.published and result.validation is not None
    summaries = [result.validation]
    broken = summaries[0].broken
    assert sorted(broken.values()) == [["rule1", "rule3"], ["rule2", "rule3"]]
    # expectations/adjudications.csv confirms v2019_01's failures: confirmed, they still count as broken
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "SELECT d.source_path, list(DISTINCT c.rule ORDER BY c.rule) FROM check_result c "
            "JOIN dim_report d USING (report_id) WHERE c.status IN ('failed', 'confirmed') GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        passing = con.execute("SELECT count(*) FILTER (WHERE passes_all_rules), count(*) FROM report_quality"
                              ).fetchone()
    finally:
        con.close()
    assert [(p.rsplit("/", 1)[-1], r) for p, r in rows] == [
        ("v2019_01.html", ["rule2", "rule3"]), ("v2021_02.md", ["rule1", "rule3"]),
    ]
    assert passing[0] == passing[1] - 2 == summaries[0].reports_passing
