"""The population of agencies the generator writes reports for: real region names, realistic
departments and levels, each agency with a size that drives how busy its reports are.

Regions come from `pipelines.gazetteer.regions()` when it can be imported; otherwise from a small
built-in list of real provinces, cities and counties, so the generator never depends on it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .data import load_data

_DATA = load_data("population")
# Fallback regions: province -> city -> counties (real names). Municipalities list districts.
_FALLBACK: dict[str, dict[str, tuple[str, ...]]] = {
    province: {city: tuple(counties) for city, counties in cities.items()}
    for province, cities in _DATA["fallback"].items()
}
# Common township and street names; combined with a county they make plausible local agencies.
_TOWNSHIPS: tuple[str, ...] = tuple(_DATA["townships"])
# Departments per level: (suffix, kind, relative busyness of disclosure requests, weight).
# kind groups departments whose numbers behave alike (numbers.py reads it).
_PROVINCE_DEPTS = tuple(tuple(d) for d in _DATA["province_departments"])
_CITY_DEPTS = tuple(tuple(d) for d in _DATA["city_departments"])
_COUNTY_DEPTS = tuple(tuple(d) for d in _DATA["county_departments"])
# the special administrative regions and Taiwan publish no such reports
_NO_REPORTS: tuple[str, ...] = tuple(_DATA["no_reports"])

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
        # municipalities name their general office like provinces do
        return f"{region.province}{suffix}", region, level, kind, busy
    if level == "city" and levels["city"]:
        region = rng.choice(levels["city"])
        suffix, kind, busy, _ = _pick(rng, _CITY_DEPTS)
        return f"{region.city}{suffix}", region, level, kind, busy
    region = rng.choice(levels["county"])
    place = _county_prefix(region)
    if level == "township":
        town = rng.choice(_TOWNSHIPS)
        suffix = _DATA["street_office"] if town.endswith(_DATA["street"]) else _DATA["township_government"]
        return f"{region.county}{town}{suffix}", region, level, "township", 0.15
    suffix, kind, busy, _ = _pick(rng, _COUNTY_DEPTS)
    return f"{place}{suffix}", region, "county", kind, busy


def _county_prefix(region: Region) -> str:
    """Districts are named with their city, counties and county-level cities alone."""
    county = region.county or ""
    if county.endswith(_DATA["district"]):
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
            name = f"{name[:-4]}{_DATA['nth'].format(n=len(agencies))}{name[-4:]}"
        seen.add(name)
        # agencies of one kind still differ a lot: a lognormal factor per agency
        size = busy * rng.lognormvariate(0.0, 0.9)
        agencies.append(Agency(len(agencies), name, region, level, kind, size))
    return agencies
