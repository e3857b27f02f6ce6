"""The population of agencies the generator writes reports for: real region names, realistic
departments and levels, each agency with a size that drives how busy its reports are.

Regions come from `pipelines.gazetteer.regions()` when it can be imported; otherwise from a small
built-in list of real provinces, cities and counties, so the generator never depends on it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

# Fallback regions: province -> city -> counties (real names). Municipalities list districts.
_FALLBACK: dict[str, dict[str, tuple[str, ...]]] = {
    "浙江省": {
        "杭州市": ("上城区", "拱墅区", "西湖区", "萧山区", "余杭区", "桐庐县", "淳安县", "建德市"),
        "嘉兴市": ("南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"),
        "温州市": ("鹿城区", "龙湾区", "瓯海区", "永嘉县", "平阳县", "苍南县", "瑞安市", "乐清市"),
    },
    "江苏省": {
        "南京市": ("玄武区", "秦淮区", "建邺区", "鼓楼区", "浦口区", "栖霞区", "江宁区", "溧水区"),
        "苏州市": ("姑苏区", "吴中区", "相城区", "吴江区", "常熟市", "张家港市", "昆山市", "太仓市"),
        "徐州市": ("鼓楼区", "云龙区", "铜山区", "丰县", "沛县", "睢宁县", "新沂市", "邳州市"),
    },
    "湖南省": {
        "长沙市": ("芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县", "浏阳市"),
        "湘潭市": ("雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市"),
        "岳阳市": ("岳阳楼区", "云溪区", "君山区", "岳阳县", "华容县", "湘阴县", "平江县", "汨罗市"),
    },
    "福建省": {
        "福州市": ("鼓楼区", "台江区", "仓山区", "马尾区", "晋安区", "闽侯县", "连江县", "福清市"),
        "泉州市": ("鲤城区", "丰泽区", "洛江区", "惠安县", "安溪县", "晋江市", "石狮市", "南安市"),
    },
    "广东省": {
        "广州市": ("荔湾区", "越秀区", "海珠区", "天河区", "白云区", "黄埔区", "番禺区", "花都区"),
        "佛山市": ("禅城区", "南海区", "顺德区", "三水区", "高明区"),
        "梅州市": ("梅江区", "梅县区", "大埔县", "丰顺县", "五华县", "平远县", "蕉岭县", "兴宁市"),
    },
    "四川省": {
        "成都市": ("锦江区", "青羊区", "金牛区", "武侯区", "成华区", "双流区", "郫都区", "都江堰市"),
        "绵阳市": ("涪城区", "游仙区", "安州区", "三台县", "盐亭县", "梓潼县", "江油市"),
    },
    "山东省": {
        "济南市": ("历下区", "市中区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区", "平阴县"),
        "潍坊市": ("潍城区", "寒亭区", "坊子区", "奎文区", "临朐县", "昌乐县", "青州市", "寿光市"),
    },
    "河南省": {
        "郑州市": ("中原区", "二七区", "金水区", "惠济区", "中牟县", "巩义市", "荥阳市", "新密市"),
        "洛阳市": ("老城区", "西工区", "涧西区", "偃师区", "孟津区", "新安县", "栾川县", "嵩县"),
    },
    "上海市": {"上海市": ("黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "浦东新区")},
    "北京市": {"北京市": ("东城区", "西城区", "朝阳区", "丰台区", "石景山区", "海淀区", "顺义区", "昌平区")},
}

# Common township and street names; combined with a county they make plausible local agencies.
_TOWNSHIPS = (
    "城关镇", "新城街道", "东城街道", "西城街道", "城南街道", "城北街道", "新华街道", "人民路街道",
    "金山镇", "石桥镇", "河口镇", "新塘镇", "龙泉镇", "白沙镇", "青山镇", "长乐镇", "太平镇",
    "永安镇", "大同镇", "和平镇", "三江镇", "马桥镇", "黄土镇", "杨柳镇", "花桥镇", "双溪镇",
    "清水镇", "凤凰镇", "高桥镇", "东湖街道", "南湖街道", "北苑街道", "解放街道", "文化街道",
    "古城镇", "沙河镇", "桃源乡", "梅溪乡", "石门乡", "红星乡",
)

# Departments per level: (suffix, kind, relative busyness of disclosure requests, weight).
# kind groups departments whose numbers behave alike (numbers.py reads it).
_PROVINCE_DEPTS = (
    ("人民政府", "government", 6.0, 2), ("人民政府办公厅", "office", 4.0, 2),
    ("发展和改革委员会", "development", 2.0, 2), ("市场监督管理局", "market", 2.5, 2),
    ("统计局", "statistics", 0.6, 1), ("公安厅", "police", 3.0, 1), ("教育厅", "education", 1.5, 1),
    ("自然资源厅", "land", 5.0, 2), ("住房和城乡建设厅", "housing", 3.0, 1), ("生态环境厅", "environment", 1.5, 1),
    ("人力资源和社会保障厅", "social", 2.0, 1), ("交通运输厅", "transport", 1.2, 1), ("财政厅", "finance", 1.5, 1),
)
_CITY_DEPTS = (
    ("人民政府", "government", 4.0, 3), ("人民政府办公室", "office", 2.0, 2),
    ("发展和改革委员会", "development", 1.5, 2), ("市场监督管理局", "market", 2.0, 2),
    ("统计局", "statistics", 0.4, 2), ("公安局", "police", 2.5, 2), ("教育局", "education", 1.2, 2),
    ("自然资源和规划局", "land", 4.0, 2), ("住房和城乡建设局", "housing", 2.5, 2),
    ("生态环境局", "environment", 1.0, 1), ("人力资源和社会保障局", "social", 1.5, 1),
    ("交通运输局", "transport", 0.8, 1), ("财政局", "finance", 1.0, 1), ("卫生健康委员会", "health", 0.8, 1),
)
_COUNTY_DEPTS = (
    ("人民政府", "government", 2.5, 4), ("人民政府办公室", "office", 1.0, 2),
    ("发展和改革局", "development", 0.6, 2), ("市场监督管理局", "market", 1.0, 3),
    ("统计局", "statistics", 0.2, 2), ("公安局", "police", 1.2, 2), ("教育局", "education", 0.6, 2),
    ("自然资源和规划局", "land", 2.5, 2), ("住房和城乡建设局", "housing", 1.5, 2),
    ("人力资源和社会保障局", "social", 0.7, 1), ("农业农村局", "agriculture", 0.5, 1),
    ("财政局", "finance", 0.4, 1), ("民政局", "civil", 0.4, 1), ("卫生健康局", "health", 0.4, 1),
)

_NO_REPORTS = ("香港", "澳门", "台湾")

LEVEL_SHARES = {"province": 0.03, "city": 0.14, "county": 0.53, "township": 0.30}


@dataclass(frozen=True)
class Region:
    province: str
    city: str | None = None
    county: str | None = None
    adcode: str | None = None
    level: str | None = None  # province, city or county; derived from the names when None

    @property
    def name(self) -> str:
        """The shortest name an agency of this region is prefixed with."""
        return self.county or self.city or self.province


@dataclass(frozen=True)
class Agency:
    id: int
    name: str
    region: Region
    level: str  # province, city, county, township
    kind: str  # government, office, market, statistics, township, …
    busyness: float  # relative scale of requests received
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def _gazetteer_regions() -> list[Region] | None:
    try:
        from pipelines import gazetteer  # written beside this package; optional here
        raw = list(gazetteer.regions())
    except Exception:  # any failure means: use the built-in list
        return None
    out = []
    for r in raw:
        get = r.get if isinstance(r, dict) else lambda k, r=r: getattr(r, k, None)
        province = get("province")
        # the special administrative regions and Taiwan publish no such reports
        if not province or any(s in province for s in _NO_REPORTS):
            continue
        out.append(Region(province, get("city"), get("county"), get("adcode"), get("level")))
    return out or None


def _fallback_regions() -> list[Region]:
    out: list[Region] = []
    for province, cities in _FALLBACK.items():
        out.append(Region(province))
        for city, counties in cities.items():
            if city != province:
                out.append(Region(province, city))
            out.extend(Region(province, city, county) for county in counties)
    return out


def load_regions() -> list[Region]:
    """Every region the population can be drawn from (provinces, cities, counties)."""
    return _gazetteer_regions() or _fallback_regions()


def _by_level(regions: list[Region]) -> dict[str, list[Region]]:
    levels: dict[str, list[Region]] = {"province": [], "city": [], "county": []}
    for r in regions:
        level = r.level or ("county" if r.county else "city" if r.city and r.city != r.province else
                            "province" if not r.city else None)
        if level in levels:
            levels[level].append(r)
    return levels


def _pick(rng: random.Random, options: tuple) -> tuple:
    return rng.choices(options, weights=[o[-1] for o in options])[0]


def _draw(rng: random.Random, levels: dict[str, list[Region]]) -> tuple[str, Region, str, str, float]:
    level = rng.choices(list(LEVEL_SHARES), weights=list(LEVEL_SHARES.values()))[0]
    if level == "province" and levels["province"]:
        region = rng.choice(levels["province"])
        suffix, kind, busy, _ = _pick(rng, _PROVINCE_DEPTS)
        # 上海市人民政府办公厅 style: municipalities use 办公厅 like provinces
        return f"{region.province}{suffix}", region, level, kind, busy
    if level == "city" and levels["city"]:
        region = rng.choice(levels["city"])
        suffix, kind, busy, _ = _pick(rng, _CITY_DEPTS)
        return f"{region.city}{suffix}", region, level, kind, busy
    region = rng.choice(levels["county"])
    place = _county_prefix(region)
    if level == "township":
        town = rng.choice(_TOWNSHIPS)
        suffix = "办事处" if town.endswith("街道") else "人民政府"
        return f"{region.county}{town}{suffix}", region, level, "township", 0.15
    suffix, kind, busy, _ = _pick(rng, _COUNTY_DEPTS)
    return f"{place}{suffix}", region, "county", kind, busy


def _county_prefix(region: Region) -> str:
    """Districts are named with their city (厦门市集美区…), counties and county-level cities alone."""
    county = region.county or ""
    if county.endswith("区"):
        return f"{region.city or region.province}{county}"
    return county


def build_population(n: int, seed: int, regions: list[Region] | None = None) -> list[Agency]:
    """`n` agencies with distinct names, deterministic for a seed and a region list."""
    rng = random.Random(f"population/{seed}")
    levels = _by_level(regions if regions is not None else load_regions())
    if not levels["county"]:
        raise ValueError("the region list holds no county-level regions")
    seen: set[str] = set()
    agencies: list[Agency] = []
    tries = 0
    while len(agencies) < n:
        name, region, level, kind, busy = _draw(rng, levels)
        tries += 1
        if name in seen and tries < 50 * n:
            continue
        if name in seen:  # the region list is too small for n distinct names
            name = f"{name[:-4]}第{len(agencies)}{name[-4:]}"
        seen.add(name)
        # agencies of one kind still differ a lot: a lognormal factor per agency
        size = busy * rng.lognormvariate(0.0, 0.9)
        agencies.append(Agency(len(agencies), name, region, level, kind, size))
    return agencies
