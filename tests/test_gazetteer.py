"""The gazetteer: the register of real regions, name lookup down the hierarchy, OCR correction."""

from __future__ import annotations

import pytest

from pipelines import gazetteer

# Districts and cities created or renamed since 2013, with their province and prefecture
# (None for the districts of a municipality). An out-of-date register misses them.
RECENT = [
    ("陕西省", "西安市", "鄠邑区"), ("浙江省", "杭州市", "临安区"), ("江西省", "上饶市", "广信区"),
    ("北京市", None, "密云区"), ("北京市", None, "延庆区"), ("重庆市", None, "璧山区"),
    ("江苏省", "南京市", "溧水区"), ("福建省", "福州市", "长乐区"), ("浙江省", "杭州市", "钱塘区"),
    ("浙江省", "杭州市", "临平区"), ("广东省", "深圳市", "光明区"), ("广东省", "深圳市", "坪山区"),
    ("上海市", None, "浦东新区"), ("上海市", None, "崇明区"), ("天津市", None, "蓟州区"),
    ("重庆市", None, "梁平区"), ("重庆市", None, "开州区"), ("四川省", "成都市", "新津区"),
    ("四川省", "成都市", "郫都区"), ("广东省", "广州市", "从化区"), ("山西省", "大同市", "云冈区"),
    ("山东省", "济南市", "莱芜区"), ("山东省", "济南市", "钢城区"), ("浙江省", "宁波市", "奉化区"),
    ("吉林省", "长春市", "公主岭市"), ("浙江省", "温州市", "龙港市"), ("江苏省", "南通市", "海门区"),
    ("山东省", "烟台市", "蓬莱区"), ("福建省", "三明市", "沙县区"), ("福建省", "漳州市", "龙海区"),
    ("山西省", "晋中市", "太谷区"), ("贵州省", "毕节市", "黔西市"), ("湖南省", "株洲市", "渌口区"),
    ("四川省", "宜宾市", "叙州区"), ("重庆市", None, "两江新区"),
]
# the names those replaced: a current register no longer has them
REPLACED = ["户县", "临安市", "上饶县", "密云县", "璧山县", "长乐市", "江干区", "崇明县", "蓟县", "郫县",
            "从化市", "奉化市", "海门市", "蓬莱市", "梅列区", "龙海市", "太谷县", "株洲县", "宜宾县"]


@pytest.mark.parametrize("province,city,county", RECENT, ids=[c for _, _, c in RECENT])
def test_recent_districts_are_in_the_register(province, city, county):
    hits = [r for r in gazetteer.lookup(county) if r.province == province and r.city == city]
    assert len(hits) == 1
    r = hits[0]
    assert r.level == "county" and len(r.adcode) == 6 and r.adcode.isdigit()


@pytest.mark.parametrize("name", REPLACED)
def test_replaced_names_are_gone(name):
    assert gazetteer.lookup(name) == ()


def test_regions_cover_the_country():
    regs = gazetteer.regions()
    by_level = {lv: [r for r in regs if r.level == lv] for lv in gazetteer.LEVELS}
    assert len(by_level["province"]) == 34
    assert 330 <= len(by_level["city"]) <= 340
    assert 2800 <= len(by_level["county"]) <= 2900
    assert len({r.adcode for r in regs}) == len(regs)
    for r in by_level["county"]:
        assert r.adcode[:2] + "0000" == gazetteer.lookup(r.province)[0].adcode
    # municipalities have no prefecture layer
    assert {r.city for r in by_level["county"] if r.province == "上海市"} == {None}


def test_regions_returns_a_fresh_list():
    a = gazetteer.regions()
    a.clear()
    assert gazetteer.regions()


@pytest.mark.parametrize("name,full,end", [
    ("平湖市统计局", "浙江省嘉兴市平湖市", 3),
    ("湘潭县统计局", "湖南省湘潭市湘潭县", 3),
    ("上海市人民政府办公厅", "上海市", 3),
    ("上海市科委", "上海市", 3),
    ("江苏省宿迁市沭阳县人民政府", "江苏省宿迁市沭阳县", 9),
    ("北京市密云区发展和改革委员会", "北京市密云区", 6),
    ("杭州市钱塘区人民政府", "浙江省杭州市钱塘区", 6),
    ("福州市鼓楼区教育局", "福建省福州市鼓楼区", 6),
    ("吉林市统计局", "吉林省吉林市", 3),
    ("吉林省统计局", "吉林省", 3),
])
def test_match_prefix_walks_down_the_hierarchy(name, full, end):
    m = gazetteer.match_prefix(name)
    assert m.region is not None and m.region.full_name == full
    assert m.end == end and not m.corrected and not m.ambiguous


def test_shared_names_need_context():
    m = gazetteer.match_prefix("朝阳区人民政府")
    assert m.region is None and m.ambiguous
    assert {r.city for r in m.candidates} >= {"长春市", None}
    m = gazetteer.match_prefix("朝阳区人民政府", context="北京市朝阳区人民政府2021年工作")
    assert m.region is not None and m.region.province == "北京市"


def test_ocr_garble_is_corrected_by_look_alike_pair():
    m = gazetteer.match_prefix("沐阳县人民政府")
    assert m.region is not None and m.region.full_name == "江苏省宿迁市沭阳县"
    assert m.corrected == (("沐阳县", "沭阳县"),) and m.end == 3


def test_ocr_garble_is_corrected_by_the_text_spelling_it_right():
    # 泗 and 洒 are not in the look-alike list: only the text can support the reading
    assert gazetteer.match_prefix("洒阳县统计局").region is None
    m = gazetteer.match_prefix("洒阳县统计局", context="…泗阳县统计局认真贯彻…")
    assert m.region is not None and m.region.name == "泗阳县"


def test_ocr_garble_is_corrected_where_the_engine_cannot_print_the_register_character():
    # an engine without 泗 among its characters reads it as another: that is support enough
    everything = frozenset(ch for r in gazetteer.regions() for ch in r.name)
    assert gazetteer.match_prefix("洒阳县统计局", printable=everything).region is None
    m = gazetteer.match_prefix("洒阳县统计局", printable=everything - {"泗"})
    assert m.region is not None and m.region.name == "泗阳县" and m.corrected == (("洒阳县", "泗阳县"),)


def test_an_ocr_document_knows_what_its_engine_can_print():
    pytest.importorskip("rapidocr_onnxruntime")
    from pipelines.ingest.ocr import OcrDocument
    from pipelines.ingest.ocr_engines import engine_version

    can = OcrDocument(path="x.pdf", engine=engine_version("rapidocr")).printable
    assert can is not None and {"县", "0", "9", "统"} <= can and len(can) > 6000
    assert OcrDocument(path="x.pdf").printable is None  # not read by an engine


def test_garble_below_a_prefecture():
    m = gazetteer.match_prefix("安徽省毫州市统计局")
    assert m.region is not None and m.region.full_name == "安徽省亳州市"
    assert m.corrected == (("毫州市", "亳州市"),)


@pytest.mark.parametrize("name", ["", "统计局", "国家统计局", "\ufffd\ufffd\ufffd县", "人民政府办公厅", "12345"])
def test_non_regions_match_nothing(name):
    m = gazetteer.match_prefix(name)
    assert m.region is None and m.end == 0 and not m.corrected


def test_a_wrong_parent_is_not_followed():
    # 密云区 is in 北京市, not 上海市: the walk stops at 上海市
    m = gazetteer.match_prefix("上海市密云区")
    assert m.region is not None and m.region.name == "上海市" and m.end == 3


def test_short_names():
    assert gazetteer.short_name("上海市") == "上海"
    assert gazetteer.short_name("新疆维吾尔自治区") == "新疆"
    assert gazetteer.short_name("浦东新区") == "浦东"
    assert gazetteer.short_name("赵县") == "赵县"


# --- regions named as an analyst writes them ---

@pytest.mark.parametrize("name,level,full", [
    ("河南", None, "河南省"), ("河南省", "province", "河南省"), ("郑州", "city", "河南省郑州市"),
    ("河南郑州", None, "河南省郑州市"), ("北京朝阳", None, "北京市朝阳区"), ("新疆", "province", "新疆维吾尔自治区"),
])
def test_find_region_takes_short_and_nested_names(name, level, full):
    assert gazetteer.find_region(name, level).full_name == full


def test_an_ambiguous_region_is_an_error_listing_the_candidates():
    with pytest.raises(gazetteer.RegionError, match="fits 2 regions: 吉林省、吉林省吉林市") as info:
        gazetteer.find_region("吉林")
    assert {r.full_name for r in info.value.candidates} == {"吉林省", "吉林省吉林市"}
    with pytest.raises(gazetteer.RegionError, match="北京市朝阳区"):
        gazetteer.find_region("朝阳区")


def test_an_unknown_region_is_an_error_and_level_and_within_narrow_the_search():
    with pytest.raises(gazetteer.RegionError, match="no province, city or county of that name"):
        gazetteer.find_region("火星")
    assert gazetteer.find_region("吉林", "city").full_name == "吉林省吉林市"
    assert gazetteer.find_region("朝阳区", within=gazetteer.find_region("北京")).adcode == "110105"
    assert gazetteer.find_regions("火星") == []


def test_a_name_is_looked_up_at_every_length_it_could_have():
    """`_exact_step` probes only the lengths the register has for a slice's first two characters:
    it finds what probing every length, longest first, finds."""
    import random

    from pipelines.gazetteer import _exact_step, _fits, _index, _pick

    exact = _index()[0]
    longest = max(map(len, exact))

    def every_length(s: str, pos: int, parent, context: str):
        for length in range(min(longest, len(s) - pos), 1, -1):
            cands = [r for r in exact.get(s[pos:pos + length], ()) if _fits(r, parent)]
            if cands:
                region, ambiguous = _pick(cands, context)
                return region, length, ambiguous
        return None

    names = [r.name for r in gazetteer.regions()]
    pieces = [*names, "人民政府", "市场监督管理局", "区", "县"]
    rng = random.Random(5)
    for _ in range(3000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
        parent = rng.choice([None, *gazetteer.lookup(rng.choice(names))])
        for pos in range(len(s)):
            assert _exact_step(s, pos, parent, "") == every_length(s, pos, parent, "")


def test_the_metadata_reader_passes_on_what_the_source_can_print():
    from pipelines.parse.metadata import extract_metadata

    title = ["洒阳县统计局2020年度政府信息公开工作年度报告"]
    everything = frozenset(ch for r in gazetteer.regions() for ch in r.name)
    assert extract_metadata(title, "").region["county"] is None
    meta = extract_metadata(title, "", printable=everything - {"泗"})
    assert meta.agency == "泗阳县统计局" and meta.region["county"] == "泗阳县"
    assert any(code == "agency_corrected" for code, *_ in meta.issues)
