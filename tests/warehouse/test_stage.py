"""Reports → staging frames: pure, typed, and carrying each cell's provenance."""

from __future__ import annotations

from pipelines.parse.report import Cell, Issue, Report
from pipelines.warehouse import stage


def _report(**kw) -> Report:
    base = dict(path="/raw/a.txt", agency="平湖市统计局", year=2021, template="v2021", sha256="ab" * 32)
    return Report(**{**base, **kw})


def test_empty_batch_keeps_its_columns():
    frames = stage.frames([])
    assert {name: list(f.schema) for name, f in frames.items()} == {
        name: list(schema) for name, schema in stage.SCHEMAS.items()}
    assert all(f.height == 0 for f in frames.values())


def test_cells_carry_provenance_and_types():
    report = _report(
        active={"fees": {"amount_10k_yuan": 24252.311082}, "rules": {"issued": 3}},
        applications={"new": {"natural_person": 2, "total": None}},
        review_litigation={"review": {"upheld": 1}},
        provenance={"applications/new/natural_person": Cell("line 40 col 2", "２")},
        region={"province": "浙江省", "adcode": 330482},
        issues=[Issue("rule_broken", "warning", "applications/balance/total", "rule1 (…): 3 != 2")],
    )
    f = stage.frames([report])
    rid = stage.report_id(report.sha256, report.parser_version)
    app = {(r["row_code"], r["applicant_type"]): r for r in f["application"].to_dicts()}
    assert app[("new", "natural_person")] == {"report_id": rid, "row_code": "new", "applicant_type": "natural_person",
                                              "count": 2, "source_location": "line 40 col 2", "raw_text": "２"}
    assert app[("new", "total")]["count"] is None  # unread cell stays NULL, not 0
    active = {r["item"]: r for r in f["active"].to_dicts()}
    assert str(active["fees"]["value"]) == "24252.311082" and active["fees"]["unit"] == "万元"
    row = f["report"].row(0, named=True)
    assert row["status"] == "issues" and row["n_warnings"] == 1 and row["adcode"] == "330482"
    assert row["report_key"] == f"{stage.agency_id('平湖市统计局')}/2021"
    assert f["issue"].to_dicts()[0]["issue_no"] == 1


def test_quarantined_report_keeps_its_reason_and_keys_by_path():
    report = _report(agency=None, year=None, template=None,
                     issues=[Issue("not_a_report", "error", "file", "none of the three tables was found")])
    row = stage.frames([report])["report"].row(0, named=True)
    assert row["status"] == "quarantined"
    assert row["quarantine_reason"] == "none of the three tables was found"
    assert row["quarantine_codes"] == ["not_a_report"]
    assert row["report_key"] == "path:/raw/a.txt"


def test_ids_are_stable_and_depend_on_bytes_and_parser_version():
    assert stage.report_id("ab" * 32, "0.1.0") == stage.report_id("ab" * 32, "0.1.0")
    assert stage.report_id("ab" * 32, "0.1.0") != stage.report_id("ab" * 32, "0.2.0")
    assert stage.agency_id(" 平湖市统计局 ") == stage.agency_id("平湖市统计局")


def test_parquet_round_trip(tmp_path):
    frames = stage.frames([_report(applications={"new": {"total": 4}})])
    stage.write_parquet(frames, tmp_path, "part-000001")
    stage.write_parquet(stage.frames([]), tmp_path, "part-000002")
    back = stage.read_parquet(tmp_path)
    assert back["application"].num_rows == 1 and back["report"].num_rows == 1
    assert not list(tmp_path.rglob("*.tmp"))
