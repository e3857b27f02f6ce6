"""Agency, reporting year and region of a report, from its title lines and text."""

from __future__ import annotations

import random

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_data import gold_pairs

from pipelines.ingest.document import document_from_bytes, read_document
from pipelines.parse.metadata import extract_metadata, vocab
from pipelines.parse.report import ISSUE_CODES
from pipelines.synth import render
from pipelines.synth.numbers import AgencyModel

PAIRS = gold_pairs("seeds") + gold_pairs("corpus")


def _codes(meta) -> dict[str, str]:
    return {code: severity for code, severity, _ in meta.issues}


def _meta(title: str, text: str = ""):
    lines = [ln for ln in title.splitlines() if ln.strip()]
    return extract_metadata(lines, text or title)


# ------------------------------------------------------------------ the real reports


@pytest.mark.skipif(not PAIRS, reason="../shared is not present")
@pytest.mark.parametrize("raw,gold", PAIRS, ids=[p.name for p, _ in PAIRS])
def test_gold_agency_and_year_through_ingest(raw, gold):
    doc = read_document(raw)
    meta = extract_metadata(doc.title_lines, doc.text)
    assert (meta.agency, meta.year) == (gold["agency"], gold["year"])
    assert meta.region["province"] and meta.region["adcode"]
    assert "agency_missing" not in _codes(meta) and "region_unresolved" not in _codes(meta)


@pytest.mark.skipif(not PAIRS, reason="../shared is not present")
@pytest.mark.parametrize("raw,gold", PAIRS, ids=[p.name for p, _ in PAIRS])
def test_gold_agency_and_year_from_plain_lines(raw, gold):
    """The same from the file's own lines (HTML through lxml), as another reader would give them."""
    text = raw.read_text(encoding="utf-8", errors="replace")
    if raw.suffix == ".html":
        text = lxml.html.document_fromstring(text).text_content()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:30]
    meta = extract_metadata(lines, text)
    assert (meta.agency, meta.year) == (gold["agency"], gold["year"])


@pytest.mark.skipif(not PAIRS, reason="../shared is not present")
def test_gold_regions():
    regions = {}
    for raw, _ in PAIRS:
        doc = read_document(raw)
        meta = extract_metadata(doc.title_lines, doc.text)
        regions[meta.agency] = meta.region
    assert regions["平湖市统计局"] | {} == {
        "province": "浙江省", "city": "嘉兴市", "county": "平湖市", "township": None, "adcode": "330482",
        "kind": "department", "level": "county"}
    assert regions["湘潭县统计局"]["adcode"] == "430321"
    assert regions["上海市人民政府办公厅"]["kind"] == "government_office"
    assert regions["上海市人民政府办公厅"]["level"] == "province"
    assert regions["上海市科学技术委员会"]["adcode"] == "310000"
    assert regions["平潭综合实验区"]["kind"] == "special_zone"
    assert regions["平潭综合实验区"]["county"] == "平潭县"
    assert regions["平潭综合实验区市场监督管理局"]["kind"] == "department"


# ------------------------------------------------------------------ titles and years


@pytest.mark.parametrize("title,agency,year", [
    ("平湖市统计局 2021 年度政府信息公开工作 年度报告", "平湖市统计局", 2021),
    ("2024 年上海市科委政府信息公开工作\n年度报告", "上海市科学技术委员会", 2024),
    ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019),
    ("标题: 平潭综合实验区2021年度政府信息公开工作年度报告\n发布时间: 2022-02-08 16:34", "平潭综合实验区", 2021),
    ("正文\n上海市科学技术委员会\n2023年度政府信息公开工作年度报告", "上海市科学技术委员会", 2023),
    ("平湖市统计局２０２２年度政府信息公开工作年度报告", "平湖市统计局", 2022),
    ("湘潭县统计局二〇二〇年度政府信息公开工作年度报告", "湘潭县统计局", 2020),
    ("关于印发《平湖市统计局2021年度政府信息公开工作年度报告》的通知", "平湖市统计局", 2021),
    ("当前位置： 首页政务公开部门文件 平湖市统计局2021年度政府信息公开工作年度报告 时间：2022-01-20",
     "平湖市统计局", 2021),
    ("北京市密云区人民政府2021年政务公开工作年度报告", "北京市密云区人民政府", 2021),
    ("国家统计局2021年政府信息公开工作年度报告", "国家统计局", 2021),
])
def test_titles(title, agency, year):
    meta = _meta(title)
    assert (meta.agency, meta.year) == (agency, year)
    assert meta.title and "年度报告" in meta.title


def test_year_after_the_title():
    meta = _meta("平湖市统计局政府信息公开工作年度报告（2021年）")
    assert (meta.agency, meta.year) == ("平湖市统计局", 2021)
    assert meta.title == "平湖市统计局政府信息公开工作年度报告(2021年)"


def test_split_title_is_joined_and_reported():
    meta = _meta("2024 年上海市科委政府信息公开工作\n年度报告\n根据《条例》…")
    assert meta.title == "2024年上海市科委政府信息公开工作年度报告"


def test_a_notice_about_reports_is_not_a_title():
    meta = _meta("关于做好2019年政府信息公开工作年度报告编制公布工作的通知")
    assert meta.agency is None and _codes(meta)["agency_missing"] == "error"


def test_year_from_the_statistics_period_when_the_title_has_none():
    text = ("平湖市统计局政府信息公开工作年度报告\n发布时间: 2022-02-08\n"
            "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。")
    meta = extract_metadata(text.splitlines()[:2], text)
    assert (meta.agency, meta.year) == ("平湖市统计局", 2021)
    assert "year_missing" not in _codes(meta)


def test_year_from_the_publication_date_is_the_year_before_and_says_so():
    text = "平湖市统计局政府信息公开工作年度报告\n发布时间: 2022-02-08 16:34\n一、总体情况"
    meta = extract_metadata(text.splitlines(), text)
    assert meta.year == 2021
    assert _codes(meta)["year_missing"] == "warning"


def test_no_year_anywhere():
    meta = _meta("平湖市统计局政府信息公开工作年度报告")
    assert meta.agency == "平湖市统计局" and meta.year is None
    assert _codes(meta)["year_missing"] == "error"


def test_a_sentence_about_the_report_is_no_agency():
    title = "2021年度政府信息公开工作年度报告"
    meta = extract_metadata([title], title + "\n我局编制了2021年度政府信息公开工作年度报告。")
    assert meta.agency is None and meta.year == 2021
    assert _codes(meta) == {"agency_missing": "error"}


def test_agency_from_the_text_when_the_title_names_none():
    lines = ["2021年度政府信息公开工作年度报告", "发布机构: 平湖市统计局"]
    meta = extract_metadata(lines, "\n".join(lines))
    assert (meta.agency, meta.year) == ("平湖市统计局", 2021)


# ------------------------------------------------------------------ the generator's titles

# agencies as the generator names them (their full names are the gold): a township's street
# office, an autonomous county, a district prefixed by its city, a two-character district name
# several cities share, a province-level department
GENERATED = [
    ("巴马瑶族自治县北苑街道办事处", "township", "township"),
    ("岱山县白沙镇人民政府", "township", "township"),
    ("平顶山市石龙区人力资源和社会保障局", "county", "social"),
    ("马边彝族自治县人力资源和社会保障局", "county", "social"),
    ("城区新塘镇人民政府", "township", "township"),
    ("察哈尔右翼前旗统计局", "county", "statistics"),
    ("嘉峪关市人民政府办公室", "city", "office"),
    ("浙江省自然资源厅", "province", "land"),
]
_PREFACE = "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。"


def _rendered(agency: str, level: str, kind: str, layout: str, title: int, seed: int) -> str:
    rng = random.Random(seed)
    year = 2019 + seed % 7
    tables = AgencyModel(level, kind, 1.0, rng).year_tables(year)
    style = render.draw_style(layout, rng) | {"title": title}
    return render.render(layout, {"agency": agency, "year": year, **tables, "style": style}, rng)


_TITLE_IDS = [f"title{i}" for i in range(len(render.TITLES))]


@pytest.mark.parametrize("title", range(len(render.TITLES)), ids=_TITLE_IDS)
@pytest.mark.parametrize("layout", render.LAYOUTS)
def test_every_generated_title_format_in_every_layout(layout, title):
    for seed, (agency, level, kind) in enumerate(GENERATED):
        text = _rendered(agency, level, kind, layout, title, seed)
        doc = document_from_bytes(text.encode("gb18030" if seed % 3 == 0 else "utf-8"))
        meta = extract_metadata(doc.title_lines, doc.text)
        assert (meta.agency, meta.year) == (agency, 2019 + seed % 7), (layout, text[:120])
        assert meta.title == render.TITLES[title].format(agency=agency, year=2019 + seed % 7)


@pytest.mark.parametrize("title", render.TITLES, ids=_TITLE_IDS)
def test_a_title_broken_over_lines_anywhere(title):
    """PDF text wraps the title at the page width: the break may fall inside the place name
    (马边彝族自 / 治县), the year (20 / 21年) or 公开 (信息公 / 开工作)."""
    for agency, _, _ in GENERATED:
        full = title.format(agency=agency, year=2021)
        for cut in range(1, len(full)):
            lines = [full[:cut], full[cut:], _PREFACE]
            meta = extract_metadata(lines, "\n".join(lines))
            assert (meta.agency, meta.year) == (agency, 2021), lines[:2]
        for width in (12, 20, 26):  # over three or more lines
            lines = [full[i:i + width] for i in range(0, len(full), width)] + [_PREFACE]
            meta = extract_metadata(lines, "\n".join(lines))
            assert (meta.agency, meta.year) == (agency, 2021), lines


@pytest.mark.parametrize("dressed", ["# {t}", "**{t}**", "{t}_岱山县人民政府", "{t} - 政府信息公开年报 - 门户网站",
                                     "当前位置：首页 > 政务公开 > 政府信息公开年报 > {t}"],
                         ids=["markdown", "bold", "site", "site_dash", "breadcrumb"])
def test_a_title_dressed_by_markdown_a_page_title_or_a_breadcrumb(dressed):
    for title in render.TITLES:
        t = title.format(agency="岱山县白沙镇人民政府", year=2023)
        meta = _meta(dressed.format(t=t) + "\n" + _PREFACE)
        assert (meta.agency, meta.year, meta.title) == ("岱山县白沙镇人民政府", 2023, t)


@pytest.mark.parametrize("title_field", ["", "政府信息公开年报"])
def test_crawler_header_fields_are_never_the_agency(title_field):
    """With no usable 标题 field the title is found in the one-line body, after the breadcrumb;
    the header's 栏目 and the breadcrumb's 政务公开 are not agencies."""
    t = "岱山县白沙镇人民政府关于2023年度政府信息公开工作的年度报告"
    lines = [f"标题: {title_field}", "发布时间: 2024-01-02 10:00", "文号: ", "发布机构: ",
             "栏目: 政府信息公开年报", "原文链接: http://www.example.gov.cn/zwgk/nb/t1.html",
             "==================== 正文 ====================",
             "当前位置：首页 > 政务公开 > 政府信息公开年报 " + t + _PREFACE]
    meta = extract_metadata(lines, "\n".join(lines))
    assert (meta.agency, meta.year) == ("岱山县白沙镇人民政府", 2023)
    lines[-1] = "当前位置：首页 > 政务公开 > 政府信息公开年报 2023年度政府信息公开工作年度报告" + _PREFACE
    meta = extract_metadata(lines, "\n".join(lines))
    assert meta.agency is None and meta.year == 2023


def test_a_page_header_repeated_after_a_footer_is_not_joined_to_its_neighbours():
    t = "钦北区沙河镇人民政府2022年度政府信息公开工作年度报告"
    lines = ["2022年钦北区沙河镇人民政府政府信息公", "开工作年度报告", "一、总体情况", "二、主动公开政府信息情况",
             "第 1 页 共 4 页", t]
    meta = extract_metadata(lines, "\n".join(lines))
    assert (meta.agency, meta.year) == ("钦北区沙河镇人民政府", 2022)
    meta = extract_metadata(["二、主动公开政府信息情况", "第 1 页 共 4 页", t], "")
    assert meta.agency == "钦北区沙河镇人民政府"


@pytest.mark.parametrize("seed", range(4))
def test_a_notice_about_reports_has_no_agency_nor_year(seed):
    """The generator's notice: its body says 做好2021年度政府信息公开工作年度报告 and names the
    issuing agency at the end, but the file is no report."""
    text = render.render_notice("平顶山市石龙区人民政府办公室", 2021, random.Random(seed))
    doc = document_from_bytes(text.encode("utf-8"))
    meta = extract_metadata(doc.title_lines, doc.text)
    assert (meta.agency, meta.year) == (None, None)
    assert meta.title.endswith("的通知")
    assert _codes(meta) == {"agency_missing": "error", "year_missing": "error"}


def test_a_notice_names_its_agency_only_before_its_about():
    meta = _meta("平湖市人民政府办公室关于做好2021年度政府信息公开工作年度报告编制发布工作的通知\n各乡镇人民政府：")
    assert (meta.agency, meta.year) == ("平湖市人民政府办公室", None)
    meta = _meta("关于做好2021年度政府信息公开工作年度报告编制发布工作的通知\n"
                 "根据《中华人民共和国政府信息公开条例》规定，现就做好2021年度政府信息公开工作年度报告编制和发布工作通知如下")
    assert (meta.agency, meta.year) == (None, None)


def test_a_pre_2019_report_keeps_its_agency_and_year():
    text = render.render_old_report("和林格尔县市场监督管理局", 2015, random.Random(1))
    meta = extract_metadata(text.splitlines()[:5], text)
    assert (meta.agency, meta.year) == ("和林格尔县市场监督管理局", 2015)


# ------------------------------------------------------------------ full names


@pytest.mark.parametrize("written,full", [
    ("上海市科委", "上海市科学技术委员会"),
    ("平湖市发改局", "平湖市发展和改革局"),
    ("嘉兴市发改委", "嘉兴市发展和改革委员会"),
    ("湘潭县人社局", "湘潭县人力资源和社会保障局"),
    ("湘潭县住建局", "湘潭县住房和城乡建设局"),
    ("嘉兴市市监局", "嘉兴市市场监督管理局"),
    ("上海市政府", "上海市人民政府"),
    ("平湖市政府办", "平湖市人民政府办公室"),
    ("桐庐县", "桐庐县人民政府"),
])
def test_abbreviations_are_expanded(written, full):
    meta = _meta(f"{written}2021年度政府信息公开工作年度报告")
    assert meta.agency == full
    assert _codes(meta)["agency_expanded"] == "info"


def test_the_full_name_the_report_prints_is_preferred():
    title = "桐庐县文旅局2021年度政府信息公开工作年度报告"
    text = title + "\n一、总体情况\n2021年，桐庐县文化广电旅游局认真贯彻《条例》…"
    meta = extract_metadata([title], text)
    assert meta.agency == "桐庐县文化广电旅游局"  # the vocabulary alone would say 文化和旅游局
    assert any("as the report prints it" in m for c, _, m in meta.issues if c == "agency_expanded")
    assert _meta(title).agency == "桐庐县文化和旅游局"


def test_full_names_are_left_alone():
    meta = _meta("上海市科学技术委员会2021年度政府信息公开工作年度报告")
    assert meta.agency == "上海市科学技术委员会" and not meta.issues


def test_every_abbreviation_expands_to_something_longer():
    v = vocab()
    for short, full in v.abbreviations.items():
        assert len(full) > len(short), short


# ------------------------------------------------------------------ OCR and regions


def test_ocr_garbled_county_is_corrected_with_a_warning():
    meta = _meta("沐阳县统计局2021年度政府信息公开工作年度报告")
    assert meta.agency == "沭阳县统计局"
    assert _codes(meta)["agency_corrected"] == "warning"
    assert meta.region["city"] == "宿迁市" and meta.region["adcode"] == "321322"


def test_garble_with_no_support_is_left_and_flagged():
    meta = _meta("洒阳县统计局2021年度政府信息公开工作年度报告")
    assert meta.agency == "洒阳县统计局"
    assert _codes(meta)["region_unresolved"] == "warning"
    assert meta.region["adcode"] is None


@pytest.mark.parametrize("title,kind,level", [
    ("平湖市人民政府2021年度政府信息公开工作年度报告", "government", "county"),
    ("平湖市人民政府办公室2021年度政府信息公开工作年度报告", "government_office", "county"),
    ("平湖市当湖街道办事处2021年度政府信息公开工作年度报告", "township", "township"),
    ("湘潭县花石镇人民政府2021年度政府信息公开工作年度报告", "township", "township"),
    ("嘉兴市统计局2021年度政府信息公开工作年度报告", "department", "city"),
    ("浙江省统计局2021年度政府信息公开工作年度报告", "department", "province"),
    ("平潭综合实验区2021年度政府信息公开工作年度报告", "special_zone", "city"),
    ("国家统计局2021年度政府信息公开工作年度报告", "department", "national"),
])
def test_kind_and_level(title, kind, level):
    meta = _meta(title)
    assert (meta.region["kind"], meta.region["level"]) == (kind, level)


def test_township_name_is_kept():
    meta = _meta("湘潭县花石镇人民政府2021年度政府信息公开工作年度报告")
    assert meta.region["township"] == "花石镇" and meta.region["county"] == "湘潭县"


@pytest.mark.parametrize("county,city", [("鄠邑区", "西安市"), ("临安区", "杭州市"), ("钱塘区", "杭州市"),
                                          ("广信区", "上饶市"), ("长乐区", "福州市"), ("光明区", "深圳市")])
def test_renamed_districts_resolve(county, city):
    meta = _meta(f"{city}{county}人民政府2021年度政府信息公开工作年度报告")
    assert meta.region["county"] == county and meta.region["city"] == city
    meta = _meta(f"{county}统计局2022年度政府信息公开工作年度报告")
    assert meta.region["county"] == county and meta.region["adcode"]


def test_shared_county_name_is_told_apart_by_the_text():
    title = "鼓楼区人民政府2021年度政府信息公开工作年度报告"
    meta = _meta(title)
    assert meta.region["adcode"] is None and _codes(meta)["region_unresolved"] == "warning"
    meta = extract_metadata([title], title + "\n福州市鼓楼区人民政府认真贯彻…")
    assert meta.region["city"] == "福州市"


def test_a_district_the_register_no_longer_has_is_flagged():
    # 江北区 and 渝北区 of 重庆市 were merged into 两江新区 in 2025: older reports still name them
    meta = _meta("重庆市江北区人民政府2021年度政府信息公开工作年度报告")
    assert meta.agency == "重庆市江北区人民政府"
    assert (meta.region["province"], meta.region["county"], meta.region["kind"]) == ("重庆市", None, "government")
    assert _codes(meta)["region_unresolved"] == "warning"


@pytest.mark.parametrize("title,agency,kind", [
    ("苏州工业园区管委会2021年度政府信息公开工作年度报告", "苏州工业园区管理委员会", "special_zone"),
    ("杭州市高新区（滨江）2021年度政府信息公开工作年度报告", "杭州市高新区(滨江)", "special_zone"),
    ("杭州市城市管理局2021年度政府信息公开工作年度报告", "杭州市城市管理局", "department"),
])
def test_zones_and_departments_below_a_region(title, agency, kind):
    meta = _meta(title)
    assert (meta.agency, meta.region["kind"]) == (agency, kind)
    assert "region_unresolved" not in _codes(meta)


def test_central_agencies_have_no_region_and_no_complaint():
    meta = _meta("国家统计局2021年度政府信息公开工作年度报告")
    assert meta.region["province"] is None and "region_unresolved" not in _codes(meta)


# ------------------------------------------------------------------ odd input


@pytest.mark.parametrize("lines,text", [
    ([], ""),
    ([], "一、总体情况\n这不是年度报告"),
    (["\x00\x01\ufffd\ufffd"], "\x00\x01\ufffd\ufffd" * 1000),
    (["PK\x03\x04\x14\x00\x06\x00"], "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"),
    (["", "   ", "\t"], "\n\n"),
    (["年度报告"], "年度报告"),
])
def test_junk_gives_none_and_issues(lines, text):
    meta = extract_metadata(lines, text)
    assert meta.agency is None and meta.year is None
    assert _codes(meta) == {"agency_missing": "error", "year_missing": "error"}
    assert meta.region.get("adcode") is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=8), st.text(max_size=400))
def test_never_raises(lines, text):
    meta = extract_metadata(lines, text)
    assert all(code in ISSUE_CODES for code, _, _ in meta.issues)
    assert all(sev in ("error", "warning", "info") for _, sev, _ in meta.issues)
    assert meta.year is None or 2000 <= meta.year <= 2100


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="平湖市统计局上海科委沐阳县年度政府信息公开工作报告2019２〇一 \n:：《》", max_size=80))
def test_never_raises_on_near_titles(s):
    extract_metadata(s.splitlines(), s)


def test_a_title_year_the_text_or_the_calendar_contradicts_is_said_to():
    text = "本报告中所列数据统计期限自2021年1月1日起至2021年12月31日止。"
    meta = extract_metadata(["平湖市统计局2022年度政府信息公开工作年度报告"], text)
    assert meta.year == 2022 and [c for c, _, _ in meta.issues] == ["year_conflict"]
    same = extract_metadata(["平湖市统计局2021年度政府信息公开工作年度报告"], text)
    assert same.year == 2021 and not same.issues
    future = extract_metadata(["平湖市统计局2099年度政府信息公开工作年度报告"], "")
    assert [c for c, _, _ in future.issues] == ["year_conflict"]


@pytest.mark.parametrize("written", [
    "平湖市统计局 平湖市发展和改革局", "平湖市统计局、平湖市发展和改革局", "平湖市统计局和平湖市发展和改革局",
    "平湖市统计局，平湖市发改局",
])
def test_a_joint_report_keeps_both_agencies_and_says_so(written):
    """Two agencies' joint report: not one name glued from two (平湖市统计局平湖市发展和改革局)."""
    meta = _meta(f"{written}2021年度政府信息公开工作年度报告")
    assert meta.agency == "平湖市统计局、平湖市发展和改革局"
    assert meta.region["county"] == "平湖市" and meta.year == 2021
    assert _codes(meta)["agency_joint"] == "warning"


@pytest.mark.parametrize("name", ["平湖市人力资源和社会保障局", "平湖市住房和城乡建设局", "天津市和平区人民政府",
                                  "平湖市人民政府当湖街道办事处", "北京市北京经济技术开发区管理委员会"])
def test_one_agency_with_and_or_a_region_inside_its_name_is_one_agency(name):
    meta = _meta(f"{name}2021年度政府信息公开工作年度报告")
    assert meta.agency == name
    assert "agency_joint" not in _codes(meta)


@pytest.mark.parametrize("title", [
    "平湖市统计局政府信息公开工作2021年度报告", "平湖市统计局政务公开2021年报",
    "平湖市统计局2020-2021年度政府信息公开工作年度报告",
    "平湖市人民政府门户网站 平湖市统计局2021年度政府信息公开工作年度报告",
])
def test_title_variants_name_the_agency_and_the_year(title):
    """The year inside the words 信息公开工作…年度报告, a range of years, a website's name before the agency."""
    meta = _meta(title)
    assert (meta.agency, meta.year) == ("平湖市统计局", 2021)
    assert not meta.issues


@pytest.mark.parametrize("written, texts, read", [
    # a region name two regions share: told apart by each report's own text
    ("鼓楼区人民政府", ("福州市鼓楼区人民政府认真贯彻…", "南京市鼓楼区人民政府认真贯彻…", ""),
     lambda meta: meta.region["city"]),
    # an abbreviation: the full name each report prints, else the vocabulary's
    ("桐庐县文旅局", ("桐庐县文化广电旅游局认真贯彻…", "", "桐庐县文化和旅游局认真贯彻…"), lambda meta: meta.agency),
])
def test_an_agency_whose_name_needs_the_text_is_read_against_each_reports_text(written, texts, read):
    """Agencies' names are remembered within a process where they need no text; where they do,
    each report's text is read again, in whichever order the reports come."""
    title = f"{written}2021年度政府信息公开工作年度报告"
    alone = [read(extract_metadata([title], title + "\n" + text)) for text in texts]
    assert len(set(map(str, alone))) >= 2  # the text tells
    for order in ([0, 1, 2], [2, 1, 0], [1, 0, 2, 1]):
        assert [read(extract_metadata([title], title + "\n" + texts[k])) for k in order] == [alone[k] for k in order]


def test_an_agency_whose_name_needs_no_text_gives_the_same_answer_every_time():
    title = "平湖市统计局2021年度政府信息公开工作年度报告"
    first = extract_metadata([title], title + "\n平湖市统计局认真贯彻…")
    first.region["city"] = "changed by a caller"
    first.issues.append(("x", "info", "changed by a caller"))
    again = extract_metadata([title], title)
    assert again.agency == "平湖市统计局" and again.region["city"] == "嘉兴市" and again.issues == []
