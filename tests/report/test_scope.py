"""Naming what a report covers: regions as analysts write them, years, and the printed order."""

from __future__ import annotations

import pytest

from pipelines import spec
from pipelines.report.scope import ScopeError, find_region, find_regions, parse_years
from pipelines.report.tables import cell_order, merged, printed_rows
from pipelines.report.words import check_label


@pytest.mark.parametrize(("name", "full"), [
    ("河南", "河南省"), ("河南省", "河南省"), ("郑州", "河南省郑州市"), ("河南郑州", "河南省郑州市"),
    ("北京朝阳", "北京市朝阳区"), ("北京市朝阳区", "北京市朝阳区"), ("内蒙古", "内蒙古自治区"),
    ("新疆", "新疆维吾尔自治区"), ("广西", "广西壮族自治区"), ("宿迁沭阳县", "江苏省宿迁市沭阳县"),
    (" 河 南 ", "河南省"),
])
def test_a_region_as_an_analyst_writes_it(name, full):
    assert find_region(name).full_name == full


@pytest.mark.parametrize(("name", "count"), [("朝阳区", 2), ("吉林", 2), ("鼓楼区", 4)])
def test_a_name_of_several_regions_is_an_error_that_lists_them(name, count):
    assert len(find_regions(name)) == count
    with pytest.raises(ScopeError, match=f"fits {count} regions"):
        find_region(name)


def test_no_such_region():
    assert find_regions("不存在的地方") == []
    with pytest.raises(ScopeError, match="no province, city or county"):
        find_region("不存在的地方")


@pytest.mark.parametrize(("text", "years"), [
    ("2019-2025", (2019, 2025)), ("2021", (2021, 2021)), ("2021-", (2021, None)), ("-2020", (None, 2020)),
    (" 2019 - 2020 ", (2019, 2020)), (None, (None, None)), ("", (None, None)),
])
def test_years(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["2025-2019", "19-20", "last year", "-"])
def test_bad_years(text):
    with pytest.raises(ScopeError, match="years"):
        parse_years(text)


def test_both_templates_rows_in_one_printed_order():
    rows = printed_rows("applications")
    for template in spec.TEMPLATES:
        assert [r for r in rows if r in spec.APPLICATION_ROWS[template]] == list(spec.APPLICATION_ROWS[template])
    assert set(rows) == {r for t in spec.TEMPLATES for r in spec.APPLICATION_ROWS[t]}
    assert merged(["a", "b", "d"], ["a", "c", "d", "e"]) == ["a", "c", "b", "d", "e"]  # c right after a
    # every cell of either template has a place
    for template in spec.TEMPLATES:
        order = cell_order("active")
        assert all((item, m) in order for item, ms in spec.ACTIVE_ITEMS[template].items() for m in ms)


def test_checks_named_in_printed_labels():
    assert check_label("handled/total") == f"handled · {spec.APPLICANT_LABELS['total'][0]}"
    assert check_label("applicants/denied_query") == f"applicants · {spec.APPLICATION_LABELS['denied_query'][0]}"
    assert spec.APPLICATION_LABELS["new"][0] in check_label("v2021/applications/new/total")
    assert check_label("something/else/entirely") == "something/else/entirely"
    assert check_label(None) == ""


def test_a_failing_check_names_its_printed_cells():
    from pipelines.report.tables import check_cells

    cells = {("r1", "applications", row, col): {"value": v, "raw_text": raw, "source_location": where,
                                                "template": "v2021"}
             for row, col, v, raw, where in [
                 ("new", "total", 12, "１２", "line 10 cell 7"), ("carried_over", "total", 0, "", None),
                 ("total_handled", "total", 10, "10", "line 30 cell 7"),
                 ("carried_forward", "total", None, "l0", "line 31 cell 7")]}
    text = check_cells({"report_id": "r1", "rule": "rule1", "check_name": "balance/total"}, cells)
    new, total = spec.APPLICATION_LABELS["new"][0], spec.APPLICANT_LABELS["total"][0]
    assert text.startswith(f"{new}·{total} 12［１２ · line 10 cell 7］ + 另 1 格为 0 或空白 = ")
    assert "（无法读取）［l0 · line 31 cell 7］" in text, "an unread cell is never shown as 0"
    # the report's cells not listed: nothing to say
    assert check_cells({"report_id": "r2", "rule": "rule1", "check_name": "balance/total"}, cells) == ""
    # a cell check names its one cell
    one = check_cells({"report_id": "r1", "rule": "rule5", "check_name": "v2021/applications/new/total"}, cells)
    assert one == f"{new}·{total} 12［１２ · line 10 cell 7］"
