"""What a report covers: one agency, a region, or the whole warehouse, over a range of years.

A region is named as an analyst writes it — 河南, 河南省, 郑州, 河南郑州, 北京市朝阳区 — and found
in the gazetteer: each part of the name is a region's full name or its short name (河南 for
河南省), each inside the one before. A name that fits several regions (朝阳区, 吉林) is an error
that lists them, never a guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from pipelines import gazetteer
from pipelines.gazetteer import Region


class ScopeError(ValueError):
    """The agency, region or years asked for cannot be told apart or do not exist."""


@dataclass(frozen=True)
class Scope:
    agency_id: str | None = None
    agency: str | None = None
    region: Region | None = None
    year_from: int | None = None
    year_to: int | None = None

    @property
    def name(self) -> str:
        """The agency's name, the region's full name, or '' for the whole warehouse."""
        if self.agency:
            return self.agency
        if self.region:
            return self.region.full_name
        return ""

    def params(self) -> dict[str, object]:
        """The $parameters of sql/report/10_scope.sql."""
        r = self.region
        return {
            "agency_id": self.agency_id,
            "level": r.level if r else None,
            "province": r.province if r else None,
            "city": r.city if r else None,
            "county": r.county if r else None,
            "year_from": self.year_from,
            "year_to": self.year_to,
        }


_YEARS = re.compile(r"^\s*(\d{4})?\s*(?:(-)\s*(\d{4})?)?\s*$")


def parse_years(text: str | None) -> tuple[int | None, int | None]:
    """'2019-2025' → (2019, 2025); '2021' → (2021, 2021); '2021-' → (2021, None); None → (None, None)."""
    if text is None or not str(text).strip():
        return None, None
    m = _YEARS.match(str(text))
    if not m or not (m.group(1) or m.group(3)):
        raise ScopeError(f"years {text!r}: write a year or a range, e.g. 2021 or 2019-2025")
    first = int(m.group(1)) if m.group(1) else None
    last = int(m.group(3)) if m.group(3) else (None if m.group(2) else first)
    if first is not None and last is not None and first > last:
        raise ScopeError(f"years {text!r}: the first year is after the last")
    return first, last


@cache
def _names() -> dict[str, tuple[Region, ...]]:
    """Every region under its full name and its short name."""
    out: dict[str, list[Region]] = defaultdict(list)
    for r in gazetteer.regions():
        out[r.name].append(r)
        short = gazetteer.short_name(r.name)
        if short != r.name:
            out[short].append(r)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


@cache
def _longest() -> int:
    return max(len(n) for n in _names())


def _inside(r: Region, parent: Region | None) -> bool:
    return parent is None or parent.contains(r)


def _walk(text: str, parent: Region | None) -> set[Region]:
    """The regions `text` names in full, each part inside the one before."""
    if not text:
        return {parent} if parent is not None else set()
    found: set[Region] = set()
    names = _names()
    for length in range(min(len(text), _longest()), 0, -1):
        for r in names.get(text[:length], ()):
            if _inside(r, parent):
                found |= _walk(text[length:], r)
    return found


def find_regions(name: str) -> list[Region]:
    """The regions a name written by an analyst may mean; an exact full name wins over a short one."""
    text = re.sub(r"\s+", "", name or "")
    if not text:
        return []
    exact = gazetteer.lookup(text)
    if len(exact) == 1:
        return list(exact)
    found = _walk(text, None)
    # 吉林 is 吉林省 and 吉林市: a region and a region inside it named alike are still two answers
    return sorted(found, key=lambda r: r.adcode)


def find_region(name: str) -> Region:
    """The one region `name` means, or a ScopeError naming the candidates."""
    found = find_regions(name)
    if not found:
        raise ScopeError(f"region {name!r}: no province, city or county of that name in the gazetteer")
    if len(found) > 1:
        listed = "、".join(r.full_name for r in found[:12])
        more = f" and {len(found) - 12} more" if len(found) > 12 else ""
        raise ScopeError(f"region {name!r} fits {len(found)} regions: {listed}{more}; "
                         "name the one you mean with its province or city in front, e.g. "
                         f"{found[0].full_name}")
    return found[0]
