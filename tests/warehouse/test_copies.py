"""Copies of one report in the warehouse: the real crawler texts and the pages they were taken from,
the page arriving in a later build. The current reading is the gold exactly, each cell carries its
evidence, the copies are history, and building again changes nothing."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from reconcile.copies_data import gold_cells, real_pairs  # tests/reconcile/copies_data.py

from pipelines.flow.build import build

PAIRS = real_pairs()
pytestmark = pytest.mark.skipif(len(PAIRS) < 2, reason="../shared/corpus is absent")
FACTS = {"active": ("fact_active_disclosure", "item", "metric", "value"),
         "applications": ("fact_application", "row_code", "applicant_type", "count"),
         "review_litigation": ("fact_review_litigation", "group_code", "outcome", "count")}


def _current(con, path_like: str) -> dict:
    rows = con.execute("SELECT report_id, agency, year FROM dim_report r WHERE is_current AND report_key IN "
                       "(SELECT report_key FROM dim_report WHERE source_path LIKE $p)", {"p": path_like}).fetchall()
    assert len(rows) == 1
    rid = rows[0][0]
    out = {"report_id": rid}
    for table, (fact, row, col, value) in FACTS.items():
        for r, c, v in con.execute(f"SELECT {row}, {col}, {value} FROM {fact} WHERE report_id = $id", {"id": rid}
                                   ).fetchall():
            out[f"{table}/{r}/{c}"] = int(v) if v == int(v) else float(v)
    return out


def _build(raw: Path, warehouse: Path, when: str, **kw):
    return build(raw, warehouse, workers=1, ingested_at=datetime.fromisoformat(when), **kw)


def test_a_page_arriving_after_its_crawler_text_settles_it(tmp_path):
    raw, warehouse = tmp_path / "raw", tmp_path / "xxgk.duckdb"
    raw.mkdir()
    for text, _, _ in PAIRS:
        shutil.copy(text, raw / text.name)
    first = _build(raw, warehouse, "2025-02-01 03:00", validate=False)
    assert first.published
    con = duckdb.connect(str(warehouse), read_only=True)
    alone = {text.name: _current(con, f"%{text.name}") for text, _, _ in PAIRS}
    assert con.execute("SELECT count(*) FROM dim_report WHERE layout = 'reconciled'").fetchone()[0] == 0
    con.close()
    for text, _, gold in PAIRS:  # read alone: no worse than the parser reads it (here: the gold)
        reading = {k: v for k, v in alone[text.name].items() if k != "report_id"}
        assert reading == gold_cells(gold)

    for _, page, _ in PAIRS:
        shutil.copy(page, raw / page.name)
    second = _build(raw, warehouse, "2025-03-01 03:00", validate=True, docs=False)
    assert second.published and second.load.reports_new == 2 and second.load.superseded == 2
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for text, page, gold in PAIRS:
            current = _current(con, f"%{text.name}")
            rid = current.pop("report_id")
            assert current == gold_cells(gold)
            layout, = con.execute("SELECT layout FROM dim_report WHERE report_id = $id", {"id": rid}).fetchone()
            assert layout == "reconciled"
            members = con.execute(
                "SELECT d.source_path, c.role, d.is_current, d.superseded_by FROM report_copy c "
                "JOIN dim_report d ON d.report_id = c.member_id WHERE c.report_id = $id ORDER BY c.rank",
                {"id": rid}).fetchall()
            assert [(Path(p).name, role) for p, role, _, _ in members] == [(page.name, "primary"),
                                                                           (text.name, "copy")]
            assert all(not cur and by == rid for _, _, cur, by in members)
            evidence = dict(((t, r, c), (e, s)) for t, r, c, e, s in con.execute(
                "SELECT table_name, row_code, col_code, evidence, sources FROM cell_evidence WHERE report_id = $id",
                {"id": rid}).fetchall())
            assert len(evidence) == len(current)
            kinds = {e for e, _ in evidence.values()}
            assert kinds == {"confirmed", "settled_by_copy"}
            for kind, sources in evidence.values():
                assert {Path(s["source_path"]).name for s in sources} == {page.name, text.name}
                assert all(s["location"] for s in sources)
                if kind == "settled_by_copy":
                    certain = [s for s in sources if s["certain"]]
                    assert [Path(s["source_path"]).name for s in certain] == [page.name]
            settled = con.execute("SELECT location, message FROM parse_issue WHERE report_id = $id "
                                  "AND code = 'settled_by_copy'", {"id": rid}).fetchall()
            assert settled and all(page.name in m for _, m in settled)
            assert not con.execute("SELECT count(*) FROM parse_issue WHERE report_id = $id "
                                   "AND code = 'digits_ambiguous'", {"id": rid}).fetchone()[0]
        # the checks ran on the current readings, the reconciled ones among them
        checked = con.execute("SELECT count(*) FROM check_result").fetchone()[0]
        assert checked > 0
    finally:
        con.close()

    again = _build(raw, warehouse, "2025-04-01 03:00", validate=False)
    assert not again.published and again.load.superseded == 0 and again.load.reports_new == 0
