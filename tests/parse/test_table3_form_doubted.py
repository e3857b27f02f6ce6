"""Table 3 read in a form chosen on unread labels: the rows the other form has and the reading
leaves empty are named by an issue, never silently empty (an OCR'd label without its point, a
row's cells garbled under a seal)."""

from __future__ import annotations

from printed import TABS

from pipelines import spec
from pipelines.parse import parse_bytes

NO_FEE = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0"
NO_CORRECTION = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"


def _named(report) -> set[str]:
    return {i.where for i in report.issues if i.severity != "info"}


def test_the_printed_form_names_no_row_of_the_other():
    report = parse_bytes(TABS.encode(), "text")
    assert not report.issues


def test_a_mixture_chosen_on_a_garbled_row_names_the_rows_of_the_reports_form_it_leaves_empty():
    garbled = "2申请人逾期未按：费通知霁关不再处理其政府信息公开申请\t0\t0三“。\t0\t0\t0\t0\t0"
    report = parse_bytes(TABS.replace(NO_FEE, garbled).encode(), "text")
    assert report.template == "v2021"
    left_out = [r for r in spec.APPLICATION_ROWS["v2021"] if r not in report.applications]
    assert left_out  # read in the v2019 form
    assert {f"applications/{r}" for r in left_out} <= _named(report)


def test_a_row_placed_by_position_names_the_row_of_the_other_form():
    report = parse_bytes(TABS.replace(NO_CORRECTION, "").encode(), "text")
    assert "other" not in report.applications
    assert "applications/other" in _named(report)
    assert [i.severity for i in report.issues if i.code == "row_missing"] == ["warning"]
