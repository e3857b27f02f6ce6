"""The checks run inside the warehouse build, on the new file before it is published."""

from __future__ import annotations

import duckdb
import pytest
from quality_fixtures import CORPUS

from pipelines.quality.validate import validate_warehouse

build = pytest.importorskip("pipelines.warehouse.build")
gold = pytest.importorskip("pipelines.warehouse.gold")


def test_build_validates_before_publishing(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not available")
    summaries = []

    def before_publish(new_path):
        summaries.append(validate_warehouse(new_path, docs_dir=tmp_path / "docs", adjudications_path=None))

    warehouse = tmp_path / "xxgk.duckdb"
    result = build.build_warehouse(CORPUS, warehouse, workers=1, parser=gold.gold_report,
                                   before_publish=before_publish)
    assert result.published and len(summaries) == 1
    broken = summaries[0].broken
    assert sorted(broken.values()) == [["rule1", "rule3"], ["rule2", "rule3"]]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "SELECT d.source_path, list(DISTINCT c.rule ORDER BY c.rule) FROM check_result c "
            "JOIN dim_report d USING (report_id) WHERE c.status = 'failed' GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        passing = con.execute("SELECT count(*) FILTER (WHERE passes_all_rules), count(*) FROM report_quality"
                              ).fetchone()
    finally:
        con.close()
    assert [(p.rsplit("/", 1)[-1], r) for p, r in rows] == [
        ("v2019_01.html", ["rule2", "rule3"]), ("v2021_02.md", ["rule1", "rule3"]),
    ]
    assert passing[0] == passing[1] - 2 == summaries[0].reports_passing
